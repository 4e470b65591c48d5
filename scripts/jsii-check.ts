/**
 * `npm run check:jsii`: compile lib/ with jsii, to prove the public API keeps jsii's rules (DESIGN.md) and can be
 * published to other languages. jsii runs in a scratch directory with a copy of lib/, so it never rewrites this
 * repository's tsconfig.json; nothing is published or kept.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export interface JsiiCheckResult {
  /** `error JSII...`/`error TS...` lines: each is an API that other languages could not use. */
  readonly errors: string[];
  /** `warning JSII...` lines (reserved words in some languages, ...). */
  readonly warnings: string[];
  /** Whether jsii wrote an assembly. */
  readonly assembly: boolean;
}

export function jsiiCheck(): JsiiCheckResult {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-jsii-'));
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    fs.cpSync(path.join(ROOT, 'lib'), path.join(work, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'README.md'), path.join(work, 'README.md'));
    fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(work, 'LICENSE'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const devDependencies = Object.fromEntries(Object.keys(pkg.peerDependencies)
      .filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional)
      .map((name) => [name, pkg.devDependencies[name]]));
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      license: pkg.license,
      author: { name: 'cdk-sts-kit', organization: false },
      repository: { type: 'git', url: 'https://github.com/cdk-sts-kit/cdk-sts-kit.git' },
      main: 'lib/index.js',
      types: 'lib/index.d.ts',
      peerDependencies: Object.fromEntries(Object.keys(devDependencies).map((n) => [n, pkg.peerDependencies[n]])),
      devDependencies,
      jsii: { outdir: 'dist', targets: {}, tsc: { outDir: 'out', rootDir: 'lib' }, excludeTypescript: ['out'] },
    }, null, 2));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jsii', 'bin', 'jsii')], {
      cwd: work, encoding: 'utf8', env: { ...process.env, JSII_SUPPRESS_UPGRADE_PROMPT: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
    });
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    return {
      errors: lines.filter((l) => / error (JSII|TS)\d+/.test(l)).map((l) => l.trim()),
      warnings: lines.filter((l) => / warning JSII\d+/.test(l)).map((l) => l.trim()),
      assembly: fs.existsSync(path.join(work, '.jsii')),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const result = jsiiCheck();
  for (const w of result.warnings) console.log(w);
  for (const e of result.errors) console.error(e);
  console.log(result.assembly && result.errors.length === 0
    ? `jsii: the public API compiles to a jsii assembly (${result.warnings.length} warnings).`
    : `jsii: ${result.errors.length} errors; no assembly.`);
  process.exit(result.errors.length === 0 && result.assembly ? 0 : 1);
}
