import { Lazy, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  CognitoGuestRoleOptions,
  CognitoIdentityPoolRole,
  CognitoIdentityType,
  CognitoRoleOptions,
} from './cognito-identity-pool-role';
import { ClaimMatchType, CognitoRoleMapping } from './cognito-role-mapping';
import { invalidInput } from '../../private/errors';
import { validateIdentityPoolId } from '../../trust/validators';

/**
 * The roles of an identity pool (shared by {@link CognitoIdentityPoolRolesProps} and
 * {@link CognitoIdentityPoolProps}).
 */
export interface CognitoIdentityPoolRolesOptions {
  /**
   * Give guests (unauthenticated identities) credentials. Off, no guest role exists at all; on, the
   * guest role refuses actions that are not read-only and wildcards unless acknowledged in `guestRole`.
   * @default false
   */
  readonly allowGuestAccess?: boolean;

  /**
   * Options of the default role of signed-in users.
   * @default - a role with no permissions
   */
  readonly authenticatedRole?: CognitoRoleOptions;

  /**
   * Options of the guest role. Only with `allowGuestAccess: true`.
   * @default - a role with no permissions, when guest access is on
   */
  readonly guestRole?: CognitoGuestRoleOptions;

  /**
   * Role mappings by provider: from the token, or by rules on claims (at most 10).
   * @default - every signed-in user gets the default authenticated role
   */
  readonly roleMappings?: CognitoRoleMapping[];
}

/**
 * Properties of {@link CognitoIdentityPoolRoles}.
 */
export interface CognitoIdentityPoolRolesProps extends CognitoIdentityPoolRolesOptions {
  /**
   * The pool: an aws-cdk-lib `IdentityPool` of this app (its role attachment is taken over and its
   * default roles removed), a `CfnIdentityPool`, or an existing pool
   * (`IdentityPool.fromIdentityPoolId(this, 'Pool', 'eu-west-1:...')`).
   */
  readonly identityPool: cognito.IIdentityPoolRef;
}

/**
 * The roles of a Cognito identity pool and their attachment (`AWS::Cognito::IdentityPoolRoleAttachment`):
 * a default role for signed-in users, a guest role only when guest access is on, and role mappings.
 *
 * Works on any pool. For an aws-cdk-lib `IdentityPool` created in this app, it takes over the pool's own
 * role attachment (a pool has one) and removes the default roles the pool created, the unauthenticated
 * one included; the pool's `authenticatedRole` then points at this construct's role, and its
 * `unauthenticatedRole` at the guest role (or throws when guest access is off). Create it right after
 * the pool, before granting anything to the pool's roles.
 *
 * For an existing pool, this attachment replaces whatever roles the pool had, and the pool's own
 * "allow unauthenticated identities" setting must agree with `allowGuestAccess`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 * @example
 * const pool = IdentityPool.fromIdentityPoolId(this, 'Pool', 'eu-west-1:11111111-2222-3333-4444-555555555555');
 * const roles = new CognitoIdentityPoolRoles(this, 'PoolRoles', { identityPool: pool });
 * bucket.grantRead(roles.authenticatedRole);
 */
export class CognitoIdentityPoolRoles extends Construct {
  /** The pool id. */
  public readonly identityPoolId: string;
  /** Whether guests get credentials. */
  public readonly allowGuestAccess: boolean;
  /** The default role of signed-in users. */
  public readonly authenticatedRole: CognitoIdentityPoolRole;
  /** The guest role; undefined when guest access is off. */
  public readonly unauthenticatedRole?: CognitoIdentityPoolRole;
  /** The role attachment: this construct's own (`Resource`), or the taken-over one of an aws-cdk-lib `IdentityPool`. */
  public readonly attachment: cognito.CfnIdentityPoolRoleAttachment;

  private readonly mappings: CognitoRoleMapping[] = [];

