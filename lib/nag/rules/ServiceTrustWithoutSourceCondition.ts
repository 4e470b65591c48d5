import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { ConditionClause, isNarrowing, PolicyStatement } from '../../private/iam';
import {
  SOURCE_CONDITION_SERVICES as SERVICES,
  SOURCE_KEYS,
  serviceNameOf,
  sourceMatchOf,
  sourceValueGuards,
  supportsSourceConditions,
} from '../../private/iam/services';
import { defineRule, judgeTrust } from '../sts-rule';

/** The names of the services whose role trust supports source conditions (see private/iam/services.ts, with sources). */
export const SOURCE_CONDITION_SERVICES: readonly string[] = SERVICES.map((s) => s.name);

/**
 * A role trusts a service principal of the curated list (services that act for every AWS customer and send
 * `aws:SourceAccount` / `aws:SourceArn` when they assume a role) without a positive match on `aws:SourceAccount`,
 * `aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths` that bounds the callers to one account or organization.
 *
 * Judged on the effective trust of every reachable variant: a Deny `StringNotEquals aws:SourceAccount` counts as the
 * condition it stands for. A value that spans accounts is no guard: `aws:SourceArn` `arn:aws:events:*:*:rule/*`,
 * `aws:SourceAccount` `*`, and under `StringLike` (whose `*` crosses `:`) any wildcard at or before the account field.
 * Principal spellings: `states.amazonaws.com`, `states.${AWS::URLSuffix}`, `Fn::Join` forms, China and regional forms.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.WARN,
    info: 'The trust policy trusts an AWS service that supports aws:SourceAccount / aws:SourceArn without a condition that bounds it to one account.',
    explanation:
      'A service principal acts for every AWS customer. Without aws:SourceAccount or aws:SourceArn, another ' +
      'customer can point the same service at this role (a cross-service confused deputy) if they learn its ARN. Add ' +
      'StringEquals aws:SourceAccount = your account id, and ArnLike aws:SourceArn = the ARN (pattern) of the resources ' +
      'that use the role, e.g. arn:PARTITION:events:REGION:ACCOUNT:rule/NAME, with the account field concrete (a * there ' +
      'admits every account). See https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html. A warning: the ' +
      'list of services is curated, and some older integrations do not send the keys; acknowledge with a reason if yours ' +
      'does not.',
  },
  (subject) =>
    judgeTrust(subject, (variant) => {
      for (const statement of variant.allow) {
        const service = statement.principals.find((p) => p.type === 'Service' && supportsSourceConditions(p.text));
        if (!service) continue;
        const why = missingGuard(statement);
        if (why) return `${serviceNameOf(service.text)}.amazonaws.com: ${why}`;
      }
      return false;
    }),
);

/** Why a statement has no source guard, or `undefined` when it has one. */
function missingGuard(statement: PolicyStatement): string | undefined {
  const clauses = statement.conditions.filter((c) => (SOURCE_KEYS as readonly string[]).includes(c.keyLower));
  if (clauses.length === 0)
    return 'no aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition';
  const reasons: string[] = [];
  for (const clause of clauses) {
    const verdict = guards(clause);
    if (verdict === true) return undefined;
    reasons.push(verdict);
  }
  return reasons[0];
}

function guards(clause: ConditionClause): true | string {
  if (!isNarrowing(clause))
    return `${clause.operator} ${clause.key} does not require the key (IfExists, ForAllValues or negated)`;
  if (clause.values.length === 0) return `${clause.key} has no value`;
  const match = sourceMatchOf(clause.base);
  const open = clause.values.find((v) => !sourceValueGuards(clause.keyLower, v, match));
  return open === undefined ? true : `${clause.key} '${open}' spans accounts`;
}
