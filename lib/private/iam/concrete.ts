/**
 * The intrinsic evaluator of the model, *concrete* mode: resolves a template value with one environment (account,
 * partition, region) and parameter values, for the testing helpers that hand policies to a real IAM evaluator.
 * Anything it cannot resolve is reported with its path in the template, never guessed (variants mode, values.ts,
 * is the one that explores what a template could become).
 *
 * Built on `IamTemplate` (template.ts): the same resources, parameters and mappings the nag pack reads.
 */
import { IamTemplate } from './template';
import { splitOnce } from '../text';

/** The environment a template is read in. */
export interface TemplateEnvironment {
  readonly account: string;
  readonly partition: string;
  readonly region: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Values of `Ref`s not known before deployment, by logical id or alias (construct path). */
  readonly refs?: Readonly<Record<string, string>>;
}

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

const NO_VALUE = Symbol('AWS::NoValue');
const UNRESOLVED = Symbol('unresolved');

const URL_SUFFIX: Readonly<Record<string, string>> = { 'aws-cn': 'amazonaws.com.cn' };

const OIDC_PROVIDER_TYPES = ['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider'];

/** What an IAM resource of the template is called by, and its ARN when it can be known before deployment. */
interface IamResourceShape {
  /** ARN resource prefix: `role`, `user`, `group`. */
  readonly arnKind: string;
  /** Property holding the name. */
  readonly nameProperty: string;
}

const IAM_SHAPES: Readonly<Record<string, IamResourceShape>> = {
  'AWS::IAM::Role': { arnKind: 'role', nameProperty: 'RoleName' },
  'AWS::IAM::User': { arnKind: 'user', nameProperty: 'UserName' },
  'AWS::IAM::Group': { arnKind: 'group', nameProperty: 'GroupName' },
};

/** A synthesized template read in one account. */
export class ConcreteTemplate {
  public readonly resources: Readonly<Record<string, TemplateResource>>;
  /** The model of the same template (resources by type, attachments, ...). */
  public readonly iam: IamTemplate;
  private readonly mappings: Readonly<Record<string, any>>;
  private readonly parameters: Readonly<Record<string, any>>;
  /** The `refs` option by logical id. */
  private readonly refValues: Record<string, string>;

  /**
   * @param template the synthesized template (JSON)
   * @param env the environment its pseudo-parameters stand for
   * @param aliases other names of resources (construct paths relative to the stack) mapped to logical ids
   */
  constructor(
    template: unknown,
    public readonly env: TemplateEnvironment,
    private readonly aliases: Readonly<Record<string, string>> = {},
  ) {
    if (typeof template !== 'object' || template === null || Array.isArray(template)) {
      throw new Error(
        `expected a synthesized CloudFormation template (an object with Resources); received ${typeof template}.`,
      );
    }
    const t = template as Record<string, any>;
    if (typeof t.Resources !== 'object' || t.Resources === null) {
      throw new Error(
        'expected a synthesized CloudFormation template with a Resources section; received an object without one.',
      );
    }
    this.resources = t.Resources;
    this.iam = IamTemplate.fromJson(template, {
      environment: { account: env.account, partition: env.partition, region: env.region },
    });
    this.mappings = this.iam.mappings;
    this.parameters = t.Parameters ?? {};
    this.refValues = {};
    const unknown: string[] = [];
    for (const [name, value] of Object.entries(env.refs ?? {})) {
      const logicalId = name in this.resources ? name : this.aliases[name];
      if (logicalId === undefined || !(logicalId in this.resources)) unknown.push(name);
      else this.refValues[logicalId] = value;
    }
    if (unknown.length > 0) {
      throw new Error(
        `invalid refs: received ${unknown.map((u) => `'${u}'`).join(', ')}; expected resources of the template, ` +
          'by logical id or (for a stack) construct path.',
      );
    }
  }

  /** Logical ids of the resources of one type, in template order. */
  public logicalIdsOfType(...types: string[]): string[] {
    return Object.keys(this.resources).filter((id) => types.includes(this.resources[id].Type));
  }

  /**
   * Finds a resource of one of the IAM types by logical id, by its physical name (RoleName, UserName, GroupName),
   * or by an alias (construct path). Returns `undefined` when none matches.
   */
  public findIamResource(name: string, ...types: string[]): string | undefined {
    const candidates = this.logicalIdsOfType(...types);
    if (candidates.includes(name)) return name;
    const alias = this.aliases[name];
    if (alias !== undefined && candidates.includes(alias)) return alias;
    return candidates.find((id) => this.physicalName(id) === name);
  }

