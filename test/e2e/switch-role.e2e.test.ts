import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  GetGroupCommand,
  GetOpenIDConnectProviderCommand,
  UpdateAssumeRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListOpenIDConnectProvidersCommand,
  ListPoliciesCommand,
  ListSAMLProvidersCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  credentialsForAccount,
  EmulatorHandle,
  EMULATOR_REGION,
  findFreePort,
  startEmulator,
} from '../../scripts/emulator';
import { deployExample, describeStack, destroyExample, readAssembly, runCdk } from '../../scripts/example/deploy';
import { findTrustDrift } from '../../scripts/example/drift';
import { cleanUpDemoUser, prepareDemoUser, switchRoles } from '../../scripts/example/walkthrough';
import { canonicalPolicy, parsePolicyDocument, resolveIntrinsics } from '../../scripts/example/resolve';
import { AssumeRequest, CallerIdentity, NamedPolicy, TrustDecision, TrustEvaluator } from '../../lib/testing';
import { loginPasswordMatches } from '../emulator/helpers';

// aws-cdk-lib's own CloudFormation validation costs about 6 s of CPU in every process that synthesizes with it (its
// engine is WebAssembly that is compiled and loaded anew each time). It is on for the first synth, the one the deploy
// starts from, as a user's `cdk synth` has it, and off for the CLI's later synths here.
process.env.CDK_VALIDATION = 'false';
jest.setTimeout(240_000);

const ACCOUNTS = { identity: '111111111111', dev: '222222222222', stg: '333333333333', prd: '444444444444' };
const STACK_ACCOUNT: Record<string, string> = {
  'SwitchRole-Identity': ACCOUNTS.identity,
  'SwitchRole-Dev': ACCOUNTS.dev,
  'SwitchRole-Stg': ACCOUNTS.stg,
  'SwitchRole-Prd': ACCOUNTS.prd,
  'Federation-GitHubActions-Dev': ACCOUNTS.dev,
  'Federation-GitHubActions-Stg': ACCOUNTS.stg,
  'Federation-GitHubActions-Prd': ACCOUNTS.prd,
  'Federation-EksWorkload': ACCOUNTS.dev,
  'Federation-SamlConsole': ACCOUNTS.identity,
  'Federation-CognitoApp': ACCOUNTS.dev,
  'Federation-Broker': ACCOUNTS.identity,
};
const STACK_COUNT = Object.keys(STACK_ACCOUNT).length;

let emulator: EmulatorHandle;
let workdir: string;
let stacks: Map<string, { template: any; account: string }>;
const logLines: string[] = [];
const log = (line: string) => logLines.push(line);
const run = (outdir: string, context?: Record<string, string>) => ({
  endpoint: emulator.endpoint,
  outdir,
  context,
  log,
});

async function iamIn(account: string) {
  return new IAMClient({
    endpoint: emulator.endpoint,
    region: EMULATOR_REGION,
    credentials: await credentialsForAccount(emulator.endpoint, account),
  });
}

/** Logical id -> physical id of a deployed stack's resources. */
async function physicalIds(stackName: string, account: string): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient({
    endpoint: emulator.endpoint,
    region: EMULATOR_REGION,
    credentials: await credentialsForAccount(emulator.endpoint, account),
  });
  const out = await cfn.send(new ListStackResourcesCommand({ StackName: stackName }));
  return Object.fromEntries(
    (out.StackResourceSummaries ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]),
  );
}

/** A user as deployed: its ARN and the policies of its groups (it has none of its own), read back from IAM. */
async function deployedCaller(userName: string): Promise<CallerIdentity> {
  const iam = await iamIn(ACCOUNTS.identity);
  const policies: NamedPolicy[] = [];
  for (const group of (await iam.send(new ListGroupsForUserCommand({ UserName: userName }))).Groups!) {
    for (const attached of (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group.GroupName! })))
      .AttachedPolicies!) {
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: attached.PolicyArn! }))).Policy!;
      const version = (
        await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }))
      ).PolicyVersion!;
      policies.push({ name: attached.PolicyName!, document: parsePolicyDocument(version.Document) });
    }
  }
  return CallerIdentity.of(`arn:aws:iam::${ACCOUNTS.identity}:user/${userName}`, policies);
}

