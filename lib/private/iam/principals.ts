/**
 * Principals of a statement, parsed once: AWS principals (account, kind, concrete or not) and federated principals
 * (SAML, OIDC with its issuer, Cognito and the other web identity providers built into STS).
 */
import type { IamTemplate } from './template';
import { ConditionClause, PolicyStatement, Principal, claimOf, isWildcardPrincipal, providerPrefixOf } from './policy';
import {
  ACCOUNT_ID,
  hasWildcard,
  isPolicyVariable,
  isUnresolvedText,
  parseArn,
  policyVariableName,
  referenceOf,
  wildcardMatch,
} from './text';
import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '../web-identity';
import { textOf } from './values';

/** The first reachable value of a template value, as text. */
export function firstText(template: IamTemplate | undefined, value: unknown): string {
  if (!template) return textOf(value);
  return textOf(template.values.variants(value)[0]?.value);
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
export function readAccountField(field: string, sameOwnerVariable?: string): AccountRef {
  if (ACCOUNT_ID.test(field)) return { kind: AccountKind.CONCRETE, id: field };
  if (field === '{{AWS.AccountId}}') return { kind: AccountKind.STACK };
  if (hasWildcard(field) || field === '') return { kind: AccountKind.ANY };
  // A policy variable is resolved per request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
  // the variable of the policy's own side (`sameOwnerVariable`,
  // e.g. `${aws:ResourceAccount}` in a trust condition) is this account; any other (`${aws:PrincipalAccount}` in a
  // trust condition, `${aws:ResourceAccount}` in an identity policy's Resource) follows the request, so every account
  // matches.
  if (isPolicyVariable(field)) {
    return sameOwnerVariable !== undefined && policyVariableName(field) === sameOwnerVariable
      ? { kind: AccountKind.STACK }
      : { kind: AccountKind.ANY };
  }
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

/** Reads an AWS principal value (account id, ARN, `*`, or placeholder): parsed once per template and text. */
export function readAwsPrincipal(text: string, index?: IamTemplate): AwsPrincipalInfo {
  return parsedOnce(awsCache, index, text, () => parseAwsPrincipal(text, index));
}

function parseAwsPrincipal(text: string, index?: IamTemplate): AwsPrincipalInfo {
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
  if (ref?.attribute === 'Arn' || ref?.attribute === 'RoleId' || ref?.attribute === 'UserId') {
    // A Fn::GetAtt X.Arn (or X.RoleId / X.UserId, the unique id) names one entity; when X is a user or role of this
    // template, it is the stack's account.
    const target = index?.resource(ref.logicalId);
    const local = target !== undefined && (target.type === 'AWS::IAM::Role' || target.type === 'AWS::IAM::User');
    return {
      text,
      wildcard: false,
      account: { kind: local ? AccountKind.STACK : AccountKind.UNKNOWN },
      concrete: true,
    };
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
  /**
   * For OIDC: the issuer with placeholders for its parts known only at deploy time (when `issuer` is undefined for
   * that reason), e.g. `token.actions.githubusercontent.com/{{ref.slug}}`.
   */
  readonly issuerPattern?: string;
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
export function readFederatedPrincipal(text: string, index?: IamTemplate): FederatedPrincipalInfo {
  return parsedOnce(federatedCache, index, text, () => parseFederatedPrincipal(text, index));
}

function parseFederatedPrincipal(text: string, index?: IamTemplate): FederatedPrincipalInfo {
  const builtIn = BUILT_IN_PROVIDERS[text.toLowerCase()];
  if (builtIn) return { text, kind: builtIn, issuer: text.toLowerCase() };
  if (/:saml-provider\//i.test(text)) return { text, kind: FederatedKind.SAML };
  const oidc = /:oidc-provider\/(.+)$/i.exec(text);
  if (oidc) {
    if (!isUnresolvedText(oidc[1])) return oidcInfo(text, oidc[1]);
    // an issuer with a part known only at deploy time: its shape still tells which condition keys it can carry
    return { ...oidcInfo(text, undefined), issuerPattern: oidc[1].toLowerCase() };
  }
  const ref = referenceOf(text);
  if (ref && (ref.attribute === undefined || ref.attribute === 'Arn')) {
    const target = index?.resource(ref.logicalId);
    if (target?.type === 'AWS::IAM::SAMLProvider') return { text, kind: FederatedKind.SAML };
    if (target && OIDC_PROVIDER_TYPES.includes(target.type)) {
      const url = firstText(index, target.properties.Url);
      return oidcInfo(text, isUnresolvedText(url) ? undefined : url);
    }
  }
  return { text, kind: FederatedKind.UNKNOWN };
}

function oidcInfo(text: string, issuerOrUrl: string | undefined): FederatedPrincipalInfo {
  if (issuerOrUrl === undefined) return { text, kind: FederatedKind.OIDC, family: OidcFamily.GENERIC };
  const issuer = issuerOrUrl
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
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
 * taken from the statement's actions (wildcards and `NotAction` included): an OIDC provider of unknown issuer when
 * they grant `sts:AssumeRoleWithWebIdentity`, a SAML provider when they grant `sts:AssumeRoleWithSAML`, and both
 * when they grant both (`sts:*`, `sts:AssumeRole*`, the two actions listed): the principal is then judged as each.
 */
export function federatedPrincipalsOf(statement: PolicyStatement, index?: IamTemplate): FederatedPrincipalInfo[] {
  return statement.principals
    .filter((p) => p.type === 'Federated')
    .flatMap((p) => {
      const info = readFederatedPrincipal(p.text, index);
      if (info.kind !== FederatedKind.UNKNOWN) return [info];
      const kinds: FederatedPrincipalInfo[] = [];
      if (grantsAction(statement, 'sts:AssumeRoleWithWebIdentity')) {
        kinds.push({ text: p.text, kind: FederatedKind.OIDC, family: OidcFamily.GENERIC });
      }
      if (grantsAction(statement, 'sts:AssumeRoleWithSAML')) kinds.push({ text: p.text, kind: FederatedKind.SAML });
      return kinds.length > 0 ? kinds : [info];
    });
}

/** Whether the statement's `Action` (or `NotAction`) covers `action`, whatever its effect. */
function grantsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.hasNotAction) return !statement.notActions.some((a) => wildcardMatch(a, action));
  return statement.actions.some((a) => !isUnresolvedText(a) && wildcardMatch(a, action));
}

/**
 * Whether two principals of a policy name the same principal: the same type and text (case-insensitive), `"*"` and
 * `{"AWS": "*"}`, or an account written as its id and as its root ARN in any partition (`111111111111` and
 * `arn:aws:iam::111111111111:root`, as CDK writes it with the partition as a token)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
 */
export function samePrincipal(a: Principal, b: Principal): boolean {
  if (isWildcardPrincipal(a) || isWildcardPrincipal(b)) return isWildcardPrincipal(a) && isWildcardPrincipal(b);
  if (a.type !== b.type) return false;
  if (a.text.toLowerCase() === b.text.toLowerCase()) return true;
  if (a.type !== 'AWS') return false;
  const root = (text: string): string | undefined => {
    if (ACCOUNT_ID.test(text)) return text;
    const arn = parseArn(text);
    return arn && arn.service === 'iam' && arn.resource === 'root' && ACCOUNT_ID.test(arn.account)
      ? arn.account
      : undefined;
  };
  const ra = root(a.text);
  return ra !== undefined && ra === root(b.text);
}

/** Whether a federated kind is a web identity provider (OIDC, Cognito or a built-in social provider). */
export function isWebIdentity(kind: FederatedKind): boolean {
  return kind !== FederatedKind.SAML && kind !== FederatedKind.UNKNOWN;
}

/** The STS action a principal kind assumes a role with. */
export function assumeActionFor(principal: Principal, index?: IamTemplate): string | undefined {
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

/**
 * The condition clauses of a statement that test a claim of this provider. When the issuer is unknown (an OIDC
 * provider passed as a parameter), any provider-shaped key (`host:claim`) counts; a key whose issuer part is computed
 * at deploy time (`${provider.openIdConnectProviderIssuer}:aud`) counts for any provider.
 */
export function claimClauses(
  statement: PolicyStatement,
  info: FederatedPrincipalInfo,
  claims: string[],
): ConditionClause[] {
  return statement.conditions.filter((c) => {
    const prefix = providerPrefixOf(c.keyLower);
    if (prefix === undefined || !claims.includes(claimOf(c.keyLower))) return false;
    // an issuer computed at deploy time (a placeholder) is taken to be the principal's own
    return info.issuer === undefined || isUnresolvedText(prefix) ? true : prefix === info.issuer;
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Concrete principals of a request (the testing helpers: who asks to assume a role)
// ---------------------------------------------------------------------------------------------------------------------

/** Web identity providers that AWS names by host instead of by an `oidc-provider` ARN. */
export const WELL_KNOWN_WEB_IDENTITY_ISSUERS: string[] = Object.values(BUILT_IN_WEB_IDENTITY_PROVIDERS);

/** What kind of principal makes a request. */
export type PrincipalKind =
  'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'web-identity' | 'saml' | 'service';

/** A parsed principal. */
export interface ParsedPrincipal {
  readonly kind: PrincipalKind;
  /** The principal as given. */
  readonly value: string;
  readonly partition?: string;
  readonly account?: string;
  /** Resource part after the account, e.g. `user/path/alice`, `assumed-role/Ops/session`. */
  readonly resource?: string;
  /** For web identity: the claim-key prefix (issuer host and path); for SAML: `saml`. */
  readonly claimPrefix?: string;
}

const ARN = /^arn:([a-z][a-z0-9-]*):(iam|sts)::(\d{12}):(.+)$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Parses a principal, or returns `undefined` when it is not one this library knows. */
export function parsePrincipal(value: string): ParsedPrincipal | undefined {
  if (WELL_KNOWN_WEB_IDENTITY_ISSUERS.includes(value)) {
    return { kind: 'web-identity', value, claimPrefix: value };
  }
  const m = ARN.exec(value);
  if (!m) {
    return SERVICE.test(value) ? { kind: 'service', value } : undefined;
  }
  const [, partition, service, account, resource] = m;
  const base = { value, partition, account, resource };
  if (service === 'sts') {
    if (/^assumed-role\/[^/]+\/[^/]+$/.test(resource)) return { ...base, kind: 'assumed-role' };
    if (/^federated-user\/[^/]+$/.test(resource)) return { ...base, kind: 'federated-user' };
    return undefined;
  }
  if (resource === 'root') return { ...base, kind: 'root' };
  if (/^user\/(.+\/)?[^/]+$/.test(resource)) return { ...base, kind: 'user' };
  if (/^role\/(.+\/)?[^/]+$/.test(resource)) return { ...base, kind: 'role' };
  if (resource.startsWith('oidc-provider/') && resource.length > 'oidc-provider/'.length) {
    return { ...base, kind: 'web-identity', claimPrefix: resource.slice('oidc-provider/'.length) };
  }
  if (/^saml-provider\/[^/]+$/.test(resource)) return { ...base, kind: 'saml', claimPrefix: 'saml' };
  return undefined;
}

/** The last segment of an IAM resource (`user/path/alice` -> `alice`). */
export function lastSegment(resource: string): string {
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/** Whether a condition-key prefix can be the issuer `pattern` (each placeholder standing for one or more characters). */
export function issuerPatternMatches(pattern: string, prefix: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split(/\{\{[^{}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.+')}$`,
    'i',
  );
  return re.test(prefix);
}

const awsCache = new WeakMap<object, Map<string, AwsPrincipalInfo>>();
const federatedCache = new WeakMap<object, Map<string, FederatedPrincipalInfo>>();
const NO_TEMPLATE = {};

/** Principals are parsed once per template and text (they are read by every rule and the graph). */
function parsedOnce<T>(
  cache: WeakMap<object, Map<string, T>>,
  template: IamTemplate | undefined,
  text: string,
  parse: () => T,
): T {
  const key = template ?? NO_TEMPLATE;
  let map = cache.get(key);
  if (!map) {
    map = new Map();
    cache.set(key, map);
  }
  let info = map.get(text);
  if (info === undefined) {
    if (map.size > 10000) map.clear();
    info = parse();
    map.set(text, info);
  }
  return info;
}
