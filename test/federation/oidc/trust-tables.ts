import { Stack } from 'aws-cdk-lib';
import {
  TrustCase,
  TrustCaseOutcome,
  TrustDecision,
  TrustEvaluator,
  TrustTable,
  TrustTableReport,
} from '../../../lib/testing';

/*
 * Request tables for the OIDC roles, evaluated twice with lib/testing's TrustEvaluator (@cloud-copilot/iam-simulate):
 *
 * 1. Validated (the default): provider-specific claim keys (`token.actions.githubusercontent.com:sub`, ...) are
 *    unknown to the evaluator's data, so it ignores them and the rows come out UNDETERMINED. They are reported
 *    as such, never counted as passes: `strictOutcome` says which rows the evaluator could not judge.
 * 2. With `evaluateFederatedClaims: true`: lib/testing re-runs a row whose only ignored keys are claims of the
 *    request's own provider through the evaluator's unvalidated entry point, which applies IAM's StringEquals /
 *    StringLike semantics to them as given. Every row must then get its expected decision, and the claims it
 *    evaluated that way are listed (`unvalidatedContextKeys`), so the report says how the decision was reached.
 *
 * Together with the exact condition blocks asserted by `hasResourceProperties` in each test file, this proves
 * the decisions without a second policy evaluator of our own.
 */

/** How the validated evaluator treated the table: which rows it judged (and how), which it could not judge. */
export interface TwoModeReport {
  /** Row name -> PASS, FAIL or UNDETERMINED under the validated evaluator. */
  readonly strictOutcome: Record<string, TrustCaseOutcome>;
  /** Keys the validated evaluator ignored, over all rows. */
  readonly strictIgnoredKeys: string[];
  /** The table evaluated with `evaluateFederatedClaims` (ok: every row as expected). */
  readonly claims: TrustTableReport;
  /** Claim keys evaluated through the unvalidated entry point, over all rows. */
  readonly unvalidatedKeys: string[];
}

export async function evaluateBothWays(stack: Stack, role: string, cases: TrustCase[]): Promise<TwoModeReport> {
  const strict = await TrustTable.evaluate(TrustEvaluator.fromStack(stack), role, cases);
  // A strict row may be undetermined, but never decided against the table.
  const failed = strict.results.filter((r) => r.outcome === TrustCaseOutcome.FAIL);
  if (failed.length > 0) throw new Error(`validated evaluator contradicts the table:\n${TrustTable.format(strict)}`);
  const claims = await TrustTable.evaluate(
    TrustEvaluator.fromStack(stack, { evaluateFederatedClaims: true }),
    role,
    cases,
  );
  TrustTable.assertOk(claims);
  return {
    strictOutcome: Object.fromEntries(strict.results.map((r) => [r.name, r.outcome])),
    strictIgnoredKeys: [...new Set(strict.results.flatMap((r) => r.result.ignoredContextKeys))].sort(),
    claims,
    unvalidatedKeys: [...new Set(claims.results.flatMap((r) => r.result.unvalidatedContextKeys))].sort(),
  };
}

/** Every row marked the same outcome (for expectations). */
export function all(cases: TrustCase[], outcome: TrustCaseOutcome): Record<string, TrustCaseOutcome> {
  return Object.fromEntries(cases.map((c) => [c.name, outcome]));
}

export const ALLOWED = TrustDecision.ALLOWED;
export const DENIED = TrustDecision.DENIED;
