import { NagRuleCompliance } from 'cdk-nag';
import TrustNotPrincipalOrNotAction from '../../../lib/nag/rules/TrustNotPrincipalOrNotAction';
import { allow, allowAs, doc, NON, onTrust } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

const account = { AWS: 'arn:aws:iam::111111111111:root' };

describe('TrustNotPrincipalOrNotAction', () => {
  describe('Noncompliance', () => {
    test.each([
      ['NotPrincipal in an Allow', { Effect: 'Allow', NotPrincipal: account, Action: 'sts:AssumeRole' }],
      ['NotAction in an Allow', { Effect: 'Allow', Principal: account, NotAction: 'sts:TagSession' }],
      // IAM does not accept NotPrincipal in a role trust policy, not even in a Deny (written as a guard, it guards nothing)
      ['NotPrincipal in a Deny', [allow(account), { Effect: 'Deny', NotPrincipal: account, Action: 'sts:AssumeRole' }]],
      [
        'NotPrincipal in a Deny written as an ExternalId guard',
        [
          { Effect: 'Allow', Principal: account, Action: 'sts:AssumeRole' },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: 'arn:aws:iam::444444444444:root' },
            Action: 'sts:AssumeRole',
            Condition: { StringNotEquals: { 'sts:ExternalId': '3f1c2a9e-7b4d-4c1e-9a55-0c6e2d7b8f10' } },
          },
        ],
      ],
      ['both', { Effect: 'Allow', NotPrincipal: account, NotAction: 'sts:AssumeRoleWithSAML' }],
    ])('%s', (_name, statement) => {
      // GIVEN an inverted element in an Allow trust statement  WHEN the rule runs  THEN it is reported
      expect(onTrust(TrustNotPrincipalOrNotAction, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['Principal and Action', allow(account)],
      ['NotAction in a Deny', { Effect: 'Deny', Principal: '*', NotAction: 'sts:AssumeRole' }],
    ])('%s', (_name, statement) => {
      // GIVEN explicit elements (or NotAction in a Deny)  WHEN the rule runs  THEN it passes
      expect(onTrust(TrustNotPrincipalOrNotAction, [allow(account), statement])).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('TrustNotPrincipalOrNotAction on every spelling (issue 8)', () => {
  test.each([
    [
      'NotPrincipal behind an Fn::If branch',
      trustTemplate(
        doc({
          'Fn::If': [
            'Legacy',
            { Effect: 'Allow', NotPrincipal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' },
            allowAs({ AWS: '111111111111' }),
          ],
        }),
        { Conditions: { Legacy: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } },
      ),
      NON,
      'when condition Legacy is true',
    ],
    [
      'NotAction in a JSON string',
      trustTemplate(
        JSON.stringify(doc({ Effect: 'Allow', Principal: { AWS: '111111111111' }, NotAction: 'sts:TagSession' })),
      ),
      NON,
      undefined,
    ],
    [
      'NotPrincipal in a Deny (IAM refuses NotPrincipal in a role trust policy)',
      trustTemplate(
        doc(allowAs({ AWS: '111111111111' }), {
          Effect: 'Deny',
          NotPrincipal: { AWS: '111111111111' },
          Action: 'sts:AssumeRole',
        }),
      ),
      NON,
      undefined,
    ],
  ])('%s', (_name, template, compliance, variant) => {
    expect(onTemplate(TrustNotPrincipalOrNotAction, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
