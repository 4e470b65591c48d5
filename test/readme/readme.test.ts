import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { linkedProject } from './consumer-project';
import { PlacedBlock, placeBlock, ReadmeBlock, readmeBlocks } from './readme-blocks';
import { builtPackageDir, ROOT } from '../../scripts/package-build';

// Every TypeScript block of README.md compiles against the package jsii builds (through its `exports` map, as a user's
// project resolves it), and construct blocks synthesize with AwsSolutions and StsChecks registered. A failure names the
// block's heading and README line; test/readme/readme-blocks.ts explains the fixture markers.

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const BLOCKS = readmeBlocks(README);
const label = (b: ReadmeBlock) => `${b.index} "${b.heading}" (README.md:${b.line})`;

const placed = new Map<number, PlacedBlock>();
const placementErrors = new Map<number, string>();
for (const b of BLOCKS.filter((x) => x.fixture)) {
  try {
    placed.set(b.index, placeBlock(b));
  } catch (e) {
    placementErrors.set(b.index, (e as Error).message);
  }
}
const COMPILED = BLOCKS.filter((b) => b.fixture);
const SYNTHESIZED = COMPILED.filter((b) => placed.get(b.index)?.synth);

let project: string | undefined;
const typeErrors = new Map<number, string[]>();
let synthResults: Record<string, { ok: boolean; violations?: string[]; error?: string }> = {};

beforeAll(() => {
  project = linkedProject('sts-kit-readme-', builtPackageDir());
  const blocksDir = path.join(project, 'blocks');
  fs.mkdirSync(blocksDir);
  const fileOf = (index: number) => path.join(blocksDir, `block-${String(index).padStart(2, '0')}.ts`);
  for (const p of placed.values()) fs.writeFileSync(fileOf(p.block.index), p.source);

  // type-check every block in one program, as a user's project would (node16 resolution honours `exports`)
  const program = ts.createProgram([...placed.keys()].map(fileOf), {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const index = d.file ? Number(/block-(\d+)\.ts$/.exec(d.file.fileName)?.[1]) : NaN;
    const p = placed.get(index);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!p || !d.file || d.start === undefined) {
      for (const key of placed.keys()) typeErrors.set(key, [...(typeErrors.get(key) ?? []), `(program) ${message}`]);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const readmeLine = p.readmeLine(line);
    const where = readmeLine
      ? `README.md:${readmeLine}`
      : `fixture '${p.block.fixture}', line ${line + 1} of the placed block`;
    typeErrors.set(index, [...(typeErrors.get(index) ?? []), `${where}: TS${d.code}: ${message}`]);
  }

  // synthesize the construct blocks that type-check, all in one Node.js process
  const runnable = SYNTHESIZED.filter((b) => placed.has(b.index) && !typeErrors.has(b.index));
  for (const b of runnable) {
    const js = ts.transpileModule(placed.get(b.index)!.source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    fs.writeFileSync(fileOf(b.index).replace(/\.ts$/, '.js'), js);
  }
  // the SAML block reads its IdP's metadata next to itself
  fs.copyFileSync(
    path.join(ROOT, 'examples', 'federation', 'fixtures', 'idp-metadata.xml'),
    path.join(blocksDir, 'idp-metadata.xml'),
  );
  const runner = path.join(project, 'synth-blocks.js');
  const resultFile = path.join(project, 'synth-results.json');
  fs.writeFileSync(runner, SYNTH_RUNNER);
  const run = spawnSync(
    process.execPath,
    [runner, resultFile, ...runnable.map((b) => fileOf(b.index).replace(/\.ts$/, '.js'))],
    {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: undefined, CDK_CONTEXT_JSON: undefined },
    },
  );
  if (!fs.existsSync(resultFile)) throw new Error(`the synth runner failed:\n${run.stdout}\n${run.stderr}`);
  synthResults = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
}, 900_000);

afterAll(() => {
  if (project && !process.env.KEEP_README_PROJECT) fs.rmSync(project, { recursive: true, force: true });
});

describe('README.md', () => {
  test('every TypeScript block is compiled, or left out with its reason', () => {
    // GIVEN the README's ts blocks
    const skipped = BLOCKS.filter((b) => !b.fixture).map((b) => `${label(b)}: ${b.skipReason}`);
    // THEN most are compiled, and the others say why not
    expect(COMPILED.length).toBeGreaterThanOrEqual(20);
    expect(skipped).toEqual([expect.stringMatching(/"Starting and stopping".*: signatures of scripts\/emulator/)]);
  });

  test.each(COMPILED.map((b) => [label(b), b] as const))(
    'block %s type-checks against the built package',
    (_name, block) => {
      // GIVEN the block in its fixture  WHEN type-checked  THEN there is no error
      expect(placementErrors.get(block.index)).toBeUndefined();
      expect(typeErrors.get(block.index) ?? []).toEqual([]);
    },
  );

  test.each(SYNTHESIZED.map((b) => [label(b), b] as const))(
    'block %s synthesizes with AwsSolutions and StsChecks registered',
    (_name, block) => {
      // GIVEN a construct block that type-checks
      expect(typeErrors.get(block.index) ?? []).toEqual([]);
      // WHEN synthesized THEN no rule of either pack is violated and nothing throws
      const result = synthResults[path.join(project!, 'blocks', `block-${String(block.index).padStart(2, '0')}.js`)];
      expect({ violations: result?.violations ?? [], error: result?.error }).toEqual({
        violations: [],
        error: undefined,
      });
      expect(result?.ok).toBe(true);
    },
  );
});

/** Requires each compiled block and calls its `synth()`; writes { file: { ok, violations?, error? } }. */
const SYNTH_RUNNER = `
const fs = require('fs');
const [resultFile, ...files] = process.argv.slice(2);
const results = {};
for (const file of files) {
  try {
    require(file).synth();
    results[file] = { ok: true };
  } catch (e) {
    const report = /found in: (\\S+)/.exec(String(e && e.message))?.[1];
    if (report && fs.existsSync(report)) {
      const json = JSON.parse(fs.readFileSync(report, 'utf8'));
      const violations = json.pluginReports.flatMap((p) => p.violations.flatMap((v) =>
        (v.violatingConstructs || v.violatingResources || []).map((r) => v.ruleName + ' at ' + (r.constructPath || r.resourceLogicalId))));
      results[file] = { ok: false, violations };
    } else {
      results[file] = { ok: false, error: String(e && e.stack || e) };
    }
  }
}
fs.writeFileSync(resultFile, JSON.stringify(results));
`;
