/**
 * Judging the subject of a web identity trust by who controls each claim, with the issuer table of issuer-table.ts
 * (which holds the facts and their public sources, cited below as [GH-REF], [GL], [EKS]...).
 *
 * `judgeSubject(issuer, clauses)` answers, for the subject clauses of one trust statement:
 * - PINNED: every admitted token has its tenant fixed to one owner and its identity (repository, project, workspace,
 *   pipeline, service account, user) pinned;
 * - BROAD: the tenant is fixed, but any repository / project / service account of it is admitted;
 * - UNPINNED: tokens of other tenants can match (or nothing is tested), with a one-line reason.
 *
 * Pure functions over plain data: no CDK, no template. Values may hold deploy-time placeholders (`{{Ref.X}}`, the
 * convention of the IAM model); a placeholder is one concrete, unknown name, never a wildcard.
 *
 * Internal: not exported from the package root.
 */
import { IssuerId, IssuerProfile, issuerProfile } from './issuer-table';

export * from './issuer-table';
// ---------------------------------------------------------------------------------------------------------------------
// Judging subjects
// ---------------------------------------------------------------------------------------------------------------------

/** How tightly a trust statement pins the tokens it admits. Ordered: a larger value is tighter. */
export enum SubjectStrength {
  /** Tokens of other tenants can match, or nothing is tested. */
  UNPINNED = 1,
  /** The tenant is fixed, but any repository / project / service account / user of it is admitted. */
  BROAD = 2,
  /** The tenant is fixed to one owner and the identity within it is pinned. */
  PINNED = 3,
}

/** One condition clause on a claim of the trusted issuer, as read from a trust statement. */
export interface SubjectClause {
  /**
   * The claim, lower case, without the issuer prefix (`sub`, `amr`, `repository_owner`), or a whole request-tag key
   * (`aws:requesttag/organization_slug`) for issuers whose tokens set session tags.
   */
  readonly claim: string;
  /** The values (ORed); placeholders (`{{...}}`) are concrete unknown names. */
  readonly values: readonly string[];
  /** Whether the operator reads `*` and `?` as wildcards (StringLike, ArnLike). */
  readonly wildcards: boolean;
  /**
   * Whether the clause narrows an Allow: a positive match, not `...IfExists`, not `ForAllValues:` (both are true when
   * the claim is absent), not negated. Default true. Non-narrowing clauses are ignored.
   */
  readonly narrowing?: boolean;
  /**
   * `ForAllValues:` with a negated string operator (`StringNotEquals`, `StringNotLike`): true when *no* value of the
   * multi-valued claim matches a value of the clause (and when the claim is absent) [IAM-MULTI]. Read for Cognito's
   * `amr` only, which every Cognito token carries: `ForAllValues:StringNotEquals amr unauthenticated` excludes guests,
   * whose `amr` is `["unauthenticated"]` [COGNITO].
   */
  readonly excludes?: boolean;
  /**
   * How the clause reads the values of a multi-valued claim, for the two other set shapes [IAM-MULTI]; read for
   * Cognito's `amr` only (see `AmrSetMode`, `amrSetModeOf`). Such a clause is not narrowing (`narrowing: false`).
   */
  readonly setMode?: AmrSetMode;
  /** The operator ignores case (`StringEqualsIgnoreCase`); the others compare case-sensitively [IAM-OPS]. */
  readonly ignoreCase?: boolean;
}

/**
 * [IAM-OPS] Condition operators: StringEquals "exact matching, case sensitive", StringLike "case-sensitive matching",
 * StringEqualsIgnoreCase "exact matching, ignoring case":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * [IAM-MULTI] ForAllValues with a negated operator ("ForAllValues:StringNotLike aws:TagKeys key1*": no match for
 * [key1:legal], a match for [key2:audit] and for an absent key):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
 * ("ForAllValues ... every value in the request context must match at least one value in the policy";
 * "ForAllValues ... also returns true if there are no context keys in the request").
 * [IAM-NOR] "If a single negated matching condition operator includes multiple values for a context key, those values
 * are evaluated using a logical NOR":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 * [COGNITO] "When Amazon Cognito creates a token, it sets the amr of the token as either unauthenticated or
 * authenticated. If amr is authenticated, the token includes any providers used during authentication":
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */

/**
 * Set-operator shapes of a clause on Cognito's multi-valued `amr` that narrow it although they are not positive
 * `ForAnyValue:` matches. Every Cognito token carries `amr` [COGNITO]: a guest's is exactly `["unauthenticated"]`, a
 * signed-in identity's is `["authenticated", <provider>, ...]`, so the "true when the key is absent" reading of
 * `ForAllValues:` [IAM-MULTI] does not open them.
 */
export enum AmrSetMode {
  /**
   * `ForAnyValue:` with a negated string operator (`StringNotEquals`, `StringNotLike`): true when *some* `amr` value
   * matches none of the clause's values [IAM-MULTI] [IAM-NOR]. `ForAnyValue:StringNotEquals amr unauthenticated`
   * excludes guests (their only value is `unauthenticated`) and admits signed-in identities (`authenticated` differs).
   */
  SOME_UNMATCHED = 'some-unmatched',
  /**
   * `ForAllValues:` with a positive string operator (`StringEquals`, `StringLike`): true when *every* `amr` value
   * matches one of the clause's values [IAM-MULTI]. `ForAllValues:StringLike amr ["authenticated", "cognito-idp.*"]`
   * excludes guests: `unauthenticated` matches neither.
   */
  ALL_MATCHED = 'all-matched',
}

/**
 * The `AmrSetMode` of a condition clause (the fields of policy.ts `ConditionClause`), or `undefined` for the other
 * shapes (positive `ForAnyValue:` and plain operators narrow by themselves; `ForAllValues:` negated is `excludes`).
 */
export function amrSetModeOf(c: {
  readonly base: string;
  readonly set?: string;
  readonly negated: boolean;
}): AmrSetMode | undefined {
  if (!c.base.startsWith('string')) return undefined;
  if (c.set === 'foranyvalue' && c.negated) return AmrSetMode.SOME_UNMATCHED;
  if (c.set === 'forallvalues' && !c.negated) return AmrSetMode.ALL_MATCHED;
  return undefined;
}

/** `clause` (built from the condition clause `c`) with the `AmrSetMode` of `c`, when it has one. */
export function withAmrSetMode(
  clause: SubjectClause,
  c: { readonly base: string; readonly set?: string; readonly negated: boolean },
): SubjectClause {
  const setMode = amrSetModeOf(c);
  return setMode === undefined ? clause : { ...clause, setMode };
}

/** The verdict on the subject clauses of one trust statement. */
export interface SubjectJudgement {
  readonly strength: SubjectStrength;
  /** One line: why. */
  readonly why: string;
  readonly issuer: IssuerProfile;
}

/** What one value (or clause, or statement) fixes. */
interface Pin {
  /** The owner of the tokens is fixed. */
  readonly tenant: boolean;
  /** The repository / project / workspace / service account / user within the tenant is fixed. */
  readonly identity: boolean;
  readonly why: string;
}

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/**
 * Judges the subject clauses of one trust statement for an issuer (see the module comment). Clauses are ANDed (what
 * any of them fixes is fixed); the values of one clause are ORed (a clause fixes only what all its values fix).
 */