  /** The physical name of an IAM role/user/group when the template sets it as a resolvable value. */
  public physicalName(logicalId: string): string | undefined {
    const resource = this.resources[logicalId];
    const shape = resource ? IAM_SHAPES[resource.Type] : undefined;
    const raw = shape ? resource.Properties?.[shape.nameProperty] : undefined;
    if (raw === undefined) return undefined;
    const problems: string[] = [];
    const value = this.resolveValue(raw, `${logicalId}.${shape!.nameProperty}`, problems);
    return problems.length === 0 && typeof value === 'string' ? value : undefined;
  }

  /** The ARN of a role/user/group: known only when it is named. */
  public iamArn(logicalId: string): string | undefined {
    const resource = this.resources[logicalId];
    const shape = IAM_SHAPES[resource?.Type];
    const name = this.physicalName(logicalId);
    if (!shape || name === undefined) return undefined;
    const path = this.stringProperty(logicalId, 'Path') ?? '/';
    return `arn:${this.env.partition}:iam::${this.env.account}:${shape.arnKind}${path}${name}`;
  }

  /**
   * Resolves a value of the template. Throws an `Error` listing every part that cannot be resolved, each with its
   * path, when there is any.
   */
  public resolve(value: unknown, path: string, what: string): any {
    const problems: string[] = [];
    const resolved = this.resolveValue(value, path, problems);
    if (problems.length > 0) {
      throw new Error(
        `cannot resolve ${what} from the template:\n  - ${problems.join('\n  - ')}\n` +
          'The testing helpers resolve Ref/Fn::GetAtt of named IAM roles, users and groups, of OIDC and SAML providers ' +
          'and of managed policies in the same template, template parameters (their Default or the `parameters` option), ' +
          'Refs given in the `refs` option, pseudo-parameters, Fn::Join, Fn::Sub, Fn::Select, Fn::Split and Fn::FindInMap.',
      );
    }
    return resolved;
  }

  /** Resolves a value, collecting problems instead of throwing. */
  public resolveValue(value: unknown, path: string, problems: string[]): any {
    const result = this.walk(value, path, problems);
    return result === NO_VALUE ? undefined : result;
  }

  /** Whether a template value refers to the resource `logicalId` (by `Ref`, `Fn::GetAtt`, or its literal name or ARN). */
  public refersTo(value: unknown, logicalId: string): boolean {
    if (typeof value === 'string') {
      return (
        value === this.physicalName(logicalId) ||
        value === this.iamArn(logicalId) ||
        value === this.managedPolicyArn(logicalId)
      );
    }
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    if (v.Ref === logicalId) return true;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
    if (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId) return true;
    const problems: string[] = [];
    const resolved = this.resolveValue(value, '', problems);
    return problems.length === 0 && typeof resolved === 'string' && this.refersTo(resolved, logicalId);
  }

  /** The ARN of an `AWS::IAM::ManagedPolicy` of the template, when it is named. */
  public managedPolicyArn(logicalId: string): string | undefined {
    const resource = this.resources[logicalId];
    if (resource?.Type !== 'AWS::IAM::ManagedPolicy') return undefined;
    const name = this.stringProperty(logicalId, 'ManagedPolicyName');
    if (name === undefined) return undefined;
    const path = this.stringProperty(logicalId, 'Path') ?? '/';
    return `arn:${this.env.partition}:iam::${this.env.account}:policy${path}${name}`;
  }

  private stringProperty(logicalId: string, property: string): string | undefined {
    const raw = this.resources[logicalId]?.Properties?.[property];
    if (raw === undefined) return undefined;
    const problems: string[] = [];
    const value = this.resolveValue(raw, `${logicalId}.${property}`, problems);
    return problems.length === 0 && typeof value === 'string' ? value : undefined;
  }

