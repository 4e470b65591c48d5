import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import TrustActionMismatch from '../../../lib/nag/rules/TrustActionMismatch';
import { allow, allowAs, doc, newStack, NON, OK, onNode, onTrust, role } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

const saml = { Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' };
const github = { Federated: 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com' };
const cognito = { Federated: 'cognito-identity.amazonaws.com' };
const account = { AWS: 'arn:aws:iam::111111111111:root' };

describe('TrustActionMismatch', () => {
  describe('Noncompliance', () => {
    test.each([
      ['a SAML provider with sts:AssumeRole', allow(saml, 'sts:AssumeRole')],
      ['a SAML provider with sts:AssumeRoleWithWebIdentity', allow(saml, 'sts:AssumeRoleWithWebIdentity')],
      ['an OIDC provider with sts:AssumeRole', allow(github, 'sts:AssumeRole')],
      ['an OIDC provider with sts:AssumeRoleWithSAML', allow(github, 'sts:AssumeRoleWithSAML')],
      ['Cognito with sts:AssumeRole', allow(cognito, 'sts:AssumeRole')],
      ['Google with sts:AssumeRoleWithSAML', allow({ Federated: 'accounts.google.com' }, 'sts:AssumeRoleWithSAML')],
      ['an AWS principal with sts:AssumeRoleWithWebIdentity', allow(account, 'sts:AssumeRoleWithWebIdentity')],
      ['a service with sts:AssumeRoleWithSAML', allow({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRoleWithSAML')],
      [
        'an AWS principal with an extra AssumeRoleWithSAML',
        allow(account, ['sts:AssumeRole', 'sts:AssumeRoleWithSAML']),
      ],
      ['a wildcard action sts:*', allow(account, 'sts:*')],
      ['a wildcard action sts:Assume*', allow(saml, 'sts:Assume*')],
      ['a wildcard action *', allow(github, '*')],
      [
        'a wildcard action to a federated principal whose kind cannot be read (an import)',
        allow({ Federated: { 'Fn::ImportValue': 'ProviderArn' } }, 'sts:*'),
      ],
      ['only sts:TagSession', allow(account, 'sts:TagSession')],
      [
        'sts:TagSession in its own statement next to an assume statement of another principal',
        [allow({ AWS: 'arn:aws:iam::222222222222:root' }), allow(account, 'sts:TagSession')],
      ],
    ])('%s', (_name, statement) => {
      // GIVEN an action that does not match the principal  WHEN the rule runs  THEN it is reported
      expect(onTrust(TrustActionMismatch, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('a SAML provider of the same template is recognised through Ref', () => {
      // GIVEN a SAML provider resource and a role trusting it with sts:AssumeRole
      const stack = newStack();
      new iam.CfnSAMLProvider(stack, 'Idp', { samlMetadataDocument: '<xml/>' });
      const node = role(stack, doc(allow({ Federated: { Ref: 'Idp' } }, 'sts:AssumeRole')));
      // WHEN the rule runs THEN it is reported
      expect(onNode(TrustActionMismatch, node)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['SAML with sts:AssumeRoleWithSAML', allow(saml, 'sts:AssumeRoleWithSAML')],
      ['SAML with AssumeRoleWithSAML and TagSession', allow(saml, ['sts:AssumeRoleWithSAML', 'sts:TagSession'])],
      ['OIDC with sts:AssumeRoleWithWebIdentity', allow(github, 'sts:AssumeRoleWithWebIdentity')],
      ['Cognito with sts:AssumeRoleWithWebIdentity', allow(cognito, 'sts:AssumeRoleWithWebIdentity')],
      [
        'an AWS principal with sts:AssumeRole and SetSourceIdentity',
        allow(account, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
      ],
      [
        'a service with sts:AssumeRole',
        allow({ Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] }, 'sts:AssumeRole'),
      ],
      ['"*" with sts:AssumeRole', allow('*', 'sts:AssumeRole')],
      ['an action in another letter case', allow(saml, 'STS:AssumeRoleWithSaml')],
      ['an unknown federated principal is not judged', allow({ Federated: { Ref: 'ProviderArn' } }, 'sts:AssumeRole')],
      [
        'NotAction (reported by TrustNotPrincipalOrNotAction)',
        { Effect: 'Allow', Principal: account, NotAction: 'sts:TagSession' },
      ],
      [
        'sts:TagSession in its own statement next to the assume statement (CDK bootstrap)',
        [allow(account), allow(account, 'sts:TagSession')],
      ],
      [
        'sts:TagSession in its own statement, the account written as its id there and as its root ARN in the other',
        [allow({ AWS: '111111111111' }), allow(account, 'sts:TagSession')],
      ],
      [
        'sts:SetSourceIdentity in its own statement for "*" next to {"AWS": "*"}',
        [allow({ AWS: '*' }), allow('*', 'sts:SetSourceIdentity')],
      ],
    ])('%s', (_name, statement) => {
      // GIVEN the action of the principal  WHEN the rule runs  THEN it passes
      expect(onTrust(TrustActionMismatch, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('the L2 SamlConsolePrincipal and WebIdentityPrincipal pass', () => {
      // GIVEN L2 roles for a SAML provider and an OIDC provider
      const stack = newStack();
      const provider = new iam.SamlProvider(stack, 'Idp', {
        metadataDocument: iam.SamlMetadataDocument.fromXml('<xml/>'),
      });
      const samlRole = new iam.Role(stack, 'Saml', { assumedBy: new iam.SamlConsolePrincipal(provider) });
      const webRole = new iam.Role(stack, 'Web', {
        assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com'),
      });
      // WHEN the rule runs THEN both pass
      expect(onNode(TrustActionMismatch, samlRole.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.COMPLIANT);
      expect(onNode(TrustActionMismatch, webRole.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('TrustActionMismatch on every spelling (issue 8)', () => {
  const samlIdp = { Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' };
  test.each([
    [
      'a SAML trust with sts:AssumeRole in a JSON string',
      trustTemplate(JSON.stringify(doc(allowAs(samlIdp)))),
      NON,
      undefined,
    ],
    [
      'an action from a parameter defaulting to sts:*',
      trustTemplate(doc(allowAs(samlIdp, undefined, { Ref: 'Action' })), {
        Parameters: { Action: { Type: 'String', Default: 'sts:*' } },
      }),
      NON,
      "when parameter Action keeps its default 'sts:*'",
    ],
    [
      'an action from a parameter that can only be the SAML action (last safe)',
      trustTemplate(doc(allowAs(samlIdp, undefined, { Ref: 'Action' })), {
        Parameters: {
          Action: { Type: 'String', Default: 'sts:AssumeRoleWithSAML', AllowedValues: ['sts:AssumeRoleWithSAML'] },
        },
      }),
      OK,
      undefined,
    ],
    [
      'an action from a parameter defaulting to the SAML action, which the deployer can set to another action',
      trustTemplate(doc(allowAs(samlIdp, undefined, { Ref: 'Action' })), {
        Parameters: { Action: { Type: 'String', Default: 'sts:AssumeRoleWithSAML' } },
      }),
      NON,
      'when parameter Action is set to another value',
    ],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(TrustActionMismatch, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
