/**
 * The IAM resource types through the emulator's CloudFormation (CreateStack / UpdateStack / DeleteStack with
 * the SDK), each checked through the IAM API.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetInstanceProfileCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetSAMLProviderCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListInstanceProfilesCommand,
  ListOpenIDConnectProvidersCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListSAMLProvidersCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { EmulatorHandle } from '../../scripts/emulator/emulator';
import { credentialsForAccount } from '../../scripts/emulator/env';
import {
  Template,
  allow,
  clone,
  createStack,
  deleteStack,
  describeStack,
  sdkConfig,
  startTestEmulator,
  trust,
  updateStack,
} from './helpers';

const SAML_METADATA = (entityId: string) =>
  `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
  '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';

let emulator: EmulatorHandle;
let cfn: CloudFormationClient;
let iam: IAMClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  cfn = new CloudFormationClient(sdkConfig(emulator.endpoint));
  iam = new IAMClient(sdkConfig(emulator.endpoint));
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
}, 20_000);

/** Everything an IAM account holds that these tests create. */
async function inventory(client: IAMClient = iam) {
  return {
    users: (await client.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName),
    groups: (await client.send(new ListGroupsCommand({}))).Groups!.map((g) => g.GroupName),
    roles: (await client.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName),
    policies: (await client.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!.map((p) => p.PolicyName),
    oidc: (await client.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList!.map((p) => p.Arn),
    saml: (await client.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!.map((p) => p.Arn),
    instanceProfiles: (await client.send(new ListInstanceProfilesCommand({}))).InstanceProfiles!.map(
      (p) => p.InstanceProfileName,
    ),
  };
}

const EMPTY = { users: [], groups: [], roles: [], policies: [], oidc: [], saml: [], instanceProfiles: [] };

describe('groups, users, policies and roles', () => {
  const boundary = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary' };
  const original: Template = {
    Resources: {
      Boundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { ManagedPolicyName: 'boundary', PolicyDocument: allow('sts:AssumeRole') },
      },
      Admins: {
        Type: 'AWS::IAM::Group',
        Properties: {
          GroupName: 'admins',
          Path: '/people/',
          Policies: [{ PolicyName: 'assume-admin', PolicyDocument: allow('sts:AssumeRole') }],
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        },
      },
      Readers: { Type: 'AWS::IAM::Group', Properties: {} },
      Alice: {
        Type: 'AWS::IAM::User',
        DependsOn: 'Boundary',
        Properties: {
          UserName: 'alice',
          Path: '/people/',
          Groups: [{ Ref: 'Admins' }],
          Policies: [{ PolicyName: 'self-mfa', PolicyDocument: allow('iam:ListMFADevices') }],
          ManagedPolicyArns: [{ Ref: 'Boundary' }],
          PermissionsBoundary: boundary,
          Tags: [{ Key: 'team', Value: 'platform' }],
        },
      },
      Bob: { Type: 'AWS::IAM::User', Properties: { UserName: 'bob' } },
      GroupPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'extra', PolicyDocument: allow('s3:ListAllMyBuckets'), Groups: [{ Ref: 'Admins' }] },
      },
      Shared: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: allow('iam:GetUser'), Groups: [{ Ref: 'Readers' }] },
      },
      Switch: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'switch',
          AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root'),
          MaxSessionDuration: 7200,
          ManagedPolicyArns: [{ Ref: 'Shared' }],
          Policies: [{ PolicyName: 'inline', PolicyDocument: allow('ec2:Describe*') }],
          Tags: [{ Key: 'purpose', Value: 'switch' }],
        },
      },
    },
    Outputs: {
      AdminsArn: { Value: { 'Fn::GetAtt': ['Admins', 'Arn'] } },
      Readers: { Value: { Ref: 'Readers' } },
      SharedArn: { Value: { Ref: 'Shared' } },
      SwitchArn: { Value: { 'Fn::GetAtt': ['Switch', 'Arn'] } },
      AliceArn: { Value: { 'Fn::GetAtt': ['Alice', 'Arn'] } },
    },
  };
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const result = await createStack(cfn, 'people', original);
    expect(result.status).toBe('CREATE_COMPLETE');
    outputs = result.outputs;
  }, 30_000);

  test('a group has its members, inline policies (own and AWS::IAM::Policy) and managed policies', async () => {
    // WHEN
    const group = await iam.send(new GetGroupCommand({ GroupName: 'admins' }));
    const inline = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'admins' }));
    const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'admins' }));
    const extra = await iam.send(new GetGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'extra' }));
    // THEN
    expect(group.Group).toMatchObject({
      GroupName: 'admins',
      Path: '/people/',
      Arn: 'arn:aws:iam::123456789012:group/people/admins',
    });
    expect(outputs.AdminsArn).toBe('arn:aws:iam::123456789012:group/people/admins');
    expect(group.Users!.map((u) => u.UserName)).toEqual(['alice']);
    expect(inline.PolicyNames!.sort()).toEqual(['assume-admin', 'extra']);
    expect(JSON.parse(decodeURIComponent(extra.PolicyDocument!))).toEqual(allow('s3:ListAllMyBuckets'));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
  });

  test('a group without a name gets a generated one, and a managed policy is attached to it', async () => {
    // WHEN
    const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: outputs.Readers }));
    // THEN
    expect(outputs.Readers).toMatch(/^people-Readers-[A-Z0-9]{12}$/);
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([outputs.SharedArn]);
  });

  test('a user has its path, groups, inline and managed policies, permissions boundary and tags', async () => {
    // WHEN
    const user = await iam.send(new GetUserCommand({ UserName: 'alice' }));
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }));
    const inline = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    // THEN
    expect(user.User).toMatchObject({ Path: '/people/', Arn: outputs.AliceArn });
    expect(outputs.AliceArn).toBe('arn:aws:iam::123456789012:user/people/alice');
    expect(user.User!.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
    });
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['admins']);
    expect(inline.PolicyNames).toEqual(['self-mfa']);
    expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['boundary']);
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  test('a role has its trust policy, session duration, inline and managed policies and tags', async () => {
    // WHEN
    const role = await iam.send(new GetRoleCommand({ RoleName: 'switch' }));
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: 'switch' }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'switch' }));
    // THEN
    expect(role.Role).toMatchObject({
      Arn: outputs.SwitchArn,
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'purpose', Value: 'switch' }],
    });
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(
      trust('arn:aws:iam::111111111111:root'),
    );
    expect(inline.PolicyNames).toEqual(['inline']);
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([outputs.SharedArn]);
  });

  describe('after an update', () => {
    beforeAll(async () => {
      // GIVEN: new group policies, a new trust policy, bob added through UserToGroupAddition, alice moved
      const updated = clone(original) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
      updated.Resources.Admins.Properties.Policies = [
        { PolicyName: 'assume-prd', PolicyDocument: allow('sts:AssumeRole', 'sts:TagSession') },
      ];
      updated.Resources.Admins.Properties.ManagedPolicyArns = ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'];
      updated.Resources.Switch.Properties.AssumeRolePolicyDocument = trust('arn:aws:iam::222222222222:root');
      updated.Resources.Switch.Properties.MaxSessionDuration = 3600;
      updated.Resources.Alice.Properties.Groups = [{ Ref: 'Readers' }];
      updated.Resources.Alice.Properties.Tags = [{ Key: 'team', Value: 'security' }];
      delete updated.Resources.Alice.Properties.PermissionsBoundary;
      updated.Resources.Shared.Properties.PolicyDocument = allow('iam:GetUser', 'iam:ListUsers');
      updated.Resources.AddBob = {
        Type: 'AWS::IAM::UserToGroupAddition',
        Properties: { GroupName: { Ref: 'Admins' }, Users: [{ Ref: 'Bob' }] },
      } as never;
      delete updated.Resources.GroupPolicy;
      // WHEN
      const result = await updateStack(cfn, 'people', updated as Template);
      expect(result.status).toBe('UPDATE_COMPLETE');
    }, 30_000);

    test("the group's inline and managed policies are replaced and bob is added", async () => {
      const group = await iam.send(new GetGroupCommand({ GroupName: 'admins' }));
      const inline = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'admins' }));
      const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'admins' }));
      expect(group.Users!.map((u) => u.UserName)).toEqual(['bob']);
      expect(inline.PolicyNames).toEqual(['assume-prd']);
      expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['ViewOnlyAccess']);
    });

    test("the role's trust policy and session duration change; its id stays (no replacement)", async () => {
      const role = await iam.send(new GetRoleCommand({ RoleName: 'switch' }));
      expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(
        trust('arn:aws:iam::222222222222:root'),
      );
      expect(role.Role!.MaxSessionDuration).toBe(3600);
      expect(role.Role!.Arn).toBe(outputs.SwitchArn);
    });

    test('alice changes group and tags and loses her boundary; the managed policy gets a new default version', async () => {
      const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }));
      const tags = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
      const user = await iam.send(new GetUserCommand({ UserName: 'alice' }));
      const policy = await iam.send(new GetPolicyCommand({ PolicyArn: outputs.SharedArn }));
      const version = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: outputs.SharedArn, VersionId: policy.Policy!.DefaultVersionId }),
      );
      expect(groups.Groups!.map((g) => g.GroupName)).toEqual([outputs.Readers]);
      expect(tags.Tags).toEqual([{ Key: 'team', Value: 'security' }]);
      expect(user.User!.PermissionsBoundary).toBeUndefined();
      expect(policy.Policy!.DefaultVersionId).toBe('v2');
      expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual(
        allow('iam:GetUser', 'iam:ListUsers'),
      );
    });

    test('deleting the stack leaves nothing behind', async () => {
      // WHEN
      await deleteStack(cfn, 'people');
      // THEN
      expect(await inventory()).toEqual(EMPTY);
    }, 15_000);
  });
});

