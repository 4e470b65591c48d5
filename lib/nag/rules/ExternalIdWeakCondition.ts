import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  admittedParties,
  ConditionClause,
  isObject,
  isWildcardValue,
  ownershipOf,
  PolicyStatement,
  TrustVariant,
} from '../../private/iam';
import {
  derivedOnlyFromGuessableInputs,
  EXTERNAL_ID_GRAMMAR,
  GUESSABLE_PSEUDO_PARAMETERS,
  judgeExternalIdParameter,
  judgeExternalIdText,
  valueInputs,
} from '../../private/iam/external-id';
import { defineRule, failure, judgeTrust, RuleOptions, RuleSubject } from '../sts-rule';

/**
 * A trust statement tests `sts:ExternalId` in a way that can be bypassed or guessed:
 * - bypassed: a wildcard under `StringLike`, an `...IfExists` operator (true when no ExternalId is passed), a negated
 *   operator, `ForAllValues:` (true when absent);
 * - unusable: a literal value outside the ExternalId grammar (no caller can send it);
 * - guessable (private/iam/external-id.ts): short, all digits, an account id (the stack's, one of `ownAccounts`),
 *   a well-known placeholder (`12345`, `external-id`, `changeme`), a parameter's non-empty `Default` (published with
 *   the template, the same for everyone who keeps it; a default computed from `AWS::AccountId` too), or a value
 *   computed from `AWS::AccountId` / `AWS::StackName` / `AWS::Region` (also through `Fn::Base64`, `Fn::Sub`,
 *   `Fn::Join`) whose other text is guessable. The account id (a pseudo parameter or a known literal id) and the stack
 *   name add nothing to guess and take nothing away: `acme-${AWS::AccountId}-<32 random characters>` gets the verdict
 *   of the random text alone, `${AWS::AccountId}-vendor` that of `vendor`.
 * A parameter without default is judged by what it admits: `AllowedValues` (published), a `MaxLength` under 8, or an
 * `AllowedPattern` that admits no generated value (`^[0-9]{6}$`).
 * Not judged on a statement whose principals are all of the stack's own account or of `ownAccounts`: there is no third
 * party to be a confused deputy (aws-cdk's integ-role trusts its own root with ExternalId "supply-me").
 * Judged on the effective trust of every reachable variant: a Deny `StringNotEquals sts:ExternalId` counts as the
 * condition it stands for. Values from parameters without default (or with an empty one, which the deployer must fill),
 * imports and resource attributes are not judged.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy tests sts:ExternalId with a value that can be guessed or bypassed (wildcard, IfExists, negated or ForAllValues operator, a value outside the grammar, short, all digits, an account id, a placeholder, a published default, or derived from the account id).',
    explanation:
      'The ExternalId is the only thing that stops a third party (a confused deputy) from assuming this role on ' +
      'behalf of another of its customers: it must be a value that only your configuration at the third party holds. A ' +
      'StringLike wildcard makes it match anything, IfExists and ForAllValues make it optional (they are true when the ' +
      'caller sends none), a negated operator accepts every other value, a value outside 2-1224 characters of ' +
      '[A-Za-z0-9_+=,.@:/-] can never be sent, and a value anyone can work out (the account id, the stack name, 12345, ' +
      'a default published with the template) protects nobody. Use StringEquals with one unguessable value, for example ' +
      'a UUID the third party generated for you. See https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html.',
  },
  (subject, options) => {
    const verdict = judgeTrust(subject, (variant) => weakness(subject, variant, options) ?? false);
    if (verdict !== NagRuleCompliance.COMPLIANT) return verdict;
    // the raw check below reads the document as written: only when some ExternalId guards a trust of another party
    const guarded = subject
      .trust()
      .some((v) => v.allow.some((st) => hasExternalId(st) && !ownAccountsOnly(subject, st, options)));
    if (!guarded) return verdict;
    // Values the evaluator leaves opaque (Fn::Base64 of ${AWS::AccountId}): read the raw template value.
    const derived = rawExternalIds(subject.resource.properties.AssumeRolePolicyDocument)
      .map(derivedOnlyFromGuessableInputs)
      .find((d) => d.guessable);
    return derived
      ? failure(
          undefined,
          `the ExternalId is computed from ${derived.from.join(', ')}, which anyone can work out, and ${derived.why}`,
        )
      : verdict;
  },
);

function weakness(subject: RuleSubject, variant: TrustVariant, options: RuleOptions): string | undefined {
  const accounts = [subject.stackAccount, ...options.ownAccounts].filter((a): a is string => a !== undefined);
  for (const statement of variant.allow) {
    // an ExternalId guards against a third party acting for another of its customers: on a trust of the stack's own
    // account (or ownAccounts) only, there is no third party, and the value is no guard to judge
    if (ownAccountsOnly(subject, statement, options)) continue;
    for (const clause of statement.conditions.filter(
      (c) => c.keyLower === 'sts:externalid' && STRING_OPERATORS.includes(c.base),
    )) {
      const why = clauseWeakness(clause);
      if (why) return why;
      const emptyDefault = emptyDefaultUsed(subject, variant);
      for (const value of clause.values) {
        // a parameter left at an empty default is one the deployer must fill: a literal value is not known then
        if (emptyDefault && !value.includes('{{AWS.')) continue;
        const published = publishedBy(subject, variant, value);
        const judgement = judgeExternalIdText(value, {
          accountIds: accounts,
          fromParameterDefault: published,
          publicParts: publishedParts(subject, variant),
        });
        if (judgement.weak) return judgement.why;
        const derived = defaultDerivedFromGuessable(subject, variant, value);
        if (derived) return derived;
        const parameter = parameterOf(subject, value);
        if (parameter) {
          const constrained = judgeExternalIdParameter(parameter);
          if (constrained.weak) return constrained.why;
        }
      }
    }
  }
  return undefined;
}

function hasExternalId(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => c.keyLower === 'sts:externalid');
}

/** Whether every principal of the statement is an AWS principal of the stack's own account or of `ownAccounts`. */
function ownAccountsOnly(subject: RuleSubject, statement: PolicyStatement, options: RuleOptions): boolean {
  if (statement.principals.length === 0 || !statement.principals.every((p) => p.type === 'AWS')) return false;
  const parties = admittedParties(statement, subject.template);
  return (
    parties.length > 0 &&
    parties.every((p) => ownershipOf(p.account, subject.stackAccount, options.ownAccounts) === 'own')
  );
}

