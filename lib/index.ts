// Public surface of cdk-sts-kit: re-exports only.
