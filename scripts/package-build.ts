/**
 * The package as `npm run build` makes it (jsii: `.jsii` and `dist/lib/`; then scripts/lazify.ts), built in a scratch
 * directory so that tests never write into the working tree (`npm run build` is the in-place build). Builds are cached
 * by the content of what decides them (lib/, package.json, tsconfig.json, LICENSE, scripts/lazify.ts), so the jsii,
 * README, API.md, pacmak and consumer tests of one run share one build: the first test builds, the others wait for it
 * (a lock directory), later runs reuse it.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/**
 * Files of the repository that decide the build (besides lib/); package-lock.json stands for the installed jsii,
 * TypeScript and dependency assemblies (aws-cdk-lib's types are linked in API.md). README.md goes into the assembly
 * too, but a README change alone does not rebuild (other sessions edit it often): the copy in a cached build may be
 * older.
 * API.md and CHANGELOG.md only go into the tarball: test/package/consumer.test.ts adds them, and the current README.
 */
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'LICENSE'];
const COPIED = ['package.json', 'tsconfig.json', 'LICENSE', 'README.md'];
/** `npm run build` ends with this step (when it exists); it is part of what decides the build. */
const LAZIFY = path.join(ROOT, 'scripts', 'lazify.ts');
/** The build cache outlives a test run: its folder is CDK_STS_KIT_CACHE_DIR (set by test/support/global-setup.js). */
const CACHE = path.join(process.env.CDK_STS_KIT_CACHE_DIR || os.tmpdir(), 'cdk-sts-kit-build');
const LOCK_STALE_MS = 10 * 60_000;
const KEEP_MS = 6 * 60 * 60_000;

export interface BuiltPackage {
  /** The package directory: package.json, .jsii, dist/lib, README.md, ... and node_modules (the repository's). */
  readonly dir: string;
  /** Whether jsii wrote an assembly without errors. */
  readonly ok: boolean;
  /** `error JSII...` / `error TS...` lines. */
  readonly errors: string[];
  /** `warning JSII...` lines (`npm run build` fails on them: `jsii --fail-on-warnings`). */
  readonly warnings: string[];
  /** jsii's whole output, for failure messages. */
  readonly output: string;
}

/** Builds the package (or returns the cached build of the same sources). Never throws on compile errors: see `ok`. */
export function buildPackage(): BuiltPackage {
  const key = sourceHash();
  const dir = path.join(CACHE, key);
  const resultFile = path.join(dir, '.build-result.json');
  fs.mkdirSync(CACHE, { recursive: true });
  pruneOldBuilds(key);
  const lock = `${dir}.lock`;
  const reused = (): BuiltPackage => ({ dir, ...JSON.parse(fs.readFileSync(resultFile, 'utf8')) });
  for (;;) {
    if (isReusable(dir)) return reused();
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - mtime(lock) > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      else sleep(500);
    }
  }
  try {
    if (isReusable(dir)) return reused(); // built by whoever held the lock
    const work = `${dir}.tmp-${process.pid}`;
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    fs.cpSync(path.join(ROOT, 'lib'), path.join(work, 'lib'), { recursive: true });
    for (const f of COPIED) {
      if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(work, f));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jsii', 'bin', 'jsii')], {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, JSII_SUPPRESS_UPGRADE_PROMPT: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
    });
    let output = `${run.stdout ?? ''}\n${run.stderr ?? ''}${run.error ? `\n${run.error}` : ''}`;
    if (run.status === 0 && fs.existsSync(LAZIFY)) {
      // the rest of `npm run build`: lazy getters in dist/lib/index.js (scripts/lazify.ts)
      const lazy = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          LAZIFY,
          path.join(work, 'lib', 'index.ts'),
          path.join(work, 'dist', 'lib', 'index.js'),
        ],
        { cwd: work, encoding: 'utf8' },
      );
      output += `\n${lazy.stdout ?? ''}\n${lazy.stderr ?? ''}`;
      if (lazy.status !== 0) output += '\n[ERROR] scripts/lazify.ts failed';
    }
    const lines = output.split('\n');
    const errors = lines.filter((l) => /\berror (JSII|TS)\d+/.test(l) || /\[ERROR\]/.test(l)).map((l) => l.trim());
    const result = {
      ok: run.status === 0 && errors.length === 0 && fs.existsSync(path.join(work, '.jsii')),
      errors,
      warnings: lines.filter((l) => /\bwarning JSII\d+/.test(l)).map((l) => l.trim()),
      output,
    };
    fs.writeFileSync(path.join(work, '.build-result.json'), JSON.stringify(result));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
    return { dir, ...result };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Like {@link buildPackage}, but throws with jsii's output when the build failed. */
export function builtPackageDir(): string {
  const built = buildPackage();
  if (!built.ok) throw new Error(`jsii could not build the package:\n${built.output}`);
  return built.dir;
}

/**
 * The cache key: the content of what decides the build, and the checkout it was built from. A build links the
 * checkout's node_modules (jsii-docgen and pacmak find the dependency assemblies through it), so a build made from
 * another clone is never reused: once that clone is deleted, its link dangles and API.md renders without aws-cdk-lib.
 */
export function sourceHash(root: string = ROOT): string {
  const hash = crypto.createHash('sha256');
  hash.update(`${fs.realpathSync(path.join(root, 'node_modules'))}\0`);
  const files = listFiles(path.join(root, 'lib')).map((f) => path.relative(root, f));
  for (const f of [...files.sort(), ...INPUTS, path.relative(ROOT, LAZIFY)]) {
    const abs = path.join(root, f);
    hash.update(`${f}\0`);
    if (fs.existsSync(abs)) hash.update(fs.readFileSync(abs));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** A finished build whose node_modules link still resolves (its checkout was not deleted). */
export function isReusable(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.build-result.json')) && fs.existsSync(path.join(dir, 'node_modules'));
}

/**
 * Builds older than six hours (other sources), and builds whose checkout is gone (their node_modules link dangles),
 * are removed; a build in progress is never touched.
 */
function pruneOldBuilds(current: string): void {
  for (const name of fs.readdirSync(CACHE)) {
    if (name.startsWith(current) || name.endsWith('.lock') || name.includes('.tmp-')) continue;
    const p = path.join(CACHE, name);
    if (!isReusable(p) || Date.now() - mtime(p) > KEEP_MS) fs.rmSync(p, { recursive: true, force: true });
  }
}

function mtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return Date.now();
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

if (require.main === module) {
  const built = buildPackage();
  console.log(built.output.trim());
  console.log(built.ok ? `built: ${built.dir}` : 'jsii: build failed');
  process.exit(built.ok ? 0 : 1);
}
