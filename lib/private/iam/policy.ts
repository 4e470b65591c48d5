/**
 * Policy documents and statements, normalised once. A document is an object or a JSON string (a string built by
 * `Fn::Sub` / `Fn::Join` is parsed after substitution, see values.ts); `Statement` may be one object or a list.
 * Values are text (see text.ts: placeholders stand for what is unknown before deployment).
 */
import { Assumption, deeperThan, NO_VALUE, textOf, Variant } from './values';
import type { IamTemplate } from './template';
import { isObject, isUnresolvedText, hasWildcard, policyVariableName, wildcardMatch } from './text';

/** One principal value of a statement. `type` is `*` for `Principal: "*"`. */
export interface Principal {
  readonly type: string;
  readonly text: string;
}

/** One key tested by one operator in a `Condition` block. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The base operator, lower case, without set prefix or `IfExists`: `stringlike`. */
  readonly base: string;
  /** `foranyvalue` or `forallvalues` when the operator has a set prefix. */
  readonly set?: string;
  /** Whether the operator ends with `IfExists` (true when the key is absent). */
  readonly ifExists: boolean;
  /** Whether the operator is a negation (`StringNotEquals`, `ArnNotLike`, ...). */
  readonly negated: boolean;
  /** The key as written. */
  readonly key: string;
  /** The key in lower case (condition keys are case-insensitive). */
  readonly keyLower: string;
  /** The values, as text. */
  readonly values: string[];
  /** Set when the clause stands for a Deny statement that makes the key required (effective trust, trust.ts). */
  readonly fromDeny?: string;
}

/** A policy statement, normalised. */
export interface PolicyStatement {
  /** `Allow` or `Deny`; an unreadable effect is read as `Allow` (the cautious reading). */
  readonly effect: 'Allow' | 'Deny';
  readonly sid?: string;
  readonly principals: Principal[];
  readonly hasNotPrincipal: boolean;
  readonly notPrincipals: Principal[];
  readonly actions: string[];
  readonly hasNotAction: boolean;
  readonly notActions: string[];
  readonly resources: string[];
  readonly hasNotResource: boolean;
  readonly conditions: ConditionClause[];
}

/** A document as read: the evaluated JSON and its statements; `statements` is `[]` when it cannot be read. */
export interface PolicyDocumentVariant {
  readonly assumptions: readonly Assumption[];
  /** The evaluated document (a JSON string parsed). */
  readonly document: unknown;
  readonly statements: PolicyStatement[];
}

const documentCache = new WeakMap<object, PolicyDocumentVariant[]>();

/** The reachable variants of a template's policy document (object or JSON string, possibly built by intrinsics). */
export function documentVariants(template: IamTemplate, raw: unknown): PolicyDocumentVariant[] {
  const key = isObject(raw) || Array.isArray(raw) ? raw : undefined;
  const cached = key ? documentCache.get(key) : undefined;
  if (cached) return cached;
  const out = template.values.variants(raw).map((v: Variant) => {
    const document = parseDocument(v.value);
    return { assumptions: v.assumptions, document, statements: readStatements(document) };
  });
  if (key) documentCache.set(key, out);
  return out;
}

/** A document value as an object: a JSON string is parsed; anything unreadable stays as it is. */
export function parseDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    // a document nested deeper than the evaluator reads is left unread rather than walked (it would overflow the stack)
    return deeperThan(parsed) ? value : parsed;
  } catch {
    return value;
  }
}

/** The statements of an evaluated document (no intrinsics left). Anything unreadable yields no statement. */
export function readStatements(document: unknown): PolicyStatement[] {
  const doc = parseDocument(document);
  if (!isObject(doc)) return [];
  return list(doc.Statement).filter(isObject).map(readStatement);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === NO_VALUE) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null && v !== NO_VALUE) : [value];
}

function texts(value: unknown): string[] {
  return list(value).map(textOf);
}

function readStatement(raw: { [key: string]: unknown }): PolicyStatement {
  return {
    effect: typeof raw.Effect === 'string' && raw.Effect.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    principals: readPrincipals(raw.Principal),
    hasNotPrincipal: raw.NotPrincipal !== undefined,
    notPrincipals: readPrincipals(raw.NotPrincipal),
    actions: texts(raw.Action),
    hasNotAction: raw.NotAction !== undefined,
    notActions: texts(raw.NotAction),
    resources: texts(raw.Resource),
    hasNotResource: raw.NotResource !== undefined,
    conditions: readConditions(raw.Condition),
  };
}

function readPrincipals(value: unknown): Principal[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) {
    const text = textOf(value);
    return [{ type: text === '*' ? '*' : '?', text }];
  }
  const principals: Principal[] = [];
  for (const [type, v] of Object.entries(value)) {
    for (const text of texts(v)) principals.push({ type, text });
  }
  return principals;
}

