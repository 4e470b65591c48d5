/**
 * The intrinsic evaluator of the model, *variants* mode: a template value becomes a bounded set of reachable
 * values, each with the assumptions that lead to it ("parameter RepoName keeps its default '*'", "condition IsProd
 * is false", "mapping Accounts key 'prod' is used").
 *
 * - `Fn::If`: both branches, unless the condition can be decided from the variant's parameter values.
 * - `Fn::FindInMap`: the entry when the keys are known, else every entry of the mapping (one variant each).
 * - `Ref` of a parameter: its `Default` and each of its `AllowedValues`; without AllowedValues, also "set to another
 *   value" (an unknown), and `*` when its AllowedPattern admits it; a parameter without either is an unknown
 *   (a placeholder, see text.ts), as is one of an `AWS::SSM::Parameter::Value<…>` type (its Default names an SSM
 *   parameter). The value "set to another value" never equals the Default in `Fn::Equals`; with an empty Default (the
 *   "optional, set it to turn it on" idiom) it reads "parameter X is set (to a value of your choice)".
 * - `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::ToJsonString` are evaluated; `Fn::GetAtt X.Value` of a
 *   CDK `CfnJson` (`Custom::AWSCDKCfnJson`) is the JSON it computes, of an `AWS::SSM::Parameter` the value it writes.
 * - `Ref` / `Fn::GetAtt X.Arn` of an OIDC provider of the template is its ARN, built from its `Url`; other `Ref` /
 *   `Fn::GetAtt` of resources, pseudo parameters and `Fn::ImportValue` are placeholders.
 * - `AWS::NoValue` removes the property or list item.
 *
 * The same parameter, condition or mapping key takes the same value throughout one variant (contradicting
 * combinations are dropped). At most `MAX_VARIANTS` variants are kept per value; past the bound, every choice is still
 * covered where room allows and the most dangerous-looking values are kept first (see `combine`). Never throws.
 */
import type { IamTemplate } from './template';
import { isObject, placeholder, refPlaceholder } from './text';

/** The choice of a parameter set to a value of the deployer's choice (an unknown). */
const SET = '{{set}}';

/** OIDC provider resources (`Ref` and `Fn::GetAtt X.Arn` give the provider's ARN). */
const OIDC_PROVIDER_TYPES = ['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider'];

/**
 * The deepest nesting the evaluator follows (intrinsics inside lists and objects; a real template is a few dozen
 * levels deep at most). A value nested deeper is an unknown `{{?}}`, so a hostile template (2,000 nested `Fn::Join`)
 * cannot overflow the stack (red-team R1).
 */
export const MAX_DEPTH = 256;

/** The most variants kept for one value. */
export const MAX_VARIANTS = 64;

/** Marks a value removed by `AWS::NoValue`. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** One choice a variant depends on. */
export interface Assumption {
  /** What was chosen: `param:Name`, `cond:Name`, `map:Name:key`. */
  readonly key: string;
  /** The choice (the value, `true`/`false`, the mapping key). */
  readonly choice: string;
  /** The choice in words: "parameter RepoName keeps its default '*'". */
  readonly text: string;
}

/** One reachable value. */
export interface Variant<T = unknown> {
  readonly value: T;
  readonly assumptions: readonly Assumption[];
}

/** The assumptions of a variant in words ("when parameter X keeps its default '*' and condition C is false"), or `undefined` when none. */
export function describeAssumptions(assumptions: readonly Assumption[]): string | undefined {
  if (assumptions.length === 0) return undefined;
  return `when ${assumptions.map((a) => a.text).join(' and ')}`;
}

/** Merges two assumption lists; `undefined` when they contradict each other. */
export function mergeAssumptions(
  a: readonly Assumption[],
  b: readonly Assumption[],
): readonly Assumption[] | undefined {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  for (const x of b) {
    const same = out.find((y) => y.key === x.key);
    if (!same) out.push(x);
    else if (same.choice !== x.choice) return undefined;
  }
  return out;
}

