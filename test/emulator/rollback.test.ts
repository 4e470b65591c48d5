/**
 * Failed deploys on the emulator's CloudFormation (issue 10, findings 1 and 2): a failed update rolls back the
 * template, the resources and the outputs; a failed create removes everything it made, never brings it back
 * (DescribeStacks, ListStackResources) and leaves a stack that can be deleted and created again.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { EmulatorHandle } from '../../scripts/emulator/emulator';
import {
  Template,
  clone,
  createStack,
  deleteStack,
  describeStack,
  sdkConfig,
  startTestEmulator,
  trust,
  updateStack,
} from './helpers';

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

/** A trust policy letting each account's root assume a role (sorted, as a set). */
function trustAccounts(...accounts: string[]) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: accounts.map((a) => `arn:aws:iam::${a}:root`) }, Action: 'sts:AssumeRole' },
    ],
  };
}

async function liveTrust(roleName: string): Promise<unknown> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
  return JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
}

async function recordedTemplate(stackName: string): Promise<any> {
  return JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody!);
}

async function roleNames(): Promise<string[]> {
  return (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName!).sort();
}

type Resources = { Resources: Record<string, any>; Outputs?: Record<string, any> };

describe('a failed update', () => {
  // GIVEN: Admin trusts 111111111111 and 555555555555; a role named "taken" exists outside the stack
  const original: Resources = {
    Resources: {
      Admin: {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: 'Admin', AssumeRolePolicyDocument: trustAccounts('111111111111', '555555555555') },
      },
      Old: {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: 'old-role', AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
      },
    },
    Outputs: { AdminArn: { Value: { 'Fn::GetAtt': ['Admin', 'Arn'] } } },
  };
  // one deploy: 555 removed from Admin, Old removed, and a role whose name collides added after Admin changed
  const broken = clone(original);
  broken.Resources.Admin.Properties.AssumeRolePolicyDocument = trustAccounts('111111111111');
  delete broken.Resources.Old;
  broken.Resources.Clash = {
    Type: 'AWS::IAM::Role',
    DependsOn: 'Admin',
    Properties: { RoleName: 'taken', AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
  };
  broken.Outputs = {
    AdminArn: { Value: { 'Fn::GetAtt': ['Admin', 'Arn'] } },
    ClashArn: { Value: { 'Fn::GetAtt': ['Clash', 'Arn'] } },
  };
  const fixed = clone(broken);
  delete fixed.Resources.Clash;
  fixed.Outputs = { AdminArn: { Value: { 'Fn::GetAtt': ['Admin', 'Arn'] } } };

  beforeAll(async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'taken',
        AssumeRolePolicyDocument: JSON.stringify(trust('arn:aws:iam::999999999999:root')),
      }),
    );
    expect((await createStack(cfn, 'trust', original as Template)).status).toBe('CREATE_COMPLETE');
  }, 20_000);

  afterAll(async () => {
    await iam.send(new DeleteRoleCommand({ RoleName: 'taken' }));
  });

  test('ends in UPDATE_ROLLBACK_COMPLETE and restores the template, the trust, the removed role and the outputs', async () => {
    // WHEN
    const result = await updateStack(cfn, 'trust', broken as Template);
    // THEN
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual(
      expect.arrayContaining([
        'Clash UPDATE_FAILED',
        'trust UPDATE_ROLLBACK_IN_PROGRESS',
        'trust UPDATE_ROLLBACK_COMPLETE',
      ]),
    );
    expect(await recordedTemplate('trust')).toEqual(original);
    expect(await liveTrust('Admin')).toEqual(trustAccounts('111111111111', '555555555555'));
    expect(await roleNames()).toEqual(['Admin', 'old-role', 'taken']);
    expect(await liveTrust('taken')).toEqual(trust('arn:aws:iam::999999999999:root')); // someone else's role, untouched
    expect(result.outputs).toEqual({ AdminArn: 'arn:aws:iam::123456789012:role/Admin' });
  }, 20_000);

  test('the fix deployed next reaches UPDATE_COMPLETE and the live trust equals the template', async () => {
    // WHEN
    const result = await updateStack(cfn, 'trust', fixed as Template);
    // THEN
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(await recordedTemplate('trust')).toEqual(fixed);
    expect(await liveTrust('Admin')).toEqual(trustAccounts('111111111111'));
    expect(await roleNames()).toEqual(['Admin', 'taken']);
  }, 20_000);

  test('a failed update that modified a resource in place puts its previous properties back', async () => {
    // GIVEN: Admin's trust changes, then a policy resource of Admin fails
    const failing = clone(fixed);
    failing.Resources.Admin.Properties.AssumeRolePolicyDocument = trustAccounts('111111111111', '666666666666');
    failing.Resources.Bad = {
      Type: 'AWS::IAM::User',
      DependsOn: 'Admin',
      Properties: { UserName: 'bad', Groups: ['no-such-group'] },
    };
    // WHEN
    const result = await updateStack(cfn, 'trust', failing as Template);
    // THEN
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await liveTrust('Admin')).toEqual(trustAccounts('111111111111'));
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
    await deleteStack(cfn, 'trust');
    expect(await roleNames()).toEqual(['taken']);
  }, 20_000);
});

describe('a failed create', () => {
  const template: Resources = {
    Resources: {
      First: {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: 'first', AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
      },
      Second: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust('arn:aws:iam::111111111111:root') },
      },
      Bad: {
        Type: 'AWS::IAM::User',
        DependsOn: ['First', 'Second'],
        Properties: { UserName: 'bad', Groups: ['no-such-group'] },
      },
    },
    Outputs: {
      FirstArn: { Value: { 'Fn::GetAtt': ['First', 'Arn'] } },
      SecondArn: { Value: { 'Fn::GetAtt': ['Second', 'Arn'] } },
    },
  };

  test('ends in ROLLBACK_COMPLETE with no outputs, and reading the stack never re-creates its resources', async () => {
    // WHEN
    const result = await createStack(cfn, 'doomed', template as Template);
    // THEN
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.outputs).toEqual({});
    expect(await roleNames()).toEqual([]);
    const again = await describeStack(cfn, 'doomed');
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'doomed' }));
    expect(again.status).toBe('ROLLBACK_COMPLETE');
    expect(resources.StackResourceSummaries ?? []).toEqual([]);
    expect(await roleNames()).toEqual([]);
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  }, 20_000);

  test('a stack in ROLLBACK_COMPLETE refuses an update, can be deleted, and created again once fixed', async () => {
    // GIVEN
    const fixed = clone(template);
    delete fixed.Resources.Bad;
    // WHEN / THEN
    await expect(
      cfn.send(new UpdateStackCommand({ StackName: 'doomed', TemplateBody: JSON.stringify(fixed) })),
    ).rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated/);
    await deleteStack(cfn, 'doomed');
    await expect(describeStack(cfn, 'doomed')).rejects.toThrow('Stack with id doomed does not exist');
    expect((await createStack(cfn, 'doomed', fixed as Template)).status).toBe('CREATE_COMPLETE');
    expect(await roleNames()).toEqual([expect.stringMatching(/^doomed-Second-/), 'first']);
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'doomed' }));
    await deleteStack(cfn, 'doomed');
    expect(await roleNames()).toEqual([]);
    // a deleted stack is still readable by its id, and reading it brings nothing back
    const deleted = await cfn.send(new DescribeStacksCommand({ StackName: Stacks![0].StackId }));
    expect([deleted.Stacks![0].StackStatus, deleted.Stacks![0].Outputs ?? []]).toEqual(['DELETE_COMPLETE', []]);
    expect(await roleNames()).toEqual([]);
  }, 20_000);
});
