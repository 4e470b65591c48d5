import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CognitoAppStack } from '../../../examples/federation/cognito-app-stack';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { projectApp } from '../../util';

const ENV = { account: '222222222222', region: 'us-east-1' };

function build() {
  const app = projectApp();
  const stack = new CognitoAppStack(app, 'Federation-CognitoApp', { env: ENV });
  return { app, stack, template: Template.fromStack(stack) };
}

describe('CognitoAppStack example', () => {
  const { app, stack, template } = build();
  const poolRef = { Ref: stack.getLogicalId(stack.identityPool.node.defaultChild as any) };
  const trust = (amr: string) => ({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': poolRef },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      },
    ],
  });

  test('the identity pool allows guests explicitly, classic flow off, with the user pool client', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      IdentityPoolName: 'CognitoApp',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [Match.objectLike({ ServerSideTokenCheck: true })],
    });
  });

  test('three roles trust the pool: users and admins as authenticated, guests as unauthenticated', () => {
    template.resourceCountIs('AWS::IAM::Role', 3);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CognitoAppUsers',
      AssumeRolePolicyDocument: trust('authenticated'),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CognitoAppAdmins',
      AssumeRolePolicyDocument: trust('authenticated'),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CognitoAppGuests',
      AssumeRolePolicyDocument: trust('unauthenticated'),
    });
  });

  test('guests may only read the catalog table', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CognitoAppGuests',
      Policies: [
        {
          PolicyName: 'Permissions',
          PolicyDocument: {
            Statement: [
              {
                Sid: 'ReadCatalog',
                Effect: 'Allow',
                Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
                Resource: { 'Fn::GetAtt': [stack.getLogicalId(stack.catalog.node.defaultChild as any), 'Arn'] },
              },
            ],
          },
        },
      ],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('signed-in users reach only their own notes (leading key = their identity id)', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CognitoAppUsers',
      Policies: [
        {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Sid: 'OwnNotesOnly',
                Condition: {
                  'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
                },
              }),
            ]),
          },
        },
      ],
    });
  });

  test('members of the admins group get CognitoAppAdmins by rule; others fall back to the authenticated role', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: poolRef,
      Roles: {
        authenticated: {
          'Fn::GetAtt': [stack.getLogicalId(stack.identityPool.authenticatedRole.node.defaultChild as any), 'Arn'],
        },
        unauthenticated: {
          'Fn::GetAtt': [stack.getLogicalId(stack.identityPool.unauthenticatedRole!.node.defaultChild as any), 'Arn'],
        },
      },
      RoleMappings: {
        Provider1: {
          Type: 'Rules',
          AmbiguousRoleResolution: 'AuthenticatedRole',
          RulesConfiguration: {
            Rules: [
              {
                Claim: 'cognito:groups',
                MatchType: 'Contains',
                Value: 'admins',
                RoleARN: { 'Fn::GetAtt': [stack.getLogicalId(stack.admins.node.defaultChild as any), 'Arn'] },
              },
            ],
          },
        },
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
  });

  test('the user pool requires MFA and strong passwords', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireSymbols: true,
          RequireUppercase: true,
          RequireNumbers: true,
        }),
      },
    });
  });

  test('AwsSolutions finds nothing unacknowledged, and the guest-access acknowledgement is needed', () => {
    expect(new AwsSolutionsChecks(app).validateScope(stack).violations).toEqual([]);
    const bare = build();
    for (const c of bare.app.node.findAll()) {
      (c.node as any)._metadata = c.node.metadata.filter(
        (m) => m.type !== (Validations as any).ACKNOWLEDGED_RULES_METADATA_KEY,
      );
    }
    expect(new AwsSolutionsChecks(bare.app).validateScope(bare.stack).violations.map((v) => v.ruleName)).toEqual([
      'AwsSolutions-COG7',
    ]);
  });

  test("the project's StsChecks pack finds nothing unacknowledged either (guest access is acknowledged)", () => {
    expect(new StsChecks(app).validateScope(stack).violations).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});
