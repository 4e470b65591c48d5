import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { allowTrustStatementsOf, ConditionClause, isUnresolvedText, isWildcardValue } from '../policy-reader';
import { defineRule } from '../sts-rule';

/** The ExternalId grammar STS accepts: 2 to 1,224 characters of `[\w+=,.@:/-]`. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * An Allow trust statement tests `sts:ExternalId` in a way that can be bypassed or guessed: a wildcard under
 * `StringLike`, an `...IfExists` operator (true when no ExternalId is passed), a negated operator, `ForAllValues:`
 * (true when absent), or a literal value outside the ExternalId grammar (which no caller can send, so the statement
 * is broken or the value is not what was meant). Values from parameters or imports are not judged.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'The trust policy tests sts:ExternalId with a wildcard, an IfExists or negated operator, ForAllValues, or a value outside the ExternalId grammar.',
  explanation: 'The ExternalId is the only thing that stops a third party (a confused deputy) from assuming this role on '
    + 'behalf of another of its customers. A StringLike wildcard makes it guessable, IfExists and ForAllValues make it '
    + 'optional (they are true when the caller sends none), a negated operator accepts every other value, and a value '
    + 'outside 2-1224 characters of [A-Za-z0-9_+=,.@:/-] can never be sent. Use StringEquals with one unguessable value, '
    + 'for example a UUID kept in Secrets Manager or given by the third party.',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const clauses = allowTrustStatementsOf(node).flatMap(s => s.conditions).filter(c => c.keyLower === 'sts:externalid');
  return clauses.some(isWeak) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
});

function isWeak(clause: ConditionClause): boolean {
  if (clause.ifExists || clause.negated || clause.set === 'forallvalues') return true;
  return clause.values.some(v => isWildcardValue(clause, v) || (!isUnresolvedText(v) && !EXTERNAL_ID.test(v)));
}
