import { Duration, Token } from 'aws-cdk-lib';
import { invalidInput } from '../private/errors';

/**
 * A policy `Condition` block: operator -> condition key -> value(s).
 * Internal building block; public APIs take typed props and produce these.
 */
export interface ConditionMap {
  [operator: string]: { [key: string]: unknown };
}

/**
 * Merge condition blocks into a new one (inputs are not mutated). The same operator and key given twice
 * with different values is an error: IAM would AND them, which is almost never what the caller meant. Keys are
 * compared without case, as IAM compares them (`saml:aud` is `SAML:aud`,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html); the first spelling
 * is kept.
 */
export function mergeConditions(path: string, ...blocks: Array<ConditionMap | undefined>): ConditionMap {
  const out: ConditionMap = {};
  for (const block of blocks) {
    if (!block) continue;
    for (const [operator, keys] of Object.entries(block)) {
      const target = out[operator] ?? (out[operator] = {});
      for (const [key, value] of Object.entries(keys)) {
        const existing = Object.keys(target).find((k) => k.toLowerCase() === key.toLowerCase());
        if (existing !== undefined && JSON.stringify(target[existing]) !== JSON.stringify(value)) {
          throw invalidInput(
            path,
            `condition ${operator} ${key}`,
            value,
            `one value; it is already ${JSON.stringify(target[existing])}${existing === key ? '' : ` (as ${existing}: condition keys ignore case)`}`,
          );
        }
        target[existing ?? key] = value;
      }
    }
  }
  return out;
}

/** One value as is, several as a list: the shape IAM documents use. */
export function oneOrMany<T>(values: readonly T[]): T | T[] {
  return values.length === 1 ? values[0] : [...values];
}

/**
 * MFA required: `Bool` on `aws:MultiFactorAuthPresent` (never `BoolIfExists`, which admits long-term
 * access keys that carry no MFA context at all), plus `NumericLessThan` on `aws:MultiFactorAuthAge`
 * when a maximum age is given.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function mfaConditions(maxAge?: Duration): ConditionMap {
  const conditions: ConditionMap = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (maxAge !== undefined) {
    conditions.NumericLessThan = {
      'aws:MultiFactorAuthAge': Token.isUnresolved(maxAge.toSeconds())
        ? maxAge.toSeconds()
        : String(maxAge.toSeconds()),
    };
  }
  return conditions;
}

/** ExternalId pinned with `StringEquals` on `sts:ExternalId` (never `StringLike`, never `...IfExists`). */
export function externalIdConditions(externalIds: readonly string[]): ConditionMap {
  return { StringEquals: { 'sts:ExternalId': oneOrMany(externalIds) } };
}