  constructor(scope: Construct, id: string, props: CognitoIdentityPoolRolesProps) {
    super(scope, id);
    const pool = props.identityPool;
    this.identityPoolId = pool.identityPoolRef.identityPoolId;
    validateIdentityPoolId(this, this.identityPoolId);
    this.allowGuestAccess = props.allowGuestAccess ?? false;
    if (!this.allowGuestAccess && props.guestRole !== undefined) {
      throw invalidInput(
        this,
        'guestRole',
        'options for a guest role',
        'allowGuestAccess: true as well (guest access is off by default, and then no guest role exists)',
      );
    }

    this.authenticatedRole = new CognitoIdentityPoolRole(this, 'AuthenticatedRole', {
      description: 'Signed-in users of a Cognito identity pool',
      ...props.authenticatedRole,
      identityPoolId: this.identityPoolId,
      identityType: CognitoIdentityType.AUTHENTICATED,
    });
    if (this.allowGuestAccess) {
      this.unauthenticatedRole = new CognitoIdentityPoolRole(this, 'UnauthenticatedRole', {
        description: 'Guests (unauthenticated identities) of a Cognito identity pool',
        ...props.guestRole,
        identityPoolId: this.identityPoolId,
        identityType: CognitoIdentityType.UNAUTHENTICATED,
      });
    }

    const roles = Lazy.any({
      produce: () => ({
        authenticated: this.authenticatedRole.roleArn,
        ...(this.unauthenticatedRole ? { unauthenticated: this.unauthenticatedRole.roleArn } : {}),
      }),
    });
    const roleMappings = Lazy.any({ produce: () => this.renderMappings() }, { omitEmptyArray: true });

    if (pool instanceof identitypool.IdentityPool) {
      this.attachment = this.takeOver(pool);
      this.attachment.roles = roles;
      this.attachment.roleMappings = roleMappings;
    } else {
      this.attachment = new cognito.CfnIdentityPoolRoleAttachment(this, 'Resource', {
        identityPoolId: this.identityPoolId,
        roles,
        roleMappings,
      });
    }
    for (const mapping of props.roleMappings ?? []) this.addRoleMapping(mapping);
  }

  /**
   * Add a role for signed-in users of this pool, to use in role mappings (for example one per user pool
   * group).
   */
  public addRole(id: string, options: CognitoRoleOptions = {}): CognitoIdentityPoolRole {
    return new CognitoIdentityPoolRole(this, id, {
      ...options,
      identityPoolId: this.identityPoolId,
      identityType: CognitoIdentityType.AUTHENTICATED,
    });
  }

  /** Add a role mapping (at most 10 per pool, one per provider). */
  public addRoleMapping(mapping: CognitoRoleMapping): void {
    validateMapping(this, mapping, this.identityPoolId);
    const name = mapping.provider.providerName;
    if (!Token.isUnresolved(name) && this.mappings.some((m) => m.provider.providerName === name)) {
      throw invalidInput(this, 'role mapping provider', name, 'one role mapping per provider');
    }
    if (this.mappings.length >= CognitoRoleMapping.MAX_MAPPINGS) {
      throw invalidInput(
        this,
        'number of role mappings',
        this.mappings.length + 1,
        `at most ${CognitoRoleMapping.MAX_MAPPINGS} (one per identity provider)`,
      );
    }
    this.mappings.push(mapping);
  }

  /** The role mappings of the pool. */
  public get roleMappings(): CognitoRoleMapping[] {
    return [...this.mappings];
  }

  private renderMappings(): { [key: string]: cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty } | undefined {
    if (this.mappings.length === 0) return undefined;
    const out: { [key: string]: cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty } = {};
    this.mappings.forEach((m, i) => {
      out[`Provider${i + 1}`] = {
        identityProvider: m.provider.providerName,
        type: m.mappingType,
        ambiguousRoleResolution: m.ambiguousRoleResolution,
        rulesConfiguration:
          m.mappingType === 'Rules'
            ? {
                rules: m.rules.map((r) => ({
                  claim: r.claim,
                  matchType: r.matchType ?? ClaimMatchType.EQUALS,
                  value: r.value,
                  roleArn: r.role.roleArn,
                })),
              }
            : undefined,
      };
    });
    return out;
  }

