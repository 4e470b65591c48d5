import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AssumeRequest, TrustCaseOutcome, TrustDecision, TrustEvaluator, TrustTable } from '../../lib/testing';

const DEV = '222222222222';
const GITHUB = `arn:aws:iam::${DEV}:oidc-provider/token.actions.githubusercontent.com`;

// GIVEN a GitHub deploy role trusting one repository's main branch
const stack = new Stack(new App(), 'Dev', { env: { account: DEV, region: 'eu-west-1' } });
const provider = new iam.OidcProviderNative(stack, 'GitHub', {
  url: 'https://token.actions.githubusercontent.com',
  clientIds: ['sts.amazonaws.com'],
  thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
});
new iam.Role(stack, 'Deploy', {
  roleName: 'Deploy',
  assumedBy: new iam.OpenIdConnectPrincipal(provider, {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:repository': 'my-org/app',
    },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/app:ref:refs/heads/main' },
  }),
});
const token = (subject: string, repository = 'my-org/app') =>
  AssumeRequest.webIdentity(GITHUB, {
    audience: 'sts.amazonaws.com',
    subject,
    claims: [{ name: 'repository', values: [repository] }],
  });
// Synthesize once, outside the tests' time budget; the first evaluation also loads the evaluator's data.
const strict = TrustEvaluator.fromStack(stack);
const withClaims = TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true });
jest.setTimeout(30_000);

const cases = [
  { name: 'main branch', request: token('repo:my-org/app:ref:refs/heads/main'), expected: TrustDecision.ALLOWED },
  { name: 'feature branch', request: token('repo:my-org/app:ref:refs/heads/feature'), expected: TrustDecision.DENIED },
  {
    name: 'another repository',
    request: AssumeRequest.webIdentity(GITHUB, { claims: [{ name: 'repository', values: ['evil/app'] }] }),
    expected: TrustDecision.DENIED,
  },
];

describe('TrustTable.evaluate', () => {
  test('undetermined rows are counted apart and never pass, whatever they expected', async () => {
    // WHEN the evaluator does not evaluate the :sub and :aud claims
    const report = await TrustTable.evaluate(strict, 'Deploy', cases);
    // THEN the rows carrying those claims are UNDETERMINED, and the row with only the known :repository claim passes
    expect(report.results.map((r) => [r.name, r.actual, r.outcome])).toEqual([
      ['main branch', 'UNDETERMINED', TrustCaseOutcome.UNDETERMINED],
      ['feature branch', 'UNDETERMINED', TrustCaseOutcome.UNDETERMINED],
      ['another repository', 'DENIED', TrustCaseOutcome.PASS],
    ]);
    expect([report.passed, report.failed, report.undetermined, report.unexpectedUndetermined, report.ok]).toEqual([
      1,
      0,
      2,
      2,
      false,
    ]);
  });

  test('with claims evaluated every row is decided and the table is ok', async () => {
    const report = await TrustTable.evaluate(withClaims, 'Deploy', cases);
    expect([report.passed, report.failed, report.undetermined, report.ok]).toEqual([3, 0, 0, true]);
  });

  test('a wrong expectation fails its row', async () => {
    const report = await TrustTable.evaluate(withClaims, 'Deploy', [
      {
        name: 'feature branch',
        request: token('repo:my-org/app:ref:refs/heads/feature'),
        expected: TrustDecision.ALLOWED,
      },
    ]);
    expect(report.results[0].outcome).toBe(TrustCaseOutcome.FAIL);
    expect([report.passed, report.failed, report.ok]).toEqual([0, 1, false]);
  });

  test('a row expecting UNDETERMINED documents a limit: it is undetermined, not passed, and the table stays ok', async () => {
    const report = await TrustTable.evaluate(strict, 'Deploy', [
      {
        name: 'main branch',
        request: token('repo:my-org/app:ref:refs/heads/main'),
        expected: TrustDecision.UNDETERMINED,
      },
    ]);
    expect([report.passed, report.undetermined, report.unexpectedUndetermined, report.ok]).toEqual([0, 1, 0, true]);
  });
});

describe('TrustTable.format, assertOk and verify', () => {
  test('format aligns the rows and ends with the counts', async () => {
    const report = await TrustTable.evaluate(strict, 'Deploy', cases);
    expect(TrustTable.format(report)).toBe(
      [
        'role Deploy',
        'case               | expected | actual       | outcome      | ignored keys',
        `-------------------|----------|--------------|--------------|${'-'.repeat(81)}`,
        'main branch        | ALLOWED  | UNDETERMINED | UNDETERMINED | token.actions.githubusercontent.com:aud, token.actions.githubusercontent.com:sub',
        'feature branch     | DENIED   | UNDETERMINED | UNDETERMINED | token.actions.githubusercontent.com:aud, token.actions.githubusercontent.com:sub',
        'another repository | DENIED   | DENIED       | PASS         | -',
        '1 passed, 0 failed, 2 undetermined (2 unexpected)',
      ].join('\n'),
    );
  });

  test('assertOk throws with the table and the explanation of each row that is not ok', async () => {
    const report = await TrustTable.evaluate(strict, 'Deploy', cases);
    expect(() => TrustTable.assertOk(report)).toThrow(
      /trust table for role Deploy is not ok:\nrole Deploy\n[\s\S]*\[main branch\]\nUNDETERMINED: sts:AssumeRoleWithWebIdentity[\s\S]*\[feature branch\]/,
    );
    expect(() => TrustTable.assertOk(report)).not.toThrow(/\[another repository\]/);
  });

  test('verify returns the report when ok and throws otherwise', async () => {
    const report = await TrustTable.verify(withClaims, 'Deploy', cases);
    expect(report.ok).toBe(true);
    await expect(TrustTable.verify(strict, 'Deploy', cases)).rejects.toThrow(/2 undetermined \(2 unexpected\)/);
  });
});
