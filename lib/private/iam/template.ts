/**
 * A CloudFormation template as the IAM model reads it: resources by logical id and type, the `aws:cdk:path`
 * index, Parameters, Mappings and Conditions, and what is known of the environment it is deployed to.
 * Built from JSON (a synthesized template, a file, a stack rendered by `_toCloudFormation()`); never throws on
 * a template it does not understand: what is not an object is skipped.
 */
import { isObject } from './text';
import { VariantEvaluator } from './values';

/** What is known, before deployment, of where a template is deployed. */
export interface IamEnvironment {
  /** The 12-digit account, when concrete. */
  readonly account?: string;
  /** The partition (`aws`, `aws-cn`, ...), when known. */
  readonly partition?: string;
  /** The region, when concrete. */
  readonly region?: string;
}

/** One resource of a template. */
export interface IamResource {
  readonly logicalId: string;
  readonly type: string;
  /** The `Properties` (empty object when there are none). */
  readonly properties: { readonly [key: string]: unknown };
  /** The construct path (`aws:cdk:path` metadata), when the template was written by the CDK. */
  readonly cdkPath?: string;
  /** The resource's `Condition`, if any. */
  readonly condition?: string;
}

/** A template parameter, as declared. */
export interface IamParameter {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly allowedValues?: readonly unknown[];
  readonly allowedPattern?: string;
}

/** One template, read. */
export class IamTemplate {
  /** Reads a template (JSON object). A value that is not an object yields an empty template. */
  public static fromJson(
    template: unknown,
    options: { readonly name?: string; readonly environment?: IamEnvironment } = {},
  ): IamTemplate {
    return new IamTemplate(isObject(template) ? template : {}, options.name ?? 'template', options.environment ?? {});
  }

  public readonly resources: ReadonlyMap<string, IamResource>;
  public readonly parameters: ReadonlyMap<string, IamParameter>;
  public readonly mappings: { readonly [name: string]: unknown };
  public readonly conditions: { readonly [name: string]: unknown };
  private readonly byType = new Map<string, IamResource[]>();
  private readonly byPath = new Map<string, string>();
  private evaluator?: VariantEvaluator;
  private readonly memo = new Map<string, unknown>();

  private constructor(
    public readonly json: { readonly [key: string]: any },
    /** A name for messages (a file path or a stack id). */
    public readonly name: string,
    public readonly environment: IamEnvironment,
  ) {
    const resources = new Map<string, IamResource>();
    for (const [logicalId, raw] of Object.entries(isObject(json.Resources) ? json.Resources : {})) {
      if (!isObject(raw) || typeof raw.Type !== 'string') continue;
      const cdkPath =
        isObject(raw.Metadata) && typeof raw.Metadata['aws:cdk:path'] === 'string'
          ? raw.Metadata['aws:cdk:path']
          : undefined;
      const resource: IamResource = {
        logicalId,
        type: raw.Type,
        properties: isObject(raw.Properties) ? raw.Properties : {},
        cdkPath,
        condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      };
      resources.set(logicalId, resource);
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
      if (cdkPath !== undefined) this.byPath.set(cdkPath, logicalId);
    }
    this.resources = resources;
    const parameters = new Map<string, IamParameter>();
    for (const [name, raw] of Object.entries(isObject(json.Parameters) ? json.Parameters : {})) {
      if (!isObject(raw)) continue;
      parameters.set(name, {
        name,
        type: typeof raw.Type === 'string' ? raw.Type : 'String',
        default: raw.Default,
        allowedValues: Array.isArray(raw.AllowedValues) ? raw.AllowedValues : undefined,
        allowedPattern: typeof raw.AllowedPattern === 'string' ? raw.AllowedPattern : undefined,
      });
    }
    this.parameters = parameters;
    this.mappings = isObject(json.Mappings) ? json.Mappings : {};
    this.conditions = isObject(json.Conditions) ? json.Conditions : {};
  }

  /** The resource with this logical id. */
  public resource(logicalId: string): IamResource | undefined {
    return this.resources.get(logicalId);
  }

  /** Every resource of these types, in template order. */
  public ofType(...types: string[]): IamResource[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  /** The logical id of the resource written for this construct path (`aws:cdk:path`), if any. */
  public logicalIdOfPath(cdkPath: string): string | undefined {
    return this.byPath.get(cdkPath);
  }

  /** Whether every resource carries an `aws:cdk:path` (then a missing path means the resource is not here). */
  public get pathsComplete(): boolean {
    return this.byPath.size > 0 && this.byPath.size === this.resources.size;
  }

  /** The one intrinsic evaluator (variants mode) of this template. */
  public get values(): VariantEvaluator {
    this.evaluator ??= new VariantEvaluator(this);
    return this.evaluator;
  }

  /** Computes a value once per template (views of the model cache themselves here). */
  public memoize<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}
