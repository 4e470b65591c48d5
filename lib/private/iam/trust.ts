/**
 * Effective trust of a role: its Allow statements minus its Deny statements, per reachable variant.
 *
 * A Deny that covers an Allow (its principals include the Allow's, its actions include the Allow's actions) and
 * whose condition makes a key *required* is a guard, exactly like the Allow-side condition it stands for; it is
 * folded into the Allow as a condition clause (`fromDeny` set):
 *
 * | Deny                                                     | stands for (Allow side)              |
 * |----------------------------------------------------------|--------------------------------------|
 * | `StringNotEquals[IfExists] K V` (also `...IgnoreCase`)   | `StringEquals K V`                   |
 * | `StringNotLike[IfExists] K V`                            | `StringLike K V`                     |
 * | `ArnNotEquals[IfExists] K V` / `ArnNotLike[IfExists]`    | `ArnEquals K V` / `ArnLike K V`      |
 * | `BoolIfExists K false` (`aws:MultiFactorAuthPresent`)    | `Bool K true`                        |
 * | `NumericGreaterThan[Equals]IfExists aws:MultiFactorAuthAge N` | `NumericLessThan[Equals] ... N` |
 * | `Null K true`                                            | `Null K false` (present, any value)  |
 *
 * Negated operators are true when the key is absent, so the Deny applies to requests without the key
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
 * "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right
 * key is not present, the condition is true"). `Bool K false` without `IfExists` is false when the key is absent
 * (long-term credentials carry no `aws:MultiFactorAuthPresent`), so it does not make MFA required: no guard.
 * A Deny with several condition clauses applies only when all hold (it requires one key OR another): no guard.
 * A Deny with a set operator (`ForAnyValue:`/`ForAllValues:`) is not read as a guard.
 * A Deny without condition that covers an Allow removes it.
 */
import { describeAssumptions, Assumption, whereResourceExists } from './values';
import { ConditionClause, documentVariants, PolicyStatement, Principal, isWildcardPrincipal } from './policy';
import type { IamResource, IamTemplate } from './template';
import { samePrincipal } from './principals';
import { wildcardMatch } from './text';

/** How a Deny statement of a trust policy was read. */
export interface DenyReading {
  readonly statement: PolicyStatement;
  /** The Allow-side clauses it stands for (empty when it is no guard). */
  readonly guards: ConditionClause[];
  /** Why it is no guard (when `guards` is empty and it removes nothing). */
  readonly why?: string;
}

/** One reachable variant of a role's trust policy. */
export interface TrustVariant {
  readonly assumptions: readonly Assumption[];
  /** The assumptions in words ("when parameter X keeps its default '*'"); `undefined` when there are none. */
  readonly description?: string;
  /** The evaluated trust policy document. */
  readonly document: unknown;
  /** Every statement, as written. */
  readonly statements: PolicyStatement[];
  /** The effective Allow statements: Deny guards folded in as conditions, fully denied statements removed. */
  readonly allow: PolicyStatement[];
  /** The Allow statements as written (before Deny). */
  readonly writtenAllow: PolicyStatement[];
  readonly denies: DenyReading[];
}

/** The reachable variants of a role's trust (`[]` for a resource without `AssumeRolePolicyDocument`). */
export function trustVariants(template: IamTemplate, role: IamResource): TrustVariant[] {
  return template.memoize(`trust:${role.logicalId}`, () => {
    const raw = role.properties.AssumeRolePolicyDocument;
    if (raw === undefined) return [];
    // a role with a Condition exists only in the variants where it holds
    return whereResourceExists(
      template.values,
      role.condition,
      documentVariants(template, raw).map((v) => ({ value: v, assumptions: v.assumptions })),
    ).map((v) => effectiveTrust(v.value.statements, v.assumptions, v.value.document));
  });
}

/** The effective trust of a list of statements (see the module comment). */
export function effectiveTrust(
  statements: PolicyStatement[],
  assumptions: readonly Assumption[] = [],
  document?: unknown,
): TrustVariant {
  const writtenAllow = statements.filter((s) => s.effect === 'Allow');
  const denies = statements.filter((s) => s.effect === 'Deny').map(readDeny);
  let allow = writtenAllow;
  if (denies.length > 0) {
    allow = [];
    for (const statement of writtenAllow) {
      let conditions = statement.conditions;
      let removed = false;
      for (const deny of denies) {
        if (!covers(deny.statement, statement)) continue;
        if (deny.statement.conditions.length === 0) {
          removed = true;
          break;
        }
        if (deny.guards.length > 0) conditions = [...conditions, ...deny.guards];
      }
      if (!removed) allow.push(conditions === statement.conditions ? statement : { ...statement, conditions });
    }
  }
  return {
    assumptions,
    description: describeAssumptions(assumptions),
    document,
    statements,
    allow,
    writtenAllow,
    denies,
  };
}

