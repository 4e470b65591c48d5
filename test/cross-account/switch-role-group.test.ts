import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CrossAccountRole, SwitchRoleGroup, TrustedParty } from '../../lib';

function setup() {
  const app = new App();
  const dev = new Stack(app, 'Dev', { env: { account: '222222222222', region: 'us-east-1' } });
  const hub = new Stack(app, 'Hub', { env: { account: '111111111111', region: 'us-east-1' } });
  const admin = new CrossAccountRole(dev, 'Admin', { roleName: 'Admin', trustedParties: [TrustedParty.account('111111111111')] });
  const readOnly = new CrossAccountRole(dev, 'ReadOnly', { roleName: 'ReadOnly', trustedParties: [TrustedParty.account('111111111111')] });
  return { app, dev, hub, admin, readOnly };
}

const devRoleArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::222222222222:role/${name}`]] });

describe('SwitchRoleGroup', () => {
  test('GIVEN roles in another account THEN a customer-managed policy on the group allows sts:AssumeRole on exactly those ARNs with MFA', () => {
    const { hub, admin, readOnly } = setup();
    new SwitchRoleGroup(hub, 'Admins', { groupName: 'Admins', roles: [admin, readOnly] });
    const t = Template.fromStack(hub);
    t.hasResourceProperties('AWS::IAM::Group', { GroupName: 'Admins' });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^Admins') }],
      PolicyDocument: { Statement: ['Admin', 'ReadOnly'].map((name) => ({
        Action: 'sts:AssumeRole', Effect: 'Allow',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        Resource: devRoleArn(name),
      })) },
    });
    t.resourceCountIs('AWS::IAM::Policy', 0); // nothing inline
  });

  test('requireMfa false drops the condition; allowAssume adds a role once', () => {
    const { hub, admin } = setup();
    const g = new SwitchRoleGroup(hub, 'G', { requireMfa: false });
    g.allowAssume(admin);
    g.allowAssume(admin);
    expect(g.assumableRoleArns).toHaveLength(1);
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectEquals({ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: devRoleArn('Admin') })] },
    });
  });

  test('a wildcard role ARN is refused, naming the path and the value', () => {
    const { hub } = setup();
    const g = new SwitchRoleGroup(hub, 'G');
    expect(() => g.allowAssume(iam.Role.fromRoleArn(hub, 'Any', 'arn:aws:iam::222222222222:role/*')))
      .toThrow("Hub/G: invalid assumable role ARN: received 'arn:aws:iam::222222222222:role/*'; expected the ARN of one IAM role");
    expect(() => g.allowAssume(iam.Role.fromRoleArn(hub, 'Pattern', 'arn:aws:iam::222222222222:role/Adm*')))
      .toThrow(/received 'arn:aws:iam::222222222222:role\/Adm\*'/);
  });

  test('a group that may assume nothing fails synth', () => {
    const { hub } = setup();
    new SwitchRoleGroup(hub, 'Empty');
    expect(() => Template.fromStack(hub)).toThrow(/Hub\/Empty: the group may assume no role/);
  });

  test('group names: 128 characters pass, 129 throw', () => {
    expect(() => new SwitchRoleGroup(setup().hub, 'G', { groupName: 'g'.repeat(128) })).not.toThrow();
    expect(() => new SwitchRoleGroup(setup().hub, 'G', { groupName: 'g'.repeat(129) })).toThrow(/Hub\/G: invalid group name/);
  });

  test('addUser puts a user in the group', () => {
    const { hub, admin } = setup();
    const g = new SwitchRoleGroup(hub, 'G', { roles: [admin] });
    g.addUser(new iam.User(hub, 'U', { userName: 'u' }));
    Template.fromStack(hub).hasResourceProperties('AWS::IAM::User', { Groups: [{ Ref: Match.stringLikeRegexp('^G') }] });
  });
});
