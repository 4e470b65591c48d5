import * as cognito from 'aws-cdk-lib/aws-cognito';
import { NagRuleCompliance } from 'cdk-nag';
import CognitoClassicFlowEnabled from '../../../lib/nag/rules/CognitoClassicFlowEnabled';
import { newStack, onNode } from '../helpers';
import { runOnTemplate } from '../template-helpers';

const poolTemplate = (properties: object, extra: { Parameters?: object; Conditions?: object } = {}) => ({
  ...extra,
  Resources: {
    Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: false, ...properties } },
  },
});

describe('CognitoClassicFlowEnabled', () => {
  describe('Noncompliance', () => {
    test('an identity pool with AllowClassicFlow true', () => {
      // GIVEN an L1 identity pool with the classic flow  WHEN the rule runs  THEN it is reported
      const pool = new cognito.CfnIdentityPool(newStack(), 'Pool', {
        allowUnauthenticatedIdentities: false,
        allowClassicFlow: true,
      });
      expect(onNode(CognitoClassicFlowEnabled, pool)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('the string "true" and a parameter whose default is true', () => {
      // GIVEN the classic flow as the string 'true', or from a parameter defaulting to true
      expect(runOnTemplate(CognitoClassicFlowEnabled, poolTemplate({ AllowClassicFlow: 'true' }), 'Pool').failed).toBe(
        true,
      );
      const result = runOnTemplate(
        CognitoClassicFlowEnabled,
        poolTemplate(
          { AllowClassicFlow: { Ref: 'Classic' } },
          { Parameters: { Classic: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] } } },
        ),
        'Pool',
      );
      // WHEN the rule runs THEN it is reported, naming the parameter
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/Classic/);
    });

    test('an Fn::If branch that turns it on', () => {
      // GIVEN AllowClassicFlow true in one branch  WHEN the rule runs  THEN it is reported, naming the condition
      const result = runOnTemplate(
        CognitoClassicFlowEnabled,
        poolTemplate(
          { AllowClassicFlow: { 'Fn::If': ['Legacy', true, false] } },
          {
            Parameters: { Mode: { Type: 'String' } },
            Conditions: { Legacy: { 'Fn::Equals': [{ Ref: 'Mode' }, 'legacy'] } },
          },
        ),
        'Pool',
      );
      expect(result.failed).toBe(true);
      expect(result.variant).toMatch(/Legacy/);
    });

    test('guests make it worse, and the detail says so', () => {
      // GIVEN classic flow with guest access  WHEN the rule runs  THEN the detail names the guests
      const result = runOnTemplate(
        CognitoClassicFlowEnabled,
        poolTemplate({ AllowClassicFlow: true, AllowUnauthenticatedIdentities: true }),
        'Pool',
      );
      expect(result.detail).toMatch(/guests/);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['AllowClassicFlow false', { AllowClassicFlow: false }],
      ['AllowClassicFlow absent (the default)', {}],
      ['the string "false"', { AllowClassicFlow: 'false' }],
    ])('%s', (_name, properties) => {
      // GIVEN an identity pool without the classic flow  WHEN the rule runs  THEN it passes
      expect(runOnTemplate(CognitoClassicFlowEnabled, poolTemplate(properties), 'Pool').compliance).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    test('an L2 identity pool with the defaults', () => {
      // GIVEN an aws-cdk-lib IdentityPool  WHEN the rule runs on its resource  THEN it passes
      const stack = newStack();
      const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
      expect(onNode(CognitoClassicFlowEnabled, pool)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('other resources are not applicable', () => {
      // GIVEN a role  WHEN the rule runs  THEN not applicable
      const json = { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } } };
      expect(runOnTemplate(CognitoClassicFlowEnabled, json, 'Role').compliance).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });
  });
});
