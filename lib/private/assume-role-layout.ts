import { IResolveContext } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { policyLength } from '../trust/policy-size';

/**
 * The `sts:AssumeRole` statements of an identity policy that lists many roles, laid out to fit IAM's managed-policy
 * quota.
 *
 * - Expanded (while it fits one policy): one statement listing every role ARN, as written so far.
 * - Compact: role ARNs of known accounts and names become `arn:PARTITION:iam::*:role/NAME` narrowed by
 *   `StringEquals aws:ResourceAccount [accounts]`; names that share the same accounts share a statement. It admits
 *   exactly the listed roles (name AND account), so it means the same as the expanded form. ARNs that cannot be read
 *   at synth (references to roles of the same environment) stay one statement each.
 * - Statements are packed into as many policies as needed, each at most the quota.
 */

/** A role ARN as given, with what could be read from it at synth. */
export interface RoleArnEntry {
  /** The ARN as given (a token for roles of another stack): what the expanded form writes. */
  readonly arn: string;
  /** Resolved in the policy's stack: the expanded statement as measured. */
  readonly resolved: unknown;
  /** Characters of `resolved` in a policy (quoted when a string). */
  readonly resolvedLength: number;
  /** Partition (a literal, or PARTITION_REF), account and `path/name` when the ARN is concrete enough. */
  readonly parsed?: { readonly partition: string; readonly account: string; readonly resource: string };
}

export const PARTITION_REF = '${AWS::Partition}';
const PLACEHOLDER = '\u0000P';
const ROLE_ARN = /^arn:([a-z-]+|\u0000P):iam::(\d{12}):role\/([^\u0000*?]+)$/;

/** Read a resolved role ARN (`arn:aws:iam::…` or CDK's `Fn::Join` with `AWS::Partition`). */
export function parseRoleArn(resolved: unknown): RoleArnEntry['parsed'] {
  let text: string | undefined;
  if (typeof resolved === 'string') {
    text = resolved;
  } else if (isJoin(resolved)) {
    const [separator, parts] = resolved['Fn::Join'];
    const rendered = parts.map((p: unknown) =>
      typeof p === 'string' ? p : isRef(p, 'AWS::Partition') ? PLACEHOLDER : undefined,
    );
    if (rendered.every((p: unknown) => typeof p === 'string')) text = rendered.join(separator);
  }
  const match = text !== undefined ? ROLE_ARN.exec(text) : null;
  if (!match) return undefined;
  return { partition: match[1] === PLACEHOLDER ? PARTITION_REF : match[1], account: match[2], resource: match[3] };
}

export type StatementJson = Record<string, unknown>;

/** The expanded statement of one ARN (the value given: a token or the resolved form). */
export function expandedStatement(arn: unknown, conditions: Record<string, unknown> | undefined): StatementJson {
  return conditions
    ? { Action: 'sts:AssumeRole', Condition: conditions, Effect: 'Allow', Resource: arn }
    : { Action: 'sts:AssumeRole', Effect: 'Allow', Resource: arn };
}

const DOCUMENT_OVERHEAD = policyLength({ Version: '2012-10-17', Statement: [] }).length;

/** Characters of a policy holding these (resolved) statements, whitespace not counted. */
export function documentLength(statementLengths: number[]): number {
  if (statementLengths.length === 0) return DOCUMENT_OVERHEAD;
  return DOCUMENT_OVERHEAD + statementLengths.reduce((a, b) => a + b, 0) + statementLengths.length - 1;
}

export function statementLength(statement: StatementJson): number {
  return policyLength(statement).length;
}

/** A statement to write, and its length as measured (resolved: tokens of other stacks counted at their longest). */
export interface LaidOutStatement {
  readonly statement: StatementJson;
  readonly length: number;
}

/**
 * The compact statements for `entries`, each at most `maxStatementLength` characters:
 * - a role name found in two or more accounts: `arn:PARTITION:iam::*:role/NAME` with `aws:ResourceAccount`
 *   (names with the same accounts share the statement; long account lists are split);
 * - every other ARN (one account for its name, or not readable at synth): listed in shared statements.
 */
