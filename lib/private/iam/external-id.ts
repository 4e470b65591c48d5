/**
 * ExternalIds that can be sent, and ExternalIds that can be guessed.
 *
 * The ExternalId is what stops one customer of a third party from having the third party assume *another* customer's
 * role (the confused deputy): it must be a value only the intended customer's configuration at the third party holds.
 * A value anyone can work out (the account id the role lives in, the stack name, `12345`, a template's published
 * default) gives that protection to nobody.
 *
 * Sources:
 * - STS AssumeRole, `ExternalId`: 2 to 1,224 characters of `[\w+=,.@:\/-]`:
 *   https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * - The confused deputy problem and the external ID (a value unique to each customer, assigned by the third party):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 * - Pseudo parameters (what `AWS::AccountId`, `AWS::StackName`, `AWS::Region`... resolve to):
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 *
 * Values may hold placeholders of the IAM model (`{{AWS.AccountId}}`, `{{Ref.X}}`, `{{?}}`).
 *
 * Internal: not exported from the package root.
 */

/** The ExternalId grammar STS accepts. */
export const EXTERNAL_ID_GRAMMAR = /^[\w+=,.@:/-]{2,1224}$/;

/** Fewer characters than this is "short": human-chosen, not generated. */
export const MIN_EXTERNAL_ID_LENGTH = 8;

/**
 * Values seen as ExternalIds in documentation, tutorials and templates, compared lower case without separators
 * (`External-ID`, `external_id` and `externalid` are one entry).
 */
export const WELL_KNOWN_EXTERNAL_IDS: readonly string[] = [
  'externalid',
  'myexternalid',
  'yourexternalid',
  'theexternalid',
  'uniqueid',
  'secret',
  'sharedsecret',
  'password',
  'changeme',
  'replaceme',
  'supplyme',
  'placeholder',
  'default',
  'example',
  'sample',
  'test',
  'testing',
  'demo',
  'none',
  'null',
  'undefined',
  'todo',
  'abc123',
  'qwerty',
  'letmein',
  'admin',
];

/** Pseudo parameters whose value anyone can work out (the account id is in every ARN of the account). */
export const GUESSABLE_PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::StackName',
  'AWS::Region',
  'AWS::Partition',
  'AWS::URLSuffix',
];

/** What else is known when judging a value. */
export interface ExternalIdContext {
  /** Account ids anyone can learn (the stack's, the user's own). */
  readonly accountIds?: readonly string[];
  /** The stack's name, when known. */
  readonly stackName?: string;
  /** The value is a parameter's `Default`: published with the template, the same for everyone who keeps it. */
  readonly fromParameterDefault?: string;
  /** Parts of the value published with the template (the defaults or allowed values of parameters it is built from). */
  readonly publicParts?: readonly string[];
}

