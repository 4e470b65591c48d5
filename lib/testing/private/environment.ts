import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { concretePartition } from '../../private/partition';
import { TemplateReadOptions } from '../template-options';
import { ConcreteTemplate as TemplateModel, TemplateEnvironment } from '../../private/iam/concrete';

const ACCOUNT = /^\d{12}$/;
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/**
 * The environment to read a template in: explicit options first, then the stack's concrete env, then defaults.
 * Throws when the account cannot be known, because same-account and cross-account requests are decided differently.
 */
export function templateEnvironment(
  who: string,
  options: TemplateReadOptions = {},
  stack?: Stack,
): TemplateEnvironment {
  const concrete = (v: string | undefined) => (v !== undefined && !Token.isUnresolved(v) ? v : undefined);
  const account = options.account ?? concrete(stack?.account);
  if (account === undefined) {
    throw new Error(
      `${who}: invalid account: received nothing; expected the 12-digit account the template is deployed to ` +
        `(pass { account: '222222222222' } or give the stack a concrete env.account), because same-account and cross-account ` +
        'requests are decided differently.',
    );
  }
  if (!ACCOUNT.test(account)) {
    throw new Error(`${who}: invalid account: received '${account}'; expected a 12-digit AWS account id.`);
  }
  const partition = options.partition ?? (stack ? concretePartition(stack) : undefined) ?? 'aws';
  if (!PARTITIONS.includes(partition)) {
    throw new Error(`${who}: invalid partition: received '${partition}'; expected one of ${PARTITIONS.join(', ')}.`);
  }
  const region = options.region ?? concrete(stack?.region) ?? 'us-east-1';
  const parameters: Record<string, string> = {};
  for (const p of options.parameters ?? []) parameters[p.name] = p.value;
  const refs: Record<string, string> = {};
  for (const r of options.refs ?? []) refs[r.resource] = r.value;
  return { account, partition, region, parameters, refs };
}

/** The synthesized template of a stack, as JSON (loads `aws-cdk-lib/assertions` only when called). */
export function stackTemplate(stack: Stack): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');
  return Template.fromStack(stack).toJSON();
}

/**
 * Construct paths (relative to the stack) of the stack's CloudFormation resources, mapped to their logical ids:
 * `Admin/Resource` and, for a construct's main `Resource`, its parent `Admin`.
 */
export function constructAliases(stack: Stack): Record<string, string> {
  const aliases: Record<string, string> = {};
  const prefix = `${stack.node.path}/`;
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
    const relative = c.node.path.slice(prefix.length);
    const logicalId = stack.resolve(c.logicalId) as string;
    aliases[relative] = logicalId;
    if (relative.endsWith('/Resource')) aliases[relative.slice(0, -'/Resource'.length)] = logicalId;
  }
  return aliases;
}

/** Reads a template in an environment, prefixing errors with who read it. */
export function readTemplate(
  who: string,
  template: unknown,
  env: TemplateEnvironment,
  aliases: Record<string, string> = {},
): TemplateModel {
  try {
    return new TemplateModel(template, env, aliases);
  } catch (e) {
    throw new Error(`${who}: ${(e as Error).message}`);
  }
}
