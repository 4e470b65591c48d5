import { Annotations, CfnTag, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { StsLimits } from './limits';
import { policyLength } from './policy-size';
import { DeferredTrustPrincipal, TrustStatementSpec, toPolicyStatement } from './trust-statement';
import { validateDuration, validatePath, validateRoleName } from './validators';
import { invalidInput } from '../private/errors';

/**
 * What every role of this library accepts besides its trust.
 */
export interface StsRoleProps {
  /**
   * A description of the role, shown in the IAM console.
   * @default - no description
   */
  readonly description?: string;

  /**
   * The IAM path of the role.
   * @default '/'
   */
  readonly path?: string;

  /**
   * Longest session the role issues, from 1 to 12 hours.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * A permissions boundary: the most the role may ever do, whatever its policies say.
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Managed policies attached to the role (at most 10 by default quota).
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * Permission statements, written inline into the role's own policy named `Permissions`.
   * @default - none
   */
  readonly statements?: iam.PolicyStatement[];

  /**
   * The trust-policy size quota of the account, in characters without whitespace: a trust policy over
   * it fails at synth instead of at deploy. AWS's default is 2,048; it can be raised to 4,096.
   * @default 2048
   */
  readonly trustPolicySizeQuota?: number;

  /**
   * Tags of the role.
   * @default - no tags
   */
  readonly tags?: CfnTag[];
}

/**
 * The base of every role in this library: an `iam.Role` whose trust policy is written statement by
 * statement (each party with only its own conditions), whose inputs are validated at synth, and whose
 * trust policy must fit the account's quota.
 *
 * Subclasses call `addTrustStatements` once their own trust is known.
 */
export abstract class StsRole extends iam.Role {
  /** The trust-policy size quota this role is checked against. */
  public readonly trustPolicySizeQuota: number;

  protected constructor(scope: Construct, id: string, roleName: string | undefined, props: StsRoleProps) {
    const path = `${scope.node.path}/${id}`;
    validateRoleName(path, roleName);
    validatePath(path, props.path);
    validateDuration(path, 'maxSessionDuration', props.maxSessionDuration,
      StsLimits.ROLE_MAX_SESSION_MIN_SECONDS, StsLimits.ROLE_MAX_SESSION_MAX_SECONDS);
    const quota = props.trustPolicySizeQuota ?? StsLimits.TRUST_POLICY_DEFAULT_QUOTA;
    if (!Number.isInteger(quota) || quota < StsLimits.TRUST_POLICY_DEFAULT_QUOTA || quota > StsLimits.TRUST_POLICY_MAX_QUOTA) {
      throw invalidInput(path, 'trustPolicySizeQuota', quota,
        `a whole number from ${StsLimits.TRUST_POLICY_DEFAULT_QUOTA} to ${StsLimits.TRUST_POLICY_MAX_QUOTA}`);
    }
    const statements = props.statements ?? [];
    super(scope, id, {
      assumedBy: new DeferredTrustPrincipal(),
      roleName,
      description: props.description,
      path: props.path,
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: props.managedPolicies ? [...props.managedPolicies] : undefined,
      inlinePolicies: statements.length > 0 ? { Permissions: new iam.PolicyDocument({ statements: [...statements] }) } : undefined,
    });
    this.trustPolicySizeQuota = quota;
    for (const tag of props.tags ?? []) Tags.of(this).add(tag.key, tag.value);

    this.node.addValidation({ validate: () => this.validateTrustPolicy() });
  }

  /** Add statements to the trust policy, one per trusted party. */
  protected addTrustStatements(specs: TrustStatementSpec[]): void {
    this.assumeRolePolicy!.addStatements(...specs.map(toPolicyStatement));
  }

  private validateTrustPolicy(): string[] {
    const doc = this.assumeRolePolicy!;
    if (doc.isEmpty) {
      return [`${this.node.path}: the trust policy is empty; expected at least one trusted party`];
    }
    const { length, exact } = policyLength(Stack.of(this).resolve(doc.toJSON()));
    if (length > this.trustPolicySizeQuota) {
      const message = `${this.node.path}: the trust policy is ${length} characters without whitespace${exact ? '' : ' (estimated: it holds unresolved values)'}; ` +
        `expected at most ${this.trustPolicySizeQuota} (the account's trust-policy quota; AWS would reject it at deploy). ` +
        'Trust an organization or fewer principals, or raise trustPolicySizeQuota if your account has a higher quota.';
      if (exact) return [message];
      Annotations.of(this).addWarningV2('cdk-sts-kit:trust-policy-size', message);
    }
    return [];
  }
}
