import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AssumeRequest, TrustAssertions, TrustDecision, TrustEvaluator } from '../../lib/testing';

// Evaluations load the evaluator's data on first use and synthesize stacks: generous on a shared CI machine.
jest.setTimeout(30_000);

const ALICE = 'arn:aws:iam::111111111111:user/alice';

// GIVEN a role trusting the hub account with MFA, and one whose only condition the evaluator ignores for the action
const stack = new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'eu-west-1' } });
new iam.Role(stack, 'Admin', {
  roleName: 'Admin',
  assumedBy: new iam.AccountPrincipal('111111111111').withConditions({
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  }),
});
const evaluator = TrustEvaluator.fromStack(stack);

describe('TrustAssertions', () => {
  test('expectAllowed returns the result of an allowed request', async () => {
    const result = await TrustAssertions.expectAllowed(
      evaluator,
      'Admin',
      AssumeRequest.fromPrincipal(ALICE, { mfa: true }),
    );
    expect(result.decision).toBe(TrustDecision.ALLOWED);
  });

  test('expectAllowed throws a readable explanation for a denied request', async () => {
    await expect(TrustAssertions.expectAllowed(evaluator, 'Admin', AssumeRequest.fromPrincipal(ALICE))).rejects.toThrow(
      /^expected ALLOWED for role Admin, got DENIED:\nDENIED: sts:AssumeRole by arn:aws:iam::111111111111:user\/alice with aws:PrincipalArn=.*\n {2}role: Admin \(arn:aws:iam::222222222222:role\/Admin\), trust policy only\n {2}sts:AssumeRole: DENIED \(evaluator: ImplicitlyDenied\)/,
    );
  });

  test('expectDenied passes for a denied request and throws for an allowed one', async () => {
    await expect(
      TrustAssertions.expectDenied(evaluator, 'Admin', AssumeRequest.fromPrincipal(ALICE)),
    ).resolves.toMatchObject({ decision: TrustDecision.DENIED });
    await expect(
      TrustAssertions.expectDenied(evaluator, 'Admin', AssumeRequest.fromPrincipal(ALICE, { mfa: true })),
    ).rejects.toThrow(/^expected DENIED for role Admin, got ALLOWED/);
  });

  test('UNDETERMINED satisfies neither expectAllowed nor expectDenied, only expectDecision(UNDETERMINED)', async () => {
    // a key the evaluator does not know for sts:AssumeRole, given a value
    const request = AssumeRequest.fromPrincipal(ALICE, {
      mfa: true,
      context: [{ key: 'token.actions.githubusercontent.com:sub', values: ['x'] }],
    });
    await expect(TrustAssertions.expectAllowed(evaluator, 'Admin', request)).rejects.toThrow(
      /got UNDETERMINED[\s\S]*ignored keys: token.actions.githubusercontent.com:sub/,
    );
    await expect(TrustAssertions.expectDenied(evaluator, 'Admin', request)).rejects.toThrow(/got UNDETERMINED/);
    await expect(
      TrustAssertions.expectDecision(evaluator, 'Admin', request, TrustDecision.UNDETERMINED),
    ).resolves.toMatchObject({ decision: TrustDecision.UNDETERMINED });
  });
});
