import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CognitoIdentityPool, CognitoIdentityPoolProps } from '../../../lib/federation/cognito/cognito-identity-pool';
import {
  ClaimMatchType,
  CognitoLoginProvider,
  CognitoRoleMapping,
} from '../../../lib/federation/cognito/cognito-role-mapping';

function setup() {
  const stack = new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'eu-west-1' } });
  const userPool = new cognito.UserPool(stack, 'Users');
  const userPoolClient = userPool.addClient('Web');
  return { stack, userPool, userPoolClient };
}

function pool(props: Partial<CognitoIdentityPoolProps> = {}) {
  const env = setup();
  const p = new CognitoIdentityPool(env.stack, 'Pool', {
    userPools: [{ userPool: env.userPool, userPoolClient: env.userPoolClient }],
    ...props,
  });
  return { ...env, pool: p, template: () => Template.fromStack(env.stack) };
}

describe('CognitoIdentityPool', () => {
  test('guest access off is written as an explicit false, classic flow off, server-side token check on', () => {
    // GIVEN / WHEN
    const { template, pool: p } = pool({ identityPoolName: 'Photo App' });
    // THEN
    template().hasResourceProperties('AWS::Cognito::IdentityPool', {
      IdentityPoolName: 'Photo App',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [
        {
          ProviderName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Users'), 'ProviderName'] },
          ClientId: { Ref: Match.stringLikeRegexp('^UsersWeb') },
          ServerSideTokenCheck: true,
        },
      ],
    });
    template().resourceCountIs('AWS::IAM::Role', 1);
    expect(p.unauthenticatedRole).toBeUndefined();
    expect((p.node.defaultChild as cognito.CfnIdentityPool).node.id).toBe('Resource');
  });

  test('roles trust this pool by its Ref, authenticated only', () => {
    // GIVEN / WHEN
    const { template, stack, pool: p } = pool();
    // THEN
    template().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'cognito-identity.amazonaws.com:aud': {
                  Ref: stack.getLogicalId(p.node.defaultChild as cognito.CfnIdentityPool),
                },
              },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      },
    });
    template().hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: stack.getLogicalId(p.node.defaultChild as cognito.CfnIdentityPool) },
      Roles: { authenticated: Match.anyValue(), unauthenticated: Match.absent() },
    });
  });

  test('guest access on writes true and creates the guest role', () => {
    // GIVEN / WHEN
    const { template, pool: p } = pool({ allowGuestAccess: true });
    // THEN
    template().hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
    template().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } } },
        ],
      },
    });
    expect(p.unauthenticatedRole).toBeDefined();
  });

  test('the server-side token check can be turned off per user pool', () => {
    const env = setup();
    new CognitoIdentityPool(env.stack, 'Pool', {
      userPools: [{ userPool: env.userPool, userPoolClient: env.userPoolClient, disableServerSideTokenCheck: true }],
    });
    Template.fromStack(env.stack).hasResourceProperties('AWS::Cognito::IdentityPool', {
      CognitoIdentityProviders: [{ ServerSideTokenCheck: false }],
    });
  });

  test('OIDC and SAML providers are listed by ARN', () => {
    // GIVEN
    const { stack } = setup();
    const oidc = iam.OidcProviderNative.fromOidcProviderArn(
      stack,
      'Oidc',
      'arn:aws:iam::222222222222:oidc-provider/login.example.com',
    );
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::222222222222:saml-provider/Corp');
    // WHEN
    new CognitoIdentityPool(stack, 'Pool', { openIdConnectProviders: [oidc], samlProviders: [saml] });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', {
      OpenIdConnectProviderARNs: ['arn:aws:iam::222222222222:oidc-provider/login.example.com'],
      SamlProviderARNs: ['arn:aws:iam::222222222222:saml-provider/Corp'],
      CognitoIdentityProviders: Match.absent(),
    });
  });

  test('a pool nobody can sign in to is refused', () => {
    const { stack } = setup();
    expect(() => new CognitoIdentityPool(stack, 'Pool')).toThrow(
      'Dev/Pool: invalid sign-in providers: received []; expected at least one of userPools, openIdConnectProviders or samlProviders: without them nobody can sign in.',
    );
  });

  test.each([
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['Photo App_1', true],
    ['Photo/App', false],
  ])('pool name %p: accepted=%s', (identityPoolName, ok) => {
    const create = () => pool({ identityPoolName });
    if (ok) expect(create).not.toThrow();
    else
      expect(create).toThrow(
        /^Dev\/Pool: invalid identity pool name: received .*; expected 1 to 128 characters of letters, digits, spaces and \+ = , \. @ - _\.$/,
      );
  });

  test('a role per user pool group, mapped by the cognito:groups claim', () => {
    // GIVEN
    const { stack, template, pool: p, userPool, userPoolClient } = pool();
    // WHEN
    const admins = p.addRole('Admins');
    p.addRoleMapping(
      CognitoRoleMapping.fromRules(CognitoLoginProvider.userPool(userPool, userPoolClient), [
        { claim: 'cognito:groups', matchType: ClaimMatchType.CONTAINS, value: 'admins', role: admins },
      ]),
    );
    // THEN
    template().hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: {
        Provider1: {
          Type: 'Rules',
          AmbiguousRoleResolution: 'Deny',
          IdentityProvider: {
            'Fn::Join': [
              '',
              [
                { 'Fn::GetAtt': [Match.stringLikeRegexp('^Users'), 'ProviderName'] },
                ':',
                { Ref: Match.stringLikeRegexp('^UsersWeb') },
              ],
            ],
          },
          RulesConfiguration: {
            Rules: [
              {
                Claim: 'cognito:groups',
                MatchType: 'Contains',
                Value: 'admins',
                RoleARN: { 'Fn::GetAtt': [stack.getLogicalId(admins.node.defaultChild as iam.CfnRole), 'Arn'] },
              },
            ],
          },
        },
      },
    });
  });

  test('identityPoolRef and ARN', () => {
    const { stack, pool: p } = pool();
    expect(p.identityPoolRef.identityPoolId).toBe(p.identityPoolId);
    expect(stack.resolve(p.identityPoolArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cognito-identity:eu-west-1:222222222222:identitypool/',
          { Ref: stack.getLogicalId(p.node.defaultChild as cognito.CfnIdentityPool) },
        ],
      ],
    });
  });
});
