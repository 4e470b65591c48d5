import { App } from 'aws-cdk-lib';
import { SwitchRoleExampleConfig } from './config';
import { exampleStackProps } from '../environment';
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

/** Add the multi-account switch-role example to `app`. */
export function addSwitchRoleExample(app: App, config: SwitchRoleExampleConfig): SwitchRoleExample {
  const stages: Stage[] = ['dev', 'stg', 'prd'];
  const workloads = stages.map(
    (stage) =>
      new WorkloadStack(app, SWITCH_ROLE_STACK_NAMES[stage], {
        ...exampleStackProps(config, config.workloadAccounts[stage]),
        description: `cdk-sts-kit example: ${stage} workload account roles`,
        stage,
        identityAccount: config.identityAccount,
        extraTrustedAccounts: config.extraTrustedAccounts,
        vendor: stage === 'prd' ? { account: config.vendorAccount, externalId: config.vendorExternalId } : undefined,
      }),
  );
  const identity = new IdentityStack(app, SWITCH_ROLE_STACK_NAMES.identity, {
    ...exampleStackProps(config, config.identityAccount),
    description: 'cdk-sts-kit example: identity account users and switch-role groups',
    workloads,
  });
  return { identity, workloads };
}
