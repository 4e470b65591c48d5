/**
 * The pack's bridge from a CDK construct tree to the IAM model: one `IamTemplate` per stack and validation pass,
 * from the template `cdk synth` wrote (during synth) or from the stack rendered once (`validateScope`).
 * Internal: not exported from the package root.
 */
import { CfnResource, DefaultTokenResolver, IFragmentConcatenator, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { concretePartition } from '../private/partition';
import { IamEnvironment, IamTemplate, isObject } from '../private/iam';
import { RuleSubject } from './rule-subject';

/** Synthesized templates of a validation pass, by stack construct path, each read on first use. */
export type SynthesizedTemplates = Map<string, () => unknown>;

interface Pass {
  readonly synthesized: SynthesizedTemplates;
  readonly templates: WeakMap<Stack, IamTemplate>;
}

let pass: Pass | undefined;

/** Starts a validation pass (templates are read once per stack until `endPass`). */
export function startPass(synthesized?: SynthesizedTemplates): void {
  pass = { synthesized: synthesized ?? new Map(), templates: new WeakMap() };
}

/** Ends the validation pass. */
export function endPass(): void {
  pass = undefined;
}

/** What is known of a stack's environment. */
export function stackEnvironment(stack: Stack): IamEnvironment {
  const concrete = (v: string): string | undefined => (Token.isUnresolved(v) ? undefined : v);
  const account = concrete(stack.account);
  return {
    account: account !== undefined && /^\d{12}$/.test(account) ? account : undefined,
    partition: concretePartition(stack),
    region: concrete(stack.region),
  };
}

/** The IAM model of a stack's template (cached for the pass; rendered afresh outside a pass). */
export function templateOfStack(stack: Stack): IamTemplate {
  const cached = pass?.templates.get(stack);
  if (cached) return cached;
  const synthesized = pass?.synthesized.get(stack.node.path)?.();
  const json = synthesized ?? renderStack(stack);
  const template = IamTemplate.fromJson(json, { name: stack.node.path, environment: stackEnvironment(stack) });
  pass?.templates.set(stack, template);
  return template;
}

/** The rule subject of a construct: its stack's template and its resource there (`undefined` when absent). */
export function subjectOfNode(node: CfnResource): RuleSubject | undefined {
  const stack = Stack.of(node);
  let template = templateOfStack(stack);
  let resource = findResource(template, node);
  if (!resource && pass?.synthesized.has(stack.node.path)) {
    // the synthesized template lacks it (a construct added after synth): render the stack instead
    template = IamTemplate.fromJson(renderStack(stack), {
      name: stack.node.path,
      environment: stackEnvironment(stack),
    });
    pass?.templates.set(stack, template);
    resource = findResource(template, node);
  }
  if (!resource) return undefined;
  return new RuleSubject(template, resource);
}

function findResource(template: IamTemplate, node: CfnResource) {
  let logicalId = template.logicalIdOfPath(node.node.path);
  if (logicalId === undefined) {
    const resolved = Stack.of(node).resolve(node.logicalId);
    if (typeof resolved === 'string') logicalId = resolved;
  }
  const resource = logicalId === undefined ? undefined : template.resource(logicalId);
  return resource && resource.type === node.cfnResourceType ? resource : undefined;
}

/**
 * A stack as CloudFormation JSON: `_toCloudFormation()` of the stack; when that throws (a cross-stack reference read
 * before the app is prepared), each resource is rendered alone, leaving such references as they are.
 */
export function renderStack(stack: Stack): unknown {
  try {
    return (stack as unknown as { _toCloudFormation(): object })._toCloudFormation();
  } catch {
    const template: { [key: string]: any } = { Resources: {} };
    for (const child of stack.node.findAll()) {
      if (!CfnResource.isCfnResource(child) || Stack.of(child) !== stack) continue;
      const rendered = renderResource(child);
      if (isObject(rendered) && isObject(rendered.Resources)) Object.assign(template.Resources, rendered.Resources);
    }
    return template;
  }
}

function renderResource(node: CfnResource): unknown {
  const cfn = (node as unknown as { _toCloudFormation(): object })._toCloudFormation();
  try {
    return Stack.of(node).resolve(cfn);
  } catch {
    try {
      return Tokenization.resolve(cfn, {
        scope: node,
        preparing: true,
        resolver: new DefaultTokenResolver(new JoinConcat()),
      });
    } catch {
      return undefined;
    }
  }
}

/** Concatenates fragments the way CloudFormation does: strings stay strings, anything else becomes `Fn::Join`. */
class JoinConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    const parts = (value: unknown): unknown[] =>
      isObject(value) &&
      Array.isArray(value['Fn::Join']) &&
      value['Fn::Join'][0] === '' &&
      Array.isArray(value['Fn::Join'][1])
        ? (value['Fn::Join'][1] as unknown[])
        : [value];
    return { 'Fn::Join': ['', [...parts(left), ...parts(right)]] };
  }
}
