import { CfnParameter, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * Internal: the values a deploy-time string can take that are known at synth, so that constructs validate what
 * CloudFormation will deploy as they validate literals (StsChecks judges the same variants).
 */

function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

/** The literal text of a string that may embed tokens (`${Token[...]}`), tokens removed. */
export function literalText(value: string): string {
  return value.replace(/\$\{Token\[[^\]]*\]\}/g, '');
}

/**
 * The values a string with deploy-time parts may take that are known at synth: each token that is a parameter of
 * the template (`CfnParameter.valueAsString`) replaced by its `Default` and each of its `AllowedValues` (what
 * CloudFormation deploys when the caller passes nothing, and all it accepts). Other tokens stay as they are.
 * Bounded to 32 variants.
 */
export function parameterVariants(value: string): Array<{ value: string; parameter: string }> {
  if (!isUnresolved(value)) return [];
  let variants: Array<{ value: string; parameter: string }> = [{ value, parameter: '' }];
  for (const token of Tokenization.reverseString(value).tokens) {
    const target = token instanceof Reference ? token.target : undefined;
    if (!(target instanceof CfnParameter)) continue;
    const candidates = [target.default, ...(target.allowedValues ?? [])].filter(
      (v): v is string => typeof v === 'string',
    );
    const text = Token.asString(token);
    variants = variants
      .flatMap((v) =>
        candidates.map((c) => ({
          value: v.value.split(text).join(c),
          parameter: [v.parameter, `parameter ${target.node.id} = '${c}'`].filter(Boolean).join(', '),
        })),
      )
      .slice(0, 32);
  }
  return variants.filter((v) => v.parameter !== '');
}

/**
 * Runs a validator on a value and, when the value holds template parameters, on each value they can take
 * (`Default`, `AllowedValues`): what CloudFormation deploys must pass the same rules as a literal. With a construct
 * `scope`, a `Lazy` is validated as its value (`literalIn`).
 */
export function withParameterValues(value: string, validate: (v: string) => void, scope?: IConstruct | string): void {
  const literal = scope === undefined || typeof scope === 'string' ? value : (literalIn(scope, value) ?? value);
  validate(literal);
  for (const variant of parameterVariants(literal)) validate(variant.value);
}

/**
 * The literal a value stands for at synth: the value itself, or what a token resolves to when it resolves to a
 * plain string in the stack (a `Lazy`, a value computed from literals); undefined for deploy-time values
 * (parameters, imports, attributes). Constructs compare and validate these literals.
 */
export function literalIn(scope: IConstruct, value: string): string | undefined {
  if (!Token.isUnresolved(value)) return value;
  try {
    const resolved: unknown = Stack.of(scope).resolve(value);
    return typeof resolved === 'string' && !Token.isUnresolved(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}