/** Reads an evaluated `Condition` block into clauses; anything that is not a plain object yields no clause. */
export function readConditions(block: unknown): ConditionClause[] {
  if (!isObject(block)) return [];
  const clauses: ConditionClause[] = [];
  for (const [operator, body] of Object.entries(block)) {
    if (!isObject(body)) continue;
    const parsed = parseOperator(operator);
    for (const [key, raw] of Object.entries(body)) {
      clauses.push({ operator, ...parsed, key, keyLower: key.toLowerCase(), values: texts(raw) });
    }
  }
  return clauses;
}

/** The parts of a condition operator. */
export function parseOperator(operator: string): { base: string; set?: string; ifExists: boolean; negated: boolean } {
  let rest = operator.toLowerCase();
  let set: string | undefined;
  const prefix = /^(foranyvalue|forallvalues):/.exec(rest);
  if (prefix) {
    set = prefix[1];
    rest = rest.slice(prefix[0].length);
  }
  const ifExists = rest.endsWith('ifexists');
  const base = ifExists ? rest.slice(0, -'ifexists'.length) : rest;
  return { base, set, ifExists, negated: /not(equals|like)|^notipaddress$/.test(base) };
}

/** Operators that read `*` and `?` as wildcards. */
const WILDCARD_OPERATORS = ['stringlike', 'stringnotlike', 'arnlike', 'arnnotlike', 'arnequals', 'arnnotequals'];

/** Operators whose match can narrow who is allowed (when not negated). */
const MATCHING_OPERATORS = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'];

/** Whether the operator of a clause reads wildcards in its values. */
export function operatorHasWildcards(clause: ConditionClause): boolean {
  return WILDCARD_OPERATORS.includes(clause.base);
}

/**
 * Whether a clause can narrow an Allow: a positive string/ARN match, not `IfExists` (true when the key is absent),
 * not `ForAllValues:` (true when the key is absent).
 */
export function isNarrowing(clause: ConditionClause): boolean {
  return (
    MATCHING_OPERATORS.includes(clause.base) && !clause.negated && !clause.ifExists && clause.set !== 'forallvalues'
  );
}

/** Whether a value of a clause is a wildcard pattern (only under operators that read wildcards). */
export function isWildcardValue(clause: ConditionClause, value: string): boolean {
  return operatorHasWildcards(clause) && hasWildcard(value);
}

/** Whether the statement has a narrowing clause on `keyLower` whose every value satisfies `accept`. */
export function hasNarrowingClause(
  statement: PolicyStatement,
  keyLower: string,
  accept: (value: string, clause: ConditionClause) => boolean,
): boolean {
  return statement.conditions.some(
    (c) => c.keyLower === keyLower && isNarrowing(c) && c.values.length > 0 && c.values.every((v) => accept(v, c)),
  );
}

/**
 * IAM policy variables that name the *other side's* own organization or account: a key of the resource compared with
 * the caller's variable (identity policies: `aws:ResourceOrgID` = `${aws:PrincipalOrgID}`, `aws:ResourceAccount` =
 * `${aws:PrincipalAccount}`), or a key of the caller compared with the resource's (trust policies: `aws:PrincipalOrgID`
 * = `${aws:ResourceOrgID}`, `aws:PrincipalAccount` = `${aws:ResourceAccount}`). The condition then requires caller and
 * role to share the organization / account: AWS's own same-organization spelling ("DenyS3AccessOutsideMyBoundary":
 * "requires aws:ResourceOrgID and aws:PrincipalOrgID to be equal to each other").
 * A key compared with its own variable (`aws:PrincipalOrgID` = `${aws:PrincipalOrgID}`) is a tautology and not listed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
const SAME_OWNER_VARIABLES: Record<string, string> = {
  'aws:resourceorgid': 'aws:principalorgid',
  'aws:resourceaccount': 'aws:principalaccount',
  'aws:principalorgid': 'aws:resourceorgid',
  'aws:principalaccount': 'aws:resourceaccount',
};

/**
 * Whether a condition value on `keyLower` is the policy variable of the other side's own organization / account
 * (`${aws:PrincipalOrgID}` under `aws:ResourceOrgID`, ...): it narrows to "the same organization / account". Variable
 * names are matched case-insensitively.
 */
export function isSameOwnerVariable(keyLower: string, value: string): boolean {
  const other = SAME_OWNER_VARIABLES[keyLower];
  return other !== undefined && policyVariableName(value) === other;
}

