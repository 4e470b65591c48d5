import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import MaxSessionDurationOutOfRange from '../../../lib/nag/rules/MaxSessionDurationOutOfRange';
import { allow, doc, newStack, onNode, role } from '../helpers';

const trust = doc(allow({ AWS: 'arn:aws:iam::111111111111:root' }));
const withDuration = (seconds: number) => role(newStack(), trust, { maxSessionDuration: seconds });

describe('MaxSessionDurationOutOfRange', () => {
  describe('Noncompliance', () => {
    test.each([
      ['3,599 seconds (one below the minimum)', 3599],
      ['43,201 seconds (one above the maximum)', 43201],
      ['900 seconds (the shortest session, but not a valid maximum)', 900],
      ['0', 0],
      ['a fraction', 3600.5],
    ])('%s', (_name, seconds) => {
      // GIVEN a MaxSessionDuration IAM rejects  WHEN the rule runs  THEN it is reported
      expect(onNode(MaxSessionDurationOutOfRange, withDuration(seconds))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a numeric string from a raw template', () => {
      // GIVEN MaxSessionDuration "86400" as a string override  WHEN the rule runs  THEN it is reported
      const node = role(newStack(), trust);
      node.addPropertyOverride('MaxSessionDuration', '86400');
      expect(onNode(MaxSessionDurationOutOfRange, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['3,600 seconds (the minimum)', 3600],
      ['43,200 seconds (the maximum)', 43200],
    ])('%s', (_name, seconds) => {
      // GIVEN a MaxSessionDuration within bounds  WHEN the rule runs  THEN it passes
      expect(onNode(MaxSessionDurationOutOfRange, withDuration(seconds))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('no MaxSessionDuration (IAM default of one hour)', () => {
      expect(onNode(MaxSessionDurationOutOfRange, role(newStack(), trust))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('an L2 role with Duration.hours(12)', () => {
      const r = new iam.Role(newStack(), 'R', { assumedBy: new iam.AccountRootPrincipal(), maxSessionDuration: Duration.hours(12) });
      expect(onNode(MaxSessionDurationOutOfRange, r.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a value from a parameter is not judged', () => {
      // GIVEN MaxSessionDuration from a parameter  WHEN the rule runs  THEN it does not apply
      const stack = newStack();
      const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
      expect(onNode(MaxSessionDurationOutOfRange, role(stack, trust, { maxSessionDuration: seconds }))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });
  });
});
