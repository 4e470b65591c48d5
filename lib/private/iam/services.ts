/**
 * AWS service principals that assume roles on a caller's behalf, and the source conditions that keep another AWS
 * customer from pointing the same service at your role (the cross-service confused deputy).
 *
 * A service principal (`events.amazonaws.com`) acts for every AWS customer. For the services below, AWS documents
 * that the service sends `aws:SourceAccount` / `aws:SourceArn` when it assumes a role, and recommends testing them in
 * the role's trust policy. General page: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html ;
 * the keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
 * and #condition-keys-sourceaccount (an `aws:SourceArn` value is matched field by field under the ARN operators,
 * so a wildcard in the account field admits every account).
 *
 * Deliberately absent: compute services whose sessions are bound to your own resources and whose documented trust
 * carries no source condition (`lambda`, `ec2`, `ecs-tasks`, `eks`, `edgelambda`, `pods.eks`), and services whose
 * common roles are deployed by tooling without the keys (`cloudformation`, `codepipeline`): the curated list is a
 * warning, not an inventory.
 *
 * Internal: not exported from the package root.
 */
import { isPolicyVariable, policyVariableName, splitArnFields } from './text';

/** One service that supports source conditions in the trust policy of the roles it assumes, with its source. */
export interface SourceConditionService {
  /** The principal name without `.amazonaws.com` (`events`, `delivery.logs`). */
  readonly name: string;
  /** The AWS page that documents the condition keys for this service's role. */
  readonly source: string;
}

const IAM_CD = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html';

/**
 * The curated table. Services with their own page were checked for this table; the others (source: the general IAM
 * page) are carried over from the pack's earlier curated list, and their per-service pages were not re-checked.
 */
export const SOURCE_CONDITION_SERVICES: readonly SourceConditionService[] = [
  {
    name: 'appstream',
    source: 'https://docs.aws.amazon.com/appstream2/latest/developerguide/example-elastic-fleets.html',
  },
  { name: 'appsync', source: IAM_CD },
  { name: 'backup', source: IAM_CD },
  { name: 'batchoperations.s3', source: IAM_CD },
  { name: 'bedrock', source: IAM_CD },
  { name: 'cloudtrail', source: IAM_CD },
  { name: 'codebuild', source: IAM_CD },
  { name: 'config', source: IAM_CD },
  {
    name: 'credentials.iot',
    source: 'https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html',
  },
  { name: 'datasync', source: IAM_CD },
  { name: 'delivery.logs', source: IAM_CD },
  { name: 'events', source: IAM_CD },
  { name: 'firehose', source: IAM_CD },
  {
    name: 'frauddetector',
    source: 'https://docs.aws.amazon.com/frauddetector/latest/ug/confused-deputy-prevention.html',
  },
  { name: 'greengrass', source: IAM_CD },
  {
    name: 'iot',
    source: 'https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html',
  },
  { name: 'logs', source: IAM_CD },
  { name: 'monitoring.rds', source: IAM_CD },
  {
    name: 'personalize',
    source: 'https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html',
  },
  { name: 'pipes', source: IAM_CD },
  { name: 's3', source: IAM_CD },
  { name: 'sagemaker', source: IAM_CD },
  { name: 'scheduler', source: IAM_CD },
  { name: 'sns', source: IAM_CD },
  { name: 'ssm', source: IAM_CD },
  { name: 'states', source: IAM_CD },
  { name: 'transfer', source: IAM_CD },
  { name: 'vpc-flow-logs', source: IAM_CD },
];

/** The general AWS page on the confused deputy problem. */
export const CONFUSED_DEPUTY_SOURCE = IAM_CD;

/** The service's table entry, or `undefined` when the service is not in the curated list. */
export function sourceConditionService(name: string | undefined): SourceConditionService | undefined {
  return name === undefined ? undefined : SOURCE_CONDITION_SERVICES.find((s) => s.name === name);
}