/** An evaluator over a role's trust policy as deployed (read back from IAM), not as synthesized. */
async function deployedTrust(account: string, roleName: string): Promise<TrustEvaluator> {
  const role = (await (await iamIn(account)).send(new GetRoleCommand({ RoleName: roleName }))).Role!;
  const template = {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          AssumeRolePolicyDocument: parsePolicyDocument(role.AssumeRolePolicyDocument),
        },
      },
    },
  };
  return TrustEvaluator.fromTemplate(template, { account });
}

function resourcesOf(template: any, type: string): Array<[string, any]> {
  return Object.entries<any>(template.Resources).filter(([, r]) => r.Type === type);
}

/**
 * A copy of the cloud assembly `from` in which `change` edits one stack's template (to make a deploy fail);
 * the CDK CLI deploys it as it deploys any assembly.
 */
function brokenAssembly(from: string, to: string, stackName: string, change: (template: any) => void): string {
  fs.cpSync(from, to, { recursive: true });
  const file = path.join(to, `${stackName}.template.json`);
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(template);
  fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
  return to;
}

function logicalIdOfRole(template: any, roleName: string): string {
  return resourcesOf(template, 'AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === roleName)![0];
}

async function trustedPrincipals(account: string, roleName: string): Promise<string[]> {
  const role = (await (await iamIn(account)).send(new GetRoleCommand({ RoleName: roleName }))).Role!;
  return parsePolicyDocument(role.AssumeRolePolicyDocument)
    .Statement.flatMap((s: any) => [].concat(s.Principal.AWS))
    .sort();
}

/** Roles and users left in every account of the example. */
async function leftovers(): Promise<Record<string, { roles: string[]; users: string[] }>> {
  const found: Record<string, { roles: string[]; users: string[] }> = {};
  for (const account of Object.values(ACCOUNTS)) {
    const iam = await iamIn(account);
    found[account] = {
      roles: (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName!),
      users: (await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName!),
    };
  }
  return found;
}

const NOTHING_LEFT = Object.fromEntries(Object.values(ACCOUNTS).map((a) => [a, { roles: [], users: [] }]));

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-e2e-'));
  emulator = await startEmulator({ port: await findFreePort(), stateDir: path.join(workdir, 'emulator') });
  process.env.CDK_VALIDATION = 'true';
  try {
    stacks = await deployExample(run(path.join(workdir, 'cdk.out')));
  } finally {
    process.env.CDK_VALIDATION = 'false';
  }
});

