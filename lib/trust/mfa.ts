import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Deny everything but `exceptActions` while the caller has not signed in with MFA.
 *
 * A Deny uses `BoolIfExists` on purpose (the AWS-documented pattern): a request made with long-term
 * access keys carries no `aws:MultiFactorAuthPresent` at all, and `IfExists` makes the deny apply to it
 * too. (An Allow must use plain `Bool` for the same reason.)
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
 */
export function denyWithoutMfaExcept(
  exceptActions: readonly string[],
  sid = 'DenyAllExceptListedWithoutMfa',
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    notActions: [...exceptActions],
    resources: ['*'],
    conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  });
}
