import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  addOrgSwitchRoleExample,
  ORG_STACK_SET_NAME,
  ORG_SWITCH_ROLE_STACK_NAMES,
} from '../../../examples/org-switch-role/app';
import { readConfig } from '../../../examples/multi-account-switch-role/config';
import { StsChecks } from '../../../lib/nag';
import { projectApp } from '../../util';

function build(context: Record<string, string> = {}) {
  const app = projectApp(context);
  const example = addOrgSwitchRoleExample(app, readConfig(app.node, {}));
  return { app, ...example };
}

const WORKLOADS = ['222222222222', '333333333333', '444444444444'];

describe('organisation-wide switch-role example', () => {
  const { app, rolloutStack, rollout, identity } = build();

  test('the stacks are OrgSwitchRole-Rollout (identity account by default) and OrgSwitchRole-Identity', () => {
    // THEN
    expect([rolloutStack, identity].map((s) => [s.stackName, s.account])).toEqual([
      [ORG_SWITCH_ROLE_STACK_NAMES.rollout, '111111111111'],
      [ORG_SWITCH_ROLE_STACK_NAMES.identity, '111111111111'],
    ]);
    // the member stack is in a stage of its own: not an app-level stack that cdk deploy --all would deploy
    expect(
      app
        .synth()
        .stacks.map((s) => s.stackName)
        .sort(),
    ).toEqual([ORG_SWITCH_ROLE_STACK_NAMES.identity, ORG_SWITCH_ROLE_STACK_NAMES.rollout]);
  });

  test('locally the stack set targets the three workload accounts (self-managed) in the example region', () => {
    // THEN
    Template.fromStack(rolloutStack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: ORG_STACK_SET_NAME,
      PermissionModel: 'SELF_MANAGED',
      StackInstancesGroup: [{ DeploymentTargets: { Accounts: WORKLOADS }, Regions: ['us-east-1'] }],
      OperationPreferences: { MaxConcurrentPercentage: 25, FailureTolerancePercentage: 10 },
    });
  });

  test('context orgUnits switches to service-managed automatic deployment to those units', () => {
    // GIVEN / WHEN
    const { rolloutStack: stack } = build({
      orgUnits: 'ou-ab12-workload1,ou-ab12-workload2',
      orgAdministratorAccount: '100000000000',
    });
    // THEN
    expect(stack.account).toBe('100000000000');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-workload1', 'ou-ab12-workload2'] } },
      ],
    });
  });

  test('every member account gets OrgAdmin and OrgReadOnly trusting the identity account with MFA, and no bootstrap check', () => {
    // WHEN
    const member = JSON.parse(rollout.templateBody);
    // THEN
    const roles = Object.values<any>(member.Resources).filter((r) => r.Type === 'AWS::IAM::Role');
    expect(roles.map((r) => r.Properties.RoleName).sort()).toEqual(['OrgAdmin', 'OrgReadOnly']);
    for (const role of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ]);
    }
    expect(member.Parameters).toBeUndefined();
    expect(member.Rules).toBeUndefined();
  });

  test('OrgAdmins may assume both roles in every workload account, OrgDevelopers OrgReadOnly only, with MFA', () => {
    // WHEN
    const t = Template.fromStack(identity);
    const statementsOf = (groupName: string) => {
      const [groupId] = Object.keys(t.findResources('AWS::IAM::Group', { Properties: { GroupName: groupName } }));
      return Object.values<any>(t.findResources('AWS::IAM::ManagedPolicy'))
        .filter((p) => JSON.stringify(p.Properties.Groups) === JSON.stringify([{ Ref: groupId }]))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
    };
    const resources = (groupName: string) =>
      statementsOf(groupName)
        .flatMap((s) => {
          expect(s.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
          return [s.Resource].flat();
        })
        .sort();
    // THEN
    expect(resources('OrgAdmins')).toEqual(
      WORKLOADS.flatMap((a) => [`arn:aws:iam::${a}:role/OrgAdmin`, `arn:aws:iam::${a}:role/OrgReadOnly`]).sort(),
    );
    expect(resources('OrgDevelopers')).toEqual(WORKLOADS.map((a) => `arn:aws:iam::${a}:role/OrgReadOnly`).sort());
  });

  test('AwsSolutions and StsChecks find nothing unacknowledged (StsChecks on the member template too)', () => {
    // GIVEN
    const { app: checked } = build();
    Validations.of(checked).addPlugins(new AwsSolutionsChecks(checked), new StsChecks(checked));
    // WHEN / THEN
    expect(() => checked.synth()).not.toThrow();
  });

  test('snapshot of OrgSwitchRole-Rollout', () => {
    expect(Template.fromStack(rolloutStack).toJSON()).toMatchSnapshot();
  });
});
