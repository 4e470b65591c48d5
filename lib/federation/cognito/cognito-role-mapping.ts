import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What Cognito does when no rule matches a user, or the token names no usable role.
 */
export enum AmbiguousRoleResolution {
  /** Refuse credentials (the safe choice). */
  DENY = 'Deny',
  /** Fall back to the pool's default authenticated role. */
  AUTHENTICATED_ROLE = 'AuthenticatedRole',
}

/**
 * How a role-mapping rule compares the claim with its value.
 */
export enum ClaimMatchType {
  /** The claim equals the value. */
  EQUALS = 'Equals',
  /** The claim contains the value (for multi-valued claims like `cognito:groups`). */
  CONTAINS = 'Contains',
  /** The claim starts with the value. */
  STARTS_WITH = 'StartsWith',
  /** The claim does not equal the value. */
  NOT_EQUAL = 'NotEqual',
}

/**
 * An identity provider of an identity pool, as role mappings name it.
 *
 * @example
 * CognitoLoginProvider.userPool(userPool, client);     // cognito-idp.<region>.amazonaws.com/<pool id>:<client id>
 * CognitoLoginProvider.openIdConnect('login.example.com');
 */
export class CognitoLoginProvider {
  /** A user pool app client: `cognito-idp.<region>.amazonaws.com/<user pool id>:<client id>`. */
  public static userPool(userPool: cognito.IUserPool, client: cognito.IUserPoolClient): CognitoLoginProvider {
    return new CognitoLoginProvider(`${userPool.userPoolProviderName}:${client.userPoolClientId}`);
  }

  /** An OpenID Connect provider, by its issuer without `https://` (for example `login.example.com`). */
  public static openIdConnect(issuer: string): CognitoLoginProvider {
    return new CognitoLoginProvider(issuer.replace(/^https:\/\//, ''));
  }

  /** A SAML provider, by its ARN. */
  public static saml(provider: iam.ISamlProvider): CognitoLoginProvider {
    return new CognitoLoginProvider(provider.samlProviderArn);
  }

  /** Any other provider name (`graph.facebook.com`, `accounts.google.com`...). */
  public static custom(providerName: string): CognitoLoginProvider {
    return new CognitoLoginProvider(providerName);
  }

  private constructor(
    /** The provider name as role mappings use it (may be a token). */
    public readonly providerName: string,
  ) {}
}

/**
 * One rule of a rules-based role mapping: users whose token `claim` matches `value` get `role`.
 */
export interface CognitoRoleMappingRule {
  /** The token claim, 1 to 64 characters without spaces, for example `cognito:groups` or `custom:department`. */
  readonly claim: string;

  /** The value compared with the claim, 1 to 128 characters. */
  readonly value: string;

  /**
   * The role users matching the rule get. It must trust the pool for authenticated identities
   * (use {@link CognitoIdentityPoolRoles.addRole}).
   */
  readonly role: iam.IRole;

  /**
   * How the claim is compared with the value.
   * @default ClaimMatchType.EQUALS
   */
  readonly matchType?: ClaimMatchType;
}

/**
 * Options of every role mapping.
 */
export interface CognitoRoleMappingOptions {
  /**
   * What happens when no rule matches, or the token names no usable role.
   * @default AmbiguousRoleResolution.DENY
   */
  readonly ambiguousRoleResolution?: AmbiguousRoleResolution;
}

/**
 * How an identity pool chooses the role of a signed-in user of one provider, beyond its default
 * authenticated role: from the token (`cognito:preferred_role`, set by user pool groups), or by rules on
 * token claims (first match wins). At most 10 mappings per pool and 25 rules per mapping.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 * @example
 * CognitoRoleMapping.fromRules(CognitoLoginProvider.userPool(userPool, client), [
 *   { claim: 'cognito:groups', matchType: ClaimMatchType.CONTAINS, value: 'admins', role: admins },
 * ]);
 */
export class CognitoRoleMapping {
  /** The most rules in one mapping. */
  public static readonly MAX_RULES = 25;
  /** The most mappings (identity providers) of one pool. */
  public static readonly MAX_MAPPINGS = 10;

  /** Take the role from the token's `cognito:preferred_role` claim (user pool groups with a role). */
  public static fromToken(provider: CognitoLoginProvider, options: CognitoRoleMappingOptions = {}): CognitoRoleMapping {
    return new CognitoRoleMapping(
      provider,
      'Token',
      [],
      options.ambiguousRoleResolution ?? AmbiguousRoleResolution.DENY,
    );
  }

  /** Choose the role by rules on token claims; the first matching rule wins. 1 to 25 rules. */
  public static fromRules(
    provider: CognitoLoginProvider,
    rules: CognitoRoleMappingRule[],
    options: CognitoRoleMappingOptions = {},
  ): CognitoRoleMapping {
    return new CognitoRoleMapping(
      provider,
      'Rules',
      rules.map((r) => ({ ...r })),
      options.ambiguousRoleResolution ?? AmbiguousRoleResolution.DENY,
    );
  }

  private constructor(
    /** The provider whose users this mapping applies to. */
    public readonly provider: CognitoLoginProvider,
    /** `Token` or `Rules`. */
    public readonly mappingType: string,
    /** The rules, for `Rules` mappings (copies of the caller's). */
    public readonly rules: CognitoRoleMappingRule[],
    /** What happens when the mapping yields no role. */
    public readonly ambiguousRoleResolution: AmbiguousRoleResolution,
  ) {}
}
