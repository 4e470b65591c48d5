/**
 * The decision of the IAM policy evaluator on one request to assume a role.
 *
 * `UNDETERMINED` is not a failure of the request and never a success: the evaluator ignored part of the request
 * (a condition key it does not know for the action, a value it could not use, a caller policy it could not read),
 * so neither "allowed" nor "denied" can be claimed. A test that expects `ALLOWED` or `DENIED` fails on it.
 */
export enum TrustDecision {
  /** Every action of the request is allowed. */
  ALLOWED = 'ALLOWED',
  /** At least one action of the request is denied, by a decision that does not depend on ignored input. */
  DENIED = 'DENIED',
  /** The evaluator ignored input that could change the answer; see `reasons` and `ignoredContextKeys`. */
  UNDETERMINED = 'UNDETERMINED',
}

/** A policy statement that decided (allowed or denied) one action of a request. */
export interface MatchedStatement {
  /** The action the statement was evaluated for, e.g. `sts:AssumeRole`. */
  readonly action: string;
  /** `trust policy` for the role's trust policy, otherwise the name of the caller's policy. */
  readonly policy: string;
  /** `Allow` or `Deny`. */
  readonly effect: string;
  /**
   * The statement's Sid, or its 1-based position in the policy when it has none.
   */
  readonly statement: string;
}

/** The evaluation of one action of a request (`sts:AssumeRole`, `sts:TagSession`, ...). */
export interface ActionEvaluation {
  /** The action evaluated. */
  readonly action: string;
  /** The decision for this action alone. */
  readonly decision: TrustDecision;
  /**
   * The evaluator's raw result: `Allowed`, `ExplicitlyDenied` or `ImplicitlyDenied`.
   */
  readonly evaluatorResult: string;
  /** Context keys of the request that the evaluator ignored for this action. */
  readonly ignoredContextKeys: string[];
}

/** The answer to "can this principal assume this role with this request?". */
export interface TrustResult {
  /** The overall decision. */
  readonly decision: TrustDecision;
  /** The role as the caller named it (logical id or RoleName). */
  readonly role: string;
  /** The ARN the role is evaluated under. */
  readonly roleArn: string;
  /** The principal making the request. */
  readonly principal: string;
  /** One evaluation per action of the request. */
  readonly actions: ActionEvaluation[];
  /**
   * Context keys of the request the evaluator ignored, for any action (it does not know them for that action, or
   * received several values for a single-valued key). Never empty when the decision is `UNDETERMINED` because of keys.
   */
  readonly ignoredContextKeys: string[];
  /**
   * Federated claim keys (`<issuer>:sub`, `<issuer>:aud`, ...) evaluated by the evaluator's unvalidated entry point
   * because the evaluator was created with `evaluateFederatedClaims: true`.
   */
  readonly unvalidatedContextKeys: string[];
  /**
   * True when the caller's own identity policies were not evaluated: only the role's trust policy was (and, for a
   * cross-account IAM caller, the caller's policies were assumed to allow the actions). Always true for federated and
   * service principals, which have no identity policies in AWS: there the trust policy is the whole decision.
   */
  readonly trustOnly: boolean;
  /** Statements that allowed or denied an action. */
  readonly matchedStatements: MatchedStatement[];
  /** Why the decision is what it is, in sentences (always set for `UNDETERMINED`). */
  readonly reasons: string[];
  /** A readable, multi-line explanation of the whole result. */
  readonly explanation: string;
}
