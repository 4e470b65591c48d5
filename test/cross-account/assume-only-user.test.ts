import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AssumeOnlyUser, CrossAccountRole, SwitchRoleGroup, TrustedParty } from '../../lib';

function setup() {
  const app = new App();
  const dev = new Stack(app, 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
  const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
  const admin = new CrossAccountRole(dev, 'Admin', { roleName: 'Admin', trustedParties: [TrustedParty.account('111111111111')] });
  return { hub, admin };
}

describe('AssumeOnlyUser', () => {
  test('GIVEN roles THEN the user holds no policy of its own; a group with a customer-managed policy grants sts:AssumeRole with MFA', () => {
    const { hub, admin } = setup();
    new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', roles: [admin], mfaSelfService: false });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::IAM::User', {
      UserName: 'alice',
      Policies: Match.absent(),
      ManagedPolicyArns: Match.absent(),
      LoginProfile: Match.absent(),
      Groups: [{ Ref: Match.stringLikeRegexp('^AliceRoles') }],
    });
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.resourceCountIs('AWS::IAM::AccessKey', 0);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{
        Action: 'sts:AssumeRole', Effect: 'Allow', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/Admin']] },
      }] },
    });
  });

  test('joins the groups it is given', () => {
    const { hub, admin } = setup();
    const admins = new SwitchRoleGroup(hub, 'Admins', { roles: [admin] });
    new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', groups: [admins.group], mfaSelfService: false });
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::User', { Groups: [{ Ref: Match.stringLikeRegexp('^Admins') }] });
  });

  test('console access: a generated password in Secrets Manager, referenced dynamically, reset at first sign-in; no output', () => {
    const { hub } = setup();
    const alice = new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', consoleAccess: true });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', PasswordLength: 32, SecretStringTemplate: '{"username":"alice"}' }),
    });
    t.hasResourceProperties('AWS::IAM::User', {
      LoginProfile: {
        Password: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^AlicePassword') }, ':SecretString:password::}}']] },
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
    const ownUser = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:user/${aws:username}']] };
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^AliceMfaSelfService') }],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'AllowManageOwnVirtualMfaDevice', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:mfa/${aws:username}']] } }),
        Match.objectLike({ Sid: 'AllowManageOwnUserMfaAndPassword', Resource: ownUser }),
        Match.objectLike({ Sid: 'AllowDeactivateOwnMfaOnlyWithMfa', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        {
          Sid: 'DenyAllExceptListedWithoutMfa', Effect: 'Deny', Resource: '*',
          NotAction: Match.arrayWith(['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ChangePassword', 'sts:GetSessionToken']),
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ]) },
    });
    const deny = Object.values(t.findResources('AWS::IAM::ManagedPolicy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .find((s: any) => s.Effect === 'Deny');
    expect(deny.NotAction).not.toContain('sts:AssumeRole');
  });

  test('access keys: none by default; when asked, the secret goes to Secrets Manager, never an output', () => {
    const { hub } = setup();
    const u = new AssumeOnlyUser(hub, 'Ci', { userName: 'ci', createAccessKey: true, mfaSelfService: false });
    const t = Template.fromStack(hub);
    t.resourceCountIs('AWS::IAM::AccessKey', 1);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^CiAccessKey'), 'SecretAccessKey'] }])] },
    });
    expect(u.accessKeySecret).toBeDefined();
    expect(t.toJSON().Outputs).toBeUndefined();
  });

  test('mfaDeviceArn is the virtual device named after the user', () => {
    const { hub } = setup();
    const u = new AssumeOnlyUser(hub, 'Alice', { userName: 'alice' });
    expect(hub.resolve(u.mfaDeviceArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:mfa/alice']] });
  });

  test('bad input: names, paths, empty role list, wildcard roles', () => {
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u'.repeat(64) })).not.toThrow();
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u'.repeat(65) })).toThrow(/Hub\/U: invalid user name/);
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u', path: 'x' })).toThrow(/Hub\/U: invalid IAM path/);
    expect(() => new AssumeOnlyUser(setup().hub, 'U', { userName: 'u', roles: [] })).toThrow(/Hub\/U: invalid roles: received \[\]/);
    const { hub } = setup();
    expect(() => new AssumeOnlyUser(hub, 'U', { userName: 'u', roles: [iam.Role.fromRoleArn(hub, 'Star', 'arn:aws:iam::222222222222:role/*')] }))
      .toThrow(/invalid assumable role ARN: received 'arn:aws:iam::222222222222:role\/\*'/);
  });
});