/** Whether the statement requires MFA (`Bool aws:MultiFactorAuthPresent true` or a bounded `aws:MultiFactorAuthAge`). */
export function requiresMfa(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => {
    if (c.ifExists || c.set === 'forallvalues') return false;
    if (c.keyLower === 'aws:multifactorauthpresent') {
      return c.base === 'bool' && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === 'true');
    }
    if (c.keyLower === 'aws:multifactorauthage') {
      return (c.base === 'numericlessthan' || c.base === 'numericlessthanequals') && c.values.length > 0;
    }
    return false;
  });
}

/** Whether the statement allows the action (exact action name, e.g. `sts:AssumeRole`). */
export function allowsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.hasNotAction) return !statement.notActions.some((p) => wildcardMatch(p, action));
  return statement.actions.some((p) => !isUnresolvedText(p) && wildcardMatch(p, action));
}

/** Whether the principal is everyone: `"*"` or `{"AWS": "*"}`. */
export function isWildcardPrincipal(principal: Principal): boolean {
  return principal.text === '*' && (principal.type === '*' || principal.type === 'AWS');
}

/** Keys that may hold several values in a request (where `ForAllValues:`/`ForAnyValue:` make sense). */
export const MULTI_VALUED_KEYS = [
  'aws:principalorgpaths',
  'aws:sourceorgpaths',
  'aws:resourceorgpaths',
  'aws:tagkeys',
  'aws:calledvia',
  'aws:principalservicenameslist',
  'cognito-identity.amazonaws.com:amr',
  'cognito-identity.amazonaws.com.cn:amr',
];

/**
 * Keys that decide who may assume a role: a relaxed operator on them (`...IfExists`, `ForAllValues:`) widens trust.
 * Web identity claims (`host:claim`) are security keys too (see `isSecurityKey`).
 */
export const SECURITY_KEYS = [
  'sts:externalid',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceidentity',
  'saml:aud',
  'saml:sub',
  'saml:iss',
];

/** Whether a condition key decides who may assume (see `SECURITY_KEYS`) or is a web identity claim. */
export function isSecurityKey(keyLower: string): boolean {
  return SECURITY_KEYS.includes(keyLower) || providerPrefixOf(keyLower) !== undefined;
}

/**
 * The provider prefix of a condition key when it is a web identity claim (`host[/path]:claim`), lower case, without
 * trailing slashes: an issuer that ends with `/` (Entra ID v1 `https://sts.windows.net/TENANT/`, Auth0
 * `https://TENANT.auth0.com/`) keeps it in the provider ARN and in the keys (`sts.windows.net/TENANT/:aud`), and the
 * issuer read from the ARN drops it (principals.ts `oidcInfo`): both are compared without it.
 */
export function providerPrefixOf(keyLower: string): string | undefined {
  const i = keyLower.lastIndexOf(':');
  if (i <= 0) return undefined;
  const prefix = keyLower.slice(0, i).replace(/\/+$/, '');
  // a host, or an issuer computed at deploy time (a placeholder, as CfnJson keys built from a provider's issuer)
  return prefix.includes('.') || prefix.includes('{{') ? prefix : undefined;
}

/** The claim name of a condition key (`token.actions.githubusercontent.com:sub` -> `sub`), lower case. */
export function claimOf(keyLower: string): string {
  return keyLower.slice(keyLower.lastIndexOf(':') + 1);
}

// ---------------------------------------------------------------------------------------------------------------------
// Operators AWS knows
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The IAM condition operators AWS accepts. The evaluator does not reject others: it silently treats a condition
 * with an unknown operator as not matching, which could turn a misspelt Deny into an Allow. AWS rejects such a
 * policy (MalformedPolicyDocument), so the testing helpers refuse it too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
].map((o) => o.toLowerCase());

/** Whether AWS knows a condition operator (`ForAnyValue:StringLike`, `BoolIfExists`, `Null`, ...). */
export function isKnownConditionOperator(operator: string): boolean {
  let op = operator.toLowerCase();
  const colon = op.indexOf(':');
  if (colon >= 0) {
    const set = op.slice(0, colon);
    if (set !== 'forallvalues' && set !== 'foranyvalue') return false;
    op = op.slice(colon + 1);
  }
  if (op === 'null') return true;
  if (op.endsWith('ifexists')) op = op.slice(0, -'ifexists'.length);
  return BASE_OPERATORS.includes(op);
}

/** Paths (`Statement[0].Condition.StringEqualz`) of the unknown condition operators of a policy document. */
export function unknownConditionOperators(document: unknown): string[] {
  const statements = (document as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const out: string[] = [];
  list.forEach((statement, i) => {
    const condition = (statement as { Condition?: unknown } | undefined)?.Condition;
    if (typeof condition !== 'object' || condition === null) return;
    for (const operator of Object.keys(condition)) {
      if (!isKnownConditionOperator(operator)) out.push(`Statement[${i}].Condition.${operator}`);
    }
  });
  return out;
}
