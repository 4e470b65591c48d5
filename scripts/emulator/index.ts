/** The local AWS emulator for cdk-sts-kit's deploy scripts and end-to-end tests (see docs/emulator.md). */
export * from './emulator';
export * from './env';
export * from './resource-types';
