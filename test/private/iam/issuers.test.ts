import {
  amrClauseAdmits,
  AmrSetMode,
  amrSetModeOf,
  amrValueAdmitsGuests,
  IssuerId,
  issuerIdOf,
  ISSUERS,
  judgeSubject,
  likeMatch,
  SubjectClause,
  SubjectStrength,
  Tenancy,
} from '../../../lib/private/iam/issuers';

const GH = 'token.actions.githubusercontent.com';
const GL = 'gitlab.com';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const TFC = 'app.terraform.io';
const BK = 'agent.buildkite.com';
const BB = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const CCI = 'oidc.circleci.com/org/1b8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b';
const ENTRA = 'sts.windows.net/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

/** A StringLike clause. */
const like = (claim: string, ...values: string[]): SubjectClause => ({ claim, values, wildcards: true });
/** A StringEquals clause. */
const eq = (claim: string, ...values: string[]): SubjectClause => ({ claim, values, wildcards: false });

function strength(issuer: string | undefined, ...clauses: SubjectClause[]): SubjectStrength {
  return judgeSubject(issuer, clauses).strength;
}

describe('issuerIdOf', () => {
  test.each([
    [GH, IssuerId.GITHUB],
    [`https://${GH}/`, IssuerId.GITHUB],
    [`${GH}/octocat-inc`, IssuerId.GITHUB_TENANT],
    ['token.actions.octocorp.ghe.com', IssuerId.GITHUB_TENANT],
    ['github.example.com/_services/token', IssuerId.GITHUB_TENANT],
    [GL, IssuerId.GITLAB],
    ['gitlab.example.com', IssuerId.GITLAB],
    [EKS, IssuerId.EKS],
    ['oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC', IssuerId.EKS],
    [TFC, IssuerId.TERRAFORM],
    [BK, IssuerId.BUILDKITE],
    [BB, IssuerId.BITBUCKET],
    [CCI, IssuerId.CIRCLECI],
    ['accounts.google.com', IssuerId.GOOGLE],
    [ENTRA, IssuerId.ENTRA],
    ['login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0', IssuerId.ENTRA_CONSUMERS],
    ['cognito-identity.amazonaws.com', IssuerId.COGNITO],
    ['acme.eu.auth0.com', IssuerId.SINGLE_TENANT_IDP],
    ['acme.okta.com', IssuerId.SINGLE_TENANT_IDP],
    ['idp.example.com', IssuerId.UNKNOWN],
    ['{{Ref.IssuerHost}}', IssuerId.UNKNOWN],
    [undefined, IssuerId.UNKNOWN],
  ])('%s is %s', (issuer, id) => {
    // GIVEN an issuer  WHEN it is looked up  THEN the table names it
    expect(issuerIdOf(issuer)).toBe(id);
  });

  test('every issuer of the table cites at least one public source', () => {
    // GIVEN the table  WHEN its sources are read  THEN each is an https URL
    for (const profile of Object.values(ISSUERS)) {
      expect(profile.sources.length).toBeGreaterThan(0);
      for (const url of profile.sources) expect(url).toMatch(/^https:\/\//);
    }
  });

  test('on shared CI issuers the audience is a claim the job chooses', () => {
    // GIVEN the table  WHEN the chosen claims of shared CI issuers are read  THEN aud is among them
    for (const id of [IssuerId.GITHUB, IssuerId.GITLAB, IssuerId.TERRAFORM, IssuerId.BUILDKITE])
      expect(ISSUERS[id].chosenClaims).toContain('aud');
  });

  test('shared issuers need a tenant claim; per-tenant issuers fix it themselves', () => {
    // GIVEN the table  WHEN tenancies are read  THEN they follow the documented issuer URLs
    expect(ISSUERS[IssuerId.GITHUB].tenancy).toBe(Tenancy.SHARED);
    expect(ISSUERS[IssuerId.BUILDKITE].tenancy).toBe(Tenancy.SHARED);
    expect(ISSUERS[IssuerId.TERRAFORM].tenancy).toBe(Tenancy.SHARED);
    expect(ISSUERS[IssuerId.BITBUCKET].tenancy).toBe(Tenancy.PER_TENANT);
    expect(ISSUERS[IssuerId.CIRCLECI].tenancy).toBe(Tenancy.PER_TENANT);
    expect(ISSUERS[IssuerId.ENTRA].tenancy).toBe(Tenancy.PER_TENANT);
  });
});

describe('judgeSubject: GitHub', () => {
  test.each([
    ['a branch', like('sub', 'repo:acme/app:ref:refs/heads/main')],
    ['an environment', eq('sub', 'repo:acme/app:environment:prod')],
    ['any ref of one repository', like('sub', 'repo:acme/app:*')],
    ['the immutable form', like('sub', 'repo:acme@123/app@456:*')],
    [
      'a customised template with the repository first',
      eq('sub', 'repo:acme/app:environment:prod:job_workflow_ref:acme/ci/.github/workflows/d.yml@refs/heads/main'),
    ],
    ['a customised template with the repository after another claim', like('sub', '*:repo:acme/app:*')],
    ['repository_id in the subject', eq('sub', 'repository_id:260064828')],
    ['the repository claim', eq('repository', 'acme/app')],
    ['the repository_id claim', eq('repository_id', '260064828')],
    ['a placeholder repository', like('sub', 'repo:acme/{{Ref.RepoName}}:*')],
    ['a whole subject from a parameter without default', like('sub', '{{Ref.Subject}}')],
    ['OWNER/REPO from one parameter without default', like('sub', 'repo:{{Ref.Repository}}:*')],
    ['an empty owner (a parameter left empty): no token matches', like('sub', 'repo::*')],
  ] as [string, ...SubjectClause[]][])('%s is pinned', (_name, ...clauses) => {
    // GIVEN subject clauses that fix owner and repository  WHEN judged  THEN PINNED
    expect(strength(GH, ...clauses)).toBe(SubjectStrength.PINNED);
  });

  test.each([
    ['every repository of an owner', like('sub', 'repo:acme/*')],
    ['repositories whose name starts with app', like('sub', 'repo:acme/app*')],
    ['a one-character wildcard in the repository', like('sub', 'repo:acme/ap?:*')],
    ['repository_owner in a customised subject', eq('sub', 'repository_owner:acme')],
    ['repository_owner with visibility', eq('sub', 'repository_owner:acme:repository_visibility:private')],
    ['repository_owner_id in a customised subject', eq('sub', 'repository_owner_id:1342004')],
    ['the repository_owner claim', eq('repository_owner', 'acme')],
    ['an owner claim and a subject with a wildcard owner', eq('repository_owner', 'acme'), like('sub', 'repo:*/app:*')],
  ] as [string, ...SubjectClause[]][])('%s is broad', (_name, ...clauses) => {
    // GIVEN subject clauses that fix the owner only  WHEN judged  THEN BROAD
    expect(strength(GH, ...clauses)).toBe(SubjectStrength.BROAD);
  });

  test.each([
    ['no subject', []],
    ['"*"', [like('sub', '*')]],
    ['repo:*', [like('sub', 'repo:*')]],
    ['an owner prefix', [like('sub', 'repo:acme*')]],
    ['an owner prefix and a repository', [like('sub', 'repo:acme*/app:*')]],
    ['a wildcard owner', [like('sub', 'repo:*/app:*')]],
    ['a leading wildcard before the owner', [like('sub', '*acme/app:*')]],
    ['a wildcard glued to repo:', [like('sub', '*repo:acme/app:*')]],
    ['an environment only', [eq('sub', 'environment:prod')]],
    [
      'the called reusable workflow only',
      [eq('sub', 'job_workflow_ref:acme/ci/.github/workflows/deploy.yml@refs/heads/main')],
    ],
    ['the job_workflow_ref claim', [eq('job_workflow_ref', 'acme/ci/.github/workflows/deploy.yml@refs/heads/main')]],
    ['the actor claim', [eq('actor', 'alice')]],
    ['actor in a customised subject', [eq('sub', 'actor:alice')]],
    ['pull_request only', [like('sub', '*:pull_request')]],
    ['one safe and one open value', [like('sub', 'repo:acme/app:ref:refs/heads/main', 'repo:*')]],
    ['an owner pattern claim', [like('repository_owner', 'acme*')]],
    ['a wildcard repository_id', [like('repository_id', '26006482*')]],
    ['a non-narrowing clause', [{ claim: 'sub', values: ['repo:acme/app:*'], wildcards: true, narrowing: false }]],
  ])('%s is unpinned', (_name, clauses) => {
    // GIVEN subject clauses that other owners' tokens can match  WHEN judged  THEN UNPINNED
    expect(strength(GH, ...clauses)).toBe(SubjectStrength.UNPINNED);
  });

  test('the reason names the reusable workflow', () => {
    // GIVEN a subject made of job_workflow_ref  WHEN judged  THEN the reason says it names the called workflow
    const judgement = judgeSubject(GH, [
      eq('sub', 'job_workflow_ref:acme/ci/.github/workflows/deploy.yml@refs/heads/main'),
    ]);
    expect(judgement.why).toMatch(/called reusable workflow/);
  });

  test('an enterprise issuer fixes the tenant: any repository of it is broad, one repository pinned', () => {
    // GIVEN an enterprise slug issuer  WHEN judged  THEN the tenant is fixed by the issuer
    expect(strength(`${GH}/octocat-inc`)).toBe(SubjectStrength.BROAD);
    expect(strength(`${GH}/octocat-inc`, like('sub', 'repo:*'))).toBe(SubjectStrength.BROAD);
    expect(strength(`${GH}/octocat-inc`, eq('sub', 'environment:prod'))).toBe(SubjectStrength.BROAD);
    expect(strength(`${GH}/octocat-inc`, like('sub', 'repo:octocat-inc/app:*'))).toBe(SubjectStrength.PINNED);
  });
});

describe('judgeSubject: other issuers', () => {
  test.each([
    [GL, like('sub', 'project_path:acme/app:ref_type:branch:ref:main'), SubjectStrength.PINNED],
    [GL, like('sub', 'project_path:acme/platform/app:*'), SubjectStrength.PINNED],
    [GL, like('sub', 'project_path:acme/*'), SubjectStrength.BROAD],
    [GL, like('sub', 'project_path:acme*'), SubjectStrength.UNPINNED],
    [GL, like('sub', '*:ref_type:branch:ref:main'), SubjectStrength.UNPINNED],
    [GL, eq('namespace_path', 'acme'), SubjectStrength.BROAD],
    [EKS, eq('sub', 'system:serviceaccount:shop:checkout'), SubjectStrength.PINNED],
    [EKS, like('sub', 'system:serviceaccount:shop:*'), SubjectStrength.BROAD],
    [EKS, like('sub', 'system:serviceaccount:*'), SubjectStrength.UNPINNED],
    [EKS, like('sub', 'system:serviceaccount:*:checkout'), SubjectStrength.UNPINNED],
    [EKS, like('sub', 'payments*'), SubjectStrength.UNPINNED],
    [TFC, like('sub', 'organization:acme:project:Default Project:workspace:prod:run_phase:*'), SubjectStrength.PINNED],
    [TFC, like('sub', 'organization:acme:project:*:workspace:prod:run_phase:apply'), SubjectStrength.PINNED],
    [TFC, like('sub', 'organization:acme:workspace:prod:run_phase:*'), SubjectStrength.PINNED],
    [TFC, like('sub', 'organization:acme:*'), SubjectStrength.BROAD],
    [TFC, like('sub', 'organization:acme*'), SubjectStrength.UNPINNED],
    [TFC, like('sub', '*:workspace:prod:*'), SubjectStrength.UNPINNED],
    [BK, like('sub', 'organization:acme:pipeline:deploy:ref:refs/heads/main:*'), SubjectStrength.PINNED],
    [BK, like('sub', 'organization:acme:*'), SubjectStrength.BROAD],
    [BK, like('sub', 'organization:*:pipeline:deploy:*'), SubjectStrength.UNPINNED],
    [BK, like('sub', '*:pipeline:deploy:*'), SubjectStrength.UNPINNED],
    [BB, like('sub', '{0c8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b}:*'), SubjectStrength.PINNED],
    [BB, like('sub', '*'), SubjectStrength.BROAD],
    [CCI, like('sub', 'org/1b8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b/project/5c2a/user/*'), SubjectStrength.PINNED],
    [CCI, like('sub', 'org/1b8b9a4c-4c8d-4e0c-9b1a-2f0e6c1d2a3b/*'), SubjectStrength.BROAD],
    ['accounts.google.com', eq('sub', '110169484474386276334'), SubjectStrength.PINNED],
    ['accounts.google.com', eq('sub', 'alice@example.com'), SubjectStrength.UNPINNED],
    ['accounts.google.com', like('sub', '1101694844743862763*'), SubjectStrength.UNPINNED],
    [ENTRA, eq('sub', 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ'), SubjectStrength.PINNED],
    [ENTRA, like('sub', '*'), SubjectStrength.BROAD],
    ['login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0', like('sub', '*'), SubjectStrength.UNPINNED],
    ['idp.example.com', eq('sub', 'deployer'), SubjectStrength.PINNED],
    ['idp.example.com', like('sub', 'deploy*'), SubjectStrength.UNPINNED],
    [undefined, like('sub', 'repo:acme/*'), SubjectStrength.UNPINNED],
    ['acme.okta.com', like('sub', '00u*'), SubjectStrength.BROAD],
  ])('%s with %j is %s', (issuer, clause, expected) => {
    // GIVEN a subject clause for an issuer  WHEN judged  THEN the strength follows who controls the claim
    expect(strength(issuer, clause)).toBe(expected);
  });

  test('Buildkite session tags for the organization and the pipeline together are pinned', () => {
    // GIVEN the organization fixed by a session tag and the pipeline by the subject  WHEN judged  THEN PINNED
    expect(
      strength(BK, eq('aws:requesttag/organization_slug', 'acme'), eq('aws:requesttag/pipeline_slug', 'deploy')),
    ).toBe(SubjectStrength.PINNED);
    expect(strength(BK, eq('aws:requesttag/pipeline_slug', 'deploy'))).toBe(SubjectStrength.UNPINNED);
    expect(strength(BK, eq('aws:requesttag/organization_slug', 'acme'))).toBe(SubjectStrength.BROAD);
  });

  test('per-tenant issuers without a subject are broad; shared ones, EKS (namespaces are its tenants) and CircleCI (forks) unpinned', () => {
    // GIVEN no subject clause  WHEN judged  THEN the tenancy of the issuer decides
    expect(strength(BB)).toBe(SubjectStrength.BROAD);
    expect(strength(CCI)).toBe(SubjectStrength.UNPINNED); // forked pull requests can get the organization's tokens
    expect(strength(EKS)).toBe(SubjectStrength.UNPINNED);
    expect(strength(BK)).toBe(SubjectStrength.UNPINNED);
    expect(strength('idp.example.com')).toBe(SubjectStrength.UNPINNED);
  });
});

describe('judgeSubject: Cognito amr', () => {
  const COG = 'cognito-identity.amazonaws.com';
  test.each([
    [[like('amr', 'authenticated')], SubjectStrength.PINNED],
    [[like('amr', 'unauthenticated')], SubjectStrength.PINNED],
    [[like('amr', 'graph.facebook.com')], SubjectStrength.PINNED],
    [[], SubjectStrength.UNPINNED],
    [[like('amr', '*authenticated')], SubjectStrength.UNPINNED],
    [[like('amr', '*')], SubjectStrength.UNPINNED],
    [[like('amr', 'authenticated', 'unauthenticated')], SubjectStrength.UNPINNED],
  ])('%j is %s', (clauses, expected) => {
    // GIVEN amr clauses  WHEN judged  THEN a pattern that also admits guests is unpinned
    expect(strength(COG, ...clauses)).toBe(expected);
  });

  test.each([
    ['unauthenticated', true, true],
    ['*authenticated', true, true],
    ['un*', true, true],
    ['*', true, true],
    ['authenticated', true, false],
    ['*authenticated', false, false],
    ['Unauthenticated', true, false],
  ])('amr %s (wildcards %s) admits guests: %s', (value, wildcards, admits) => {
    // GIVEN an amr value  WHEN matched against the guest value  THEN wildcards are honoured
    expect(amrValueAdmitsGuests(value, wildcards)).toBe(admits);
  });
});

describe('judgeSubject: values no token carries, case-insensitive operators, excluding amr clauses', () => {
  const COG = 'cognito-identity.amazonaws.com';
  /** ForAllValues:StringNotEquals (or StringNotLike with wildcards): true when no claim value matches. */
  const excluding = (wildcards: boolean, ...values: string[]): SubjectClause => ({
    claim: 'amr',
    values,
    wildcards,
    narrowing: false,
    excludes: true,
  });

  test.each([
    ['Repo:acme/app:ref:refs/heads/main', false],
    ['Repo:acme/app:*', true],
    ['REPO:*', true],
    ['Environment:prod', false],
  ])('GitHub sub %s (wildcards %s) matches no token: pinned (locked), not open', (value, wildcards) => {
    // GIVEN a sub whose first claim name is not lower case  WHEN judged  THEN no token matches it
    const judgement = judgeSubject(GH, [{ claim: 'sub', values: [value], wildcards }]);
    expect(judgement.strength).toBe(SubjectStrength.PINNED);
  });

  test('a lower-case open pattern next to a locked value is judged by the open one', () => {
    // GIVEN sub values "Repo:acme/app:*" (no token) and "repo:*" (any owner)  WHEN judged  THEN unpinned
    expect(strength(GH, like('sub', 'Repo:acme/app:*', 'repo:*'))).toBe(SubjectStrength.UNPINNED);
  });

  test('StringEqualsIgnoreCase reads the value in lower case', () => {
    // GIVEN "Repo:acme/app:ref:refs/heads/main" and "Repo:*" compared ignoring case
    const exact: SubjectClause = {
      claim: 'sub',
      values: ['Repo:acme/app:ref:refs/heads/main'],
      wildcards: false,
      ignoreCase: true,
    };
    // WHEN judged THEN the repository is pinned
    expect(strength(GH, exact)).toBe(SubjectStrength.PINNED);
  });

  test.each([
    [excluding(false, 'unauthenticated'), false, true, SubjectStrength.PINNED],
    [excluding(false, 'authenticated'), true, false, SubjectStrength.PINNED],
    [excluding(true, 'un*'), false, true, SubjectStrength.PINNED],
    [excluding(true, 'x*'), true, true, SubjectStrength.UNPINNED],
    [excluding(true, '*'), false, false, SubjectStrength.PINNED],
  ])('excluding amr clause %j: guests %s, signed-in %s, %s', (clause, guests, signedIn, expected) => {
    // GIVEN a ForAllValues negated amr clause  WHEN read  THEN it admits a kind when none of its values matches it
    expect(amrClauseAdmits(clause, 'unauthenticated')).toBe(guests);
    expect(amrClauseAdmits(clause, 'authenticated')).toBe(signedIn);
    expect(strength(COG, clause)).toBe(expected);
  });

  /** A clause with a set mode: ForAnyValue negated (SOME_UNMATCHED) or ForAllValues positive (ALL_MATCHED). */
  const setMode = (mode: AmrSetMode, wildcards: boolean, ...values: string[]): SubjectClause => ({
    claim: 'amr',
    values,
    wildcards,
    narrowing: false,
    setMode: mode,
  });
  const anyNot = (wildcards: boolean, ...values: string[]) => setMode(AmrSetMode.SOME_UNMATCHED, wildcards, ...values);
  const all = (wildcards: boolean, ...values: string[]) => setMode(AmrSetMode.ALL_MATCHED, wildcards, ...values);

  test.each([
    // ForAnyValue:StringNotEquals / StringNotLike: some amr value matches none of the values
    [anyNot(false, 'unauthenticated'), false, true, SubjectStrength.PINNED],
    [anyNot(true, 'unauth*'), false, true, SubjectStrength.PINNED],
    [anyNot(false, 'authenticated'), true, true, SubjectStrength.UNPINNED],
    [anyNot(true, '*'), false, false, SubjectStrength.PINNED],
    // ForAllValues:StringLike / StringEquals: every amr value matches one of the values
    [all(true, 'authenticated', 'cognito-idp.*'), false, true, SubjectStrength.PINNED],
    [all(false, 'authenticated', 'graph.facebook.com'), false, true, SubjectStrength.PINNED],
    [all(true, '*'), true, true, SubjectStrength.UNPINNED],
    [all(true, 'authenticated', 'cognito-idp.*', 'unauthenticated'), true, true, SubjectStrength.UNPINNED],
    [all(false, 'unauthenticated'), true, false, SubjectStrength.PINNED],
  ])('amr clause with a set mode %j: guests %s, signed-in %s, %s', (clause, guests, signedIn, expected) => {
    // GIVEN a ForAnyValue negated or ForAllValues positive amr clause (a guest's amr is exactly ["unauthenticated"])
    // WHEN read THEN guests are admitted only when the clause is true for ["unauthenticated"]
    expect(amrClauseAdmits(clause, 'unauthenticated')).toBe(guests);
    expect(amrClauseAdmits(clause, 'authenticated')).toBe(signedIn);
    expect(strength(COG, clause)).toBe(expected);
  });

  test('the unpinned reason of a set-mode clause names the operator shape', () => {
    // GIVEN ForAnyValue:StringNotEquals amr authenticated and ForAllValues:StringLike amr *
    // WHEN judged THEN both are unpinned, and the reasons say why guests are admitted
    expect(judgeSubject(COG, [anyNot(false, 'authenticated')]).why).toMatch(/ForAnyValue with a negated operator/);
    expect(judgeSubject(COG, [all(true, '*')]).why).toMatch(/ForAllValues on amr '\*'.*guests are admitted/);
  });

  test.each([
    [{ base: 'stringnotequals', set: 'foranyvalue', negated: true }, AmrSetMode.SOME_UNMATCHED],
    [{ base: 'stringnotlike', set: 'foranyvalue', negated: true }, AmrSetMode.SOME_UNMATCHED],
    [{ base: 'stringlike', set: 'forallvalues', negated: false }, AmrSetMode.ALL_MATCHED],
    [{ base: 'stringequals', set: 'forallvalues', negated: false }, AmrSetMode.ALL_MATCHED],
    [{ base: 'stringlike', set: 'foranyvalue', negated: false }, undefined],
    [{ base: 'stringnotequals', set: 'forallvalues', negated: true }, undefined],
    [{ base: 'stringnotequals', negated: true }, undefined],
    [{ base: 'null', set: 'forallvalues', negated: false }, undefined],
  ])('condition %j has set mode %s', (condition, expected) => {
    // GIVEN a condition operator  WHEN its set mode is read  THEN only the two set shapes have one
    expect(amrSetModeOf(condition)).toBe(expected);
  });

  test('a set-mode clause is not read for other issuers', () => {
    // GIVEN a GitHub sub clause ForAllValues:StringLike "repo:acme/app:*" (true when the claim is absent)
    // WHEN judged THEN nothing is pinned
    expect(
      strength(GH, {
        claim: 'sub',
        values: ['repo:acme/app:*'],
        wildcards: true,
        narrowing: false,
        setMode: AmrSetMode.ALL_MATCHED,
      }),
    ).toBe(SubjectStrength.UNPINNED);
  });

  test('an excluding clause is not read for other issuers (ForAllValues is true when the claim is absent)', () => {
    // GIVEN a GitHub sub clause ForAllValues:StringNotLike "repo:evil/*"  WHEN judged  THEN nothing is pinned
    expect(
      strength(GH, { claim: 'sub', values: ['repo:evil/*'], wildcards: true, narrowing: false, excludes: true }),
    ).toBe(SubjectStrength.UNPINNED);
  });
});

describe('likeMatch', () => {
  test('a placeholder matches any non-empty run, never the empty string', () => {
    // GIVEN a pattern with a placeholder  WHEN matched  THEN it stands for one unknown name
    expect(likeMatch('repo:{{Ref.Owner}}/app', 'repo:acme/app', false)).toBe(true);
    expect(likeMatch('repo:{{Ref.Owner}}/app', 'repo:/app', false)).toBe(false);
  });
});
