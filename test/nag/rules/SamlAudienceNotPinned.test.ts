import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import SamlAudienceNotPinned from '../../../lib/nag/rules/SamlAudienceNotPinned';
import { allow, allowAs, doc, newStack, NON, OK, onNode, onTrust } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

const saml = { Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' };
const action = 'sts:AssumeRoleWithSAML';
const aud = (value: unknown, operator = 'StringEquals') => allow(saml, action, { [operator]: { 'SAML:aud': value } });

describe('SamlAudienceNotPinned', () => {
  describe('Noncompliance', () => {
    test.each([
      ['no condition', allow(saml, action)],
      // a provider that cannot be read, with actions that grant SAML among others: judged as a SAML provider
      ['an imported provider with sts:*', allow({ Federated: { 'Fn::ImportValue': 'ProviderArn' } }, 'sts:*')],
      [
        'an unknown provider with both federated actions',
        allow({ Federated: { Ref: 'ProviderArn' } }, ['sts:AssumeRoleWithWebIdentity', action]),
      ],
      ['a condition on another key only', allow(saml, action, { StringEquals: { 'SAML:sub': 'alice' } })],
      ['a wildcard audience', aud('https://*.signin.aws.amazon.com/saml', 'StringLike')],
      ['"*"', aud('*', 'StringLike')],
      ['an IfExists audience', aud('https://signin.aws.amazon.com/saml', 'StringEqualsIfExists')],
      ['a negated audience', aud('https://signin.aws.amazon.com/saml', 'StringNotEquals')],
      ['an audience that is not an AWS sign-in endpoint', aud('https://idp.example.com/saml')],
      ['an http (not https) endpoint', aud('http://signin.aws.amazon.com/saml')],
      [
        'one accepted and one foreign value',
        aud(['https://signin.aws.amazon.com/saml', 'https://app.example.com/acs']),
      ],
      ['a SAML provider passed as a parameter, no audience', allow({ Federated: { Ref: 'SamlArn' } }, action)],
    ])('%s', (_name, statement) => {
      // GIVEN SAML trust without an accepted audience  WHEN the rule runs  THEN it is reported
      expect(onTrust(SamlAudienceNotPinned, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('with samlAudiences, the default endpoints are no longer accepted', () => {
      // GIVEN the global endpoint, and samlAudiences naming a regional one
      // WHEN the rule runs THEN it is reported
      expect(
        onTrust(SamlAudienceNotPinned, aud('https://signin.aws.amazon.com/saml'), {
          samlAudiences: ['https://eu-west-1.signin.aws.amazon.com/saml'],
        }),
      ).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['a SAML console role', aud('https://signin.aws.amazon.com/saml')],
      ['a regional endpoint', aud('https://eu-west-1.signin.aws.amazon.com/saml')],
      ['the China partition', aud('https://signin.amazonaws.cn/saml')],
      ['GovCloud', aud('https://signin.amazonaws-us-gov.com/saml')],
      ['a per-provider ACS endpoint', aud('https://signin.aws.amazon.com/saml/acs/SAMLSP4SQB2VCV0BYS3XE')],
      [
        'several accepted endpoints',
        aud(['https://signin.aws.amazon.com/saml', 'https://us-east-1.signin.aws.amazon.com/saml']),
      ],
      [
        'the sign-in host from a partition mapping',
        aud({
          'Fn::Join': ['', ['https://', { 'Fn::FindInMap': ['Hosts', { Ref: 'AWS::Partition' }, 'signin'] }, '/saml']],
        }),
      ],
      ['a mixed-case key', allow(saml, action, { StringEquals: { 'saml:AUD': 'https://signin.aws.amazon.com/saml' } })],
      [
        'a web identity trust is not SAML',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity'),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN SAML trust with an accepted audience  WHEN the rule runs  THEN it passes
      expect(onTrust(SamlAudienceNotPinned, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('samlAudiences accepts exactly the listed values', () => {
      // GIVEN a custom audience listed in samlAudiences  WHEN the rule runs  THEN it passes
      expect(
        onTrust(SamlAudienceNotPinned, aud('https://sso.acme.io/saml'), {
          samlAudiences: ['https://sso.acme.io/saml'],
        }),
      ).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('the L2 SamlConsolePrincipal passes', () => {
      // GIVEN an iam.Role assumed by a SamlConsolePrincipal
      const stack = newStack();
      const provider = new iam.SamlProvider(stack, 'Idp', {
        metadataDocument: iam.SamlMetadataDocument.fromXml('<xml/>'),
      });
      const r = new iam.Role(stack, 'R', { assumedBy: new iam.SamlConsolePrincipal(provider) });
      // WHEN the rule runs THEN it passes
      expect(onNode(SamlAudienceNotPinned, r.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('SamlAudienceNotPinned on every spelling (issue 8)', () => {
  const idp = { Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' };
  const saml = (condition?: object) => allowAs(idp, condition, 'sts:AssumeRoleWithSAML');
  const aud = (value: unknown) => ({ StringEquals: { 'SAML:aud': value } });
  test.each([
    [
      'an audience parameter defaulting to another service provider',
      trustTemplate(doc(saml(aud({ Ref: 'Aud' }))), {
        Parameters: { Aud: { Type: 'String', Default: 'https://sp.example.com/acs' } },
      }),
      NON,
      "when parameter Aud keeps its default 'https://sp.example.com/acs'",
    ],
    [
      'an audience parameter defaulting to the sign-in endpoint (last safe)',
      trustTemplate(doc(saml(aud({ Ref: 'Aud' }))), {
        Parameters: { Aud: { Type: 'String', Default: 'https://signin.aws.amazon.com/saml' } },
      }),
      OK,
      undefined,
    ],
    [
      'a Deny StringNotEquals SAML:aud (a guard)',
      trustTemplate(
        doc(saml(), {
          Effect: 'Deny',
          Principal: idp,
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringNotEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        }),
      ),
      OK,
      undefined,
    ],
    ['no audience in a JSON string', trustTemplate(JSON.stringify(doc(saml()))), NON, undefined],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(SamlAudienceNotPinned, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