export function judgeSubject(issuer: string | undefined, clauses: readonly SubjectClause[]): SubjectJudgement {
  const profile = issuerProfile(issuer);
  const relevant = clauses
    .filter(
      (c) =>
        c.narrowing !== false || ((c.excludes === true || c.setMode !== undefined) && profile.id === IssuerId.COGNITO),
    )
    .filter((c) => c.values.length > 0 && isSubjectClaim(profile, c.claim))
    // a case-insensitive operator matches what the lower-case value matches
    .map((c) => (c.ignoreCase ? { ...c, values: c.values.map((v) => v.toLowerCase()) } : c));
  if (profile.id === IssuerId.COGNITO) return judgeCognito(profile, relevant);
  const perTenant = profile.issuerFixesTenant;
  if (relevant.length === 0) {
    if (profile.noSubjectAdmitsOutsiders)
      return { strength: SubjectStrength.UNPINNED, why: profile.noSubjectAdmitsOutsiders, issuer: profile };
    return perTenant
      ? {
          strength: SubjectStrength.BROAD,
          why: `no subject condition: every identity of the tenant fixed by the issuer (${profile.tenantClaim}) is admitted`,
          issuer: profile,
        }
      : {
          strength: SubjectStrength.UNPINNED,
          why: `no subject condition: any token of ${profile.name} is admitted`,
          issuer: profile,
        };
  }
  let tenant = perTenant;
  let identity = false;
  const reasons: string[] = [];
  for (const clause of relevant) {
    const pins = clause.values.map((v) => judgeValue(profile, clause.claim, v, clause.wildcards));
    const clauseTenant = pins.every((p) => p.tenant);
    const clauseIdentity = pins.every((p) => p.identity);
    tenant ||= clauseTenant;
    identity ||= clauseIdentity;
    const weakest = pins.find((p) => !p.tenant) ?? pins.find((p) => !p.identity);
    if (weakest) reasons.push(weakest.why);
  }
  if (tenant && identity)
    return { strength: SubjectStrength.PINNED, why: 'tenant and identity pinned', issuer: profile };
  const why = reasons[0] ?? 'the subject is not pinned';
  if (tenant) return { strength: SubjectStrength.BROAD, why, issuer: profile };
  return { strength: SubjectStrength.UNPINNED, why, issuer: profile };
}

function isSubjectClaim(profile: IssuerProfile, claim: string): boolean {
  return profile.subjectClaims.includes(claim.toLowerCase());
}

function judgeValue(profile: IssuerProfile, claim: string, raw: string, wildcards: boolean): Pin {
  const value = raw.trim();
  if (value !== '' && value.replace(PLACEHOLDER, '') === '') {
    // a value known only at deploy time (a parameter without default, an import): one exact value, not judged
    return { tenant: true, identity: true, why: 'a value known only at deploy time' };
  }
  const wild = wildcards && /[*?]/.test(value.replace(PLACEHOLDER, ''));
  const c = claim.toLowerCase();
  switch (profile.id) {
    case IssuerId.GITHUB:
    case IssuerId.GITHUB_TENANT:
      return github(profile, c, value, wild);
    case IssuerId.GITLAB:
      return gitlab(c, value, wild);
    case IssuerId.EKS:
      return eks(value, wild);
    case IssuerId.TERRAFORM:
      return terraform(c, value, wild);
    case IssuerId.BUILDKITE:
      return buildkite(c, value, wild);
    case IssuerId.BITBUCKET:
      return anchored(
        /^\{?([0-9a-f-]{36}|\{\{[^{}]*\}\})\}?(:|$)/i.test(value) && !startsWild(value, wild),
        true,
        'a Bitbucket subject that does not start with one repository UUID admits any repository of the workspace',
      );
    case IssuerId.CIRCLECI:
      return circleci(value, wild);
    case IssuerId.GOOGLE:
      return google(value, wild);
    case IssuerId.ENTRA:
    case IssuerId.SINGLE_TENANT_IDP:
      return wild
        ? { tenant: true, identity: false, why: `'${value}' is a pattern: any matching identity of the tenant` }
        : { tenant: true, identity: true, why: 'exact subject' };
    default:
      // Facebook, Amazon, Microsoft consumer accounts, unknown issuers: an exact value, or nothing.
      return wild
        ? {
            tenant: false,
            identity: false,
            why: `'${value}' is a pattern on ${profile.name}: its subject format is not known to bound a wildcard, so the subject must be exact`,
          }
        : { tenant: true, identity: true, why: 'exact subject' };
  }
}

/** A Pin for a value that is anchored (tenant) and, when `identity`, pinned within it. */
function anchored(tenant: boolean, identity: boolean, whyNot: string): Pin {
  return { tenant, identity: tenant && identity, why: tenant && identity ? 'pinned' : whyNot };
}

/** Whether a (wildcard-reading) value starts with a wildcard. */
function startsWild(value: string, wild: boolean): boolean {
  return wild && /^[*?]/.test(value);
}

/** A segment that is concrete: no wildcard (placeholders count as concrete names), not empty. */
function concrete(segment: string | undefined, wild: boolean): boolean {
  if (segment === undefined || segment === '') return false;
  return !wild || !/[*?]/.test(segment.replace(PLACEHOLDER, ''));
}

// --- GitHub ----------------------------------------------------------------------------------------------------------

