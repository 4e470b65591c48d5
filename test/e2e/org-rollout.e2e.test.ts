import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ListStackInstancesCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { App, BootstraplessSynthesizer, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CrossAccountRole, OrganizationRollout, RolloutTarget, TrustedParty } from '../../lib';
import {
  credentialsForAccount,
  EmulatorHandle,
  EMULATOR_REGION,
  findFreePort,
  startEmulator,
} from '../../scripts/emulator';
import { canonicalPolicy, parsePolicyDocument, resolveIntrinsics } from '../../scripts/example/resolve';

// Not a test of aws-cdk-lib's own CloudFormation validation (about 2.5 s to start): off, as in the unit layer.
process.env.CDK_VALIDATION = 'false';
const T0 = Date.now();
const lap = (what: string) => process.env.STS_KIT_TIMINGS && console.log(`${what}: ${Date.now() - T0} ms`);
jest.setTimeout(180_000);

// Organisation-wide rollout on the local emulator: OrganizationRollout's stack set deploys the member roles to 50
// accounts, then one account joins and one leaves the list.
const MANAGEMENT = '100000000000';
const IDENTITY = '111111111111';
const MEMBERS = Array.from({ length: 50 }, (_, i) => String(300000000000 + i));
const JOINING = '300000000099';
const STACK_NAME = 'OrgRollout-Management';
const ROLE_NAMES = ['Admin', 'ReadOnly'];

let emulator: EmulatorHandle;
let workdir: string;

/** The management stack (the stack set) and the member template, for a list of member accounts. */
function synth(accounts: string[]): { management: any; member: any } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(workdir, 'cdk.out-')) });
  const management = new Stack(app, STACK_NAME, {
    env: { account: MANAGEMENT, region: EMULATOR_REGION },
    synthesizer: new BootstraplessSynthesizer(),
  });
  const member = new Stack(new Stage(app, 'Members'), 'WorkloadRoles', { synthesizer: new BootstraplessSynthesizer() });
  new CrossAccountRole(member, 'Admin', {
    roleName: 'Admin',
    trustedParties: [TrustedParty.account(IDENTITY)],
    mfaMaxAge: Duration.hours(1),
  });
  new CrossAccountRole(member, 'ReadOnly', {
    roleName: 'ReadOnly',
    trustedParties: [TrustedParty.account(IDENTITY)],
    maxSessionDuration: Duration.hours(4),
  });
  const rollout = new OrganizationRollout(management, 'WorkloadRoles', {
    memberStack: member,
    target: RolloutTarget.accounts(accounts),
    regions: [EMULATOR_REGION],
    stackSetName: 'workload-roles',
    maxConcurrentPercentage: 100,
    failureTolerancePercentage: 10,
  });
  return { management: Template.fromStack(management).toJSON(), member: JSON.parse(rollout.templateBody) };
}

async function cfnIn(account: string) {
  const credentials = await credentialsForAccount(emulator.endpoint, account);
  return new CloudFormationClient({ endpoint: emulator.endpoint, region: EMULATOR_REGION, credentials });
}

async function iamIn(account: string) {
  const credentials = await credentialsForAccount(emulator.endpoint, account);
  return new IAMClient({ endpoint: emulator.endpoint, region: EMULATOR_REGION, credentials });
}

async function stackStatus(cfn: CloudFormationClient): Promise<string> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: STACK_NAME }))).Stacks![0].StackStatus!;
}

/** Each account's trust policies of the rolled-out roles, as IAM returns them (undefined where a role is missing). */
async function deployedTrusts(accounts: string[]): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  await Promise.all(
    accounts.map(async (account) => {
      const iam = await iamIn(account);
      const names = new Set((await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName!));
      out[account] = {};
      for (const name of ROLE_NAMES) {
        if (!names.has(name)) continue;
        const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
        out[account][name] = canonicalPolicy(parsePolicyDocument(role.AssumeRolePolicyDocument));
      }
    }),
  );
  return out;
}

