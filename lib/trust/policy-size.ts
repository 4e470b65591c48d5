import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PolicyLength, policySize } from '../private/iam/size';
import { concretePartition } from '../private/partition';

export type { PolicyLength } from '../private/iam/size';

/**
 * Length of a policy document as AWS counts it against a quota (JSON without whitespace, once resolved), with the
 * one measure of the IAM model (lib/private/iam/size.ts) that StsChecks' TrustPolicyTooLarge uses too. With a scope,
 * the pseudo parameters its stack knows (the partition from the region, a concrete account or region) are resolved;
 * the others are counted at their longest.
 */
export function policyLength(resolvedDocument: unknown, scope?: IConstruct): PolicyLength {
  if (!scope) return policySize(resolvedDocument);
  const stack = Stack.of(scope);
  const concrete = (v: string): string | undefined => (Token.isUnresolved(v) ? undefined : v);
  return policySize(resolvedDocument, {
    partition: concretePartition(scope),
    account: concrete(stack.account),
    region: concrete(stack.region),
  });
}
