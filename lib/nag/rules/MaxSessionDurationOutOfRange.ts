import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { describeAssumptions } from '../../private/iam';
import { StsLimits } from '../../trust/limits';
import { defineRule, failure } from '../sts-rule';

/** The shortest `MaxSessionDuration` IAM accepts, in seconds (1 hour). */
export const MIN_MAX_SESSION_DURATION = StsLimits.ROLE_MAX_SESSION_MIN_SECONDS;
/** The longest `MaxSessionDuration` IAM accepts, in seconds (12 hours). */
export const MAX_MAX_SESSION_DURATION = StsLimits.ROLE_MAX_SESSION_MAX_SECONDS;

/**
 * A role's `MaxSessionDuration` is outside 3,600 to 43,200 seconds. An error: IAM rejects the role at deploy time.
 * A value that is not a number at synth time (a parameter) is not judged.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The role MaxSessionDuration is outside 3,600 to 43,200 seconds.',
    explanation:
      'IAM only accepts a maximum session duration between 1 hour and 12 hours; CloudFormation fails at deploy ' +
      'time otherwise. Sessions shorter than an hour are requested by the caller (DurationSeconds, down to 900 seconds), ' +
      'not set on the role. Set MaxSessionDuration between 3600 and 43200 (Duration.hours(1) to Duration.hours(12)).',
  },
  (subject) => {
    if (subject.type !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
    if (subject.resource.properties.MaxSessionDuration === undefined) return NagRuleCompliance.COMPLIANT;
    let judged = false;
    for (const variant of subject.property('MaxSessionDuration')) {
      const raw = variant.value;
      const seconds =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) // -3600, 1e5
            ? Number(raw)
            : undefined;
      if (seconds === undefined) continue;
      judged = true;
      if (seconds < MIN_MAX_SESSION_DURATION || seconds > MAX_MAX_SESSION_DURATION || !Number.isInteger(seconds)) {
        return failure(describeAssumptions(variant.assumptions), `(${seconds} seconds)`);
      }
    }
    return judged ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
);
