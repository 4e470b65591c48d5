/**
 * Compact trust (issue 12) and conflicting parties (issue 9): a CrossAccountRole that trusts more accounts than fit
 * one statement each writes one statement per distinct condition set, accounts under aws:PrincipalAccount; decision
 * tables with the IAM evaluator prove the compact and expanded forms admit the same requests.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CrossAccountRole, TrustedParty, StsLimits } from '../../lib';
import { StsChecks } from '../../lib/nag/sts-checks';
import { AssumeRequest, TrustDecision, TrustEvaluator } from '../../lib/testing';
import { policyLength } from '../../lib/trust/policy-size';
import { devStack, rootArn, trustStatements } from '../util';

const OWN = '222222222222';
const accounts = (n: number, from = 300000000000) => Array.from({ length: n }, (_, i) => String(from + i));

function roleWith(parties: TrustedParty[], quota?: number, stack: Stack = devStack()) {
  const role = new CrossAccountRole(stack, 'R', {
    roleName: 'R',
    trustedParties: parties,
    trustPolicySizeQuota: quota,
  });
  const template = Template.fromStack(stack).toJSON();
  const trust = Object.values(template.Resources as Record<string, any>).find((r) => r.Type === 'AWS::IAM::Role')
    .Properties.AssumeRolePolicyDocument;
  return { stack, role, template, trust, length: policyLength(trust).length };
}

beforeAll(() => {
  process.env.CDK_VALIDATION = 'false';
});
afterAll(() => {
  delete process.env.CDK_VALIDATION;
});

describe('compact trust', () => {
  test('a role whose parties fit one statement each keeps one statement per party', () => {
    // GIVEN / WHEN
    const { role, trust } = roleWith(accounts(3).map((a) => TrustedParty.account(a)));
    // THEN
    expect(role.compactTrust).toBe(false);
    expect(trust.Statement).toHaveLength(3);
    expect(trust.Statement[0].Principal).toEqual({ AWS: rootArn('300000000000') });
  });

  test('115 accounts with MFA fit 2,048 characters, in one statement under aws:PrincipalAccount', () => {
    // GIVEN / WHEN
    const { role, trust, length } = roleWith(accounts(115).map((a) => TrustedParty.account(a)));
    // THEN
    expect(role.compactTrust).toBe(true);
    expect(length).toBeLessThanOrEqual(StsLimits.TRUST_POLICY_DEFAULT_QUOTA);
    expect(trust.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          StringEquals: { 'aws:PrincipalAccount': accounts(115) },
        },
      },
    ]);
  });

  test('250 accounts with MFA fit 4,096 characters; the first count that does not fit fails naming role, size, quota and the form that would fit', () => {
    // GIVEN / WHEN
    const { length } = roleWith(
      accounts(250).map((a) => TrustedParty.account(a)),
      4096,
    );
    // THEN
    expect(length).toBeLessThanOrEqual(StsLimits.TRUST_POLICY_MAX_QUOTA);
    const fits = (n: number) => {
      try {
        roleWith(
          accounts(n).map((a) => TrustedParty.account(a)),
          4096,
        );
        return undefined;
      } catch (e) {
        return String(e);
      }
    };
    let n = 250;
    while (fits(n + 10) === undefined) n += 10;
    while (fits(n + 1) === undefined) n++;
    const error = fits(n + 1)!;
    expect(error).toMatch(
      new RegExp(`Dev/R: the trust policy of role 'R' is \\d+ characters without whitespace; expected at most 4096`),
    );
    expect(error).toMatch(
      /The \d+ listed accounts are already in the compact form .*trust the organization instead \(TrustedParty.organization\('o-\.\.\.'\)/,
    );
  });

  test('each condition set gets its own statement: MFA, ExternalId and MFA age never leak onto another party', () => {
    // GIVEN
    const people = accounts(60).map((a) => TrustedParty.account(a));
    const vendors = accounts(20, 400000000000).map((a) => TrustedParty.thirdParty(a, ['vendor-7f3a9c-shared']));
    const ci = accounts(10, 500000000000).map((a) =>
      TrustedParty.account(a, { requireMfa: false, unguardedReason: 'CI accounts of the platform team' }),
    );
    // WHEN
    const { role, trust, length } = roleWith([
      ...people,
      ...vendors,
      ...ci,
      TrustedParty.principalArn('arn:aws:iam::600000000000:role/deployer', {
        requireMfa: false,
        unguardedReason: 'the CI pipeline role deploys here',
      }),
    ]);
    // THEN
    expect(role.compactTrust).toBe(true);
    expect(length).toBeLessThanOrEqual(2048);
    expect(trust.Statement.map((s: any) => s.Condition)).toEqual([
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'aws:PrincipalAccount': accounts(60) } },
      {
        StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c-shared', 'aws:PrincipalAccount': accounts(20, 400000000000) },
      },
      { StringEquals: { 'aws:PrincipalAccount': accounts(10, 500000000000) } },
      undefined,
    ]);
    expect(trust.Statement[3].Principal).toEqual({ AWS: 'arn:aws:iam::600000000000:role/deployer' });
  });

  test('the own account keeps its root principal; in an environment-agnostic stack the compact statements exclude it', () => {
    // GIVEN / WHEN
    const known = roleWith([TrustedParty.account(OWN), ...accounts(100).map((a) => TrustedParty.account(a))]);
    const agnostic = roleWith(
      accounts(100).map((a) => TrustedParty.account(a)),
      undefined,
      new Stack(new App(), 'Agnostic'),
    );
    // THEN
    expect(known.trust.Statement[0].Principal).toEqual({ AWS: rootArn(OWN) });
    expect(known.trust.Statement[1].Condition.StringEquals['aws:PrincipalAccount']).not.toContain(OWN);
    expect(agnostic.trust.Statement[0].Condition.StringNotEquals).toEqual({
      'aws:PrincipalAccount': { Ref: 'AWS::AccountId' },
    });
  });

  test('the compact and the expanded forms admit the same requests (decision table with the IAM evaluator)', async () => {
    // GIVEN the compact role, and the same parties one statement each in a raw role of the same account
    const people = accounts(80);
    const vendors = accounts(20, 400000000000);
    const { stack } = roleWith([
      ...people.map((a) => TrustedParty.account(a)),
      ...vendors.map((a) => TrustedParty.thirdParty(a, ['vendor-7f3a9c-shared'])),
    ]);
    const expanded = devStack('Expanded');
    new iam.CfnRole(expanded, 'R', {
      roleName: 'R',
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          ...people.map((a) => ({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: `arn:aws:iam::${a}:root` },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          })),
          ...vendors.map((a) => ({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: `arn:aws:iam::${a}:root` },
            Condition: { StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c-shared' } },
          })),
        ],
      },
    });
    const rows: Array<[string, AssumeRequest]> = [
      ['a listed person with MFA', AssumeRequest.fromPrincipal(`arn:aws:iam::${people[42]}:user/alice`, { mfa: true })],
      ['a listed person without MFA', AssumeRequest.fromPrincipal(`arn:aws:iam::${people[42]}:user/alice`)],
      [
        'a listed person with the vendor ExternalId but no MFA',
        AssumeRequest.fromPrincipal(`arn:aws:iam::${people[0]}:role/x`, { externalId: 'vendor-7f3a9c-shared' }),
      ],
      [
        'a vendor with its ExternalId',
        AssumeRequest.fromPrincipal(`arn:aws:iam::${vendors[3]}:role/vendor`, { externalId: 'vendor-7f3a9c-shared' }),
      ],
      [
        'a vendor with MFA but without ExternalId',
        AssumeRequest.fromPrincipal(`arn:aws:iam::${vendors[3]}:user/v`, { mfa: true }),
      ],
      [
        'a vendor with a wrong ExternalId',
        AssumeRequest.fromPrincipal(`arn:aws:iam::${vendors[3]}:role/vendor`, { externalId: 'vendor-7f3a9c-other' }),
      ],
      [
        'an unlisted account with MFA and the ExternalId',
        AssumeRequest.fromPrincipal('arn:aws:iam::777777777777:user/eve', {
          mfa: true,
          externalId: 'vendor-7f3a9c-shared',
        }),
      ],
    ];
    // WHEN
    const compactEvaluator = TrustEvaluator.fromStack(stack);
    const expandedEvaluator = TrustEvaluator.fromStack(expanded);
    const decisions = [];
    for (const [name, request] of rows) {
      const [c, e] = [await compactEvaluator.assume('R', request), await expandedEvaluator.assume('R', request)];
      decisions.push([name, c.decision, e.decision]);
    }
    // THEN both forms decide every row alike, and as the parties say
    expect(decisions).toEqual([
      ['a listed person with MFA', TrustDecision.ALLOWED, TrustDecision.ALLOWED],
      ['a listed person without MFA', TrustDecision.DENIED, TrustDecision.DENIED],
      ['a listed person with the vendor ExternalId but no MFA', TrustDecision.DENIED, TrustDecision.DENIED],
      ['a vendor with its ExternalId', TrustDecision.ALLOWED, TrustDecision.ALLOWED],
      ['a vendor with MFA but without ExternalId', TrustDecision.DENIED, TrustDecision.DENIED],
      ['a vendor with a wrong ExternalId', TrustDecision.DENIED, TrustDecision.DENIED],
      ['an unlisted account with MFA and the ExternalId', TrustDecision.DENIED, TrustDecision.DENIED],
    ]);
  }, 60_000);
});

describe('StsChecks on the compact form', () => {
  const errors = (stack: Stack) =>
    new StsChecks(undefined)
      .validateScope(stack)
      .violations.filter((v) => v.severity === 'error')
      .map((v) => v.ruleName);

  test('the compact form with MFA or ExternalIds is clean, as the listed roots are', () => {
    // GIVEN / WHEN
    const { stack, role } = roleWith([
      ...accounts(80).map((a) => TrustedParty.account(a)),
      ...accounts(20, 400000000000).map((a) => TrustedParty.thirdParty(a, ['vendor-7f3a9c-shared'])),
    ]);
    // THEN
    expect(role.compactTrust).toBe(true);
    expect(errors(stack)).toEqual([]);
  });

  test('an unguarded compact statement is what the written reason acknowledges; the raw form is flagged like listed roots', () => {
    // GIVEN the construct with a written reason, and the same compact statement written by hand
    const { stack } = roleWith(
      accounts(120).map((a) =>
        TrustedParty.account(a, { requireMfa: false, unguardedReason: 'CI accounts of the platform team' }),
      ),
    );
    const raw = devStack('Raw');
    new iam.CfnRole(raw, 'R', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:PrincipalAccount': accounts(120) } },
          },
        ],
      },
    });
    // THEN
    expect(errors(stack)).toEqual([]);
    expect(errors(raw)).toEqual(['StsChecks-CrossAccountTrustWithoutGuard']);
  });
});

describe('conflicting parties', () => {
  test.each([
    [
      'a third party and the same account without ExternalId',
      [
        TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c']),
        TrustedParty.account('999999999999', { requireMfa: false, unguardedReason: 'the vendor root is trusted' }),
      ],
      /account 999999999999 is trusted twice/,
    ],
    [
      'one account twice with different MFA settings',
      [
        TrustedParty.account('111111111111'),
        TrustedParty.account('111111111111', { requireMfa: false, unguardedReason: 'no MFA for robots here' }),
      ],
      /account 111111111111 is trusted twice/,
    ],
    [
      'one principal twice',
      [
        TrustedParty.principalArn('arn:aws:iam::111111111111:role/ci'),
        TrustedParty.principalArn('arn:aws:iam::111111111111:role/ci', {
          requireMfa: false,
          unguardedReason: 'the CI pipeline role deploys here',
        }),
      ],
      /arn:aws:iam::111111111111:role\/ci is trusted twice/,
    ],
    [
      'a role of an MFA account without MFA',
      [
        TrustedParty.account('111111111111'),
        TrustedParty.principalArn('arn:aws:iam::111111111111:role/ci', {
          requireMfa: false,
          unguardedReason: 'the CI pipeline role deploys here',
        }),
      ],
      /with at least that account's guards \(MFA\): it would bypass them/,
    ],
    [
      'a role of a vendor account without its ExternalId',
      [
        TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c']),
        TrustedParty.principalArn('arn:aws:iam::999999999999:role/x', {
          requireMfa: false,
          unguardedReason: 'the CI pipeline role deploys here',
        }),
      ],
      /\(its ExternalIds\): it would bypass them/,
    ],
  ])('%s is refused at synth', (_name, parties, message) => {
    // GIVEN
    const stack = devStack();
    // WHEN / THEN
    expect(() => new CrossAccountRole(stack, 'R', { roleName: 'R', trustedParties: parties })).toThrow(
      /^Dev\/R: invalid trustedParties: received '.* and .*'; expected each|^Dev\/R: invalid trustedParties/,
    );
    expect(() => new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: parties })).toThrow(message);
  });

  test('a principal of an account with at least its guards is accepted next to the account', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [
        TrustedParty.account('111111111111'),
        TrustedParty.principalArn('arn:aws:iam::111111111111:role/ops'),
      ],
    });
    // THEN
    expect(trustStatements(stack)).toHaveLength(2);
  });
});

describe('written opt-outs', () => {
  test('an unguarded foreign account becomes the matching StsChecks acknowledgement, with its reason', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const role = new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [
        TrustedParty.account('111111111111', {
          requireMfa: false,
          unguardedReason: 'the CI account deploys with its pipeline role',
        }),
      ],
    });
    // THEN
    const acks = role.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => m.data);
    expect(JSON.stringify(acks)).toContain('StsChecks-CrossAccountTrustWithoutGuard');
    expect(JSON.stringify(acks)).toContain('account 111111111111: the CI account deploys with its pipeline role');
  });

  test('without the reason the construct refuses at synth', () => {
    // GIVEN / WHEN / THEN
    expect(
      () =>
        new CrossAccountRole(devStack(), 'R', {
          roleName: 'R',
          trustedParties: [TrustedParty.account('111111111111')],
          requireMfa: false,
        }),
    ).toThrow(/Dev\/R: invalid guard of account 111111111111: .*or unguardedReason/);
  });
});
