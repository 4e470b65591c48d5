/**
 * The one reader of policy documents and IAM-related CloudFormation resources used by every StsChecks rule.
 *
 * Everything here works on the *resolved CloudFormation* of a `CfnResource` (what `cdk synth` would write), so
 * resources from any construct library, raw `CfnResource`s and templates brought in with `CfnInclude` are read
 * the same way.
 *
 * How unresolved values are handled (the rules rely on this, and the README documents it):
 * - An intrinsic that remains after resolution (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::FindInMap`, ...) is
 *   rendered as a placeholder `{{...}}` inside the text of a value (`textOf`). `Fn::Join` and `Fn::Sub` keep their
 *   literal parts, so `arn:{{AWS.Partition}}:iam::{{AWS.AccountId}}:root` is still recognised as the stack's own
 *   account root.
 * - A placeholder is never a wildcard: a condition value taken from a parameter or an import is assumed to be one
 *   concrete value.
 * - A principal whose account cannot be read (a parameter, an import) is an account of *unknown* owner, which the
 *   cross-account rule treats as a foreign account.
 * - A `Condition` block that is not a plain object (for example a whole `Fn::If`) narrows nothing.
 * - `Fn::If` inside a statement list contributes the statements of both branches; `AWS::NoValue` is dropped.
 *
 * Nothing in this module throws on a value it does not understand: it answers "unknown" instead.
 *
 * Internal: not exported from the package root.
 */
