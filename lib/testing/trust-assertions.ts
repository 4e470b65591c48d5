import { AssumeRequest } from './assume-request';
import { TrustDecision, TrustResult } from './trust-decision';
import { TrustEvaluator } from './trust-evaluator';

/**
 * Assertions for any test runner: each evaluates a request and throws an `Error` with a readable explanation
 * (decision, role, request, matched statements, ignored keys) when the decision is not the expected one.
 *
 * `UNDETERMINED` satisfies neither `expectAllowed` nor `expectDenied`.
 *
 * @example
 * await TrustAssertions.expectAllowed(evaluator, 'Admin', AssumeRequest.fromPrincipal(aliceArn, { mfa: true }));
 * await TrustAssertions.expectDenied(evaluator, 'Admin', AssumeRequest.fromPrincipal(aliceArn));
 */
export class TrustAssertions {
  /** Throws unless the request is ALLOWED; returns the result. */
  public static async expectAllowed(
    evaluator: TrustEvaluator,
    role: string,
    request: AssumeRequest,
  ): Promise<TrustResult> {
    return TrustAssertions.expectDecision(evaluator, role, request, TrustDecision.ALLOWED);
  }

  /** Throws unless the request is DENIED; returns the result. */
  public static async expectDenied(
    evaluator: TrustEvaluator,
    role: string,
    request: AssumeRequest,
  ): Promise<TrustResult> {
    return TrustAssertions.expectDecision(evaluator, role, request, TrustDecision.DENIED);
  }

  /**
   * Throws unless the request's decision is `expected`; returns the result. Expecting `UNDETERMINED` documents a
   * limit of the evaluator honestly (and fails the day the evaluator learns to decide).
   */
  public static async expectDecision(
    evaluator: TrustEvaluator,
    role: string,
    request: AssumeRequest,
    expected: TrustDecision,
  ): Promise<TrustResult> {
    const result = await evaluator.assume(role, request);
    if (result.decision !== expected) {
      throw new Error(`expected ${expected} for role ${role}, got ${result.decision}:\n${result.explanation}`);
    }
    return result;
  }
}
