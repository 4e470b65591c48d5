import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  GitHubActionsDeployStack,
  GitHubActionsDeployStackProps,
} from '../../../examples/federation/github-actions-stack';
import { AssumeRequest, TrustCase, TrustDecision, TrustEvaluator, TrustTable } from '../../../lib/testing';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { projectApp } from '../../util';

const GH = 'token.actions.githubusercontent.com';
const ACCOUNTS = { dev: '222222222222', stg: '333333333333', prd: '444444444444' } as const;

function build(stage: keyof typeof ACCOUNTS, extra: Partial<GitHubActionsDeployStackProps> = {}) {
  const app = projectApp();
  const stack = new GitHubActionsDeployStack(app, `GitHubActions-${stage}`, {
    env: { account: ACCOUNTS[stage], region: 'us-east-1' },
    workloadName: stage,
    repositoryOwner: 'acme',
    repositoryName: 'shop',
    ...extra,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

describe('GitHubActionsDeployStack example', () => {
  const prd = build('prd');

  test("given prd, the account's GitHub provider is created and retained", () => {
    prd.template.hasResource('AWS::IAM::OIDCProvider', {
      Properties: { Url: `https://${GH}`, ClientIdList: ['sts.amazonaws.com'], ThumbprintList: Match.absent() },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('github-deploy-prd trusts jobs of the prd environment of acme/shop run from main, and may only assume the CDK bootstrap roles', () => {
    prd.template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-deploy-prd',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Effect: 'Allow',
            Principal: { Federated: { Ref: Match.stringLikeRegexp('^GitHubOidc') } },
            Condition: {
              StringEquals: {
                [`${GH}:aud`]: 'sts.amazonaws.com',
                [`${GH}:sub`]: 'repo:acme/shop:environment:prd',
                [`${GH}:ref`]: 'refs/heads/main',
              },
            },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'Permissions',
          PolicyDocument: {
            Statement: [
              {
                Sid: 'AssumeCdkBootstrapRoles',
                Effect: 'Allow',
                Action: 'sts:AssumeRole',
                Resource: ['deploy-role', 'file-publishing-role', 'image-publishing-role', 'lookup-role'].map(
                  (kind) => `arn:aws:iam::444444444444:role/cdk-hnb659fds-${kind}-444444444444-us-east-1`,
                ),
              },
            ],
          },
        },
      ],
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('github-diff-prd trusts pull requests and main, and may only assume the lookup role', () => {
    prd.template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-diff-prd',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: {
                [`${GH}:aud`]: 'sts.amazonaws.com',
                [`${GH}:sub`]: ['repo:acme/shop:pull_request', 'repo:acme/shop:ref:refs/heads/main'],
              },
            },
          }),
        ],
      },
      Policies: [
        {
          PolicyName: 'Permissions',
          PolicyDocument: {
            Statement: [
              Match.objectLike({
                Action: 'sts:AssumeRole',
                Resource: 'arn:aws:iam::444444444444:role/cdk-hnb659fds-lookup-role-444444444444-us-east-1',
              }),
            ],
          },
        },
      ],
    });
  });

  test('no StringLike subject, no wildcard principal: every trust is exact', () => {
    const trusts = JSON.stringify(
      Object.values(prd.template.findResources('AWS::IAM::Role')).map(
        (r: any) => r.Properties.AssumeRolePolicyDocument,
      ),
    );
    expect(trusts).not.toMatch(/StringLike|"\*"/);
  });

  test('the outputs are the two role ARNs', () => {
    expect(Object.keys(prd.template.toJSON().Outputs).sort()).toEqual(['DeployRoleArn', 'DiffRoleArn']);
  });

  test('given the provider already exists, it is imported by URL, not created', () => {
    const { template } = build('dev', { createProvider: false });
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-deploy-dev',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Federated: `arn:aws:iam::222222222222:oidc-provider/${GH}` } })],
      },
    });
  });

  test('given immutable repository ids and another bootstrap qualifier, the subjects and bootstrap ARNs follow', () => {
    const { template } = build('stg', {
      repositoryIds: { ownerId: 1234, repositoryId: 5678 },
      bootstrapQualifier: 'acme1234',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'github-deploy-stg',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: Match.objectLike({ [`${GH}:sub`]: 'repo:acme@1234/shop@5678:environment:stg' }),
            },
          }),
        ],
      },
      Policies: [
        {
          PolicyName: 'Permissions',
          PolicyDocument: {
            Statement: [
              Match.objectLike({
                Resource: Match.arrayWith([
                  'arn:aws:iam::333333333333:role/cdk-acme1234-deploy-role-333333333333-us-east-1',
                ]),
              }),
            ],
          },
        },
      ],
    });
  });

  test('AwsSolutions and the StsChecks pack find nothing, with no acknowledgement at all', () => {
    expect(new AwsSolutionsChecks(prd.app).validateScope(prd.app).violations).toEqual([]);
    expect(new StsChecks(prd.app).validateScope(prd.app).violations).toEqual([]);
  });

  test('a pull request, another branch, environment or repository cannot reach the deploy role (evaluated with the claims)', async () => {
    const ARN = `arn:aws:iam::444444444444:oidc-provider/${GH}`;
    const token = (subject: string, ref: string) =>
      AssumeRequest.webIdentity(ARN, {
        audience: 'sts.amazonaws.com',
        subject,
        claims: [{ name: 'ref', values: [ref] }],
      });
    const cases: TrustCase[] = [
      {
        name: 'prd job from main',
        request: token('repo:acme/shop:environment:prd', 'refs/heads/main'),
        expected: TrustDecision.ALLOWED,
      },
      {
        name: 'prd job from a branch',
        request: token('repo:acme/shop:environment:prd', 'refs/heads/hotfix'),
        expected: TrustDecision.DENIED,
      },
      {
        name: 'stg job',
        request: token('repo:acme/shop:environment:stg', 'refs/heads/main'),
        expected: TrustDecision.DENIED,
      },
      {
        name: 'pull request',
        request: token('repo:acme/shop:pull_request', 'refs/pull/9/merge'),
        expected: TrustDecision.DENIED,
      },
      {
        name: 'other repository',
        request: token('repo:acme/other:environment:prd', 'refs/heads/main'),
        expected: TrustDecision.DENIED,
      },
    ];
    const evaluator = TrustEvaluator.fromStack(prd.stack, { evaluateFederatedClaims: true });
    const report = await TrustTable.verify(evaluator, 'github-deploy-prd', cases);
    expect(report.results.every((r) => r.result.unvalidatedContextKeys.includes(`${GH}:sub`))).toBe(true);
    const diff = await TrustTable.verify(evaluator, 'github-diff-prd', [
      {
        name: 'pull request',
        request: token('repo:acme/shop:pull_request', 'refs/pull/9/merge'),
        expected: TrustDecision.ALLOWED,
      },
      {
        name: 'fork-named owner',
        request: token('repo:acme-fork/shop:pull_request', 'refs/pull/9/merge'),
        expected: TrustDecision.DENIED,
      },
    ]);
    expect(diff.passed).toBe(2);
  });

  test.each(['dev', 'stg', 'prd'] as const)('snapshot of the %s stack', (stage) => {
    const { template } = stage === 'prd' ? prd : build(stage);
    expect(template.toJSON()).toMatchSnapshot();
  });
});
