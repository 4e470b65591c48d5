import { CfnOutput, Stack, StackProps, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EksPodIdentityRole } from '../../lib/federation/oidc/eks-pod-identity-role';
import { EksServiceAccount } from '../../lib/federation/oidc/eks-service-account';
import { EksServiceAccountRole } from '../../lib/federation/oidc/eks-service-account-role';
import { GenericOidcProvider } from '../../lib/federation/oidc/generic-oidc-provider';
import { invalidInput } from '../../lib/private/errors';

export interface EksWorkloadStackProps extends StackProps {
  /** The workload account's stage (`dev`, `stg`, `prd`), in names. */
  readonly workloadName: string;

  /**
   * The EKS cluster's name (Pod Identity associations of this cluster only).
   * @default 'workloads'
   */
  readonly clusterName?: string;

  /**
   * The cluster's OIDC issuer URL (`aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer`).
   * @default - an example issuer of the stack's region: `https://oidc.eks.<region>.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`
   */
  readonly oidcIssuerUrl?: string;

  /**
   * Create the cluster's IAM OIDC provider. Leave `false` when the cluster's tooling (eksctl, Terraform, the
   * console's "associate IAM OIDC provider") created it already: it is then imported by its URL.
   * @default false
   */
  readonly createOidcProvider?: boolean;

  /**
   * The workload's Kubernetes namespace.
   * @default 'shop'
   */
  readonly namespace?: string;

  /**
   * The workload's Kubernetes service account.
   * @default 'checkout'
   */
  readonly serviceAccount?: string;
}

/**
 * A Kubernetes workload's AWS identity in one workload account, both ways EKS offers, each trusting exactly one
 * service account of one namespace:
 *
 * - `eks-<workload>-<sa>-irsa`: IAM roles for service accounts (IRSA), through the cluster's OIDC issuer
 *   (`aud` = `sts.amazonaws.com`, `sub` = `system:serviceaccount:<ns>:<sa>`). Annotate the service account with
 *   `eks.amazonaws.com/role-arn: <IrsaRoleArn>`.
 * - `eks-<workload>-<sa>-pod-identity`: EKS Pod Identity (`pods.eks.amazonaws.com`), scoped to this account and the
 *   cluster's associations, and to the service account by Pod Identity's session tags. Associate it with
 *   `aws eks create-pod-identity-association --cluster-name <cluster> --namespace <ns> --service-account <sa> --role-arn <PodIdentityRoleArn>`.
 *
 * Both may read one SSM parameter, the workload's configuration, and nothing else.
 */
export class EksWorkloadStack extends Stack {
  public readonly config: ssm.StringParameter;
  public readonly irsaRole: EksServiceAccountRole;
  public readonly podIdentityRole: EksPodIdentityRole;

  constructor(scope: Construct, id: string, props: EksWorkloadStackProps) {
    super(scope, id, props);
    const stage = props.workloadName;
    const namespace = props.namespace ?? 'shop';
    const serviceAccountName = props.serviceAccount ?? 'checkout';
    const clusterName = props.clusterName ?? 'workloads';
    if (props.oidcIssuerUrl === undefined && Token.isUnresolved(this.region)) {
      throw invalidInput(
        this,
        'oidcIssuerUrl',
        undefined,
        "the cluster's issuer URL (or a stack with a concrete region for the example issuer)",
      );
    }
    const issuerUrl =
      props.oidcIssuerUrl ?? `https://oidc.eks.${this.region}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
    const serviceAccount = EksServiceAccount.of(namespace, serviceAccountName);

    this.config = new ssm.StringParameter(this, 'Config', {
      parameterName: `/${stage}/${namespace}/${serviceAccountName}/config`,
      description: `Configuration of ${namespace}/${serviceAccountName} in ${stage}`,
      stringValue: '{"featureFlags":{}}',
    });

    this.irsaRole = new EksServiceAccountRole(this, 'Irsa', {
      roleName: `eks-${stage}-${serviceAccountName}-irsa`,
      description: `IRSA role of service account ${namespace}/${serviceAccountName} of cluster ${clusterName}`,
      ...(props.createOidcProvider
        ? {
            provider: new GenericOidcProvider(this, 'ClusterOidc', {
              url: issuerUrl,
              clientIds: [EksServiceAccountRole.AUDIENCE],
            }),
          }
        : { issuerUrl }),
      serviceAccounts: [serviceAccount],
    });

    this.podIdentityRole = new EksPodIdentityRole(this, 'PodIdentity', {
      roleName: `eks-${stage}-${serviceAccountName}-pod-identity`,
      description: `EKS Pod Identity role of service account ${namespace}/${serviceAccountName} of cluster ${clusterName}`,
      clusterNames: [clusterName],
      serviceAccounts: [serviceAccount],
    });

    for (const role of [this.irsaRole, this.podIdentityRole] as iam.IRole[]) this.config.grantRead(role);

    new CfnOutput(this, 'IrsaRoleArn', {
      value: this.irsaRole.roleArn,
      description: `eks.amazonaws.com/role-arn annotation of service account ${namespace}/${serviceAccountName}`,
    });
    new CfnOutput(this, 'PodIdentityRoleArn', {
      value: this.podIdentityRole.roleArn,
      description: `--role-arn of the Pod Identity association of ${namespace}/${serviceAccountName} in cluster ${clusterName}`,
    });
  }
}
