/**
 * Length of a policy document as AWS counts it against a quota: JSON without whitespace, once resolved.
 *
 * Templates still hold intrinsics. Pseudo parameters are counted at their longest value (`aws-us-gov`
 * for `AWS::Partition`, 12 digits for `AWS::AccountId`), `Fn::Join` is joined, and anything else is
 * counted as the JSON it stands as and makes the result inexact.
 */
export interface PolicyLength {
  /** Characters, without whitespace. */
  readonly length: number;
  /** False when an intrinsic could not be resolved and was counted as it stands. */
  readonly exact: boolean;
}

const PSEUDO_LONGEST: { [ref: string]: string } = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::AccountId': '000000000000',
  'AWS::Region': 'ap-southeast-5',
  'AWS::URLSuffix': 'amazonaws.com.cn',
};

export function policyLength(resolvedDocument: unknown): PolicyLength {
  let exact = true;
  const render = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(render);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0];
      if (key === 'Ref' && typeof arg === 'string' && arg in PSEUDO_LONGEST) return PSEUDO_LONGEST[arg];
      if (key === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        const parts = arg[1].map(render);
        if (parts.every((p) => typeof p === 'string')) return parts.join(String(arg[0]));
        exact = false;
        return JSON.stringify(parts);
      }
      if (key === 'Ref' || key.startsWith('Fn::')) {
        exact = false;
        return JSON.stringify(value);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, render(v)]));
  };
  const text = JSON.stringify(render(resolvedDocument)) ?? '';
  return { length: text.replace(/\s+/g, '').length, exact };
}
