/**
 * Benchmark: the synth time StsChecks adds to a large app, next to the time cdk-nag's AwsSolutions pack adds.
 *
 *   npx tsx scripts/bench-nag.ts [--accounts 100] [--roles 5] [--rounds 7]
 *
 * The app has one stack per account and `--roles` iam.Roles per stack with realistic trust (MFA-guarded hub access,
 * a read-only role, a vendor with an ExternalId, a GitHub Actions deploy role, a Lambda execution role), written so
 * that neither pack reports a finding (a finding fails synth and prints a report, which would time the printing).
 *
 * Each round builds three fresh apps (no pack, AwsSolutionsChecks, StsChecks) and times `app.synth()` of each, in
 * turn (the order rotates each round), and the time spent inside each pack's `validate` during that synth (the time
 * the pack adds to synth; whole-synth differences are reported too but are within the machine's noise). One warm-up
 * round is discarded and the median of the other rounds is reported. The direct cost of each pack's
 * `validateScope(app)` on an unsynthesized app is reported too, and the in-pack time of a cold process (one synth with
 * one pack in a fresh process, as a one-shot `cdk synth` is; median of three processes).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { StsChecks } from '../lib/nag/sts-checks';

const HUB = '111111111111';
const VENDOR = '999999999999';
const GITHUB = 'token.actions.githubusercontent.com';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: expected a positive integer, received ${process.argv[i + 1]}`);
  return value;
}

const ACCOUNTS = arg('accounts', 100);
const ROLES = arg('roles', 5);
const ROUNDS = arg('rounds', 7);

/** Role factories, cycled through for `--roles` roles per stack. */
const ROLE_KINDS: Array<(stack: Stack, id: string, account: string) => iam.Role> = [
  (stack, id) =>
    new iam.Role(stack, id, {
      assumedBy: new iam.AccountPrincipal(HUB).withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    }),
  (stack, id) =>
    new iam.Role(stack, id, {
      assumedBy: new iam.AccountPrincipal(HUB).withConditions({
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      }),
    }),
  (stack, id) =>
    new iam.Role(stack, id, {
      assumedBy: new iam.AccountPrincipal(VENDOR).withConditions({
        StringEquals: { 'sts:ExternalId': 'vendor-7f3a9c2e' },
      }),
    }),
  (stack, id, account) =>
    new iam.Role(stack, id, {
      assumedBy: new iam.WebIdentityPrincipal(
        stack.formatArn({ service: 'iam', region: '', account, resource: 'oidc-provider', resourceName: GITHUB }),
        {
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GITHUB}:sub`]: `repo:acme/service-${account.slice(-3)}:environment:production` },
        },
      ),
    }),
  (stack, id, account) => {
    const role = new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${stack.partition}:s3:::artifacts-${account}/builds/app.zip`],
      }),
    );
    return role;
  },
];

function buildApp(outdir: string, pack?: (app: App) => NagPack): App {
  // the context `cdk synth` gives an app: construct paths in template metadata, no creation stack traces
  const app = new App({
    outdir,
    context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:disable-stack-trace': true },
  });
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = String(200000000000 + a);
    const stack = new Stack(app, `Account${a}`, { env: { account, region: 'eu-west-1' } });
    for (let r = 0; r < ROLES; r++) ROLE_KINDS[r % ROLE_KINDS.length](stack, `Role${r}`, account);
  }
  if (pack) Validations.of(app).addPlugins(pack(app));
  return app;
}

