import * as fs from 'fs';
import * as path from 'path';
import { readTemplateInputs } from './inputs';

/** A template with what the cloud assembly says about its stack (account, region, name), when it says it. */
export interface GraphTemplateInput {
  /** The file path. */
  readonly name: string;
  readonly template: unknown;
  /** The stack's name (cdk.out: the artifact's stackName or display name); else the file name without extension. */
  readonly stackName: string;
  /** The account the stack deploys to, when the cloud assembly names a concrete one. */
  readonly account?: string;
  readonly region?: string;
}

interface StackInfo {
  readonly stackName?: string;
  readonly account?: string;
  readonly region?: string;
}

/**
 * Reads the inputs as `check` does (files, cdk.out folders, folders of templates) and adds each cdk.out stack's
 * environment (`aws://<account>/<region>` of its manifest artifact): the graph places roles in accounts.
 */
export function readGraphInputs(inputs: readonly string[]): GraphTemplateInput[] {
  const stacks = new Map<string, StackInfo>();
  for (const input of inputs) {
    if (fs.existsSync(path.join(input, 'manifest.json'))) collectStacks(input, stacks, new Set());
  }
  return readTemplateInputs(inputs).map((t) => {
    const info = stacks.get(path.resolve(t.name)) ?? {};
    const base = path
      .basename(t.name)
      .replace(/\.template\.json$|\.nested\.template\.json$|\.(json|ya?ml|template)$/i, '');
    return {
      name: t.name,
      template: t.template,
      stackName: info.stackName ?? base,
      account: info.account,
      region: info.region,
    };
  });
}

function collectStacks(dir: string, out: Map<string, StackInfo>, seen: Set<string>): void {
  const real = fs.realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return; // readTemplateInputs reports an unreadable manifest with its own message
  }
  for (const artifact of Object.values<any>(manifest?.artifacts ?? {})) {
    const props = artifact?.properties ?? {};
    if (artifact?.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(String(artifact.environment ?? ''));
      const account = env && /^\d{12}$/.test(env[1]) ? env[1] : undefined;
      const region = env && env[2] !== 'unknown-region' ? env[2] : undefined;
      out.set(path.resolve(dir, props.templateFile), {
        stackName: props.stackName ?? artifact.displayName,
        account,
        region,
      });
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      const nested = path.join(dir, props.directoryName);
      if (fs.existsSync(path.join(nested, 'manifest.json'))) collectStacks(nested, out, seen);
    }
  }
}

/**
 * Short account names from stack names: when a family of stacks (`SwitchRole-*`) has exactly one stack in each of
 * several accounts, the last part of each stack's name names its account (`SwitchRole-Prd` -> `prd`).
 */
export function inferAccountNames(inputs: readonly GraphTemplateInput[]): Map<string, string> {
  const families = new Map<string, Map<string, string[]>>(); // family -> account -> suffixes
  for (const i of inputs) {
    if (i.account === undefined) continue;
    const parts = i.stackName.split('-');
    if (parts.length < 2) continue;
    const family = parts.slice(0, -1).join('-');
    const byAccount = families.get(family) ?? new Map<string, string[]>();
    byAccount.set(i.account, [...(byAccount.get(i.account) ?? []), parts[parts.length - 1]]);
    families.set(family, byAccount);
  }
  let best: Map<string, string> = new Map();
  for (const byAccount of families.values()) {
    if ([...byAccount.values()].some((s) => s.length !== 1)) continue;
    const names = new Map([...byAccount.entries()].map(([a, [s]]) => [a, s.toLowerCase()]));
    if (new Set(names.values()).size !== names.size) continue;
    if (names.size > best.size) best = names;
  }
  return best.size >= 2 ? best : new Map();
}
