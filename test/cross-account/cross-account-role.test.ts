import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CrossAccountRole, TrustedParty } from '../../lib';
import { ADMIN_POLICY, devStack, rootArn, trustStatements } from '../util';

const hub = () => TrustedParty.account('111111111111');

describe('CrossAccountRole', () => {
  test('given the identity account, when nothing else is said, MFA is required with Bool, never BoolIfExists', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'Admin', {
      roleName: 'Admin',
      trustedParties: [hub()],
      managedPolicies: [ADMIN_POLICY()],
    });
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: rootArn('111111111111') },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { RoleName: 'Admin' });
  });

  test('opting out of MFA is an explicit prop', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [TrustedParty.account('222222222222')],
      requireMfa: false,
    });
    expect(trustStatements(stack)[0].Condition).toBeUndefined();
  });

  test('mfaMaxAge adds aws:MultiFactorAuthAge', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', { roleName: 'R', trustedParties: [hub()], mfaMaxAge: Duration.hours(1) });
    expect(trustStatements(stack)[0].Condition).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    });
  });

  test('given the hub with MFA and a vendor with its ExternalId, each statement carries only its own conditions', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [hub(), TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c', 'vendor-rotated-2'])],
    });
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: rootArn('111111111111') },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: rootArn('999999999999') },
        Condition: { StringEquals: { 'sts:ExternalId': ['vendor-7f3a9c', 'vendor-rotated-2'] } },
      },
    ]);
  });

  test('organization and organization paths narrow the * principal', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      requireMfa: false,
      trustedParties: [
        TrustedParty.organization('o-a1b2c3d4e5'),
        TrustedParty.organizationPaths(['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*']),
      ],
    });
    expect(trustStatements(stack)).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
      },
    ]);
  });

  test('source identity and session tags are opt-in and apply to every party', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [hub()],
      requiredSourceIdentityPattern: '*@example.com',
      allowedSessionTagKeys: ['team', 'project'],
    });
    expect(trustStatements(stack)[0]).toEqual(
      expect.objectContaining({
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          StringLike: { 'sts:SourceIdentity': '*@example.com' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] },
        },
      }),
    );
  });

  test('allowSourceIdentity / allowSessionTags without restrictions only add the actions', () => {
    const stack = devStack();
    new CrossAccountRole(stack, 'R', {
      roleName: 'R',
      trustedParties: [hub()],
      allowSourceIdentity: true,
      allowSessionTags: true,
    });
    expect(trustStatements(stack)[0].Action).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']);
    expect(Object.keys(trustStatements(stack)[0].Condition)).toEqual(['Bool']);
  });

  test('no trust is a synth-time error; so is an empty tag-key list and a token role name', () => {
    expect(() => new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: [] })).toThrow(
      'Dev/R: invalid trustedParties: received []; expected at least one trusted party',
    );
    expect(
      () =>
        new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: [hub()], allowedSessionTagKeys: [] }),
    ).toThrow(/allowedSessionTagKeys/);
    expect(
      () => new CrossAccountRole(devStack(), 'R', { roleName: Token.asString({ Ref: 'N' }), trustedParties: [hub()] }),
    ).toThrow(/roles people switch into have fixed names/);
  });

  test("the caller's array is not mutated", () => {
    const parties = [hub()];
    const role = new CrossAccountRole(devStack(), 'R', { roleName: 'R', trustedParties: parties });
    role.trustedParties.push(hub());
    expect(parties).toHaveLength(1);
  });

  describe('switchRoleUrl', () => {
    test('commercial partition, encoded display name', () => {
      const role = new CrossAccountRole(devStack(), 'R', { roleName: 'Admin', trustedParties: [hub()] });
      expect(role.switchRoleUrl('dev Admin')).toBe(
        'https://signin.aws.amazon.com/switchrole?roleName=Admin&account=222222222222&displayName=dev%20Admin',
      );
    });

    test('China uses its own sign-in host; a path is part of the role name', () => {
      const stack = new Stack(new App(), 'Cn', { env: { account: '222222222222', region: 'cn-north-1' } });
      const role = new CrossAccountRole(stack, 'R', { roleName: 'Admin', path: '/ops/', trustedParties: [hub()] });
      expect(role.switchRoleUrl()).toBe(
        'https://signin.amazonaws.cn/switchrole?roleName=ops%2FAdmin&account=222222222222',
      );
    });

    test('an environment-agnostic stack resolves the host and account at deploy time', () => {
      const stack = new Stack(new App(), 'Agnostic');
      const role = new CrossAccountRole(stack, 'R', { roleName: 'Admin', trustedParties: [hub()] });
      expect(stack.resolve(role.switchRoleUrl())).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::FindInMap': ['CdkStsKitPartitionHosts', { Ref: 'AWS::Partition' }, 'signin'] },
            '/switchrole?roleName=Admin&account=',
            { Ref: 'AWS::AccountId' },
          ],
        ],
      });
    });

    test('path + name: 64 characters pass, 65 throw', () => {
      const make = (n: number) =>
        new CrossAccountRole(devStack(), 'R', { roleName: 'r'.repeat(n), path: '/abcd/', trustedParties: [hub()] });
      expect(() => make(59).switchRoleUrl()).not.toThrow();
      expect(() => make(60).switchRoleUrl()).toThrow(
        /path and role name for the switch-role page.*at most 64 characters/,
      );
    });

    test('a role every party of which needs an ExternalId has no switch-role URL, and says why', () => {
      const role = new CrossAccountRole(devStack(), 'R', {
        roleName: 'VendorAudit',
        trustedParties: [TrustedParty.thirdParty('999999999999', ['vendor-1'])],
      });
      expect(role.consoleSwitchable).toBe(false);
      expect(() => role.switchRoleUrl()).toThrow(
        /no switch-role URL: every trusted party of role 'VendorAudit' must present an ExternalId/,
      );
    });

    test('display name: 64 characters pass, 65 throw', () => {
      const role = new CrossAccountRole(devStack(), 'R', { roleName: 'Admin', trustedParties: [hub()] });
      expect(() => role.switchRoleUrl('d'.repeat(64))).not.toThrow();
      expect(() => role.switchRoleUrl('d'.repeat(65))).toThrow(/display name/);
    });
  });

  describe('cliProfile', () => {
    test('role_arn, source_profile, mfa_serial, duration and region', () => {
      const stack = devStack();
      const role = new CrossAccountRole(stack, 'R', {
        roleName: 'Admin',
        trustedParties: [hub()],
        maxSessionDuration: Duration.hours(2),
      });
      const profile = stack.resolve(
        role.cliProfile({
          profileName: 'dev-admin',
          sourceProfile: 'alice',
          mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
          duration: Duration.hours(2),
          region: 'us-east-1',
        }),
      );
      expect(profile).toEqual({
        'Fn::Join': [
          '',
          [
            '[profile dev-admin]\nrole_arn = ',
            { 'Fn::GetAtt': [expect.stringMatching(/^R/), 'Arn'] },
            '\nsource_profile = alice\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\nduration_seconds = 7200\nregion = us-east-1\n',
          ],
        ],
      });
    });

    test('MFA required without mfaSerial is an error; a duration over the role maximum too', () => {
      const role = new CrossAccountRole(devStack(), 'R', { roleName: 'Admin', trustedParties: [hub()] });
      expect(() => role.cliProfile({ profileName: 'p', sourceProfile: 's' })).toThrow(
        /mfaSerial.*this role requires MFA/,
      );
      expect(() =>
        role.cliProfile({ profileName: 'p', sourceProfile: 's', mfaSerial: 'm', duration: Duration.seconds(3600) }),
      ).not.toThrow();
      expect(() =>
        role.cliProfile({ profileName: 'p', sourceProfile: 's', mfaSerial: 'm', duration: Duration.seconds(3601) }),
      ).toThrow(/CLI profile duration.*900 to 3600/);
      expect(() =>
        role.cliProfile({ profileName: 'p', sourceProfile: 's', mfaSerial: 'm', duration: Duration.seconds(899) }),
      ).toThrow(/899 seconds/);
      expect(() => role.cliProfile({ profileName: 'bad name', sourceProfile: 's', mfaSerial: 'm' })).toThrow(
        /CLI profile name/,
      );
    });

    test('an ExternalId role needs one of its ExternalIds', () => {
      const stack = devStack();
      const role = new CrossAccountRole(stack, 'R', {
        roleName: 'VendorAudit',
        trustedParties: [TrustedParty.thirdParty('999999999999', ['vendor-1'])],
      });
      expect(() => role.cliProfile({ profileName: 'p', sourceProfile: 's' })).toThrow(
        /externalId.*one of the ExternalIds this role requires/,
      );
      expect(() => role.cliProfile({ profileName: 'p', sourceProfile: 's', externalId: 'other' })).toThrow(
        /received 'other'/,
      );
      expect(
        stack.resolve(role.cliProfile({ profileName: 'p', sourceProfile: 's', externalId: 'vendor-1' }))[
          'Fn::Join'
        ][1][2],
      ).toContain('external_id = vendor-1');
    });
  });

  test("grantAssumeRole works across accounts through the role's fixed name", () => {
    const app = new App();
    const dev = new Stack(app, 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
    const hubStack = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
    const role = new CrossAccountRole(dev, 'Admin', { roleName: 'Admin', trustedParties: [hub()] });
    const group = new iam.Group(hubStack, 'Admins');
    role.grantAssumeRole(group);
    Template.fromStack(hubStack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/Admin']] },
          },
        ],
      },
    });
  });
});
