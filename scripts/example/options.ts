/**
 * Command-line options of `npm run demo` and `npm run demo:destroy`:
 *
 *   npm run demo -- [--port N] [--output DIR]
 *
 * `--port` (else STS_KIT_EMULATOR_PORT) is the emulator's port when one is started; `--output` (else
 * STS_KIT_DEMO_OUTDIR, else `cdk.out.local` at the repository root) is the cloud assembly directory.
 */
import * as path from 'node:path';

export const DEMO_USAGE = 'usage: npm run demo -- [--port N] [--output DIR]   (npm run demo:destroy -- [--output DIR])';

export interface DemoOptions {
  /** @default - the emulator's own choice (STS_KIT_EMULATOR_PORT, else 4566 when free, else a free port) */
  readonly port?: number;
  /** Absolute path of the cloud assembly directory. */
  readonly outdir: string;
}

export function demoOptions(argv: string[], repoRoot: string, env: NodeJS.ProcessEnv = process.env): DemoOptions {
  let port: number | undefined;
  let outdir = env.STS_KIT_DEMO_OUTDIR || path.join(repoRoot, 'cdk.out.local');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${DEMO_USAGE}`);
      return v;
    };
    if (flag === '--port') {
      const v = value();
      port = Number(v);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`--port must be an integer 1-65535, got ${JSON.stringify(v)}`);
    } else if (flag === '--output' || flag === '-o') {
      outdir = value();
    } else {
      throw new Error(`unknown option ${JSON.stringify(argv[i])}\n${DEMO_USAGE}`);
    }
  }
  return { port, outdir: path.resolve(repoRoot, outdir) };
}