afterAll(async () => {
  await emulator?.stop();
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

describe('the example deployed on the local emulator', () => {
  test("the CLI's synth ran aws-cdk-lib's CloudFormation validation, with cdk.json's rules as errors, and found nothing", () => {
    // GIVEN cdk.json turns the validation's findings into errors (a finding would have failed the synth)
    expect(require('../../cdk.json').context['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    // THEN the validation wrote its report into the assembly (it writes one only when it runs), with no plugin
    // reporting a finding (a finding is a plugin report: "CloudFormation Validate" with its violations)
    const report = JSON.parse(fs.readFileSync(path.join(workdir, 'cdk.out', 'validation-report.json'), 'utf8'));
    expect(report).toEqual({ version: expect.any(String), title: 'Validation Report', pluginReports: [] });
  });

  test('every stack reaches CREATE_COMPLETE in its own account', async () => {
    expect([...stacks.keys()].sort()).toEqual(Object.keys(STACK_ACCOUNT).sort());
    for (const [name, { account }] of stacks) {
      expect(account).toBe(STACK_ACCOUNT[name]);
      const stack = await describeStack(emulator.endpoint, account, name);
      expect([name, stack?.StackStatus]).toEqual([name, 'CREATE_COMPLETE']);
    }
    // and only there: the identity account has no dev stack, dev has no identity stack
    expect(await describeStack(emulator.endpoint, ACCOUNTS.identity, 'SwitchRole-Dev')).toBeUndefined();
    expect(await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Identity')).toBeUndefined();
  });

  test('every role: deployed trust, managed and inline policies equal the synthesized ones', async () => {
    let roles = 0;
    for (const [name, { template, account }] of stacks) {
      const iam = await iamIn(account);
      const types = Object.fromEntries(Object.entries<any>(template.Resources).map(([id, r]) => [id, r.Type]));
      const ctx = { account, region: EMULATOR_REGION, partition: 'aws', refs: await physicalIds(name, account), types };
      for (const [logicalId, resource] of resourcesOf(template, 'AWS::IAM::Role')) {
        const p = resource.Properties;
        const roleName = p.RoleName ?? ctx.refs[logicalId];
        const deployed = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
        expect(canonicalPolicy(parsePolicyDocument(deployed.AssumeRolePolicyDocument))).toEqual(
          canonicalPolicy(resolveIntrinsics(p.AssumeRolePolicyDocument, ctx)),
        );
        expect(deployed.MaxSessionDuration).toBe(p.MaxSessionDuration);
        const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName })))
          .AttachedPolicies!.map((a) => a.PolicyArn)
          .sort();
        expect(attached).toEqual(resolveIntrinsics(p.ManagedPolicyArns ?? [], ctx).sort());
        // IAM keeps both the role's own Policies and AWS::IAM::Policy resources attached to it as inline policies.
        const inlinePolicies = [
          ...(p.Policies ?? []),
          ...resourcesOf(template, 'AWS::IAM::Policy')
            .filter(([, pol]) => (pol.Properties.Roles ?? []).some((r: any) => r.Ref === logicalId))
            .map(([, pol]) => pol.Properties),
        ];
        const inlineNames = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames!;
        expect(inlineNames.sort()).toEqual(inlinePolicies.map((x: any) => x.PolicyName).sort());
        for (const inline of inlinePolicies) {
          const doc = (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: inline.PolicyName })))
            .PolicyDocument;
          expect(canonicalPolicy(parsePolicyDocument(doc))).toEqual(
            canonicalPolicy(resolveIntrinsics(inline.PolicyDocument, ctx)),
          );
        }
        roles++;
      }
    }
    // Switch-role: 8 (dev 3, stg 2, prd 3); every federation example's roles too.
    expect(roles).toBe([...stacks.values()].reduce((n, s) => n + resourcesOf(s.template, 'AWS::IAM::Role').length, 0));
    expect(roles).toBeGreaterThan(8);
  });

  test("the demo's drift check: no drift after the deploy; a trust changed behind CloudFormation's back is reported", async () => {
    // WHEN
    const clean = await findTrustDrift(emulator.endpoint, stacks);
    // THEN
    expect(clean.roles).toBe(
      [...stacks.values()].reduce((n, s) => n + resourcesOf(s.template, 'AWS::IAM::Role').length, 0),
    );
    expect(clean.drift).toEqual([]);
    // GIVEN: dev's Admin also trusts 777777777777, outside CloudFormation
    const iam = await iamIn(ACCOUNTS.dev);
    const original = (await iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!.AssumeRolePolicyDocument!;
    const widened = parsePolicyDocument(original);
    widened.Statement[0].Principal.AWS = [].concat(
      widened.Statement[0].Principal.AWS,
      'arn:aws:iam::777777777777:root' as never,
    );
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Admin', PolicyDocument: JSON.stringify(widened) }));
    try {
      // WHEN
      const drifted = await findTrustDrift(emulator.endpoint, stacks);
      // THEN
      expect(drifted.drift.map((d) => [d.stack, d.account, d.roleName])).toEqual([
        ['SwitchRole-Dev', ACCOUNTS.dev, 'Admin'],
      ]);
      expect(JSON.stringify(drifted.drift[0].deployed)).toContain('777777777777');
    } finally {
      await iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'Admin',
          PolicyDocument: JSON.stringify(parsePolicyDocument(original)),
        }),
      );
    }
  });

  test('every group has its members and its customer-managed policy; no user holds a policy of its own', async () => {
    const { template } = stacks.get('SwitchRole-Identity')!;
    const iam = await iamIn(ACCOUNTS.identity);
    const ctx = {
      account: ACCOUNTS.identity,
      region: EMULATOR_REGION,
      partition: 'aws',
      refs: await physicalIds('SwitchRole-Identity', ACCOUNTS.identity),
    };
    const groups = resourcesOf(template, 'AWS::IAM::Group');
    // Admins, Developers and the MFA self-service group(s) of the assume-only users (however many the construct makes)
    expect(
      groups
        .map(([, g]) => g.Properties?.GroupName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['Admins', 'Developers']);
    expect(groups.length).toBeGreaterThan(2);
    for (const [logicalId] of groups) {
      const groupName = ctx.refs[logicalId];
      const members = (await iam.send(new GetGroupCommand({ GroupName: groupName })))
        .Users!.map((u) => u.UserName)
        .sort();
      const expectedMembers = resourcesOf(template, 'AWS::IAM::User')
        .filter(([, u]) => (u.Properties.Groups ?? []).some((g: any) => g.Ref === logicalId))
        .map(([, u]) => u.Properties.UserName)
        .sort();
      expect([groupName, members]).toEqual([groupName, expectedMembers]);
      expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: groupName }))).PolicyNames).toEqual([]);
      const attached = (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName })))
        .AttachedPolicies!;
      const synthesized = resourcesOf(template, 'AWS::IAM::ManagedPolicy').filter(([, mp]) =>
        (mp.Properties.Groups ?? []).some((g: any) => g.Ref === logicalId),
      );
      expect(attached.map((a) => a.PolicyArn).sort()).toEqual(synthesized.map(([id]) => ctx.refs[id]).sort());
      for (const [id, mp] of synthesized) {
        const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: ctx.refs[id] }))).Policy!;
        const version = (
          await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }))
        ).PolicyVersion!;
        expect(canonicalPolicy(parsePolicyDocument(version.Document))).toEqual(
          canonicalPolicy(resolveIntrinsics(mp.Properties.PolicyDocument, ctx)),
        );
      }
    }
    for (const userName of ['alice', 'bob']) {
      expect((await iam.send(new ListUserPoliciesCommand({ UserName: userName }))).PolicyNames).toEqual([]);
      expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }))).AttachedPolicies).toEqual(
        [],
      );
    }
  });

  test('real STS walk: alice and bob reach their roles, and the credentials identify as the role in the right account', async () => {
    const alice = await prepareDemoUser(emulator.endpoint, ACCOUNTS.identity, 'alice');
    expect(alice.userArn).toBe('arn:aws:iam::111111111111:user/alice');
    const aliceTargets = (['dev', 'stg', 'prd'] as const).flatMap((stage) =>
      ['Admin', 'ReadOnly'].map((roleName) => ({ label: stage, account: ACCOUNTS[stage], roleName })),
    );
    const results = await switchRoles(emulator.endpoint, alice, aliceTargets, log);
    for (const r of results) {
      expect(r.assumedArn).toBe(`arn:aws:sts::${r.account}:assumed-role/${r.roleName}/alice`);
      expect(r.assumedAccount).toBe(r.account);
      expect(r.expiration.getTime()).toBeGreaterThan(Date.now());
    }
    const bob = await prepareDemoUser(emulator.endpoint, ACCOUNTS.identity, 'bob');
    const bobResults = await switchRoles(
      emulator.endpoint,
      bob,
      [
        { label: 'dev', account: ACCOUNTS.dev, roleName: 'Ec2Operator' },
        { label: 'prd', account: ACCOUNTS.prd, roleName: 'ReadOnly' },
      ],
      log,
    );
    expect(bobResults.map((r) => r.assumedArn)).toEqual([
      'arn:aws:sts::222222222222:assumed-role/Ec2Operator/bob',
      'arn:aws:sts::444444444444:assumed-role/ReadOnly/bob',
    ]);

    // The emulator issued those credentials without evaluating any policy: the allow/deny decisions are
    // asserted here with the IAM policy evaluator, on the documents as deployed (trust + the caller's groups).
    const callers = { alice: await deployedCaller('alice'), bob: await deployedCaller('bob') };
    const cases: Array<[keyof typeof callers, keyof typeof ACCOUNTS, string, boolean, TrustDecision]> = [
      ['alice', 'prd', 'Admin', true, TrustDecision.ALLOWED],
      ['alice', 'dev', 'ReadOnly', true, TrustDecision.ALLOWED],
      ['alice', 'prd', 'Admin', false, TrustDecision.DENIED], // no MFA
      ['alice', 'dev', 'Ec2Operator', true, TrustDecision.DENIED], // Admins are not granted Ec2Operator
      ['alice', 'prd', 'VendorAudit', true, TrustDecision.DENIED], // only the vendor, with its ExternalId
      ['bob', 'dev', 'Admin', true, TrustDecision.ALLOWED],
      ['bob', 'dev', 'Ec2Operator', true, TrustDecision.ALLOWED],
      ['bob', 'prd', 'ReadOnly', true, TrustDecision.ALLOWED],
      ['bob', 'prd', 'Admin', true, TrustDecision.DENIED], // Developers get Admin in dev only
      ['bob', 'stg', 'Admin', true, TrustDecision.DENIED],
      ['bob', 'dev', 'ReadOnly', false, TrustDecision.DENIED], // no MFA
    ];
    const decisions = [];
    for (const [user, stage, roleName, mfa] of cases) {
      const result = await (
        await deployedTrust(ACCOUNTS[stage], roleName)
      ).assume(roleName, AssumeRequest.fromCaller(callers[user], { mfa }));
      expect(result.trustOnly).toBe(false);
      decisions.push([user, stage, roleName, mfa, result.decision]);
    }
    expect(decisions).toEqual(cases);
  });

  test('federation resources are really created: OIDC and SAML providers listed, identity pool roles attached, secrets stored', async () => {
    const dev = await iamIn(ACCOUNTS.dev);
    const oidc = (await dev.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList!.map(
      (p) => p.Arn,
    );
    expect(oidc).toContain('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com');
    const github = await dev.send(
      new GetOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
      }),
    );
    expect(github.ClientIDList).toEqual(['sts.amazonaws.com']);
    const saml = (await (await iamIn(ACCOUNTS.identity)).send(new ListSAMLProvidersCommand({}))).SAMLProviderList!;
    expect(saml).toHaveLength(1);

    const cognitoTemplate = stacks.get('Federation-CognitoApp')!.template;
    const refs = await physicalIds('Federation-CognitoApp', ACCOUNTS.dev);
    const [[poolLogicalId, pool]] = resourcesOf(cognitoTemplate, 'AWS::Cognito::IdentityPool');
    const [[, attachment]] = resourcesOf(cognitoTemplate, 'AWS::Cognito::IdentityPoolRoleAttachment');
    const poolId = refs[poolLogicalId];
    const cognito = new CognitoIdentityClient({
      endpoint: emulator.endpoint,
      region: EMULATOR_REGION,
      credentials: await credentialsForAccount(emulator.endpoint, ACCOUNTS.dev),
    });
    expect(
      (await cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))).AllowUnauthenticatedIdentities,
    ).toBe(pool.Properties.AllowUnauthenticatedIdentities);
    const deployed = await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
    const roleArnOf = (v: any) => `arn:aws:iam::${ACCOUNTS.dev}:role/${refs[v['Fn::GetAtt'][0]]}`;
    expect(deployed.Roles).toEqual(
      Object.fromEntries(Object.entries<any>(attachment.Properties.Roles).map(([kind, v]) => [kind, roleArnOf(v)])),
    );
    expect(Object.keys(deployed.RoleMappings ?? {})).toHaveLength(
      Object.keys(attachment.Properties.RoleMappings).length,
    );

    const secrets = new SecretsManagerClient({
      endpoint: emulator.endpoint,
      region: EMULATOR_REGION,
      credentials: await credentialsForAccount(emulator.endpoint, ACCOUNTS.identity),
    });
    const identityRefs = await physicalIds('SwitchRole-Identity', ACCOUNTS.identity);
    const signIns: string[] = [];
    for (const [id] of resourcesOf(stacks.get('SwitchRole-Identity')!.template, 'AWS::SecretsManager::Secret')) {
      const value = JSON.parse(
        (await secrets.send(new GetSecretValueCommand({ SecretId: identityRefs[id] }))).SecretString!,
      );
      expect(value.password).toMatch(/^.{32}$/); // generated, never in the template
      // and it is the user's IAM console password (the emulator checks it as IAM's sign-in would)
      expect(await loginPasswordMatches(emulator.endpoint, ACCOUNTS.identity, value.username, value.password)).toBe(
        true,
      );
      signIns.push(value.username);
    }
    expect(signIns.sort()).toEqual(['alice', 'bob']);
  });

  test('a redeploy with no change is a no-op, straight from the app as the README shows (`cdk deploy --all`)', async () => {
    // WHEN: the CLI synthesizes the app of cdk.json itself and deploys, in one run
    const outdir = path.join(workdir, 'cdk.out.redeploy');
    const output = await runCdk(
      ['deploy', '--all', '--output', outdir, '--require-approval', 'never', '--method=direct'],
      run(outdir),
    );
    // THEN: the same templates, so nothing changes
    expect(output.match(/\(no changes\)/g)).toHaveLength(STACK_COUNT);
    expect([...readAssembly(outdir).keys()].sort()).toEqual(Object.keys(STACK_ACCOUNT).sort());
  });

  test('one more trusted account updates the roles in place', async () => {
    const iam = await iamIn(ACCOUNTS.dev);
    const before = (await iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!;
    await deployExample({
      ...run(path.join(workdir, 'cdk.out.update'), { extraTrustedAccounts: '555555555555' }),
      stacks: ['SwitchRole-Dev'],
    });
    const after = (await iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!;
    expect(after.RoleId).toBe(before.RoleId); // not replaced
    const principals = parsePolicyDocument(after.AssumeRolePolicyDocument).Statement.flatMap((s: any) =>
      [].concat(s.Principal.AWS),
    );
    expect(principals.sort()).toEqual(['arn:aws:iam::111111111111:root', 'arn:aws:iam::555555555555:root']);
    expect((await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Dev'))?.StackStatus).toBe(
      'UPDATE_COMPLETE',
    );
  });

  test('a failed update rolls back (live trust = recorded template), then the fix deploys and the live trust equals it', async () => {
    // GIVEN: dev's Admin trusts 111111111111 and 555555555555 (previous test). One deploy removes 555555555555 and,
    // once Admin has changed, adds a role whose name is taken (ReadOnly, already in the stack).
    const fixed = path.join(workdir, 'cdk.out');
    const broken = brokenAssembly(fixed, path.join(workdir, 'cdk.out.broken-update'), 'SwitchRole-Dev', (t) => {
      t.Resources.Clash = {
        Type: 'AWS::IAM::Role',
        DependsOn: logicalIdOfRole(t, 'Admin'),
        Properties: {
          RoleName: 'ReadOnly',
          AssumeRolePolicyDocument: t.Resources[logicalIdOfRole(t, 'ReadOnly')].Properties.AssumeRolePolicyDocument,
        },
      };
    });
    // WHEN
    await expect(deployExample({ ...run(broken), synth: false, stacks: ['SwitchRole-Dev'] })).rejects.toThrow(
      /Clash|UPDATE_ROLLBACK_COMPLETE/,
    );
    // THEN: rolled back, and what is live is what the recorded (previous) template says
    expect((await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Dev'))?.StackStatus).toBe(
      'UPDATE_ROLLBACK_COMPLETE',
    );
    expect(await trustedPrincipals(ACCOUNTS.dev, 'Admin')).toEqual([
      'arn:aws:iam::111111111111:root',
      'arn:aws:iam::555555555555:root',
    ]);
    const previous = new Map([
      ['SwitchRole-Dev', readAssembly(path.join(workdir, 'cdk.out.update')).get('SwitchRole-Dev')!],
    ]);
    expect((await findTrustDrift(emulator.endpoint, previous)).drift).toEqual([]);
    // WHEN: the fix (the assembly without 555555555555 and without the clash)
    await deployExample({ ...run(fixed), synth: false, stacks: ['SwitchRole-Dev'] });
    // THEN
    expect((await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Dev'))?.StackStatus).toBe(
      'UPDATE_COMPLETE',
    );
    expect(await trustedPrincipals(ACCOUNTS.dev, 'Admin')).toEqual(['arn:aws:iam::111111111111:root']);
    const current = new Map([['SwitchRole-Dev', stacks.get('SwitchRole-Dev')!]]);
    expect((await findTrustDrift(emulator.endpoint, current)).drift).toEqual([]);
  });

  test('destroy leaves no role, user, group, customer-managed policy or identity provider behind', async () => {
    for (const user of ['alice', 'bob']) await cleanUpDemoUser(emulator.endpoint, ACCOUNTS.identity, user);
    await destroyExample({ ...run(path.join(workdir, 'cdk.out')), synth: false }); // the assembly deployed first names every stack
    for (const account of Object.values(ACCOUNTS)) {
      const iam = await iamIn(account);
      const roles = (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName);
      expect([account, roles]).toEqual([account, []]);
      expect([account, (await iam.send(new ListUsersCommand({}))).Users]).toEqual([account, []]);
      expect([account, (await iam.send(new ListGroupsCommand({}))).Groups]).toEqual([account, []]);
      expect([account, (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies]).toEqual([account, []]);
      expect([account, (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList]).toEqual([account, []]);
    }
  });
});

describe('failed deploys on the local emulator', () => {
  test('a failed create rolls back; the redeploy and the destroy leave no orphan role in any account', async () => {
    // GIVEN: every account is empty (previous test); dev's stack gets a user that cannot join its group, after its roles
    expect(await leftovers()).toEqual(NOTHING_LEFT);
    const fixed = path.join(workdir, 'cdk.out');
    const broken = brokenAssembly(fixed, path.join(workdir, 'cdk.out.broken-create'), 'SwitchRole-Dev', (t) => {
      t.Resources.Bad = {
        Type: 'AWS::IAM::User',
        DependsOn: resourcesOf(t, 'AWS::IAM::Role').map(([id]) => id),
        Properties: { UserName: 'bad', Groups: ['no-such-group'] },
      };
    });
    // WHEN
    await expect(deployExample({ ...run(broken), synth: false, stacks: ['SwitchRole-Dev'] })).rejects.toThrow(
      /Bad|ROLLBACK_COMPLETE/,
    );
    // THEN: reading the stack (outputs included) brings nothing back
    const failed = await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Dev');
    expect([failed?.StackStatus, failed?.Outputs ?? []]).toEqual(['ROLLBACK_COMPLETE', []]);
    expect(await leftovers()).toEqual(NOTHING_LEFT);
    // WHEN: the fix (the CLI deletes the ROLLBACK_COMPLETE stack and creates it again), then the destroy
    await deployExample({ ...run(fixed), synth: false, stacks: ['SwitchRole-Dev'] });
    // THEN
    expect((await describeStack(emulator.endpoint, ACCOUNTS.dev, 'SwitchRole-Dev'))?.StackStatus).toBe(
      'CREATE_COMPLETE',
    );
    expect(
      (await findTrustDrift(emulator.endpoint, new Map([['SwitchRole-Dev', stacks.get('SwitchRole-Dev')!]]))).drift,
    ).toEqual([]);
    await destroyExample({ ...run(fixed), synth: false, stacks: ['SwitchRole-Dev'] });
    expect(await leftovers()).toEqual(NOTHING_LEFT);
  });

  test('the emulator killed mid-deploy: the deploy stops at once, pointing at its log; a re-run deploys everything', async () => {
    // GIVEN: the emulator is killed as soon as the first stack is deployed
    const fixed = path.join(workdir, 'cdk.out');
    const victim = emulator;
    let killedAt = 0;
    const killOnFirstStack = (line: string) => {
      log(line);
      if (!killedAt && /✅/.test(line)) {
        killedAt = Date.now();
        process.kill(-victim.pid, 'SIGKILL');
      }
    };
    const selection = ['SwitchRole-Dev', 'SwitchRole-Stg'];
    // WHEN
    const error = await deployExample({
      ...run(fixed),
      log: killOnFirstStack,
      synth: false,
      stacks: selection,
      emulator: victim,
    }).then(
      () => new Error('the deploy succeeded'),
      (e: Error) => e,
    );
    // THEN
    expect(killedAt).toBeGreaterThan(0);
    expect(error.message).toContain(`The emulator (pid ${victim.pid}) stopped while \`cdk deploy\` was running`);
    expect(error.message).toContain(`Its log: ${victim.logFile}`);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    // WHEN: the re-run (a fresh emulator in the same state directory, then the same deploy)
    emulator = await startEmulator({ port: await findFreePort(), stateDir: victim.stateDir });
    await deployExample({ ...run(fixed), synth: false, stacks: selection, emulator });
    // THEN
    expect(emulator.reused).toBe(false);
    for (const name of selection) {
      expect([name, (await describeStack(emulator.endpoint, STACK_ACCOUNT[name], name))?.StackStatus]).toEqual([
        name,
        'CREATE_COMPLETE',
      ]);
    }
    const redeployed = new Map(selection.map((name) => [name, stacks.get(name)!]));
    expect((await findTrustDrift(emulator.endpoint, redeployed)).drift).toEqual([]);
  });
});
