import { CfnJson } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import WebIdentityForeignProviderKeys from '../../../lib/nag/rules/WebIdentityForeignProviderKeys';
import { allow, doc, newStack, onNode, onTrust } from '../helpers';
import { roleTemplate, runOnTemplate } from '../template-helpers';
import { onTemplate } from '../helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const oidc = (issuer: string) => ({ Federated: `arn:aws:iam::444444444444:oidc-provider/${issuer}` });
const GH = 'token.actions.githubusercontent.com';
const EKS_A = 'oidc.eks.eu-west-1.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const EKS_B = 'oidc.eks.eu-west-1.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

describe('WebIdentityForeignProviderKeys', () => {
  describe('Noncompliance', () => {
    test.each([
      [
        'GitHub trust tested on GitLab claims',
        allow(oidc(GH), web, {
          StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme/app:*' },
        }),
      ],
      [
        'GitHub trust with one foreign key beside its own',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
          StringLike: { 'gitlab.com:sub': 'project_path:acme/app:*' },
        }),
      ],
      [
        'EKS trust tested on another cluster',
        allow(oidc(EKS_A), web, {
          StringEquals: { [`${EKS_B}:aud`]: 'sts.amazonaws.com', [`${EKS_B}:sub`]: 'system:serviceaccount:ns:sa' },
        }),
      ],
      [
        'Cognito trust tested on Google claims',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          StringEquals: { 'accounts.google.com:aud': 'client-id' },
        }),
      ],
      [
        'GitHub Enterprise issuer tested on the public issuer keys',
        allow(oidc(`${GH}/acme`), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }),
      ],
      [
        'SAML trust tested on an OIDC claim',
        allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML', {
          StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml', [`${GH}:sub`]: 'repo:acme/app:*' },
        }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN conditions on another provider's keys  WHEN the rule runs  THEN it is reported
      expect(onTrust(WebIdentityForeignProviderKeys, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      [
        'GitHub trust on its own keys',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' },
        }),
      ],
      [
        'keys in another letter case',
        allow(oidc(GH), web, { StringEquals: { 'TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:aud': 'sts.amazonaws.com' } }),
      ],
      [
        'two providers in one statement, each tested on its keys',
        allow({ Federated: [oidc(GH).Federated, oidc(EKS_A).Federated] }, web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${EKS_A}:aud`]: 'sts.amazonaws.com' },
        }),
      ],
      [
        'global keys next to provider keys',
        allow(oidc(GH), web, {
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', 'aws:RequestedRegion': 'eu-west-1' },
        }),
      ],
      [
        'a condition body computed by a resource that is not in the template is not judged',
        allow(oidc(GH), web, {
          StringEquals: { 'Fn::GetAtt': ['Missing', 'Value'] },
          StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' },
        }),
      ],
      [
        'an unknown provider (parameter) is not judged',
        allow({ Federated: { Ref: 'ProviderArn' } }, web, { StringEquals: { 'idp.example.com:aud': 'client' } }),
      ],
      [
        'SAML trust on SAML keys',
        allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML', {
          StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
        }),
      ],
      [
        'an AWS principal',
        allow({ AWS: 'arn:aws:iam::111111111111:root' }, 'sts:AssumeRole', {
          StringEquals: { 'aws:PrincipalTag/team': 'x' },
        }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN conditions on the trusted provider's own keys  WHEN the rule runs  THEN it passes
      expect(onTrust(WebIdentityForeignProviderKeys, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('keys whose issuer part is computed at deploy time (CfnJson) are not judged', () => {
      // GIVEN a GitHub provider and a condition keyed on its issuer token, through CfnJson
      const stack = newStack();
      const provider = new iam.OpenIdConnectProvider(stack, 'Provider', {
        url: `https://${GH}`,
        clientIds: ['sts.amazonaws.com'],
      });
      const condition = new CfnJson(stack, 'ConditionJson', {
        value: { [`${provider.openIdConnectProviderIssuer}:sub`]: 'repo:acme/app:*' },
      });
      const r = new iam.Role(stack, 'R', {
        assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringLike: condition }),
      });
      // WHEN the rule runs THEN it passes
      expect(onNode(WebIdentityForeignProviderKeys, r.node.defaultChild as iam.CfnRole)).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });
  });

  describe('intrinsic and JSON-string spellings (raw templates, every reachable variant)', () => {
    test("a GitHub Enterprise issuer tested on the public issuer's keys fails when its slug comes from a parameter default", () => {
      // GIVEN a provider for token.actions.githubusercontent.com/${Slug} and conditions on the public host's keys
      const json = (slug: string) =>
        roleTemplate(
          doc(
            allow({ Federated: { Ref: 'Provider' } }, web, {
              StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' },
            }),
          ),
          {
            Parameters: { Slug: { Type: 'String', Default: slug } },
            Resources: {
              Provider: {
                Type: 'AWS::IAM::OIDCProvider',
                Properties: { Url: { 'Fn::Sub': `https://${GH}/\${Slug}` }, ClientIdList: ['sts.amazonaws.com'] },
              },
            },
          },
        );
      // WHEN the rule runs THEN the enterprise issuer's own keys are missing: it fails
      expect(runOnTemplate(WebIdentityForeignProviderKeys, json('acme')).failed).toBe(true);
    });

    test('a trust policy written as a JSON string is read', () => {
      // GIVEN the trust document as a JSON string: GitHub trusted, GitLab keys tested
      const text = JSON.stringify(
        doc(allow(oidc(GH), web, { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' } })),
      );
      const own = JSON.stringify(doc(allow(oidc(GH), web, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } })));
      // WHEN the rule runs THEN the foreign key fails, the own key passes
      expect(runOnTemplate(WebIdentityForeignProviderKeys, roleTemplate({ 'Fn::Sub': text })).failed).toBe(true);
      expect(runOnTemplate(WebIdentityForeignProviderKeys, roleTemplate({ 'Fn::Sub': own })).failed).toBe(false);
    });
  });
});

