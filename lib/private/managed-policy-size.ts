import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { invalidInput } from './errors';
import { StsLimits } from '../trust/limits';
import { policyLength } from '../trust/policy-size';

/**
 * Fail the synth when `policy`'s document, once resolved, is longer than IAM's managed-policy quota
 * (`StsLimits.MANAGED_POLICY_MAX_LENGTH`, whitespace not counted): AWS would refuse it at deploy time.
 * Checked as a validation, so statements added after construction count too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export function checkManagedPolicySize(policy: iam.ManagedPolicy, hint: string): void {
  policy.node.addValidation({
    validate: () => {
      const length = policyLength(Stack.of(policy).resolve(policy.document), policy).length;
      if (length <= StsLimits.MANAGED_POLICY_MAX_LENGTH) return [];
      return [
        invalidInput(
          policy,
          'managed policy size',
          `${length} characters`,
          `at most ${StsLimits.MANAGED_POLICY_MAX_LENGTH} characters (StsLimits.MANAGED_POLICY_MAX_LENGTH, IAM's managed-policy quota, whitespace not counted); ${hint}`,
        ).message,
      ];
    },
  });
}
