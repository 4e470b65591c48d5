import { App, BootstraplessSynthesizer, StackProps } from 'aws-cdk-lib';
import { SwitchRoleExampleConfig } from './config';
import { IdentityStack } from './identity-stack';
import { Stage, WorkloadStack } from './workload-stack';

/** The stacks of the multi-account switch-role example. */
export interface SwitchRoleExample {
  readonly identity: IdentityStack;
  readonly workloads: WorkloadStack[];
}

/** Stack names: stable, they are what `cdk deploy <name>` selects. */
export const SWITCH_ROLE_STACK_NAMES = {
  identity: 'SwitchRole-Identity',
  dev: 'SwitchRole-Dev',
  stg: 'SwitchRole-Stg',
  prd: 'SwitchRole-Prd',
} as const;

/** The role the CLI assumes in each account of the local emulator (the emulator does not need it to exist). */
export const LOCAL_DEPLOY_ROLE_NAME = 'cdk-sts-kit-local-deploy';

/** Stack props shared by every example stack for the configured target. */
export function exampleStackProps(config: SwitchRoleExampleConfig, account: string): StackProps {
  return {
    env: { account, region: config.region },
    // Locally there is no bootstrap stack: the CLI assumes this role name in the stack's account, and the
    // emulator's STS hands back credentials of that account. On real AWS the accounts are bootstrapped.
    synthesizer: config.target === 'local'
      ? new BootstraplessSynthesizer({ deployRoleArn: `arn:\${AWS::Partition}:iam::${account}:role/${LOCAL_DEPLOY_ROLE_NAME}` })
      : undefined,
    analyticsReporting: config.target === 'aws',
  };
}

/** Add the multi-account switch-role example to `app`. */
export function addSwitchRoleExample(app: App, config: SwitchRoleExampleConfig): SwitchRoleExample {
  const stages: Stage[] = ['dev', 'stg', 'prd'];
  const workloads = stages.map((stage) => new WorkloadStack(app, SWITCH_ROLE_STACK_NAMES[stage], {
    ...exampleStackProps(config, config.workloadAccounts[stage]),
    description: `cdk-sts-kit example: ${stage} workload account roles`,
    stage,
    identityAccount: config.identityAccount,
    extraTrustedAccounts: config.extraTrustedAccounts,
    vendor: stage === 'prd' ? { account: config.vendorAccount, externalId: config.vendorExternalId } : undefined,
  }));
  const identity = new IdentityStack(app, SWITCH_ROLE_STACK_NAMES.identity, {
    ...exampleStackProps(config, config.identityAccount),
    description: 'cdk-sts-kit example: identity account users and switch-role groups',
    workloads,
  });
  return { identity, workloads };
}
