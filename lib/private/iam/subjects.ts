/**
 * How tightly a web identity trust pins the token's subject. (H1b replaces the shape-based judgment here with the
 * issuer table of issuers.ts; kept as it was in the old reader until then.)
 */
import { FederatedPrincipalInfo, OidcFamily, claimClauses, subjectClaims } from './principals';
import { claimOf, isNarrowing, operatorHasWildcards, PolicyStatement } from './policy';
import { hasWildcard, isPureWildcard, withNeutralPlaceholders } from './text';

// ---------------------------------------------------------------------------------------------------------------------
// Subjects of web identities
// ---------------------------------------------------------------------------------------------------------------------

/** How tightly a subject value (or set of conditions) pins who may assume. */
export enum SubjectStrength {
  /** One repository / project / service account / workspace / concrete identity. */
  PINNED = 3,
  /** Anchored to one owner, group, namespace or organization, but any repository/project/account of it. */
  BROAD = 2,
  /** Matches identities of anyone (`*`, `repo:*`, `repo:acme*`, `system:serviceaccount:*`) or nothing tested. */
  UNPINNED = 1,
}

const NAME = '[^*?:/{}]+'; // a concrete path segment (placeholders excluded on purpose: checked before)

/**
 * Classifies one subject value of a claim.
 *
 * Known forms: GitHub `repo:OWNER/REPO:...` (also `repo:OWNER@ID/REPO@ID:...`), GitLab `project_path:GROUP/PROJECT:...`,
 * EKS `system:serviceaccount:NAMESPACE:NAME`, Terraform Cloud `organization:ORG:project:P:workspace:W:...`.
 * A value without wildcards (or compared with an operator that reads none) is an exact identity: PINNED.
 * For a known issuer family a wildcard value must follow that family's form; for any other issuer, a wildcard value
 * in a known form is judged by that form, and anything else is PINNED unless it is only wildcards.
 */
export function classifySubjectValue(claim: string, value: string, wildcards: boolean, family = OidcFamily.GENERIC): SubjectStrength {
  if (!wildcards || !hasWildcard(value)) return SubjectStrength.PINNED;
  const v = withNeutralPlaceholders(value);
  switch (claim) {
    case 'repository': // OWNER/REPO
      return ownerRepo(v, new RegExp(`^${NAME}/${NAME}$`), new RegExp(`^${NAME}/`));
    case 'repository_id':
      return SubjectStrength.UNPINNED;
    case 'job_workflow_ref': // OWNER/REPO/path@ref
      return ownerRepo(v, new RegExp(`^${NAME}/${NAME}/`), new RegExp(`^${NAME}/`));
    default:
      break;
  }
  if (/^repo:/i.test(v)) {
    return ownerRepo(v, new RegExp(`^repo:${NAME}/${NAME}(:|$)`, 'i'), new RegExp(`^repo:${NAME}/`, 'i'));
  }
  if (/^project_path:/i.test(v)) {
    // GitLab: the project path is everything up to the next ':'; a wildcard in it opens more projects.
    const path = /^project_path:([^:]*)/i.exec(v)![1];
    if (!hasWildcard(path) && path.includes('/')) return SubjectStrength.PINNED;
    return new RegExp(`^${NAME}/`).test(path) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (/^system:serviceaccount:/i.test(v)) {
    const m = /^system:serviceaccount:([^:]*)(?::(.*))?$/i.exec(v)!;
    const [ns, sa] = [m[1], m[2] ?? ''];
    if (hasWildcard(ns) || ns === '') return SubjectStrength.UNPINNED;
    return hasWildcard(sa) || sa === '' ? SubjectStrength.BROAD : SubjectStrength.PINNED;
  }
  if (/^organization:/i.test(v)) {
    if (new RegExp(`^organization:${NAME}:project:[^:]*:workspace:${NAME}(:|$)`, 'i').test(v)) return SubjectStrength.PINNED;
    return new RegExp(`^organization:${NAME}:`, 'i').test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (family === OidcFamily.GITHUB) {
    // A customised GitHub subject template: look for a repository anchor in it.
    if (new RegExp(`(^|:)(repository|repo):${NAME}/${NAME}(:|$)`, 'i').test(v) || /(^|:)repository_id:\d+(:|$)/i.test(v)) {
      return SubjectStrength.PINNED;
    }
    return new RegExp(`(^|:)repository_owner(_id)?:${NAME}(:|$)`, 'i').test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (family !== OidcFamily.GENERIC) return SubjectStrength.UNPINNED;
  return isPureWildcard(v) ? SubjectStrength.UNPINNED : SubjectStrength.PINNED;
}


function ownerRepo(v: string, pinned: RegExp, owner: RegExp): SubjectStrength {
  if (pinned.test(v)) return SubjectStrength.PINNED;
  return owner.test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
}

/**
 * How tightly a statement pins the subject of a web identity principal: the strongest of its narrowing clauses on a
 * subject claim (clauses are ANDed), each clause as weak as its weakest value (values are ORed).
 */
export function subjectStrength(statement: PolicyStatement, info: FederatedPrincipalInfo): SubjectStrength {
  let best = SubjectStrength.UNPINNED;
  for (const clause of claimClauses(statement, info, subjectClaims(info))) {
    if (!isNarrowing(clause) || clause.values.length === 0) continue;
    const claim = claimOf(clause.keyLower);
    const wildcards = operatorHasWildcards(clause);
    const worst = Math.min(...clause.values.map(v => classifySubjectValue(claim, v, wildcards, info.family))) as SubjectStrength;
    best = Math.max(best, worst);
  }
  return best;
}

