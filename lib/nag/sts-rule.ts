/**
 * The shape of a StsChecks rule and the options the pack hands to it. Internal: not exported from the package root.
 *
 * A rule judges a `RuleSubject` (one resource of one `IamTemplate`, with the model's views) and returns a `Verdict`.
 * The same rule function runs in the cdk-nag pack (sts-checks.ts, through a subject built from the stack's template)
 * and in `checkTemplates` (check.ts, on raw template JSON).
 */
import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { RuleSubject, Verdict } from './rule-subject';
import { StsLimits } from '../trust/limits';
import { subjectOfNode } from './stack-templates';

export { failure, failureOf, isFailure, judgeTrust, RuleSubject } from './rule-subject';
export type { Failure, Verdict } from './rule-subject';

/** What only the user knows, as the rules read it (StsChecksProps with defaults applied). */
export interface RuleOptions {
  /** Accounts that count as one's own (the stack's own concrete account always does). */
  readonly ownAccounts: readonly string[];
  /** The user's AWS Organizations id, if given. */
  readonly organizationId?: string;
  /** Largest trust policy, in characters without whitespace. */
  readonly trustPolicySizeQuota: number;
  /** Accepted `SAML:aud` values; `undefined` accepts the AWS sign-in SAML endpoints of every partition. */
  readonly samlAudiences?: readonly string[];
}

/** The IAM default quota of a role trust policy (characters, whitespace not counted). */
export const DEFAULT_TRUST_POLICY_SIZE_QUOTA = StsLimits.TRUST_POLICY_DEFAULT_QUOTA;

/** Options used when a rule runs on its own (outside the pack). */
export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  ownAccounts: [],
  trustPolicySizeQuota: DEFAULT_TRUST_POLICY_SIZE_QUOTA,
};

/** The check of a rule: `NOT_APPLICABLE` for resources it does not read. */
export type RuleCheck = (subject: RuleSubject, options: RuleOptions) => Verdict;

/** A StsChecks rule: a function named after its file (the id suffix), with its level and messages. */
export interface StsRule {
  /** Runs the rule on a construct (the stack is rendered to a template first): what cdk-nag calls. */
  (node: CfnResource, options?: RuleOptions): NagRuleResult;
  /** The rule id suffix (`StsChecks-<name>`), from the file name as in cdk-nag. */
  readonly name: string;
  /** ERROR for trust that is dangerous or that AWS would reject; WARN where judgment applies. */
  readonly level: NagMessageLevel;
  /** What is wrong (the finding's description). */
  readonly info: string;
  /** Why it matters and how to fix it (shown with `verbose: true`). */
  readonly explanation: string;
  /** The rule on the model: what the pack and `checkTemplates` run. */
  readonly check: RuleCheck;
}

/**
 * Declares a rule in cdk-nag's style: the function's `name` is the file name (`parse(filename).name`).
 *
 * @param filename pass `__filename`
 */
export function defineRule(
  filename: string,
  meta: { readonly level: NagMessageLevel; readonly info: string; readonly explanation: string },
  check: RuleCheck,
): StsRule {
  const rule = (node: CfnResource, options: RuleOptions = DEFAULT_RULE_OPTIONS): NagRuleResult => {
    const subject = subjectOfNode(node);
    if (!subject) return NagRuleCompliance.NOT_APPLICABLE;
    const verdict = check(subject, options);
    return typeof verdict === 'object' ? verdict.compliance : verdict;
  };
  Object.defineProperty(rule, 'name', { value: parse(filename).name });
  return Object.assign(rule, meta, { check }) as StsRule;
}
