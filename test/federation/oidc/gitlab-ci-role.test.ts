import { Template } from 'aws-cdk-lib/assertions';
import { GitLabCiRole } from '../../../lib/federation/oidc/gitlab-ci-role';
import { GitLabCiSubject } from '../../../lib/federation/oidc/gitlab-ci-subject';
import { GitLabOidcProvider } from '../../../lib/federation/oidc/gitlab-oidc-provider';
import { StsOidcProvider } from '../../../lib/federation/oidc/sts-oidc-provider';
import { AssumeRequest, TrustCase, TrustCaseOutcome } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED, all, evaluateBothWays } from './trust-tables';

const AUD = 'https://gitlab.com';

function setup() {
  const stack = devStack();
  const provider = new GitLabOidcProvider(stack, 'GitLab', { clientIds: [AUD] });
  return { stack, provider };
}

describe('GitLabCiRole', () => {
  test('given a branch and a tag pattern, aud is pinned and sub split by operator', () => {
    // GIVEN
    const { stack, provider } = setup();
    // WHEN
    const role = new GitLabCiRole(stack, 'Deploy', {
      provider,
      audience: AUD,
      roleName: 'gitlab-deploy',
      subjects: [GitLabCiSubject.branch('acme/shop', 'main'), GitLabCiSubject.tagPattern('acme/shop', 'v*')],
    });
    // THEN
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: expect.stringMatching(/^GitLab/) } },
        Condition: {
          StringEquals: { 'gitlab.com:aud': AUD, 'gitlab.com:sub': 'project_path:acme/shop:ref_type:branch:ref:main' },
        },
      },
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: expect.stringMatching(/^GitLab/) } },
        Condition: {
          StringEquals: { 'gitlab.com:aud': AUD },
          StringLike: { 'gitlab.com:sub': 'project_path:acme/shop:ref_type:tag:ref:v*' },
        },
      },
    ]);
    expect(role.issuer).toBe('gitlab.com');
    expect(role.subjects).toEqual([
      'project_path:acme/shop:ref_type:branch:ref:main',
      'project_path:acme/shop:ref_type:tag:ref:v*',
    ]);
  });

  test('given a self-managed instance imported by URL, keys carry its host and path', () => {
    const stack = devStack();
    const provider = StsOidcProvider.fromUrl(stack, 'GitLab', 'https://git.example.com/gitlab');
    new GitLabCiRole(stack, 'R', {
      provider,
      audience: 'aws',
      subjects: [GitLabCiSubject.branch('acme/shop', 'main')],
    });
    expect(Object.keys(trustStatements(stack)[0].Condition.StringEquals)).toEqual([
      'git.example.com/gitlab:aud',
      'git.example.com/gitlab:sub',
    ]);
  });

  test('given no subject, a wildcard audience or an unregistered audience, it throws', () => {
    const { stack, provider } = setup();
    const subjects = [GitLabCiSubject.branch('acme/shop', 'main')];
    expect(() => new GitLabCiRole(stack, 'A', { provider, audience: AUD, subjects: [] })).toThrow(
      /^Dev\/A: invalid subjects: received \[\]; expected at least one GitLabCiSubject/,
    );
    expect(() => new GitLabCiRole(stack, 'B', { provider, audience: '*', subjects })).toThrow(
      /^Dev\/B: invalid audience: received '\*'; expected the aud of the job's id_tokens entry/,
    );
    expect(() => new GitLabCiRole(stack, 'C', { provider, audience: 'https://gitlab.example.com', subjects })).toThrow(
      /^Dev\/C: invalid audience: received 'https:\/\/gitlab.example.com'; expected one of the client ids of provider Dev\/GitLab/,
    );
  });

  test('given a bad subject, the error names the role', () => {
    const { stack, provider } = setup();
    expect(
      () =>
        new GitLabCiRole(stack, 'R', { provider, audience: AUD, subjects: [GitLabCiSubject.branch('acme/*', 'main')] }),
    ).toThrow(/^Dev\/R: invalid GitLab project path: received 'acme\/\*'/);
  });
});

describe('GitLabCiRole: who can assume it (IAM policy evaluator)', () => {
  // GIVEN a deploy role for the main branch and release tags of acme/shop
  const { stack, provider } = setup();
  new GitLabCiRole(stack, 'Deploy', {
    provider,
    audience: AUD,
    roleName: 'gitlab-deploy',
    subjects: [GitLabCiSubject.branch('acme/shop', 'main'), GitLabCiSubject.tagPattern('acme/shop', 'v*')],
  });
  const ARN = 'arn:aws:iam::222222222222:oidc-provider/gitlab.com';
  const token = (subject: string, audience: string | null = AUD) =>
    AssumeRequest.webIdentity(ARN, { subject, audience: audience ?? undefined });
  const cases: TrustCase[] = [
    { name: 'main branch', request: token('project_path:acme/shop:ref_type:branch:ref:main'), expected: ALLOWED },
    { name: 'release tag', request: token('project_path:acme/shop:ref_type:tag:ref:v2.1.0'), expected: ALLOWED },
    { name: 'another branch', request: token('project_path:acme/shop:ref_type:branch:ref:feature'), expected: DENIED },
    {
      name: 'a branch named v1 (tag pattern is for tags)',
      request: token('project_path:acme/shop:ref_type:branch:ref:v1'),
      expected: DENIED,
    },
    {
      name: 'another project of the group',
      request: token('project_path:acme/other:ref_type:branch:ref:main'),
      expected: DENIED,
    },
    {
      name: 'a subproject under the project path',
      request: token('project_path:acme/shop/fork:ref_type:branch:ref:main'),
      expected: DENIED,
    },
    { name: 'another group', request: token('project_path:evil/shop:ref_type:branch:ref:main'), expected: DENIED },
    {
      name: 'missing audience',
      request: token('project_path:acme/shop:ref_type:branch:ref:main', null),
      expected: DENIED,
    },
    {
      name: 'another audience',
      request: token('project_path:acme/shop:ref_type:tag:ref:v2.1.0', 'https://gitlab.example.com'),
      expected: DENIED,
    },
  ];

  test('the validated evaluator cannot judge gitlab.com claims (UNDETERMINED); evaluating the claims decides every row', async () => {
    const report = await evaluateBothWays(stack, 'gitlab-deploy', cases);
    expect(report.strictOutcome).toEqual(all(cases, TrustCaseOutcome.UNDETERMINED));
    expect(report.strictIgnoredKeys).toEqual(['gitlab.com:aud', 'gitlab.com:sub']);
    expect(report.claims.passed).toBe(cases.length);
    expect(report.unvalidatedKeys).toEqual(['gitlab.com:aud', 'gitlab.com:sub']);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { Url: AUD });
  });
});
