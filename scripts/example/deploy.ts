/**
 * Deploy the example app with the real CDK CLI to the local emulator (or tear it down), and read back what
 * was deployed. Shared by `npm run demo`, `npm run demo:destroy` and the end-to-end tests.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, Stack } from '@aws-sdk/client-cloudformation';
import {
  credentialsForAccount,
  emulatorProcessEnv,
  EMULATOR_REGION,
  isProcessAlive,
  unresolvableIntrinsics,
  emulatorSupportedTypes,
  unsupportedResources,
} from '../emulator';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CDK_BIN = path.join(REPO_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

export interface CdkRunOptions {
  /** The emulator's endpoint (`http://127.0.0.1:PORT`). */
  readonly endpoint: string;
  /** Cloud assembly directory. */
  readonly outdir: string;
  /** Extra context (`-c key=value`). */
  readonly context?: Record<string, string>;
  /** Where progress lines go. @default console.log */
  readonly log?: (line: string) => void;
  /**
   * The emulator process: if it dies while the CLI runs, the CLI is stopped at once (instead of retrying for most of
   * a minute) and the error points at the emulator's log.
   * @default - not watched
   */
  readonly emulator?: { readonly pid: number; readonly logFile: string };
}

export interface DeployOptions extends CdkRunOptions {
  /** Stacks to deploy. @default - every stack (`--all`) */
  readonly stacks?: string[];
  /** Synthesize into `outdir` first; false deploys the assembly already there. @default true */
  readonly synth?: boolean;
}

/** How often the emulator process is checked while the CLI runs. */
const EMULATOR_WATCH_MS = 250;

function lastLines(file: string, count = 15): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-count)
      .map((l) => `    ${l}`)
      .join('\n');
  } catch {
    return '    (the log cannot be read)';
  }
}

/** The error for an emulator that died under the CLI: where its log is and what to do. */
export function emulatorDiedError(command: string, emulator: { pid: number; logFile: string }): Error {
  return new Error(
    `The emulator (pid ${emulator.pid}) stopped while \`cdk ${command}\` was running, so the CLI was stopped too. ` +
      `Its log: ${emulator.logFile}\n  last lines:\n${lastLines(emulator.logFile)}\n` +
      'Run `npm run demo` again: it starts a fresh emulator and deploys every stack again (the emulator keeps its ' +
      'state in memory only).',
  );
}

/** Run the CDK CLI against the emulator only (every real-AWS variable scrubbed). Resolves with its output. */
export function runCdk(args: string[], options: CdkRunOptions): Promise<string> {
  const log = options.log ?? console.log;
  const context = Object.entries(options.context ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const fullArgs = [CDK_BIN, ...args, ...context, '--no-notices', '--no-version-reporting', '--ci'];
  log(`$ cdk ${[...args, ...context].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, fullArgs, {
      cwd: REPO_ROOT,
      env: {
        ...emulatorProcessEnv(options.endpoint),
        FORCE_COLOR: '0',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(`  ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const emulator = options.emulator;
    let emulatorDied = false;
    const watch = emulator
      ? setInterval(() => {
          if (!isProcessAlive(emulator.pid)) {
            emulatorDied = true;
            child.kill('SIGTERM');
          }
        }, EMULATOR_WATCH_MS)
      : undefined;
    child.on('error', (e) => {
      clearInterval(watch);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(watch);
      if (code === 0 && !emulatorDied) return resolve(output);
      if (emulator && (emulatorDied || !isProcessAlive(emulator.pid)))
        return reject(emulatorDiedError(args[0], emulator));
      reject(new Error(`cdk ${args[0]} exited with ${code}\n${output.slice(-4000)}`));
    });
  });
}

/** The synthesized templates of a cloud assembly, by stack name. */
export function readAssembly(outdir: string): Map<string, { template: any; account: string }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks = new Map<string, { template: any; account: string }>();
  for (const [name, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, artifact.properties.templateFile), 'utf8'));
    const account = String(artifact.environment).replace('aws://', '').split('/')[0];
    stacks.set(name, { template, account });
  }
  return stacks;
}

