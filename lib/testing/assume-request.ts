import { Duration } from 'aws-cdk-lib';
import { CallerIdentity, NamedPolicy } from './caller-identity';
import { FederatedClaim } from '../trust/claims';
import {
  lastSegment,
  ParsedPrincipal,
  parsePrincipal,
  WELL_KNOWN_WEB_IDENTITY_ISSUERS,
} from '../private/iam/principals';

/** One key of the request context, with its value(s). */
export interface ContextEntry {
  /** The condition key, e.g. `aws:MultiFactorAuthPresent`, `sts:ExternalId`. */
  readonly key: string;
  /** Its values: one for single-valued keys, any number for multivalued keys (`aws:TagKeys`, `aws:PrincipalOrgPaths`). */
  readonly values: string[];
}

/** A session tag passed with the request. */
export interface SessionTag {
  /** Tag key. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/** Options every request can carry. */
export interface SessionRequestOptions {
  /**
   * Session tags. Adds `sts:TagSession` to the actions, `aws:RequestTag/<key>` and `aws:TagKeys` to the context.
   *
   * @default - no session tags
   */
  readonly sessionTags?: SessionTag[];

  /**
   * Keys of the session tags that are transitive (`sts:TransitiveTagKeys`).
   *
   * @default - none
   */
  readonly transitiveTagKeys?: string[];

  /**
   * A source identity set on the session. Adds `sts:SetSourceIdentity` to the actions and `sts:SourceIdentity`
   * to the context.
   *
   * @default - no source identity
   */
  readonly sourceIdentity?: string;

  /**
   * The role session name (`sts:RoleSessionName`).
   *
   * @default - not in the context (for a role caller, the session is named `cdk-sts-kit-test`)
   */
  readonly roleSessionName?: string;

  /**
   * More actions the request needs, e.g. `sts:SetContext`.
   *
   * @default - only the main action and those implied by tags and source identity
   */
  readonly additionalActions?: string[];

  /**
   * More context keys; an entry replaces a key the builder set (keys compare case-insensitively).
   *
   * @default - only the keys the builder sets
   */
  readonly context?: ContextEntry[];
}

/** Options of a request made by an IAM user or a role session. */
export interface CallerRequestOptions extends SessionRequestOptions {
  /**
   * Whether the caller authenticated with MFA. When true, `aws:MultiFactorAuthPresent` is `true` and
   * `aws:MultiFactorAuthAge` is set. When false, the key is absent for an IAM user's long-term credentials and
   * `false` for a role session's temporary credentials, as AWS does.
   *
   * @default false
   */
  readonly mfa?: boolean;

  /**
   * Time since the MFA authentication (`aws:MultiFactorAuthAge`); only with `mfa: true`.
   *
   * @default Duration.seconds(0)
   */
  readonly mfaAge?: Duration;

  /**
   * The external id passed to AssumeRole (`sts:ExternalId`).
   *
   * @default - no external id
   */
  readonly externalId?: string;

  /**
   * The caller's organization (`aws:PrincipalOrgID`).
   *
   * @default - the caller's account is not in an organization: the key is absent
   */
  readonly organizationId?: string;

  /**
   * The caller's organization paths (`aws:PrincipalOrgPaths`), e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
   *
   * @default - absent
   */
  readonly organizationPaths?: string[];

  /**
   * The caller's IP address (`aws:SourceIp`).
   *
   * @default - absent
   */
  readonly sourceIp?: string;

  /**
   * The caller's identity policies. When given, they are evaluated with the trust policy, as AWS does for every
   * IAM caller; when not, only the trust policy is evaluated (`trustOnly: true`).
   *
   * @default - taken from the CallerIdentity with `fromCaller`; none (trust policy only) with `fromPrincipal`
   */
  readonly identityPolicies?: NamedPolicy[];

  /**
   * The caller's permissions boundary, evaluated with `identityPolicies`.
   *
   * @default - taken from the CallerIdentity with `fromCaller`; none with `fromPrincipal`
   */
  readonly permissionsBoundary?: NamedPolicy;
}

/** Options of an `AssumeRoleWithWebIdentity` request. */
export interface WebIdentityRequestOptions extends SessionRequestOptions {
  /**
   * The token's audience (`<issuer>:aud`).
   *
   * @default - absent
   */
  readonly audience?: string;

  /**
   * The token's subject (`<issuer>:sub`).
   *
   * @default - absent
   */
  readonly subject?: string;

