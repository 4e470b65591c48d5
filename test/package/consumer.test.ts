import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtPackageDir, ROOT } from '../../scripts/package-build';
import { blockLabel, readmeCheck, SynthResult } from '../readme/readme-check';

// What a user gets: `npm pack` of the built package, installed from the tarball into a fresh CDK app (its other
// dependencies are the repository's installed packages, linked with file: specs, so nothing is downloaded), an app
// synthesized through the root entry point, a jest test written with the `cdk-sts-kit/testing` entry point, and
// every TypeScript block of README.md compiled in that app (one tsc for the app and the blocks) and, for construct
// code, synthesized with AwsSolutions and StsChecks registered.
const TIMEOUT = 900_000;
const README = readmeCheck(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
let work: string;
let tarball: string;
let packed: { files: { path: string }[] };
let app: string;
let tscErrors: string[];
let readmeSynth: Map<number, SynthResult>;

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const k of Object.keys(env)) if (/^(npm_lifecycle|npm_package|JEST_|CDK_)/.test(k)) delete env[k];
  // aws-cdk-lib's own CloudFormation validation costs about 6 s of CPU in each synthesizing process (the app, its jest
  // test) and is not what this test is about; test/e2e/switch-role.e2e.test.ts synthesizes with it on
  env.CDK_VALIDATION = 'false';
  return spawnSync(command, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

function ok(run: SpawnSyncReturns<string>, what: string): string {
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

beforeAll(() => {
  const built = builtPackageDir();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-consumer-'));

  // the package directory as `npm pack` sees it after `npm run build` in the repository
  const staging = path.join(work, 'package');
  fs.mkdirSync(staging);
  for (const f of ['package.json', '.jsii', 'LICENSE']) fs.copyFileSync(path.join(built, f), path.join(staging, f));
  fs.cpSync(path.join(built, 'dist', 'lib'), path.join(staging, 'dist', 'lib'), { recursive: true });
  for (const f of ['README.md', 'API.md', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(staging, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(staging, 'node_modules'), 'dir'); // bundledDependencies
  const out = ok(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], staging), 'npm pack');
  packed = JSON.parse(out)[0];
  tarball = path.join(work, (packed as any).filename);

  // a CDK app, like `cdk init app --language typescript` makes, with the tarball installed
  app = path.join(work, 'app');
  fs.cpSync(path.join(__dirname, 'fixtures', 'consumer-app'), app, { recursive: true });
  const link = (name: string) => `file:${path.join(ROOT, 'node_modules', name)}`;
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer-app',
        version: '0.0.0',
        private: true,
        dependencies: {
          'aws-cdk-lib': link('aws-cdk-lib'),
          constructs: link('constructs'),
          'cdk-nag': link('cdk-nag'),
          'cdk-sts-kit': `file:${tarball}`,
        },
        devDependencies: {
          '@cloud-copilot/iam-simulate': link('@cloud-copilot/iam-simulate'),
          '@types/jest': link('@types/jest'),
          '@types/node': link('@types/node'),
        },
      },
      null,
      2,
    ),
  );
  ok(
    sh('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], app),
    'npm install',
  );

  // the app's TypeScript and the README's blocks (in readme/), compiled by one tsc (node16 resolution: the exports
  // map); tsc emits even when a block has a type error, which that block's test reports
  README.write(app);
  const tsc = sh(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
    app,
  );
  tscErrors = README.readDiagnostics(tsc.stdout + tsc.stderr);
  if (tsc.status !== 0 && tscErrors.length === 0 && README.typeErrors.size === 0) {
    tscErrors = [`tsc failed (exit ${tsc.status}) without a diagnostic:\n${tsc.stdout}\n${tsc.stderr}`];
  }
  readmeSynth = README.synthesize(app, 'build');
}, TIMEOUT);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  test('holds the assembly, the compiled library, its documents and its bundled dependencies, no sources or tests', () => {
    // GIVEN the tarball's file list
    const files = packed.files.map((f) => f.path);
    // THEN what users need is there
    const required = [
      '.jsii',
      'package.json',
      'README.md',
      'LICENSE',
      'API.md',
      'CHANGELOG.md',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/testing/index.js',
      'dist/lib/testing/index.d.ts',
      'node_modules/yaml/package.json',
      'node_modules/@viz-js/viz/package.json',
    ];
    expect(required.filter((f) => !files.includes(f))).toEqual([]);
    // AND no TypeScript source, test, example or script is
    expect(
      files.filter((f) => /^(lib|test|examples|scripts|bin)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f))),
    ).toEqual([]);
  });

  test('resolves its entry points, and nothing private', () => {
    // GIVEN the package installed in the app  WHEN its subpaths are resolved as Node.js does
    const resolve = (id: string) => {
      const run = sh(
        process.execPath,
        ['-e', `try { console.log(require.resolve(${JSON.stringify(id)})) } catch (e) { console.log(e.code) }`],
        app,
      );
      const resolved = run.stdout.trim();
      return path.isAbsolute(resolved)
        ? path.relative(path.join(app, 'node_modules', 'cdk-sts-kit'), resolved)
        : resolved;
    };
    // THEN the exported entry points resolve to the compiled files, and private modules do not resolve
    expect(resolve('cdk-sts-kit')).toBe(path.join('dist', 'lib', 'index.js'));
    expect(resolve('cdk-sts-kit/testing')).toBe(path.join('dist', 'lib', 'testing', 'index.js'));
    expect(resolve('cdk-sts-kit/nag')).toBe(path.join('dist', 'lib', 'nag', 'index.js'));
    expect(resolve('cdk-sts-kit/package.json')).toBe('package.json');
    expect(resolve('cdk-sts-kit/dist/lib/private/errors')).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(resolve('cdk-sts-kit/lib/private/errors')).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test(
    'type-checks and synthesizes a CDK app that uses the root entry point, with AwsSolutions and StsChecks',
    () => {
      // GIVEN the app's TypeScript  WHEN compiled with tsc (node16 resolution: the exports map) and run
      expect(tscErrors).toEqual([]);
      ok(sh(process.execPath, ['build/bin/app.js'], app), 'synth');
      // THEN the cloud assembly holds the role with its per-party trust
      const template = JSON.parse(fs.readFileSync(path.join(app, 'cdk.out', 'Consumer.template.json'), 'utf8'));
      const roles = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::Role');
      expect(roles.map((r) => r.Properties.RoleName)).toEqual(['Admin']);
      expect(roles[0].Properties.AssumeRolePolicyDocument.Statement).toHaveLength(2);
    },
    TIMEOUT,
  );

  test(
    "the package's command checks the synthesized app, with its bundled dependencies",
    () => {
      // GIVEN the app synthesized above  WHEN `cdk-sts-kit check` runs from the installed package's bin
      const run = sh(path.join(app, 'node_modules', '.bin', 'cdk-sts-kit'), ['check', 'cdk.out'], app);
      // THEN it reads the cloud assembly and finds nothing to report
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    },
    TIMEOUT,
  );

  test(
    'runs a jest test written with cdk-sts-kit/testing',
    () => {
      // GIVEN the app compiled above  WHEN its jest test runs
      const run = sh(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
          '--ci',
          '--rootDir',
          app,
          '--config',
          '{"testMatch":["<rootDir>/build/test/**/*.spec.js"],"testEnvironment":"node"}',
        ],
        app,
      );
      // THEN it passes
      expect({ status: run.status, output: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, output: '' });
      expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    },
    TIMEOUT,
  );
});

