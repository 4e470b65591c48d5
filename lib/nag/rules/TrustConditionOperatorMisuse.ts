import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { ConditionClause, hasWildcard, isSecurityKey, MULTI_VALUED_KEYS } from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

const EXACT_STRING_OPERATORS = [
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
];

/**
 * An Allow trust statement has a condition mistake that silently widens or breaks trust:
 * - a `*` or `?` inside `StringEquals` / `StringNotEquals` (matched literally, so the pin never matches, or the
 *   exclusion never excludes);
 * - `ForAllValues:` on a single-valued key (true when the key is missing from the request);
 * - `...IfExists` on a key that decides who may assume (`sts:ExternalId`, MFA, `aws:Principal*`, `aws:Source*`,
 *   `SAML:aud`, any web identity claim), which makes the restriction optional.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy has a wildcard inside StringEquals, ForAllValues on a single-valued key, or IfExists on a key that decides who may assume.',
    explanation:
      'StringEquals compares literally: "repo:acme/*" under StringEquals never matches, so the trust silently ' +
      'breaks (or, negated, never excludes); use StringLike for patterns. ForAllValues is true when the key is absent, ' +
      'so on a single-valued key it lets requests without that key through; use the plain operator (or ForAnyValue for ' +
      'multi-valued keys such as cognito-identity.amazonaws.com:amr). IfExists is true when the key is absent, which ' +
      'turns a required ExternalId, MFA, organization or token claim into an optional one; drop IfExists in Allow ' +
      'statements (it belongs in Deny statements).',
  },
  (subject) =>
    judgeTrust(subject, (variant) => {
      const misused = variant.writtenAllow.flatMap((s) => s.conditions).find(isMisused);
      return misused ? `(${misused.operator} on ${misused.key})` : false;
    }),
);

function isMisused(clause: ConditionClause): boolean {
  if (EXACT_STRING_OPERATORS.includes(clause.base) && clause.values.some(hasWildcard)) return true;
  if (clause.set === 'forallvalues' && !MULTI_VALUED_KEYS.includes(clause.keyLower)) return true;
  return clause.ifExists && isSecurityKey(clause.keyLower);
}