/** Times `app.synth()`, and the time spent inside the pack's `validate` during that synth. */
function timeSynth(pack?: (app: App) => NagPack): { synth: number; plugin: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nag-'));
  let plugin = 0;
  const timed =
    pack &&
    ((app: App) => {
      const instance = pack(app);
      const validate = instance.validate.bind(instance);
      instance.validate = (context) => {
        const start = performance.now();
        try {
          return validate(context);
        } finally {
          plugin += performance.now() - start;
        }
      };
      return instance;
    });
  try {
    const app = buildApp(outdir, timed);
    const start = performance.now();
    app.synth();
    return { synth: performance.now() - start, plugin };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function timeValidateScope(pack: (app: App) => NagPack): { ms: number; violations: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nag-'));
  try {
    const app = buildApp(outdir);
    const instance = pack(app);
    const start = performance.now();
    const report = instance.validateScope(app);
    return { ms: performance.now() - start, violations: report.violations.length };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const configs: Array<[string, ((app: App) => NagPack) | undefined]> = [
  ['no pack', undefined],
  ['AwsSolutionsChecks', (app) => new AwsSolutionsChecks(app)],
  ['StsChecks', (app) => new StsChecks(app)],
];

// A cold run: one process, one synth with one pack, as a one-shot `cdk synth` is (no JIT warm-up by other packs).
const coldChild = process.argv.indexOf('--cold-child');
if (coldChild >= 0) {
  const name = process.argv[coldChild + 1];
  const config = configs.find(([n]) => n === name);
  if (!config) throw new Error(`--cold-child: unknown configuration ${name}`);
  process.stdout.write(JSON.stringify(timeSynth(config[1])));
  process.exit(0);
}

/** The median in-pack time of `runs` cold processes synthesizing with the pack `name`. */
function coldPluginTime(name: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, __filename, '--accounts', String(ACCOUNTS), '--roles', String(ROLES), '--cold-child', name],
      { encoding: 'utf8' },
    );
    times.push(JSON.parse(out.slice(out.lastIndexOf('{'))).plugin);
  }
  return median(times);
}

console.log(
  `cdk-sts-kit nag benchmark: ${ACCOUNTS} stacks (accounts) x ${ROLES} roles = ${ACCOUNTS * ROLES} roles; 1 warm-up + ${ROUNDS} rounds`,
);
const synthTimes: { [name: string]: number[] } = Object.fromEntries(configs.map(([name]) => [name, []]));
const pluginTimes: { [name: string]: number[] } = { AwsSolutionsChecks: [], StsChecks: [] };
const scopeTimes: { [name: string]: number[] } = { AwsSolutionsChecks: [], StsChecks: [] };
const violations: { [name: string]: number } = {};
for (let round = 0; round <= ROUNDS; round++) {
  // rotate the order each round so that no configuration always runs first (JIT, GC)
  const order = configs.map((_, i) => configs[(i + round) % configs.length]);
  for (const [name, pack] of order) {
    const { synth, plugin } = timeSynth(pack);
    if (round > 0) {
      synthTimes[name].push(synth);
      if (pack) pluginTimes[name].push(plugin);
    }
  }
  for (const [name, pack] of order) {
    if (!pack) continue;
    const { ms, violations: count } = timeValidateScope(pack);
    violations[name] = count;
    if (round > 0) scopeTimes[name].push(ms);
  }
  process.stdout.write(round === 0 ? 'warm-up done\n' : `round ${round}/${ROUNDS} done\n`);
}

const coldTimes: { [name: string]: number } = {};
for (const name of ['AwsSolutionsChecks', 'StsChecks']) coldTimes[name] = coldPluginTime(name, 3);
process.stdout.write('cold runs done\n');

const base = median(synthTimes['no pack']);
const added = (name: string) => median(synthTimes[name]) - base;
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
console.log('');
console.log(`synth, no pack                  ${fmt(base)}`);
for (const name of ['AwsSolutionsChecks', 'StsChecks']) {
  console.log(
    `synth, ${name.padEnd(24)} ${fmt(median(synthTimes[name]))}  (difference ${fmt(added(name))})` +
      `   in the pack during synth: cold process ${fmt(coldTimes[name])}, warm ${fmt(median(pluginTimes[name]))}` +
      `   direct validateScope ${fmt(median(scopeTimes[name]))}   findings ${violations[name]}`,
  );
}
const ratio = median(pluginTimes.StsChecks) / median(pluginTimes.AwsSolutionsChecks);
const scopeRatio = median(scopeTimes.StsChecks) / median(scopeTimes.AwsSolutionsChecks);
console.log('');
const coldRatio = coldTimes.StsChecks / coldTimes.AwsSolutionsChecks;
console.log(
  `StsChecks / AwsSolutions: time added to synth ${coldRatio.toFixed(2)} in a cold process, ${ratio.toFixed(2)} warm; direct validateScope ${scopeRatio.toFixed(2)}`,
);
console.log(
  coldRatio <= 1
    ? `OK: in a cdk synth process (cold), StsChecks costs no more than AwsSolutions (x${coldRatio.toFixed(2)}); warm, synthesized again in the same process, x${ratio.toFixed(2)}.`
    : `NOTE: in a cdk synth process (cold), StsChecks costs more than AwsSolutions (x${coldRatio.toFixed(2)}).`,
);
console.log(
  "The time added to synth is the time spent in the pack's validate (the whole-synth difference is within noise);",
);
console.log('a cold process runs one synth with one pack, as a one-shot `cdk synth` does (median of 3 processes).');
console.log('validateScope resolves every resource itself; during synth StsChecks reads the templates CDK just wrote.');