  /** Take over an aws-cdk-lib IdentityPool's attachment, and remove the default roles it made. */
  private takeOver(pool: identitypool.IdentityPool): cognito.CfnIdentityPoolRoleAttachment {
    const cfnPool = pool.node.defaultChild as cognito.CfnIdentityPool;
    const poolAllowsGuests = cfnPool.allowUnauthenticatedIdentities;
    if (typeof poolAllowsGuests === 'boolean' && poolAllowsGuests !== this.allowGuestAccess) {
      throw invalidInput(
        this,
        'allowGuestAccess',
        this.allowGuestAccess,
        `the same as the IdentityPool's allowUnauthenticatedIdentities (${poolAllowsGuests})`,
      );
    }
    const attachment = pool.roleAttachment;
    if (attachment.roleMappings !== undefined) {
      throw invalidInput(
        this,
        'IdentityPool roleMappings',
        'role mappings given to the IdentityPool',
        "role mappings given to CognitoIdentityPoolRoles (it writes the pool's only role attachment)",
      );
    }
    for (const [childId, property] of [
      ['AuthenticatedRole', 'authenticatedRole'],
      ['UnauthenticatedRole', 'unauthenticatedRole'],
    ]) {
      const child = pool.node.tryFindChild(childId);
      if (child instanceof iam.Role && (pool as unknown as Record<string, unknown>)[property] === child) {
        const extra = child.node.children.filter((c) => c.node.id !== 'Resource');
        if (extra.length > 0) {
          throw new Error(
            `${this.node.path}: the IdentityPool's default ${property} already holds ${extra.map((c) => c.node.id).join(', ')}; ` +
              'create CognitoIdentityPoolRoles right after the pool and grant permissions to its roles instead.',
          );
        }
        pool.node.tryRemoveChild(childId);
      }
    }
    const guestRole = this.unauthenticatedRole;
    const path = this.node.path;
    Object.defineProperty(pool, 'authenticatedRole', {
      value: this.authenticatedRole,
      configurable: true,
      enumerable: true,
    });
    Object.defineProperty(pool, 'unauthenticatedRole', {
      configurable: true,
      enumerable: false,
      get: () => {
        if (guestRole) return guestRole;
        throw new Error(
          `${pool.node.path}: this identity pool has no unauthenticated role: guest access is off (${path}).`,
        );
      },
    });
    return attachment;
  }
}

const CLAIM = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,64}$/u;

function validateMapping(scope: Construct, mapping: CognitoRoleMapping, poolId: string): void {
  const name = mapping.provider.providerName;
  if (!Token.isUnresolved(name) && (name.length < 1 || name.length > 128)) {
    throw invalidInput(scope, 'role mapping provider name', name, '1 to 128 characters');
  }
  if (mapping.mappingType !== 'Rules') return;
  const rules = mapping.rules;
  if (rules.length < 1 || rules.length > CognitoRoleMapping.MAX_RULES) {
    throw invalidInput(
      scope,
      `number of rules of the role mapping for ${name}`,
      rules.length,
      `1 to ${CognitoRoleMapping.MAX_RULES}`,
    );
  }
  for (const rule of rules) {
    if (!Token.isUnresolved(rule.claim) && !CLAIM.test(rule.claim)) {
      throw invalidInput(
        scope,
        'role mapping claim',
        rule.claim,
        "1 to 64 characters without spaces, like 'cognito:groups'",
      );
    }
    if (!Token.isUnresolved(rule.value) && (rule.value.length < 1 || rule.value.length > 128)) {
      throw invalidInput(scope, `value of role mapping claim ${rule.claim}`, rule.value, '1 to 128 characters');
    }
    const role = rule.role;
    if (role instanceof CognitoIdentityPoolRole) {
      if (role.identityType !== CognitoIdentityType.AUTHENTICATED) {
        throw invalidInput(
          scope,
          `role of role mapping claim ${rule.claim}`,
          role.node.path,
          'a role for authenticated identities: role mappings apply to signed-in users',
        );
      }
      if (!Token.isUnresolved(role.identityPoolId) && !Token.isUnresolved(poolId) && role.identityPoolId !== poolId) {
        throw invalidInput(
          scope,
          `role of role mapping claim ${rule.claim}`,
          role.node.path,
          `a role that trusts this pool (${poolId}); it trusts ${role.identityPoolId}`,
        );
      }
    }
  }
}