  /**
   * More claims (`<issuer>:<name>`), e.g. Cognito `amr`, GitHub `repository`.
   *
   * @default - none
   */
  readonly claims?: FederatedClaim[];
}

/** Options of an `AssumeRoleWithSAML` request. */
export interface SamlRequestOptions extends SessionRequestOptions {
  /**
   * The assertion's recipient (`SAML:aud`), e.g. `https://signin.aws.amazon.com/saml` for console sign-in.
   *
   * @default - absent
   */
  readonly audience?: string;

  /**
   * The assertion's subject (`saml:sub`).
   *
   * @default - absent
   */
  readonly subject?: string;

  /**
   * The subject's format (`saml:sub_type`): `persistent`, `transient` or a full format URI.
   *
   * @default - absent
   */
  readonly subjectType?: string;

  /**
   * More attributes (`saml:<name>`), e.g. `iss`, `namequalifier`, `edupersonaffiliation`.
   *
   * @default - none
   */
  readonly attributes?: FederatedClaim[];
}

/** Options of a request made by an AWS service principal. */
export interface ServiceRequestOptions extends SessionRequestOptions {
  /**
   * The account of the resource on whose behalf the service acts (`aws:SourceAccount`).
   *
   * @default - absent
   */
  readonly sourceAccount?: string;

  /**
   * The ARN of that resource (`aws:SourceArn`).
   *
   * @default - absent
   */
  readonly sourceArn?: string;
}

/** A request described field by field. */
export interface AssumeRequestProps extends SessionRequestOptions {
  /**
   * Who makes the request: an IAM user ARN, a role ARN (a session of it), an assumed-role session ARN, an
   * `oidc-provider` or `saml-provider` ARN, a web identity issuer (`accounts.google.com`,
   * `cognito-identity.amazonaws.com`, ...), or a service principal (`lambda.amazonaws.com`).
   */
  readonly principal: string;

  /**
   * The main action.
   *
   * @default - `sts:AssumeRoleWithWebIdentity` for web identity providers, `sts:AssumeRoleWithSAML` for SAML providers,
   * `sts:AssumeRole` otherwise
   */
  readonly action?: string;

  /**
   * The caller's identity policies (IAM callers only).
   *
   * @default - none: the trust policy is evaluated alone (`trustOnly: true`)
   */
  readonly identityPolicies?: NamedPolicy[];

  /**
   * The caller's permissions boundary (IAM callers only).
   *
   * @default - none
   */
  readonly permissionsBoundary?: NamedPolicy;
}

const DEFAULT_SESSION_NAME = 'cdk-sts-kit-test';

/**
 * A request to assume a role: who asks, for which actions, with which request context.
 *
 * Build it with a factory that fills in what AWS puts in the request context for that kind of caller
 * (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, MFA keys, claims...), then evaluate it with
 * `TrustEvaluator.assume`. Requests are immutable; `withContext` returns a new one.
 *
 * @example
 * AssumeRequest.fromPrincipal('arn:aws:iam::111111111111:user/alice', { mfa: true });
 * AssumeRequest.fromPrincipal('arn:aws:iam::999999999999:role/VendorRole', { externalId: 'vendor-ext-id' });
 * AssumeRequest.webIdentity('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com', {
 *   audience: 'sts.amazonaws.com',
 *   subject: 'repo:my-org/my-repo:ref:refs/heads/main',
 * });
 */
export class AssumeRequest {
  /**
   * A request from an IAM user, a role (made by a session of it), or an assumed-role session.
   *
   * The root user cannot assume roles (AWS rejects it), so an account root ARN is refused: use a user or role of
   * that account.
   */
  public static fromPrincipal(principalArn: string, options: CallerRequestOptions = {}): AssumeRequest {
    const who = 'AssumeRequest.fromPrincipal';
    const parsed = parse(who, principalArn);
    if (!['user', 'role', 'assumed-role'].includes(parsed.kind)) {
      throw new Error(
        `${who}: invalid principal: received '${principalArn}' (a ${parsed.kind} principal); expected an IAM user, ` +
          'role or assumed-role session ARN (use AssumeRequest.webIdentity, .saml or .fromService for other callers).',
      );
    }
    return AssumeRequest.build(
      who,
      parsed,
      undefined,
      options,
      callerContext(who, parsed, options),
      options.identityPolicies,
      options.permissionsBoundary,
      [],
    );
  }

