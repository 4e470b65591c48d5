import * as cognito from 'aws-cdk-lib/aws-cognito';
import { NagRuleCompliance } from 'cdk-nag';
import CognitoGuestAccessEnabled from '../../../lib/nag/rules/CognitoGuestAccessEnabled';
import { allow, doc, newStack, NON, OK, onNode, role } from '../helpers';
import { onTemplate } from '../helpers';

describe('CognitoGuestAccessEnabled', () => {
  describe('Noncompliance', () => {
    test('an identity pool allowing unauthenticated identities', () => {
      // GIVEN guest access on  WHEN the rule runs  THEN it warns
      const pool = new cognito.CfnIdentityPool(newStack(), 'Pool', { allowUnauthenticatedIdentities: true });
      expect(onNode(CognitoGuestAccessEnabled, pool)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('guest access switched on by a property override', () => {
      // GIVEN guest access off in props but overridden to true  WHEN the rule runs  THEN it warns (the template is read)
      const pool = new cognito.CfnIdentityPool(newStack(), 'Pool', { allowUnauthenticatedIdentities: false });
      pool.addPropertyOverride('AllowUnauthenticatedIdentities', true);
      expect(onNode(CognitoGuestAccessEnabled, pool)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test('an identity pool without guest access', () => {
      // GIVEN guest access off  WHEN the rule runs  THEN it passes
      const pool = new cognito.CfnIdentityPool(newStack(), 'Pool', { allowUnauthenticatedIdentities: false });
      expect(onNode(CognitoGuestAccessEnabled, pool)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a guest-access flag from a parameter is not judged as on', () => {
      // GIVEN the flag from a parameter  WHEN the rule runs  THEN it passes
      const pool = new cognito.CfnIdentityPool(newStack(), 'Pool', {
        allowUnauthenticatedIdentities: { Ref: 'Guest' } as unknown as boolean,
      });
      expect(onNode(CognitoGuestAccessEnabled, pool)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('other resources are not applicable', () => {
      // GIVEN a role  WHEN the rule runs  THEN it does not apply
      expect(onNode(CognitoGuestAccessEnabled, role(newStack(), doc(allow('*'))))).toBe(
        NagRuleCompliance.NOT_APPLICABLE,
      );
    });
  });
});

describe('CognitoGuestAccessEnabled on every spelling (issue 8)', () => {
  const pool = (value: unknown, sections: object = {}) => ({
    ...sections,
    Resources: { Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: value } } },
  });
  test.each([
    [
      'a parameter defaulting to true',
      pool({ Ref: 'Guests' }, { Parameters: { Guests: { Type: 'String', Default: 'true' } } }),
      NON,
      "when parameter Guests keeps its default 'true'",
    ],
    [
      'a parameter allowing only false (last safe)',
      pool(
        { Ref: 'Guests' },
        { Parameters: { Guests: { Type: 'String', Default: 'false', AllowedValues: ['false'] } } },
      ),
      OK,
      undefined,
    ],
    [
      'an Fn::If branch of true',
      pool(
        { 'Fn::If': ['Public', true, false] },
        { Conditions: { Public: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } },
      ),
      NON,
      'when condition Public is true',
    ],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(CognitoGuestAccessEnabled, template, 'Pool')).toEqual({
      compliance,
      ...(variant ? { variant } : {}),
    });
  });
});