/**
 * Every consistent combination of one variant from each list (cartesian product, pruned and bounded).
 *
 * The bound (red-team M2): when more than `MAX_VARIANTS` combinations are consistent, the ones kept are chosen, not
 * the first ones: (1) coverage first, every variant of every list appears in at least one kept combination while
 * room remains (so each parameter value, mapping entry and `Fn::If` branch is seen somewhere, instead of the whole
 * cross product); (2) among them and for the rest of the room, the most dangerous-looking first (see `danger`:
 * a lone `*`, other wildcards, a removed condition or item, an empty or unknown value). The kept combinations keep
 * their original order.
 */
export function combine(lists: readonly (readonly Variant[])[]): Variant<unknown[]>[] {
  let acc: Variant<unknown[]>[] = [{ value: [], assumptions: [] }];
  let picks: (readonly number[])[] = [[]]; // per kept combination: the variant index taken in each list (-1: trivial)
  const listScores: (number[] | undefined)[] = [];
  const scoreOf = (pick: readonly number[]): number => {
    let sum = 0;
    pick.forEach((vi, li) => {
      if (vi < 0) return;
      listScores[li] ??= lists[li].map((v) => danger(v.value));
      sum += listScores[li]![vi];
    });
    return sum;
  };
  lists.forEach((list) => {
    if (list.length === 1 && list[0].assumptions.length === 0) {
      for (const a of acc) a.value.push(list[0].value);
      picks = picks.map((p) => [...p, -1]);
      return;
    }
    const next: Variant<unknown[]>[] = [];
    const nextPicks: number[][] = [];
    acc.forEach((a, ai) => {
      list.forEach((v, vi) => {
        const assumptions = mergeAssumptions(a.assumptions, v.assumptions);
        if (!assumptions) return;
        next.push({ value: [...a.value, v.value], assumptions });
        nextPicks.push([...picks[ai], vi]);
      });
    });
    if (next.length <= MAX_VARIANTS) {
      acc = next;
      picks = nextPicks;
      return;
    }
    const kept = choose(nextPicks.map(scoreOf), nextPicks);
    acc = kept.map((i) => next[i]);
    picks = kept.map((i) => nextPicks[i]);
  });
  return acc;
}

