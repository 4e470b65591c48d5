import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import { GitHubActionsOidcProvider } from '../../../lib/federation/oidc/github-actions-oidc-provider';
import { GitHubActionsRole } from '../../../lib/federation/oidc/github-actions-role';
import { GitHubActionsSubject } from '../../../lib/federation/oidc/github-actions-subject';
import { AssumeRequest, TrustCase, TrustCaseOutcome } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED, all, evaluateBothWays } from './trust-tables';

const GH = 'token.actions.githubusercontent.com';
const S = GitHubActionsSubject;

function setup() {
  const stack = devStack();
  const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
  const providerRef = { Ref: stack.getLogicalId(provider.node.defaultChild!.node.defaultChild as any) };
  return { stack, provider, providerRef };
}

describe('GitHubActionsRole', () => {
  test('given one environment subject, aud and sub are pinned with StringEquals on the provider principal', () => {
    // GIVEN
    const { stack, provider, providerRef } = setup();
    // WHEN
    const role = new GitHubActionsRole(stack, 'Deploy', {
      provider,
      roleName: 'github-deploy',
      subjects: [S.environment('acme', 'shop', 'production')],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-deploy',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Effect: 'Allow',
            Principal: { Federated: providerRef },
            Condition: {
              StringEquals: {
                [`${GH}:aud`]: 'sts.amazonaws.com',
                [`${GH}:sub`]: 'repo:acme/shop:environment:production',
              },
            },
          },
        ],
      },
    });
    expect(role.issuer).toBe(GH);
    expect(role.subjects).toEqual(['repo:acme/shop:environment:production']);
  });

  test('given several repositories, branches and environments, exact subjects share one StringEquals list', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Deploy', {
      provider,
      subjects: [
        S.branch('acme', 'shop', 'main'),
        S.branch('acme', 'api', 'main'),
        S.environment('acme', 'shop', 'dev'),
        S.branch('acme', 'shop', 'main'),
      ],
    });
    expect(trustStatements(stack)).toHaveLength(1);
    expect(trustStatements(stack)[0].Condition).toEqual({
      StringEquals: {
        [`${GH}:aud`]: 'sts.amazonaws.com',
        [`${GH}:sub`]: [
          'repo:acme/shop:ref:refs/heads/main',
          'repo:acme/api:ref:refs/heads/main',
          'repo:acme/shop:environment:dev',
        ],
      },
    });
  });

  test('given exact subjects and patterns, two statements: StringEquals for exact, StringLike only for patterns', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Ci', {
      provider,
      subjects: [
        S.branch('acme', 'shop', 'main'),
        S.tagPattern('acme', 'shop', 'v*'),
        S.anyRef('acme', 'docs'),
        S.pullRequest('acme', 'shop'),
      ],
    });
    expect(trustStatements(stack).map((s) => s.Condition)).toEqual([
      {
        StringEquals: {
          [`${GH}:aud`]: 'sts.amazonaws.com',
          [`${GH}:sub`]: ['repo:acme/shop:ref:refs/heads/main', 'repo:acme/shop:pull_request'],
        },
      },
      {
        StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GH}:sub`]: ['repo:acme/shop:ref:refs/tags/v*', 'repo:acme/docs:*'] },
      },
    ]);
  });

  test('given only patterns, one StringLike statement, never a StringEquals sub', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Ci', { provider, subjects: [S.anyRef('acme', 'shop')] });
    expect(trustStatements(stack)).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GH}:sub`]: 'repo:acme/shop:*' },
        },
      }),
    ]);
  });

  test('given owner-wide trust, repo:OWNER/* under StringLike and a warning on the role', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'ReadOnly', {
      provider,
      subjects: [S.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true })],
    });
    expect(trustStatements(stack)[0].Condition.StringLike).toEqual({ [`${GH}:sub`]: 'repo:acme/*' });
    Annotations.fromStack(stack).hasWarning('/Dev/ReadOnly', Match.stringLikeRegexp("every repository of 'acme'"));
  });

  test('given claim conditions, each STS GitHub key is checked in every statement', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Deploy', {
      provider,
      subjects: [S.environment('acme', 'shop', 'production'), S.anyRef('acme', 'shop')],
      claims: [
        { name: 'repository', values: ['acme/shop'] },
        { name: 'repository_id', values: ['5678'] },
        { name: 'ref', values: ['refs/heads/main', 'refs/tags/v1.0.0'] },
        { name: 'environment', values: ['production'] },
        { name: 'job_workflow_ref', values: ['acme/pipelines/.github/workflows/deploy.yml@refs/heads/main'] },
        { name: 'workflow', values: ['Deploy'] },
        { name: 'actor', values: ['octocat', 'dependabot[bot]'] },
        { name: 'actor_id', values: ['1', '2'] },
        { name: 'enterprise_id', values: ['77'] },
      ],
    });
    const claims = {
      [`${GH}:repository`]: 'acme/shop',
      [`${GH}:repository_id`]: '5678',
      [`${GH}:ref`]: ['refs/heads/main', 'refs/tags/v1.0.0'],
      [`${GH}:environment`]: 'production',
      [`${GH}:job_workflow_ref`]: 'acme/pipelines/.github/workflows/deploy.yml@refs/heads/main',
      [`${GH}:workflow`]: 'Deploy',
      [`${GH}:actor`]: ['octocat', 'dependabot[bot]'],
      [`${GH}:actor_id`]: ['1', '2'],
      [`${GH}:enterprise_id`]: '77',
    };
    const [exact, pattern] = trustStatements(stack);
    expect(exact.Condition).toEqual({
      StringEquals: {
        [`${GH}:aud`]: 'sts.amazonaws.com',
        [`${GH}:sub`]: 'repo:acme/shop:environment:production',
        ...claims,
      },
    });
    expect(pattern.Condition).toEqual({
      StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', ...claims },
      StringLike: { [`${GH}:sub`]: 'repo:acme/shop:*' },
    });
  });

  test('given a job_workflow_ref pattern in the ref part, that key alone goes under StringLike', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Deploy', {
      provider,
      subjects: [S.branch('acme', 'shop', 'main')],
      claims: [
        {
          name: 'job_workflow_ref',
          values: [
            'acme/pipelines/.github/workflows/deploy.yml@refs/tags/v*',
            'acme/pipelines/.github/workflows/deploy.yml@refs/heads/main',
          ],
        },
      ],
    });
    expect(trustStatements(stack)[0].Condition).toEqual({
      StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/shop:ref:refs/heads/main' },
      StringLike: {
        [`${GH}:job_workflow_ref`]: [
          'acme/pipelines/.github/workflows/deploy.yml@refs/tags/v*',
          'acme/pipelines/.github/workflows/deploy.yml@refs/heads/main',
        ],
      },
    });
  });

  const c = (name: string, ...values: string[]) => [{ name, values }];
  test.each([
    [c('repository', 'acme'), /invalid claims.repository value: received 'acme'; expected 'OWNER\/REPO'/],
    [c('repository', 'acme/*'), /invalid GitHub repository name/],
    [c('repository', '*/shop'), /invalid GitHub owner/],
    [c('repository_id', '0'), /invalid claims.repository_id value: received '0'; expected a positive whole number/],
    [c('ref', 'main'), /invalid claims.ref value: received 'main'; expected a full git ref like 'refs\/heads\/main'/],
    [c('ref', 'refs/heads/*'), /invalid claims.ref value/],
    [c('environment', 'prod*'), /invalid GitHub environment name/],
    [c('job_workflow_ref', 'acme/*/.github/workflows/deploy.yml@main'), /invalid GitHub repository name/],
    [
      c('job_workflow_ref', 'acme/pipelines/.github/workflows/*.yml@main'),
      /invalid claims.job_workflow_ref value: .*with a wildcard only in the REF part/,
    ],
    [c('job_workflow_ref', 'acme/pipelines/.github/workflows/deploy.yml'), /invalid claims.job_workflow_ref value/],
    [c('workflow', ' '), /invalid claims.workflow value/],
    [c('workflow', 'De*'), /invalid claims.workflow value: received 'De\*'; expected an exact value/],
    [c('actor', 'bad actor'), /invalid claims.actor value/],
    [c('actor_id', '-1'), /invalid claims.actor_id value/],
    [c('enterprise_id'), /invalid claims.enterprise_id: received \[\]; expected at least one value/],
    [c('ref'), /invalid claims.ref: received \[\]; expected at least one value/],
    [
      c('sub', 'repo:acme/shop:*'),
      /invalid claims name: received 'sub'; expected one of the GitHub claims STS accepts: repository, repository_id, ref/,
    ],
    [
      [...c('ref', 'refs/heads/main'), ...c('ref', 'refs/heads/dev')],
      /invalid claims name: received 'ref'; expected each claim once/,
    ],
    [
      { refs: ['refs/heads/main'] },
      /invalid claims: received \{"refs":\["refs\/heads\/main"\]\}; expected a list of \{ name, values \}/,
    ],
  ])('given bad claims %p, it throws with the role path', (claims, message) => {
    const { stack, provider } = setup();
    expect(
      () =>
        new GitHubActionsRole(stack, 'R', {
          provider,
          subjects: [S.branch('acme', 'shop', 'main')],
          claims: claims as any,
        }),
    ).toThrow(message);
  });

  test('given no subject, it throws: a GitHub role without sub is open to every repository on GitHub', () => {
    const { stack, provider } = setup();
    expect(() => new GitHubActionsRole(stack, 'R', { provider, subjects: [] })).toThrow(
      /^Dev\/R: invalid subjects: received \[\]; expected at least one GitHubActionsSubject .*can be assumed by any repository on GitHub/,
    );
  });

  test('given an enterprise provider, the condition keys carry the enterprise path', () => {
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub', { enterpriseSlug: 'acme-corp' });
    new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branch('acme', 'shop', 'main')] });
    expect(Object.keys(trustStatements(stack)[0].Condition.StringEquals)).toEqual([
      `${GH}/acme-corp:aud`,
      `${GH}/acme-corp:sub`,
    ]);
  });

  test('given the provider imported from the account, the role trusts its formatted ARN', () => {
    const stack = devStack();
    const provider = GitHubActionsOidcProvider.fromAccount(stack, 'GitHub');
    new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branch('acme', 'shop', 'main')] });
    expect(trustStatements(stack)[0].Principal).toEqual({
      Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::222222222222:oidc-provider/${GH}`]] },
    });
  });

  test("given a provider that is not GitHub's, it throws", () => {
    const stack = devStack();
    const provider = new GenericOidcProvider(stack, 'GitLab', {
      url: 'https://gitlab.com',
      clientIds: ['sts.amazonaws.com'],
    });
    expect(() => new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branch('acme', 'shop', 'main')] })).toThrow(
      "Dev/R: invalid OIDC provider issuer: received 'gitlab.com'; expected the GitHub Actions issuer 'token.actions.githubusercontent.com'",
    );
  });

  test("given aws-cdk-lib's OidcProviderNative, it throws: its issuer is a token", () => {
    const stack = devStack();
    const provider = new iam.OidcProviderNative(stack, 'Native', {
      url: 'https://token.actions.githubusercontent.com',
    });
    expect(() => new GitHubActionsRole(stack, 'R', { provider, subjects: [S.branch('acme', 'shop', 'main')] })).toThrow(
      /invalid OIDC provider: received 'Dev\/Native'; expected a provider whose issuer is known at synth time/,
    );
  });

  test('given a custom audience, it must be a client id of the provider', () => {
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub', { clientIds: ['sts.amazonaws.com', 'acme-aws'] });
    new GitHubActionsRole(stack, 'R', { provider, audience: 'acme-aws', subjects: [S.branch('acme', 'shop', 'main')] });
    expect(trustStatements(stack)[0].Condition.StringEquals[`${GH}:aud`]).toBe('acme-aws');
    expect(
      () =>
        new GitHubActionsRole(stack, 'Typo', {
          provider,
          audience: 'acme-awz',
          subjects: [S.branch('acme', 'shop', 'main')],
        }),
    ).toThrow(
      /^Dev\/Typo: invalid audience: received 'acme-awz'; expected one of the client ids of provider Dev\/GitHub/,
    );
    expect(
      () =>
        new GitHubActionsRole(stack, 'Star', { provider, audience: '*', subjects: [S.branch('acme', 'shop', 'main')] }),
    ).toThrow(/^Dev\/Star: invalid audience: received '\*'/);
  });

  test('given maxSessionDuration, 12 hours pass and 12 hours + 1 second throw', () => {
    const { stack, provider } = setup();
    new GitHubActionsRole(stack, 'Long', {
      provider,
      subjects: [S.branch('acme', 'shop', 'main')],
      maxSessionDuration: Duration.hours(12),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 43200 });
    expect(
      () =>
        new GitHubActionsRole(stack, 'TooLong', {
          provider,
          subjects: [S.branch('acme', 'shop', 'main')],
          maxSessionDuration: Duration.seconds(43201),
        }),
    ).toThrow(/^Dev\/TooLong: invalid maxSessionDuration: received '43201 seconds'/);
  });

  test('given so many subjects the trust policy exceeds the 2,048 quota, synth fails; a raised quota accepts it', () => {
    const subjects = Array.from({ length: 40 }, (_, i) => S.branch('acme', `service-number-${i}`, 'main'));
    const make = (quota?: number) => {
      const stack = devStack();
      const provider = GitHubActionsOidcProvider.fromAccount(stack, 'GitHub');
      new GitHubActionsRole(stack, 'R', { provider, subjects, trustPolicySizeQuota: quota });
      return stack;
    };
    expect(() => Template.fromStack(make())).toThrow(
      /Dev\/R: the trust policy of role .R. \(generated name\) is \d+ characters without whitespace; expected at most 2048/,
    );
    expect(() => Template.fromStack(make(4096))).not.toThrow();
  });

  test('given a provider created in the stack, its ARN is a Ref: an oversized trust policy is only estimated, so it warns', () => {
    const { stack, provider } = setup();
    const subjects = Array.from({ length: 40 }, (_, i) => S.branch('acme', `service-number-${i}`, 'main'));
    new GitHubActionsRole(stack, 'R', { provider, subjects });
    Annotations.fromStack(stack).hasWarning('/Dev/R', Match.stringLikeRegexp('estimated: it holds unresolved values'));
  });

  test("given the caller's subjects array, it is not mutated and later changes do not leak in", () => {
    const { stack, provider } = setup();
    const subjects = [S.branch('acme', 'shop', 'main')];
    const role = new GitHubActionsRole(stack, 'R', { provider, subjects });
    subjects.push(S.anyRef('acme', 'other'));
    expect(role.subjects).toEqual(['repo:acme/shop:ref:refs/heads/main']);
    expect(trustStatements(stack)).toHaveLength(1);
  });
});

describe('GitHubActionsRole: who can assume it (IAM policy evaluator)', () => {
  // GIVEN a deploy role for the production environment (with the run pinned to main) and a CI role for the main
  // branch plus release tags, in the dev account
  const stack = devStack();
  const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
  new GitHubActionsRole(stack, 'Deploy', {
    provider,
    roleName: 'github-deploy',
    subjects: [S.environment('acme', 'shop', 'production')],
    claims: [{ name: 'ref', values: ['refs/heads/main'] }],
  });
  new GitHubActionsRole(stack, 'Ci', {
    provider,
    roleName: 'github-ci',
    subjects: [S.branch('acme', 'shop', 'main'), S.tagPattern('acme', 'shop', 'v*')],
  });
  const ARN = `arn:aws:iam::222222222222:oidc-provider/${GH}`;
  const NO_AUDIENCE = null;
  const token = (subject: string | undefined, ref: string | undefined, audience: string | null = 'sts.amazonaws.com') =>
    AssumeRequest.webIdentity(ARN, {
      audience: audience ?? undefined,
      subject,
      claims: ref ? [{ name: 'ref', values: [ref] }] : [],
    });
  const MAIN = 'refs/heads/main';

  const deployCases: TrustCase[] = [
    {
      name: 'production environment, run from main',
      request: token('repo:acme/shop:environment:production', MAIN),
      expected: ALLOWED,
    },
    {
      name: 'production environment, run from another branch',
      request: token('repo:acme/shop:environment:production', 'refs/heads/dev'),
      expected: DENIED,
    },
    {
      name: 'another environment (staging)',
      request: token('repo:acme/shop:environment:staging', MAIN),
      expected: DENIED,
    },
    {
      name: 'another repository of the owner',
      request: token('repo:acme/other:environment:production', MAIN),
      expected: DENIED,
    },
    {
      name: 'same repository name, another owner',
      request: token('repo:evil/shop:environment:production', MAIN),
      expected: DENIED,
    },
    {
      name: 'owner name with a suffix (acme-evil)',
      request: token('repo:acme-evil/shop:environment:production', MAIN),
      expected: DENIED,
    },
    {
      name: 'a push to main without the environment',
      request: token('repo:acme/shop:ref:refs/heads/main', MAIN),
      expected: DENIED,
    },
    {
      name: 'a pull request against the production role',
      request: token('repo:acme/shop:pull_request', 'refs/pull/7/merge'),
      expected: DENIED,
    },
    {
      name: 'missing audience',
      request: token('repo:acme/shop:environment:production', MAIN, NO_AUDIENCE),
      expected: DENIED,
    },
    {
      name: 'another audience',
      request: token('repo:acme/shop:environment:production', MAIN, 'https://github.com/acme'),
      expected: DENIED,
    },
    { name: 'missing subject', request: token(undefined, MAIN), expected: DENIED },
    {
      name: 'immutable subject form while the role pins names',
      request: token('repo:acme@1/shop@2:environment:production', MAIN),
      expected: DENIED,
    },
  ];

  const ciCases: TrustCase[] = [
    {
      name: 'main branch (exact statement)',
      request: token('repo:acme/shop:ref:refs/heads/main', undefined),
      expected: ALLOWED,
    },
    {
      name: 'release tag v1.2.0 (pattern statement)',
      request: token('repo:acme/shop:ref:refs/tags/v1.2.0', undefined),
      expected: ALLOWED,
    },
    { name: 'another branch', request: token('repo:acme/shop:ref:refs/heads/dev', undefined), expected: DENIED },
    {
      name: 'a tag outside the pattern',
      request: token('repo:acme/shop:ref:refs/tags/x1.0', undefined),
      expected: DENIED,
    },
    {
      name: 'a branch named like the tag pattern',
      request: token('repo:acme/shop:ref:refs/heads/v1', undefined),
      expected: DENIED,
    },
    { name: 'a pull request', request: token('repo:acme/shop:pull_request', undefined), expected: DENIED },
    {
      name: 'main of another repository',
      request: token('repo:acme/other:ref:refs/heads/main', undefined),
      expected: DENIED,
    },
    {
      name: 'release tag without audience',
      request: token('repo:acme/shop:ref:refs/tags/v1.2.0', undefined, NO_AUDIENCE),
      expected: DENIED,
    },
  ];

  test('the exact condition blocks are written (what the table evaluates)', () => {
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-deploy',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: {
                [`${GH}:aud`]: 'sts.amazonaws.com',
                [`${GH}:sub`]: 'repo:acme/shop:environment:production',
                [`${GH}:ref`]: MAIN,
              },
            },
          }),
        ],
      },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-ci',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/shop:ref:refs/heads/main' },
            },
          }),
          Match.objectLike({
            Condition: {
              StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${GH}:sub`]: 'repo:acme/shop:ref:refs/tags/v*' },
            },
          }),
        ],
      },
    });
  });

  test.each([
    ['github-deploy', deployCases],
    ['github-ci', ciCases],
  ])(
    '%s: the validated evaluator cannot judge GitHub claim keys (UNDETERMINED, not a pass); evaluating the claims decides every row as expected',
    async (role, cases) => {
      // WHEN
      const report = await evaluateBothWays(stack, role as string, cases as TrustCase[]);
      // THEN the validated evaluator ignored the provider's keys on every row, and said so
      expect(report.strictOutcome).toEqual(all(cases as TrustCase[], TrustCaseOutcome.UNDETERMINED));
      expect(report.strictIgnoredKeys.every((k) => k.startsWith(`${GH}:`))).toBe(true);
      // AND with the claims evaluated, every row got its expected decision, through the unvalidated entry point
      expect(report.claims.passed).toBe((cases as TrustCase[]).length);
      expect(report.unvalidatedKeys).toEqual(expect.arrayContaining([`${GH}:aud`, `${GH}:sub`]));
    },
  );
});
