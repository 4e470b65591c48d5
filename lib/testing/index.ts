// Testing helpers. None of these files loads @cloud-copilot/iam-simulate (AGPL-3.0) at import time:
// TrustEvaluator.assume requires it lazily on first use.
export * from './template-options';
export * from './trust-decision';
export * from './caller-identity';
export * from './assume-request';
// FederatedClaim: the one shape of claims, shared with the constructs (GitHubActionsRole's `claims`).
export * from '../trust/claims';
export * from './trust-evaluator';
export * from './trust-assertions';
export * from './trust-table';
