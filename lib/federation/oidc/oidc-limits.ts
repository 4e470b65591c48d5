/**
 * Limits of IAM OpenID Connect providers this library enforces at synth time, so a provider IAM would refuse
 * fails before deploy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export class OidcLimits {
  /** Longest provider URL, `https://` included. */
  public static readonly URL_MAX_LENGTH = 255;
  /** Length of a thumbprint: the hex-encoded SHA-1 of the IdP's certificate. */
  public static readonly THUMBPRINT_LENGTH = 40;
  /** Most thumbprints one provider holds. */
  public static readonly THUMBPRINTS_MAX = 5;
  /** Most client ids (audiences) one provider holds. */
  public static readonly CLIENT_IDS_MAX = 100;
  /** Longest client id. */
  public static readonly CLIENT_ID_MAX_LENGTH = 255;

  private constructor() {}
}
