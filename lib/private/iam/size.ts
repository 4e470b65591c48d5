/**
 * The one policy-size measure, used by `StsRole` (synth-time check) and `StsChecks-TrustPolicyTooLarge`: the length
 * of the document as IAM counts it against a quota, JSON without whitespace, once resolved.
 *
 * Pseudo parameters are resolved with what is known of the environment (the partition from the stack's region,
 * the account when concrete); what is unknown is counted at its longest (`aws-us-gov` for `AWS::Partition`, 12
 * digits for `AWS::AccountId`, `ap-southeast-5` for `AWS::Region`, `amazonaws.com.cn` for `AWS::URLSuffix`), so the
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

const LONGEST: { [pseudo: string]: string } = {
  Partition: 'aws-us-gov',
  AccountId: '000000000000',
  Region: 'ap-southeast-5',
  URLSuffix: 'amazonaws.com.cn',
};

function pseudo(name: string, env: SizeEnvironment): string | undefined {
  switch (name) {
    case 'Partition': return env.partition ?? LONGEST.Partition;
    case 'AccountId': return env.account ?? LONGEST.AccountId;
    case 'Region': return env.region ?? LONGEST.Region;
    case 'URLSuffix': return env.partition ? (env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com') : LONGEST.URLSuffix;
    default: return undefined;
  }
}

/** The size of a policy document (object, JSON string, or a template value holding intrinsics). */
export function policySize(document: unknown, env: SizeEnvironment = {}): PolicyLength {
  let exact = true;
  const text = (value: string): string => value.replace(/\{\{AWS\.([A-Za-z]+)\}\}/g, (whole, name: string) => pseudo(name, env) ?? whole)
    .replace(/\{\{[^{}]*\}\}/g, (whole) => {
      exact = false;
      return whole;
    });
  const render = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(render);
    if (!isObject(value)) return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, arg] = entries[0];
      if (key === 'Ref' && typeof arg === 'string' && arg.startsWith('AWS::')) {
        const v = pseudo(arg.slice(5), env);
        if (v !== undefined) return v;
      }
      if (key === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        const parts = arg[1].map(render);
        if (parts.every(p => typeof p === 'string')) return parts.join(String(arg[0]));
        exact = false;
        return JSON.stringify(parts);
      }
      if (key === 'Fn::Sub' && (typeof arg === 'string' || (Array.isArray(arg) && typeof arg[0] === 'string'))) {
        const template = typeof arg === 'string' ? arg : arg[0] as string;
        const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
        return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
          if (name.startsWith('!')) return `\${${name.slice(1)}}`;
          if (name in vars) {
            const v = render(vars[name]);
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
    return Object.fromEntries(entries.map(([k, v]) => [k, render(v)]));
  };
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      // counted as the string it is
    }
  }
  const json = typeof doc === 'string' ? text(doc) : JSON.stringify(render(doc)) ?? '';
  return { length: /\s/.test(json) ? json.replace(/\s+/g, '').length : json.length, exact };
}
