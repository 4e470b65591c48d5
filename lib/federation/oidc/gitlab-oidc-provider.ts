import { Construct } from 'constructs';
import { StsOidcProvider, StsOidcProviderOptions } from './sts-oidc-provider';

/**
 * Properties of a {@link GitLabOidcProvider}.
 */
export interface GitLabOidcProviderProps extends StsOidcProviderOptions {
  /**
   * The GitLab instance: `https://gitlab.com`, or a self-managed instance's URL exactly as its tokens' `iss`
   * claim (`https://gitlab.example.com`, with its path for a relative-URL install).
   * @default 'https://gitlab.com'
   */
  readonly url?: string;

  /**
   * The audiences the pipelines' ID tokens request (`id_tokens: <NAME>: aud:` in `.gitlab-ci.yml`), at least one.
   * Roles require one of them.
   */
  readonly clientIds: string[];
}

/**
 * The IAM OIDC provider of a GitLab instance (gitlab.com or self-managed), one per account and URL, kept on
 * stack deletion by default. Import an existing one with `StsOidcProvider.fromUrl(this, 'GitLab', url)`.
 *
 * @see https://docs.gitlab.com/ci/cloud_services/aws/
 * @example
 * const provider = new GitLabOidcProvider(this, 'GitLab', { clientIds: ['https://gitlab.com'] });
 */
export class GitLabOidcProvider extends StsOidcProvider {
  /** The URL of gitlab.com. */
  public static readonly GITLAB_COM_URL = 'https://gitlab.com';

  constructor(scope: Construct, id: string, props: GitLabOidcProviderProps) {
    super(scope, id, props.url ?? GitLabOidcProvider.GITLAB_COM_URL, props.clientIds, props);
  }
}
