/*
 * Identity-policy request tables for the broker's policies, evaluated with the IAM policy evaluator
 * (@cloud-copilot/iam-simulate, a dev dependency: tests only). lib/testing's TrustEvaluator answers
 * "who can assume this role"; GetFederationToken and MFA-for-API are identity-policy decisions, so these
 * rows go to the evaluator directly. A row whose context keys the evaluator ignored is UNDETERMINED and
 * never counted as a pass.
 */

const sim = require('@cloud-copilot/iam-simulate');

export type PolicyOutcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'UNDETERMINED';

export interface PolicyCase {
  readonly name: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
  readonly expected: PolicyOutcome;
}

export interface PolicyRow {
  readonly name: string;
  readonly expected: PolicyOutcome;
  readonly actual: PolicyOutcome;
  readonly ignoredKeys: string[];
}

/** Evaluate every row against `policies` (the caller's identity policies, already resolved to JSON). */
export async function evaluatePolicyTable(
  account: string,
  policies: Array<{ name: string; policy: unknown }>,
  cases: PolicyCase[],
): Promise<PolicyRow[]> {
  const rows: PolicyRow[] = [];
  for (const c of cases) {
    const response = await sim.runSimulation(
      {
        request: {
          principal: c.principal,
          action: c.action,
          resource: { resource: c.resource, accountId: account },
          contextVariables: c.context,
        },
        identityPolicies: policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      { simulationMode: 'Strict' },
    );
    if (response.resultType !== 'single')
      throw new Error(`${c.name}: evaluator error ${JSON.stringify(response.errors ?? response.resultType)}`);
    const ignoredKeys: string[] = response.result.ignoredContextKeys ?? [];
    rows.push({
      name: c.name,
      expected: c.expected,
      actual: ignoredKeys.length > 0 ? 'UNDETERMINED' : response.overallResult,
      ignoredKeys,
    });
  }
  return rows;
}
