/**
 * Resolve the intrinsics a synthesized template still holds (pseudo parameters, Fn::Join, Ref/GetAtt of
 * named IAM resources) to what CloudFormation would write, so deployed documents can be compared with them.
 */
export interface ResolveContext {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** Physical ids of the template's resources, by logical id (for Ref). */
  readonly refs: Record<string, string>;
  /** Resource types by logical id (for `Fn::GetAtt X.Arn`). */
  readonly types?: Record<string, string>;
}

/** `Arn` attributes of the resource types example policies point at, from their physical ids. */
const ARN_OF: Record<string, (ctx: ResolveContext, physicalId: string) => string> = {
  'AWS::DynamoDB::Table': (c, id) => `arn:${c.partition}:dynamodb:${c.region}:${c.account}:table/${id}`,
  'AWS::IAM::Role': (c, id) => `arn:${c.partition}:iam::${c.account}:role/${id}`,
};

export function resolveIntrinsics(value: unknown, ctx: ResolveContext): any {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, ctx));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === 'Ref') {
      const pseudo: Record<string, string> = {
        'AWS::Partition': ctx.partition,
        'AWS::AccountId': ctx.account,
        'AWS::Region': ctx.region,
        'AWS::URLSuffix': 'amazonaws.com',
      };
      const name = String(arg);
      const resolved = pseudo[name] ?? ctx.refs[name];
      if (resolved === undefined) throw new Error(`cannot resolve Ref ${name}`);
      return resolved;
    }
    if (key === 'Fn::Join') {
      const [sep, parts] = arg as [string, unknown[]];
      return (resolveIntrinsics(parts, ctx) as unknown[]).join(sep);
    }
    if (key === 'Fn::GetAtt') {
      const [logicalId, attribute] = arg as [string, string];
      const arnOf = ARN_OF[ctx.types?.[logicalId] ?? ''];
      if (attribute !== 'Arn' || !arnOf || ctx.refs[logicalId] === undefined)
        throw new Error(`cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
      return arnOf(ctx, ctx.refs[logicalId]);
    }
    if (key.startsWith('Fn::')) throw new Error(`cannot resolve ${key}`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, ctx)]));
}

/** IAM documents as IAM returns them: URL-encoded JSON text (or already an object). */
export function parsePolicyDocument(document: string | undefined): any {
  if (document === undefined) throw new Error('no policy document');
  const text = document.trim().startsWith('{') ? document : decodeURIComponent(document);
  return JSON.parse(text);
}

/** One canonical form: statements' single values as lists, keys sorted, so equal policies compare equal. */
export function canonicalPolicy(doc: any): any {
  const list = (v: unknown) =>
    v === undefined ? undefined : Array.isArray(v) ? [...v].map(canonical).sort(byJson) : [canonical(v)];
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map((s: any) =>
    sortKeys({
      ...s,
      Action: list(s.Action),
      NotAction: list(s.NotAction),
      Resource: list(s.Resource),
      NotResource: list(s.NotResource),
      Principal:
        s.Principal === undefined || typeof s.Principal === 'string'
          ? s.Principal
          : Object.fromEntries(Object.entries(s.Principal).map(([k, v]) => [k, list(v)])),
      Condition:
        s.Condition === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(s.Condition).map(([op, keys]) => [
                op,
                Object.fromEntries(Object.entries(keys as object).map(([k, v]) => [k, list(v)])),
              ]),
            ),
    }),
  );
  return { Version: doc.Version, Statement: statements.sort(byJson) };
}

function canonical(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? sortKeys(v as Record<string, unknown>) : v;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => [k, canonical(o[k])]),
  );
}

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}
