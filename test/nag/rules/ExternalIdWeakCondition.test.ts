import { NagRuleCompliance } from 'cdk-nag';
import ExternalIdWeakCondition from '../../../lib/nag/rules/ExternalIdWeakCondition';
import { allow, onTrust, VENDOR } from '../helpers';

const vendor = { AWS: `arn:aws:iam::${VENDOR}:root` };
const withCondition = (condition: object) => allow(vendor, 'sts:AssumeRole', condition);

describe('ExternalIdWeakCondition', () => {
  describe('Noncompliance', () => {
    test.each([
      ['StringLike with "*"', { StringLike: { 'sts:ExternalId': '*' } }],
      ['StringLike with a prefix wildcard', { StringLike: { 'sts:ExternalId': 'acme-*' } }],
      ['StringLike with "?"', { StringLike: { 'sts:ExternalId': 'acme-??' } }],
      ['StringEqualsIfExists', { StringEqualsIfExists: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['StringNotEquals', { StringNotEquals: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['ForAllValues:StringEquals', { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['a value of one character (below the grammar)', { StringEquals: { 'sts:ExternalId': 'a' } }],
      ['a value with a space', { StringEquals: { 'sts:ExternalId': 'acme 7f3a' } }],
      ['a value with a forbidden symbol', { StringEquals: { 'sts:ExternalId': 'acme#7f3a' } }],
      ['a value of 1,225 characters (above the grammar)', { StringEquals: { 'sts:ExternalId': 'x'.repeat(1225) } }],
      ['a mixed-case key', { StringLike: { 'STS:EXTERNALID': '*' } }],
    ])('%s', (_name, condition) => {
      // GIVEN an ExternalId test that can be bypassed or never matches  WHEN the rule runs  THEN it is reported
      expect(onTrust(ExternalIdWeakCondition, withCondition(condition))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['a UUID under StringEquals', { StringEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' } }],
      ['the shortest value of the grammar (2 characters)', { StringEquals: { 'sts:ExternalId': 'ab' } }],
      ['the longest value of the grammar (1,224 characters)', { StringEquals: { 'sts:ExternalId': 'x'.repeat(1224) } }],
      ['every symbol of the grammar', { StringEquals: { 'sts:ExternalId': 'A_z0+=,.@:/-' } }],
      ['StringLike without a wildcard', { StringLike: { 'sts:ExternalId': 'acme-7f3a9c' } }],
      ['a value from a parameter', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }],
      ['a value from a Secrets Manager dynamic reference', { StringEquals: { 'sts:ExternalId': '{{resolve:secretsmanager:vendor-external-id}}' } }],
    ])('%s', (_name, condition) => {
      // GIVEN an exact ExternalId  WHEN the rule runs  THEN it passes
      expect(onTrust(ExternalIdWeakCondition, withCondition(condition))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a Deny statement with StringNotEquals is the right way to deny', () => {
      // GIVEN a Deny on any other ExternalId
      const deny = { Effect: 'Deny', Principal: vendor, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'sts:ExternalId': 'acme-7f3a9c' } } };
      // WHEN the rule runs THEN it passes
      expect(onTrust(ExternalIdWeakCondition, [withCondition({ StringEquals: { 'sts:ExternalId': 'acme-7f3a9c' } }), deny])).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});