describe('OIDC provider, SAML provider, access key and instance profile', () => {
  const original: Template = {
    Resources: {
      GitHub: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: {
          Url: 'https://token.actions.githubusercontent.com',
          ClientIdList: ['sts.amazonaws.com'],
          ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
          Tags: [{ Key: 'ci', Value: 'github' }],
        },
      },
      Idp: {
        Type: 'AWS::IAM::SAMLProvider',
        Properties: { Name: 'corp-idp', SamlMetadataDocument: SAML_METADATA('https://idp.example.com/v1') },
      },
      Deployer: { Type: 'AWS::IAM::User', Properties: {} },
      DeployerKey: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Deployer' } } },
      Ec2Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust('arn:aws:iam::123456789012:root') },
      },
      Profile: {
        Type: 'AWS::IAM::InstanceProfile',
        Properties: { InstanceProfileName: 'ec2', Roles: [{ Ref: 'Ec2Role' }] },
      },
    },
    Outputs: {
      GitHubArn: { Value: { Ref: 'GitHub' } },
      GitHubGetAtt: { Value: { 'Fn::GetAtt': ['GitHub', 'Arn'] } },
      IdpArn: { Value: { Ref: 'Idp' } },
      Deployer: { Value: { Ref: 'Deployer' } },
      KeyId: { Value: { Ref: 'DeployerKey' } },
      Ec2Role: { Value: { Ref: 'Ec2Role' } },
    },
  };
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const result = await createStack(cfn, 'federation', original);
    expect(result.status).toBe('CREATE_COMPLETE');
    outputs = result.outputs;
  }, 30_000);

  test('the OIDC provider is listed, its Ref is its ARN, and it has its client ids, thumbprints and tags', async () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(outputs.GitHubArn).toBe(arn);
    expect(outputs.GitHubGetAtt).toBe(arn);
    expect(listed.OpenIDConnectProviderList).toEqual([{ Arn: arn }]);
    expect(provider).toMatchObject({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      Tags: [{ Key: 'ci', Value: 'github' }],
    });
  });

  test('the SAML provider is listed under its name, and its Ref is its ARN', async () => {
    const listed = await iam.send(new ListSAMLProvidersCommand({}));
    const provider = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: outputs.IdpArn }));
    expect(outputs.IdpArn).toBe('arn:aws:iam::123456789012:saml-provider/corp-idp');
    expect(listed.SAMLProviderList!.map((p) => p.Arn)).toEqual([outputs.IdpArn]);
    expect(provider.SAMLMetadataDocument).toBe(SAML_METADATA('https://idp.example.com/v1'));
  });

  test('the access key belongs to its user and the instance profile holds its role', async () => {
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: outputs.Deployer }));
    const profile = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ec2' }));
    expect(keys.AccessKeyMetadata!.map((k) => [k.AccessKeyId, k.Status])).toEqual([[outputs.KeyId, 'Active']]);
    expect(profile.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual([outputs.Ec2Role]);
  });

  test('updates: client ids and thumbprints, SAML metadata, key status; a new Url replaces the provider', async () => {
    // GIVEN
    const updated = clone(original) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    updated.Resources.GitHub.Properties.ClientIdList = ['sts.amazonaws.com', 'https://github.com/example-org'];
    updated.Resources.GitHub.Properties.ThumbprintList = ['1b511abead59c6ce207077c0bf0e0043b1382612'];
    updated.Resources.Idp.Properties.SamlMetadataDocument = SAML_METADATA('https://idp.example.com/v2');
    updated.Resources.DeployerKey.Properties.Status = 'Inactive';
    updated.Resources.GitLab = {
      Properties: { Url: 'https://gitlab.example.com', ClientIdList: ['https://gitlab.example.com'] },
      Type: 'AWS::IAM::OIDCProvider',
    } as never;
    // WHEN
    const result = await updateStack(cfn, 'federation', updated as Template);
    // THEN
    expect(result.status).toBe('UPDATE_COMPLETE');
    const github = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: outputs.GitHubArn }));
    expect(github.ClientIDList).toEqual(['sts.amazonaws.com', 'https://github.com/example-org']);
    expect(github.ThumbprintList).toEqual(['1b511abead59c6ce207077c0bf0e0043b1382612']);
    const saml = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: outputs.IdpArn }));
    expect(saml.SAMLMetadataDocument).toBe(SAML_METADATA('https://idp.example.com/v2'));
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: outputs.Deployer }));
    expect(keys.AccessKeyMetadata!.map((k) => [k.AccessKeyId, k.Status])).toEqual([[outputs.KeyId, 'Inactive']]);
    const providers = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(providers.OpenIDConnectProviderList!.map((p) => p.Arn).sort()).toEqual([
      'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com',
      outputs.GitHubArn,
    ]);

    // WHEN the GitLab provider's Url changes (replacement)
    updated.Resources.GitLab.Properties.Url = 'https://gitlab2.example.com';
    await updateStack(cfn, 'federation', updated as Template);
    // THEN
    const after = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(after.OpenIDConnectProviderList!.map((p) => p.Arn).sort()).toEqual([
      'arn:aws:iam::123456789012:oidc-provider/gitlab2.example.com',
      outputs.GitHubArn,
    ]);
  }, 20_000);

  test('deleting the stack leaves nothing behind', async () => {
    await deleteStack(cfn, 'federation');
    expect(await inventory()).toEqual(EMPTY);
  }, 15_000);
});

