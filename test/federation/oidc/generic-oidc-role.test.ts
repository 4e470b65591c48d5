import { Template } from 'aws-cdk-lib/assertions';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import { GenericOidcRole } from '../../../lib/federation/oidc/generic-oidc-role';
import { AssumeRequest, TrustCase, TrustCaseOutcome } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED, all, evaluateBothWays } from './trust-tables';

const TFC = 'app.terraform.io';
const WS = 'organization:acme:project:infra:workspace:network:run_phase:';

function setup() {
  const stack = devStack();
  const provider = new GenericOidcProvider(stack, 'Tfc', {
    url: `https://${TFC}`,
    clientIds: ['aws.workload.identity'],
  });
  return { stack, provider };
}

describe('GenericOidcRole', () => {
  test('given exact subjects, aud and sub under StringEquals', () => {
    // GIVEN
    const { stack, provider } = setup();
    // WHEN
    const role = new GenericOidcRole(stack, 'Apply', {
      provider,
      audiences: ['aws.workload.identity'],
      subjects: [`${WS}apply`],
    });
    // THEN
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: expect.stringMatching(/^Tfc/) } },
        Condition: { StringEquals: { [`${TFC}:aud`]: 'aws.workload.identity', [`${TFC}:sub`]: `${WS}apply` } },
      },
    ]);
    expect(role.subjects).toEqual([`${WS}apply`]);
  });

  test('given subject prefixes, PREFIX* under StringLike in their own statement', () => {
    const { stack, provider } = setup();
    const role = new GenericOidcRole(stack, 'Plan', {
      provider,
      audiences: ['aws.workload.identity'],
      subjects: [`${WS}apply`],
      subjectPrefixes: ['organization:acme:project:sandbox:'],
    });
    expect(trustStatements(stack).map((s) => s.Condition)).toEqual([
      { StringEquals: { [`${TFC}:aud`]: 'aws.workload.identity', [`${TFC}:sub`]: `${WS}apply` } },
      {
        StringEquals: { [`${TFC}:aud`]: 'aws.workload.identity' },
        StringLike: { [`${TFC}:sub`]: 'organization:acme:project:sandbox:*' },
      },
    ]);
    expect(role.subjects).toEqual([`${WS}apply`, 'organization:acme:project:sandbox:*']);
  });

  test('given allowSessionTags, sts:TagSession is allowed too', () => {
    const { stack, provider } = setup();
    new GenericOidcRole(stack, 'R', {
      provider,
      audiences: ['aws.workload.identity'],
      subjects: [`${WS}apply`],
      allowSessionTags: true,
    });
    expect(trustStatements(stack)[0].Action).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
  });

  test('given no audience, no subject, a wildcard subject or prefix, it throws', () => {
    const { stack, provider } = setup();
    const aud = ['aws.workload.identity'];
    expect(() => new GenericOidcRole(stack, 'A', { provider, audiences: [], subjects: ['s'] })).toThrow(
      /^Dev\/A: invalid audiences: received \[\]; expected at least one audience/,
    );
    expect(() => new GenericOidcRole(stack, 'B', { provider, audiences: aud })).toThrow(
      /^Dev\/B: invalid subjects \/ subjectPrefixes: received \[\]; expected at least one subject or subject prefix/,
    );
    expect(
      () => new GenericOidcRole(stack, 'C', { provider, audiences: aud, subjects: ['organization:acme:*'] }),
    ).toThrow(
      /^Dev\/C: invalid subject: received 'organization:acme:\*'; expected an exact subject \(use subjectPrefixes for a prefix\)/,
    );
    expect(() => new GenericOidcRole(stack, 'D', { provider, audiences: aud, subjectPrefixes: [''] })).toThrow(
      /^Dev\/D: invalid subject prefix: received ''; expected a fixed prefix/,
    );
    expect(() => new GenericOidcRole(stack, 'E', { provider, audiences: aud, subjectPrefixes: ['org:*:'] })).toThrow(
      /^Dev\/E: invalid subject prefix/,
    );
    expect(() => new GenericOidcRole(stack, 'F', { provider, audiences: ['*'], subjects: ['s'] })).toThrow(
      /^Dev\/F: invalid audience/,
    );
    expect(() => new GenericOidcRole(stack, 'G', { provider, audiences: ['other'], subjects: ['s'] })).toThrow(
      /^Dev\/G: invalid audience: received 'other'; expected one of the client ids/,
    );
  });
});

describe('GenericOidcRole: who can assume it (IAM policy evaluator)', () => {
  const { stack, provider } = setup();
  new GenericOidcRole(stack, 'Network', {
    provider,
    roleName: 'tfc-network',
    audiences: ['aws.workload.identity'],
    subjects: [`${WS}apply`],
    subjectPrefixes: ['organization:acme:project:sandbox:'],
  });
  const ARN = `arn:aws:iam::222222222222:oidc-provider/${TFC}`;
  const token = (subject: string, audience: string | null = 'aws.workload.identity') =>
    AssumeRequest.webIdentity(ARN, { subject, audience: audience ?? undefined });
  const cases: TrustCase[] = [
    { name: 'apply run of the workspace', request: token(`${WS}apply`), expected: ALLOWED },
    { name: 'plan run of the workspace', request: token(`${WS}plan`), expected: DENIED },
    {
      name: 'any run of the sandbox project (prefix)',
      request: token('organization:acme:project:sandbox:workspace:x:run_phase:apply'),
      expected: ALLOWED,
    },
    {
      name: 'another organization with the same project name',
      request: token('organization:evil:project:sandbox:workspace:x:run_phase:apply'),
      expected: DENIED,
    },
    {
      name: 'a project whose name extends the prefix',
      request: token('organization:acme:project:sandbox2:workspace:x:run_phase:apply'),
      expected: DENIED,
    },
    { name: 'missing audience', request: token(`${WS}apply`, null), expected: DENIED },
    { name: 'another audience', request: token(`${WS}apply`, 'other'), expected: DENIED },
  ];

  test("the validated evaluator cannot judge the IdP's keys (UNDETERMINED); evaluating the claims decides every row", async () => {
    const report = await evaluateBothWays(stack, 'tfc-network', cases);
    expect(report.strictOutcome).toEqual(all(cases, TrustCaseOutcome.UNDETERMINED));
    expect(report.claims.passed).toBe(cases.length);
    expect(report.unvalidatedKeys).toEqual([`${TFC}:aud`, `${TFC}:sub`]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 1);
  });
});
