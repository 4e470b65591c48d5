import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import MaxSessionDurationOutOfRange from '../../../lib/nag/rules/MaxSessionDurationOutOfRange';
import { allow, allowAs, doc, newStack, NON, OK, onNode, role } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

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

    test.each(['86400', '-3600', '1e5', ' +3600.5 '])('a numeric string from a raw template: %s', (value) => {
      // GIVEN MaxSessionDuration as a string override IAM rejects  WHEN the rule runs  THEN it is reported
      const node = role(newStack(), trust);
      node.addPropertyOverride('MaxSessionDuration', value);
      expect(onNode(MaxSessionDurationOutOfRange, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a numeric string in range, in exponent form, passes', () => {
      // GIVEN "3.6e3" (3,600 seconds)  WHEN the rule runs  THEN it passes
      const node = role(newStack(), trust);
      node.addPropertyOverride('MaxSessionDuration', '3.6e3');
      expect(onNode(MaxSessionDurationOutOfRange, node)).toBe(NagRuleCompliance.COMPLIANT);
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
      const r = new iam.Role(newStack(), 'R', {
        assumedBy: new iam.AccountRootPrincipal(),
        maxSessionDuration: Duration.hours(12),
      });
      expect(onNode(MaxSessionDurationOutOfRange, r.node.defaultChild as iam.CfnRole)).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('a value from a parameter is not judged', () => {
      // GIVEN MaxSessionDuration from a parameter  WHEN the rule runs  THEN it does not apply
      const stack = newStack();
      const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
      expect(onNode(MaxSessionDurationOutOfRange, role(stack, trust, { maxSessionDuration: seconds }))).toBe(
        NagRuleCompliance.NOT_APPLICABLE,
      );
    });
  });
});

describe('MaxSessionDurationOutOfRange on every spelling (issue 8)', () => {
  const trust = doc(allowAs({ Service: 'lambda.amazonaws.com' }));
  test.each([
    [
      'a parameter defaulting to 60 seconds',
      trustTemplate(
        trust,
        { Parameters: { D: { Type: 'Number', Default: 60 } } },
        { MaxSessionDuration: { Ref: 'D' } },
      ),
      NON,
      "when parameter D keeps its default '60'",
    ],
    [
      'a parameter allowing 3,600 to 43,200 (last safe)',
      trustTemplate(
        trust,
        { Parameters: { D: { Type: 'Number', Default: 3600, AllowedValues: [3600, 43200] } } },
        { MaxSessionDuration: { Ref: 'D' } },
      ),
      OK,
      undefined,
    ],
    [
      'an allowed value of 43,201 (first dangerous)',
      trustTemplate(
        trust,
        { Parameters: { D: { Type: 'Number', Default: 3600, AllowedValues: [3600, 43201] } } },
        { MaxSessionDuration: { Ref: 'D' } },
      ),
      NON,
      "when parameter D is set to '43201'",
    ],
    [
      'an Fn::If branch of 50,000',
      trustTemplate(
        trust,
        { Conditions: { Long: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } },
        { MaxSessionDuration: { 'Fn::If': ['Long', 50000, 3600] } },
      ),
      NON,
      'when condition Long is true',
    ],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(MaxSessionDurationOutOfRange, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