/**
 * Synthesize the example with the CLI, refuse (listing them by name) any resource type the emulator
 * cannot create, then `cdk deploy --all` from that assembly, each stack into its own account.
 */
export async function deployExample(options: DeployOptions): Promise<Map<string, { template: any; account: string }>> {
  const log = options.log ?? console.log;
  if (options.synth !== false) await runCdk(['synth', '--quiet', '--output', options.outdir], options);
  const all = readAssembly(options.outdir);
  const stacks = options.stacks
    ? new Map(
        options.stacks.map((name) => {
          if (!all.has(name))
            throw new Error(`No stack named ${name} in ${options.outdir}; it has ${[...all.keys()].join(', ')}`);
          return [name, all.get(name)!] as const;
        }),
      )
    : all;
  assertEmulatorCanCreate(stacks, (await emulatorSupportedTypes(options.endpoint)).supported);
  assertEmulatorCanResolve(stacks);
  log(
    `Every resource type and intrinsic function of ${stacks.size} stacks can be created and resolved by the emulator.`,
  );
  const selection = options.stacks ? [...options.stacks, '--exclusively'] : ['--all'];
  await runCdk(
    [
      'deploy',
      ...selection,
      '--app',
      options.outdir,
      '--require-approval',
      'never',
      '--method=direct',
      '--concurrency',
      '1',
    ],
    options,
  );
  return stacks;
}

/**
 * Refuse, naming each one, the resources the emulator's CloudFormation cannot create: it would skip them silently
 * and anything referencing them would get an empty value.
 */
export function assertEmulatorCanCreate(stacks: Map<string, { template: any }>, supported?: string[]): void {
  const names = [...stacks.keys()];
  const missing = unsupportedResources(
    names.map((n) => stacks.get(n)!.template),
    supported,
  );
  if (missing.length > 0) {
    const list = missing.map((m) => `  ${names[m.templateIndex]}/${m.logicalId}: ${m.type} (${m.reason})`).join('\n');
    throw new Error(
      `The emulator cannot create these resources, so the deploy stops before anything is skipped silently:\n${list}`,
    );
  }
}

/**
 * Refuse, naming each one with its stack and place, the intrinsic functions the emulator's CloudFormation cannot
 * resolve (e.g. the `Fn::GetStackOutput` of a cross-account reference): the stack would fail half-way, or get a wrong
 * value, in the middle of a deploy that left other stacks deployed.
 */
export function assertEmulatorCanResolve(stacks: Map<string, { template: any }>): void {
  const names = [...stacks.keys()];
  const found = unresolvableIntrinsics(names.map((n) => stacks.get(n)!.template));
  if (found.length > 0) {
    const list = found.map((f) => `  ${names[f.templateIndex]}: ${f.intrinsic} at ${f.path} (${f.reason})`).join('\n');
    throw new Error(
      `The emulator cannot resolve these intrinsic functions, so the deploy stops before a stack fails half-way:\n${list}`,
    );
  }
}

/** `cdk destroy` of the example (every stack, or `stacks`), from a fresh synthesis into `outdir` unless `synth` is false. */
export async function destroyExample(options: DeployOptions): Promise<void> {
  if (options.synth !== false) await runCdk(['synth', '--quiet', '--output', options.outdir], options);
  const selection = options.stacks ? [...options.stacks, '--exclusively'] : ['--all'];
  await runCdk(['destroy', ...selection, '--app', options.outdir, '--force'], options);
}

/** A deployed stack (status, outputs), read with credentials of its account. */
export async function describeStack(endpoint: string, account: string, stackName: string): Promise<Stack | undefined> {
  const cfn = new CloudFormationClient({
    endpoint,
    region: EMULATOR_REGION,
    credentials: await credentialsForAccount(endpoint, account),
  });
  try {
    const result = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return result.Stacks?.[0];
  } catch (e) {
    if (/does not exist/.test(String((e as Error).message))) return undefined;
    throw e;
  }
}

/** A stack's outputs as a plain object. */
export function outputsOf(stack: Stack | undefined): Record<string, string> {
  return Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}
