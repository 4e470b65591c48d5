import * as iam from 'aws-cdk-lib/aws-iam';
import { Duration } from 'aws-cdk-lib';
import { ConditionMap } from './conditions';

/**
 * One statement of a trust policy: who, which STS actions, and only that party's conditions.
 * Internal building block: constructs turn typed props into these and add them to a role.
 */
export interface TrustStatementSpec {
  readonly principal: iam.IPrincipal;
  readonly actions: string[];
  readonly conditions: ConditionMap;
}

export function toPolicyStatement(spec: TrustStatementSpec): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    principals: [spec.principal],
    actions: [...spec.actions],
    conditions: Object.keys(spec.conditions).length > 0 ? spec.conditions : undefined,
  });
}

/**
 * The `assumedBy` of roles whose trust policy this library writes itself, statement by statement,
 * after the role exists. It adds nothing on its own, so no statement carries another party's
 * conditions (aws-cdk-lib's `externalIds` lands on every statement; `CompositePrincipal` refuses
 * per-principal conditions).
 */
export class DeferredTrustPrincipal extends iam.PrincipalBase implements iam.IAssumeRolePrincipal {
  public readonly policyFragment = new iam.PrincipalPolicyFragment({});

  public addToAssumeRolePolicy(_document: iam.PolicyDocument): void {
    // Statements are added by the owning construct once it can validate them in its own scope.
  }

  public dedupeString(): string | undefined {
    return 'cdk-sts-kit:DeferredTrust';
  }
}

/**
 * The trust statement of a federated identity: `Principal: {"Federated": <provider ARN or built-in
 * provider>}`, the federation action (`sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`) plus
 * any extra actions (`sts:TagSession`, `sts:SetSourceIdentity`), and the claim conditions.
 */
export function federatedStatement(
  federated: string,
  action: string,
  conditions: ConditionMap,
  extraActions: readonly string[] = [],
): TrustStatementSpec {
  return {
    principal: new iam.FederatedPrincipal(federated, {}, action),
    actions: [action, ...extraActions],
    conditions,
  };
}

/** Role-wide defaults a party inherits when its own options are silent. */
export interface TrustDefaults {
  readonly requireMfa: boolean;
  readonly mfaMaxAge?: Duration;
  /** Actions every statement allows besides `sts:AssumeRole` (`sts:SetSourceIdentity`, `sts:TagSession`). */
  readonly extraActions: string[];
  /** Conditions every statement carries besides the party's own (source identity, session tag keys). */
  readonly extraConditions?: ConditionMap;
}
