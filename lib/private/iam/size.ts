/**
 * The one policy-size measure, used by `StsRole` (synth-time check) and `StsChecks-TrustPolicyTooLarge`: the length
 * of the document as IAM counts it against a quota, JSON without whitespace, once resolved.
 *
 * Pseudo parameters are resolved with what is known of the environment (the partition from the stack's region,
 * the account when concrete); what is unknown is counted at its longest (`aws-us-gov` for `AWS::Partition`, 12
 * digits for `AWS::AccountId`, `ap-southeast-5` for `AWS::Region`, `amazonaws.com.cn` for `AWS::URLSuffix`, 128
 * characters for `AWS::StackName` and the ARN of such a stack for `AWS::StackId`), so the
 * measure never undercounts pseudo parameters. `Fn::Join` and `Fn::Sub` are joined; the model's placeholders
 * (`{{AWS.Partition}}`, values.ts) are read the same way. Anything else (a `Ref` of a parameter or resource, an
 * import) is counted as the text it stands as and makes the result inexact.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM doesn't count white space")
 */
import { isObject } from './text';

/** Length of a policy document against a quota. */
export interface PolicyLength {
  /** Characters, without whitespace. */
  readonly length: number;
  /** False when a value could not be resolved and was counted as it stands. */
  readonly exact: boolean;
}

/** What the measure knows of the environment. */
export interface SizeEnvironment {
  readonly partition?: string;
  readonly account?: string;
  readonly region?: string;
}

/** A stack name at its longest: 128 characters (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html). */
const LONGEST_STACK_NAME = 'x'.repeat(128);

const LONGEST: { [pseudo: string]: string } = {
  Partition: 'aws-us-gov',
  AccountId: '000000000000',
  Region: 'ap-southeast-5',
  URLSuffix: 'amazonaws.com.cn',
  StackName: LONGEST_STACK_NAME,
  StackId: `arn:aws-us-gov:cloudformation:ap-southeast-5:000000000000:stack/${LONGEST_STACK_NAME}/00000000-0000-0000-0000-000000000000`,
};

function pseudo(name: string, env: SizeEnvironment): string | undefined {
  switch (name) {
    case 'Partition':
      return env.partition ?? LONGEST.Partition;
    case 'AccountId':
      return env.account ?? LONGEST.AccountId;
    case 'Region':
      return env.region ?? LONGEST.Region;
    case 'URLSuffix':
      return env.partition ? (env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com') : LONGEST.URLSuffix;
    case 'StackName':
    case 'StackId':
      return LONGEST[name]; // not known before the stack is created
    default:
      return undefined;
  }
}

/**
 * The deepest nesting the measure follows (a real policy is a few levels deep); deeper values are counted as an
 * unknown `{{?}}` and make the result inexact, so a hostile document cannot overflow the stack (red-team R1).
 */
const MAX_DEPTH = 256;

/** The size of a policy document (object, JSON string, or a template value holding intrinsics). */
export function policySize(document: unknown, env: SizeEnvironment = {}): PolicyLength {
  if (typeof document === 'object' && document !== null) {
    const plain = plainLength(document);
    if (plain !== undefined) return { length: plain, exact: true };
  }
  let exact = true;
  const text = (value: string): string =>
    value
      .replace(/\{\{AWS\.([A-Za-z]+)\}\}/g, (whole, name: string) => pseudo(name, env) ?? whole)
      .replace(/\{\{[^{}]*\}\}/g, (whole) => {
        exact = false;
        return whole;
      });
  const render = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return text(value);
    if (value !== null && typeof value === 'object' && depth >= MAX_DEPTH) {
      exact = false;
      return '{{?}}';
    }
    const down = (v: unknown): unknown => render(v, depth + 1);
    if (Array.isArray(value)) return value.map(down);
    if (!isObject(value)) return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, arg] = entries[0];
      if (key === 'Ref' && typeof arg === 'string' && arg.startsWith('AWS::')) {
        const v = pseudo(arg.slice(5), env);
        if (v !== undefined) return v;
      }
      if (key === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        const parts = arg[1].map(down);
        if (parts.every((p) => typeof p === 'string')) return parts.join(String(arg[0]));
        exact = false;
        return JSON.stringify(parts);
      }
      if (key === 'Fn::Sub' && (typeof arg === 'string' || (Array.isArray(arg) && typeof arg[0] === 'string'))) {
        const template = typeof arg === 'string' ? arg : (arg[0] as string);
        const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
        return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
          if (name.startsWith('!')) return `\${${name.slice(1)}}`;
          if (name in vars) {
            const v = down(vars[name]);
            if (typeof v === 'string') return v;
          } else if (name.startsWith('AWS::')) {
            const v = pseudo(name.slice(5), env);
            if (v !== undefined) return v;
          }
          exact = false;
          return whole;
        });
      }
      if (key === 'Ref' || key.startsWith('Fn::')) {
        exact = false;
        return JSON.stringify(value);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, down(v)]));
  };
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      // counted as the string it is (JSON.parse does not overflow on deep text: it fails or parses)
    }
  }
  let json: string;
  try {
    json = typeof doc === 'string' ? text(doc) : (JSON.stringify(render(doc)) ?? '');
  } catch {
    // never throws: a value that cannot be rendered (a cycle) is counted as an unknown
    exact = false;
    json = '{{?}}';
  }
  return { length: withoutWhitespace(json), exact };
}

/**
 * The fast path of {@link policySize}, for the common case (every document the constructs measure at synth): a
 * document holding no intrinsic (`Ref`, `Fn::*`), no placeholder (`{{...}}`) and nested less deeply than the bound
 * is its own JSON. `undefined` sends anything else down the full measure.
 */
function plainLength(document: object): number | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(document);
  } catch {
    return undefined; // a cycle, or deeper than JSON.stringify goes
  }
  if (json === undefined || json.includes('{{') || json.includes('"Ref"') || json.includes('"Fn::')) return undefined;
  if (json.length > 2 * MAX_DEPTH && nestingOf(json) > MAX_DEPTH) return undefined;
  return withoutWhitespace(json);
}

/** The length IAM counts: every whitespace character left out. */
function withoutWhitespace(json: string): number {
  return /\s/.test(json) ? json.replace(/\s+/g, '').length : json.length;
}

/** The most brackets open at once in a JSON text (brackets inside strings not counted). */
function nestingOf(json: string): number {
  let open = 0;
  let most = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        i++; // a backslash: skip the character it escapes
      } else if (c === 34) {
        inString = false; // the closing quote
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      most = Math.max(most, ++open); // [ or {
    } else if (c === 93 || c === 125) {
      open--; // ] or }
    }
  }
  return most;
}