/** Indexes of at most `MAX_VARIANTS` candidates: covering every pick first, then by danger (see `combine`). */
function choose(scores: readonly number[], picks: readonly (readonly number[])[]): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const chosen = new Set<number>();
  const covered = new Set<string>();
  // first the candidates all of whose choices are still uncovered (so two lists are covered side by side rather than
  // one list paired with the other's single best variant), then those with any uncovered choice
  for (const all of [true, false]) {
    for (const i of order) {
      if (chosen.size >= MAX_VARIANTS) break;
      if (chosen.has(i)) continue;
      const keys = picks[i].map((vi, li) => `${li}:${vi}`).filter((_, li) => picks[i][li] >= 0);
      if (all ? keys.every((k) => !covered.has(k)) : keys.some((k) => !covered.has(k))) {
        chosen.add(i);
        for (const k of keys) covered.add(k);
      }
    }
  }
  for (const i of order) {
    if (chosen.size >= MAX_VARIANTS) break;
    chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** At most `MAX_VARIANTS` of a list of variants: the first one (a default) and then the most dangerous-looking. */
function bounded<T>(variants: Variant<T>[]): Variant<T>[] {
  if (variants.length <= MAX_VARIANTS) return variants;
  const scores = variants.map((v, i) => (i === 0 ? Infinity : danger(v.value)));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  return order
    .slice(0, MAX_VARIANTS)
    .sort((a, b) => a - b)
    .map((i) => variants[i]);
}

/** How many properties or items `AWS::NoValue` removed from an evaluated object or list (dropped conditions look dangerous). */
const REMOVED = new WeakMap<object, number>();

/** The list without its removed items, remembering how many there were. */
function withoutRemoved(values: readonly unknown[]): unknown[] {
  const out = values.filter((x) => x !== NO_VALUE);
  if (out.length < values.length) REMOVED.set(out, values.length - out.length);
  return out;
}

/**
 * How dangerous a value looks, to choose what to keep past the bound: a lone `*` 4, another wildcard 2, a removed
 * property or item (`AWS::NoValue`: a dropped condition), an empty text or a whole unknown 1 each, summed over lists
 * and objects (to a bounded depth).
 */
function danger(value: unknown, depth = 0): number {
  if (value === NO_VALUE) return 1;
  if (typeof value === 'string') {
    if (value === '*') return 4;
    if (/[*?]/.test(value.replace(/\{\{[^{}]*\}\}/g, ''))) return 2;
    return value === '' || /^\{\{[^{}]*\}\}$/.test(value) ? 1 : 0;
  }
  if (value === null || typeof value !== 'object' || depth > 16) return 0;
  let sum = REMOVED.get(value) ?? 0;
  for (const child of Array.isArray(value) ? value : Object.values(value)) sum += danger(child, depth + 1);
  return sum;
}

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

/**
 * Whether a value nests lists or objects deeper than `max` (iterative, never overflows): a JSON-string document
 * parsed into such a value is better left unread (for policy.ts `parseDocument`, red-team R1 `jsonDeep`).
 */
export function deeperThan(value: unknown, max = MAX_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether a value holds any intrinsic function (a value nested deeper than `MAX_DEPTH` counts as holding one). */
export function hasIntrinsic(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => hasIntrinsic(v, depth + 1));
  const keys = Object.keys(value);
  if (keys.length === 1 && INTRINSIC.test(keys[0]) && keys[0] !== 'Condition') return true;
  return keys.some((k) => hasIntrinsic((value as { [key: string]: unknown })[k], depth + 1));
}

/** A value as text: strings as they are, numbers and booleans as strings, anything else `{{?}}`. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '{{?}}';
}

type V = Variant<unknown>;
const one = (value: unknown, assumptions: readonly Assumption[] = []): V[] => [{ value, assumptions }];

/** The variants evaluator of one template (see the module comment). */
export class VariantEvaluator {
  private readonly cache = new WeakMap<object, V[]>();
  private readonly conditionStack: string[] = [];
  /** How deep `ev` and `bool` are (see `MAX_DEPTH`). */
  private depth = 0;

  constructor(private readonly template: IamTemplate) {}

  /** The reachable values of a template value (at least one; `NO_VALUE` when removed). */
  public variants(value: unknown): Variant[] {
    try {
      return this.ev(value);
    } catch {
      return one(value);
    }
  }

  private ev(value: unknown): V[] {
    if (value === null || typeof value !== 'object') return one(value);
    const cached = this.cache.get(value);
    if (cached) return cached;
    if (this.depth >= MAX_DEPTH) return one('{{?}}');
    this.depth++;
    try {
      return this.evObject(value);
    } finally {
      this.depth--;
    }
  }

  private evObject(value: object): V[] {
    const obj = value as { [key: string]: unknown };
    let result: V[];
    if (Array.isArray(value)) {
      const lists = value.map((v) => this.ev(v));
      result = unchanged(value, lists)
        ? one(value)
        : combine(lists).map((c) => ({ value: withoutRemoved(c.value), assumptions: c.assumptions }));
    } else {
      const keys = Object.keys(obj);
      if (keys.length === 1 && INTRINSIC.test(keys[0]) && keys[0] !== 'Condition') {
        result = this.intrinsic(keys[0], obj[keys[0]]);
      } else {
        const lists = keys.map((k) => this.ev(obj[k]));
        result = unchanged(
          keys.map((k) => obj[k]),
          lists,
        )
          ? one(value)
          : combine(lists).map((c) => {
              const out: { [key: string]: unknown } = {};
              let removed = 0;
              keys.forEach((k, i) => {
                if (c.value[i] !== NO_VALUE) out[k] = c.value[i];
                else removed++;
              });
              if (removed > 0) REMOVED.set(out, removed);
              return { value: out, assumptions: c.assumptions };
            });
      }
    }
    if (result.length === 0) result = one('{{?}}');
    this.cache.set(value, result);
    return result;
  }

  private intrinsic(fn: string, arg: unknown): V[] {
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : one('{{?}}');
      case 'Fn::GetAtt': {
        const [res, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitAt(arg) : [];
        if (typeof res !== 'string' || typeof attr !== 'string') return one('{{?}}');
        return this.getAtt(res, attr);
      }
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        if (!Array.isArray(arg) || arg.length !== 2) return one('{{?}}');
        return combine([this.ev(arg[0]), this.ev(arg[1])]).map((c) => {
          const [d, s] = c.value;
          return {
            value: typeof d === 'string' && typeof s === 'string' && d !== '' ? s.split(d) : '{{?}}',
            assumptions: c.assumptions,
          };
        });
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::If':
        return this.fnIf(arg);
      case 'Fn::ImportValue':
        return this.ev(arg).map((v) => ({
          value: placeholder('Import', textOf(v.value).replace(/[{}]/g, '')),
          assumptions: v.assumptions,
        }));
      case 'Fn::ToJsonString':
        return this.ev(arg).map((v) => ({ value: JSON.stringify(v.value) ?? '{{?}}', assumptions: v.assumptions }));
      default:
        return one('{{?}}');
    }
  }

  private ref(name: string): V[] {
    if (name === 'AWS::NoValue') return one(NO_VALUE);
    if (name.startsWith('AWS::')) return one(refPlaceholder(name));
    const parameter = this.template.parameters.get(name);
    if (!parameter) return this.oidcProviderArn(name) ?? one(refPlaceholder(name));
    // the Default of an SSM-typed parameter names an SSM parameter; the value is read at deploy time: an unknown
    if (parameter.type.startsWith('AWS::SSM::Parameter::Value<')) return one(refPlaceholder(name));
    return this.template.memoize(`param-variants:${name}`, () => {
      const isList = parameter.type === 'CommaDelimitedList' || parameter.type.startsWith('List<');
      const shape = (v: unknown): unknown => {
        const text = Array.isArray(v) ? v.map(textOf).join(',') : textOf(v);
        return isList ? text.split(',').map((s) => s.trim()) : text;
      };
      const out: V[] = [];
      const seen = new Set<string>();
      const add = (raw: unknown, text: string): void => {
        const choice = Array.isArray(raw) ? raw.map(textOf).join(',') : textOf(raw);
        if (seen.has(choice)) return;
        seen.add(choice);
        out.push({
          value: shape(raw),
          assumptions: [{ key: `param:${name}`, choice, text: text.replace('%s', `'${shortened(choice)}'`) }],
        });
      };
      if (parameter.default !== undefined) add(parameter.default, `parameter ${name} keeps its default %s`);
      for (const v of parameter.allowedValues ?? []) add(v, `parameter ${name} is set to %s`);
      if (
        parameter.allowedValues === undefined &&
        parameter.allowedPattern !== undefined &&
        admitsWildcardOnPurpose(parameter.allowedPattern)
      ) {
        if (out.length === 0) {
          seen.add(SET);
          out.push({
            value: refPlaceholder(name),
            assumptions: [
              { key: `param:${name}`, choice: SET, text: `parameter ${name} is set to a value of your choice` },
            ],
          });
        }
        add('*', `parameter ${name} is set to %s (its AllowedPattern admits it)`);
      }
      if (out.length === 0) return one(refPlaceholder(name));
      if (parameter.allowedValues === undefined && !seen.has(SET)) {
        // without AllowedValues the deployer can set any other value (bounded by AllowedPattern when given): an unknown,
        // a placeholder that is never a wildcard. An empty default is the "optional, set it to turn the feature on" idiom.
        const text =
          textOf(parameter.default) === ''
            ? `parameter ${name} is set (to a value of your choice)`
            : `parameter ${name} is set to another value`;
        out.push({ value: refPlaceholder(name), assumptions: [{ key: `param:${name}`, choice: SET, text }] });
      }
      return bounded(out);
    });
  }

  private getAtt(logicalId: string, attribute: string): V[] {
    const target = this.template.resource(logicalId);
    if (target?.type === 'Custom::AWSCDKCfnJson' && attribute === 'Value') {
      return this.ev(target.properties.Value).map((v) => ({ value: parseJson(v.value), assumptions: v.assumptions }));
    }
    if (attribute === 'Arn') {
      const arn = this.oidcProviderArn(logicalId);
      if (arn) return arn;
    }
    if (target?.type === 'AWS::SSM::Parameter' && attribute === 'Value' && target.properties.Value !== undefined) {
      // the parameter's value is the one the template writes (read back through GetAtt in the same template)
      return this.ev(target.properties.Value);
    }
    return one(`{{GetAtt.${logicalId.replace(/[:*?{}.]/g, '_')}.${attribute.replace(/[:*?{}]/g, '_')}}}`);
  }

  /**
   * The ARN of an OIDC provider of the template (`Ref` and `Fn::GetAtt X.Arn` both give it), built from its `Url` in
   * each variant, so that the issuer a trust names follows the same parameter values as its conditions.
   */
  private oidcProviderArn(logicalId: string): V[] | undefined {
    const target = this.template.resource(logicalId);
    if (!target || !OIDC_PROVIDER_TYPES.includes(target.type) || target.properties.Url === undefined) return undefined;
    return this.ev(target.properties.Url).map((v) => ({
      value: `arn:{{AWS.Partition}}:iam::{{AWS.AccountId}}:oidc-provider/${textOf(v.value)
        .replace(/^https:\/\//i, '')
        .replace(/\/+$/, '')}`,
      assumptions: v.assumptions,
    }));
  }

  private join(arg: unknown): V[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one('{{?}}');
    return combine([this.ev(arg[0]), this.ev(arg[1])]).map((c) => {
      const [sep, list] = c.value;
      if (typeof sep !== 'string') return { value: '{{?}}', assumptions: c.assumptions };
      if (typeof list === 'string') return { value: list, assumptions: c.assumptions }; // an unknown list
      if (!Array.isArray(list)) return { value: '{{?}}', assumptions: c.assumptions };
      return {
        value: list
          .filter((x) => x !== NO_VALUE)
          .map(textOf)
          .join(sep),
        assumptions: c.assumptions,
      };
    });
  }

  private sub(arg: unknown): V[] {
    const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof template !== 'string') return one('{{?}}');
    const names: string[] = [];
    const re = /\$\{([^}]*)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(template))) {
      if (!m[1].startsWith('!') && !names.includes(m[1])) names.push(m[1]);
    }
    if (names.length === 0) return one(template.replace(/\$\{!/g, '${'));
    const explicit = isObject(vars) ? vars : {};
    const lists = names.map((name) => {
      if (name in explicit) return this.ev(explicit[name]);
      if (!name.startsWith('AWS::') && name.includes('.')) {
        const [res, attr] = splitAt(name);
        return this.getAtt(res, attr);
      }
      return this.ref(name);
    });
    return combine(lists).map((c) => ({
      value: template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (name.startsWith('!')) return `\${${name.slice(1)}}`;
        const i = names.indexOf(name);
        if (i < 0) return whole;
        const v = c.value[i];
        return Array.isArray(v) ? v.map(textOf).join(',') : textOf(v);
      }),
      assumptions: c.assumptions,
    }));
  }

  private select(arg: unknown): V[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one('{{?}}');
    return combine([this.ev(arg[0]), this.ev(arg[1])]).flatMap((c): V[] => {
      const [index, list] = c.value;
      if (typeof index === 'string' && !known(index) && Array.isArray(list)) {
        // an index unknown at synth (a parameter set to another value): every element is reachable
        return list
          .map((value, n) => ({
            value,
            assumptions: mergeAssumptions(c.assumptions, [
              { key: `index:${index}`, choice: String(n), text: `the index is ${n}` },
            ]),
          }))
          .filter((v): v is V => v.assumptions !== undefined);
      }
      const i = Number(index);
      const value = Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : '{{?}}';
      return [{ value, assumptions: c.assumptions }];
    });
  }

  private findInMap(arg: unknown): V[] {
    if (!Array.isArray(arg) || arg.length < 3) return one('{{?}}');
    const out: V[] = [];
    for (const c of combine([this.ev(arg[0]), this.ev(arg[1]), this.ev(arg[2])])) {
      const [mapName, top, second] = c.value.map(textOf);
      const mapping = this.template.mappings[mapName];
      if (!isObject(mapping)) {
        out.push({ value: '{{?}}', assumptions: c.assumptions });
        continue;
      }
      const tops = known(top) ? [top] : Object.keys(mapping);
      for (const t of tops) {
        const entry = mapping[t];
        if (!isObject(entry)) continue;
        const seconds = known(second) ? [second] : Object.keys(entry);
        for (const s of seconds) {
          if (!(s in entry)) continue;
          let assumptions: readonly Assumption[] | undefined = c.assumptions;
          if (!known(top))
            assumptions = mergeAssumptions(assumptions, [
              { key: `map:${mapName}:${top}`, choice: t, text: `mapping ${mapName} is read at key '${t}'` },
            ]);
          if (assumptions && !known(second)) {
            assumptions = mergeAssumptions(assumptions, [
              {
                key: `map:${mapName}:${t}:${second}`,
                choice: s,
                text: `mapping ${mapName}.${t} is read at key '${s}'`,
              },
            ]);
          }
          if (assumptions) out.push({ value: entry[s], assumptions });
        }
      }
      if (out.length === 0 && arg.length > 3 && isObject(arg[3]) && 'DefaultValue' in arg[3]) {
        out.push(
          ...this.ev(arg[3].DefaultValue).map((v) => ({
            value: v.value,
            assumptions: mergeAssumptions(c.assumptions, v.assumptions) ?? c.assumptions,
          })),
        );
      }
    }
    return out.length > 0 ? bounded(out) : one('{{?}}');
  }

  private fnIf(arg: unknown): V[] {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return one('{{?}}');
    const out: V[] = [];
    for (const c of this.condition(arg[0])) {
      for (const branch of this.ev(c.value ? arg[1] : arg[2])) {
        const assumptions = mergeAssumptions(c.assumptions, branch.assumptions);
        if (assumptions) out.push({ value: branch.value, assumptions });
      }
    }
    return bounded(out);
  }

  /** The reachable truth values of a named condition. */
  public condition(name: string): Variant<boolean>[] {
    if (this.conditionStack.includes(name)) return this.undecided(name);
    this.conditionStack.push(name);
    try {
      return this.template.memoize(`cond:${name}`, () => {
        const decided = this.bool(this.template.conditions[name]);
        const out: Variant<boolean>[] = [];
        for (const d of decided) {
          if (d.value === undefined) {
            for (const u of this.undecided(name)) {
              const assumptions = mergeAssumptions(d.assumptions, u.assumptions);
              if (assumptions) out.push({ value: u.value, assumptions });
            }
          } else {
            out.push({ value: d.value, assumptions: d.assumptions });
          }
        }
        return out.length > 0 ? out : this.undecided(name);
      });
    } finally {
      this.conditionStack.pop();
    }
  }

  /**
   * Whether `text`, a whole parameter placeholder, can never equal the literal `other`: a parameter "set to another
   * value" differs from its default, and a value bounded by an AllowedPattern the literal does not match differs from it.
   */
  private excludes(text: string, other: string, assumptions: readonly Assumption[]): boolean {
    const ref = /^\{\{Ref\.([^{}]*)\}\}$/.exec(text);
    if (!ref || !known(other)) return false;
    const parameter = this.template.parameters.get(ref[1]);
    if (!parameter) return false;
    if (
      parameter.default !== undefined &&
      textOf(parameter.default) === other &&
      assumptions.some((a) => a.key === `param:${ref[1]}` && a.choice === SET)
    )
      return true;
    return parameter.allowedPattern !== undefined && patternAdmits(parameter.allowedPattern, other) === false;
  }

  private undecided(name: string): Variant<boolean>[] {
    return [true, false].map((value) => ({
      value,
      assumptions: [{ key: `cond:${name}`, choice: String(value), text: `condition ${name} is ${value}` }],
    }));
  }

  private bool(expr: unknown): Variant<boolean | undefined>[] {
    if (this.depth >= MAX_DEPTH) return [{ value: undefined, assumptions: [] }];
    this.depth++;
    try {
      return this.boolOf(expr);
    } finally {
      this.depth--;
    }
  }

  private boolOf(expr: unknown): Variant<boolean | undefined>[] {
    if (typeof expr === 'boolean') return [{ value: expr, assumptions: [] }];
    if (!isObject(expr)) return [{ value: undefined, assumptions: [] }];
    const [fn] = Object.keys(expr);
    const arg = expr[fn];
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : [{ value: undefined, assumptions: [] }];
      case 'Fn::Equals':
        return combine([this.ev(list[0]), this.ev(list[1])]).map((c) => {
          const [a, b] = c.value.map((x) => (Array.isArray(x) ? x.map(textOf).join(',') : textOf(x)));
          // a placeholder stands for a non-empty value (a parameter set by the deployer, a resource's name or ARN)
          if ((a === '' && b.includes('{{')) || (b === '' && a.includes('{{')))
            return { value: false, assumptions: c.assumptions };
          if (this.excludes(a, b, c.assumptions) || this.excludes(b, a, c.assumptions))
            return { value: false, assumptions: c.assumptions };
          return { value: a.includes('{{') || b.includes('{{') ? undefined : a === b, assumptions: c.assumptions };
        });
      case 'Fn::Not':
        return this.bool(list[0]).map((v) => ({
          value: v.value === undefined ? undefined : !v.value,
          assumptions: v.assumptions,
        }));
      case 'Fn::And':
      case 'Fn::Or':
        return combine(list.map((x) => this.bool(x))).map((c) => {
          const values = c.value as (boolean | undefined)[];
          const and = fn === 'Fn::And';
          const decisive = values.some((v) => v === !and);
          const value = decisive ? !and : values.some((v) => v === undefined) ? undefined : and;
          return { value, assumptions: c.assumptions };
        });
      default:
        return [{ value: undefined, assumptions: [] }];
    }
  }
}

