import { App, CfnOutput, Stack, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OrgIdentityStack } from './identity-stack';
import { OrgWorkloadRolesStack } from './workload-roles-stack';
import { OrganizationRollout, RolloutTarget } from '../../lib';
import { StsChecks } from '../../lib/nag';
import { exampleStackProps } from '../environment';
import { readConfig, SwitchRoleExampleConfig } from '../multi-account-switch-role/config';

/** Stack names: stable, they are what `cdk deploy <name>` selects. */
export const ORG_SWITCH_ROLE_STACK_NAMES = {
  /** The stack set, in the management (or StackSets administrator) account. */
  rollout: 'OrgSwitchRole-Rollout',
  /** Users and groups, in the identity account. */
  identity: 'OrgSwitchRole-Identity',
} as const;

/** The stack set's name. */
export const ORG_STACK_SET_NAME = 'cdk-sts-kit-org-workload-roles';

/**
 * Where the organisation-wide variant deploys, beyond the switch-role example's accounts:
 * - context `orgUnits` (comma-separated `ou-...`/`r-...` ids): service-managed, every account of those units,
 *   new accounts included; otherwise the three workload accounts as a list (self-managed), which the local emulator runs;
 * - context `orgAdministratorAccount`: the account holding the stack set (the management account or a delegated
 *   administrator for units; any account with the StackSets administration role for a list). Default: the identity account.
 */
export interface OrgSwitchRoleConfig {
  readonly organizationalUnits: string[];
  readonly administratorAccount: string;
}

export function readOrgConfig(app: App, config: SwitchRoleExampleConfig): OrgSwitchRoleConfig {
  const list = (key: string) =>
    String(app.node.tryGetContext(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const administratorAccount = String(
    app.node.tryGetContext('orgAdministratorAccount') ?? config.identityAccount,
  ).trim();
  if (!/^\d{12}$/.test(administratorAccount)) {
    throw new Error(
      `example config: invalid orgAdministratorAccount: received '${administratorAccount}'; expected a 12-digit AWS account id.`,
    );
  }
  return { organizationalUnits: list('orgUnits'), administratorAccount };
}

export interface OrgSwitchRoleExample {
  readonly members: Stage;
  readonly memberRoles: OrgWorkloadRolesStack;
  readonly rolloutStack: Stack;
  readonly rollout: OrganizationRollout;
  readonly identity: OrgIdentityStack;
}

/**
 * The organisation-wide variant of the switch-role example: the workload roles (`OrgAdmin`, `OrgReadOnly`) are rolled
 * out by one StackSet to every workload account, the identity account is as in the switch-role example.
 */
export function addOrgSwitchRoleExample(
  app: App,
  config: SwitchRoleExampleConfig,
  org: OrgSwitchRoleConfig = readOrgConfig(app, config),
): OrgSwitchRoleExample {
  const members = new Stage(app, 'OrgSwitchRole-Members');
  const memberRoles = new OrgWorkloadRolesStack(members, 'WorkloadRoles', {
    identityAccount: config.identityAccount,
    description: 'cdk-sts-kit example: roles of every workload account, rolled out by a StackSet',
  });
  const workloadAccounts = [config.workloadAccounts.dev, config.workloadAccounts.stg, config.workloadAccounts.prd];
  const rolloutStack = new Stack(app, ORG_SWITCH_ROLE_STACK_NAMES.rollout, {
    ...exampleStackProps(config, org.administratorAccount),
    description: 'cdk-sts-kit example: the StackSet that rolls the workload roles out to the organization',
  });
  const rollout = new OrganizationRollout(rolloutStack, 'WorkloadRoles', {
    memberStack: memberRoles,
    stackSetName: ORG_STACK_SET_NAME,
    description: 'cdk-sts-kit example: OrgAdmin and OrgReadOnly in every workload account',
    target:
      org.organizationalUnits.length > 0
        ? RolloutTarget.organizationalUnits(org.organizationalUnits, {
            autoDeploy: true,
            retainStacksOnAccountRemoval: false,
          })
        : RolloutTarget.accounts(workloadAccounts),
    regions: [config.region],
    maxConcurrentPercentage: 25,
    failureTolerancePercentage: 10,
  });
  new CfnOutput(rolloutStack, 'StackSetName', {
    value: rollout.stackSetName,
    description: 'The StackSet that holds the workload roles',
  });
  const identity = new OrgIdentityStack(app, ORG_SWITCH_ROLE_STACK_NAMES.identity, {
    ...exampleStackProps(config, config.identityAccount),
    description: 'cdk-sts-kit example (organisation-wide): identity account users and switch-role groups',
    workloadAccounts,
    adminRoleName: memberRoles.admin.name,
    readOnlyRoleName: memberRoles.readOnly.name,
  });
  return { members, memberRoles, rolloutStack, rollout, identity };
}

/** The organisation-wide variant as an app of its own, with AwsSolutions and StsChecks registered. */
export function buildOrgExampleApp(app: App): OrgSwitchRoleExample {
  const example = addOrgSwitchRoleExample(app, readConfig(app.node));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new StsChecks(app));
  return example;
}
