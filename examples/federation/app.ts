import { App, Stack } from 'aws-cdk-lib';
import { CognitoAppStack } from './cognito-app-stack';
import { EksWorkloadStack } from './eks-workload-stack';
import { FederationBrokerStack } from './federation-broker-stack';
import { GitHubActionsDeployStack } from './github-actions-stack';
import { SamlConsoleAccessStack } from './saml-console-stack';
import { exampleStackProps } from '../environment';
import { SwitchRoleExampleConfig } from '../multi-account-switch-role/config';

/** The federation example stacks, by name (what `cdk deploy <name>` selects). */
export interface FederationExamples {
  readonly gitHubActions: GitHubActionsDeployStack[];
  readonly eksWorkload: EksWorkloadStack;
  readonly samlConsole: SamlConsoleAccessStack;
  readonly cognitoApp: CognitoAppStack;
  readonly broker: FederationBrokerStack;
  readonly all: Stack[];
}

/**
 * Add the federation examples: a GitHub Actions deploy role per workload account, an EKS workload role (dev),
 * SAML console access and a federation broker (identity account), and a Cognito app (dev).
 *
 * The GitHub repository comes from context `githubOwner` / `githubRepository`.
 */
export function addFederationExamples(app: App, config: SwitchRoleExampleConfig): FederationExamples {
  const owner = String(app.node.tryGetContext('githubOwner') ?? 'example-org');
  const repository = String(app.node.tryGetContext('githubRepository') ?? 'infrastructure');
  const stages = ['dev', 'stg', 'prd'] as const;
  const title = (s: string) => s[0].toUpperCase() + s.slice(1);

  const gitHubActions = stages.map(
    (stage) =>
      new GitHubActionsDeployStack(app, `Federation-GitHubActions-${title(stage)}`, {
        ...exampleStackProps(config, config.workloadAccounts[stage]),
        description: `cdk-sts-kit example: GitHub Actions deploy roles of the ${stage} account`,
        workloadName: stage,
        repositoryOwner: owner,
        repositoryName: repository,
      }),
  );
  const eksWorkload = new EksWorkloadStack(app, 'Federation-EksWorkload', {
    ...exampleStackProps(config, config.workloadAccounts.dev),
    description: 'cdk-sts-kit example: an EKS workload role (IRSA and Pod Identity) in the dev account',
    workloadName: 'dev',
  });
  const samlConsole = new SamlConsoleAccessStack(app, 'Federation-SamlConsole', {
    ...exampleStackProps(config, config.identityAccount),
    description: 'cdk-sts-kit example: SAML console access for the identity account',
  });
  const cognitoApp = new CognitoAppStack(app, 'Federation-CognitoApp', {
    ...exampleStackProps(config, config.workloadAccounts.dev),
    description: 'cdk-sts-kit example: a Cognito identity pool with authenticated role and role mappings',
  });
  const broker = new FederationBrokerStack(app, 'Federation-Broker', {
    ...exampleStackProps(config, config.identityAccount),
    description: 'cdk-sts-kit example: a GetFederationToken broker with a ceiling policy',
  });
  return {
    gitHubActions,
    eksWorkload,
    samlConsole,
    cognitoApp,
    broker,
    all: [...gitHubActions, eksWorkload, samlConsole, cognitoApp, broker],
  };
}
