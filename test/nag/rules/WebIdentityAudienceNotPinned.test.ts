import { CfnJson, Fn } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import WebIdentityAudienceNotPinned from '../../../lib/nag/rules/WebIdentityAudienceNotPinned';
import { allow, doc, newStack, onNode, onTrust, role } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';

const GH = 'token.actions.githubusercontent.com';
const github = { Federated: `arn:aws:iam::444444444444:oidc-provider/${GH}` };
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const eks = { Federated: `arn:aws:iam::444444444444:oidc-provider/${EKS}` };
const web = 'sts:AssumeRoleWithWebIdentity';
const ghSub = { [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' };

describe('WebIdentityAudienceNotPinned', () => {
  describe('Noncompliance', () => {
    test.each([
      ['GitHub with a subject but no audience', allow(github, web, { StringLike: ghSub })],
      [
        'GitHub with aud = ${token.actions.githubusercontent.com:aud} (a policy variable, read from the request)',
        allow(github, web, { StringEquals: { ...ghSub, [`${GH}:aud`]: `\${${GH}:aud}` } }),
      ],
      ['GitHub with a wildcard audience', allow(github, web, { StringLike: { ...ghSub, [`${GH}:aud`]: 'sts.*' } })],
      [
        'GitHub with an IfExists audience',
        allow(github, web, { StringLike: ghSub, StringEqualsIfExists: { [`${GH}:aud`]: 'sts.amazonaws.com' } }),
      ],
      [
        'EKS with only a subject',
        allow(eks, web, { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:payments:api' } }),
      ],
      [
        'Cognito without aud',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ],
      [
        'Google without aud',
        allow({ Federated: 'accounts.google.com' }, web, { StringEquals: { 'accounts.google.com:sub': '1234567890' } }),
      ],
      ['Facebook without app_id', allow({ Federated: 'graph.facebook.com' }, web)],
      ['Login with Amazon without app_id', allow({ Federated: 'www.amazon.com' }, web)],
      [
        'the audience of another provider',
        allow(github, web, { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', ...ghSub } }),
      ],
      [
        'an unknown OIDC provider (parameter) without any :aud',
        allow({ Federated: { Ref: 'ProviderArn' } }, web, { StringEquals: { 'idp.example.com:sub': 'svc' } }),
      ],
      // a provider that cannot be read, with actions that grant web identity among others: judged as an OIDC provider
      ['an imported provider with sts:*', allow({ Federated: { 'Fn::ImportValue': 'ProviderArn' } }, 'sts:*')],
      [
        'an unknown provider with both federated actions',
        allow({ Federated: { Ref: 'ProviderArn' } }, ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML']),
      ],
      ['an unknown provider with sts:AssumeRole*', allow({ Federated: { Ref: 'ProviderArn' } }, 'sts:AssumeRole*')],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust without an audience pin  WHEN the rule runs  THEN it is reported
      expect(onTrust(WebIdentityAudienceNotPinned, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('an OIDC provider of the same template is looked up by its Url', () => {
      // GIVEN an AWS::IAM::OIDCProvider for GitHub and a role tested on GitLab's audience
      const stack = newStack();
      new iam.CfnOIDCProvider(stack, 'GitHub', { url: `https://${GH}`, clientIdList: ['sts.amazonaws.com'] });
      const node = role(
        stack,
        doc(allow({ Federated: { Ref: 'GitHub' } }, web, { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' } })),
      );
      // WHEN the rule runs THEN the GitHub audience is missing
      expect(onNode(WebIdentityAudienceNotPinned, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      [
        'GitHub aud = sts.amazonaws.com',
        allow(github, web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: ghSub }),
      ],
      [
        'GitHub Enterprise issuer',
        allow({ Federated: `arn:aws:iam::444444444444:oidc-provider/${GH}/acme` }, web, {
          StringEquals: { [`${GH}/acme:aud`]: 'sts.amazonaws.com' },
        }),
      ],
      [
        'EKS aud',
        allow(eks, web, {
          StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' },
        }),
      ],
      [
        'Cognito aud = identity pool id',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:12345678-1234-1234-1234-123456789012' },
        }),
      ],
      [
        'Google oaud',
        allow({ Federated: 'accounts.google.com' }, web, {
          StringEquals: { 'accounts.google.com:oaud': 'client.apps.googleusercontent.com' },
        }),
      ],
      [
        'Facebook app_id',
        allow({ Federated: 'graph.facebook.com' }, web, {
          StringEquals: { 'graph.facebook.com:app_id': '1234567890' },
        }),
      ],
      [
        'an unknown provider with a host:aud key',
        allow({ Federated: { Ref: 'ProviderArn' } }, web, { StringEquals: { 'idp.example.com:aud': 'my-client' } }),
      ],
      ['an audience from a parameter', allow(github, web, { StringEquals: { [`${GH}:aud`]: { Ref: 'Audience' } } })],
      [
        'a mixed-case key',
        allow(github, web, { StringEquals: { 'Token.Actions.GithubUserContent.com:AUD': 'sts.amazonaws.com' } }),
      ],
      [
        'SAML trust is not web identity',
        allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML'),
      ],
      ['an AWS principal', allow({ AWS: 'arn:aws:iam::444444444444:root' })],
    ])('%s', (_name, statement) => {
      // GIVEN web identity trust with an audience pin (or no web identity)  WHEN the rule runs  THEN it passes
      expect(onTrust(WebIdentityAudienceNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test.each([
      ['an issuer from an import', () => Fn.importValue('ClusterIssuerUrl')],
      ['a known issuer', () => `https://${EKS}`],
    ])(
      'conditions computed by CfnJson on the provider issuer token (%s), as eks.ServiceAccount writes them',
      (_name, url) => {
        // GIVEN a role whose condition keys are `${provider.openIdConnectProviderIssuer}:aud`, through CfnJson
        const stack = newStack();
        const provider = new iam.OpenIdConnectProvider(stack, 'Provider', {
          url: url(),
          clientIds: ['sts.amazonaws.com'],
        });
        const condition = new CfnJson(stack, 'ConditionJson', {
          value: { [`${provider.openIdConnectProviderIssuer}:aud`]: 'sts.amazonaws.com' },
        });
        const r = new iam.Role(stack, 'Sa', {
          assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringEquals: condition }),
        });
        // WHEN the rule runs THEN the computed audience counts
        expect(onNode(WebIdentityAudienceNotPinned, r.node.defaultChild as iam.CfnRole)).toBe(
          NagRuleCompliance.COMPLIANT,
        );
      },
    );

    test('the CDK OpenIdConnectProvider custom resource is looked up by its Url', () => {
      // GIVEN an iam.OpenIdConnectProvider for GitHub and a role pinned on GitHub's audience
      const stack = newStack();
      const provider = new iam.OpenIdConnectProvider(stack, 'GitHub', {
        url: `https://${GH}`,
        clientIds: ['sts.amazonaws.com'],
      });
      const r = new iam.Role(stack, 'R', {
        assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
        }),
      });
      // WHEN the rule runs THEN it passes
      expect(onNode(WebIdentityAudienceNotPinned, r.node.defaultChild as iam.CfnRole)).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });
  });

  describe('intrinsic, Deny and JSON-string spellings (raw templates, every reachable variant)', () => {
    test('an audience parameter whose default is * fails, naming the parameter; one fixed value passes', () => {
      // GIVEN the audience from a parameter under StringLike
      const trust = () => doc(allow(github, web, { StringLike: { ...ghSub, [`${GH}:aud`]: { Ref: 'Audience' } } }));
      const open = runOnTemplate(
        WebIdentityAudienceNotPinned,
        roleTemplate(trust(), { Parameters: { Audience: { Type: 'String', Default: '*' } } }),
      );
      // WHEN the rule runs THEN '*' fails in its variant and 'sts.amazonaws.com' passes
      expect(open.failed).toBe(true);
      expect(open.variant).toMatch(/Audience/);
      expect(
        runOnTemplate(
          WebIdentityAudienceNotPinned,
          roleTemplate(trust(), { Parameters: { Audience: { Type: 'String', Default: 'sts.amazonaws.com' } } }),
        ).failed,
      ).toBe(false);
    });

    test('a Deny on any other audience pins it', () => {
      // GIVEN an Allow without aud and a Deny StringNotEquals on the aud  WHEN the rule runs  THEN it passes
      const trust = doc(allow(github, web, { StringLike: ghSub }), {
        Effect: 'Deny',
        Principal: github,
        Action: web,
        Condition: { StringNotEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } },
      });
      expect(runOnTemplate(WebIdentityAudienceNotPinned, roleTemplate(trust)).failed).toBe(false);
    });

    test('a trust policy written as a JSON string is read', () => {
      // GIVEN the trust document as a JSON string without an audience  WHEN the rule runs  THEN it fails
      const text = JSON.stringify(doc(allow(github, web, { StringLike: ghSub })));
      expect(runOnTemplate(WebIdentityAudienceNotPinned, roleTemplate({ 'Fn::Sub': text })).failed).toBe(true);
    });
  });
});