/**
 * GitHub subjects are `key:value` pairs joined by `:`; a `:` inside a value is sent as `%3A` [GH-REF], so a pattern can
 * only meet `repo:OWNER/REPO` where GitHub wrote it. Anchors, in the order GitHub sets them from the running repository:
 * `repo:OWNER/REPO` (immutable `repo:OWNER@ID/REPO@ID`), `repository_id:N` (unique, never reused [GH-GCP]),
 * `repository_owner:OWNER`, `repository_owner_id:N`. Everything else in a customised subject is chosen by whoever runs
 * the workflow: `environment:prod`, `job_workflow_ref:...` (the called workflow [GH-REUSE]), `actor:alice`.
 */
function github(profile: IssuerProfile, claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'repository': {
      // OWNER/REPO
      const [owner, repo] = splitOwner(value);
      return ownerRepoPin(owner, repo, wild, `repository '${value}'`);
    }
    case 'repository_id':
      return concrete(value, wild) && /^(\d|\{\{[^{}]*\}\})+$/.test(value)
        ? { tenant: true, identity: true, why: 'pinned' }
        : { tenant: false, identity: false, why: `repository_id '${value}' is not one numeric repository id` };
    case 'repository_owner':
    case 'repository_owner_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every repository of the owner` }
        : {
            tenant: false,
            identity: false,
            why: `${claim} '${value}' is a pattern: owners whose name matches it are admitted`,
          };
    case 'job_workflow_ref':
      return {
        tenant: false,
        identity: false,
        why: `job_workflow_ref names the called reusable workflow, not the calling repository: any repository allowed to call '${value}' is admitted`,
      };
    case 'actor':
    case 'actor_id':
      return {
        tenant: false,
        identity: false,
        why: `${claim} names a person, who can run workflows in repositories of any owner`,
      };
    default:
      return githubSubject(profile, value, wild);
  }
}

function githubSubject(profile: IssuerProfile, value: string, wild: boolean): Pin {
  const locked = noGitHubToken(value, wild);
  if (locked) return locked;
  // Find anchors at the start of the subject or right after a literal ':' (never after a wildcard: `*repo:...`
  // matches a branch or environment name ending in "repo").
  let best: Pin | undefined;
  const re = /(^|:)(repo|repository|repository_id|repository_owner|repository_owner_id):([^:]*)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const [, , key, segment] = m;
    let pin: Pin;
    if ((key === 'repo' || key === 'repository') && segment === '') {
      // `repo::...` (an empty owner, e.g. a parameter left empty): no GitHub token has it
      pin = { tenant: true, identity: true, why: 'an empty repository matches no token' };
    } else if (key === 'repo' || key === 'repository') {
      const [owner, repo] = splitOwner(segment);
      pin = ownerRepoPin(owner, repo, wild, `'${value}'`);
    } else {
      pin = github(profile, key, segment, wild);
    }
    if (!best || score(pin) > score(best)) best = pin;
    if (best.tenant && best.identity) break;
  }
  if (best) return best;
  if (!wild && !/:/.test(value)) {
    return {
      tenant: false,
      identity: false,
      why: `'${value}' is not a GitHub subject (repo:OWNER/REPO:...): it matches no token, or one a customised template makes`,
    };
  }
  const chosen = /(^|:)(environment|ref|workflow|job_workflow_ref|actor|context|event_name|pull_request)(:|$)/.exec(
    value,
  )?.[2];
  const why =
    chosen === 'job_workflow_ref'
      ? `'${value}' has no repository: job_workflow_ref names the called reusable workflow, not the caller`
      : chosen
        ? `'${value}' has no repository or owner: with a customised subject template any repository can send ${chosen === 'pull_request' ? 'pull_request' : `${chosen}:...`}`
        : `'${value}' does not fix the owner: repositories of other owners can match`;
  return { tenant: false, identity: false, why };
}

/**
 * A value no GitHub token can match: every GitHub subject starts with a lower-case claim name and `:` (`repo:`, or
 * the first claim of a customised template) [GH-REF], and StringEquals / StringLike compare case-sensitively
 * [IAM-OPS], so `Repo:acme/app:...` matches nothing: the role is locked, not open.
 */