  /**
   * A request from a caller read from a template (or given with its policies): its identity policies are evaluated
   * with the role's trust policy.
   */
  public static fromCaller(caller: CallerIdentity, options: CallerRequestOptions = {}): AssumeRequest {
    const who = 'AssumeRequest.fromCaller';
    const parsed = parse(who, caller.principalArn);
    const policies = options.identityPolicies ?? caller.policies;
    const boundary = options.permissionsBoundary ?? caller.permissionsBoundary;
    return AssumeRequest.build(
      who,
      parsed,
      undefined,
      options,
      callerContext(who, parsed, options),
      policies,
      boundary,
      caller.unresolvedPolicies,
    );
  }

  /**
   * An `AssumeRoleWithWebIdentity` request with a token from `provider`: an `oidc-provider` ARN or one of
   * `accounts.google.com`, `cognito-identity.amazonaws.com`, `graph.facebook.com`, `www.amazon.com`.
   * Claims become `<issuer>:<claim>` context keys (`token.actions.githubusercontent.com:sub`).
   */
  public static webIdentity(provider: string, options: WebIdentityRequestOptions = {}): AssumeRequest {
    const who = 'AssumeRequest.webIdentity';
    const parsed = parsePrincipal(provider);
    if (parsed?.kind !== 'web-identity') {
      throw new Error(
        `${who}: invalid provider: received '${provider}'; expected an OIDC provider ARN ` +
          `(arn:<partition>:iam::<account>:oidc-provider/<issuer>) or one of ${WELL_KNOWN_WEB_IDENTITY_ISSUERS.join(', ')}.`,
      );
    }
    const claims: FederatedClaim[] = [];
    if (options.audience !== undefined) claims.push({ name: 'aud', values: [options.audience] });
    if (options.subject !== undefined) claims.push({ name: 'sub', values: [options.subject] });
    claims.push(...(options.claims ?? []));
    const context = claims.map((c) => ({ key: `${parsed.claimPrefix}:${c.name}`, values: [...c.values] }));
    return AssumeRequest.build(who, parsed, undefined, options, context, undefined, undefined, []);
  }

  /** An `AssumeRoleWithSAML` request with an assertion from the SAML provider `providerArn`. */
  public static saml(providerArn: string, options: SamlRequestOptions = {}): AssumeRequest {
    const who = 'AssumeRequest.saml';
    const parsed = parsePrincipal(providerArn);
    if (parsed?.kind !== 'saml') {
      throw new Error(
        `${who}: invalid provider: received '${providerArn}'; expected a SAML provider ARN (arn:<partition>:iam::<account>:saml-provider/<name>).`,
      );
    }
    const context: ContextEntry[] = [];
    if (options.audience !== undefined) context.push({ key: 'SAML:aud', values: [options.audience] });
    if (options.subject !== undefined) context.push({ key: 'saml:sub', values: [options.subject] });
    if (options.subjectType !== undefined) context.push({ key: 'saml:sub_type', values: [options.subjectType] });
    for (const a of options.attributes ?? []) context.push({ key: `saml:${a.name}`, values: [...a.values] });
    return AssumeRequest.build(who, parsed, undefined, options, context, undefined, undefined, []);
  }

  /** A request from an AWS service principal, e.g. `lambda.amazonaws.com`. */
  public static fromService(servicePrincipal: string, options: ServiceRequestOptions = {}): AssumeRequest {
    const who = 'AssumeRequest.fromService';
    const parsed = parsePrincipal(servicePrincipal);
    if (parsed?.kind !== 'service') {
      throw new Error(
        `${who}: invalid service principal: received '${servicePrincipal}'; expected a service principal such as lambda.amazonaws.com.`,
      );
    }
    const context: ContextEntry[] = [
      { key: 'aws:PrincipalServiceName', values: [servicePrincipal] },
      { key: 'aws:PrincipalIsAWSService', values: ['true'] },
    ];
    if (options.sourceAccount !== undefined)
      context.push({ key: 'aws:SourceAccount', values: [options.sourceAccount] });
    if (options.sourceArn !== undefined) context.push({ key: 'aws:SourceArn', values: [options.sourceArn] });
    return AssumeRequest.build(who, parsed, undefined, options, context, undefined, undefined, []);
  }

  /** A request described field by field; the builder adds no context key of its own except for tags and source identity. */
  public static of(props: AssumeRequestProps): AssumeRequest {
    const who = 'AssumeRequest.of';
    const parsed = parse(who, props.principal);
    return AssumeRequest.build(
      who,
      parsed,
      props.action,
      props,
      [],
      props.identityPolicies,
      props.permissionsBoundary,
      [],
    );
  }

