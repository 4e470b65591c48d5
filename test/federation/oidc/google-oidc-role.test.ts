import { Template } from 'aws-cdk-lib/assertions';
import { GoogleOidcRole } from '../../../lib/federation/oidc/google-oidc-role';
import { AssumeRequest, TrustCase, TrustCaseOutcome, TrustEvaluator, TrustTable } from '../../../lib/testing';
import { devStack, trustStatements } from '../../util';
import { ALLOWED, DENIED, evaluateBothWays } from './trust-tables';

const SA = '111122223333444455556';

describe('GoogleOidcRole', () => {
  test('given audiences and subjects, the built-in accounts.google.com principal with aud and sub pinned, no provider', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const role = new GoogleOidcRole(stack, 'FromGcp', { audiences: [SA], subjects: [SA] });
    // THEN
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Condition: { StringEquals: { 'accounts.google.com:aud': SA, 'accounts.google.com:sub': SA } },
      },
    ]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(role.subjects).toEqual([SA]);
  });

  test('given original audiences, accounts.google.com:oaud is pinned as well', () => {
    const stack = devStack();
    new GoogleOidcRole(stack, 'FromGcp', {
      audiences: [SA],
      subjects: [SA],
      originalAudiences: ['https://sts.amazonaws.com/acme-dev'],
    });
    expect(trustStatements(stack)[0].Condition).toEqual({
      StringEquals: {
        'accounts.google.com:aud': SA,
        'accounts.google.com:sub': SA,
        'accounts.google.com:oaud': 'https://sts.amazonaws.com/acme-dev',
      },
    });
  });

  test('given missing or wildcard audiences, subjects or original audiences, it throws', () => {
    const stack = devStack();
    expect(() => new GoogleOidcRole(stack, 'A', { audiences: [], subjects: [SA] })).toThrow(
      /^Dev\/A: invalid audiences: received \[\]/,
    );
    expect(() => new GoogleOidcRole(stack, 'B', { audiences: [SA], subjects: [] })).toThrow(
      /^Dev\/B: invalid subjects: received \[\]; expected at least one Google account or service account id .*any Google account could assume the role/,
    );
    expect(() => new GoogleOidcRole(stack, 'C', { audiences: [SA], subjects: ['1*'] })).toThrow(
      /^Dev\/C: invalid subject: received '1\*'/,
    );
    expect(() => new GoogleOidcRole(stack, 'D', { audiences: ['*'], subjects: [SA] })).toThrow(
      /^Dev\/D: invalid audience/,
    );
    expect(() => new GoogleOidcRole(stack, 'E', { audiences: [SA], subjects: [SA], originalAudiences: [] })).toThrow(
      /^Dev\/E: invalid originalAudiences/,
    );
    expect(
      () => new GoogleOidcRole(stack, 'F', { audiences: [SA], subjects: [SA], originalAudiences: ['a?'] }),
    ).toThrow(/^Dev\/F: invalid original audience/);
  });
});

describe('GoogleOidcRole: who can assume it (IAM policy evaluator)', () => {
  // GIVEN a role for one GCP service account, whose ID token carries azp = aud key value and its own aud as oaud
  const stack = devStack();
  new GoogleOidcRole(stack, 'FromGcp', {
    roleName: 'from-gcp',
    audiences: [SA],
    subjects: [SA],
    originalAudiences: ['https://sts.amazonaws.com/acme-dev'],
  });
  const token = (o: { aud?: string | null; sub?: string; oaud?: string | null }) =>
    AssumeRequest.webIdentity('accounts.google.com', {
      audience: o.aud === null ? undefined : (o.aud ?? SA),
      subject: o.sub ?? SA,
      claims: o.oaud === null ? [] : [{ name: 'oaud', values: [o.oaud ?? 'https://sts.amazonaws.com/acme-dev'] }],
    });
  const cases: TrustCase[] = [
    { name: 'the service account, for the expected audience', request: token({}), expected: ALLOWED },
    {
      name: 'another Google account',
      request: token({ sub: '999988887777666655554', aud: '999988887777666655554' }),
      expected: DENIED,
    },
    {
      name: 'the service account, token for another audience',
      request: token({ oaud: 'https://other.example.com' }),
      expected: DENIED,
    },
    { name: 'missing audience', request: token({ aud: null }), expected: DENIED },
    { name: 'missing original audience', request: token({ oaud: null }), expected: DENIED },
  ];

  test('the validated evaluator knows the accounts.google.com keys and judges every row as expected, ignoring nothing', async () => {
    // WHEN
    const strict = await TrustTable.evaluate(TrustEvaluator.fromStack(stack), 'from-gcp', cases);
    // THEN
    TrustTable.assertOk(strict);
    expect(strict.results.map((r) => r.outcome)).toEqual(cases.map(() => TrustCaseOutcome.PASS));
    expect(strict.results.flatMap((r) => r.result.ignoredContextKeys)).toEqual([]);
    // AND the claims mode agrees, without needing its unvalidated entry point
    const report = await evaluateBothWays(stack, 'from-gcp', cases);
    expect(report.claims.passed).toBe(cases.length);
    expect(report.unvalidatedKeys).toEqual([]);
  });
});