function noGitHubToken(value: string, wild: boolean): Pin | undefined {
  const head = value.split(PLACEHOLDER)[0];
  const literal = wild ? head.split(/[*?]/)[0] : head;
  const firstKey = literal.split(':')[0];
  if (!/[^a-z0-9_]/.test(firstKey)) return undefined;
  return {
    tenant: true,
    identity: true,
    why: `'${value}' matches no token: GitHub subjects start with a lower-case claim name (repo:OWNER/REPO:...), and the comparison is case-sensitive`,
  };
}

function score(pin: Pin): number {
  return (pin.tenant ? 2 : 0) + (pin.identity ? 1 : 0);
}

function splitOwner(segment: string): [string, string | undefined] {
  const i = segment.indexOf('/');
  return i < 0 ? [segment, undefined] : [segment.slice(0, i), segment.slice(i + 1)];
}

function ownerRepoPin(owner: string, repo: string | undefined, wild: boolean, what: string): Pin {
  if (repo === undefined && owner !== '' && owner.replace(PLACEHOLDER, '') === '') {
    // `repo:${Repository}:*`: one value known at deploy time stands for the whole OWNER/REPO
    return { tenant: true, identity: true, why: 'pinned' };
  }
  if (!concrete(owner, wild) || repo === undefined) {
    return {
      tenant: false,
      identity: false,
      why: `${what} does not fix the owner: other owners' repositories can match`,
    };
  }
  if (!concrete(repo, wild))
    return { tenant: true, identity: false, why: `${what} admits every matching repository of the owner` };
  return { tenant: true, identity: true, why: 'pinned' };
}

// --- GitLab, EKS, Terraform, Buildkite, CircleCI, Google --------------------------------------------------------------

function gitlab(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'project_path': {
      const [group, rest] = splitOwner(value);
      return ownerRepoPin(group, rest, wild, `project_path '${value}'`);
    }
    case 'project_id':
      return concrete(value, wild)
        ? { tenant: true, identity: true, why: 'pinned' }
        : { tenant: false, identity: false, why: `project_id '${value}' is a pattern` };
    case 'namespace_path':
    case 'namespace_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every project of the group` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other groups can match` };
    default: {
      // sub always starts with project_path [GL]
      const m = /^project_path:([^:]*)/.exec(value);
      if (!m || startsWild(value, wild))
        return {
          tenant: false,
          identity: false,
          why: `'${value}' does not start with project_path:GROUP/...: projects of other groups can match`,
        };
      const [group, rest] = splitOwner(m[1]);
      return ownerRepoPin(group, rest, wild, `'${value}'`);
    }
  }
}

function eks(value: string, wild: boolean): Pin {
  const m = /^system:serviceaccount:([^:]*)(?::(.*))?$/.exec(value);
  if (!m) {
    return wild
      ? {
          tenant: false,
          identity: false,
          why: `'${value}' is not system:serviceaccount:NAMESPACE:NAME: service accounts of any namespace can match`,
        }
      : { tenant: true, identity: true, why: 'exact subject' };
  }
  const [, ns, sa] = m;
  if (!concrete(ns, wild))
    return {
      tenant: false,
      identity: false,
      why: `'${value}' does not fix the namespace: service accounts of any namespace of the cluster can match`,
    };
  if (!concrete(sa, wild))
    return { tenant: true, identity: false, why: `'${value}' admits every service account of namespace ${ns}` };
  return { tenant: true, identity: true, why: 'pinned' };
}

function terraform(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'terraform_workspace_id':
      return concrete(value, wild)
        ? { tenant: true, identity: true, why: 'pinned' }
        : { tenant: false, identity: false, why: `terraform_workspace_id '${value}' is a pattern` };
    case 'terraform_organization_id':
    case 'terraform_organization_name':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every workspace of the organization` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other organizations can match` };
    default: {
      // organization:ORG[:project:PROJECT]:workspace:WS:run_phase:PHASE [TFC]
      const m = /^organization:([^:]*)(?::(.*))?$/.exec(value);
      if (!m || !concrete(m[1], wild))
        return {
          tenant: false,
          identity: false,
          why: `'${value}' does not fix the organization: workspaces of other HCP Terraform organizations can match`,
        };
      const ws = /^(project:[^:]*:)?workspace:([^:]*)(:|$)/.exec(m[2] ?? '');
      if (!ws || !concrete(ws[2], wild) || (ws[1] === undefined && wild && /^[*?]/.test(m[2] ?? ''))) {
        return { tenant: true, identity: false, why: `'${value}' admits every workspace of organization ${m[1]}` };
      }
      return { tenant: true, identity: true, why: 'pinned' };
    }
  }
}

