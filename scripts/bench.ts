/**
 * `npm run bench`: the same hub-and-spoke app built with this library and with equivalent hand-written aws-cdk-lib
 * code (scripts/bench-app.ts), at 10, 100 and 500 accounts x 5 roles, in one run.
 *
 *   npm run bench [-- --sizes 10,100,500 --roles 5 --rounds 5]
 *
 * Every measurement is a fresh `node` process running precompiled JavaScript (lib/ and the app compiled once by
 * esbuild into node_modules/.cache/cdk-sts-kit-bench, the entry point made lazy by scripts/lazify.ts as
 * `npm run build` does), as a one-shot `cdk synth` is: CPU time of the whole process
 * (Node.js start, imports, construction, synth), peak resident memory, and the bytes of every template written.
 * Each round runs five processes back to back in a rotating order (aws-cdk-lib, the library, the library with its hub
 * naming the roles by ARN as the hand-written code does instead of referencing role objects of other stacks, the
 * library with StsChecks, the library with AwsSolutionsChecks); ratios and added costs are taken within a round and their median
 * over `--rounds` is reported (with the range), so load from other work on the machine moves both sides alike.
 * aws-cdk-lib's built-in CloudFormation validation is off in every process (CDK_VALIDATION=false): it costs the
 * same in both variants.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { lazify } from './lazify';

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.join(ROOT, 'node_modules', '.cache', 'cdk-sts-kit-bench');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const SIZES = option('sizes', '10,100,500').split(',').map(Number);
const ROLES = Number(option('roles', '5'));
const ROUNDS = Number(option('rounds', '5'));
for (const n of [...SIZES, ROLES, ROUNDS]) {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`bench: sizes, --roles and --rounds take positive integers; received ${n}`);
}

interface Sample {
  cpuMs: number;
  buildSynthCpuMs: number;
  peakRssMb: number;
  templateBytes: number;
}

function compile(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(file);
    }
  };
  walk(path.join(ROOT, 'lib'));
  files.push(path.join(ROOT, 'scripts', 'bench-app.ts'));
  fs.rmSync(BUILD, { recursive: true, force: true });
  buildSync({
    entryPoints: files,
    outdir: BUILD,
    outbase: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  // the entry point as `npm run build` ships it: each name loads its module on first use
  lazify(path.join(ROOT, 'lib', 'index.ts'), path.join(BUILD, 'lib', 'index.js'));
  return path.join(BUILD, 'scripts', 'bench-app.js');
}

function run(app: string, variant: string, accounts: number, packs: string): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-bench-'));
  try {
    const out = execFileSync(process.execPath, [app, variant, String(accounts), String(ROLES), packs, outdir], {
      encoding: 'utf8',
      env: { ...process.env, CDK_VALIDATION: 'false' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianSample(samples: Sample[]): Sample {
  return {
    cpuMs: median(samples.map((s) => s.cpuMs)),
    buildSynthCpuMs: median(samples.map((s) => s.buildSynthCpuMs)),
    peakRssMb: median(samples.map((s) => s.peakRssMb)),
    templateBytes: median(samples.map((s) => s.templateBytes)),
  };
}

const app = compile();
console.log(
  `cdk-sts-kit bench: hub-and-spoke, ${ROLES} roles per account, sizes ${SIZES.join(', ')}; ${ROUNDS} rounds of fresh processes; node ${process.version}, ${os.cpus().length} CPUs`,
);
const rows: string[] = [];
const packRows: string[] = [];
let worst = 0;
for (const accounts of SIZES) {
  const plain: Sample[] = [];
  const library: Sample[] = [];
  const byArn: Sample[] = [];
  const sts: Sample[] = [];
  const aws: Sample[] = [];
  const ratios: number[] = [];
  const arnRatios: number[] = [];
  const stsAdds: number[] = [];
  const awsAdds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // each round runs the four processes back to back, in a rotating order, and its ratios are taken within the
    // round: other load on the machine moves both sides of a ratio alike
    const jobs: Array<[Sample[], string, string]> = [
      [plain, 'plain', 'none'],
      [library, 'library', 'none'],
      [byArn, 'library-arns', 'none'],
      [sts, 'library', 'sts'],
      [aws, 'library', 'aws'],
    ];
    for (let j = 0; j < jobs.length; j++) {
      const [into, variant, packs] = jobs[(j + round) % jobs.length];
      into.push(run(app, variant, accounts, packs));
    }
    ratios.push(library[round].cpuMs / plain[round].cpuMs);
    arnRatios.push(byArn[round].cpuMs / plain[round].cpuMs);
    stsAdds.push(sts[round].cpuMs - library[round].cpuMs);
    awsAdds.push(aws[round].cpuMs - library[round].cpuMs);
  }
  const p = medianSample(plain);
  const l = medianSample(library);
  const ratio = median(ratios);
  worst = Math.max(worst, ratio);
  rows.push(
    `| ${accounts} x ${ROLES} | ${(p.cpuMs / 1000).toFixed(2)} s | ${(l.cpuMs / 1000).toFixed(2)} s | **${ratio.toFixed(2)}** ` +
      `| ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} | ${median(arnRatios).toFixed(2)} | ${p.peakRssMb.toFixed(0)} MB | ${l.peakRssMb.toFixed(0)} MB | ${(l.peakRssMb / p.peakRssMb).toFixed(2)} ` +
      `| ${(p.templateBytes / 1024).toFixed(0)} KiB | ${(l.templateBytes / 1024).toFixed(0)} KiB | ${(l.templateBytes / p.templateBytes).toFixed(2)} |`,
  );
  console.log(
    `${accounts} accounts: plain ${p.cpuMs.toFixed(0)} ms, library ${l.cpuMs.toFixed(0)} ms (x${ratio.toFixed(2)}, rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}; ` +
      `hub naming roles by ARN x${median(arnRatios).toFixed(2)})`,
  );
  const added = (values: number[]) =>
    `${median(values) >= 0 ? '+' : ''}${(median(values) / 1000).toFixed(2)} s (x${((l.cpuMs + median(values)) / l.cpuMs).toFixed(2)})`;
  packRows.push(`| ${accounts} x ${ROLES} | ${added(stsAdds)} | ${added(awsAdds)} |`);
  console.log(`${accounts} accounts: StsChecks ${added(stsAdds)}, AwsSolutionsChecks ${added(awsAdds)}`);
}

console.log('');
console.log(
  '| accounts x roles | CPU, aws-cdk-lib | CPU, cdk-sts-kit | ratio (median of rounds) | ratio, range | ratio, hub naming roles by ARN | peak RSS, aws-cdk-lib | peak RSS, cdk-sts-kit | ratio | templates, aws-cdk-lib | templates, cdk-sts-kit | ratio |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('');
console.log('| accounts x roles | StsChecks adds | AwsSolutionsChecks adds |');
console.log('|---|---|---|');
for (const row of packRows) console.log(row);
console.log('');
console.log(
  worst <= 1.1
    ? `OK: the library's synth CPU is at most x${worst.toFixed(2)} of hand-written aws-cdk-lib (target <= 1.10).`
    : `ABOVE TARGET: the library's synth CPU reaches x${worst.toFixed(2)} of hand-written aws-cdk-lib (target <= 1.10).`,
);
