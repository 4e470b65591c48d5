/** The local AWS emulator for cdk-sts-kit's deploy scripts and end-to-end tests (see README.md, "The local AWS emulator"). */
export * from './emulator';
export * from './env';
export * from './intrinsics';
export * from './resource-types';
