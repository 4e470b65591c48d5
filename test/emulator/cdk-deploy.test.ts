/**
 * The real CDK CLI deploys a tiny two-account app (test/emulator/fixtures/two-account-app.ts) to the emulator with
 * `cdk deploy --all --require-approval never --method=direct`; each stack lands in the account of its `env`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  GetGroupCommand,
  GetRoleCommand,
  IAMClient,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EmulatorHandle } from '../../scripts/emulator/emulator';
import { EmulatorCredentials, credentialsForAccount, emulatorProcessEnv } from '../../scripts/emulator/env';
import { unsupportedResourceTypes } from '../../scripts/emulator/resource-types';
import { loginPasswordMatches, sdkConfig, startTestEmulator } from './helpers';

const run = promisify(execFile);
// Not a test of aws-cdk-lib's own CloudFormation validation (seconds to start in every synth): off for the CLI here,
// as in the unit layer. test/e2e/cfn-lint.test.ts synthesizes the example with it on.
process.env.CDK_VALIDATION = 'false';
const REPO = path.resolve(__dirname, '..', '..');
const CDK = path.join(REPO, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const APP = 'node --import tsx test/emulator/fixtures/two-account-app.ts';
const HUB = '111111111111';
const WORKLOAD = '222222222222';

let emulator: EmulatorHandle;
let outdir: string;
let deployOutput: string;
const credentials: Record<string, EmulatorCredentials> = {};

function cdk(args: string[]) {
  return run(process.execPath, [CDK, ...args, '--no-notices', '--ci'], {
    cwd: REPO,
    env: {
      ...emulatorProcessEnv(emulator.endpoint),
      FORCE_COLOR: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
}

function clients(account: string) {
  const config = sdkConfig(emulator.endpoint, credentials[account]);
  return { iam: new IAMClient(config), cfn: new CloudFormationClient(config), sm: new SecretsManagerClient(config) };
}

async function inventory(account: string) {
  const { iam, sm } = clients(account);
  return {
    users: (await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName),
    groups: (await iam.send(new ListGroupsCommand({}))).Groups!.map((g) => g.GroupName),
    roles: (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName),
    oidc: (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList!.map((p) => p.Arn),
    secrets: (await sm.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name),
  };
}

async function outputsOf(account: string, stackName: string): Promise<Record<string, string>> {
  const { Stacks } = await clients(account).cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  expect(Stacks![0].StackStatus).toBe('CREATE_COMPLETE');
  return Object.fromEntries((Stacks![0].Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  credentials[HUB] = await credentialsForAccount(emulator.endpoint, HUB);
  credentials[WORKLOAD] = await credentialsForAccount(emulator.endpoint, WORKLOAD);
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-emulator-cdk-out-'));
  const result = await cdk([
    'deploy',
    '--all',
    '--require-approval',
    'never',
    '--method=direct',
    '-a',
    APP,
    '-o',
    outdir,
  ]);
  deployOutput = result.stdout + result.stderr;
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
}, 20_000);

test('the synthesized templates use only resource types the emulator can create', () => {
  const templates = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'));
  expect(templates).toHaveLength(2);
  expect(templates.join('')).toContain('AWS::CDK::Metadata');
  expect(unsupportedResourceTypes(templates)).toEqual([]);
}, 30_000);

test('each stack lands in the account of its env, and only there', async () => {
  expect(deployOutput).toMatch(/arn:aws:cloudformation:us-east-1:111111111111:stack\/EmulatorHub\//);
  expect(deployOutput).toMatch(/arn:aws:cloudformation:us-east-1:222222222222:stack\/EmulatorWorkload\//);
  expect(await inventory(HUB)).toEqual({
    users: ['alice'],
    groups: ['operators'],
    roles: [],
    oidc: [],
    secrets: ['alice-console-password'],
  });
  expect(await inventory(WORKLOAD)).toEqual({
    users: [],
    groups: [],
    roles: ['Admin'],
    oidc: ['arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com'],
    secrets: [],
  });
  await expect(clients(WORKLOAD).cfn.send(new DescribeStacksCommand({ StackName: 'EmulatorHub' }))).rejects.toThrow(
    'Stack with id EmulatorHub does not exist',
  );
});

test('hub: the group has alice and its policy; alice signs in with the generated password', async () => {
  const { iam, sm } = clients(HUB);
  const group = await iam.send(new GetGroupCommand({ GroupName: 'operators' }));
  const policies = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'operators' }));
  const outputs = await outputsOf(HUB, 'EmulatorHub');
  const secret = JSON.parse(
    (await sm.send(new GetSecretValueCommand({ SecretId: outputs.PasswordSecretArn }))).SecretString!,
  );
  expect(group.Users!.map((u) => u.UserName)).toEqual(['alice']);
  expect(policies.PolicyNames).toEqual([expect.stringMatching(/^OperatorsDefaultPolicy/)]);
  expect(secret.username).toBe('alice');
  expect(secret.password).toHaveLength(20);
  expect(await loginPasswordMatches(emulator.endpoint, HUB, 'alice', secret.password)).toBe(true);
});

test('workload: the OIDC provider output is its ARN and the Admin role trusts the hub account with MFA', async () => {
  const outputs = await outputsOf(WORKLOAD, 'EmulatorWorkload');
  const role = await clients(WORKLOAD).iam.send(new GetRoleCommand({ RoleName: 'Admin' }));
  expect(outputs.OidcProviderArn).toBe('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com');
  expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).Statement).toEqual([
    {
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    },
  ]);
});

test('cdk destroy --all removes both stacks and leaves nothing in either account', async () => {
  // WHEN
  await cdk(['destroy', '--all', '--force', '-a', outdir]);
  // THEN
  const empty = { users: [], groups: [], roles: [], oidc: [], secrets: [] };
  expect(await inventory(HUB)).toEqual(empty);
  expect(await inventory(WORKLOAD)).toEqual(empty);
}, 60_000);
