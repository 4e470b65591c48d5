import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GITHUB_ENTERPRISE_SLUG } from './github-names';
import { StsOidcProvider, StsOidcProviderOptions } from './sts-oidc-provider';
import { invalidInput } from '../../private/errors';
import { ScopeOrPath, isUnresolved } from '../../trust/validators';

/**
 * Properties of a {@link GitHubActionsOidcProvider}.
 */
export interface GitHubActionsOidcProviderProps extends StsOidcProviderOptions {
  /**
   * The slug of a GitHub Enterprise Cloud enterprise that uses its own issuer
   * (`https://token.actions.githubusercontent.com/<enterprise-slug>`), so only its workflows' tokens are accepted.
   *
   * @see https://docs.github.com/en/enterprise-cloud@latest/actions/reference/openid-connect-reference#switching-to-a-unique-token-url
   * @default - the public issuer `https://token.actions.githubusercontent.com`
   */
  readonly enterpriseSlug?: string;

  /**
   * The audiences tokens may be issued for.
   * @default ['sts.amazonaws.com'] (what aws-actions/configure-aws-credentials requests)
   */
  readonly clientIds?: string[];
}

/**
 * The IAM OIDC provider of GitHub Actions, one per account (and per enterprise issuer). Kept on stack deletion
 * by default: every GitHub role of the account depends on it.
 *
 * When the account already has it (created by hand or by another stack), import it instead with
 * `GitHubActionsOidcProvider.fromAccount(this, 'GitHub')`.
 *
 * @see https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
 * @example
 * const provider = new GitHubActionsOidcProvider(this, 'GitHub');
 * new GitHubActionsRole(this, 'Deploy', {
 *   provider,
 *   subjects: [GitHubActionsSubject.environment('acme', 'shop', 'production')],
 * });
 */
export class GitHubActionsOidcProvider extends StsOidcProvider {
  /** The public GitHub Actions issuer. */
  public static readonly ISSUER_URL = 'https://token.actions.githubusercontent.com';
  /** The audience aws-actions/configure-aws-credentials requests by default. */
  public static readonly DEFAULT_AUDIENCE = 'sts.amazonaws.com';

  /**
   * Import the GitHub Actions provider that already exists in the stack's account, by its URL.
   *
   * @param enterpriseSlug the enterprise of an enterprise issuer; omit for the public issuer
   */
  public static fromAccount(scope: Construct, id: string, enterpriseSlug?: string): iam.IOidcProvider {
    return StsOidcProvider.fromUrl(
      scope,
      id,
      GitHubActionsOidcProvider.issuerUrl(`${scope.node.path}/${id}`, enterpriseSlug),
    );
  }

  private static issuerUrl(scope: ScopeOrPath, enterpriseSlug: string | undefined): string {
    if (enterpriseSlug === undefined) return GitHubActionsOidcProvider.ISSUER_URL;
    if (isUnresolved(enterpriseSlug) || !GITHUB_ENTERPRISE_SLUG.test(enterpriseSlug)) {
      throw invalidInput(
        scope,
        'GitHub enterprise slug',
        enterpriseSlug,
        'a literal enterprise slug: letters, digits and single hyphens, as in https://github.com/enterprises/<slug>',
      );
    }
    return `${GitHubActionsOidcProvider.ISSUER_URL}/${enterpriseSlug}`;
  }

  /** The enterprise of an enterprise issuer, if any. */
  public readonly enterpriseSlug?: string;

  constructor(scope: Construct, id: string, props: GitHubActionsOidcProviderProps = {}) {
    super(
      scope,
      id,
      GitHubActionsOidcProvider.issuerUrl(`${scope.node.path}/${id}`, props.enterpriseSlug),
      props.clientIds ?? [GitHubActionsOidcProvider.DEFAULT_AUDIENCE],
      props,
    );
    this.enterpriseSlug = props.enterpriseSlug;
  }
}
