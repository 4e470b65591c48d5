import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AmbiguousRoleResolution,
  ClaimMatchType,
  CognitoLoginProvider,
  CognitoRoleMapping,
} from '../../../lib/federation/cognito/cognito-role-mapping';

function stack(): Stack {
  return new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'eu-west-1' } });
}

describe('CognitoLoginProvider', () => {
  test('a user pool client is named <provider name>:<client id>', () => {
    // GIVEN
    const s = stack();
    const pool = cognito.UserPool.fromUserPoolId(s, 'Up', 'eu-west-1_AbCdEf123');
    const client = cognito.UserPoolClient.fromUserPoolClientId(s, 'Client', '1example23456789');
    // WHEN
    const provider = CognitoLoginProvider.userPool(pool, client);
    // THEN
    expect(s.resolve(provider.providerName)).toEqual({
      'Fn::Join': ['', ['cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/eu-west-1_AbCdEf123:1example23456789']],
    });
  });

  test('OIDC issuers lose their scheme; SAML providers are named by ARN; custom names are kept', () => {
    // GIVEN
    const s = stack();
    const saml = iam.SamlProvider.fromSamlProviderArn(s, 'Saml', 'arn:aws:iam::222222222222:saml-provider/Corp');
    // WHEN / THEN
    expect(CognitoLoginProvider.openIdConnect('https://login.example.com').providerName).toBe('login.example.com');
    expect(CognitoLoginProvider.openIdConnect('login.example.com').providerName).toBe('login.example.com');
    expect(CognitoLoginProvider.saml(saml).providerName).toBe('arn:aws:iam::222222222222:saml-provider/Corp');
    expect(CognitoLoginProvider.custom('accounts.google.com').providerName).toBe('accounts.google.com');
  });
});

describe('CognitoRoleMapping', () => {
  test('token mappings deny ambiguous results by default', () => {
    // WHEN
    const m = CognitoRoleMapping.fromToken(CognitoLoginProvider.custom('accounts.google.com'));
    // THEN
    expect(m.mappingType).toBe('Token');
    expect(m.ambiguousRoleResolution).toBe(AmbiguousRoleResolution.DENY);
    expect(m.rules).toEqual([]);
  });

  test("rules mappings copy the caller's rules and keep the resolution asked for", () => {
    // GIVEN
    const s = stack();
    const role = iam.Role.fromRoleArn(s, 'R', 'arn:aws:iam::222222222222:role/Admins');
    const rules = [{ claim: 'cognito:groups', value: 'admins', role, matchType: ClaimMatchType.CONTAINS }];
    // WHEN
    const m = CognitoRoleMapping.fromRules(CognitoLoginProvider.custom('x'), rules, {
      ambiguousRoleResolution: AmbiguousRoleResolution.AUTHENTICATED_ROLE,
    });
    rules[0].value = 'changed';
    // THEN
    expect(m.mappingType).toBe('Rules');
    expect(m.rules[0].value).toBe('admins');
    expect(m.ambiguousRoleResolution).toBe('AuthenticatedRole');
    expect(CognitoRoleMapping.MAX_RULES).toBe(25);
    expect(CognitoRoleMapping.MAX_MAPPINGS).toBe(10);
  });
});
