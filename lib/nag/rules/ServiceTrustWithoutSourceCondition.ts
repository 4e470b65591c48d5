import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { allowTrustStatementsOf, isPureWildcard, hasNarrowingClause, PolicyStatement } from '../policy-reader';
import { defineRule } from '../sts-rule';

/**
 * Service principals whose documentation supports `aws:SourceAccount` / `aws:SourceArn` in the trust policy of the
 * roles they assume (cross-service confused deputy prevention). Curated, not exhaustive: a service missing here is
 * simply not checked. Deliberately absent: `lambda`, `ec2`, `ecs-tasks`, `eks`, `edgelambda` and other compute
 * services, whose sessions are bound to your own resources and whose documented trust carries no source condition.
 * Regional forms (`logs.eu-west-1.amazonaws.com`) and the China suffix are matched too.
 */
export const SOURCE_CONDITION_SERVICES: readonly string[] = [
  'appsync',
  'backup',
  'batchoperations.s3',
  'bedrock',
  'cloudtrail',
  'codebuild',
  'config',
  'credentials.iot',
  'datasync',
  'delivery.logs',
  'events',
  'firehose',
  'greengrass',
  'iot',
  'logs',
  'monitoring.rds',
  'personalize',
  'pipes',
  's3',
  'sagemaker',
  'scheduler',
  'sns',
  'ssm',
  'states',
  'transfer',
  'vpc-flow-logs',
];

/**
 * A role trusts a service principal from SOURCE_CONDITION_SERVICES without a positive match on `aws:SourceAccount`,
 * `aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths` (wildcard-only values do not count).
 */
export default defineRule(__filename, {
  level: NagMessageLevel.WARN,
  info: 'The trust policy trusts an AWS service that supports aws:SourceAccount / aws:SourceArn without either condition.',
  explanation: 'A service principal acts for every AWS customer. Without aws:SourceAccount or aws:SourceArn, another '
    + 'customer can point the same service at this role (a cross-service confused deputy) if they learn its ARN. Add '
    + 'StringEquals aws:SourceAccount = your account id, and ArnLike aws:SourceArn = the ARN (pattern) of the resources '
    + 'that use the role, e.g. arn:PARTITION:events:REGION:ACCOUNT:rule/NAME. A warning: the list of services is '
    + 'curated, and some older integrations do not send the keys; acknowledge with a reason if yours does not.',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  for (const statement of allowTrustStatementsOf(node)) {
    const covered = statement.principals.some(p => p.type === 'Service' && SOURCE_CONDITION_SERVICES.includes(serviceName(p.text)));
    if (covered && !hasSourceCondition(statement)) return NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.COMPLIANT;
});

/** `logs.eu-west-1.amazonaws.com` -> `logs`; `events.amazonaws.com.cn` -> `events`. */
function serviceName(principal: string): string {
  const name = principal.toLowerCase().replace(/\.amazonaws\.com(\.cn)?$/, '');
  return name.replace(/\.[a-z]{2}(-gov)?-[a-z]+-\d$/, '');
}

function hasSourceCondition(statement: PolicyStatement): boolean {
  return ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']
    .some(key => hasNarrowingClause(statement, key, v => !isPureWildcard(v)));
}
