import { IConstruct } from 'constructs';

/**
 * The one shape of every synth-time input error in this library:
 * `<construct path>: invalid <what>: received <value>; expected <expectation>.`
 *
 * aws-cdk-lib's `ValidationError` is internal, so a plain `Error` is thrown.
 */
export function invalidInput(scope: IConstruct | string, what: string, received: unknown, expected: string): Error {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  // A token's placeholder text (`${Token[TOKEN.12]}`) means nothing to a reader: say what it stands for.
  const message = `${path}: invalid ${what}: received ${describe(received)}; expected ${expected}.`;
  return new Error(message.replace(/\$\{Token\[[^\]]*\]\}/g, '<deploy-time value>'));
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 120 ? `'${value.slice(0, 117)}...' (${value.length} characters)` : `'${value}'`;
  }
  if (value === undefined) return 'nothing';
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return String(value);
  }
}
