// Public surface of cdk-sts-kit: re-exports only.

// Trust building blocks
export * from './trust/limits';
export * from './trust/trusted-party';
export * from './trust/sts-role';

// Cross-account switch roles
export * from './cross-account/cross-account-role';
export * from './cross-account/switch-role-group';
export * from './cross-account/assume-only-user';

// OIDC federation
export * from './federation/oidc/oidc-limits';
export * from './federation/oidc/sts-oidc-provider';
export * from './federation/oidc/github-actions-oidc-provider';
export * from './federation/oidc/github-actions-subject';
export * from './federation/oidc/github-actions-role';
export * from './federation/oidc/gitlab-oidc-provider';
export * from './federation/oidc/gitlab-ci-subject';
export * from './federation/oidc/gitlab-ci-role';
export * from './federation/oidc/eks-service-account';
export * from './federation/oidc/eks-service-account-role';
export * from './federation/oidc/eks-pod-identity-role';
export * from './federation/oidc/generic-oidc-provider';
export * from './federation/oidc/generic-oidc-role';
export * from './federation/oidc/google-oidc-role';

// SAML federation
export * from './federation/saml/saml-identity-provider';
export * from './federation/saml/saml-audience';
export * from './federation/saml/saml-federated-role';

// Cognito identity pools
export * from './federation/cognito/cognito-identity-pool-role';
export * from './federation/cognito/cognito-role-mapping';
export * from './federation/cognito/cognito-identity-pool-roles';
export * from './federation/cognito/cognito-identity-pool';

// Federation brokers (GetFederationToken / GetSessionToken)
export * from './federation/broker/federation-broker';
export * from './federation/broker/mfa-for-api-policy';
export * from './federation/broker/console-signin-url';
export * from './federation/broker/sts-token-requests';

// Organization-wide rollout (StackSets)
export * from './org/rollout-target';
export * from './org/organization-rollout';

// The cdk-nag rule pack
export * from './nag/sts-checks';

// Trust-decision test helpers (load @cloud-copilot/iam-simulate lazily, on first evaluation)
export * from './testing';