describe('failures and accounts', () => {
  test('a failing resource fails the stack with a CREATE_FAILED event naming it, and the rollback leaves nothing', async () => {
    // GIVEN: a role that can be created, then a user joining a group that does not exist
    const template: Template = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'doomed', AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
        },
        Carol: {
          Type: 'AWS::IAM::User',
          DependsOn: 'Role',
          Properties: { UserName: 'carol', Groups: ['no-such-group'] },
        },
      },
    };
    // WHEN
    const result = await createStack(cfn, 'broken', template);
    // THEN
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          LogicalResourceId: 'Carol',
          ResourceType: 'AWS::IAM::User',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason: expect.stringContaining('no-such-group'),
        }),
      ]),
    );
    expect(await inventory()).toEqual(EMPTY);
    await deleteStack(cfn, 'broken');
  }, 15_000);

  test('a failing update ends in UPDATE_ROLLBACK_COMPLETE with an UPDATE_FAILED event, and the stack can still be deleted', async () => {
    // GIVEN
    const template: Template = { Resources: { Dave: { Type: 'AWS::IAM::User', Properties: { UserName: 'dave' } } } };
    expect((await createStack(cfn, 'flaky', template)).status).toBe('CREATE_COMPLETE');
    const broken = clone(template) as { Resources: Record<string, unknown> };
    broken.Resources.Join = {
      Type: 'AWS::IAM::UserToGroupAddition',
      Properties: { GroupName: 'no-such-group', Users: ['dave'] },
    };
    // WHEN
    const result = await updateStack(cfn, 'flaky', broken as Template);
    // THEN
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          LogicalResourceId: 'Join',
          ResourceType: 'AWS::IAM::UserToGroupAddition',
          ResourceStatus: 'UPDATE_FAILED',
          ResourceStatusReason: expect.stringContaining('no-such-group'),
        }),
      ]),
    );
    await deleteStack(cfn, 'flaky');
    expect(await inventory()).toEqual(EMPTY);
  }, 15_000);

  test('a stack created with credentials for account 222222222222 puts its resources there only', async () => {
    // GIVEN
    const credentials = await credentialsForAccount(emulator.endpoint, '222222222222');
    const devCfn = new CloudFormationClient(sdkConfig(emulator.endpoint, credentials));
    const devIam = new IAMClient(sdkConfig(emulator.endpoint, credentials));
    // WHEN
    const result = await createStack(devCfn, 'dev', {
      Resources: { Devs: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'devs' } } },
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Devs', 'Arn'] } } },
    });
    // THEN
    expect(result.outputs.Arn).toBe('arn:aws:iam::222222222222:group/devs');
    expect((await inventory(devIam)).groups).toEqual(['devs']);
    expect((await inventory()).groups).toEqual([]);
    await expect(describeStack(cfn, 'dev')).rejects.toThrow('Stack with id dev does not exist');
    await deleteStack(devCfn, 'dev');
    expect((await inventory(devIam)).groups).toEqual([]);
  }, 15_000);

  test('an AWS::IAM::Policy and a role policy are removed from the role when the stack is deleted', async () => {
    // GIVEN
    await createStack(cfn, 'inline', {
      Resources: {
        Target: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'target', AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
        },
        Attached: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyName: 'p1', PolicyDocument: allow('s3:GetObject'), Roles: [{ Ref: 'Target' }] },
        },
        Single: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: { PolicyName: 'p2', PolicyDocument: allow('s3:PutObject'), RoleName: { Ref: 'Target' } },
        },
      },
    });
    const p2 = await iam.send(new GetRolePolicyCommand({ RoleName: 'target', PolicyName: 'p2' }));
    expect(JSON.parse(decodeURIComponent(p2.PolicyDocument!))).toEqual(allow('s3:PutObject'));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'target' }))).PolicyNames!.sort()).toEqual([
      'p1',
      'p2',
    ]);
    // WHEN
    await deleteStack(cfn, 'inline');
    // THEN
    expect(await inventory()).toEqual(EMPTY);
  }, 15_000);
});
