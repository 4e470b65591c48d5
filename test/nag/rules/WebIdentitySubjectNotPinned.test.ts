import { CfnJson, Fn } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import WebIdentitySubjectNotPinned from '../../../lib/nag/rules/WebIdentitySubjectNotPinned';
import { allow, doc, newStack, onNode, onTrust, role } from '../helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const oidc = (issuer: string) => ({ Federated: `arn:aws:iam::444444444444:oidc-provider/${issuer}` });
const GH = 'token.actions.githubusercontent.com';
const GL = 'gitlab.com';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const TFC = 'app.terraform.io';
const aud = (issuer: string) => ({ StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } });
/** A trust of `issuer` with its audience pinned and `sub` matched by StringLike. */
const subLike = (issuer: string, sub: string | string[]) =>
  allow(oidc(issuer), web, { ...aud(issuer), StringLike: { [`${issuer}:sub`]: sub } });

describe('WebIdentitySubjectNotPinned', () => {
  describe('Noncompliance', () => {
    test.each([
      ['GitHub without a subject', allow(oidc(GH), web, aud(GH))],
      ['GitHub "*"', subLike(GH, '*')],
      ['GitHub repo:*', subLike(GH, 'repo:*')],
      ['GitHub repo:acme*', subLike(GH, 'repo:acme*')],
      ['GitHub repo:acme*/x', subLike(GH, 'repo:acme*/x')],
      ['GitHub repo:*/app:*', subLike(GH, 'repo:*/app:*')],
      ['GitHub one safe and one open value', subLike(GH, ['repo:acme/app:ref:refs/heads/main', 'repo:*'])],
      ['GitHub Enterprise issuer with repo:*', subLike(`${GH}/acme`, 'repo:*')],
      ['GitHub custom template with no repository anchor', subLike(GH, 'workflow:deploy:*')],
      ['GitHub sub under StringLikeIfExists', allow(oidc(GH), web, { ...aud(GH), StringLikeIfExists: { [`${GH}:sub`]: 'repo:acme/app:*' } })],
      ['GitHub sub under StringNotLike', allow(oidc(GH), web, { ...aud(GH), StringNotLike: { [`${GH}:sub`]: 'repo:evil/*' } })],
      ['GitLab project_path:*', subLike(GL, 'project_path:*')],
      ['GitLab project_path:acme*', subLike(GL, 'project_path:acme*')],
      ['EKS system:serviceaccount:*', subLike(EKS, 'system:serviceaccount:*')],
      ['EKS system:serviceaccount:team*', subLike(EKS, 'system:serviceaccount:team*')],
      ['EKS a wildcard namespace', subLike(EKS, 'system:serviceaccount:*:api')],
      ['EKS a value in another form', subLike(EKS, 'payments*')],
      ['Terraform Cloud organization:*', subLike(TFC, 'organization:*')],
      ['an unknown provider "*"', subLike('idp.example.com', '*')],
      ['an unknown provider without sub', allow(oidc('idp.example.com'), web, aud('idp.example.com'))],
      ['Cognito without amr', allow({ Federated: 'cognito-identity.amazonaws.com' }, web, { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012' } })],
      ['Google without sub', allow({ Federated: 'accounts.google.com' }, web, { StringEquals: { 'accounts.google.com:aud': 'client-id' } })],
      ['the subject of another provider', allow(oidc(GH), web, { ...aud(GH), StringLike: { 'gitlab.com:sub': 'project_path:acme/app:*' } })],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust whose subject is open  WHEN the rule runs  THEN it is reported
      expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('conditions computed by CfnJson (as eks.ServiceAccount writes them)', () => {
    /** An IRSA role whose condition keys hold the provider's issuer token, through CfnJson. */
    function irsaRole(sub: string): iam.CfnRole {
      const stack = newStack();
      const provider = new iam.OpenIdConnectProvider(stack, 'Provider', { url: Fn.importValue('ClusterIssuerUrl'), clientIds: ['sts.amazonaws.com'] });
      const condition = new CfnJson(stack, 'ConditionJson', {
        value: {
          [`${provider.openIdConnectProviderIssuer}:aud`]: 'sts.amazonaws.com',
          [`${provider.openIdConnectProviderIssuer}:sub`]: sub,
        },
      });
      const r = new iam.Role(stack, 'Sa', { assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringLike: condition }) });
      return r.node.defaultChild as iam.CfnRole;
    }

    test('one service account passes', () => {
      // GIVEN a computed condition pinning one service account  WHEN the rule runs  THEN it passes
      expect(onNode(WebIdentitySubjectNotPinned, irsaRole('system:serviceaccount:shop:checkout'))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('every service account of the cluster is reported', () => {
      // GIVEN a computed condition with system:serviceaccount:*  WHEN the rule runs  THEN it is reported
      expect(onNode(WebIdentitySubjectNotPinned, irsaRole('system:serviceaccount:*'))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['GitHub a branch', subLike(GH, 'repo:acme/app:ref:refs/heads/main')],
      ['GitHub an environment', subLike(GH, 'repo:acme/app:environment:prod')],
      ['GitHub pull requests', subLike(GH, 'repo:acme/app:pull_request')],
      ['GitHub any ref of one repository', subLike(GH, 'repo:acme/app:*')],
      ['GitHub immutable owner and repository ids', subLike(GH, 'repo:acme@1234/app@5678:ref:refs/heads/main')],
      ['GitHub every repo of one owner (reported by WebIdentitySubjectBroad instead)', subLike(GH, 'repo:acme/*')],
      ['GitHub a subject under StringEquals', allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } })],
      ['GitHub repository_id instead of sub', allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:repository_id`]: '5678' } })],
      ['GitHub job_workflow_ref of one repository', allow(oidc(GH), web, { ...aud(GH), StringLike: { [`${GH}:job_workflow_ref`]: 'acme/pipelines/.github/workflows/deploy.yml@*' } })],
      ['GitHub custom template with a repository id', subLike(GH, 'repository_owner_id:1234:repository_id:5678:*')],
      ['GitHub a subject from a parameter', allow(oidc(GH), web, { ...aud(GH), StringLike: { [`${GH}:sub`]: { 'Fn::Sub': 'repo:${Owner}/${Repo}:*' } } })],
      ['GitHub an open clause ANDed with a pinned one', allow(oidc(GH), web, { ...aud(GH), StringLike: { [`${GH}:sub`]: '*' }, 'ForAnyValue:StringEquals': { [`${GH}:sub`]: 'repo:acme/app:pull_request' } })],
      ['GitLab one project', subLike(GL, 'project_path:acme/payments/api:ref_type:branch:ref:main')],
      ['GitLab self-managed host', subLike('gitlab.acme.io', 'project_path:platform/app:*')],
      ['EKS one service account', subLike(EKS, 'system:serviceaccount:payments:api')],
      ['EKS a whole namespace (reported by WebIdentitySubjectBroad instead)', subLike(EKS, 'system:serviceaccount:payments:*')],
      ['Terraform Cloud one workspace', subLike(TFC, 'organization:acme:project:Default Project:workspace:network:run_phase:apply')],
      ['Terraform Cloud one workspace in any run phase', subLike(TFC, 'organization:acme:project:*:workspace:network:run_phase:*')],
      ['an unknown provider with a partial pattern', subLike('idp.example.com', 'svc-*')],
      ['Cognito authenticated identities', allow({ Federated: 'cognito-identity.amazonaws.com' }, web, { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })],
      ['Google a subject', allow({ Federated: 'accounts.google.com' }, web, { StringEquals: { 'accounts.google.com:sub': '110169484474386276334' } })],
      ['SAML is not web identity', allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML')],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust whose subject is pinned  WHEN the rule runs  THEN it passes
      expect(onTrust(WebIdentitySubjectNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('an OIDC provider of the same template is read through its Url', () => {
      // GIVEN an OIDC provider for EKS and a role tested on its subject
      const stack = newStack();
      new iam.CfnOIDCProvider(stack, 'Eks', { url: `https://${EKS}`, clientIdList: ['sts.amazonaws.com'] });
      const node = role(stack, doc(allow({ Federated: { 'Fn::GetAtt': ['Eks', 'Arn'] } }, web, {
        StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' },
      })));
      // WHEN the rule runs THEN it passes
      expect(onNode(WebIdentitySubjectNotPinned, node)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});