import { CfnResource, DefaultTokenResolver, IFragmentConcatenator, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { splitOnce } from '../private/text';
import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '../private/web-identity';

// ---------------------------------------------------------------------------------------------------------------------
// Resolved resources
// ---------------------------------------------------------------------------------------------------------------------

/** A CloudFormation resource as it would be synthesized. */
export interface ResolvedResource {
  /** The logical id in its template. */
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::IAM::Role`. */
  readonly type: string;
  /** The resolved `Properties` (empty when there are none). */
  readonly properties: { readonly [key: string]: unknown };
}

/**
 * The `Resources` sections of synthesized templates, by stack construct path; each read on first use (`undefined`
 * when the template cannot be read).
 */
export type SynthesizedTemplates = Map<string, () => { [logicalId: string]: unknown } | undefined>;

/** Caches live for one validation pass; `resetReaderCaches` starts a new one (StsChecks calls it per pass). */
let resourceCache = new WeakMap<CfnResource, ResolvedResource | null>();
let indexCache = new WeakMap<Stack, TemplateIndex>();
let statementCache = new WeakMap<object, PolicyStatement[]>();
let synthesized: SynthesizedTemplates = new Map();
let allowTrustCache = new WeakMap<CfnResource, PolicyStatement[]>();

/**
 * Forget everything read so far and start a validation pass, optionally over templates CDK already synthesized
 * (during `cdk synth` the validation plugin receives them; reading them spares resolving every resource again).
 */
export function resetReaderCaches(templates?: SynthesizedTemplates): void {
  resourceCache = new WeakMap();
  indexCache = new WeakMap();
  statementCache = new WeakMap();
  allowTrustCache = new WeakMap();
  pathIndexCache = new WeakMap();
  synthesized = templates ?? new Map();
}

/**
 * The resolved CloudFormation of a resource, or `undefined` when it cannot be rendered.
 *
 * Taken from the synthesized template when the pass has one for the resource's stack; otherwise rendered from
 * `_toCloudFormation()` so that property overrides, `CfnInclude`d and raw `CfnResource`s are seen exactly as they will
 * be deployed. When the normal resolution throws (for example a cross-stack reference read before the app is
 * prepared) the value is resolved again leaving such references as they are.
 */
export function readResource(node: CfnResource): ResolvedResource | undefined {
  const cached = resourceCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const resolved = fromSynthesized(node) ?? render(node);
  resourceCache.set(node, resolved ?? null);
  return resolved;
}

function fromSynthesized(node: CfnResource): ResolvedResource | undefined {
  if (synthesized.size === 0) return undefined;
  const stack = Stack.of(node);
  const resources = synthesized.get(stack.node.path)?.();
  if (!resources) return undefined;
  // `cdk synth` writes each resource's construct path (aws:cdk:path): matching on it spares resolving logical ids.
  const byPath = pathIndexOf(resources);
  let logicalId = byPath.get(node.node.path);
  if (logicalId === undefined) {
    if (byPath.size > 0 && byPath.size === Object.keys(resources).length) return undefined;
    const resolved = stack.resolve(node.logicalId);
    if (typeof resolved !== 'string') return undefined;
    logicalId = resolved;
  }
  const resource = resources[logicalId];
  if (!isObject(resource) || resource.Type !== node.cfnResourceType) return undefined;
  return { logicalId, type: resource.Type, properties: isObject(resource.Properties) ? resource.Properties : {} };
}

let pathIndexCache = new WeakMap<object, Map<string, string>>();

/** Construct path -> logical id, from the `aws:cdk:path` metadata of a template's resources (empty without it). */
function pathIndexOf(resources: { [logicalId: string]: unknown }): Map<string, string> {
  let index = pathIndexCache.get(resources);
  if (!index) {
    index = new Map();
    for (const [logicalId, resource] of Object.entries(resources)) {
      const path = isObject(resource) && isObject(resource.Metadata) ? resource.Metadata['aws:cdk:path'] : undefined;
      if (typeof path === 'string') index.set(path, logicalId);
    }
    pathIndexCache.set(resources, index);
  }
  return index;
}

function render(node: CfnResource): ResolvedResource | undefined {
  let template: unknown;
  try {
    template = Stack.of(node).resolve((node as unknown as { _toCloudFormation(): object })._toCloudFormation());
  } catch {
    try {
      template = Tokenization.resolve((node as unknown as { _toCloudFormation(): object })._toCloudFormation(), {
        scope: node,
        preparing: true,
        resolver: new DefaultTokenResolver(new JoinConcat()),
      });
    } catch {
      return undefined;
    }
  }
  const resources = isObject(template) ? template.Resources : undefined;
  if (!isObject(resources)) return undefined;
  const logicalId = Object.keys(resources)[0];
  const resource = logicalId === undefined ? undefined : resources[logicalId];
  if (!isObject(resource) || typeof resource.Type !== 'string') return undefined;
  return {
    logicalId,
    type: resource.Type,
    properties: isObject(resource.Properties) ? resource.Properties : {},
  };
}

/** Concatenates fragments the way CloudFormation does: strings stay strings, anything else becomes `Fn::Join`. */
class JoinConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    if (left === undefined) return right;
    if (right === undefined) return left;
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    const parts = (value: unknown): unknown[] =>
      isObject(value) && Array.isArray(value['Fn::Join']) && value['Fn::Join'][0] === '' && Array.isArray(value['Fn::Join'][1])
        ? value['Fn::Join'][1] as unknown[]
        : [value];
    return { 'Fn::Join': ['', [...parts(left), ...parts(right)]] };
  }
}

/**
 * The resources of one template (stack), looked up by logical id or type, resolved on demand. Nothing is walked
 * until a lookup is made, and logical ids are only resolved for the first lookup by id.
 */
export class TemplateIndex {
  private nodes?: CfnResource[];
  private byId?: Map<string, CfnResource>;
  private byType?: Map<string, CfnResource[]>;

  constructor(public readonly stack: Stack) {}

  /** The resolved resource with this logical id, if it is in the template. */
  public resource(logicalId: string): ResolvedResource | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const child of this.all()) {
        const id = this.stack.resolve(child.logicalId);
        if (typeof id === 'string') this.byId.set(id, child);
      }
    }
    const node = this.byId.get(logicalId);
    return node ? readResource(node) : undefined;
  }

  /** Every resolved resource of a CloudFormation type in the template. */
  public ofType(type: string): ResolvedResource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const child of this.all()) {
        const list = this.byType.get(child.cfnResourceType) ?? [];
        list.push(child);
        this.byType.set(child.cfnResourceType, list);
      }
    }
    return (this.byType.get(type) ?? []).map(readResource).filter((r): r is ResolvedResource => r !== undefined);
  }

  private all(): CfnResource[] {
    this.nodes ??= this.stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === this.stack);
    return this.nodes;
  }
}

/** The template index of the stack that holds `node` (one per stack and validation pass; lazy). */
export function templateOf(node: CfnResource): TemplateIndex {
  const stack = Stack.of(node);
  let index = indexCache.get(stack);
  if (!index) {
    index = new TemplateIndex(stack);
    indexCache.set(stack, index);
  }
  return index;
}

/** The stack's account when it is a concrete 12-digit id. */
export function stackAccountOf(node: CfnResource): string | undefined {
  const account = Stack.of(node).account;
  return !Token.isUnresolved(account) && ACCOUNT_ID.test(account) ? account : undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Values as text
// ---------------------------------------------------------------------------------------------------------------------

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** A concrete 12-digit account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** An AWS Organizations id. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * A value rendered as text: strings as they are, numbers and booleans as strings, and intrinsics as placeholders
 * (`{{AWS.AccountId}}`, `{{AWS.Partition}}`, `{{Ref.Name}}`, `{{GetAtt.Name.Attr}}`, `{{?}}`). `Fn::Join` and
 * `Fn::Sub` keep their literal parts. Placeholders never contain `:`, so ARNs still split into their fields.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isObject(value)) return '{{?}}';
  const keys = Object.keys(value);
  if (keys.length !== 1) return '{{?}}';
  const [fn] = keys;
  const arg = value[fn];
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? refPlaceholder(arg) : '{{?}}';
    case 'Fn::GetAtt': {
      const [res, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? [...splitOnce(arg, '.'), ''] : [];
      return typeof res === 'string' && typeof attr === 'string' ? `{{GetAtt.${res}.${attr}}}` : '{{?}}';
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return '{{?}}';
      return (arg[1] as unknown[]).map(textOf).join(arg[0]);
    }
    case 'Fn::Sub': {
      const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
      if (typeof template !== 'string') return '{{?}}';
      return template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
        if (bang) return `\${${name}}`;
        if (isObject(vars) && name in vars) return textOf(vars[name]);
        if (name.includes('.')) {
          const [res, attr] = splitOnce(name, '.');
          return `{{GetAtt.${res}.${attr}}}`;
        }
        return refPlaceholder(name);
      });
    }
    default:
      return '{{?}}';
  }
}

function refPlaceholder(name: string): string {
  return name.startsWith('AWS::') ? `{{AWS.${name.slice(5)}}}` : `{{Ref.${name}}}`;
}

/** Whether the text holds an intrinsic placeholder. */
export function isUnresolvedText(text: string): boolean {
  return text.includes('{{');
}

/** The text without its placeholders (what is known for sure). */
export function literalPart(text: string): string {
  return text.replace(PLACEHOLDER, '');
}

/** Whether the text has a `*` or `?` outside its placeholders. */
export function hasWildcard(text: string): boolean {
  return (text.includes('*') || text.includes('?')) && /[*?]/.test(literalPart(text));
}

/** Whether the text matches everything, or nearly: only wildcards (or nothing) outside placeholders, no placeholder. */
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

/** IAM wildcard matching, case-insensitive (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c))).join('')}$`, 'is');
  return re.test(text);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------------
// ARNs and accounts
// ---------------------------------------------------------------------------------------------------------------------

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
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/** Who owns the account a value names. */
export enum AccountKind {
  /** The stack's own account (`AWS::AccountId`, the stack's concrete account, or a resource of the same template). */
  STACK = 'stack',
  /** A concrete 12-digit account id (compare it with the stack and the user's own accounts). */
  CONCRETE = 'concrete',
  /** Not readable at synth time (parameter, import, ...). */
  UNKNOWN = 'unknown',
  /** A wildcard: any account. */
  ANY = 'any',
}

/** An account field read from an ARN or a principal. */
export interface AccountRef {
  readonly kind: AccountKind;
  /** The 12-digit id when `kind` is CONCRETE. */
  readonly id?: string;
}

/** Reads the account field of an ARN (or a bare account id). */
export function readAccountField(field: string): AccountRef {
  if (ACCOUNT_ID.test(field)) return { kind: AccountKind.CONCRETE, id: field };
  if (field === '{{AWS.AccountId}}') return { kind: AccountKind.STACK };
  if (hasWildcard(field) || field === '') return { kind: AccountKind.ANY };
  return { kind: AccountKind.UNKNOWN };
}

/** What an AWS principal (`Principal: { AWS: ... }`) names. */
export interface AwsPrincipalInfo {
  readonly text: string;
  /** `*`: everyone. */
  readonly wildcard: boolean;
  /** The account the principal belongs to. */
  readonly account: AccountRef;
  /** Names one concrete IAM role, user or session (not an account root, no wildcard). */
  readonly concrete: boolean;
}

const CONCRETE_PRINCIPAL_RESOURCE = /^(role|user|assumed-role|federated-user)\//;

/** Reads an AWS principal value (account id, ARN, `*`, or intrinsic). */
export function readAwsPrincipal(text: string, index?: TemplateIndex): AwsPrincipalInfo {
  if (text === '*') return { text, wildcard: true, account: { kind: AccountKind.ANY }, concrete: false };
  if (ACCOUNT_ID.test(text) || text === '{{AWS.AccountId}}') {
    return { text, wildcard: false, account: readAccountField(text), concrete: false };
  }
  const arn = parseArn(text);
  if (arn) {
    const concrete = CONCRETE_PRINCIPAL_RESOURCE.test(arn.resource) && !hasWildcard(arn.resource);
    return { text, wildcard: false, account: readAccountField(arn.account), concrete };
  }
  const ref = referenceOf(text);
  if (ref?.attribute === 'Arn') {
    // A Fn::GetAtt X.Arn names one entity; when X is a user or role of this template, it is the stack's account.
    const target = index?.resource(ref.logicalId);
    const local = target !== undefined && (target.type === 'AWS::IAM::Role' || target.type === 'AWS::IAM::User');
    return { text, wildcard: false, account: { kind: local ? AccountKind.STACK : AccountKind.UNKNOWN }, concrete: true };
  }
  if (/^A(ROA|IDA)[A-Z0-9]{12,}$/.test(text)) {
    // Unique ids of a role or user.
    return { text, wildcard: false, account: { kind: AccountKind.UNKNOWN }, concrete: true };
  }
  return { text, wildcard: false, account: { kind: AccountKind.UNKNOWN }, concrete: false };
}

// ---------------------------------------------------------------------------------------------------------------------
// Federated principals
// ---------------------------------------------------------------------------------------------------------------------

/** The kind of identity provider a federated principal trusts. */
export enum FederatedKind {
  SAML = 'saml',
  OIDC = 'oidc',
  COGNITO = 'cognito',
  GOOGLE = 'google',
  FACEBOOK = 'facebook',
  AMAZON = 'amazon',
  UNKNOWN = 'unknown',
}

/** The OIDC issuer families whose subject format the rules know. */
export enum OidcFamily {
  GITHUB = 'github',
  GITLAB = 'gitlab',
  EKS = 'eks',
  TERRAFORM = 'terraform',
  GENERIC = 'generic',
}

/** What a federated principal (`Principal: { Federated: ... }`) trusts. */
export interface FederatedPrincipalInfo {
  readonly text: string;
  readonly kind: FederatedKind;
  /**
   * The prefix of the provider's condition keys, lower case (`token.actions.githubusercontent.com`,
   * `cognito-identity.amazonaws.com`, `oidc.eks.eu-west-1.amazonaws.com/id/ABC`); `undefined` when unknown.
   */
  readonly issuer?: string;
  /** For OIDC: the issuer family (GENERIC when the issuer is unknown or not a known one). */
  readonly family?: OidcFamily;
}

/** Built-in web identity providers: principal value -> kind. */
const BUILT_IN_PROVIDERS: { [principal: string]: FederatedKind } = {
  [BUILT_IN_WEB_IDENTITY_PROVIDERS.COGNITO]: FederatedKind.COGNITO,
  [BUILT_IN_WEB_IDENTITY_PROVIDERS.COGNITO_CN]: FederatedKind.COGNITO,
  [BUILT_IN_WEB_IDENTITY_PROVIDERS.GOOGLE]: FederatedKind.GOOGLE,
  [BUILT_IN_WEB_IDENTITY_PROVIDERS.FACEBOOK]: FederatedKind.FACEBOOK,
  [BUILT_IN_WEB_IDENTITY_PROVIDERS.AMAZON]: FederatedKind.AMAZON,
};

const OIDC_PROVIDER_TYPES = ['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider'];

/** Reads a federated principal value, looking up a `Ref`/`Fn::GetAtt` to a provider of the same template. */
export function readFederatedPrincipal(text: string, index?: TemplateIndex): FederatedPrincipalInfo {
  const builtIn = BUILT_IN_PROVIDERS[text.toLowerCase()];
  if (builtIn) return { text, kind: builtIn, issuer: text.toLowerCase() };
  if (/:saml-provider\//i.test(text)) return { text, kind: FederatedKind.SAML };
  const oidc = /:oidc-provider\/(.+)$/i.exec(text);
  if (oidc) return oidcInfo(text, isUnresolvedText(oidc[1]) ? undefined : oidc[1]);
  const ref = referenceOf(text);
  if (ref && (ref.attribute === undefined || ref.attribute === 'Arn')) {
    const target = index?.resource(ref.logicalId);
    if (target?.type === 'AWS::IAM::SAMLProvider') return { text, kind: FederatedKind.SAML };
    if (target && OIDC_PROVIDER_TYPES.includes(target.type)) {
      const url = textOf(target.properties.Url);
      return oidcInfo(text, isUnresolvedText(url) ? undefined : url);
    }
  }
  return { text, kind: FederatedKind.UNKNOWN };
}

function oidcInfo(text: string, issuerOrUrl: string | undefined): FederatedPrincipalInfo {
  if (issuerOrUrl === undefined) return { text, kind: FederatedKind.OIDC, family: OidcFamily.GENERIC };
  const issuer = issuerOrUrl.replace(/^https:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  return { text, kind: FederatedKind.OIDC, issuer, family: oidcFamilyOf(issuer) };
}

/** The family of an OIDC issuer (host and path, without scheme). */
export function oidcFamilyOf(issuer: string): OidcFamily {
  const host = issuer.split('/')[0];
  if (host === 'token.actions.githubusercontent.com') return OidcFamily.GITHUB;
  if (/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) && /\/id\/[^/]+$/.test(issuer)) return OidcFamily.EKS;
  if (host === 'app.terraform.io') return OidcFamily.TERRAFORM;
  if (host === 'gitlab.com' || /(^|\.)gitlab\./.test(host)) return OidcFamily.GITLAB;
  return OidcFamily.GENERIC;
}

/**
 * The federated principals of a statement. A principal whose provider cannot be read (a parameter, an import) is
 * taken from the statement's action: an OIDC provider of unknown issuer for `sts:AssumeRoleWithWebIdentity`, a SAML
 * provider for `sts:AssumeRoleWithSAML`.
 */
export function federatedPrincipalsOf(statement: PolicyStatement, index?: TemplateIndex): FederatedPrincipalInfo[] {
  return statement.principals.filter(p => p.type === 'Federated').map(p => {
    const info = readFederatedPrincipal(p.text, index);
    if (info.kind !== FederatedKind.UNKNOWN) return info;
    const actions = statement.actions.map(a => a.toLowerCase());
    const web = actions.includes('sts:assumerolewithwebidentity');
    const saml = actions.includes('sts:assumerolewithsaml');
    if (web && !saml) return { text: p.text, kind: FederatedKind.OIDC, family: OidcFamily.GENERIC };
    if (saml && !web) return { text: p.text, kind: FederatedKind.SAML };
    return info;
  });
}

/** Whether a federated kind is a web identity provider (OIDC, Cognito or a built-in social provider). */
export function isWebIdentity(kind: FederatedKind): boolean {
  return kind !== FederatedKind.SAML && kind !== FederatedKind.UNKNOWN;
}

/** The STS action a principal kind assumes a role with. */
export function assumeActionFor(principal: Principal, index?: TemplateIndex): string | undefined {
  if (['AWS', '*', 'Service', 'CanonicalUser'].includes(principal.type)) return 'sts:AssumeRole';
  if (principal.type !== 'Federated') return undefined;
  const kind = readFederatedPrincipal(principal.text, index).kind;
  if (kind === FederatedKind.SAML) return 'sts:AssumeRoleWithSAML';
  if (isWebIdentity(kind)) return 'sts:AssumeRoleWithWebIdentity';
  return undefined;
}

/** Condition keys (lower case, without the provider prefix) that carry a web identity's audience. */
export function audienceClaims(kind: FederatedKind): string[] {
  switch (kind) {
    case FederatedKind.FACEBOOK:
    case FederatedKind.AMAZON:
      return ['app_id'];
    case FederatedKind.GOOGLE:
      return ['aud', 'oaud'];
    default:
      return ['aud'];
  }
}

/** Condition keys (lower case, without the provider prefix) that identify who the web identity is. */
export function subjectClaims(info: FederatedPrincipalInfo): string[] {
  switch (info.kind) {
    case FederatedKind.COGNITO:
      return ['amr'];
    case FederatedKind.FACEBOOK:
      return ['id'];
    case FederatedKind.AMAZON:
      return ['user_id'];
    case FederatedKind.GOOGLE:
      return ['sub'];
    default:
      return info.family === OidcFamily.GITHUB ? ['sub', 'repository', 'repository_id', 'job_workflow_ref'] : ['sub'];
  }
}

/** The provider prefix of a condition key when it is a web identity claim (`host[/path]:claim`), lower case. */
export function providerPrefixOf(keyLower: string): string | undefined {
  const i = keyLower.lastIndexOf(':');
  if (i <= 0) return undefined;
  const prefix = keyLower.slice(0, i);
  // a host, or an issuer computed at deploy time (a placeholder, as CfnJson keys built from a provider's issuer)
  return prefix.includes('.') || prefix.includes('{{') ? prefix : undefined;
}

/** The claim name of a condition key (`token.actions.githubusercontent.com:sub` -> `sub`), lower case. */
export function claimOf(keyLower: string): string {
  return keyLower.slice(keyLower.lastIndexOf(':') + 1);
}

/**
 * The condition clauses of a statement that test a claim of this provider. When the issuer is unknown (an OIDC
 * provider passed as a parameter), any provider-shaped key (`host:claim`) counts; a key whose issuer part is computed
 * at deploy time (`${provider.openIdConnectProviderIssuer}:aud`) counts for any provider.
 */
export function claimClauses(statement: PolicyStatement, info: FederatedPrincipalInfo, claims: string[]): ConditionClause[] {
  return statement.conditions.filter(c => {
    const prefix = providerPrefixOf(c.keyLower);
    if (prefix === undefined || !claims.includes(claimOf(c.keyLower))) return false;
    // an issuer computed at deploy time (a placeholder) is taken to be the principal's own
    return info.issuer === undefined || isUnresolvedText(prefix) ? true : prefix === info.issuer;
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Subjects of web identities
// ---------------------------------------------------------------------------------------------------------------------

/** How tightly a subject value (or set of conditions) pins who may assume. */
export enum SubjectStrength {
  /** One repository / project / service account / workspace / concrete identity. */
  PINNED = 3,
  /** Anchored to one owner, group, namespace or organization, but any repository/project/account of it. */
  BROAD = 2,
  /** Matches identities of anyone (`*`, `repo:*`, `repo:acme*`, `system:serviceaccount:*`) or nothing tested. */
  UNPINNED = 1,
}

const NAME = '[^*?:/{}]+'; // a concrete path segment (placeholders excluded on purpose: checked before)

/**
 * Classifies one subject value of a claim.
 *
 * Known forms: GitHub `repo:OWNER/REPO:...` (also `repo:OWNER@ID/REPO@ID:...`), GitLab `project_path:GROUP/PROJECT:...`,
 * EKS `system:serviceaccount:NAMESPACE:NAME`, Terraform Cloud `organization:ORG:project:P:workspace:W:...`.
 * A value without wildcards (or compared with an operator that reads none) is an exact identity: PINNED.
 * For a known issuer family a wildcard value must follow that family's form; for any other issuer, a wildcard value
 * in a known form is judged by that form, and anything else is PINNED unless it is only wildcards.
 */
export function classifySubjectValue(claim: string, value: string, wildcards: boolean, family = OidcFamily.GENERIC): SubjectStrength {
  if (!wildcards || !hasWildcard(value)) return SubjectStrength.PINNED;
  const v = literalPartKeepingSegments(value);
  switch (claim) {
    case 'repository': // OWNER/REPO
      return ownerRepo(v, new RegExp(`^${NAME}/${NAME}$`), new RegExp(`^${NAME}/`));
    case 'repository_id':
      return SubjectStrength.UNPINNED;
    case 'job_workflow_ref': // OWNER/REPO/path@ref
      return ownerRepo(v, new RegExp(`^${NAME}/${NAME}/`), new RegExp(`^${NAME}/`));
    default:
      break;
  }
  if (/^repo:/i.test(v)) {
    return ownerRepo(v, new RegExp(`^repo:${NAME}/${NAME}(:|$)`, 'i'), new RegExp(`^repo:${NAME}/`, 'i'));
  }
  if (/^project_path:/i.test(v)) {
    // GitLab: the project path is everything up to the next ':'; a wildcard in it opens more projects.
    const path = /^project_path:([^:]*)/i.exec(v)![1];
    if (!hasWildcard(path) && path.includes('/')) return SubjectStrength.PINNED;
    return new RegExp(`^${NAME}/`).test(path) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (/^system:serviceaccount:/i.test(v)) {
    const m = /^system:serviceaccount:([^:]*)(?::(.*))?$/i.exec(v)!;
    const [ns, sa] = [m[1], m[2] ?? ''];
    if (hasWildcard(ns) || ns === '') return SubjectStrength.UNPINNED;
    return hasWildcard(sa) || sa === '' ? SubjectStrength.BROAD : SubjectStrength.PINNED;
  }
  if (/^organization:/i.test(v)) {
    if (new RegExp(`^organization:${NAME}:project:[^:]*:workspace:${NAME}(:|$)`, 'i').test(v)) return SubjectStrength.PINNED;
    return new RegExp(`^organization:${NAME}:`, 'i').test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (family === OidcFamily.GITHUB) {
    // A customised GitHub subject template: look for a repository anchor in it.
    if (new RegExp(`(^|:)(repository|repo):${NAME}/${NAME}(:|$)`, 'i').test(v) || /(^|:)repository_id:\d+(:|$)/i.test(v)) {
      return SubjectStrength.PINNED;
    }
    return new RegExp(`(^|:)repository_owner(_id)?:${NAME}(:|$)`, 'i').test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
  }
  if (family !== OidcFamily.GENERIC) return SubjectStrength.UNPINNED;
  return isPureWildcard(v) ? SubjectStrength.UNPINNED : SubjectStrength.PINNED;
}

/** Replaces placeholders with a neutral concrete token so segment checks treat them as concrete names. */
function literalPartKeepingSegments(text: string): string {
  return text.replace(PLACEHOLDER, 'X');
}

function ownerRepo(v: string, pinned: RegExp, owner: RegExp): SubjectStrength {
  if (pinned.test(v)) return SubjectStrength.PINNED;
  return owner.test(v) ? SubjectStrength.BROAD : SubjectStrength.UNPINNED;
}

/**
 * How tightly a statement pins the subject of a web identity principal: the strongest of its narrowing clauses on a
 * subject claim (clauses are ANDed), each clause as weak as its weakest value (values are ORed).
 */
export function subjectStrength(statement: PolicyStatement, info: FederatedPrincipalInfo): SubjectStrength {
  let best = SubjectStrength.UNPINNED;
  for (const clause of claimClauses(statement, info, subjectClaims(info))) {
    if (!isNarrowing(clause) || clause.values.length === 0) continue;
    const claim = claimOf(clause.keyLower);
    const wildcards = operatorHasWildcards(clause);
    const worst = Math.min(...clause.values.map(v => classifySubjectValue(claim, v, wildcards, info.family))) as SubjectStrength;
    best = Math.max(best, worst);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------------

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
  /** The values, as text (see `textOf`). */
  readonly values: string[];
}

/** Operators that read `*` and `?` as wildcards. */
const WILDCARD_OPERATORS = ['stringlike', 'stringnotlike', 'arnlike', 'arnnotlike', 'arnequals', 'arnnotequals'];

/** Operators whose match can narrow who is allowed (when not negated). */
const MATCHING_OPERATORS = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'];

/**
 * Reads a `Condition` block into clauses. A block or operator body computed by a `CfnJson` of the same template
 * (`Fn::GetAtt X.Value` of a `Custom::AWSCDKCfnJson`, which aws-cdk-lib writes when condition keys hold tokens, as
 * `eks.ServiceAccount` does for its issuer) is read from that resource's `Value`. Anything else that is not a plain
 * object yields no clause.
 */
export function readConditions(condition: unknown, index?: TemplateIndex): ConditionClause[] {
  const block = computedJson(condition, index) ?? condition;
  if (!isObject(block)) return [];
  const clauses: ConditionClause[] = [];
  for (const [operator, raw] of Object.entries(block)) {
    const body = computedJson(raw, index) ?? raw;
    if (!isObject(body)) continue;
    let rest = operator.toLowerCase();
    let set: string | undefined;
    const prefix = /^(foranyvalue|forallvalues):/.exec(rest);
    if (prefix) {
      set = prefix[1];
      rest = rest.slice(prefix[0].length);
    }
    const ifExists = rest.endsWith('ifexists');
    const base = ifExists ? rest.slice(0, -'ifexists'.length) : rest;
    const negated = /not(equals|like)/.test(base);
    for (const [key, raw] of Object.entries(body)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(textOf);
      clauses.push({ operator, base, set, ifExists, negated, key, keyLower: key.toLowerCase(), values });
    }
  }
  return clauses;
}

/** The JSON object a `CfnJson` of the template computes, when `value` is its `Value` attribute. */
function computedJson(value: unknown, index?: TemplateIndex): { [key: string]: unknown } | undefined {
  if (!index || !isObject(value) || !('Fn::GetAtt' in value)) return undefined;
  const ref = referenceOf(textOf(value));
  if (ref?.attribute !== 'Value') return undefined;
  const target = index.resource(ref.logicalId);
  if (target?.type !== 'Custom::AWSCDKCfnJson') return undefined;
  try {
    const parsed = JSON.parse(textOf(target.properties.Value));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the operator of a clause reads wildcards in its values. */
export function operatorHasWildcards(clause: ConditionClause): boolean {
  return WILDCARD_OPERATORS.includes(clause.base);
}

/**
 * Whether a clause can narrow an Allow: a positive string/ARN match, not `IfExists` (true when the key is absent),
 * not `ForAllValues:` (true when the key is absent).
 */
export function isNarrowing(clause: ConditionClause): boolean {
  return MATCHING_OPERATORS.includes(clause.base) && !clause.negated && !clause.ifExists && clause.set !== 'forallvalues';
}

/** Whether a value of a clause is a wildcard pattern (only under operators that read wildcards). */
export function isWildcardValue(clause: ConditionClause, value: string): boolean {
  return operatorHasWildcards(clause) && hasWildcard(value);
}

/**
 * Whether the statement has a narrowing clause on `keyLower` whose every value satisfies `accept`.
 */
export function hasNarrowingClause(
  statement: PolicyStatement,
  keyLower: string,
  accept: (value: string, clause: ConditionClause) => boolean,
): boolean {
  return statement.conditions.some(c =>
    c.keyLower === keyLower && isNarrowing(c) && c.values.length > 0 && c.values.every(v => accept(v, c)));
}

/** Whether the statement requires MFA (`Bool aws:MultiFactorAuthPresent true` or a bounded `aws:MultiFactorAuthAge`). */
export function requiresMfa(statement: PolicyStatement): boolean {
  return statement.conditions.some(c => {
    if (c.ifExists || c.set === 'forallvalues') return false;
    if (c.keyLower === 'aws:multifactorauthpresent') {
      return c.base === 'bool' && c.values.length > 0 && c.values.every(v => v.toLowerCase() === 'true');
    }
    if (c.keyLower === 'aws:multifactorauthage') {
      return (c.base === 'numericlessthan' || c.base === 'numericlessthanequals') && c.values.length > 0;
    }
    return false;
  });
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

// ---------------------------------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------------------------------

/** One principal value of a statement. `type` is `*` for `Principal: "*"`. */
export interface Principal {
  readonly type: string;
  readonly text: string;
}

/** A policy statement, normalised. */
export interface PolicyStatement {
  /** `Allow`, or `Deny`; an unreadable effect is read as `Allow` (the cautious reading for these rules). */
  readonly effect: string;
  readonly principals: Principal[];
  readonly hasNotPrincipal: boolean;
  readonly actions: string[];
  readonly hasNotAction: boolean;
  readonly notActions: string[];
  readonly resources: string[];
  readonly hasNotResource: boolean;
  readonly conditions: ConditionClause[];
}

/**
 * The statements of a policy document (object or JSON string). `Statement` may be one object or a list; `Fn::If`
 * in the list contributes both branches; `AWS::NoValue` is dropped. Anything unreadable yields no statement.
 */
export function readStatements(document: unknown, index?: TemplateIndex): PolicyStatement[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!isObject(doc)) return [];
  const cached = statementCache.get(doc);
  if (cached) return cached;
  const statements = isIf(doc)
    ? [...readStatements(doc['Fn::If'][1], index), ...readStatements(doc['Fn::If'][2], index)]
    : flattenIf(doc.Statement).filter(isObject).map(raw => readStatement(raw, index));
  statementCache.set(doc, statements);
  return statements;
}

function isIf(value: { [key: string]: unknown }): value is { 'Fn::If': [unknown, unknown, unknown] } {
  return Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3;
}

function flattenIf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(flattenIf);
  if (isObject(value)) {
    if (isIf(value)) return [...flattenIf(value['Fn::If'][1]), ...flattenIf(value['Fn::If'][2])];
    if (value.Ref === 'AWS::NoValue') return [];
  }
  return value === undefined || value === null ? [] : [value];
}

function readStatement(raw: { [key: string]: unknown }, index?: TemplateIndex): PolicyStatement {
  return {
    effect: raw.Effect === 'Deny' ? 'Deny' : 'Allow',
    principals: readPrincipals(raw.Principal),
    hasNotPrincipal: raw.NotPrincipal !== undefined,
    actions: list(raw.Action),
    hasNotAction: raw.NotAction !== undefined,
    notActions: list(raw.NotAction),
    resources: list(raw.Resource),
    hasNotResource: raw.NotResource !== undefined,
    conditions: readConditions(raw.Condition, index),
  };
}

function list(value: unknown): string[] {
  return flattenIf(value).map(textOf);
}

function readPrincipals(value: unknown): Principal[] {
  if (value === undefined || value === null) return [];
  if (isObject(value) && isIf(value)) return [...readPrincipals(value['Fn::If'][1]), ...readPrincipals(value['Fn::If'][2])];
  if (!isObject(value)) {
    const text = textOf(value);
    return [{ type: text === '*' ? '*' : '?', text }];
  }
  const principals: Principal[] = [];
  for (const [type, v] of Object.entries(value)) {
    if (type === 'Fn::If' || type === 'Ref' || type.startsWith('Fn::')) {
      principals.push({ type: '?', text: textOf(value) });
      continue;
    }
    for (const text of list(v)) principals.push({ type, text });
  }
  return principals;
}

/** Whether the principal is everyone: `"*"` or `{"AWS": "*"}`. */
export function isWildcardPrincipal(principal: Principal): boolean {
  return principal.text === '*' && (principal.type === '*' || principal.type === 'AWS');
}

/** Whether the statement allows the action (exact action name, e.g. `sts:AssumeRole`). */
export function allowsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.hasNotAction) return !statement.notActions.some(p => wildcardMatch(p, action));
  return statement.actions.some(p => !isUnresolvedText(p) && wildcardMatch(p, action));
}

// ---------------------------------------------------------------------------------------------------------------------
// Documents of resources
// ---------------------------------------------------------------------------------------------------------------------

/** The role's resolved trust policy document, or `undefined` for other resources. */
export function trustPolicyOf(node: CfnResource): unknown {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return undefined;
  return readResource(node)?.properties.AssumeRolePolicyDocument;
}

/** The statements of a role's trust policy (`undefined` for other resources). */
export function trustStatementsOf(node: CfnResource): PolicyStatement[] | undefined {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return undefined;
  return readStatements(trustPolicyOf(node), templateOf(node));
}

/** The Allow statements of a role's trust policy (`[]` for other resources). */
export function allowTrustStatementsOf(node: CfnResource): PolicyStatement[] {
  let statements = allowTrustCache.get(node);
  if (!statements) {
    statements = (trustStatementsOf(node) ?? []).filter(s => s.effect === 'Allow');
    allowTrustCache.set(node, statements);
  }
  return statements;
}

const INLINE_POLICY_OWNERS = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const POLICY_RESOURCES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];

/** Whether the resource carries identity policies (roles, users, groups, and the policy resources). */
export function hasIdentityPolicies(node: CfnResource): boolean {
  return INLINE_POLICY_OWNERS.includes(node.cfnResourceType) || POLICY_RESOURCES.includes(node.cfnResourceType);
}

/** The identity policy documents a resource itself holds (inline `Policies`, or its `PolicyDocument`). */
export function identityDocumentsOf(resource: ResolvedResource): unknown[] {
  if (INLINE_POLICY_OWNERS.includes(resource.type)) {
    return flattenIf(resource.properties.Policies).filter(isObject).map(p => p.PolicyDocument);
  }
  if (POLICY_RESOURCES.includes(resource.type)) return [resource.properties.PolicyDocument];
  return [];
}

/** Whether a policy resource is attached to the role with this logical id (`Roles`/`RoleName` referencing it). */
export function attachesToRole(policy: ResolvedResource, roleLogicalId: string, roleName?: string): boolean {
  const targets = [...flattenIf(policy.properties.Roles), ...flattenIf(policy.properties.RoleName)].map(textOf);
  return targets.some(t => {
    const ref = referenceOf(t);
    if (ref) return ref.logicalId === roleLogicalId;
    return roleName !== undefined && t === roleName;
  });
}

/** The managed policy ARNs (text) of a role, user or group. */
export function managedPolicyArnsOf(resource: ResolvedResource): string[] {
  return flattenIf(resource.properties.ManagedPolicyArns).map(textOf);
}

// ---------------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------------

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
