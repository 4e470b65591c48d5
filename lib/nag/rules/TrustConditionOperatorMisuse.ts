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
 * Keys of the caller and of the request's origin that may be missing from the request context, on top of the shared
 * `SECURITY_KEYS` (ExternalId, MFA, organization, account, ARN, source account / ARN / organization / identity, SAML
 * and web identity claims): `...IfExists` on them in an Allow admits every request that does not carry them. Per the
 * "Availability" of each key in AWS global condition context keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * - `aws:PrincipalTag/<key>` is only there when the principal has that tag (an untagged principal passes);
 * - `aws:PrincipalServiceName` / `aws:PrincipalServiceNamesList` only when an AWS service principal calls;
 * - `aws:PrincipalType` is always there, but IfExists on it is the same slip on a key that picks the caller;
 * - `aws:SourceVpc` / `aws:SourceVpce` only when the call comes through a VPC endpoint (the page's own IfExists
 *   example pairs `IpAddressIfExists aws:SourceIp` with `StringEqualsIfExists aws:SourceVpc`);
 * - `aws:SourceIp` is missing when an AWS service calls with its service principal or on a principal's behalf.
 * Not listed: `aws:PrincipalIsAWSService` (always present, a boolean that picks no one) and keys of the request itself
 * (`aws:RequestTag/*`, `aws:TagKeys`, ...), which do not decide who assumes.
 */
const ABSENT_CALLER_KEYS = [
  'aws:principaltype',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
];
const ABSENT_CALLER_KEY_PREFIXES = ['aws:principaltag/'];

/**
 * An Allow trust statement has a condition mistake that silently widens or breaks trust:
 * - a `*` or `?` inside `StringEquals` / `StringNotEquals` (matched literally, so the pin never matches, or the
 *   exclusion never excludes);
 * - `ForAllValues:` on a single-valued key (true when the key is missing from the request);
 * - `...IfExists` on a key that decides who may assume (`sts:ExternalId`, MFA, `aws:Principal*` including
 *   `aws:PrincipalTag/*`, `aws:Source*` including `aws:SourceIp`/`SourceVpc`/`SourceVpce`, `SAML:aud`, any web identity
 *   claim), which makes the restriction optional.
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
  return clause.ifExists && decidesWhoAssumes(clause.keyLower);
}

/** Whether a condition key (lower case: IAM keys and tag keys are case-insensitive) decides who may assume. */
function decidesWhoAssumes(keyLower: string): boolean {
  return (
    isSecurityKey(keyLower) ||
    ABSENT_CALLER_KEYS.includes(keyLower) ||
    ABSENT_CALLER_KEY_PREFIXES.some((prefix) => keyLower.startsWith(prefix) && keyLower.length > prefix.length)
  );
}