function buildkite(claim: string, value: string, wild: boolean): Pin {
  switch (claim) {
    case 'aws:requesttag/organization_slug':
    case 'aws:requesttag/organization_id':
      return concrete(value, wild)
        ? { tenant: true, identity: false, why: `${claim} '${value}' admits every pipeline of the organization` }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern: other organizations can match` };
    case 'aws:requesttag/pipeline_slug':
    case 'aws:requesttag/pipeline_id':
      // a pipeline slug is unique within its organization only
      return concrete(value, wild)
        ? {
            tenant: claim.endsWith('_id'),
            identity: true,
            why: `${claim} '${value}' names a pipeline, not its organization`,
          }
        : { tenant: false, identity: false, why: `${claim} '${value}' is a pattern` };
    default: {
      // organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY [BK]
      const m = /^organization:([^:]*)(?::pipeline:([^:]*))?/.exec(value);
      if (!m || !concrete(m[1], wild))
        return {
          tenant: false,
          identity: false,
          why: `'${value}' does not fix the organization: pipelines of other Buildkite organizations can match`,
        };
      if (!concrete(m[2], wild))
        return { tenant: true, identity: false, why: `'${value}' admits every pipeline of organization ${m[1]}` };
      return { tenant: true, identity: true, why: 'pinned' };
    }
  }
}

function circleci(value: string, wild: boolean): Pin {
  // org/ORG_ID/project/PROJECT_ID/user/USER_ID [CCI]; the issuer already fixes the organization
  const m = /^org\/([^/]*)\/project\/([^/]*)(\/|$)/.exec(value);
  if (m && concrete(m[2], wild)) return { tenant: true, identity: true, why: 'pinned' };
  if (!wild) return { tenant: true, identity: true, why: 'exact subject' };
  return { tenant: true, identity: false, why: `'${value}' admits every project of the CircleCI organization` };
}

function google(value: string, wild: boolean): Pin {
  if (wild)
    return { tenant: false, identity: false, why: `'${value}' is a pattern: Google accounts of anyone can match` };
  if (/^(\d|\{\{[^{}]*\}\})+$/.test(value)) return { tenant: true, identity: true, why: 'pinned' };
  return {
    tenant: false,
    identity: false,
    why: `'${value}' is not a Google account id: the subject is the account's numeric id (an email address is never the subject)`,
  };
}

// --- Cognito ---------------------------------------------------------------------------------------------------------

/** The `amr` value Cognito gives guest (unauthenticated) identities [COGNITO]. */
export const COGNITO_GUEST_AMR = 'unauthenticated';
/** The `amr` value Cognito gives signed-in identities [COGNITO]. */
export const COGNITO_SIGNED_IN_AMR = 'authenticated';

/**
 * Whether an `amr` value of a clause admits guest identities: it is `unauthenticated`, or a pattern matching it
 * (`*authenticated`, `*`, `*auth*`, `un*`).
 */
export function amrValueAdmitsGuests(value: string, wildcards: boolean): boolean {
  return likeMatch(value, COGNITO_GUEST_AMR, wildcards);
}

/** Whether an `amr` value of a clause admits signed-in identities (`authenticated` or a pattern matching it). */
export function amrValueAdmitsSignedIn(value: string, wildcards: boolean): boolean {
  return likeMatch(value, COGNITO_SIGNED_IN_AMR, wildcards);
}