export function compactStatements(
  entries: readonly RoleArnEntry[],
  conditions: Record<string, unknown> | undefined,
  maxStatementLength: number,
): LaidOutStatement[] {
  const byName = new Map<
    string,
    { partition: string; resource: string; entries: RoleArnEntry[]; accounts: string[]; seen: Set<string> }
  >();
  const listed: RoleArnEntry[] = [];
  for (const entry of entries) {
    if (!entry.parsed) {
      listed.push(entry);
      continue;
    }
    const key = `${entry.parsed.partition}|${entry.parsed.resource}`;
    const group = byName.get(key) ?? {
      partition: entry.parsed.partition,
      resource: entry.parsed.resource,
      entries: [],
      accounts: [],
      seen: new Set<string>(),
    };
    group.entries.push(entry);
    if (!group.seen.has(entry.parsed.account)) {
      group.seen.add(entry.parsed.account);
      group.accounts.push(entry.parsed.account);
    }
    byName.set(key, group);
  }
  const byAccounts = new Map<string, { partition: string; resources: string[]; accounts: string[] }>();
  for (const group of byName.values()) {
    if (group.accounts.length < 2) {
      listed.push(...group.entries);
      continue;
    }
    const key = `${group.partition}|${[...group.accounts].sort().join(',')}`;
    const shared = byAccounts.get(key) ?? { partition: group.partition, resources: [], accounts: group.accounts };
    shared.resources.push(group.resource);
    byAccounts.set(key, shared);
  }
  const out: LaidOutStatement[] = [];
  for (const shared of byAccounts.values()) {
    const resources = shared.resources.map((r) => rolePattern(shared.partition, r));
    const make = (accounts: string[]): StatementJson => ({
      Action: 'sts:AssumeRole',
      Condition: {
        ...(conditions ?? {}),
        StringEquals: { ...stringEqualsOf(conditions), 'aws:ResourceAccount': accounts },
      },
      Effect: 'Allow',
      Resource: resources.length === 1 ? resources[0] : resources,
    });
    // lengths add up: the statement with an empty list, plus each quoted id and a comma between two
    const base = statementLength(make([]));
    for (const chunk of chunks(shared.accounts, () => 14, base, maxStatementLength)) {
      out.push({ statement: make(chunk.items), length: chunk.length });
    }
  }
  const list = (resources: unknown[]): StatementJson =>
    conditions
      ? { Action: 'sts:AssumeRole', Condition: conditions, Effect: 'Allow', Resource: resources }
      : { Action: 'sts:AssumeRole', Effect: 'Allow', Resource: resources };
  const base = statementLength(list([]));
  for (const chunk of chunks(listed, (e) => e.resolvedLength, base, maxStatementLength)) {
    out.push({ statement: list(chunk.items.map((e) => e.arn)), length: chunk.length });
  }
  return out;
}

/**
 * `items` cut, in order, into runs whose JSON list fits `max` characters: `base` (the statement with an empty list)
 * plus each item's length and a comma between two (a single item always makes a run).
 */
function chunks<T>(
  items: readonly T[],
  lengthOf: (item: T) => number,
  base: number,
  max: number,
): Array<{ items: T[]; length: number }> {
  const out: Array<{ items: T[]; length: number }> = [];
  let run: T[] = [];
  let length = base;
  for (const item of items) {
    const added = lengthOf(item) + (run.length > 0 ? 1 : 0);
    if (run.length > 0 && length + added > max) {
      out.push({ items: run, length });
      run = [];
      length = base;
    }
    length += lengthOf(item) + (run.length > 0 ? 1 : 0);
    run.push(item);
  }
  if (run.length > 0) out.push({ items: run, length });
  return out;
}

/** Pack statements, in order, into policies of at most `quota` characters (first fit). */
export function packStatements(statements: readonly LaidOutStatement[], quota: number): StatementJson[][] {
  const bins: Array<{ statements: StatementJson[]; lengths: number[] }> = [];
  for (const { statement, length } of statements) {
    let bin = bins.find((b) => documentLength([...b.lengths, length]) <= quota);
    if (!bin) {
      bin = { statements: [], lengths: [] };
      bins.push(bin);
    }
    bin.statements.push(statement);
    bin.lengths.push(length);
  }
  return bins.map((b) => b.statements);
}

function rolePattern(partition: string, resource: string): unknown {
  return partition === PARTITION_REF
    ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role/${resource}`]] }
    : `arn:${partition}:iam::*:role/${resource}`;
}

function stringEqualsOf(conditions: Record<string, unknown> | undefined): Record<string, unknown> {
  const existing = conditions?.StringEquals;
  return existing && typeof existing === 'object' ? (existing as Record<string, unknown>) : {};
}

function isJoin(value: unknown): value is { 'Fn::Join': [string, unknown[]] } {
  if (!value || typeof value !== 'object') return false;
  const join = (value as Record<string, unknown>)['Fn::Join'];
  return (
    Object.keys(value).length === 1 &&
    Array.isArray(join) &&
    join.length === 2 &&
    typeof join[0] === 'string' &&
    Array.isArray(join[1])
  );
}

function isRef(value: unknown, name: string): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    Object.keys(value).length === 1 &&
    (value as Record<string, unknown>).Ref === name
  );
}

/**
 * A policy document whose statements, once `layout` is set, are the ones it returns (the compact layout), and
 * otherwise the statements added to it as usual.
 */
export class LaidOutPolicyDocument extends iam.PolicyDocument {
  public layout?: () => StatementJson[];

  public resolve(context: IResolveContext): any {
    if (!this.layout) return super.resolve(context);
    return { Version: '2012-10-17', Statement: this.layout() };
  }

  public get isEmpty(): boolean {
    return this.layout ? this.layout().length === 0 : super.isEmpty;
  }
}