/** The verdict on one ExternalId value. */
export interface ExternalIdJudgement {
  /** `true`: guessable or unusable; `false`: not guessable as far as can be read; `undefined`: not judged (unknown). */
  readonly weak: boolean | undefined;
  readonly why: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const GUESSABLE_PLACEHOLDERS = GUESSABLE_PSEUDO_PARAMETERS.map((p) => `AWS.${p.slice(5)}`);

/**
 * Judges one ExternalId value as text (placeholders allowed). Weak: outside the STS grammar (it can never be sent),
 * a parameter's published default, derived only from guessable pseudo parameters (`AWS::AccountId`...), equal to or
 * containing a known account id or the stack name, short, all digits, one of a few characters, or a well-known
 * placeholder. A value with an unknown part (a parameter without a known default, an import, a resource attribute,
 * `AWS::StackId`) is not judged.
 */
export function judgeExternalIdText(text: string, context: ExternalIdContext = {}): ExternalIdJudgement {
  const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = placeholders.filter((p) => !GUESSABLE_PLACEHOLDERS.includes(p));
  if (unknown.length > 0) return { weak: undefined, why: `depends on ${unknown.map((u) => `{{${u}}}`).join(', ')}` };
  // pseudo parameters resolve to grammar characters (digits, letters, '-', '.'): judge the grammar on a stand-in
  const sendable = text.replace(PLACEHOLDER, '000000000000');
  if (!EXTERNAL_ID_GRAMMAR.test(sendable)) {
    return {
      weak: true,
      why: `'${text}' is outside the ExternalId grammar (2-1224 characters of [A-Za-z0-9_+=,.@:/-]): no caller can send it`,
    };
  }
  if (context.fromParameterDefault !== undefined) {
    return {
      weak: true,
      why: `'${text}' is the default (or an allowed value) of parameter ${context.fromParameterDefault}: published with the template, the same for everyone who picks it`,
    };
  }
  if (placeholders.length > 0) {
    // The pseudo parameters add nothing anyone has to guess, and take nothing away: the value is as strong as the
    // text written around them (a random suffix stays random; '-vendor' stays guessable).
    const names = [...new Set(placeholders)].map((p) => `AWS::${p.slice(4)}`).join(', ');
    const rest = text.replace(PLACEHOLDER, '');
    const restWhy = weakRest(rest, context);
    return restWhy === undefined
      ? { weak: false, why: `${names} (public) plus text that is not guessable as far as can be read` }
      : { weak: true, why: `made of ${names}, which anyone can work out, and ${restWhy}` };
  }
  return judgeLiteral(text, context);
}

/**
 * Why the text of a value beside its guessable parts (pseudo parameters, a known account id, the stack name) is
 * guessable, or `undefined`: separators count for nothing, so it is judged without them.
 */
function weakRest(rest: string, context: ExternalIdContext): string | undefined {
  const stripped = stripPublic(rest, context);
  const folded = stripped.toLowerCase().replace(/[^a-z0-9]/g, '');
  const shown = `'${rest}'`;
  if (folded === '') return rest === '' ? 'no other text' : `${shown}, which is only separators`;
  if (WELL_KNOWN_EXTERNAL_IDS.includes(folded) || /^(x+|0+|1234\d*|12345\d*)$/.test(folded))
    return `${shown}, a well-known placeholder value`;
  if (folded.length < MIN_EXTERNAL_ID_LENGTH)
    return `${shown}, which is short (${folded.length} letters and digits): use a generated value such as a UUID`;
  if (/^\d+$/.test(folded)) return `${shown}, which is all digits (a number, date or id others can enumerate)`;
  if (new Set(folded).size < 4) return `${shown}, which uses fewer than 4 distinct characters`;
  // beside public parts, a format of short constants ('lweid:aws:v2:...') is not a secret: a generated value (a UUID,
  // hex, a token) has a run of 8 or more letters and digits
  if (!/[A-Za-z0-9]{8,}/.test(stripped))
    return `${shown}, which has no run of 8 or more letters and digits (a generated value has one)`;
  return undefined;
}

/** The text with the parts anyone can know (known account ids, the stack name, published parts) cut out. */
function stripPublic(text: string, context: ExternalIdContext): string {
  let stripped = text;
  const parts = [
    ...(context.accountIds ?? []).filter((a) => /^\d{12}$/.test(a)),
    ...(context.stackName && context.stackName.length >= 3 ? [context.stackName] : []),
    ...(context.publicParts ?? []).filter((p) => p.length >= 3),
  ];
  for (const part of parts) stripped = stripped.replace(new RegExp(escapeRegExp(part), 'gi'), ' ');
  return stripped;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function judgeLiteral(text: string, context: ExternalIdContext): ExternalIdJudgement {
  const folded = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  // a known account id or the stack name inside: as strong as the rest of the text (the same verdict as a pseudo
  // parameter in its place)
  const account = (context.accountIds ?? []).find((a) => /^\d{12}$/.test(a) && text.includes(a) && text !== a);
  const stack =
    context.stackName && context.stackName.length >= 3 && text.toLowerCase().includes(context.stackName.toLowerCase())
      ? context.stackName
      : undefined;
  const published = (context.publicParts ?? []).find((p) => p.length >= 3 && text.includes(p));
  if (account !== undefined || stack !== undefined || published !== undefined) {
    const what =
      account !== undefined
        ? `the account id ${account}`
        : stack !== undefined
          ? 'the stack name'
          : `'${published}', published with the template`;
    const restWhy = weakRest(text, context);
    return restWhy === undefined
      ? { weak: false, why: `${what} (public) plus text that is not guessable as far as can be read` }
      : {
          weak: true,
          why: `'${text}' contains ${what}, which anyone can work out, and beside it ${restWhy.replace(/^'[^']*'/, 'the rest')}`,
        };
  }
  if (/^\d{12}$/.test(text))
    return { weak: true, why: `'${text}' is an AWS account id, which anyone who sees an ARN of the account knows` };
  if (WELL_KNOWN_EXTERNAL_IDS.includes(folded) || /^(x+|0+|1234\d*|12345\d*)$/.test(folded)) {
    return { weak: true, why: `'${text}' is a well-known placeholder value` };
  }
  if (text.length < MIN_EXTERNAL_ID_LENGTH)
    return { weak: true, why: `'${text}' is short (${text.length} characters): use a generated value such as a UUID` };
  if (/^\d+$/.test(text))
    return { weak: true, why: `'${text}' is all digits (a number, date or id others can enumerate)` };
  if (new Set(text.toLowerCase()).size < 4)
    return { weak: true, why: `'${text}' uses fewer than 4 distinct characters` };
  return { weak: false, why: 'not guessable as far as can be read' };
}

/** Values a generator gives an ExternalId: a parameter that admits none of them only takes values people choose. */
export const GENERATED_EXTERNAL_ID_PROBES: readonly string[] = [
  'f47ac10b-58cc-4372-a567-0e02b2c3d479', // a UUID
  'F47AC10B-58CC-4372-A567-0E02B2C3D479',
  'a1b2c3d4e5f60718293a4b5c6d7e8f90', // 32 hex characters
  'Zq7pLx2mVb9kR3tYw8Nc', // 20 letters and digits
];

/** The constraints of a CloudFormation parameter that gives the ExternalId. */
export interface ExternalIdParameter {
  readonly name: string;
  /** `AllowedPattern` (CloudFormation matches it against the whole value). */
  readonly allowedPattern?: string;
  /** `MaxLength`. */
  readonly maxLength?: number;
  /** `AllowedValues` (published with the template). */
  readonly allowedValues?: readonly unknown[];
}

/**
 * Judges a parameter without default that gives the ExternalId by what it lets the deployer enter: `AllowedValues`
 * (each one published with the template), a `MaxLength` below `MIN_EXTERNAL_ID_LENGTH`, or an `AllowedPattern` that
 * admits no generated value (a UUID, 32 hex characters, 20 letters and digits), e.g. `^[0-9]{6}$`.
 * See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html.
 */
export function judgeExternalIdParameter(parameter: ExternalIdParameter): ExternalIdJudgement {
  if (parameter.allowedValues && parameter.allowedValues.length > 0) {
    return {
      weak: true,
      why: `parameter ${parameter.name} only takes its AllowedValues, which are published with the template`,
    };
  }
  if (parameter.maxLength !== undefined && parameter.maxLength < MIN_EXTERNAL_ID_LENGTH) {
    return {
      weak: true,
      why: `parameter ${parameter.name} has MaxLength ${parameter.maxLength}: every value it takes is short`,
    };
  }
  if (parameter.allowedPattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(`^(?:${parameter.allowedPattern})$`);
    } catch {
      re = undefined;
    }
    if (re && !GENERATED_EXTERNAL_ID_PROBES.some((p) => re!.test(p))) {
      return {
        weak: true,
        why: `parameter ${parameter.name}'s AllowedPattern ${parameter.allowedPattern} admits no generated value (a UUID, 32 hex characters, 20 letters and digits)`,
      };
    }
  }
  return { weak: undefined, why: `parameter ${parameter.name} is set at deploy time` };
}

/** The inputs an intrinsic value is computed from. */
export interface ValueInputs {
  /** Pseudo parameters referenced (`AWS::AccountId`...). */
  readonly pseudo: readonly string[];
  /** Parameters (or other logical ids) referenced. */
  readonly refs: readonly string[];
  /** Something else not known at synth time: `Fn::GetAtt`, `Fn::ImportValue`, `AWS::StackId`, an unknown function. */
  readonly opaque: boolean;
  /** The literal strings that take part. */
  readonly literals: readonly string[];
}

/**
 * The inputs of a raw CloudFormation value (a string or an intrinsic), walking `Fn::Join`, `Fn::Sub`, `Fn::Base64`,
 * `Fn::Select`, `Fn::Split`, `Fn::If` (both branches). Used to see that `Fn::Base64 of ${AWS::AccountId}` is as
 * guessable as the account id.
 */
export function valueInputs(raw: unknown): ValueInputs {
  const pseudo = new Set<string>();
  const refs = new Set<string>();
  const literals: string[] = [];
  let opaque = false;
  const visit = (v: unknown, depth: number): void => {
    if (depth > 20) {
      opaque = true;
      return;
    }
    if (typeof v === 'string') {
      literals.push(v);
      return;
    }
    if (typeof v === 'number' || typeof v === 'boolean') {
      literals.push(String(v));
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, depth + 1));
      return;
    }
    if (typeof v !== 'object' || v === null) {
      opaque = true;
      return;
    }
    const keys = Object.keys(v);
    if (keys.length !== 1) {
      opaque = true;
      return;
    }
    const fn = keys[0];
    const arg = (v as { [k: string]: unknown })[fn];
    switch (fn) {
      case 'Ref':
        if (typeof arg !== 'string') opaque = true;
        else if (arg === 'AWS::StackId' || arg === 'AWS::NotificationARNs') opaque = true;
        else if (arg.startsWith('AWS::')) pseudo.add(arg);
        else refs.add(arg);
        return;
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof template !== 'string') {
          opaque = true;
          return;
        }
        const bound = typeof vars === 'object' && vars !== null ? (vars as { [k: string]: unknown }) : {};
        literals.push(template.replace(/\$\{[^}]*\}/g, ''));
        for (const m of template.matchAll(/\$\{(!?)([^}]*)\}/g)) {
          if (m[1]) continue;
          const name = m[2];
          if (name in bound) visit(bound[name], depth + 1);
          else if (name.includes('.')) opaque = true;
          else visit({ Ref: name }, depth + 1);
        }
        return;
      }
      case 'Fn::If':
        if (Array.isArray(arg)) arg.slice(1).forEach((x) => visit(x, depth + 1));
        else opaque = true;
        return;
      case 'Fn::Join':
      case 'Fn::Base64':
      case 'Fn::Select':
      case 'Fn::Split':
        visit(arg, depth + 1);
        return;
      default:
        opaque = true;
    }
  };
  visit(raw, 0);
  return { pseudo: [...pseudo], refs: [...refs], opaque, literals };
}

/**
 * Whether a raw value is computed only from guessable pseudo parameters and literals (and uses at least one pseudo
 * parameter): `{"Fn::Base64": {"Fn::Sub": "${AWS::AccountId}"}}`, `{"Fn::Sub": "${AWS::StackName}-vendor"}`.
 */
export function derivedOnlyFromGuessableInputs(raw: unknown): {
  guessable: boolean;
  from: readonly string[];
  why?: string;
} {
  const inputs = valueInputs(raw);
  const onlyPseudo =
    !inputs.opaque &&
    inputs.refs.length === 0 &&
    inputs.pseudo.length > 0 &&
    inputs.pseudo.every((p) => GUESSABLE_PSEUDO_PARAMETERS.includes(p));
  if (!onlyPseudo) return { guessable: false, from: inputs.pseudo };
  // as strong as the text written beside the pseudo parameters (judgeExternalIdText does the same for evaluated text)
  const why = weakRest(inputs.literals.join(''), {});
  return { guessable: why !== undefined, from: inputs.pseudo, why };
}
