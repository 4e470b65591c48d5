/**
 * Runs every StsChecks rule over raw CloudFormation templates (JSON), without a CDK app: what the `check` command
 * uses. The rules are the same functions the cdk-nag pack runs (sts-checks.ts).
 */
import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { IamTemplate } from '../private/iam';
import { failureOf, isFailure, RuleSubject } from './rule-subject';
import { READ_TYPES } from './read-types';
import { STS_RULES } from './rules';
import { DEFAULT_TRUST_POLICY_SIZE_QUOTA, RuleOptions } from './sts-rule';

/** One template to check. */
export interface TemplateInput {
  /** A file path or a stack id (named in findings). */
  readonly name: string;
  /** The template (JSON object). */
  readonly template: unknown;
}

/** The StsChecksProps that matter outside CDK. */
export interface CheckOptions {
  readonly ownAccounts?: string[];
  readonly organizationId?: string;
  readonly trustPolicySizeQuota?: number;
  readonly samlAudiences?: string[];
  /** The partition, for the size measure. @default - unknown: the longest partition name is counted */
  readonly partition?: string;
  /** The account the templates are deployed to, when known (it counts as one's own). */
  readonly account?: string;
}

/** One finding. */
export interface Finding {
  /** `StsChecks-WildcardPrincipalTrust`. */
  readonly ruleId: string;
  readonly level: 'Error' | 'Warning';
  /** `TemplateInput.name`. */
  readonly template: string;
  /** Logical id. */
  readonly resource: string;
  /** `AWS::IAM::Role`. */
  readonly resourceType: string;
  /** The rule's info (plus a detail, when the rule gives one). */
  readonly message: string;
  /** Which reachable variant fails, e.g. "when parameter RepoName keeps its default '*'". */
  readonly variant?: string;
}

/** Runs every rule on every IAM resource of the templates. Never throws on a template's content. */
export function checkTemplates(inputs: readonly TemplateInput[], options: CheckOptions = {}): Finding[] {
  const ruleOptions: RuleOptions = {
    ownAccounts: [...(options.ownAccounts ?? [])],
    organizationId: options.organizationId,
    trustPolicySizeQuota: options.trustPolicySizeQuota ?? DEFAULT_TRUST_POLICY_SIZE_QUOTA,
    samlAudiences: options.samlAudiences ? [...options.samlAudiences] : undefined,
  };
  const findings: Finding[] = [];
  for (const input of inputs) {
    findings.push(...notReadable(input));
    const template = IamTemplate.fromJson(input.template, {
      name: input.name,
      environment: { partition: options.partition, account: options.account },
    });
    for (const resource of template.resources.values()) {
      if (!READ_TYPES.has(resource.type)) continue;
      const subject = new RuleSubject(template, resource);
      for (const rule of STS_RULES) {
        let verdict;
        try {
          verdict = rule.check(subject, ruleOptions);
        } catch (e) {
          findings.push({
            ruleId: 'StsChecks-RuleError',
            level: 'Error',
            template: input.name,
            resource: resource.logicalId,
            resourceType: resource.type,
            message: `rule ${rule.name} could not read the resource: ${(e as Error).message}`,
          });
          continue;
        }
        if (!isFailure(verdict)) continue;
        const { variant, detail } = failureOf(verdict);
        findings.push({
          ruleId: `StsChecks-${rule.name}`,
          level: rule.level === NagMessageLevel.ERROR ? 'Error' : 'Warning',
          template: input.name,
          resource: resource.logicalId,
          resourceType: resource.type,
          message: detail ? `${rule.info} ${detail}` : rule.info,
          ...(variant ? { variant } : {}),
        });
      }
    }
  }
  return findings;
}

/** The rule id of the warning for parts of a template that StsChecks cannot read. */
export const TEMPLATE_NOT_READABLE = 'StsChecks-TemplateNotReadable';

const NOT_READABLE_INFO = 'StsChecks could not read part of this template and judged nothing there:';

/**
 * Resource types that hold IAM policies StsChecks does not read, with the properties that hold them. An Identity
 * Center permission set becomes a role (its policies that role's identity policies) in every account it is assigned to.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sso-permissionset.html
 */
const UNREAD_IAM_TYPES: Record<string, string[]> = {
  'AWS::SSO::PermissionSet': [
    'InlinePolicy',
    'ManagedPolicies',
    'CustomerManagedPolicyReferences',
    'PermissionsBoundary',
  ],
};

