import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import TrustPolicyTooLarge from '../../../lib/nag/rules/TrustPolicyTooLarge';
import { policySize } from '../../../lib/private/iam';
import { allowAs, doc, newStack, NON, OK, onNode, role } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

/** The model's size measure (lib/private/iam/size.ts). */
const trustPolicySize = (document: unknown): number => policySize(document).length;

/** A trust document of exactly `size` characters without whitespace (padding a Sid). */
function trustOfSize(size: number): object {
  const base = {
    Version: '2012-10-17',
    Statement: [
      { Sid: '', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
    ],
  };
  const padding = size - trustPolicySize(base);
  return { ...base, Statement: [{ ...base.Statement[0], Sid: 'S'.repeat(padding) }] };
}

describe('TrustPolicyTooLarge', () => {
  test('the size measure does not count whitespace', () => {
    // GIVEN the same document as an object and as indented JSON  THEN both sizes are equal
    const d = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' });
    expect(trustPolicySize(JSON.stringify(d, null, 2))).toBe(trustPolicySize(d));
    expect(trustPolicySize(d)).toBe(JSON.stringify(d).length);
  });

  describe('Noncompliance', () => {
    test('one character over the default quota (2,049)', () => {
      // GIVEN a trust policy of 2,049 characters  WHEN the rule runs  THEN it is reported
      expect(onNode(TrustPolicyTooLarge, role(newStack(), trustOfSize(2049)))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('one character over a custom quota', () => {
      // GIVEN a quota of 4,096 and a policy of 4,097 characters  WHEN the rule runs  THEN it is reported
      expect(onNode(TrustPolicyTooLarge, role(newStack(), trustOfSize(4097)), { trustPolicySizeQuota: 4096 })).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });

    test('an L2 role trusting many accounts', () => {
      // GIVEN an iam.Role trusting 80 accounts one by one
      const accounts = Array.from({ length: 80 }, (_, i) => new iam.AccountPrincipal(String(100000000000 + i)));
      const r = new iam.Role(newStack(), 'R', { assumedBy: new iam.CompositePrincipal(...accounts) });
      // WHEN the rule runs THEN it is reported
      expect(onNode(TrustPolicyTooLarge, r.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test('exactly the default quota (2,048)', () => {
      // GIVEN a trust policy of 2,048 characters  WHEN the rule runs  THEN it passes
      const d = trustOfSize(2048);
      expect(trustPolicySize(d)).toBe(2048);
      expect(onNode(TrustPolicyTooLarge, role(newStack(), d))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('exactly a custom quota', () => {
      // GIVEN a quota of 4,096 and a policy of 4,096 characters  WHEN the rule runs  THEN it passes
      expect(onNode(TrustPolicyTooLarge, role(newStack(), trustOfSize(4096)), { trustPolicySizeQuota: 4096 })).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('other resources are not applicable', () => {
      // GIVEN a user  WHEN the rule runs  THEN it does not apply
      expect(onNode(TrustPolicyTooLarge, new iam.CfnUser(newStack(), 'U'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });
  });
});

describe('TrustPolicyTooLarge on every spelling (issue 8)', () => {
  const big = (n: number) =>
    allowAs({ AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(300000000000 + i)}:root`) });
  test.each([
    [
      'an Fn::If branch over the quota',
      trustTemplate(doc({ 'Fn::If': ['Many', big(60), big(1)] }), {
        Conditions: { Many: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } },
      }),
      NON,
      'when condition Many is true',
    ],
    ['a JSON string over the quota', trustTemplate(JSON.stringify(doc(big(60)), null, 2)), NON, undefined],
    ['the same JSON string under a larger quota', trustTemplate(JSON.stringify(doc(big(60)), null, 2)), OK, undefined],
  ])('%s', (name, template, compliance, variant) => {
    const quota = name.includes('larger') ? 4096 : 2048;
    expect(onTemplate(TrustPolicyTooLarge, template, 'Role', { trustPolicySizeQuota: quota })).toEqual({
      compliance,
      ...(variant ? { variant } : {}),
    });
  });
});
