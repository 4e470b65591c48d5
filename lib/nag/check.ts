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
    ownAccounts: [...options.ownAccounts ?? []],
    organizationId: options.organizationId,
    trustPolicySizeQuota: options.trustPolicySizeQuota ?? DEFAULT_TRUST_POLICY_SIZE_QUOTA,
    samlAudiences: options.samlAudiences ? [...options.samlAudiences] : undefined,
  };
  const findings: Finding[] = [];
  for (const input of inputs) {
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
            ruleId: 'StsChecks-RuleError', level: 'Error', template: input.name, resource: resource.logicalId, resourceType: resource.type,
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