/** The trust policies the member template says each account gets. */
function synthesizedTrusts(member: any, account: string): Record<string, unknown> {
  const roles = Object.values<any>(member.Resources).filter((r) => r.Type === 'AWS::IAM::Role');
  return Object.fromEntries(
    roles.map((r) => [
      r.Properties.RoleName,
      canonicalPolicy(
        resolveIntrinsics(r.Properties.AssumeRolePolicyDocument, {
          account,
          region: EMULATOR_REGION,
          partition: 'aws',
          refs: {},
        }),
      ),
    ]),
  );
}

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-org-'));
  emulator = await startEmulator({ port: await findFreePort(), stateDir: path.join(workdir, 'emulator') });
});

afterAll(async () => {
  await emulator?.stop();
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

describe('organisation-wide rollout on the emulator', () => {
  test('the stack set rolls the roles out to 50 accounts with the synthesized trust; one account joins, one leaves; the stack set outlives its stack', async () => {
    // GIVEN
    lap('start');
    const first = synth(MEMBERS);
    lap('synth');
    const cfn = await cfnIn(MANAGEMENT);

    // WHEN: the management stack is deployed
    await cfn.send(
      new CreateStackCommand({
        StackName: STACK_NAME,
        TemplateBody: JSON.stringify(first.management),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );

    // THEN: every member account has both roles, with the trust policy of the member template
    expect(await stackStatus(cfn)).toBe('CREATE_COMPLETE');
    lap('deployed');
    const deployed = await deployedTrusts(MEMBERS);
    lap('read back');
    for (const account of MEMBERS) {
      expect({ account, trusts: deployed[account] }).toEqual({
        account,
        trusts: synthesizedTrusts(first.member, account),
      });
    }
    expect((await cfn.send(new ListStackInstancesCommand({ StackSetName: 'workload-roles' }))).Summaries).toHaveLength(
      50,
    );
    // and no role landed in the management account
    expect(
      (await (await iamIn(MANAGEMENT)).send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName),
    ).not.toContain('Admin');

    // WHEN: the first account leaves the list and a new one joins
    const second = synth([...MEMBERS.slice(1), JOINING]);
    await cfn.send(
      new UpdateStackCommand({
        StackName: STACK_NAME,
        TemplateBody: JSON.stringify(second.management),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );

    // THEN
    expect(await stackStatus(cfn)).toBe('UPDATE_COMPLETE');
    const after = await deployedTrusts([MEMBERS[0], MEMBERS[1], JOINING]);
    expect(after[MEMBERS[0]]).toEqual({});
    expect(after[MEMBERS[1]]).toEqual(synthesizedTrusts(second.member, MEMBERS[1]));
    expect(after[JOINING]).toEqual(synthesizedTrusts(second.member, JOINING));
    const instances = (await cfn.send(new ListStackInstancesCommand({ StackSetName: 'workload-roles' }))).Summaries!;
    expect(instances.map((i) => i.Account).sort()).toEqual([...MEMBERS.slice(1), JOINING].sort());

    // WHEN: the management stack is deleted (the stack set is retained by default)
    await cfn.send(new DeleteStackCommand({ StackName: STACK_NAME }));

    // THEN: the roles stay in the member accounts
    expect(Object.keys((await deployedTrusts([JOINING]))[JOINING]).sort()).toEqual(ROLE_NAMES);
  });

  test('service-managed: every account of the unit and its children gets the roles; accounts that join or leave the unit follow (automatic deployment)', async () => {
    // GIVEN: an organization on the emulator, whose units the stack set targets (the AWS SDK for JavaScript has no
    // Organizations client installed here, so this part is a boto3 script against the same emulator)
    const script = path.join(__dirname, 'fixtures', 'stackset_auto_deploy.py');
    // WHEN
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.env.STS_KIT_EMULATOR_PYTHON ?? 'python3',
        [script, emulator.endpoint],
        { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ stdout, stderr: `${stderr}${error ? `\n${error.message}` : ''}` }),
      );
    });
    // THEN
    expect(result.stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
    expect(JSON.parse(result.stdout.trim().split('\n').pop()!)).toEqual({
      status: 'CREATE_COMPLETE',
      membersWithRoles: 50,
      managementHasRoles: false,
      joinedOuGetsRoles: true,
      leftOuLosesRoles: true,
      rootAccountGetsRoles: false,
      retainedOnRemoval: true,
      instancesAfter: 50,
    });
  });
});
