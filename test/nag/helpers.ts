/** Test helpers for the StsChecks pack: build stacks of raw L1 resources and run rules or the pack on them. */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { StsChecks, StsChecksProps } from '../../lib/nag/sts-checks';
import { DEFAULT_RULE_OPTIONS, RuleOptions, RuleSubject, StsRule } from '../../lib/nag/sts-rule';
import { IamTemplate } from '../../lib/private/iam';

/** The stack account of test stacks (the example's production workload account). */
export const STACK_ACCOUNT = '444444444444';
/** The example's vendor account. */
export const VENDOR = '999999999999';
/** The example's identity hub account. */
export const HUB = '111111111111';
/** An organization id used by tests. */
export const ORG = 'o-a1b2c3d4e5';

/** A fresh stack in the example production account. */
export function newStack(account: string | undefined = STACK_ACCOUNT): Stack {
  const app = new App();
  return new Stack(app, 'Stack', account ? { env: { account, region: 'eu-west-1' } } : {});
}

/** A policy document of these statements. */
export function doc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

/** A trust statement: Allow `action` to `principal` under `condition`. */
export function allow(principal: unknown, action: unknown = 'sts:AssumeRole', condition?: object): object {
  return { Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) };
}

/** A `CfnRole` with this trust policy (and optional extra properties). */
export function role(stack: Stack, trust: object, props: Partial<iam.CfnRoleProps> = {}, id = 'Role'): iam.CfnRole {
  return new iam.CfnRole(stack, id, { assumeRolePolicyDocument: trust, ...props });
}

/** Runs one rule on a fresh role trusting with these statements. */
export function onTrust(
  rule: StsRule,
  statements: object | object[],
  options: Partial<RuleOptions> = {},
  props: Partial<iam.CfnRoleProps> = {},
): NagRuleResult {
  const stack = newStack();
  const node = role(stack, doc(...(Array.isArray(statements) ? statements : [statements])), props);
  return rule(node, { ...DEFAULT_RULE_OPTIONS, ...options });
}

/** Runs one rule on a resource. */
export function onNode(rule: StsRule, node: CfnResource, options: Partial<RuleOptions> = {}): NagRuleResult {
  return rule(node, { ...DEFAULT_RULE_OPTIONS, ...options });
}

/** The rule ids the pack reports on a scope, sorted, with the paths they were reported on. */
export function packFindings(scope: IConstruct, props?: StsChecksProps): { [ruleId: string]: string[] } {
  const report = new StsChecks(undefined, props).validateScope(scope);
  const out: { [ruleId: string]: string[] } = {};
  for (const v of report.violations) out[v.ruleName] = v.violatingResources.map((r) => r.constructPath ?? '?').sort();
  return out;
}

/** The rule ids the pack reports on a scope, sorted. */
export function packRuleIds(scope: IConstruct, props?: StsChecksProps): string[] {
  return Object.keys(packFindings(scope, props)).sort();
}

/** A template with one role `Role` of this trust policy (raw: may hold intrinsics, or be a JSON string), and extra sections. */
export function trustTemplate(trust: unknown, sections: object = {}, roleProperties: object = {}): object {
  return {
    ...sections,
    Resources: {
      ...(sections as any).Resources,
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ...roleProperties } },
    },
  };
}

/** Runs one rule's model check on a resource of a raw template: its compliance and the variant that fails, if any. */
export function onTemplate(
  rule: StsRule,
  template: object,
  logicalId = 'Role',
  options: Partial<RuleOptions> = {},
): { compliance: string; variant?: string } {
  const iamTemplate = IamTemplate.fromJson(template, { environment: { account: STACK_ACCOUNT } });
  const verdict = rule.check(new RuleSubject(iamTemplate, iamTemplate.resource(logicalId)!), {
    ...DEFAULT_RULE_OPTIONS,
    ...options,
  });
  return typeof verdict === 'object'
    ? { compliance: verdict.compliance, ...(verdict.variant ? { variant: verdict.variant } : {}) }
    : { compliance: verdict };
}

/** The compliance values of cdk-nag, as the template-level rule tests compare them. */
export const NON = 'Non-Compliant';
export const OK = 'Compliant';

/** A trust statement: Allow `action` (default sts:AssumeRole) to `principal`, under `condition` when given. */
export const allowAs = (principal: unknown, condition?: object, action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});

/** A Deny of sts:AssumeRole to everyone under `condition` (a Deny guard, or one that fails to restrict). */
export const denyAll = (condition: object) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sts:AssumeRole',
  Condition: condition,
});