const URL_SUFFIX = /(\{\{AWS\.URLSuffix\}\}|\$\{AWS::URLSuffix\}|amazonaws\.com(\.cn)?)$/i;
const REGION = /\.([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d|\{\{AWS\.Region\}\}|\$\{AWS::Region\})$/i;

/**
 * The service name of a service principal, or `undefined` when the text is not a service principal's shape.
 * Accepts the forms templates use: `states.amazonaws.com`, China `states.amazonaws.com.cn`, the URL suffix as an
 * intrinsic (`states.${AWS::URLSuffix}`, rendered `states.{{AWS.URLSuffix}}`, which is what `Fn::Join` /
 * `Fn::Sub` of `AWS::URLSuffix` give), and regional principals (`logs.eu-west-1.amazonaws.com`,
 * `logs.${AWS::Region}.amazonaws.com`). Case-insensitive; the result is lower case.
 */
export function serviceNameOf(principal: string): string | undefined {
  const text = principal.trim();
  const suffix = URL_SUFFIX.exec(text);
  if (!suffix || suffix.index === 0 || text[suffix.index - 1] !== '.') return undefined;
  let name = text.slice(0, suffix.index - 1);
  name = name.replace(REGION, '');
  if (name === '' || /[{}$*?:/\s]/.test(name)) return undefined;
  return name.toLowerCase();
}

/** Whether the principal is a service of the curated list (see `serviceNameOf`). */
export function supportsSourceConditions(principal: string): boolean {
  return sourceConditionService(serviceNameOf(principal)) !== undefined;
}

/** How a condition operator reads a source value. */
export enum SourceMatch {
  /** `StringEquals` / `StringEqualsIgnoreCase`: no wildcard. */
  EXACT = 'exact',
  /** `ArnLike` / `ArnEquals`: wildcards, matched field by field (a `*` never crosses a `:`). */
  ARN = 'arn',
  /** `StringLike`: wildcards that cross `:` too. */
  STRING_LIKE = 'string-like',
}

/** The match kind of a condition operator base (lower case, no set prefix, no IfExists). */
export function sourceMatchOf(operatorBase: string): SourceMatch {
  const base = operatorBase.toLowerCase();
  if (base === 'arnlike' || base === 'arnequals') return SourceMatch.ARN;
  if (base === 'stringlike') return SourceMatch.STRING_LIKE;
  return SourceMatch.EXACT;
}

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

function hasWildcard(text: string): boolean {
  return /[*?]/.test(text.replace(PLACEHOLDER, ''));
}

/**
 * Whether an `aws:SourceArn` value admits resources of more than one account, so that it is no guard: `*`, an ARN
 * whose account field is empty or a wildcard, a value that is not ARN-shaped and has a wildcard, or (under
 * `StringLike`, whose `*` crosses `:`) a wildcard at or before the account field. A placeholder (a parameter, an
 * import, `AWS::AccountId`) is one concrete account.
 */
export function sourceArnSpansAccounts(value: string, match: SourceMatch): boolean {
  const v = value.trim();
  if (/^arn:/i.test(v) && followsRequest(splitArnFields(v)[4] ?? '', 'aws:resourceaccount')) return true;
  if (!/^arn:/i.test(v) && followsRequest(v, '')) return true; // `${aws:SourceArn}`: every request's own
  if (match === SourceMatch.EXACT) return v === '';
  if (!/^arn:/i.test(v)) return hasWildcard(v) || v === '';
  const fields = splitArnFields(v);
  if (fields.length < 6) return hasWildcard(v);
  const account = fields[4];
  if (account === '' || hasWildcard(account)) return true;
  if (match === SourceMatch.STRING_LIKE && fields.slice(0, 4).some(hasWildcard)) return true;
  return false;
}

/** Whether an `aws:SourceAccount` value admits more than one account (`*`, `1111*`, empty). */
export function sourceAccountSpansAccounts(value: string, match: SourceMatch): boolean {
  const v = value.trim();
  if (v === '' || followsRequest(v, 'aws:resourceaccount')) return true;
  return match !== SourceMatch.EXACT && hasWildcard(v);
}

/**
 * Whether a value holds a policy variable that follows the request (`${aws:SourceAccount}`, `${aws:PrincipalAccount}`):
 * resolved per request, it matches every caller's own value, so it bounds nothing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). The variable of the role's own
 * side (`ownVariable`: `${aws:ResourceAccount}`) is this account, a bound.
 */
function followsRequest(value: string, ownVariable: string): boolean {
  return isPolicyVariable(value) && policyVariableName(value) !== ownVariable;
}

/**
 * Whether an `aws:SourceOrgID` / `aws:SourceOrgPaths` value admits any organization (a wildcard before or in the
 * organization id). `o-abc123/*` (every account of one organization) is bounded.
 */
export function sourceOrgSpansOrganizations(value: string, match: SourceMatch): boolean {
  const v = value.trim();
  if (v === '' || followsRequest(v.split('/')[0], 'aws:resourceorgid')) return true;
  if (match === SourceMatch.EXACT) return false;
  const org = v.split('/')[0];
  return hasWildcard(org);
}

/** The source keys (lower case) that, narrowed to one account or organization, guard a service principal. */
export const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'] as const;

/**
 * Whether one value of a source key, under an operator, bounds the callers to one account or organization
 * (see the `...Spans...` functions).
 */
export function sourceValueGuards(keyLower: string, value: string, match: SourceMatch): boolean {
  switch (keyLower) {
    case 'aws:sourcearn':
      return !sourceArnSpansAccounts(value, match);
    case 'aws:sourceaccount':
      return !sourceAccountSpansAccounts(value, match);
    case 'aws:sourceorgid':
    case 'aws:sourceorgpaths':
      return !sourceOrgSpansOrganizations(value, match);
    default:
      return false;
  }
}
