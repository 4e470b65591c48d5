import { NagRuleCompliance } from 'cdk-nag';
import WebIdentitySubjectBroad from '../../../lib/nag/rules/WebIdentitySubjectBroad';
import { allow, onTrust } from '../helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const oidc = (issuer: string) => ({ Federated: `arn:aws:iam::444444444444:oidc-provider/${issuer}` });
const subLike = (issuer: string, sub: string | string[]) =>
  allow(oidc(issuer), web, {
    StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
    StringLike: { [`${issuer}:sub`]: sub },
  });
const GH = 'token.actions.githubusercontent.com';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

describe('WebIdentitySubjectBroad', () => {
  describe('Noncompliance', () => {
    test.each([
      ['GitHub every repository of one owner', subLike(GH, 'repo:acme/*')],
      ['GitHub repositories by name prefix', subLike(GH, 'repo:acme/app*')],
      ['GitHub repository_owner in a custom template', subLike(GH, 'repository_owner:acme:*')],
      [
        'GitHub repository claim OWNER/*',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GH}:repository`]: 'acme/*' },
        }),
      ],
      ['GitLab every project of a group', subLike('gitlab.com', 'project_path:acme/*')],
      ['EKS a whole namespace', subLike(EKS, 'system:serviceaccount:payments:*')],
      ['Terraform Cloud a whole organization', subLike('app.terraform.io', 'organization:acme:*')],
      ['GitHub Enterprise issuer with repo:*', subLike(`${GH}/acme`, 'repo:*')],
      [
        'GitHub Enterprise issuer without a subject',
        allow(oidc(`${GH}/acme`), web, { StringEquals: { [`${GH}/acme:aud`]: 'sts.amazonaws.com' } }),
      ],
      [
        'GitHub repository_owner_id in a customised subject',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repository_owner_id:1342004' },
        }),
      ],
      [
        'Bitbucket the whole workspace',
        allow(oidc('api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc'), web, {
          StringEquals: {
            'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc:aud':
              'ari:cloud:bitbucket::workspace/1234',
          },
        }),
      ],
      ['Buildkite a whole organization', subLike('agent.buildkite.com', 'organization:acme:*')],
    ])('%s', (_name, statement) => {
      // GIVEN a subject anchored to an owner but not to one repository  WHEN the rule runs  THEN it warns
      expect(onTrust(WebIdentitySubjectBroad, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['GitHub one repository, any ref', subLike(GH, 'repo:acme/app:*')],
      ['GitHub one branch', subLike(GH, 'repo:acme/app:ref:refs/heads/main')],
      ['EKS one service account', subLike(EKS, 'system:serviceaccount:payments:api')],
      ['GitLab one project', subLike('gitlab.com', 'project_path:acme/app:ref_type:branch:ref:main')],
      [
        'a broad clause ANDed with a pinned one',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:repository_id`]: '5678' },
          StringLike: { [`${GH}:sub`]: 'repo:acme/*' },
        }),
      ],
      ['an open subject (reported by WebIdentitySubjectNotPinned instead)', subLike(GH, 'repo:*')],
    ])('%s', (_name, statement) => {
      // GIVEN a subject pinned to one repository (or not anchored at all)  WHEN the rule runs  THEN it does not warn
      expect(onTrust(WebIdentitySubjectBroad, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('WebIdentitySubjectBroad with a cluster issuer known only at deploy time', () => {
  test('an EKS cluster of the template makes its provider an EKS issuer: a namespace wildcard is broad', () => {
    // GIVEN an OIDC provider whose Url is the OpenIdConnectIssuerUrl of an AWS::EKS::Cluster of the template
    const { runOnTemplate } = require('../template-helpers');
    const trust = (sub: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: { Ref: 'Provider' } },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'oidc.example:sub': sub } },
        },
      ],
    });
    const template = (sub: string) => ({
      Resources: {
        Cluster: { Type: 'AWS::EKS::Cluster', Properties: {} },
        Provider: {
          Type: 'AWS::IAM::OIDCProvider',
          Properties: {
            Url: { 'Fn::GetAtt': ['Cluster', 'OpenIdConnectIssuerUrl'] },
            ClientIdList: ['sts.amazonaws.com'],
          },
        },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust(sub) } },
      },
    });
    // WHEN the rule runs THEN a whole namespace is broad, one service account is not
    expect(runOnTemplate(WebIdentitySubjectBroad, template('system:serviceaccount:shop:*')).failed).toBe(true);
    expect(runOnTemplate(WebIdentitySubjectBroad, template('system:serviceaccount:shop:checkout')).failed).toBe(false);
  });
});

describe('WebIdentitySubjectBroad with an issuer partly known at synth time', () => {
  test('a GitHub Enterprise slug from a parameter fixes the owner: repo:* is broad, not unpinned', () => {
    // GIVEN a provider ARN for token.actions.githubusercontent.com/${Slug}, Slug without default
    const { runOnTemplate } = require('../template-helpers');
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: {
              'Fn::Sub':
                'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com/${Slug}',
            },
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com/acme:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com/acme:sub': 'repo:*' },
          },
        },
      ],
    };
    const json = {
      Parameters: { Slug: { Type: 'String' } },
      Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } } },
    };
    // WHEN the rule runs THEN it warns (the enterprise's issuer fixes the owner)
    expect(runOnTemplate(WebIdentitySubjectBroad, json).failed).toBe(true);
  });
});
