import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AssumeOnlyUser, CrossAccountRole, SwitchRoleGroup, TrustedParty } from '../../lib';

function setup() {
  const app = new App();
  const dev = new Stack(app, 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
  const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
  const admin = new CrossAccountRole(dev, 'Admin', {
    roleName: 'Admin',
    trustedParties: [TrustedParty.account('111111111111')],
  });
  return { hub, admin };
}

describe('AssumeOnlyUser', () => {
  test('given roles, the user holds no policy of its own; a group with a customer-managed policy grants sts:AssumeRole with MFA', () => {
    const { hub, admin } = setup();
    new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', roles: [admin], mfaSelfService: false });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::IAM::User', {
      UserName: 'alice',
      Policies: Match.absent(),
      ManagedPolicyArns: Match.absent(),
      LoginProfile: Match.absent(),
      Groups: [{ Ref: Match.stringLikeRegexp('^CdkStsKitAssumeOnlyUsersRoles') }],
    });
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.resourceCountIs('AWS::IAM::AccessKey', 0);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/Admin']] },
          },
        ],
      },
    });
  });

  test('joins the groups it is given', () => {
    const { hub, admin } = setup();
    const admins = new SwitchRoleGroup(hub, 'Admins', { roles: [admin] });
    new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', groups: [admins.group], mfaSelfService: false });
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::User', {
      Groups: [{ Ref: Match.stringLikeRegexp('^Admins') }],
    });
  });

  test('console access: a generated password in Secrets Manager, referenced dynamically, reset at first sign-in; no output', () => {
    const { hub } = setup();
    const alice = new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', consoleAccess: true });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'password',
        PasswordLength: 32,
        SecretStringTemplate: '{"username":"alice"}',
      }),
    });
    t.hasResourceProperties('AWS::IAM::User', {
      LoginProfile: {
        Password: {
          'Fn::Join': [
            '',
            [
              '{{resolve:secretsmanager:',
              { Ref: Match.stringLikeRegexp('^AlicePassword') },
              ':SecretString:password::}}',
            ],
          ],
        },
        PasswordResetRequired: true,
      },
    });
    expect(alice.passwordSecret).toBeDefined();
    expect(JSON.stringify(t.toJSON())).not.toMatch(/"Password":"[^{]/);
    expect(t.toJSON().Outputs).toBeUndefined();
  });

  test('MFA self-service: own device and password only; everything else denied without MFA (BoolIfExists in the Deny)', () => {
    const { hub } = setup();
    new AssumeOnlyUser(hub, 'Alice', { userName: 'alice' });
    const t = Template.fromStack(hub);
    const ownUser = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:user/${aws:username}']],
    };
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^CdkStsKitAssumeOnlyUsersMfaSelfService') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowManageOwnVirtualMfaDevice',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:mfa/${aws:username}']],
            },
          }),
          Match.objectLike({ Sid: 'AllowManageOwnUserMfaAndPassword', Resource: ownUser }),
          Match.objectLike({
            Sid: 'AllowDeactivateOwnMfaOnlyWithMfa',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          }),
          {
            Sid: 'DenyAllExceptListedWithoutMfa',
            Effect: 'Deny',
            Resource: '*',
            NotAction: Match.arrayWith([
              'iam:CreateVirtualMFADevice',
              'iam:EnableMFADevice',
              'iam:ChangePassword',
              'sts:GetSessionToken',
            ]),
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ]),
      },
    });
    const deny = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .find((s: any) => s.Effect === 'Deny');
    expect(deny.NotAction).not.toContain('sts:AssumeRole');
  });

  test('access keys: none by default; when asked, the secret goes to Secrets Manager, never an output', () => {
    const { hub } = setup();
    const u = new AssumeOnlyUser(hub, 'Ci', { userName: 'ci', createAccessKey: true, mfaSelfService: false });
    const t = Template.fromStack(hub);
    t.resourceCountIs('AWS::IAM::AccessKey', 1);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: {
        'Fn::Join': [
          '',
          Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^CiAccessKey'), 'SecretAccessKey'] }]),
        ],
      },
    });
    expect(u.accessKeySecret).toBeDefined();
    expect(t.toJSON().Outputs).toBeUndefined();
  });

  test('mfaDeviceArn is the virtual device named after the user', () => {
    const { hub } = setup();
    const u = new AssumeOnlyUser(hub, 'Alice', { userName: 'alice' });
    expect(hub.resolve(u.mfaDeviceArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:mfa/alice']],
    });
  });

  test('bad input: names, paths, empty role list, wildcard roles', () => {
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u'.repeat(64) })).not.toThrow();
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u'.repeat(65) })).toThrow(
      /Hub\/U: invalid user name/,
    );
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u', path: 'x' })).toThrow(
      /Hub\/U: invalid IAM path/,
    );
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u', roles: [] })).toThrow(
      /Hub\/U: invalid roles: received \[\]/,
    );
    const { hub } = setup();
    expect(
      () =>
        new AssumeOnlyUser(hub, 'U', {
          userName: 'u',
          roles: [iam.Role.fromRoleArn(hub, 'Star', 'arn:aws:iam::222222222222:role/*')],
        }),
    ).toThrow(/Hub\/U: invalid roles value: received 'arn:aws:iam::222222222222:role\/\*'/);
  });

  test('160 users in one stack share one MFA self-service group and policy, and no user is in more than 10 groups', () => {
    // GIVEN
    const { hub, admin } = setup();
    const teams = Array.from({ length: 8 }, (_, i) => new SwitchRoleGroup(hub, `Team${i}`, { roles: [admin] }).group);
    // WHEN
    for (let i = 0; i < 160; i++) {
      new AssumeOnlyUser(hub, `User${i}`, {
        userName: `user${i}`,
        groups: i % 2 === 0 ? teams : [teams[0]],
        roles: i % 3 === 0 ? [admin] : undefined,
      });
    }
    // THEN
    const t = Template.fromStack(hub);
    const groups = t.findResources('AWS::IAM::Group');
    const mfaGroups = Object.keys(groups).filter((id) => id.startsWith('CdkStsKitAssumeOnlyUsersMfaSelfService'));
    expect(mfaGroups).toHaveLength(1);
    expect(
      Object.keys(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Groups: [{ Ref: mfaGroups[0] }] } })),
    ).toHaveLength(1);
    // AND the users given the same roles share one group: 8 teams + 1 MFA + 1 roles group in all
    expect(Object.keys(groups)).toHaveLength(10);
    const users = Object.values(t.findResources('AWS::IAM::User')) as any[];
    expect(users).toHaveLength(160);
    expect(Math.max(...users.map((u) => u.Properties.Groups.length))).toBeLessThanOrEqual(10);
  });

  test('users with different roles, MFA settings or paths get different shared role groups', () => {
    // GIVEN
    const { hub, admin } = setup();
    const other = iam.Role.fromRoleArn(hub, 'Other', 'arn:aws:iam::333333333333:role/Admin');
    // WHEN
    const a = new AssumeOnlyUser(hub, 'A', { userName: 'a', roles: [admin, other] });
    const b = new AssumeOnlyUser(hub, 'B', { userName: 'b', roles: [other, admin] });
    const c = new AssumeOnlyUser(hub, 'C', { userName: 'c', roles: [admin] });
    const d = new AssumeOnlyUser(hub, 'D', { userName: 'd', roles: [admin], requireMfa: false });
    const e = new AssumeOnlyUser(hub, 'E', { userName: 'e', roles: [admin], path: '/people/' });
    // THEN
    expect(a.roleGroup).toBe(b.roleGroup);
    expect(new Set([a.roleGroup, c.roleGroup, d.roleGroup, e.roleGroup]).size).toBe(4);
    expect(e.mfaSelfServiceGroup).not.toBe(a.mfaSelfServiceGroup);
    expect(a.mfaSelfServiceGroup).toBe(d.mfaSelfServiceGroup);
  });

  test('a user in more than 10 groups is refused at synth; 10 pass', () => {
    // GIVEN
    const { hub, admin } = setup();
    const teams = Array.from({ length: 9 }, (_, i) => new SwitchRoleGroup(hub, `Team${i}`, { roles: [admin] }).group);
    // WHEN / THEN
    expect(() => new AssumeOnlyUser(hub, 'Ten', { userName: 'ten', groups: teams })).not.toThrow();
    expect(() => new AssumeOnlyUser(hub, 'Eleven', { userName: 'eleven', groups: teams, roles: [admin] })).toThrow(
      "Hub/Eleven: invalid number of groups: received 11; expected at most 10 (IAM's limit per user)",
    );
  });
});