const POSITIVE: { [negated: string]: string } = {
  stringnotequals: 'StringEquals',
  stringnotequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotlike: 'StringLike',
  arnnotequals: 'ArnEquals',
  arnnotlike: 'ArnLike',
};

function readDeny(statement: PolicyStatement): DenyReading {
  const clauses = statement.conditions;
  if (clauses.length === 0) return { statement, guards: [] };
  if (clauses.length > 1)
    return { statement, guards: [], why: 'it has several condition clauses, so it applies only when all of them hold' };
  const [c] = clauses;
  const from = `Deny ${c.operator} ${c.key}`;
  if (c.set) return { statement, guards: [], why: `${c.operator} is a set operator` };
  const guard = (operator: string, values: string[]): DenyReading => {
    const lower = operator.toLowerCase();
    return {
      statement,
      guards: [
        {
          operator,
          base: lower,
          ifExists: false,
          negated: false,
          key: c.key,
          keyLower: c.keyLower,
          values,
          fromDeny: from,
        },
      ],
    };
  };
  if (POSITIVE[c.base]) return guard(POSITIVE[c.base], c.values);
  if (c.base === 'null') {
    return c.values.every((v) => v.toLowerCase() === 'true')
      ? guard('Null', ['false'])
      : { statement, guards: [], why: 'Null false denies requests that carry the key, it requires nothing' };
  }
  if (c.base === 'bool') {
    if (!c.values.every((v) => v.toLowerCase() === 'false'))
      return { statement, guards: [], why: 'it denies the key being true' };
    return c.ifExists
      ? guard('Bool', ['true'])
      : {
          statement,
          guards: [],
          why: `${c.operator} is false when the key is absent, so requests without ${c.key} pass`,
        };
  }
  if (c.base === 'numericgreaterthan' || c.base === 'numericgreaterthanequals') {
    if (!c.ifExists)
      return {
        statement,
        guards: [],
        why: `${c.operator} is false when the key is absent, so requests without ${c.key} pass`,
      };
    return guard(c.base === 'numericgreaterthan' ? 'NumericLessThanEquals' : 'NumericLessThan', c.values);
  }
  return { statement, guards: [], why: `${c.operator} does not make ${c.key} required` };
}

/** Whether a Deny applies to every principal and action of an Allow. */
function covers(deny: PolicyStatement, allow: PolicyStatement): boolean {
  return coversPrincipals(deny, allow.principals) && coversActions(deny, allow);
}

function coversPrincipals(deny: PolicyStatement, principals: Principal[]): boolean {
  if (deny.hasNotPrincipal) return principals.every((p) => !deny.notPrincipals.some((n) => samePrincipal(n, p)));
  if (deny.principals.some(isWildcardPrincipal)) return true;
  if (principals.length === 0) return false;
  return principals.every((p) => deny.principals.some((d) => samePrincipal(d, p)));
}

/**
 * Actions that only come with an assume call (session tags, source identity, context): no request uses them alone
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html), so a Deny on the assume action covers an
 * Allow that also lists them.
 */
const COMPANION_ACTIONS = ['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];

function coversActions(deny: PolicyStatement, allow: PolicyStatement): boolean {
  if (allow.hasNotAction) return deny.actions.includes('*');
  const matches = (action: string): boolean => {
    if (deny.hasNotAction) return !deny.notActions.some((p) => wildcardMatch(p, action));
    return deny.actions.some((p) => wildcardMatch(p, action));
  };
  const assume = allow.actions.filter((a) => !COMPANION_ACTIONS.includes(a.toLowerCase()));
  const needed = assume.length > 0 ? assume : allow.actions;
  return needed.length > 0 && needed.every(matches);
}

/**
 * Identity-policy statements minus their Deny statements: the same folding as `effectiveTrust`, for statements
 * without principals (a Deny covers an Allow when it covers its actions and its resources: `*`, or patterns matching
 * each of them). A Deny `StringNotEquals aws:ResourceOrgID X` on `sts:AssumeRole` over `*` narrows an Allow of
 * `sts:AssumeRole` to the organization, as `StringEquals aws:ResourceOrgID X` would.
 */
export function effectiveIdentityStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const denies = statements.filter((s) => s.effect === 'Deny').map(readDeny);
  const out: PolicyStatement[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    let conditions = statement.conditions;
    let removed = false;
    for (const deny of denies) {
      if (!coversActions(deny.statement, statement) || !coversResources(deny.statement, statement)) continue;
      if (deny.statement.conditions.length === 0) {
        removed = true;
        break;
      }
      if (deny.guards.length > 0) conditions = [...conditions, ...deny.guards];
    }
    if (!removed) out.push(conditions === statement.conditions ? statement : { ...statement, conditions });
  }
  return out;
}

function coversResources(deny: PolicyStatement, allow: PolicyStatement): boolean {
  if (deny.hasNotResource) return false;
  if (deny.resources.includes('*')) return true;
  if (allow.hasNotResource || allow.resources.length === 0) return false;
  return allow.resources.every((r) => deny.resources.some((p) => wildcardMatch(p, r)));
}
