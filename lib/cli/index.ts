import { checkCommand } from './check';
import { graphCommand } from './graph';

/** Where a command writes: the standard streams in the shipped binary, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One subcommand of `cdk-sts-kit`: runs with its own arguments and returns the process exit code. */
export interface CliCommand {
  /** One line for the usage text. */
  readonly summary: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}

/**
 * The subcommands, by name: `check` runs StsChecks over templates, `graph` draws who may assume what. A new
 * subcommand adds one entry here and its own file beside check.ts.
 */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  check: checkCommand,
  graph: graphCommand,
};

/** The standard streams. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** The usage text of the command. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: cdk-sts-kit <command> [options] <inputs...>',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `cdk-sts-kit <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/**
 * Runs `cdk-sts-kit <command> ...args` and returns the exit code: the command's own, or 2 for an unknown command.
 * Never throws: an unexpected error is printed and exits with code 2.
 */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(
      `cdk-sts-kit: invalid command: received '${name}'; expected one of ${Object.keys(COMMANDS).join(', ')}.\n\n${usage()}`,
    );
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    io.stderr(`cdk-sts-kit ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
