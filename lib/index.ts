// Public surface of cdk-sts-kit: re-exports only.
export * from './trust/limits';
export * from './trust/trusted-party';
export * from './trust/sts-role';
export * from './cross-account/cross-account-role';
export * from './cross-account/switch-role-group';
export * from './cross-account/assume-only-user';
