import { NagRuleCompliance } from 'cdk-nag';
import TrustConditionOperatorMisuse from '../../../lib/nag/rules/TrustConditionOperatorMisuse';
import { allow, allowAs, denyAll, doc, NON, OK, onTrust, ORG, VENDOR } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

const web = 'sts:AssumeRoleWithWebIdentity';
const GH = 'token.actions.githubusercontent.com';
const github = { Federated: `arn:aws:iam::444444444444:oidc-provider/${GH}` };
const vendor = { AWS: `arn:aws:iam::${VENDOR}:root` };

describe('TrustConditionOperatorMisuse', () => {
  describe('Noncompliance', () => {
    test.each([
      [
        'a wildcard inside StringEquals (never matches)',
        allow(github, web, { StringEquals: { [`${GH}:sub`]: 'repo:acme/*' } }),
      ],
      ['a "?" inside StringEquals', allow(github, web, { StringEquals: { [`${GH}:sub`]: 'repo:acme/app?' } })],
      [
        'a wildcard inside StringNotEquals (never excludes)',
        allow(vendor, 'sts:AssumeRole', {
          StringEquals: { 'sts:ExternalId': 'abc123' },
          StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
        }),
      ],
      [
        'a wildcard inside StringEqualsIgnoreCase',
        allow(github, web, { StringEqualsIgnoreCase: { [`${GH}:sub`]: 'repo:acme/*' } }),
      ],
      [
        'ForAllValues on the single-valued sub',
        allow(github, web, { 'ForAllValues:StringLike': { [`${GH}:sub`]: 'repo:acme/app:*' } }),
      ],
      [
        'ForAllValues on aws:PrincipalOrgID',
        allow('*', 'sts:AssumeRole', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } }),
      ],
      [
        'StringEqualsIfExists on sts:ExternalId',
        allow(vendor, 'sts:AssumeRole', { StringEqualsIfExists: { 'sts:ExternalId': 'abc123' } }),
      ],
      [
        'BoolIfExists on MFA',
        allow(vendor, 'sts:AssumeRole', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
      ],
      [
        'StringLikeIfExists on a web identity claim',
        allow(github, web, { StringLikeIfExists: { [`${GH}:sub`]: 'repo:acme/app:*' } }),
      ],
      [
        'ArnLikeIfExists on aws:SourceArn',
        allow({ Service: 'events.amazonaws.com' }, 'sts:AssumeRole', {
          ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:444444444444:rule/x' },
        }),
      ],
      [
        'StringEqualsIfExists on SAML:aud',
        allow({ Federated: 'arn:aws:iam::444444444444:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML', {
          StringEqualsIfExists: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
        }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN a condition that silently widens or breaks trust  WHEN the rule runs  THEN it is reported
      expect(onTrust(TrustConditionOperatorMisuse, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    const partner = { AWS: 'arn:aws:iam::222222222222:root' };
    test.each([
      // aws:Principal*: principal tags are absent on untagged principals, service names on non-service callers
      [
        'StringEqualsIfExists on aws:PrincipalTag/team',
        { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'platform' } },
      ],
      ['StringEqualsIfExists on aws:PrincipalType', { StringEqualsIfExists: { 'aws:PrincipalType': 'AssumedRole' } }],
      [
        'StringEqualsIfExists on aws:PrincipalServiceName',
        { StringEqualsIfExists: { 'aws:PrincipalServiceName': 'lambda.amazonaws.com' } },
      ],
      ['StringEqualsIfExists on aws:PrincipalOrgID', { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } }],
      // aws:Source*: the network keys are absent outside a VPC endpoint, the IP for calls made by AWS services
      ['StringEqualsIfExists on aws:SourceVpce', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }],
      ['StringEqualsIfExists on aws:SourceVpc', { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-0a1b2c3d' } }],
      ['IpAddressIfExists on aws:SourceIp', { IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } }],
      ['StringEqualsIfExists on aws:SourceIdentity', { StringEqualsIfExists: { 'aws:SourceIdentity': 'alice' } }],
      // keys are case-insensitive, tag keys after the slash too
      ['a mixed-case principal tag key', { StringEqualsIfExists: { 'AWS:principalTAG/Team': 'platform' } }],
      ['a mixed-case source endpoint key', { StringLikeIfExists: { 'Aws:SOURCEVPCE': 'vpce-*' } }],
    ])('%s', (_name, condition) => {
      // GIVEN an Allow whose only narrowing on the caller is an IfExists (true when the key is absent)
      // WHEN the rule runs  THEN it is reported
      const result = onTrust(TrustConditionOperatorMisuse, allow(partner, 'sts:AssumeRole', condition));
      expect(result).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['a wildcard under StringLike', allow(github, web, { StringLike: { [`${GH}:sub`]: 'repo:acme/app:*' } })],
      [
        'ForAnyValue:StringLike on the multi-valued Cognito amr',
        allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ],
      [
        'ForAnyValue:StringLike on aws:PrincipalOrgPaths',
        allow('*', 'sts:AssumeRole', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } }),
      ],
      [
        'ForAllValues on a multi-valued key',
        allow(vendor, 'sts:AssumeRole', {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
          StringEquals: { 'sts:ExternalId': 'abc123' },
        }),
      ],
      [
        'IfExists on a key that does not decide who assumes',
        allow(vendor, 'sts:AssumeRole', {
          StringEquals: { 'sts:ExternalId': 'abc123' },
          StringEqualsIfExists: { 'aws:RequestTag/team': 'payments' },
        }),
      ],
      [
        'BoolIfExists in a Deny statement (the right way to deny without MFA)',
        {
          Effect: 'Deny',
          Principal: vendor,
          Action: 'sts:AssumeRole',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
      [
        'IfExists on aws:SourceVpce and aws:SourceIp in a Deny (where it belongs)',
        [
          allow(vendor, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'abc123' } }),
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Condition: {
              StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d' },
              NotIpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' },
            },
          },
        ],
      ],
      [
        'StringNotEqualsIfExists on a mixed-case aws:PrincipalTag key in a Deny',
        [
          allow(vendor, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'abc123' } }),
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Condition: { StringNotEqualsIfExists: { 'AWS:PrincipalTag/Team': 'platform' } },
          },
        ],
      ],
      [
        'plain StringEquals on aws:PrincipalTag and aws:SourceVpce in an Allow',
        allow(vendor, 'sts:AssumeRole', {
          StringEquals: { 'aws:PrincipalTag/team': 'platform', 'aws:SourceVpce': 'vpce-0a1b2c3d' },
        }),
      ],
      [
        'BoolIfExists on aws:PrincipalIsAWSService (always present, picks no caller)',
        allow(vendor, 'sts:AssumeRole', {
          StringEquals: { 'sts:ExternalId': 'abc123' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        }),
      ],
      [
        'exact values under StringEquals',
        allow(vendor, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'abc123' } }),
      ],
      [
        'a parameter under StringEquals',
        allow(vendor, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }),
      ],
      [
        'wildcards under ArnEquals (which reads them)',
        allow('*', 'sts:AssumeRole', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/deploy-*' } }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN well-formed conditions  WHEN the rule runs  THEN it passes
      expect(onTrust(TrustConditionOperatorMisuse, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('TrustConditionOperatorMisuse on every spelling (issue 8)', () => {
  const vendor = { AWS: 'arn:aws:iam::999999999999:root' };
  test.each([
    [
      'IfExists behind an Fn::If branch',
      trustTemplate(
        doc(
          allowAs(vendor, {
            'Fn::If': [
              'Relaxed',
              { StringEqualsIfExists: { 'sts:ExternalId': 'x-1' } },
              { StringEquals: { 'sts:ExternalId': 'x-1' } },
            ],
          }),
        ),
        { Conditions: { Relaxed: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } },
      ),
      NON,
      'when condition Relaxed is true',
    ],
    [
      'a wildcard in StringEquals from a parameter default',
      trustTemplate(doc(allowAs(vendor, { StringEquals: { 'aws:PrincipalArn': { Ref: 'Arn' } } })), {
        Parameters: { Arn: { Type: 'String', Default: 'arn:aws:iam::999999999999:role/*' } },
      }),
      NON,
      "when parameter Arn keeps its default 'arn:aws:iam::999999999999:role/*'",
    ],
    [
      'a concrete value from a parameter default (last safe)',
      trustTemplate(doc(allowAs(vendor, { StringEquals: { 'aws:PrincipalArn': { Ref: 'Arn' } } })), {
        Parameters: { Arn: { Type: 'String', Default: 'arn:aws:iam::999999999999:role/ci' } },
      }),
      OK,
      undefined,
    ],
    [
      'IfExists in a Deny (where it belongs)',
      trustTemplate(doc(allowAs(vendor), denyAll({ StringNotEqualsIfExists: { 'sts:ExternalId': 'x-1' } }))),
      OK,
      undefined,
    ],
    [
      'ForAllValues on a single-valued key in a JSON string',
      trustTemplate(JSON.stringify(doc(allowAs(vendor, { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'x-1' } })))),
      NON,
      undefined,
    ],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(TrustConditionOperatorMisuse, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