/** Operators that compare the ExternalId's value (`Null`, `Bool` ... test other things). */
const STRING_OPERATORS = [
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
];

function emptyDefaultUsed(subject: RuleSubject, variant: TrustVariant): boolean {
  return variant.assumptions.some(
    (a) =>
      a.key.startsWith('param:') &&
      a.choice === '' &&
      subject.template.parameters.get(a.key.slice('param:'.length))?.default === '',
  );
}

function clauseWeakness(clause: ConditionClause): string | undefined {
  if (clause.ifExists) return `${clause.operator} is true when the caller sends no ExternalId`;
  if (clause.negated) return `${clause.operator} accepts every other ExternalId`;
  if (clause.set === 'forallvalues') return `${clause.operator} is true when the caller sends no ExternalId`;
  const wild = clause.values.find((v) => isWildcardValue(clause, v));
  if (wild !== undefined) return `'${wild}' is a pattern under ${clause.operator}`;
  const bad = clause.values.find((v) => !v.includes('{{') && !EXTERNAL_ID_GRAMMAR.test(v));
  if (bad !== undefined) return `'${bad}' is outside the ExternalId grammar: no caller can send it`;
  return undefined;
}

/** The values of parameters this variant keeps at a published value (a non-empty Default or an AllowedValue). */
function publishedParts(subject: RuleSubject, variant: TrustVariant): string[] {
  const parts: string[] = [];
  for (const a of variant.assumptions) {
    if (!a.key.startsWith('param:') || a.choice === '') continue;
    const parameter = subject.template.parameters.get(a.key.slice('param:'.length));
    if (!parameter) continue;
    const published = [parameter.default, ...(parameter.allowedValues ?? [])]
      .filter((v) => v !== undefined)
      .map(String);
    if (published.includes(a.choice)) parts.push(a.choice);
  }
  return parts;
}

/** The parameter whose (non-empty) Default or one of whose AllowedValues is the whole value in this variant, if any. */
function publishedBy(subject: RuleSubject, variant: TrustVariant, value: string): string | undefined {
  for (const a of variant.assumptions) {
    if (!a.key.startsWith('param:')) continue;
    const name = a.key.slice('param:'.length);
    const parameter = subject.template.parameters.get(name);
    if (!parameter) continue;
    const published = [parameter.default, ...(parameter.allowedValues ?? [])]
      .filter((v) => v !== undefined && String(v) !== '')
      .map(String);
    if (published.includes(value)) return name;
  }
  return undefined;
}

/**
 * When the value comes from a parameter whose `Default` is an intrinsic computed only from guessable pseudo parameters
 * (a `CfnParameter` default of `Aws.ACCOUNT_ID` synthesizes `{"Ref": "AWS::AccountId"}`), why it is weak.
 */
function defaultDerivedFromGuessable(subject: RuleSubject, variant: TrustVariant, value: string): string | undefined {
  for (const a of variant.assumptions) {
    if (!a.key.startsWith('param:') || !value.includes(a.choice)) continue;
    const name = a.key.slice('param:'.length);
    const raw = subject.template.json.Parameters?.[name]?.Default;
    if (!isObject(raw)) continue;
    // a default is published with the template: its text is the same for everyone who keeps it, only the pseudo
    // parameters differ, and anyone can work those out
    const inputs = valueInputs(raw);
    if (
      !inputs.opaque &&
      inputs.refs.length === 0 &&
      inputs.pseudo.length > 0 &&
      inputs.pseudo.every((p) => GUESSABLE_PSEUDO_PARAMETERS.includes(p))
    ) {
      return `the default of parameter ${name} is computed from ${inputs.pseudo.join(', ')}, which anyone can work out, and text published with the template`;
    }
  }
  return undefined;
}

/** The constraints of the parameter a value is (`{{Ref.X}}` of a template parameter), if it is one. */
function parameterOf(subject: RuleSubject, value: string) {
  const name = /^\{\{Ref\.([^{}.]+)\}\}$/.exec(value)?.[1];
  const raw = name === undefined ? undefined : subject.template.json.Parameters?.[name];
  if (!isObject(raw)) return undefined;
  const maxLength = Number(raw.MaxLength);
  return {
    name: name!,
    allowedPattern: typeof raw.AllowedPattern === 'string' ? raw.AllowedPattern : undefined,
    maxLength: Number.isFinite(maxLength) && raw.MaxLength !== undefined ? maxLength : undefined,
    allowedValues: Array.isArray(raw.AllowedValues) ? raw.AllowedValues : undefined,
  };
}

/** The raw `sts:ExternalId` condition values of a trust document (any operator), for the opaque-value check. */
function rawExternalIds(document: unknown, depth = 0): unknown[] {
  if (depth > 12 || (!isObject(document) && !Array.isArray(document))) return [];
  if (Array.isArray(document)) return document.flatMap((d) => rawExternalIds(d, depth + 1));
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (key.toLowerCase() === 'sts:externalid') out.push(...(Array.isArray(value) ? value : [value]));
    else out.push(...rawExternalIds(value, depth + 1));
  }
  return out;
}
