/**
 * README.md's TypeScript blocks, checked inside a user's project: test/package/consumer.test.ts writes them into the
 * CDK app that installed the packed package, so one `tsc` compiles the app and every block against what users
 * install, and one Node.js process synthesizes the construct blocks with AwsSolutions and StsChecks registered.
 * test/readme/readme-blocks.ts explains the fixture markers.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlacedBlock, placeBlock, ReadmeBlock, readmeBlocks } from './readme-blocks';

/** The project folder the blocks are written to (compiled to `<outDir>/readme`). */
export const BLOCKS_DIR = 'readme';

export const blockLabel = (b: ReadmeBlock) => `${b.index} "${b.heading}" (README.md:${b.line})`;
const blockFile = (index: number) => `block-${String(index).padStart(2, '0')}`;

export interface ReadmeCheck {
  readonly blocks: ReadmeBlock[];
  /** Blocks with a fixture (every block but those marked `readme: not compiled`). */
  readonly compiled: ReadmeBlock[];
  /** Compiled blocks whose fixture synthesizes (`// mode: synth`). */
  readonly synthesized: ReadmeBlock[];
  /** Why a block could not be placed in its fixture, by block index. */
  readonly placementErrors: Map<number, string>;
  /** Type errors by block index, each with its README line (filled by {@link ReadmeCheck.readDiagnostics}). */
  readonly typeErrors: Map<number, string[]>;
  /** Writes every placed block to `<project>/readme/block-NN.ts`, and what the blocks read at run time. */
  write(project: string): void;
  /**
   * Takes the blocks' errors out of `tsc --pretty false` output (run in `project`) into {@link typeErrors}, and
   * returns the other lines: errors of the rest of the project.
   */
  readDiagnostics(tscOutput: string): string[];
  /**
   * Synthesizes, in one Node.js process run in `project`, the construct blocks that type-check, from their compiled
   * JavaScript in `<project>/<outDir>/readme`. Returns `{ ok, violations?, error? }` by block index.
   */
  synthesize(project: string, outDir: string): Map<number, SynthResult>;
}

export interface SynthResult {
  readonly ok: boolean;
  readonly violations?: string[];
  readonly error?: string;
}

/** The README's blocks, each placed in its fixture. */
export function readmeCheck(readme: string): ReadmeCheck {
  const blocks = readmeBlocks(readme);
  const compiled = blocks.filter((b) => b.fixture);
  const placed = new Map<number, PlacedBlock>();
  const placementErrors = new Map<number, string>();
  for (const b of compiled) {
    try {
      placed.set(b.index, placeBlock(b));
    } catch (e) {
      placementErrors.set(b.index, (e as Error).message);
    }
  }
  const synthesized = compiled.filter((b) => placed.get(b.index)?.synth);
  const typeErrors = new Map<number, string[]>();
  const addError = (index: number, message: string) =>
    typeErrors.set(index, [...(typeErrors.get(index) ?? []), message]);

  return {
    blocks,
    compiled,
    synthesized,
    placementErrors,
    typeErrors,
    write(project) {
      const dir = path.join(project, BLOCKS_DIR);
      fs.mkdirSync(dir, { recursive: true });
      for (const p of placed.values()) fs.writeFileSync(path.join(dir, `${blockFile(p.block.index)}.ts`), p.source);
    },
    readDiagnostics(tscOutput) {
      const others: string[] = [];
      // `file(line,col): error TSnnnn: message`, a chained message continuing on indented lines
      const diagnostics: Array<{ head: string; rest: string[] }> = [];
      for (const line of tscOutput.split('\n')) {
        if (!line.trim()) continue;
        if (/^\s/.test(line) && diagnostics.length > 0) diagnostics[diagnostics.length - 1].rest.push(line.trim());
        else diagnostics.push({ head: line, rest: [] });
      }
      const blockPattern = new RegExp(`^${BLOCKS_DIR}/block-(\\d+)\\.ts\\((\\d+),\\d+\\): error (TS\\d+): (.*)$`);
      for (const { head, rest } of diagnostics) {
        const m = blockPattern.exec(head);
        const p = m ? placed.get(Number(m[1])) : undefined;
        if (!m || !p) {
          others.push([head, ...rest].join('\n'));
          continue;
        }
        const line = Number(m[2]) - 1;
        const readmeLine = p.readmeLine(line);
        const where = readmeLine
          ? `README.md:${readmeLine}`
          : `fixture '${p.block.fixture}', line ${line + 1} of the placed block`;
        addError(p.block.index, `${where}: ${m[3]}: ${[m[4], ...rest].join('\n')}`);
      }
      return others;
    },
    synthesize(project, outDir) {
      const jsDir = path.join(project, outDir, BLOCKS_DIR);
      const runnable = synthesized.filter((b) => placed.has(b.index) && !typeErrors.has(b.index));
      // the SAML block reads its IdP's metadata next to itself
      fs.copyFileSync(
        path.join(__dirname, '..', '..', 'examples', 'federation', 'fixtures', 'idp-metadata.xml'),
        path.join(jsDir, 'idp-metadata.xml'),
      );
      const runner = path.join(project, 'synth-readme-blocks.js');
      const resultFile = path.join(project, 'synth-readme-results.json');
      fs.writeFileSync(runner, SYNTH_RUNNER);
      const files = runnable.map((b) => path.join(jsDir, `${blockFile(b.index)}.js`));
      const run = spawnSync(process.execPath, [runner, resultFile, ...files], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, CDK_OUTDIR: undefined, CDK_CONTEXT_JSON: undefined },
      });
      if (!fs.existsSync(resultFile)) throw new Error(`the synth runner failed:\n${run.stdout}\n${run.stderr}`);
      const byFile: Record<string, SynthResult> = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      return new Map(runnable.map((b, i) => [b.index, byFile[files[i]]]));
    },
  };
}

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