/**
 * Warnings for what a raw template hides from the rules, so that `check` never says "no findings" about IAM it did not
 * see (red-team M6): a template-level `Transform` (SAM's `AWS::Serverless-2016-10-31` writes the roles and policies of
 * `AWS::Serverless::*` resources only when CloudFormation processes the template), an `Fn::Transform` in an IAM
 * resource (an `AWS::Include` snippet), and resource types whose IAM policies are not read (`UNREAD_IAM_TYPES`).
 * Reads the raw JSON defensively: never throws.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-section-structure.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html
 */
function notReadable(input: TemplateInput): Finding[] {
  const raw = input.template;
  if (!isObject(raw)) return [];
  const out: Finding[] = [];
  const finding = (resource: string, resourceType: string, what: string): Finding => ({
    ruleId: TEMPLATE_NOT_READABLE,
    level: 'Warning',
    template: input.name,
    resource,
    resourceType,
    message: `${NOT_READABLE_INFO} ${what}`,
  });
  const resources = isObject(raw.Resources)
    ? (Object.entries(raw.Resources).filter(([, r]) => isObject(r)) as [string, Record<string, unknown>][])
    : [];
  const expanded = resources
    .filter(([, r]) => typeof r.Type === 'string' && r.Type.startsWith('AWS::Serverless::'))
    .map(([id, r]) => `${r.Type} ${id}`);
  // SAM's transform writes IAM only for AWS::Serverless::* resources (function and state machine roles, connector
  // policies); a template that only declares it hides nothing. Any other transform (a macro) may write anything.
  const transforms = transformNames(raw.Transform).filter((t) => t !== SAM_TRANSFORM || expanded.length > 0);
  if (transforms.length > 0) {
    out.push(
      finding(
        '(template)',
        '(template)',
        `the template declares Transform ${transforms.join(', ')}, which CloudFormation ` +
          'expands at deploy time; the roles and policies it writes' +
          (expanded.length > 0
            ? ` (for ${expanded.slice(0, 5).join(', ')}${expanded.length > 5 ? ', ...' : ''})`
            : '') +
          ' are not checked. Check the processed template instead: ' +
          '`aws cloudformation get-template --stack-name STACK --template-stage Processed` (after a change set is created).',
      ),
    );
  }
  if (isObject(raw.Resources) && raw.Resources['Fn::Transform'] !== undefined) {
    out.push(
      finding(
        '(template)',
        '(template)',
        `resources are added by Fn::Transform ${transformNamesIn({ 'Fn::Transform': raw.Resources['Fn::Transform'] }).join(', ')} ` +
          'at deploy time: not read. Check the processed template (`aws cloudformation get-template --template-stage Processed`).',
      ),
    );
  }
  for (const [id, resource] of resources) {
    if (id === 'Fn::Transform') continue;
    const type = typeof resource.Type === 'string' ? resource.Type : '?';
    const properties = isObject(resource.Properties) ? resource.Properties : {};
    if (READ_TYPES.has(type)) {
      const where = [
        ...Object.entries(properties)
          .filter(([k, v]) => k === 'Fn::Transform' || containsTransform(v))
          .map(([k, v]) =>
            k === 'Fn::Transform'
              ? `the properties are built by Fn::Transform ${transformNamesIn({ [k]: v }).join(', ')}`
              : `${k} is built by Fn::Transform ${transformNamesIn(v).join(', ') || '(unnamed)'}`,
          ),
      ];
      if (where.length > 0) out.push(finding(id, type, `${where.join('; ')} at deploy time: not read.`));
      continue;
    }
    const unread = (UNREAD_IAM_TYPES[type] ?? []).filter((p) => properties[p] !== undefined);
    if (unread.length > 0) {
      out.push(
        finding(
          id,
          type,
          `${unread.join(', ')} of ${type}: StsChecks does not read this type's policies ` +
            '(a permission set becomes a role in every account it is assigned to); review them by hand.',
        ),
      );
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The names of a template-level `Transform` (a string, a list, or `{ Name }` objects). */
function transformNames(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map((t) =>
    typeof t === 'string' ? t : isObject(t) && typeof t.Name === 'string' ? t.Name : '(unnamed)',
  );
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

const MAX_WALK = 100_000;

/** Walks a raw value iteratively (no recursion, cycles and very deep values are fine) for `Fn::Transform` keys. */
function transformNamesIn(v: unknown): string[] {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const stack: unknown[] = [v];
  let steps = 0;
  while (stack.length > 0 && steps++ < MAX_WALK) {
    const cur = stack.pop();
    if (typeof cur !== 'object' || cur === null || seen.has(cur)) continue;
    seen.add(cur);
    for (const [k, child] of Object.entries(cur)) {
      if (k === 'Fn::Transform') transformNames(child).forEach((n) => names.add(n));
      stack.push(child);
    }
  }
  return [...names];
}

function containsTransform(v: unknown): boolean {
  return transformNamesIn(v).length > 0;
}