  private static build(
    who: string,
    parsed: ParsedPrincipal,
    action: string | undefined,
    options: SessionRequestOptions,
    context: ContextEntry[],
    identityPolicies: NamedPolicy[] | undefined,
    boundary: NamedPolicy | undefined,
    unresolved: string[],
  ): AssumeRequest {
    const mainAction = action ?? defaultAction(parsed);
    const actions = [mainAction];
    const entries = new ContextBuilder(who, context);
    if (options.roleSessionName !== undefined) entries.set('sts:RoleSessionName', [options.roleSessionName]);
    if (options.sessionTags !== undefined && options.sessionTags.length > 0) {
      actions.push('sts:TagSession');
      for (const tag of options.sessionTags) entries.set(`aws:RequestTag/${tag.key}`, [tag.value]);
      entries.set(
        'aws:TagKeys',
        options.sessionTags.map((t) => t.key),
      );
    }
    if (options.transitiveTagKeys !== undefined) entries.set('sts:TransitiveTagKeys', [...options.transitiveTagKeys]);
    if (options.sourceIdentity !== undefined) {
      actions.push('sts:SetSourceIdentity');
      entries.set('sts:SourceIdentity', [options.sourceIdentity]);
    }
    for (const a of options.additionalActions ?? []) actions.push(a);
    for (const c of options.context ?? []) entries.set(c.key, [...c.values]);

    let principal = parsed.value;
    if (parsed.kind === 'role') {
      principal = `arn:${parsed.partition}:sts::${parsed.account}:assumed-role/${lastSegment(parsed.resource!)}/${options.roleSessionName ?? DEFAULT_SESSION_NAME}`;
    }
    const unique = actions.filter((a, i) => actions.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
    return new AssumeRequest(
      principal,
      parsed,
      unique,
      entries.entries(),
      identityPolicies ? [...identityPolicies] : undefined,
      boundary,
      [...unresolved],
    );
  }

  /**
   * The principal making the request (a role ARN given to `fromPrincipal` becomes a session of that role).
   */
  public readonly principal: string;
  /** The main action. */
  public readonly action: string;
  /** Every action the request needs: the main action first. */
  public readonly actions: string[];
  /** The request context. */
  public readonly context: ContextEntry[];
  /**
   * The caller's identity policies.
   *
   * @default - not evaluated: trust policy only
   */
  public readonly identityPolicies?: NamedPolicy[];
  /**
   * The caller's permissions boundary.
   *
   * @default - none
   */
  public readonly permissionsBoundary?: NamedPolicy;
  /** Caller policies that could not be read (from `CallerIdentity.unresolvedPolicies`). */
  public readonly unresolvedCallerPolicies: string[];

  /** @internal */
  public readonly _parsed: ParsedPrincipal;

  private constructor(
    principal: string,
    parsed: ParsedPrincipal,
    actions: string[],
    context: ContextEntry[],
    identityPolicies: NamedPolicy[] | undefined,
    boundary: NamedPolicy | undefined,
    unresolved: string[],
  ) {
    this.principal = principal;
    this._parsed = parsed;
    this.action = actions[0];
    this.actions = actions;
    this.context = context;
    this.identityPolicies = identityPolicies;
    this.permissionsBoundary = boundary;
    this.unresolvedCallerPolicies = unresolved;
  }

  /** A copy of this request with one context key set (replaced if present; keys compare case-insensitively). */
  public withContext(key: string, values: string[]): AssumeRequest {
    const entries = new ContextBuilder('AssumeRequest.withContext', this.context);
    entries.set(key, [...values]);
    return this.withEntries(entries);
  }

  /** A copy of this request without one context key. */
  public withoutContext(key: string): AssumeRequest {
    const entries = new ContextBuilder('AssumeRequest.withoutContext', this.context);
    entries.delete(key);
    return this.withEntries(entries);
  }

  /** A copy of this request with these context entries and everything else unchanged. */
  private withEntries(entries: ContextBuilder): AssumeRequest {
    return new AssumeRequest(
      this.principal,
      this._parsed,
      [...this.actions],
      entries.entries(),
      this.identityPolicies,
      this.permissionsBoundary,
      [...this.unresolvedCallerPolicies],
    );
  }

  /** One line: actions, principal and context. */
  public toString(): string {
    const ctx = this.context
      .map((c) => `${c.key}=${c.values.length === 1 ? c.values[0] : `[${c.values.join(', ')}]`}`)
      .join(', ');
    return `${this.actions.join(' + ')} by ${this.principal}${ctx ? ` with ${ctx}` : ' with an empty context'}`;
  }
}

function parse(who: string, principal: string): ParsedPrincipal {
  const parsed = parsePrincipal(principal);
  if (!parsed) {
    throw new Error(
      `${who}: invalid principal: received '${principal}'; expected an IAM user, role or assumed-role ARN, ` +
        'an oidc-provider or saml-provider ARN, a web identity issuer or a service principal.',
    );
  }
  if (parsed.kind === 'root') {
    throw new Error(
      `${who}: invalid principal: received '${principal}'; expected a user or role of account ${parsed.account}: ` +
        'AWS does not let the root user assume roles.',
    );
  }
  if (parsed.kind === 'federated-user') {
    throw new Error(
      `${who}: invalid principal: received '${principal}'; expected a user or role: credentials from ` +
        'GetFederationToken cannot call STS operations other than GetCallerIdentity, so a federated user cannot assume roles.',
    );
  }
  return parsed;
}

function defaultAction(parsed: ParsedPrincipal): string {
  if (parsed.kind === 'web-identity') return 'sts:AssumeRoleWithWebIdentity';
  if (parsed.kind === 'saml') return 'sts:AssumeRoleWithSAML';
  return 'sts:AssumeRole';
}

/** The context AWS builds for a request signed by an IAM user or a role session. */
function callerContext(who: string, parsed: ParsedPrincipal, options: CallerRequestOptions): ContextEntry[] {
  const { partition, account } = parsed;
  const resource = parsed.resource!;
  const context: ContextEntry[] = [];
  const temporary = parsed.kind !== 'user';
  let principalArn = parsed.value;
  let principalType = 'User';
  if (parsed.kind === 'assumed-role') {
    principalArn = `arn:${partition}:iam::${account}:role/${resource.split('/')[1]}`;
    principalType = 'AssumedRole';
  } else if (parsed.kind === 'role') {
    principalType = 'AssumedRole';
  }
  context.push({ key: 'aws:PrincipalArn', values: [principalArn] });
  context.push({ key: 'aws:PrincipalAccount', values: [account!] });
  context.push({ key: 'aws:PrincipalType', values: [principalType] });
  context.push({ key: 'aws:PrincipalIsAWSService', values: ['false'] });
  if (parsed.kind === 'user') context.push({ key: 'aws:username', values: [lastSegment(resource)] });

  if (options.mfaAge !== undefined && options.mfa !== true) {
    throw new Error(
      `${who}: invalid mfaAge: received ${options.mfaAge.toSeconds()} seconds without mfa: true; expected mfaAge only with mfa: true.`,
    );
  }
  if (options.mfa === true) {
    context.push({ key: 'aws:MultiFactorAuthPresent', values: ['true'] });
    context.push({
      key: 'aws:MultiFactorAuthAge',
      values: [String((options.mfaAge ?? Duration.seconds(0)).toSeconds())],
    });
  } else if (temporary) {
    context.push({ key: 'aws:MultiFactorAuthPresent', values: ['false'] });
  }
  if (options.externalId !== undefined) context.push({ key: 'sts:ExternalId', values: [options.externalId] });
  if (options.organizationId !== undefined)
    context.push({ key: 'aws:PrincipalOrgID', values: [options.organizationId] });
  if (options.organizationPaths !== undefined)
    context.push({ key: 'aws:PrincipalOrgPaths', values: [...options.organizationPaths] });
  if (options.sourceIp !== undefined) context.push({ key: 'aws:SourceIp', values: [options.sourceIp] });
  return context;
}

/** An ordered, case-insensitive map of context keys. */
class ContextBuilder {
  private readonly map = new Map<string, ContextEntry>();

  constructor(
    private readonly who: string,
    initial: readonly ContextEntry[],
  ) {
    for (const e of initial) this.set(e.key, [...e.values]);
  }

  public set(key: string, values: string[]): void {
    if (values.length === 0) {
      throw new Error(
        `${this.who}: invalid context entry: received no value for '${key}'; expected at least one value (leave the key out to make it absent).`,
      );
    }
    this.map.set(key.toLowerCase(), { key, values });
  }

  public delete(key: string): void {
    this.map.delete(key.toLowerCase());
  }

  public entries(): ContextEntry[] {
    return [...this.map.values()];
  }
}
