import { App, BootstraplessSynthesizer, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import {
  CrossAccountRole,
  OrganizationRollout,
  OrganizationRolloutProps,
  RegionConcurrency,
  RolloutTarget,
  TrustedParty,
} from '../../lib';

const OU = 'ou-ab12-cdef3456';

/** A management stack, and a member stack of two roles in a Stage of its own. */
function setup(memberSynthesizer: 'bootstrapless' | 'default' = 'bootstrapless') {
  const app = new App();
  const management = new Stack(app, 'Management', { env: { account: '100000000000', region: 'us-east-1' } });
  const members = new Stage(app, 'Members');
  const member = new Stack(members, 'WorkloadRoles', {
    synthesizer: memberSynthesizer === 'bootstrapless' ? new BootstraplessSynthesizer() : undefined,
  });
  new CrossAccountRole(member, 'Admin', { roleName: 'Admin', trustedParties: [TrustedParty.account('111111111111')] });
  new CrossAccountRole(member, 'ReadOnly', {
    roleName: 'ReadOnly',
    trustedParties: [TrustedParty.account('111111111111')],
  });
  return { app, management, members, member };
}

function rollout(props: Partial<OrganizationRolloutProps> = {}) {
  const s = setup();
  const r = new OrganizationRollout(s.management, 'WorkloadRoles', {
    memberStack: s.member,
    target: RolloutTarget.organizationalUnits([OU]),
    regions: ['us-east-1'],
    ...props,
  });
  return { ...s, rollout: r };
}

function stackSetOf(stack: Stack): any {
  const sets = Object.values(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'));
  expect(sets).toHaveLength(1);
  return sets[0];
}

describe('OrganizationRollout', () => {
  test('organizational units deploy with service-managed permissions and automatic deployment to new accounts', () => {
    // GIVEN / WHEN
    const { management } = rollout();
    // THEN
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU] }, Regions: ['us-east-1'] }],
      AdministrationRoleARN: Match.absent(),
    });
  });

  test('an account list deploys with self-managed permissions, its administration role and execution role name', () => {
    // GIVEN
    const s = setup();
    const admin = iam.Role.fromRoleName(s.management, 'StackSetAdmin', 'StackSetAdmin');
    // WHEN
    new OrganizationRollout(s.management, 'Rollout', {
      memberStack: s.member,
      target: RolloutTarget.accounts(['222222222222', '333333333333'], {
        administrationRole: admin,
        executionRoleName: 'StackSetExec',
      }),
      regions: ['us-east-1'],
    });
    // THEN
    Template.fromStack(s.management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SELF_MANAGED',
      AutoDeployment: Match.absent(),
      CallAs: Match.absent(),
      AdministrationRoleARN: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::100000000000:role/StackSetAdmin']],
      },
      ExecutionRoleName: 'StackSetExec',
      StackInstancesGroup: [
        { DeploymentTargets: { Accounts: ['222222222222', '333333333333'] }, Regions: ['us-east-1'] },
      ],
    });
  });

  test('the member template is the member stack as synthesized, inline, with the roles and their trust', () => {
    // GIVEN / WHEN
    const { management, rollout: r } = rollout();
    // THEN
    const body = JSON.parse(stackSetOf(management).Properties.TemplateBody);
    const roles = Object.values<any>(body.Resources).filter((res) => res.Type === 'AWS::IAM::Role');
    expect(roles.map((role) => role.Properties.RoleName).sort()).toEqual(['Admin', 'ReadOnly']);
    expect(roles[0].Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
    });
    expect(r.templateBody).toEqual(stackSetOf(management).Properties.TemplateBody);
  });

  test('a member stack with the default synthesizer loses its bootstrap version check (member accounts are not bootstrapped)', () => {
    // GIVEN
    const s = setup('default');
    // WHEN
    new OrganizationRollout(s.management, 'Rollout', {
      memberStack: s.member,
      target: RolloutTarget.organizationalUnits([OU]),
      regions: ['us-east-1'],
    });
    // THEN
    const body = JSON.parse(stackSetOf(s.management).Properties.TemplateBody);
    expect(body.Parameters?.BootstrapVersion).toBeUndefined();
    expect(body.Rules?.CheckBootstrapVersion).toBeUndefined();
    expect(Object.keys(body.Resources).length).toBeGreaterThanOrEqual(2);
  });

  test('regions, concurrency, failure tolerance and region order are operation preferences', () => {
    // GIVEN / WHEN
    const { management } = rollout({
      regions: ['us-east-1', 'eu-west-1'],
      maxConcurrentPercentage: 25,
      failureToleranceCount: 2,
      softFailureTolerance: true,
      regionConcurrency: RegionConcurrency.SEQUENTIAL,
    });
    // THEN
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      OperationPreferences: {
        MaxConcurrentPercentage: 25,
        FailureToleranceCount: 2,
        ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
        RegionConcurrencyType: 'SEQUENTIAL',
        RegionOrder: ['us-east-1', 'eu-west-1'],
      },
      StackInstancesGroup: [{ Regions: ['us-east-1', 'eu-west-1'] }],
    });
  });

  test('without preferences the stack set takes CloudFormation defaults', () => {
    // GIVEN / WHEN
    const { management } = rollout();
    // THEN
    expect(stackSetOf(management).Properties.OperationPreferences).toBeUndefined();
  });

  test('the stack set is retained on removal by default; RemovalPolicy.DESTROY deletes it', () => {
    // GIVEN / WHEN
    const kept = rollout();
    const destroyed = rollout({ removalPolicy: RemovalPolicy.DESTROY });
    // THEN
    expect(stackSetOf(kept.management).DeletionPolicy).toBe('Retain');
    expect(stackSetOf(kept.management).UpdateReplacePolicy).toBe('Retain');
    expect(stackSetOf(destroyed.management).DeletionPolicy).toBe('Delete');
  });

  test('retainStacksOnAccountRemoval keeps the stacks of accounts that leave the units', () => {
    // GIVEN / WHEN
    const { management } = rollout({
      target: RolloutTarget.organizationalUnits([OU], { retainStacksOnAccountRemoval: true }),
    });
    // THEN
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
    });
  });

  test('a delegated administrator deploys with CallAs DELEGATED_ADMIN', () => {
    // GIVEN / WHEN
    const { management } = rollout({ delegatedAdmin: true, stackSetName: 'workload-roles' });
    // THEN
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      CallAs: 'DELEGATED_ADMIN',
      StackSetName: 'workload-roles',
    });
  });

  test('the default stack set name is built from the construct path within the name rules', () => {
    // GIVEN / WHEN
    const { rollout: r } = rollout();
    // THEN
    expect(r.stackSetName).toMatch(/^[a-zA-Z][a-zA-Z0-9-]{0,127}$/);
    expect(r.stackSetName).toContain('WorkloadRoles');
  });

  test('a member stack with a file asset fails the synth, naming the stack and its assets', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management', { env: { account: '100000000000', region: 'us-east-1' } });
    const member = new Stack(new Stage(app, 'Members'), 'WithAsset');
    new CrossAccountRole(member, 'Admin', {
      roleName: 'Admin',
      trustedParties: [TrustedParty.account('111111111111')],
    });
    new s3assets.Asset(member, 'Code', { path: __filename });
    // WHEN
    new OrganizationRollout(management, 'Rollout', {
      memberStack: member,
      target: RolloutTarget.organizationalUnits([OU]),
      regions: ['us-east-1'],
    });
    // THEN
    expect(() => app.synth()).toThrow(
      /Management\/Rollout: invalid memberStack: received 'Members\/WithAsset with 1 asset\(s\)'; expected a stack without file or container image assets/,
    );
  });

  test('a StsChecks finding in the member stack fails the synth, naming the member resource', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management', { env: { account: '100000000000', region: 'us-east-1' } });
    const member = new Stack(new Stage(app, 'Members'), 'Open', { synthesizer: new BootstraplessSynthesizer() });
    new iam.Role(member, 'Anyone', { roleName: 'Anyone', assumedBy: new iam.AnyPrincipal() });
    // WHEN
    new OrganizationRollout(management, 'Rollout', {
      memberStack: member,
      target: RolloutTarget.organizationalUnits([OU]),
      regions: ['us-east-1'],
    });
    // THEN
    expect(() => app.synth()).toThrow(
      /Management\/Rollout: member stack Members\/Open: StsChecks-WildcardPrincipalTrust on Members\/Open\/Anyone\/Resource: The trust policy allows any AWS principal/,
    );
  });

  test('checkMemberStack false skips StsChecks on the member stack', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management', { env: { account: '100000000000', region: 'us-east-1' } });
    const member = new Stack(new Stage(app, 'Members'), 'Open', { synthesizer: new BootstraplessSynthesizer() });
    new iam.Role(member, 'Anyone', { roleName: 'Anyone', assumedBy: new iam.AnyPrincipal() });
    // WHEN
    new OrganizationRollout(management, 'Rollout', {
      memberStack: member,
      target: RolloutTarget.organizationalUnits([OU]),
      regions: ['us-east-1'],
      checkMemberStack: false,
    });
    // THEN
    expect(() => app.synth()).not.toThrow();
  });

  test('a member stack in the same stage as the rollout is refused (cdk deploy would deploy it directly)', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management');
    const member = new Stack(app, 'Member');
    // WHEN / THEN
    expect(
      () =>
        new OrganizationRollout(management, 'Rollout', {
          memberStack: member,
          target: RolloutTarget.organizationalUnits([OU]),
          regions: ['us-east-1'],
        }),
    ).toThrow(/Management\/Rollout: invalid memberStack: received 'Member'; expected a stack in a Stage of its own/);
  });

  test('a member stack bound to an account is refused', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management');
    const member = new Stack(new Stage(app, 'Members'), 'Member', { env: { account: '222222222222' } });
    // WHEN / THEN
    expect(
      () =>
        new OrganizationRollout(management, 'Rollout', {
          memberStack: member,
          target: RolloutTarget.organizationalUnits([OU]),
          regions: ['us-east-1'],
        }),
    ).toThrow(/invalid memberStack account: received '222222222222'; expected an environment-agnostic stack/);
  });

  test.each([
    [
      'an empty OU list',
      () => RolloutTarget.organizationalUnits([]),
      /invalid organizational unit id list: received \[\]/,
    ],
    [
      'a malformed OU id',
      () => RolloutTarget.organizationalUnits(['ou-1']),
      /invalid organizational unit id: received 'ou-1'/,
    ],
    [
      'a repeated OU id',
      () => RolloutTarget.organizationalUnits([OU, OU]),
      /expected each organizational unit id once/,
    ],
    [
      'a short account id',
      () => RolloutTarget.accounts(['12345678901']),
      /invalid account id: received '12345678901'; expected a 12-digit AWS account id/,
    ],
    [
      'retention without automatic deployment',
      () => RolloutTarget.organizationalUnits([OU], { autoDeploy: false, retainStacksOnAccountRemoval: true }),
      /invalid retainStacksOnAccountRemoval/,
    ],
    [
      'a bad execution role name',
      () => RolloutTarget.accounts(['222222222222'], { executionRoleName: 'has space' }),
      /invalid executionRoleName/,
    ],
  ])('%s is refused', (_name, target, message) => {
    // GIVEN
    const s = setup();
    // WHEN / THEN
    expect(
      () =>
        new OrganizationRollout(s.management, 'Rollout', {
          memberStack: s.member,
          target: target(),
          regions: ['us-east-1'],
        }),
    ).toThrow(message);
  });

  test('the root id r-xxxx targets the whole organization', () => {
    // GIVEN / WHEN
    const { management } = rollout({ target: RolloutTarget.organizationalUnits(['r-ab12']) });
    // THEN
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] } }],
    });
  });

  test.each([
    [{ regions: [] }, /invalid regions: received \[\]; expected at least one region/],
    [{ regions: ['moon-1'] }, /invalid region: received 'moon-1'/],
    [{ regions: ['us-east-1', 'us-east-1'] }, /expected each region once/],
    [
      { maxConcurrentCount: 2, maxConcurrentPercentage: 10 },
      /invalid max concurrency: .*expected a count or a percentage, not both/,
    ],
    [{ failureToleranceCount: 1, failureTolerancePercentage: 10 }, /invalid failure tolerance/],
    [{ maxConcurrentCount: 0 }, /invalid maxConcurrentCount: received 0; expected an integer from 1 to 10000/],
    [
      { maxConcurrentPercentage: 101 },
      /invalid maxConcurrentPercentage: received 101; expected an integer from 1 to 100/,
    ],
    [{ failureToleranceCount: -1 }, /invalid failureToleranceCount: received -1/],
    [{ failureTolerancePercentage: 100.5 }, /invalid failureTolerancePercentage/],
    [{ stackSetName: '1-starts-with-a-digit' }, /invalid stackSetName/],
    [{ delegatedAdmin: true, target: RolloutTarget.accounts(['222222222222']) }, /invalid delegatedAdmin/],
  ] as Array<[Partial<OrganizationRolloutProps>, RegExp]>)('props %j are refused', (props, message) => {
    expect(() => rollout(props)).toThrow(message);
  });

  test('the limits pass at their last valid values', () => {
    expect(() => rollout({ maxConcurrentCount: 1, failureToleranceCount: 0 })).not.toThrow();
    expect(() => rollout({ maxConcurrentPercentage: 100, failureTolerancePercentage: 100 })).not.toThrow();
    expect(() => rollout({ stackSetName: 'a'.repeat(128) })).not.toThrow();
    expect(() => rollout({ stackSetName: 'a'.repeat(129) })).toThrow(/invalid stackSetName/);
  });

  test('a member template over 51,200 bytes fails the synth with its size', () => {
    // GIVEN
    const app = new App();
    const management = new Stack(app, 'Management', { env: { account: '100000000000', region: 'us-east-1' } });
    const member = new Stack(new Stage(app, 'Members'), 'Big', { synthesizer: new BootstraplessSynthesizer() });
    for (let i = 0; i < 120; i++) {
      new CrossAccountRole(member, `Role${i}`, {
        roleName: `Role${i}`,
        description: 'x'.repeat(300),
        trustedParties: [TrustedParty.account('111111111111')],
      });
    }
    // WHEN
    new OrganizationRollout(management, 'Rollout', {
      memberStack: member,
      target: RolloutTarget.organizationalUnits([OU]),
      regions: ['us-east-1'],
    });
    // THEN
    expect(() => app.synth()).toThrow(
      /invalid member template size: received '\d+ bytes'; expected at most 51200 bytes/,
    );
  });
});
