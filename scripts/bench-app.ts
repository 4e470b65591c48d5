/**
 * The hub-and-spoke app `npm run bench` measures, built two ways that synthesize equivalent templates:
 *
 * - `library`: this library's constructs (CrossAccountRole, TrustedParty, SwitchRoleGroup, AssumeOnlyUser);
 * - `plain`: the same resources hand-written with aws-cdk-lib (iam.Role with AccountPrincipal conditions, iam.Group,
 *   iam.ManagedPolicy with the role names narrowed by aws:ResourceAccount, split to fit IAM's 6,144-character quota,
 *   as SwitchRoleGroup writes them).
 *
 * Each spoke account holds `roles` roles (cycling Admin, ReadOnly, Deploy, Audit for a vendor with an ExternalId,
 * Billing); the hub (identity) account holds the groups Admins (Admin and ReadOnly everywhere) and Developers
 * (ReadOnly everywhere) and one user in each.
 *
 * Run by scripts/bench.ts in a fresh process per measurement: `node bench-app.js <library|plain> <accounts> <roles>
 * <none|sts|aws|both> <outdir>` prints one JSON line: CPU (whole process and build+synth), peak RSS, template bytes.
 */
import * as fs from 'fs';
import * as path from 'path';

const HUB = '111111111111';
const VENDOR = '999999999999';
const EXTERNAL_ID = 'vendor-7f3a9c2e';
const REGION = 'eu-west-1';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

interface RoleSpec {
  readonly name: string;
  readonly policy: string;
  readonly hours: number;
  readonly vendor?: boolean;
  readonly mfaMaxAgeSeconds?: number;
}

const ROLE_SPECS: RoleSpec[] = [
  { name: 'Admin', policy: 'AdministratorAccess', hours: 1, mfaMaxAgeSeconds: 3600 },
  { name: 'ReadOnly', policy: 'ReadOnlyAccess', hours: 4 },
  { name: 'Deploy', policy: 'PowerUserAccess', hours: 1, mfaMaxAgeSeconds: 3600 },
  { name: 'Audit', policy: 'SecurityAudit', hours: 1, vendor: true },
  { name: 'Billing', policy: 'job-function/Billing', hours: 2 },
];

export const accountId = (i: number) => String(200000000000 + i);
const specs = (roles: number) => Array.from({ length: roles }, (_, i) => ROLE_SPECS[i % ROLE_SPECS.length]);

