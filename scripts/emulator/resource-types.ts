/**
 * Which CloudFormation resource types the emulator can create, and which types in a set of templates it
 * cannot (moto skips those silently and anything referencing them gets an empty value, so a deploy command
 * should list them by name and refuse or warn).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { missingModuleMessage } from './emulator';

export interface SupportedTypesReport {
  /** moto's version. */
  readonly moto: string;
  /** Types implemented (or re-implemented) by scripts/emulator/sts_kit_moto. */
  readonly extended: string[];
  /** Every type the emulator's CloudFormation creates (moto's plus the extended ones). */
  readonly supported: string[];
}

export interface TypesOptions {
  /** @default - env STS_KIT_EMULATOR_PYTHON, else `python3` */
  readonly python?: string;
}

export interface UnsupportedResource {
  /** Index of the template in the list given. */
  readonly templateIndex: number;
  readonly logicalId: string;
  readonly type: string;
  /** Why it cannot be created. */
  readonly reason: string;
}

let cached: SupportedTypesReport | undefined;

/** Runs `python3 -m sts_kit_moto.supported_types` once per process (about a second) and caches the answer. */
export function supportedTypesReport(options: TypesOptions = {}): SupportedTypesReport {
  if (!cached) {
    const python = options.python ?? process.env.STS_KIT_EMULATOR_PYTHON ?? 'python3';
    let output: string;
    try {
      output = execFileSync(python, ['-m', 'sts_kit_moto.supported_types'], {
        cwd: __dirname,
        env: {
          ...process.env,
          PYTHONPATH: [__dirname, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
          PYTHONDONTWRITEBYTECODE: '1',
        },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const missing = /No module named '([^'.]+)/.exec(String((e as { stderr?: string }).stderr ?? ''));
      if (missing) throw new Error(missingModuleMessage(python, missing[1]));
      throw e;
    }
    cached = JSON.parse(output) as SupportedTypesReport;
  }
  return cached;
}

/**
 * The report of a running emulator (`GET /sts-kit/supported-types`): the same as {@link supportedTypesReport}, from
 * the very emulator that will create the resources, without starting another Python (about 2 s of CPU).
 */
export async function emulatorSupportedTypes(endpoint: string): Promise<SupportedTypesReport> {
  const url = `${endpoint.replace(/\/+$/, '')}/sts-kit/supported-types`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`The emulator at ${endpoint} did not answer ${url}: ${(e as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as SupportedTypesReport | undefined;
  if (!response.ok || !Array.isArray(body?.supported)) {
    throw new Error(
      `${url} answered ${response.status} without a list of supported types: is this a cdk-sts-kit emulator?`,
    );
  }
  return body!;
}

/** Every resource type the emulator's CloudFormation can create, sorted. */
export function supportedResourceTypes(options: TypesOptions = {}): string[] {
  return [...supportedTypesReport(options).supported];
}

function parseTemplate(template: unknown, index: number): Record<string, unknown> {
  const parsed = typeof template === 'string' ? (JSON.parse(template) as unknown) : template;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Template #${index} is not a CloudFormation template object`);
  }
  return parsed as Record<string, unknown>;
}

function whyUnsupported(type: string, supported: ReadonlySet<string>): string | undefined {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return 'custom resources need a Lambda function, which the emulator does not run';
  }
  if (!supported.has(type)) {
    return "moto's CloudFormation has no model for this type (it would be skipped)";
  }
  return undefined;
}

/**
 * The resources in `templates` (objects or JSON strings, e.g. the *.template.json files of a cloud assembly)
 * that the emulator cannot create, with their logical ids.
 *
 * @param supported the creatable types; @default - {@link supportedResourceTypes}()
 */
export function unsupportedResources(
  templates: ReadonlyArray<unknown>,
  supported: ReadonlyArray<string> = supportedResourceTypes(),
): UnsupportedResource[] {
  const supportedSet = new Set(supported);
  const found: UnsupportedResource[] = [];
  templates.forEach((template, templateIndex) => {
    const resources = (parseTemplate(template, templateIndex).Resources ?? {}) as Record<string, { Type?: unknown }>;
    for (const [logicalId, resource] of Object.entries(resources)) {
      const type = String(resource?.Type ?? '');
      const reason = whyUnsupported(type, supportedSet);
      if (reason) {
        found.push({ templateIndex, logicalId, type, reason });
      }
    }
  });
  return found;
}

/**
 * The distinct resource types used in `templates` that the emulator cannot create, sorted; empty when
 * every resource can be deployed.
 *
 * @example
 * const missing = unsupportedResourceTypes(templateFiles.map((f) => fs.readFileSync(f, 'utf8')));
 * if (missing.length) throw new Error(`The emulator cannot create: ${missing.join(', ')}`);
 */
export function unsupportedResourceTypes(
  templates: ReadonlyArray<unknown>,
  supported: ReadonlyArray<string> = supportedResourceTypes(),
): string[] {
  return [...new Set(unsupportedResources(templates, supported).map((r) => r.type))].sort();
}
