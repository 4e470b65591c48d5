import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import WildcardPrincipalTrust from '../../../lib/nag/rules/WildcardPrincipalTrust';
import { allow, allowAs, denyAll, doc, HUB, newStack, NON, OK, onNode, onTrust, ORG } from '../helpers';
import { onTemplate, trustTemplate } from '../helpers';

describe('WildcardPrincipalTrust', () => {
  describe('Noncompliance', () => {
    test.each([
      ['Principal "*" without condition', allow('*')],
      // StringLike's * crosses colons, and role paths may hold them: a wildcard before the account field spans accounts
      [
        'StringLike aws:PrincipalArn with a wildcard partition',
        allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalArn': `arn:*:iam::${HUB}:role/deploy` } }),
      ],
      [
        'StringLike aws:PrincipalArn with a wildcard region field',
        allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalArn': `arn:aws:iam:*:${HUB}:role/deploy` } }),
      ],
      // a policy variable of the caller in the account field matches every caller's own account
      [
        'a principal ARN whose account is ${aws:PrincipalAccount}, even with MFA',
        allow('*', 'sts:AssumeRole', {
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        }),
      ],
      ['{"AWS": "*"} without condition', allow({ AWS: '*' })],
      ['"*" among other AWS principals', allow({ AWS: [`arn:aws:iam::${HUB}:root`, '*'] })],
      ['a wildcard organization id', allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } })],
      ['a wildcard account', allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalAccount': '*' } })],
      ['a partial account pattern', allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalAccount': '1111*' } })],
      [
        'a principal ARN in any account',
        allow('*', 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } }),
      ],
      [
        'an org path with a wildcard org',
        allow('*', 'sts:AssumeRole', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/r-ab12/*' } }),
      ],
      [
        'IfExists on the organization',
        allow('*', 'sts:AssumeRole', { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } }),
      ],
      ['a negated organization test', allow('*', 'sts:AssumeRole', { StringNotEquals: { 'aws:PrincipalOrgID': ORG } })],
      [
        'ForAllValues on the organization',
        allow('*', 'sts:AssumeRole', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } }),
      ],
      [
        'a condition on an unrelated key only',
        allow('*', 'sts:AssumeRole', { Bool: { 'aws:SecureTransport': 'true' } }),
      ],
      [
        'one narrowed value and one wildcard value',
        allow('*', 'sts:AssumeRole', { StringLike: { 'aws:PrincipalAccount': [HUB, '*'] } }),
      ],
      [
        "aws:PrincipalOrgID compared with the caller's own organization (a tautology)",
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': '${aws:PrincipalOrgID}' } }),
      ],
      [
        "aws:PrincipalAccount compared with the caller's own account (a tautology)",
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } }),
      ],
    ])('%s', (_name, statement) => {
      // GIVEN a trust of everyone without a narrowing condition  WHEN the rule runs  THEN it is reported
      expect(onTrust(WildcardPrincipalTrust, statement)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test('one narrowed statement does not excuse another wildcard statement', () => {
      // GIVEN two statements, only the first narrowed
      const statements = [
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
        allow({ AWS: '*' }),
      ];
      // WHEN the rule runs THEN it is reported
      expect(onTrust(WildcardPrincipalTrust, statements)).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      ['an org-scoped "*"', allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': ORG } })],
      [
        'ArnLike aws:PrincipalArn with a wildcard partition (ARN operators match field by field)',
        allow('*', 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': `arn:*:iam::${HUB}:role/deploy` } }),
      ],
      [
        "a principal ARN in the role's own account, as ${aws:ResourceAccount}",
        allow('*', 'sts:AssumeRole', {
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:ResourceAccount}:role/Deployer' },
        }),
      ],
      [
        'concrete accounts',
        allow({ AWS: '*' }, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalAccount': [HUB, '222222222222'] } }),
      ],
      [
        'organization paths',
        allow('*', 'sts:AssumeRole', {
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` },
        }),
      ],
      [
        'principal ARNs in a concrete account',
        allow('*', 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${HUB}:role/deploy-*` } }),
      ],
      [
        'an organization id from a parameter',
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } }),
      ],
      // the mirror of AWS's same-organization spelling: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
      [
        "aws:PrincipalOrgID = ${aws:ResourceOrgID} (the role's own organization)",
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } }),
      ],
      [
        "aws:PrincipalAccount = ${aws:ResourceAccount} (the role's own account)",
        allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }),
      ],
      ['a named account principal (not a wildcard)', allow({ AWS: `arn:aws:iam::${HUB}:root` })],
      ['a Deny statement with "*"', { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }],
    ])('%s', (_name, statement) => {
      // GIVEN a trust that names or narrows its principals  WHEN the rule runs  THEN it passes
      expect(onTrust(WildcardPrincipalTrust, statement)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('resources other than roles are not applicable', () => {
      // GIVEN a user  WHEN the rule runs  THEN it does not apply
      const user = new iam.CfnUser(newStack(), 'User');
      expect(onNode(WildcardPrincipalTrust, user)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    });

    test('the L2 AnyPrincipal narrowed with conditions passes', () => {
      // GIVEN an iam.Role assumed by AnyPrincipal with an organization condition
      const stack = newStack();
      const r = new iam.Role(stack, 'R', {
        assumedBy: new iam.PrincipalWithConditions(new iam.AnyPrincipal(), {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
        }),
      });
      // WHEN the rule runs on its CfnRole THEN it passes
      expect(onNode(WildcardPrincipalTrust, r.node.defaultChild as iam.CfnRole)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });
});

describe('WildcardPrincipalTrust on every spelling (issue 8)', () => {
  const star = (condition?: object) => allowAs({ AWS: '*' }, condition);
  const param = (def: string, allowed?: string[]) => ({
    Parameters: { Acct: { Type: 'String', Default: def, ...(allowed ? { AllowedValues: allowed } : {}) } },
  });
  test.each([
    [
      'a parameter whose default is "*" in aws:PrincipalAccount',
      trustTemplate(doc(star({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'Acct' } } })), param('*')),
      NON,
      "when parameter Acct keeps its default '*'",
    ],
    [
      'a parameter of concrete accounts (last safe)',
      trustTemplate(
        doc(star({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'Acct' } } })),
        param('111111111111', ['111111111111', '222222222222']),
      ),
      OK,
      undefined,
    ],
    [
      'an allowed value "*" (first dangerous)',
      trustTemplate(
        doc(star({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'Acct' } } })),
        param('111111111111', ['111111111111', '*']),
      ),
      NON,
      "when parameter Acct is set to '*'",
    ],
    [
      'an Fn::If branch that trusts "*"',
      trustTemplate(doc(allowAs({ 'Fn::If': ['Open', { AWS: '*' }, { AWS: '111111111111' }] })), {
        Conditions: { Open: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } },
      }),
      NON,
      'when condition Open is true',
    ],
    [
      'a mapping entry "*"',
      trustTemplate(
        doc(
          star({ StringEquals: { 'aws:PrincipalAccount': { 'Fn::FindInMap': ['A', { Ref: 'AWS::Region' }, 'Id'] } } }),
        ),
        { Mappings: { A: { r1: { Id: '111111111111' }, r2: { Id: '*' } } } },
      ),
      NON,
      "when mapping A is read at key 'r2'",
    ],
    [
      'mapping entries of concrete accounts',
      trustTemplate(
        doc(
          star({ StringEquals: { 'aws:PrincipalAccount': { 'Fn::FindInMap': ['A', { Ref: 'AWS::Region' }, 'Id'] } } }),
        ),
        { Mappings: { A: { r1: { Id: '111111111111' }, r2: { Id: '222222222222' } } } },
      ),
      OK,
      undefined,
    ],
    [
      'a Deny StringNotEquals aws:PrincipalOrgID (a guard)',
      trustTemplate(doc(star(), denyAll({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))),
      OK,
      undefined,
    ],
    [
      'a Deny StringEquals aws:PrincipalOrgID (excludes one organization: no guard)',
      trustTemplate(doc(star(), denyAll({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))),
      NON,
      undefined,
    ],
    [
      'a JSON string built by Fn::Sub',
      trustTemplate({
        'Fn::Sub': '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}',
      }),
      NON,
      undefined,
    ],
    [
      'a JSON string narrowed to the organization',
      trustTemplate(JSON.stringify(doc(star({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })))),
      OK,
      undefined,
    ],
  ])('%s', (_name, template, compliance, variant) => {
    // GIVEN a trust policy in this spelling  WHEN the rule runs on the template  THEN it judges what it admits
    expect(onTemplate(WildcardPrincipalTrust, template)).toEqual({ compliance, ...(variant ? { variant } : {}) });
  });
});
