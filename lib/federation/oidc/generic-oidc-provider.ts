import { Construct } from 'constructs';
import { StsOidcProvider, StsOidcProviderOptions } from './sts-oidc-provider';

/**
 * Properties of a {@link GenericOidcProvider}.
 */
export interface GenericOidcProviderProps extends StsOidcProviderOptions {
  /**
   * The IdP's issuer URL, exactly as its tokens' `iss` claim: `https://`, no port, no query, at most 255
   * characters (Auth0 `https://acme.eu.auth0.com/` with its trailing slash, Keycloak
   * `https://sso.example.com/realms/acme`, Terraform Cloud `https://app.terraform.io`).
   */
  readonly url: string;

  /** The audiences (client ids) tokens are issued for, 1 to 100. Roles require one of them. */
  readonly clientIds: string[];
}

/**
 * The IAM OIDC provider of any OpenID Connect IdP (Auth0, Keycloak, Okta, Terraform Cloud, an EKS cluster...),
 * one per account and URL, kept on stack deletion by default.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 * @example
 * const provider = new GenericOidcProvider(this, 'TerraformCloud', {
 *   url: 'https://app.terraform.io',
 *   clientIds: ['aws.workload.identity'],
 * });
 */
export class GenericOidcProvider extends StsOidcProvider {
  constructor(scope: Construct, id: string, props: GenericOidcProviderProps) {
    super(scope, id, props.url, props.clientIds, props);
  }
}