/**
 * Whether an `amr` clause admits identities whose `amr` holds `amr` (`unauthenticated` for guests, `authenticated`
 * for signed-in identities): a positive clause when one of its values matches it; an excluding clause
 * (`ForAllValues:StringNotEquals` / `StringNotLike`) when none of its values does. For signed-in identities this reads
 * the `authenticated` value only (their `amr` also names the provider, which an excluding clause may list).
 * With a set mode [IAM-MULTI]: a guest's `amr` is exactly `["unauthenticated"]` [COGNITO], so `SOME_UNMATCHED`
 * admits guests when no value matches `unauthenticated`, and `ALL_MATCHED` when one does. A signed-in identity's `amr`
 * also holds provider names, which are not known here: `SOME_UNMATCHED` admits it unless a value matches every string
 * (`*`); `ALL_MATCHED` reads its `authenticated` value only.
 */
export function amrClauseAdmits(clause: SubjectClause, amr: string): boolean {
  const values = clause.ignoreCase ? clause.values.map((v) => v.toLowerCase()) : clause.values;
  const match = values.some((v) => likeMatch(v, amr, clause.wildcards));
  switch (clause.setMode) {
    case AmrSetMode.SOME_UNMATCHED:
      if (amr === COGNITO_GUEST_AMR) return !match;
      // some value of the signed-in identity (`authenticated`, or a provider name) matches no value of the clause
      return !match || !values.some((v) => clause.wildcards && /^\*+$/.test(v));
    case AmrSetMode.ALL_MATCHED:
      return match;
    default:
      return clause.excludes ? !match : match;
  }
}

function judgeCognito(profile: IssuerProfile, clauses: readonly SubjectClause[]): SubjectJudgement {
  if (clauses.length === 0) {
    return {
      strength: SubjectStrength.UNPINNED,
      why: 'no amr condition: every identity of the pool is admitted, guests included when the pool allows them',
      issuer: profile,
    };
  }
  // clauses are ANDed: a clause that does not admit both kinds narrows to one kind (or to none)
  for (const clause of clauses) {
    if (!amrClauseAdmits(clause, COGNITO_GUEST_AMR) || !amrClauseAdmits(clause, COGNITO_SIGNED_IN_AMR))
      return { strength: SubjectStrength.PINNED, why: 'pinned', issuer: profile };
  }
  const first = clauses[0];
  const why = amrAdmitsGuestsWhy(first);
  return {
    strength: SubjectStrength.UNPINNED,
    why: first.setMode === undefined ? why : `${why}, and signed-in identities too`,
    issuer: profile,
  };
}

/** Why an `amr` clause that admits guests does (one line, for the rules' messages). */
export function amrAdmitsGuestsWhy(clause: SubjectClause): string {
  const listed = clause.values.map((v) => `'${v}'`).join(', ');
  if (clause.excludes) {
    return `ForAllValues with a negated operator on amr ${listed} excludes neither 'authenticated' nor 'unauthenticated': signed-in and guest identities are both admitted`;
  }
  if (clause.setMode === AmrSetMode.SOME_UNMATCHED) {
    return `ForAnyValue with a negated operator on amr ${listed} is true when some amr value matches none of them: a guest's only value 'unauthenticated' matches none, so guests are admitted`;
  }
  if (clause.setMode === AmrSetMode.ALL_MATCHED) {
    const v = clause.values.find((x) => amrValueAdmitsGuests(x, clause.wildcards)) ?? clause.values[0];
    return `ForAllValues on amr ${listed} is true when every amr value matches one of them: a guest's only value 'unauthenticated' matches '${v}', so guests are admitted`;
  }
  const v = clause.values.find((x) => amrValueAdmitsGuests(x, clause.wildcards)) ?? clause.values[0];
  return `amr '${v}' admits both signed-in and unauthenticated (guest) identities`;
}

// --- Matching --------------------------------------------------------------------------------------------------------

/**
 * IAM string matching: with `wildcards`, `*` is any run and `?` one character (StringLike, case-sensitive); without,
 * an exact comparison. A placeholder in the pattern matches any non-empty run (an unknown value).
 */
export function likeMatch(pattern: string, text: string, wildcards: boolean): boolean {
  const parts = pattern.split(PLACEHOLDER);
  const holes = pattern.match(PLACEHOLDER)?.length ?? 0;
  if (!wildcards && holes === 0) return pattern === text;
  const body = parts
    .map((part) =>
      part
        .split('')
        .map((ch) =>
          wildcards && ch === '*' ? '.*' : wildcards && ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
        )
        .join(''),
    )
    .join('.+');
  return new RegExp(`^${body}$`, 's').test(text);
}
