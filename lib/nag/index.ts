// `cdk-sts-kit/nag`: the StsChecks rule pack alone (cdk-nag's pack base class and rule types only, never cdk-nag's
// own packs). The package's main entry re-exports the same class, so `import { StsChecks } from 'cdk-sts-kit'` works too.
export * from './sts-checks';
