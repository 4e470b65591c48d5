import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GitHubActionsOidcProvider } from '../../lib/federation/oidc/github-actions-oidc-provider';
import { GitHubActionsRole } from '../../lib/federation/oidc/github-actions-role';
import { GitHubActionsSubject, GitHubRepositoryIds } from '../../lib/federation/oidc/github-actions-subject';

export interface GitHubActionsDeployStackProps extends StackProps {
  /**
   * The workload account's stage (`dev`, `stg`, `prd`): names the roles and the GitHub environment whose jobs may
   * deploy (`environment: <workloadName>` in the workflow).
   */
  readonly workloadName: string;

  /** The GitHub owner (user or organization) of the repository that deploys. */
  readonly repositoryOwner: string;

  /** The repository that deploys, without its owner. */
  readonly repositoryName: string;

  /**
   * The repository's immutable ids, when it uses GitHub's immutable subject form
   * (`repo:OWNER@ID/REPO@ID:...`, the default for repositories created after June 18, 2026).
   * @default - the name-only subject form
   */
  readonly repositoryIds?: GitHubRepositoryIds;

  /**
   * Create the account's GitHub Actions OIDC provider. Set `false` when the account already has one (an account
   * holds one per URL): it is then imported by URL.
   * @default true
   */
  readonly createProvider?: boolean;

  /**
   * The qualifier of the account's CDK bootstrap roles, which the deploy roles assume.
   * @default 'hnb659fds'
   */
  readonly bootstrapQualifier?: string;
}

/**
 * GitHub Actions deployments into one workload account, with no long-lived key anywhere:
 *
 * - `github-deploy-<workload>`: for jobs of the `<workload>` environment of the repository, run from `main`
 *   (`environment:` subject plus the `ref` claim). It may only assume the account's CDK bootstrap roles, so the
 *   workflow runs `cdk deploy` with exactly what the bootstrap gives.
 * - `github-diff-<workload>`: for pull requests and pushes to `main`, read-only: it may only assume the bootstrap
 *   lookup role (enough for `cdk diff`). A pull request can never reach the deploy role.
 *
 * The account's GitHub OIDC provider is created (kept on stack deletion) or imported.
 *
 * @example
 * new GitHubActionsDeployStack(app, 'GitHubActions-Prd', {
 *   env: { account: '444444444444', region: 'eu-west-1' },
 *   workloadName: 'prd', repositoryOwner: 'acme', repositoryName: 'shop',
 * });
 */
export class GitHubActionsDeployStack extends Stack {
  public readonly provider: iam.IOidcProvider;
  public readonly deployRole: GitHubActionsRole;
  public readonly diffRole: GitHubActionsRole;

  constructor(scope: Construct, id: string, props: GitHubActionsDeployStackProps) {
    super(scope, id, props);
    const { workloadName: stage, repositoryOwner: owner, repositoryName: repo, repositoryIds: ids } = props;
    this.provider =
      props.createProvider === false
        ? GitHubActionsOidcProvider.fromAccount(this, 'GitHubOidc')
        : new GitHubActionsOidcProvider(this, 'GitHubOidc');

    const qualifier = props.bootstrapQualifier ?? 'hnb659fds';
    const bootstrapRole = (kind: string) =>
      this.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: `cdk-${qualifier}-${kind}-${this.account}-${this.region}`,
      });

    this.deployRole = new GitHubActionsRole(this, 'Deploy', {
      provider: this.provider,
      roleName: `github-deploy-${stage}`,
      description: `GitHub Actions deployments of ${owner}/${repo} to ${stage}: jobs of environment ${stage}, run from main`,
      subjects: [GitHubActionsSubject.environment(owner, repo, stage, ids)],
      claims: [{ name: 'ref', values: ['refs/heads/main'] }],
      statements: [
        new iam.PolicyStatement({
          sid: 'AssumeCdkBootstrapRoles',
          actions: ['sts:AssumeRole'],
          resources: ['deploy-role', 'file-publishing-role', 'image-publishing-role', 'lookup-role'].map(bootstrapRole),
        }),
      ],
    });

    this.diffRole = new GitHubActionsRole(this, 'Diff', {
      provider: this.provider,
      roleName: `github-diff-${stage}`,
      description: `Read-only cdk diff of ${owner}/${repo} against ${stage}, for pull requests and main`,
      subjects: [
        GitHubActionsSubject.pullRequest(owner, repo, ids),
        GitHubActionsSubject.branch(owner, repo, 'main', ids),
      ],
      statements: [
        new iam.PolicyStatement({
          sid: 'AssumeCdkLookupRole',
          actions: ['sts:AssumeRole'],
          resources: [bootstrapRole('lookup-role')],
        }),
      ],
    });

    new CfnOutput(this, 'DeployRoleArn', {
      value: this.deployRole.roleArn,
      description: `role-to-assume for aws-actions/configure-aws-credentials in jobs of environment ${stage}`,
    });
    new CfnOutput(this, 'DiffRoleArn', {
      value: this.diffRole.roleArn,
      description: 'role-to-assume for cdk diff in pull requests',
    });
  }
}