  private walk(value: unknown, path: string, problems: string[]): any {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const r = this.walk(item, `${path}[${i}]`, problems);
        if (r !== NO_VALUE) out.push(r);
      });
      return out;
    }
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && isIntrinsicName(entries[0][0])) {
      const [fn, arg] = entries[0];
      const r = this.intrinsic(fn, arg, path, problems);
      if (r === UNRESOLVED) return undefined;
      return r;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const r = this.walk(v, path ? `${path}.${k}` : k, problems);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown, path: string, problems: string[]): any {
    const fail = (reason: string): typeof UNRESOLVED => {
      problems.push(`${path || '(value)'}: ${JSON.stringify({ [fn]: arg })}: ${reason}`);
      return UNRESOLVED;
    };
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, fail) : fail('Ref expects a name');
      case 'Fn::GetAtt': {
        const parts = typeof arg === 'string' ? splitOnce(arg, '.') : arg;
        if (
          !Array.isArray(parts) ||
          parts.length !== 2 ||
          typeof parts[0] !== 'string' ||
          typeof parts[1] !== 'string'
        ) {
          return fail('Fn::GetAtt expects [logicalId, attribute]');
        }
        return this.getAtt(parts[0], parts[1], fail);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
          return fail('Fn::Join expects [separator, list]');
        const before = problems.length;
        const list = this.walk(arg[1], `${path}.Fn::Join[1]`, problems);
        if (problems.length > before) return UNRESOLVED;
        if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
          return fail('Fn::Join needs a list of strings');
        return list.join(arg[0]);
      }
      case 'Fn::Sub':
        return this.sub(arg, path, problems, fail);
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return fail('Fn::Select expects [index, list]');
        const before = problems.length;
        const index = Number(this.walk(arg[0], `${path}.Fn::Select[0]`, problems));
        const list = this.walk(arg[1], `${path}.Fn::Select[1]`, problems);
        if (problems.length > before) return UNRESOLVED;
        if (!Array.isArray(list)) return fail('Fn::Select needs a list');
        if (!Number.isInteger(index) || index < 0 || index >= list.length)
          return fail(`index ${index} is outside the list`);
        return list[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
          return fail('Fn::Split expects [delimiter, string]');
        const before = problems.length;
        const s = this.walk(arg[1], `${path}.Fn::Split[1]`, problems);
        if (problems.length > before) return UNRESOLVED;
        return typeof s === 'string' ? s.split(arg[0]) : fail('Fn::Split needs a string');
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) return fail('Fn::FindInMap expects [map, topKey, secondKey]');
        const before = problems.length;
        const keys = arg.slice(0, 3).map((k, i) => this.walk(k, `${path}.Fn::FindInMap[${i}]`, problems));
        if (problems.length > before) return UNRESOLVED;
        if (keys.some((k) => typeof k !== 'string')) return fail('Fn::FindInMap keys must be strings');
        const found = this.mappings[keys[0]]?.[keys[1]]?.[keys[2]];
        return found === undefined ? fail(`no mapping entry ${keys.join('/')}`) : found;
      }
      case 'Fn::ImportValue':
        return fail('a value exported by another stack cannot be read from this template');
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
          return fail('Fn::If expects [condition, value if true, value if false]');
        const before = problems.length;
        const holds = this.condition(arg[0], `${path}.Fn::If[0]`, problems, []);
        if (problems.length > before || holds === undefined) return UNRESOLVED;
        return this.walk(arg[holds ? 1 : 2], `${path}.Fn::If[${holds ? 1 : 2}]`, problems);
      }
      default:
        return fail(`${fn} is not supported by the testing helpers`);
    }
  }

  /** A template condition in this environment (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`). */
  private condition(name: string, path: string, problems: string[], stack: string[]): boolean | undefined {
    const expression = this.iam.conditions[name];
    if (expression === undefined) {
      problems.push(`${path}: no condition ${name} in the template`);
      return undefined;
    }
    if (stack.includes(name)) {
      problems.push(`${path}: condition ${name} refers to itself`);
      return undefined;
    }
    return this.booleanOf(expression, `Conditions.${name}`, problems, [...stack, name]);
  }

  private booleanOf(expression: unknown, path: string, problems: string[], stack: string[]): boolean | undefined {
    if (typeof expression === 'boolean') return expression;
    const entries = typeof expression === 'object' && expression !== null ? Object.entries(expression) : [];
    if (entries.length !== 1) {
      problems.push(`${path}: expected a condition function`);
      return undefined;
    }
    const [fn, arg] = entries[0];
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, path, problems, stack) : undefined;
      case 'Fn::Equals': {
        const before = problems.length;
        const [a, b] = [0, 1].map((i) => this.walk(list[i], `${path}.Fn::Equals[${i}]`, problems));
        if (problems.length > before) return undefined;
        const text = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));
        return text(a) === text(b);
      }
      case 'Fn::Not': {
        const v = this.booleanOf(list[0], `${path}.Fn::Not[0]`, problems, stack);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = list.map((x, i) => this.booleanOf(x, `${path}.${fn}[${i}]`, problems, stack));
        if (values.some((v) => v === undefined)) return undefined;
        return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      default:
        problems.push(`${path}: ${fn} is not a condition function`);
        return undefined;
    }
  }

  private ref(name: string, fail: (reason: string) => typeof UNRESOLVED): any {
    switch (name) {
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::AccountId':
        return this.env.account;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::URLSuffix':
        return URL_SUFFIX[this.env.partition] ?? 'amazonaws.com';
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    if (name.startsWith('AWS::')) return fail(`the pseudo-parameter ${name} is not known before deployment`);
    if (name in this.parameters) {
      if (name in this.env.parameters) return this.env.parameters[name];
      const def = this.parameters[name]?.Default;
      return def !== undefined
        ? String(def)
        : fail(`parameter ${name} has no Default; pass its value in the 'parameters' option`);
    }
    const resource = this.resources[name];
    if (!resource) return fail(`no parameter or resource ${name} in the template`);
    if (name in this.refValues) return this.refValues[name];
    if (IAM_SHAPES[resource.Type]) {
      return (
        this.physicalName(name) ??
        fail(
          `${resource.Type} ${name} has no ${IAM_SHAPES[resource.Type].nameProperty}, so its name is generated at deployment`,
        )
      );
    }
    if (OIDC_PROVIDER_TYPES.includes(resource.Type) || resource.Type === 'AWS::IAM::SAMLProvider') {
      return this.getAtt(name, 'Arn', fail);
    }
    if (resource.Type === 'AWS::IAM::ManagedPolicy') {
      return (
        this.managedPolicyArn(name) ??
        fail(`managed policy ${name} has no ManagedPolicyName, so its ARN is generated at deployment`)
      );
    }
    return fail(`Ref of a ${resource.Type} is not known before deployment; pass its value in the 'refs' option`);
  }

  private getAtt(logicalId: string, attribute: string, fail: (reason: string) => typeof UNRESOLVED): any {
    const resource = this.resources[logicalId];
    if (!resource) return fail(`no resource ${logicalId} in the template`);
    if (IAM_SHAPES[resource.Type] && attribute === 'Arn') {
      return (
        this.iamArn(logicalId) ??
        fail(
          `${resource.Type} ${logicalId} has no ${IAM_SHAPES[resource.Type].nameProperty}, so its ARN is generated at deployment`,
        )
      );
    }
    if (OIDC_PROVIDER_TYPES.includes(resource.Type) && attribute === 'Arn') {
      const url = this.stringProperty(logicalId, 'Url');
      if (url === undefined) return fail(`OIDC provider ${logicalId} has no resolvable Url`);
      return `arn:${this.env.partition}:iam::${this.env.account}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
    }
    if (resource.Type === 'AWS::IAM::SAMLProvider' && attribute === 'Arn') {
      const name = this.stringProperty(logicalId, 'Name');
      if (name === undefined)
        return fail(`SAML provider ${logicalId} has no Name, so its ARN is generated at deployment`);
      return `arn:${this.env.partition}:iam::${this.env.account}:saml-provider/${name}`;
    }
    if (resource.Type === 'AWS::IAM::ManagedPolicy' && attribute === 'PolicyArn') {
      return this.managedPolicyArn(logicalId) ?? fail(`managed policy ${logicalId} has no ManagedPolicyName`);
    }
    return fail(`attribute ${attribute} of a ${resource.Type} is not known before deployment`);
  }

  private sub(arg: unknown, path: string, problems: string[], fail: (reason: string) => typeof UNRESOLVED): any {
    let text: unknown = arg;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2 || typeof arg[1] !== 'object' || arg[1] === null)
        return fail('Fn::Sub expects a string or [string, variables]');
      text = arg[0];
      const before = problems.length;
      variables = this.walk(arg[1], `${path}.Fn::Sub[1]`, problems);
      if (problems.length > before) return UNRESOLVED;
    }
    if (typeof text !== 'string') return fail('Fn::Sub expects a string');
    let ok = true;
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) {
        const v = variables[name];
        if (typeof v === 'string') return v;
        fail(`variable ${name} does not resolve to a string`);
        ok = false;
        return whole;
      }
      const dot = name.indexOf('.');
      const r =
        dot > 0 && !name.startsWith('AWS::')
          ? this.getAtt(name.slice(0, dot), name.slice(dot + 1), fail)
          : this.ref(name, fail);
      if (typeof r !== 'string') {
        ok = false;
        return whole;
      }
      return r;
    });
    return ok ? out : UNRESOLVED;
  }
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}
