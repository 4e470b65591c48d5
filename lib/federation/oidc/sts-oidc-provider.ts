import { RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_iam as iamRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { issuerOfUrl, validateClientIds, validateOidcUrl, validateThumbprints } from './oidc-provider-url';
import { invalidInput } from '../../private/errors';

/**
 * What every OIDC provider of this library accepts besides its URL and client ids.
 */
export interface StsOidcProviderOptions {
  /**
   * Thumbprints of the IdP's server certificate (40 hex characters each, at most 5).
   *
   * IAM no longer needs them for IdPs whose certificate chains to a CA it trusts (GitHub, GitLab.com, Google,
   * EKS...): it then ignores them. Give them only for a self-managed IdP with a private certificate authority.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html
   * @default - none: IAM uses its library of trusted root CAs, or retrieves the top intermediate CA's thumbprint
   */
  readonly thumbprints?: string[];

  /**
   * What happens to the provider when it leaves the stack (stack deletion, construct removed or replaced).
   *
   * An account holds one provider per URL, shared by every role and stack that trusts the IdP: deleting it
   * breaks all of them. It is kept by default (aws-cdk-lib's `OidcProviderNative` destroys it by default);
   * a kept provider must be imported with `fromUrl` (or deleted by hand) before it is created again.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The base of every IAM OpenID Connect provider of this library: a native `AWS::IAM::OIDCProvider` (through
 * aws-cdk-lib's `OidcProviderNative`, no custom resource) with a validated literal URL, client ids and
 * thumbprints, kept on stack deletion by default, and whose issuer (`oidcProviderIssuer`) is a literal so roles
 * can write its condition keys.
 *
 * Use the subclasses (`GitHubActionsOidcProvider`, `GitLabOidcProvider`, `GenericOidcProvider`), and the static
 * importers `fromUrl` / `fromArn` for a provider that already exists in the account.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 * @example
 * // A provider created by another stack or by hand: import it by URL.
 * const gitlab = StsOidcProvider.fromUrl(this, 'GitLab', 'https://gitlab.com');
 */
export abstract class StsOidcProvider extends Resource implements iam.IOidcProvider {
  /**
   * Import the provider of `url` that already exists in the stack's account. Its ARN is built from the URL
   * (`arn:<partition>:iam::<account>:oidc-provider/<host/path>`), and its issuer stays known, so roles can write
   * its condition keys.
   *
   * @param url the provider's URL, exactly as registered in IAM (`https://token.actions.githubusercontent.com`)
   */
  public static fromUrl(scope: Construct, id: string, url: string): iam.IOidcProvider {
    validateOidcUrl(`${scope.node.path}/${id}`, 'OIDC provider URL', url);
    const issuer = issuerOfUrl(url);
    const arn = Stack.of(scope).formatArn({
      service: 'iam',
      region: '',
      resource: 'oidc-provider',
      resourceName: issuer,
    });
    return new ImportedOidcProvider(scope, id, arn, issuer);
  }

  /**
   * Import a provider by its literal ARN (`arn:<partition>:iam::<account>:oidc-provider/<host/path>`), for
   * example one in another account. For a provider of this account prefer `fromUrl`.
   */
  public static fromArn(scope: Construct, id: string, arn: string): iam.IOidcProvider {
    const path = `${scope.node.path}/${id}`;
    const expected =
      "a literal OIDC provider ARN like 'arn:<partition>:iam::222222222222:oidc-provider/token.actions.githubusercontent.com' " +
      '(the issuer in it is needed for the condition keys; for a provider of this account use fromUrl)';
    if (Token.isUnresolved(arn)) throw invalidInput(path, 'OIDC provider ARN', arn, expected);
    const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):oidc-provider\/(.+)$/.exec(arn);
    if (!m) throw invalidInput(path, 'OIDC provider ARN', arn, expected);
    validateOidcUrl(path, 'issuer in the OIDC provider ARN', `https://${m[3]}`);
    return new ImportedOidcProvider(scope, id, arn, m[3]);
  }

  /** The provider's ARN. */
  public readonly oidcProviderArn: string;
  /** The issuer, as the provider's condition keys start: the URL without `https://` (a literal). */
  public readonly oidcProviderIssuer: string;
  /** The provider's URL. */
  public readonly url: string;
  /** The client ids (audiences) the provider accepts. */
  public readonly clientIds: string[];

  private readonly provider: iam.OidcProviderNative;

  protected constructor(
    scope: Construct,
    id: string,
    url: string,
    clientIds: string[],
    options: StsOidcProviderOptions,
  ) {
    super(scope, id);
    validateOidcUrl(this, 'OIDC provider URL', url);
    validateClientIds(this, clientIds);
    validateThumbprints(this, options.thumbprints);
    this.url = url;
    this.clientIds = [...clientIds];
    this.oidcProviderIssuer = issuerOfUrl(url);
    this.provider = new iam.OidcProviderNative(this, 'Resource', {
      url,
      clientIds: [...clientIds],
      thumbprints: options.thumbprints ? [...options.thumbprints] : undefined,
      removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.oidcProviderArn = this.provider.oidcProviderArn;
  }

  /** Alias of `oidcProviderArn`, for constructs that accept `iam.IOpenIdConnectProvider`-style references. */
  public get openIdConnectProviderArn(): string {
    return this.oidcProviderArn;
  }

  /** Alias of `oidcProviderIssuer`. */
  public get openIdConnectProviderIssuer(): string {
    return this.oidcProviderIssuer;
  }

  /** A reference to this provider. */
  public get oidcProviderRef(): iamRefs.OIDCProviderReference {
    return { oidcProviderArn: this.oidcProviderArn };
  }

  /** Apply a removal policy to the underlying `AWS::IAM::OIDCProvider`. */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.provider.applyRemovalPolicy(policy);
  }
}

/** A provider that exists outside the stack, with its issuer known. */
class ImportedOidcProvider extends Resource implements iam.IOidcProvider {
  constructor(
    scope: Construct,
    id: string,
    public readonly oidcProviderArn: string,
    public readonly oidcProviderIssuer: string,
  ) {
    super(scope, id, { environmentFromArn: oidcProviderArn });
  }

  public get openIdConnectProviderArn(): string {
    return this.oidcProviderArn;
  }

  public get openIdConnectProviderIssuer(): string {
    return this.oidcProviderIssuer;
  }

  public get oidcProviderRef(): iamRefs.OIDCProviderReference {
    return { oidcProviderArn: this.oidcProviderArn };
  }
}
