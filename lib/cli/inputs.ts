import * as fs from 'fs';
import * as path from 'path';
import { parseCloudFormationYaml } from './cfn-yaml';

/** One template read from disk: `name` is the file path (as given, or under the cdk.out folder). */
export interface TemplateFile {
  readonly name: string;
  readonly template: unknown;
}

/** An input that cannot be read or parsed; the command prints the message and exits with code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
  }
}

const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

/**
 * Reads every template that the command-line inputs name, in order:
 * - a file (`.json`, or YAML with CloudFormation short-form tags; other extensions are tried as JSON, then YAML);
 * - a cdk.out folder (it has a `manifest.json`): every stack template of the cloud assembly, nested assemblies
 *   (stages) included, and every nested stack template (`*.nested.template.json`) of each assembly folder;
 * - any other folder: every `.json`, `.yaml`, `.yml` and `.template` file directly in it.
 *
 * Throws an `InputError` naming the file when an input cannot be read or is not a CloudFormation template.
 */
export function readTemplateInputs(inputs: readonly string[]): TemplateFile[] {
  const out: TemplateFile[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new InputError(input, `cannot be read: ${reason(e)}`);
    }
    if (!stat.isDirectory()) {
      out.push(readTemplateFile(input));
    } else if (fs.existsSync(path.join(input, 'manifest.json'))) {
      out.push(...readCloudAssembly(input, new Set()));
    } else {
      const files = listDir(input).filter((f) => TEMPLATE_EXTENSIONS.includes(path.extname(f).toLowerCase()));
      if (files.length === 0) {
        throw new InputError(
          input,
          'is a folder without manifest.json and without .json, .yaml, .yml or .template files',
        );
      }
      out.push(...files.map((f) => readTemplateFile(path.join(input, f))));
    }
  }
  return out;
}

/** Reads and parses one template file (JSON or YAML), checking it is a template object with `Resources`. */
export function readTemplateFile(file: string): TemplateFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot be read: ${reason(e)}`);
  }
  const template = parseTemplateText(file, text);
  return { name: file, template };
}

function parseTemplateText(file: string, text: string): unknown {
  const ext = path.extname(file).toLowerCase();
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let template: unknown;
  if (ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && trimmed.startsWith('{'))) {
    try {
      template = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(file, `is not valid JSON: ${reason(e)}`);
    }
  } else {
    try {
      template = parseCloudFormationYaml(trimmed);
    } catch (e) {
      throw new InputError(file, `is not valid YAML: ${reason(e)}`);
    }
  }
  if (!isObject(template) || !isObject(template.Resources)) {
    throw new InputError(file, 'is not a CloudFormation template: expected an object with a Resources object');
  }
  return template;
}

interface ManifestArtifact {
  readonly type?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

/** Reads a cloud assembly folder through its manifest.json: stack templates, nested assemblies, nested stacks. */
function readCloudAssembly(dir: string, seen: Set<string>): TemplateFile[] {
  const real = fs.realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const manifestFile = path.join(dir, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw new InputError(manifestFile, `cannot be read as a cloud assembly manifest: ${reason(e)}`);
  }
  const artifacts =
    isObject(manifest) && isObject(manifest.artifacts) ? (manifest.artifacts as Record<string, ManifestArtifact>) : {};
  const out: TemplateFile[] = [];
  const read = new Set<string>();
  for (const artifact of Object.values(artifacts)) {
    if (typeof artifact !== 'object' || artifact === null) continue;
    const props = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      const file = path.join(dir, props.templateFile);
      read.add(path.resolve(file));
      out.push(readTemplateFile(file));
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      const nested = path.join(dir, props.directoryName);
      if (!fs.existsSync(path.join(nested, 'manifest.json'))) {
        throw new InputError(nested, 'is a nested cloud assembly without manifest.json');
      }
      out.push(...readCloudAssembly(nested, seen));
    }
  }
  for (const f of listDir(dir).filter((f) => f.endsWith('.nested.template.json'))) {
    const file = path.join(dir, f);
    if (!read.has(path.resolve(file))) out.push(readTemplateFile(file));
  }
  return out;
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(dir, `cannot be read: ${reason(e)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(e: unknown): string {
  const message =
    typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' ? (e as Error).message : String(e);
  return message.split('\n')[0];
}
