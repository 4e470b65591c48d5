/**
 * Cognito types through the emulator's CloudFormation: identity pool and its role attachment (checked with the
 * cognito-identity SDK, including GetIdentityPoolRoles, which the emulator adds to moto), and user pool,
 * client and group (checked through the cognito-idp JSON API).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { EmulatorHandle } from '../../scripts/emulator/emulator';
import {
  Template,
  callJsonApi,
  clone,
  createStack,
  deleteStack,
  sdkConfig,
  startTestEmulator,
  updateStack,
} from './helpers';

let emulator: EmulatorHandle;
let cfn: CloudFormationClient;
let identity: CognitoIdentityClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  cfn = new CloudFormationClient(sdkConfig(emulator.endpoint));
  identity = new CognitoIdentityClient(sdkConfig(emulator.endpoint));
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
}, 20_000);

const idp = (target: string, body: Record<string, unknown>) =>
  callJsonApi(emulator.endpoint, 'cognito-idp', `AWSCognitoIdentityProviderService.${target}`, body);

function cognitoTrust(kind: 'authenticated' | 'unauthenticated') {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': kind } },
      },
    ],
  };
}

const original: Template = {
  Resources: {
    UserPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UserPoolName: 'workforce', MfaConfiguration: 'OFF', UserPoolTags: { team: 'platform' } },
    },
    Client: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        ClientName: 'web',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      },
    },
    Admins: {
      Type: 'AWS::Cognito::UserPoolGroup',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        GroupName: 'admins',
        Precedence: 1,
        RoleArn: { 'Fn::GetAtt': ['AuthRole', 'Arn'] },
      },
    },
    Pool: {
      Type: 'AWS::Cognito::IdentityPool',
      Properties: {
        IdentityPoolName: 'workforce_identities',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [
          {
            ClientId: { Ref: 'Client' },
            ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] },
            ServerSideTokenCheck: true,
          },
        ],
        SupportedLoginProviders: { 'accounts.google.com': 'google-client-id' },
        IdentityPoolTags: [{ Key: 'team', Value: 'platform' }],
      },
    },
    AuthRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: cognitoTrust('authenticated') } },
    UnauthRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: cognitoTrust('unauthenticated') } },
    Attachment: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: {
        IdentityPoolId: { Ref: 'Pool' },
        Roles: { authenticated: { 'Fn::GetAtt': ['AuthRole', 'Arn'] } },
        RoleMappings: {
          userpool: {
            IdentityProvider: {
              'Fn::Join': [':', [{ 'Fn::GetAtt': ['UserPool', 'ProviderName'] }, { Ref: 'Client' }]],
            },
            Type: 'Token',
            AmbiguousRoleResolution: 'Deny',
          },
        },
      },
    },
  },
  Outputs: {
    PoolId: { Value: { Ref: 'Pool' } },
    PoolName: { Value: { 'Fn::GetAtt': ['Pool', 'Name'] } },
    UserPoolId: { Value: { Ref: 'UserPool' } },
    UserPoolArn: { Value: { 'Fn::GetAtt': ['UserPool', 'Arn'] } },
    ProviderName: { Value: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] } },
    ProviderURL: { Value: { 'Fn::GetAtt': ['UserPool', 'ProviderURL'] } },
    ClientId: { Value: { Ref: 'Client' } },
    AuthRoleArn: { Value: { 'Fn::GetAtt': ['AuthRole', 'Arn'] } },
    UnauthRoleArn: { Value: { 'Fn::GetAtt': ['UnauthRole', 'Arn'] } },
  },
};

let outputs: Record<string, string>;

beforeAll(async () => {
  const result = await createStack(cfn, 'cognito', original);
  expect(result.status).toBe('CREATE_COMPLETE');
  outputs = result.outputs;
}, 30_000);

test('the identity pool exists with its name, providers and tags; Ref is the pool id', async () => {
  // WHEN
  const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: outputs.PoolId }));
  // THEN
  expect(outputs.PoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  expect(outputs.PoolName).toBe('workforce_identities');
  expect(pool).toMatchObject({
    IdentityPoolId: outputs.PoolId,
    IdentityPoolName: 'workforce_identities',
    AllowUnauthenticatedIdentities: false,
    CognitoIdentityProviders: [
      { ClientId: outputs.ClientId, ProviderName: outputs.ProviderName, ServerSideTokenCheck: true },
    ],
    SupportedLoginProviders: { 'accounts.google.com': 'google-client-id' },
    IdentityPoolTags: { team: 'platform' },
  });
});

test('the role attachment is visible through GetIdentityPoolRoles, role mappings keyed by identity provider', async () => {
  // WHEN
  const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: outputs.PoolId }));
  // THEN
  expect(roles.Roles).toEqual({ authenticated: outputs.AuthRoleArn });
  expect(roles.RoleMappings).toEqual({
    [`${outputs.ProviderName}:${outputs.ClientId}`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' },
  });
});

test('SetIdentityPoolRoles works through the API too, and an unknown pool is reported', async () => {
  // GIVEN
  const other = await createStack(cfn, 'other-pool', {
    Resources: { P: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: true } } },
    Outputs: { Id: { Value: { Ref: 'P' } } },
  });
  // WHEN
  await identity.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId: other.outputs.Id,
      Roles: { unauthenticated: outputs.UnauthRoleArn },
    }),
  );
  // THEN
  expect((await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: other.outputs.Id }))).Roles).toEqual({
    unauthenticated: outputs.UnauthRoleArn,
  });
  await expect(
    identity.send(
      new GetIdentityPoolRolesCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }),
    ),
  ).rejects.toThrow('us-east-1:00000000-0000-0000-0000-000000000000');
  await deleteStack(cfn, 'other-pool');
});

test('the user pool, its client and its group exist in cognito-idp with their attributes', async () => {
  // WHEN
  const pool = await idp('DescribeUserPool', { UserPoolId: outputs.UserPoolId });
  const client = await idp('DescribeUserPoolClient', { UserPoolId: outputs.UserPoolId, ClientId: outputs.ClientId });
  const group = await idp('GetGroup', { UserPoolId: outputs.UserPoolId, GroupName: 'admins' });
  // THEN
  expect(pool.body.UserPool).toMatchObject({
    Id: outputs.UserPoolId,
    Name: 'workforce',
    Arn: outputs.UserPoolArn,
    UserPoolTags: { team: 'platform' },
  });
  expect(outputs.ProviderName).toBe(`cognito-idp.us-east-1.amazonaws.com/${outputs.UserPoolId}`);
  expect(outputs.ProviderURL).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${outputs.UserPoolId}`);
  expect(client.body.UserPoolClient).toMatchObject({
    ClientId: outputs.ClientId,
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  expect(group.body.Group).toMatchObject({ GroupName: 'admins', Precedence: 1, RoleArn: outputs.AuthRoleArn });
});

test('an update changes the pool, the attached roles and the group; deleting the stack removes everything', async () => {
  // GIVEN
  const updated = clone(original) as { Resources: Record<string, { Properties: Record<string, any> }> };
  updated.Resources.Pool.Properties.AllowUnauthenticatedIdentities = true;
  updated.Resources.Pool.Properties.SupportedLoginProviders = {};
  updated.Resources.Attachment.Properties.Roles = {
    authenticated: { 'Fn::GetAtt': ['AuthRole', 'Arn'] },
    unauthenticated: { 'Fn::GetAtt': ['UnauthRole', 'Arn'] },
  };
  delete updated.Resources.Attachment.Properties.RoleMappings;
  updated.Resources.Admins.Properties.Precedence = 5;
  updated.Resources.Client.Properties.ClientName = 'web-v2';
  // WHEN
  const result = await updateStack(cfn, 'cognito', updated as Template);
  // THEN
  expect(result.status).toBe('UPDATE_COMPLETE');
  const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: outputs.PoolId }));
  expect(pool.AllowUnauthenticatedIdentities).toBe(true);
  expect(pool.SupportedLoginProviders ?? {}).toEqual({});
  const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: outputs.PoolId }));
  expect(roles.Roles).toEqual({ authenticated: outputs.AuthRoleArn, unauthenticated: outputs.UnauthRoleArn });
  expect(roles.RoleMappings).toBeUndefined();
  expect((await idp('GetGroup', { UserPoolId: outputs.UserPoolId, GroupName: 'admins' })).body.Group).toMatchObject({
    Precedence: 5,
  });
  expect(
    (await idp('DescribeUserPoolClient', { UserPoolId: outputs.UserPoolId, ClientId: outputs.ClientId })).body
      .UserPoolClient,
  ).toMatchObject({ ClientName: 'web-v2' });

  // WHEN
  await deleteStack(cfn, 'cognito');
  // THEN
  expect((await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools).toEqual([]);
  await expect(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: outputs.PoolId }))).rejects.toThrow();
  expect((await idp('ListUserPools', { MaxResults: 60 })).body.UserPools).toEqual([]);
}, 20_000);
