/**
 * Values of the model as text. After intrinsic evaluation (values.ts) every leaf of a policy is a string; what
 * cannot be known before deployment is a *placeholder* inside that string: `{{AWS.AccountId}}`, `{{AWS.Partition}}`,
 * `{{Ref.Name}}`, `{{GetAtt.Name.Attr}}`, `{{Import.Name}}`, `{{?}}`. Placeholders never hold `:`, `*` or `?`, so an
 * ARN with placeholders still splits into its fields and a placeholder is never a wildcard: a value taken from a
 * parameter without default or from an import is assumed to be one concrete value.
 */

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** A concrete 12-digit account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** An AWS Organizations id. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A placeholder for a name (characters that would break ARN splitting or wildcard reading are replaced). */
export function placeholder(kind: string, name: string): string {
  return `{{${kind}.${name.replace(/[:*?{}\s]/g, '_')}}}`;
}

/** The placeholder of a `Ref` (pseudo parameters become `{{AWS.X}}`). */
export function refPlaceholder(name: string): string {
  return name.startsWith('AWS::') ? placeholder('AWS', name.slice(5)) : placeholder('Ref', name);
}

/** Whether the text holds an intrinsic placeholder. */
export function isUnresolvedText(text: string): boolean {
  return text.includes('{{');
}

/** The text without its placeholders (what is known for sure). */
export function literalPart(text: string): string {
  return text.replace(PLACEHOLDER, '');
}

/** The text with each placeholder replaced by `X` (a neutral concrete name, for segment checks). */
export function withNeutralPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, 'X');
}

/** Whether the text has a `*` or `?` outside its placeholders. */
export function hasWildcard(text: string): boolean {
  return (text.includes('*') || text.includes('?')) && /[*?]/.test(literalPart(text));
}

/** Whether the text matches everything, or nearly: only wildcards, no placeholder. */
export function isPureWildcard(text: string): boolean {
  return !isUnresolvedText(text) && /^[*?]*$/.test(text) && text.includes('*');
}

/** The placeholder `{{Ref.X}}` / `{{GetAtt.X.Attr}}` a whole text consists of, as `{ logicalId, attribute }`. */
export function referenceOf(text: string): { logicalId: string; attribute?: string } | undefined {
  const ref = /^\{\{Ref\.([^.{}]+)\}\}$/.exec(text);
  if (ref) return { logicalId: ref[1] };
  const att = /^\{\{GetAtt\.([^.{}]+)\.([^{}]+)\}\}$/.exec(text);
  if (att) return { logicalId: att[1], attribute: att[2] };
  return undefined;
}

const matchers = new Map<string, RegExp>();

/** IAM wildcard matching, case-insensitive (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, text: string): boolean {
  let re = matchers.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c)))
        .join('')}$`,
      'is',
    );
    if (matchers.size > 5000) matchers.clear();
    matchers.set(pattern, re);
  }
  return re.test(text);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The fields of an ARN (text form; fields may hold placeholders or wildcards). */
export interface ArnFields {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; `undefined` when the text is not ARN-shaped. */
export function parseArn(text: string): ArnFields | undefined {
  if (!/^arn:/i.test(text)) return undefined;
  const parts = splitArnFields(text);
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/**
 * An ARN (or ARN pattern) split on its colons, except those inside a policy variable: `${aws:PrincipalAccount}` in
 * the account field stays one field.
 */
export function splitArnFields(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === ':' && depth === 0) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** Whether a value holds a policy variable (`${aws:username}`, `${aws:PrincipalOrgID}`, ...), whole or in part. */
export function isPolicyVariable(value: string): boolean {
  return /\$\{[^{}]+\}/.test(value);
}

/**
 * The policy variable a whole value is (`${aws:PrincipalAccount}` -> `aws:principalaccount`, lower case), or
 * `undefined` when the value is not one variable.
 */
export function policyVariableName(value: string): string | undefined {
  const m = /^\$\{([^{}]+)\}$/.exec(value.trim());
  return m ? m[1].trim().toLowerCase() : undefined;
}
