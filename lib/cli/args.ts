/** What a command line says: the positional arguments and the `--name value` / `--name=value` / `--flag` options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

/** A command-line mistake (unknown option, missing or invalid value); the command exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Splits arguments into positionals, options that take a value (each may repeat) and boolean flags. `--` ends
 * the options. An option or flag not listed is a `UsageError`.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const seenFlags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^-+/, '');
    if (flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`${arg}: invalid option: --${name} takes no value`);
      seenFlags.add(name);
    } else if (valued.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      if (value === undefined) throw new UsageError(`--${name}: invalid option: received nothing; expected a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw new UsageError(
        `${arg}: invalid option: received '${arg}'; expected one of ${[...valued, ...flags].map((o) => `--${o}`).join(', ')}`,
      );
    }
  }
  return { positionals, options, flags: seenFlags };
}

/** Every value of a repeatable, comma-separated option (`--own-accounts a,b --own-accounts c`). */
export function listOption(parsed: ParsedArgs, name: string): string[] | undefined {
  const values = parsed.options.get(name);
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** The last value of an option, when given. */
export function singleOption(parsed: ParsedArgs, name: string): string | undefined {
  const values = parsed.options.get(name);
  return values ? values[values.length - 1] : undefined;
}
