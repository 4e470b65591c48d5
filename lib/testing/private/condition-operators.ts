/**
 * The IAM condition operators AWS accepts. The evaluator does not reject others: it silently treats a condition
 * with an unknown operator as not matching, which could turn a misspelt Deny into an Allow. AWS rejects such a
 * policy (MalformedPolicyDocument), so the testing helpers refuse it too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike',
].map((o) => o.toLowerCase());

/** Whether AWS knows a condition operator (`ForAnyValue:StringLike`, `BoolIfExists`, `Null`, ...). */
export function isKnownConditionOperator(operator: string): boolean {
  let op = operator.toLowerCase();
  const colon = op.indexOf(':');
  if (colon >= 0) {
    const set = op.slice(0, colon);
    if (set !== 'forallvalues' && set !== 'foranyvalue') return false;
    op = op.slice(colon + 1);
  }
  if (op === 'null') return true;
  if (op.endsWith('ifexists')) op = op.slice(0, -'ifexists'.length);
  return BASE_OPERATORS.includes(op);
}

/** Paths (`Statement[0].Condition.StringEqualz`) of the unknown condition operators of a policy document. */
export function unknownConditionOperators(document: unknown): string[] {
  const statements = (document as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const out: string[] = [];
  list.forEach((statement, i) => {
    const condition = (statement as { Condition?: unknown } | undefined)?.Condition;
    if (typeof condition !== 'object' || condition === null) return;
    for (const operator of Object.keys(condition)) {
      if (!isKnownConditionOperator(operator)) out.push(`Statement[${i}].Condition.${operator}`);
    }
  });
  return out;
}