describe('WebIdentityForeignProviderKeys on every spelling (issue 8)', () => {
  /** A GitHub provider whose issuer carries an Enterprise slug when the optional parameter is set. */
  const template = (keyPrefix: string) => ({
    Parameters: { Slug: { Type: 'String', Default: '' } },
    Conditions: { HasSlug: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Slug' }, ''] }] } },
    Resources: {
      Gh: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: {
          Url: {
            'Fn::If': [
              'HasSlug',
              { 'Fn::Sub': 'https://token.actions.githubusercontent.com/${Slug}' },
              'https://token.actions.githubusercontent.com',
            ],
          },
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: { Ref: 'Gh' } },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: {
                    [`${keyPrefix}:aud`]: 'sts.amazonaws.com',
                    [`${keyPrefix}:sub`]: 'repo:acme/app:ref:refs/heads/main',
                  },
                },
              },
            ],
          },
        },
      },
    },
  });

  test('keys without the slug are foreign to the provider once the slug is set', () => {
    // GIVEN conditions on token.actions.githubusercontent.com keys  WHEN the slug parameter is set  THEN they are foreign
    expect(onTemplate(WebIdentityForeignProviderKeys, template('token.actions.githubusercontent.com'))).toEqual({
      compliance: 'Non-Compliant',
      variant: 'when parameter Slug is set (to a value of your choice)',
    });
  });

  test('keys that carry a slug match the provider of that shape', () => {
    // GIVEN conditions on the keys of a slugged issuer  THEN they are the provider's own once set (and foreign before)
    expect(
      onTemplate(WebIdentityForeignProviderKeys, template('token.actions.githubusercontent.com/acme')).variant,
    ).toBe("when parameter Slug keeps its default ''");
  });
});
