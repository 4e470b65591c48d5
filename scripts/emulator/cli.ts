/**
 * Command line for the local AWS emulator.
 *
 *   npx tsx scripts/emulator/cli.ts start  [--port N] [--state-dir DIR]
 *   npx tsx scripts/emulator/cli.ts stop   [--state-dir DIR]
 *   npx tsx scripts/emulator/cli.ts status [--state-dir DIR]     (exit 1 when not running)
 *   npx tsx scripts/emulator/cli.ts types                        (JSON: types the emulator can create)
 *   npx tsx scripts/emulator/cli.ts check  <cdk.out dir | template.json>...   (exit 1 if any type is unsupported)
 *
 * The port also comes from STS_KIT_EMULATOR_PORT; the state directory from STS_KIT_EMULATOR_STATE_DIR.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emulatorStatus, startEmulator, stopEmulator } from './emulator';
import { supportedTypesReport, unsupportedResources } from './resource-types';

const USAGE =
  'usage: cli.ts start [--port N] [--state-dir DIR] | stop [--state-dir DIR] | status [--state-dir DIR] | types | check <cdk.out|template.json>...';

interface Args {
  readonly command: string;
  readonly port?: number;
  readonly stateDir?: string;
  readonly rest: string[];
}

function parseArgs(argv: string[]): Args {
  const [command = '', ...tail] = argv;
  let port: number | undefined;
  let stateDir: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < tail.length; i++) {
    const arg = tail[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    if (flag === '--port' || flag === '--state-dir') {
      const value = inline ?? tail[++i];
      if (value === undefined) {
        throw new Error(`${flag} needs a value\n${USAGE}`);
      }
      if (flag === '--port') {
        port = Number(value);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          throw new Error(`--port must be an integer 1-65535, got ${JSON.stringify(value)}`);
        }
      } else {
        stateDir = value;
      }
    } else {
      rest.push(arg);
    }
  }
  return { command, port, stateDir, rest };
}

function templatesIn(target: string): string[] {
  if (fs.statSync(target).isDirectory()) {
    return fs
      .readdirSync(target)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(target, f));
  }
  return [target];
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'start': {
      const emulator = await startEmulator({ port: args.port, stateDir: args.stateDir });
      console.log(
        `cdk-sts-kit emulator ${emulator.reused ? 'already running' : 'started'} at ${emulator.endpoint} (pid ${emulator.pid})`,
      );
      console.log(`log: ${emulator.logFile}`);
      console.log(
        `use: AWS_ENDPOINT_URL=${emulator.endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1`,
      );
      return 0;
    }
    case 'stop': {
      const stopped = await stopEmulator({ stateDir: args.stateDir });
      console.log(stopped ? 'cdk-sts-kit emulator stopped' : 'no cdk-sts-kit emulator was running');
      return 0;
    }
    case 'status': {
      const status = await emulatorStatus({ stateDir: args.stateDir });
      if (!status?.running) {
        console.log(
          !status
            ? 'not running'
            : status.alive
              ? `emulator not answering (pid ${status.pid}, log ${status.logFile}); stop it with: npm run emulator -- stop${args.stateDir ? ` --state-dir ${args.stateDir}` : ''}`
              : `not running (stale state for pid ${status.pid} in ${status.stateFile})`,
        );
        return 1;
      }
      console.log(`running at ${status.endpoint} (pid ${status.pid})`);
      console.log(`endpoint=${status.endpoint}`);
      console.log(`pid=${status.pid}`);
      console.log(`log=${status.logFile}`);
      return 0;
    }
    case 'types':
      console.log(JSON.stringify(supportedTypesReport(), undefined, 2));
      return 0;
    case 'check': {
      if (args.rest.length === 0) {
        throw new Error(`check needs a cloud assembly directory or template files\n${USAGE}`);
      }
      const files = args.rest.flatMap(templatesIn);
      const found = unsupportedResources(files.map((f) => fs.readFileSync(f, 'utf8')));
      for (const r of found) {
        console.log(`${path.basename(files[r.templateIndex])}: ${r.logicalId} (${r.type}): ${r.reason}`);
      }
      if (found.length) {
        console.log(`unsupported types: ${[...new Set(found.map((r) => r.type))].sort().join(', ')}`);
        return 1;
      }
      console.log(`all resource types in ${files.length} template(s) are supported by the emulator`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