function buildLibrary(app: any, accounts: number, roles: number, byArn = false): void {
  const { Duration, Stack, Validations } = require('aws-cdk-lib');
  const iam = require('aws-cdk-lib/aws-iam');
  const { AssumeOnlyUser, CrossAccountRole, SwitchRoleGroup, TrustedParty } = require('../lib');
  const admins: any[] = [];
  const readers: any[] = [];
  for (let a = 0; a < accounts; a++) {
    const stack = new Stack(app, `Spoke${a}`, { env: { account: accountId(a), region: REGION } });
    for (const spec of specs(roles)) {
      const role = new CrossAccountRole(stack, spec.name, {
        roleName: spec.name,
        trustedParties: [spec.vendor ? TrustedParty.thirdParty(VENDOR, [EXTERNAL_ID]) : TrustedParty.account(HUB)],
        mfaMaxAge: spec.mfaMaxAgeSeconds ? Duration.seconds(spec.mfaMaxAgeSeconds) : undefined,
        maxSessionDuration: Duration.hours(spec.hours),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(spec.policy)],
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${spec.policy}]`,
        reason: 'AWS-maintained job policy',
      });
      // byArn: the hub names the roles by ARN, as the hand-written code does, instead of referencing the objects
      const ref = byArn
        ? iam.Role.fromRoleArn(
            app.node.tryFindChild('Hub') ?? hubOf(app),
            `${spec.name}${a}`,
            `arn:aws:iam::${accountId(a)}:role/${spec.name}`,
            { mutable: false },
          )
        : role;
      if (spec.name === 'Admin') admins.push(ref);
      if (spec.name === 'ReadOnly') readers.push(ref);
    }
  }
  const hub = app.node.tryFindChild('Hub') ?? hubOf(app);
  const adminGroup = new SwitchRoleGroup(hub, 'Admins', { groupName: 'Admins', roles: [...admins, ...readers] });
  const developerGroup = new SwitchRoleGroup(hub, 'Developers', { groupName: 'Developers', roles: readers });
  new AssumeOnlyUser(hub, 'Alice', { userName: 'alice', groups: [adminGroup.group] });
  new AssumeOnlyUser(hub, 'Bob', { userName: 'bob', groups: [developerGroup.group] });
  Validations.of(hub).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'MFA self-service pattern' });
}

function hubOf(app: any): any {
  const { Stack } = require('aws-cdk-lib');
  return new Stack(app, 'Hub', { env: { account: HUB, region: REGION } });
}

function buildPlain(app: any, accounts: number, roles: number): void {
  const { Aws, Duration, Stack, Validations } = require('aws-cdk-lib');
  const iam = require('aws-cdk-lib/aws-iam');
  const names = specs(roles).map((s) => s.name);
  for (let a = 0; a < accounts; a++) {
    const stack = new Stack(app, `Spoke${a}`, { env: { account: accountId(a), region: REGION } });
    for (const spec of specs(roles)) {
      const conditions: Record<string, unknown> = spec.vendor
        ? { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }
        : { ...MFA };
      if (spec.mfaMaxAgeSeconds)
        conditions.NumericLessThan = { 'aws:MultiFactorAuthAge': String(spec.mfaMaxAgeSeconds) };
      const role = new iam.Role(stack, spec.name, {
        roleName: spec.name,
        assumedBy: new iam.AccountPrincipal(spec.vendor ? VENDOR : HUB).withConditions(conditions),
        maxSessionDuration: Duration.hours(spec.hours),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(spec.policy)],
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${spec.policy}]`,
        reason: 'AWS-maintained job policy',
      });
    }
  }
  const hub = new Stack(app, 'Hub', { env: { account: HUB, region: REGION } });
  const ids = Array.from({ length: accounts }, (_, a) => accountId(a));
  const group = (id: string, groupName: string, roleNames: string[]) => {
    const g = new iam.Group(hub, id, { groupName });
    // the role names narrowed by aws:ResourceAccount, as many accounts per statement as fit a managed policy
    const perPolicy = Math.max(1, Math.floor((6144 - 300 - 60 * roleNames.length) / 15));
    for (let i = 0, p = 0; i < ids.length; i += perPolicy, p++) {
      new iam.ManagedPolicy(hub, `${id}AssumeRolePolicy${p || ''}`, {
        groups: [g],
        statements: [
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            resources: roleNames.map((n) => `arn:${Aws.PARTITION}:iam::*:role/${n}`),
            conditions: { ...MFA, StringEquals: { 'aws:ResourceAccount': ids.slice(i, i + perPolicy) } },
          }),
        ],
      });
    }
    return g;
  };
  for (const name of names) {
    Validations.of(hub).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${name}]`,
      reason: 'narrowed by aws:ResourceAccount',
    });
  }
  const adminGroup = group(
    'Admins',
    'Admins',
    names.filter((n) => n === 'Admin' || n === 'ReadOnly'),
  );
  const developerGroup = group(
    'Developers',
    'Developers',
    names.filter((n) => n === 'ReadOnly'),
  );
  // the users hold nothing but their groups (the library's AssumeOnlyUser adds MFA self-service through a group)
  const mfaGroup = new iam.Group(hub, 'MfaSelfService');
  new iam.ManagedPolicy(hub, 'MfaSelfServicePolicy', {
    groups: [mfaGroup],
    statements: [
      new iam.PolicyStatement({
        actions: ['iam:ListVirtualMFADevices', 'iam:GetAccountPasswordPolicy'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:ResyncMFADevice',
          'iam:ListMFADevices',
          'iam:GetUser',
          'iam:ChangePassword',
        ],
        resources: [
          `arn:${Aws.PARTITION}:iam::${HUB}:user/\${aws:username}`,
          `arn:${Aws.PARTITION}:iam::${HUB}:mfa/\${aws:username}`,
        ],
      }),
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notActions: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
          'iam:ChangePassword',
          'iam:GetAccountPasswordPolicy',
        ],
        resources: ['*'],
        conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    ],
  });
  new iam.User(hub, 'Alice', { userName: 'alice', groups: [adminGroup, mfaGroup] });
  new iam.User(hub, 'Bob', { userName: 'bob', groups: [developerGroup, mfaGroup] });
  Validations.of(hub).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'MFA self-service pattern' });
}

function templateBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) total += templateBytes(file);
    else if (entry.name.endsWith('.template.json')) total += fs.statSync(file).size;
  }
  return total;
}

function main(): void {
  const [variant, accountsText, rolesText, packs, outdir] = process.argv.slice(2);
  const accounts = Number(accountsText);
  const roles = Number(rolesText);
  const t0 = process.cpuUsage();
  const { App, Validations } = require('aws-cdk-lib');
  // the context `cdk synth` gives an app: construct paths in metadata, no creation stack traces
  const app = new App({
    outdir,
    context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:disable-stack-trace': true },
  });
  if (variant === 'library') buildLibrary(app, accounts, roles);
  else if (variant === 'library-arns') buildLibrary(app, accounts, roles, true);
  else if (variant === 'plain') buildPlain(app, accounts, roles);
  else throw new Error(`unknown variant ${variant}`);
  const plugins: unknown[] = [];
  if (packs === 'aws' || packs === 'both') plugins.push(new (require('cdk-nag').AwsSolutionsChecks)(app));
  if (packs === 'sts' || packs === 'both') plugins.push(new (require('../lib/nag').StsChecks)(app));
  if (plugins.length > 0) Validations.of(app).addPlugins(...plugins);
  app.synth();
  const cpu = process.cpuUsage();
  const own = process.cpuUsage(t0);
  process.stdout.write(
    JSON.stringify({
      cpuMs: (cpu.user + cpu.system) / 1000,
      buildSynthCpuMs: (own.user + own.system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      templateBytes: templateBytes(outdir),
    }) + '\n',
  );
}

if (require.main === module) main();
