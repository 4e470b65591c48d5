import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EksWorkloadStack, EksWorkloadStackProps } from '../../../examples/federation/eks-workload-stack';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { AssumeRequest, TrustDecision, TrustEvaluator, TrustTable } from '../../../lib/testing';
import { projectApp } from '../../util';

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function build(extra: Partial<EksWorkloadStackProps> = {}) {
  const app = projectApp();
  const stack = new EksWorkloadStack(app, 'EksWorkload-dev', {
    env: { account: '222222222222', region: 'us-east-1' },
    workloadName: 'dev',
    ...extra,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

const READ_CONFIG = {
  PolicyDocument: {
    Statement: [
      {
        Effect: 'Allow',
        Action: ['ssm:DescribeParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory', 'ssm:GetParameters'],
        Resource: {
          'Fn::Join': [
            '',
            ['arn:aws:ssm:us-east-1:222222222222:parameter', { Ref: Match.stringLikeRegexp('^Config') }],
          ],
        },
      },
    ],
  },
};

describe('EksWorkloadStack example', () => {
  const dev = build();

  test('the IRSA role trusts the imported cluster provider for shop/checkout only, audience sts.amazonaws.com', () => {
    dev.template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    dev.template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'eks-dev-checkout-irsa',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::222222222222:oidc-provider/${ISSUER}` },
            Condition: {
              StringEquals: {
                [`${ISSUER}:aud`]: 'sts.amazonaws.com',
                [`${ISSUER}:sub`]: 'system:serviceaccount:shop:checkout',
              },
            },
          },
        ],
      },
    });
  });

  test('the Pod Identity role trusts pods.eks.amazonaws.com for cluster workloads of this account, shop/checkout only', () => {
    dev.template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'eks-dev-checkout-pod-identity',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Effect: 'Allow',
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': '222222222222',
                'aws:RequestTag/kubernetes-namespace': 'shop',
                'aws:RequestTag/kubernetes-service-account': 'checkout',
              },
              ArnLike: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:222222222222:podidentityassociation/workloads/*' },
            },
          },
        ],
      },
    });
  });

  test("both roles may read the workload's one SSM parameter and nothing else", () => {
    dev.template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/dev/shop/checkout/config', Type: 'String' });
    const policies = dev.template.findResources('AWS::IAM::Policy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const role of ['Irsa', 'PodIdentity']) {
      dev.template.hasResourceProperties('AWS::IAM::Policy', {
        ...READ_CONFIG,
        Roles: [{ Ref: Match.stringLikeRegexp(`^${role}`) }],
      });
    }
    expect(Object.keys(dev.template.toJSON().Outputs).sort()).toEqual(['IrsaRoleArn', 'PodIdentityRoleArn']);
  });

  test('given createOidcProvider, the cluster provider is created (retained) and trusted', () => {
    const { template } = build({ createOidcProvider: true, oidcIssuerUrl: `https://${ISSUER}` });
    template.hasResource('AWS::IAM::OIDCProvider', {
      Properties: { Url: `https://${ISSUER}`, ClientIdList: ['sts.amazonaws.com'] },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'eks-dev-checkout-irsa',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Federated: { Ref: Match.stringLikeRegexp('^ClusterOidc') } } })],
      },
    });
  });

  test('given other names, they flow into subjects, tags, association ARN and role names', () => {
    const { template } = build({
      clusterName: 'blue',
      namespace: 'payments',
      serviceAccount: 'api',
      oidcIssuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/B1UE',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'eks-dev-api-irsa',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: Match.objectLike({
                'oidc.eks.us-east-1.amazonaws.com/id/B1UE:sub': 'system:serviceaccount:payments:api',
              }),
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'eks-dev-api-pod-identity',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: Match.objectLike({
              ArnLike: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:222222222222:podidentityassociation/blue/*' },
            }),
          }),
        ],
      },
    });
  });

  test('given an environment-agnostic stack without an issuer URL, it throws, naming what to pass', () => {
    expect(() => new EksWorkloadStack(new App(), 'Agnostic', { workloadName: 'dev' })).toThrow(
      "Agnostic: invalid oidcIssuerUrl: received nothing; expected the cluster's issuer URL (or a stack with a concrete region for the example issuer).",
    );
  });

  test('AwsSolutions and the StsChecks pack find nothing, with no acknowledgement at all', () => {
    expect(new AwsSolutionsChecks(dev.app).validateScope(dev.app).violations).toEqual([]);
    expect(new StsChecks(dev.app).validateScope(dev.app).violations).toEqual([]);
  });

  test('another service account, namespace or cluster is denied (IRSA with the claims evaluated; Pod Identity fully judged)', async () => {
    const irsa = AssumeRequest.webIdentity(`arn:aws:iam::222222222222:oidc-provider/${ISSUER}`, {
      audience: 'sts.amazonaws.com',
      subject: 'system:serviceaccount:shop:checkout',
    });
    const withClaims = TrustEvaluator.fromStack(dev.stack as Stack, { evaluateFederatedClaims: true });
    await TrustTable.verify(withClaims, 'eks-dev-checkout-irsa', [
      { name: 'shop/checkout', request: irsa, expected: TrustDecision.ALLOWED },
      {
        name: 'shop/cart',
        request: irsa.withContext(`${ISSUER}:sub`, ['system:serviceaccount:shop:cart']),
        expected: TrustDecision.DENIED,
      },
      { name: 'no audience', request: irsa.withoutContext(`${ISSUER}:aud`), expected: TrustDecision.DENIED },
    ]);
    const pods = (sa: string, cluster = 'workloads') =>
      AssumeRequest.fromService('pods.eks.amazonaws.com', {
        sourceAccount: '222222222222',
        sourceArn: `arn:aws:eks:us-east-1:222222222222:podidentityassociation/${cluster}/a-1`,
        sessionTags: [
          { key: 'kubernetes-namespace', value: 'shop' },
          { key: 'kubernetes-service-account', value: sa },
        ],
      });
    const report = await TrustTable.verify(TrustEvaluator.fromStack(dev.stack), 'eks-dev-checkout-pod-identity', [
      { name: 'shop/checkout', request: pods('checkout'), expected: TrustDecision.ALLOWED },
      { name: 'shop/cart', request: pods('cart'), expected: TrustDecision.DENIED },
      { name: 'another cluster', request: pods('checkout', 'green'), expected: TrustDecision.DENIED },
    ]);
    expect(report.undetermined).toBe(0);
  });

  test('snapshot of the example stack', () => {
    expect(dev.template.toJSON()).toMatchSnapshot();
  });
});
