/**
 * AWS limits this library enforces at synth time, so that a policy AWS would reject fails before deploy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export class StsLimits {
  /** Shortest `MaxSessionDuration` of a role: 1 hour. */
  public static readonly ROLE_MAX_SESSION_MIN_SECONDS = 3600;
  /** Longest `MaxSessionDuration` of a role: 12 hours. */
  public static readonly ROLE_MAX_SESSION_MAX_SECONDS = 43200;
  /** Shortest session any STS call issues: 15 minutes. */
  public static readonly SESSION_MIN_SECONDS = 900;
  /** Longest `GetFederationToken` / `GetSessionToken` session: 36 hours. */
  public static readonly FEDERATION_MAX_SECONDS = 129600;
  /** Longest role name. */
  public static readonly ROLE_NAME_MAX_LENGTH = 64;
  /** Longest user or group name. */
  public static readonly USER_NAME_MAX_LENGTH = 64;
  /** Longest group name. */
  public static readonly GROUP_NAME_MAX_LENGTH = 128;
  /** Longest IAM path. */
  public static readonly PATH_MAX_LENGTH = 512;
  /** Shortest ExternalId STS accepts. */
  public static readonly EXTERNAL_ID_MIN_LENGTH = 2;
  /** Longest ExternalId STS accepts. */
  public static readonly EXTERNAL_ID_MAX_LENGTH = 1224;
  /** Default quota of a role trust policy, in characters without whitespace (can be raised to 4,096). */
  public static readonly TRUST_POLICY_DEFAULT_QUOTA = 2048;
  /** Largest trust policy quota AWS grants on request. */
  public static readonly TRUST_POLICY_MAX_QUOTA = 4096;
  /** Longest federated user name for `GetFederationToken`. */
  public static readonly FEDERATED_USER_NAME_MAX_LENGTH = 32;
  /** Longest role session name. */
  public static readonly ROLE_SESSION_NAME_MAX_LENGTH = 64;
  /** Longest customer-managed policy document, in characters without whitespace (not adjustable). */
  public static readonly MANAGED_POLICY_MAX_LENGTH = 6144;
  /** Managed policies attached to one role, user or group (default quota). */
  public static readonly MANAGED_POLICIES_PER_IDENTITY = 10;

  private constructor() {}
}