/** Whether every child evaluated to itself alone (no intrinsic below): the parent is then its own only variant. */
function unchanged(children: readonly unknown[], lists: readonly (readonly V[])[]): boolean {
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list.length !== 1 || list[0].assumptions.length !== 0 || list[0].value !== children[i]) return false;
  }
  return true;
}

/**
 * Whether a parameter's AllowedPattern admits `text` (CloudFormation matches the whole value), `undefined` when the
 * pattern is not a JavaScript regular expression.
 */
export function patternAdmits(pattern: string, text: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(text);
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`).test(text);
    } catch {
      return undefined;
    }
  }
}

/**
 * Whether an AllowedPattern admits the lone wildcard `*` while rejecting some other text: a pattern such as
 * `(\d{12}|\*)` makes `*` reachable (red-team M5); one that admits any text (`.+`) says no more than no pattern,
 * and the value stays an unknown placeholder (a placeholder is never a wildcard for the rules).
 */
function admitsWildcardOnPurpose(pattern: string): boolean {
  return patternAdmits(pattern, '*') === true && !(patternAdmits(pattern, '~') && patternAdmits(pattern, '#'));
}

/** A value as a variant text names it: its first 60 characters, then '…' (red-team R2: a 200-ARN default in a table cell). */
function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function known(text: string): boolean {
  return !text.includes('{{');
}

function splitAt(text: string): [string, string] {
  const i = text.indexOf('.');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * The variants of a resource's value restricted to those where the resource exists: when the resource has a
 * `Condition`, only the variants consistent with that condition being true are kept (its assumptions added).
 */
export function whereResourceExists<T>(
  evaluator: VariantEvaluator,
  condition: string | undefined,
  variants: readonly Variant<T>[],
): Variant<T>[] {
  if (condition === undefined) return [...variants];
  const exists = evaluator.condition(condition).filter((c) => c.value);
  const out: Variant<T>[] = [];
  for (const v of variants) {
    for (const c of exists) {
      const assumptions = mergeAssumptions(v.assumptions, c.assumptions);
      if (assumptions) out.push({ value: v.value, assumptions });
    }
  }
  return out;
}