describe('README.md, in the CDK app that installed the package', () => {
  test('every TypeScript block is compiled, or left out with its reason', () => {
    // GIVEN the README's ts blocks
    const skipped = README.blocks.filter((b) => !b.fixture).map((b) => `${blockLabel(b)}: ${b.skipReason}`);
    // THEN most are compiled, and the others say why not
    expect(README.compiled.length).toBeGreaterThanOrEqual(20);
    expect(skipped).toEqual([expect.stringMatching(/"Starting and stopping".*: signatures of scripts\/emulator/)]);
  });

  test.each(README.compiled.map((b) => [blockLabel(b), b] as const))('block %s type-checks', (_name, block) => {
    // GIVEN the block in its fixture  WHEN type-checked with the app  THEN there is no error
    expect(README.placementErrors.get(block.index)).toBeUndefined();
    expect(README.typeErrors.get(block.index) ?? []).toEqual([]);
  });

  test.each(README.synthesized.map((b) => [blockLabel(b), b] as const))(
    'block %s synthesizes with AwsSolutions and StsChecks registered',
    (_name, block) => {
      // GIVEN a construct block that type-checks
      expect(README.typeErrors.get(block.index) ?? []).toEqual([]);
      // WHEN synthesized THEN no rule of either pack is violated and nothing throws
      const result = readmeSynth.get(block.index);
      expect({ violations: result?.violations ?? [], error: result?.error }).toEqual({
        violations: [],
        error: undefined,
      });
      expect(result?.ok).toBe(true);
    },
  );
});
