import { NagRuleCompliance } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import AssumeRoleOnAnyRole from '../../../lib/nag/rules/AssumeRoleOnAnyRole';
import { allow, doc, newStack, NON, OK, onNode, ORG, role } from '../helpers';
import { onTemplate } from '../helpers';

const statement = (action: unknown, resource: unknown, condition?: object) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** A managed policy holding these statements. */
const policy = (...statements: object[]) =>
  new iam.CfnManagedPolicy(newStack(), 'Policy', { policyDocument: doc(...statements) });

describe('AssumeRoleOnAnyRole', () => {
  describe('Noncompliance', () => {
    test.each([
      ['sts:AssumeRole on *', statement('sts:AssumeRole', '*')],
      ['sts:* on *', statement('sts:*', '*')],
      ['sts:Assume* on *', statement('sts:Assume*', '*')],
      ['* on * (administrator)', statement('*', '*')],
      ['a lower-case action', statement('STS:assumerole', '*')],
      ['a role name in any account', statement('sts:AssumeRole', 'arn:aws:iam::*:role/OrganizationAccountAccessRole')],
      ['a partial account pattern', statement('sts:AssumeRole', 'arn:aws:iam::1111*:role/deploy')],
      // in an identity policy, ${aws:ResourceAccount} is the account of each role asked for: every account
      ['roles of ${aws:ResourceAccount}', statement('sts:AssumeRole', 'arn:aws:iam::${aws:ResourceAccount}:role/*')],
      ['any IAM resource in any account', statement('sts:AssumeRole', 'arn:aws:iam::*:*')],
      ['arn:*', statement('sts:AssumeRole', 'arn:*')],
      [
        'a Fn::Sub with a wildcard account',
        statement('sts:AssumeRole', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/cdk-*' }),
      ],
      ['NotResource', { Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::111111111111:role/x' }],
      ['NotAction that leaves sts:AssumeRole', { Effect: 'Allow', NotAction: 's3:*', Resource: '*' }],
      [
        'a wildcard resource account condition',
        statement('sts:AssumeRole', '*', { StringLike: { 'aws:ResourceAccount': '*' } }),
      ],
      [
        'aws:ResourceOrgID compared with a policy variable of the resource (a tautology)',
        statement('sts:AssumeRole', 'arn:aws:iam::*:role/deploy', {
          StringEquals: { 'aws:ResourceOrgID': '${aws:ResourceOrgID}' },
        }),
      ],
      [
        'aws:ResourceAccount compared with another policy variable',
        statement('sts:AssumeRole', 'arn:aws:iam::*:role/deploy', {
          StringEquals: { 'aws:ResourceAccount': '${aws:username}' },
        }),
      ],
    ])('%s', (_name, st) => {
      // GIVEN an identity policy allowing assume on any role  WHEN the rule runs  THEN it is reported
      expect(onNode(AssumeRoleOnAnyRole, policy(st))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });

    test.each([
      [
        'a role inline policy',
        (s: ReturnType<typeof newStack>) =>
          role(s, doc(allow({ Service: 'lambda.amazonaws.com' })), {
            policies: [{ policyName: 'p', policyDocument: doc(statement('sts:AssumeRole', '*')) }],
          }),
      ],
      [
        'a user inline policy',
        (s: ReturnType<typeof newStack>) =>
          new iam.CfnUser(s, 'U', {
            policies: [{ policyName: 'p', policyDocument: doc(statement('sts:AssumeRole', '*')) }],
          }),
      ],
      [
        'a group inline policy',
        (s: ReturnType<typeof newStack>) =>
          new iam.CfnGroup(s, 'G', {
            policies: [{ policyName: 'p', policyDocument: doc(statement('sts:AssumeRole', '*')) }],
          }),
      ],
      [
        'an AWS::IAM::Policy',
        (s: ReturnType<typeof newStack>) =>
          new iam.CfnPolicy(s, 'P', {
            policyName: 'p',
            policyDocument: doc(statement('sts:AssumeRole', '*')),
            users: ['alice'],
          }),
      ],
      [
        'an L2 iam.Policy',
        (s: ReturnType<typeof newStack>) =>
          new iam.Policy(s, 'P', {
            statements: [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] })],
            users: [new iam.User(s, 'U')],
          }).node.defaultChild as iam.CfnPolicy,
      ],
    ])('in %s', (_name, make) => {
      // GIVEN sts:AssumeRole on * held by each kind of identity policy  WHEN the rule runs  THEN it is reported
      expect(onNode(AssumeRoleOnAnyRole, make(newStack()))).toBe(NagRuleCompliance.NON_COMPLIANT);
    });
  });

  describe('Compliance', () => {
    test.each([
      [
        'named roles',
        statement('sts:AssumeRole', [
          'arn:aws:iam::222222222222:role/dev-admin',
          'arn:aws:iam::333333333333:role/stg-admin',
        ]),
      ],
      ['every role of one account', statement('sts:AssumeRole', 'arn:aws:iam::222222222222:role/*')],
      [
        "every role of the caller's own account, as ${aws:PrincipalAccount}",
        statement('sts:AssumeRole', 'arn:aws:iam::${aws:PrincipalAccount}:role/*'),
      ],
      [
        'every role of the own account',
        statement('sts:AssumeRole', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' }),
      ],
      ['a role of the same template', statement('sts:AssumeRole', { 'Fn::GetAtt': ['Role', 'Arn'] })],
      ['a role ARN from a parameter', statement('sts:AssumeRole', { Ref: 'RoleArn' })],
      [
        '* narrowed by aws:ResourceAccount',
        statement('sts:AssumeRole', '*', { StringEquals: { 'aws:ResourceAccount': '222222222222' } }),
      ],
      [
        '* narrowed by aws:ResourceOrgID',
        statement('sts:AssumeRole', '*', { StringEquals: { 'aws:ResourceOrgID': ORG } }),
      ],
      // the same-organization spelling of AWS's docs (aws:ResourceOrgID, "DenyS3AccessOutsideMyBoundary"):
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid
      [
        "role patterns narrowed by aws:ResourceOrgID = ${aws:PrincipalOrgID} (the caller's own organization)",
        statement('sts:AssumeRole', 'arn:aws:iam::*:role/github-actions/*', {
          StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' },
        }),
      ],
      [
        "role patterns narrowed by aws:ResourceAccount = ${aws:PrincipalAccount} (the caller's own account)",
        statement('sts:AssumeRole', 'arn:aws:iam::*:role/deploy', {
          StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' },
        }),
      ],
      [
        'the policy variable written through an escaped Fn::Sub',
        statement(
          'sts:AssumeRole',
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/deploy' },
          { StringEquals: { 'aws:ResourceOrgID': { 'Fn::Sub': '${!aws:PrincipalOrgID}' } } },
        ),
      ],
      [
        'a Deny StringNotEquals aws:ResourceOrgID ${aws:PrincipalOrgID} next to the Allow',
        [
          statement('sts:AssumeRole', '*'),
          {
            Effect: 'Deny',
            Action: 'sts:AssumeRole',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
          },
        ],
      ],
      ['other actions on *', statement(['s3:GetObject', 'sts:GetCallerIdentity'], '*')],
      ['* on a bucket (cannot name a role)', statement('*', 'arn:aws:s3:::bucket/*')],
      ['* on a user in any account (not a role)', statement('*', 'arn:aws:iam::*:user/x')],
      ['NotAction excluding sts:*', { Effect: 'Allow', NotAction: ['sts:*', 'iam:*'], Resource: '*' }],
      ['a Deny on *', { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }],
    ])('%s', (_name, st) => {
      // GIVEN assume permissions on named roles or narrowed ones  WHEN the rule runs  THEN it passes
      expect(onNode(AssumeRoleOnAnyRole, policy(...(Array.isArray(st) ? st : [st])))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('role.grantAssumeRole produces a compliant policy', () => {
      // GIVEN a user granted to assume one role
      const stack = newStack();
      const user = new iam.User(stack, 'U');
      const target = new iam.Role(stack, 'Target', { assumedBy: new iam.AccountRootPrincipal() });
      target.grantAssumeRole(user);
      const cfnPolicy = stack.node.findAll().find((c) => c instanceof iam.CfnPolicy) as iam.CfnPolicy;
      // WHEN the rule runs THEN it passes
      expect(onNode(AssumeRoleOnAnyRole, cfnPolicy)).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('a role trust policy is not an identity policy', () => {
      // GIVEN a role with a trust policy only  WHEN the rule runs  THEN it passes
      expect(onNode(AssumeRoleOnAnyRole, role(newStack(), doc(allow('*'))))).toBe(NagRuleCompliance.COMPLIANT);
    });

    test('other resources are not applicable', () => {
      // GIVEN a SAML provider  WHEN the rule runs  THEN it does not apply
      expect(onNode(AssumeRoleOnAnyRole, new iam.CfnSAMLProvider(newStack(), 'S', { samlMetadataDocument: 'x' }))).toBe(
        NagRuleCompliance.NOT_APPLICABLE,
      );
    });
  });
});

describe('AssumeRoleOnAnyRole on every spelling (issue 8)', () => {
  const policy = (type: string, document: unknown, extra: object = {}) => ({
    Resources: { P: { Type: type, Properties: { PolicyName: 'p', PolicyDocument: document, ...extra } } },
  });
  const assume = (resource: unknown) => doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource });
  test.each([
    [
      'a resource parameter defaulting to "*"',
      {
        ...policy('AWS::IAM::Policy', assume({ Ref: 'Target' })),
        Parameters: { Target: { Type: 'String', Default: '*' } },
      },
      NON,
    ],
    [
      'a resource parameter of one role ARN (last safe)',
      {
        ...policy('AWS::IAM::Policy', assume({ Ref: 'Target' })),
        Parameters: { Target: { Type: 'String', Default: 'arn:aws:iam::222222222222:role/Admin' } },
      },
      OK,
    ],
    [
      'a JSON-string document built by Fn::Sub',
      policy('AWS::IAM::ManagedPolicy', {
        'Fn::Sub':
          '{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:${AWS::Partition}:iam::*:role/x"}]}',
      }),
      NON,
    ],
    ['an AWS::IAM::UserPolicy', policy('AWS::IAM::UserPolicy', assume('*'), { UserName: 'u' }), NON],
    [
      'an AWS::IAM::GroupPolicy of one role',
      policy('AWS::IAM::GroupPolicy', assume('arn:aws:iam::222222222222:role/Admin'), { GroupName: 'g' }),
      OK,
    ],
    [
      'roles of any account cut by a Deny StringNotEquals aws:ResourceOrgID (Allow minus Deny)',
      policy(
        'AWS::IAM::Policy',
        doc(
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/deploy' },
          {
            Effect: 'Deny',
            Action: 'sts:AssumeRole',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
          },
        ),
      ),
      OK,
    ],
    [
      'roles of any account with a Deny that excludes one organization (no guard)',
      policy(
        'AWS::IAM::Policy',
        doc(
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/deploy' },
          {
            Effect: 'Deny',
            Action: 'sts:AssumeRole',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
          },
        ),
      ),
      NON,
    ],
    [
      '"*" on "*" in a managed policy named as a permissions boundary and attached to nobody',
      policy('AWS::IAM::ManagedPolicy', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), {
        ManagedPolicyName: 'cdk-hnb659fds-permissions-boundary',
      }),
      'N/A',
    ],
    [
      '"*" in a policy whose Condition never holds',
      {
        ...policy('AWS::IAM::UserPolicy', assume('*'), { UserName: 'u' }),
        Parameters: { On: { Type: 'String', Default: 'no', AllowedValues: ['no'] } },
        Conditions: { IsOn: { 'Fn::Equals': [{ Ref: 'On' }, 'yes'] } },
        Resources: {
          P: {
            Type: 'AWS::IAM::UserPolicy',
            Condition: 'IsOn',
            Properties: { UserName: 'u', PolicyName: 'p', PolicyDocument: assume('*') },
          },
        },
      },
      'N/A',
    ],
    [
      '"*" on "*" in a managed policy attached to a group',
      policy('AWS::IAM::ManagedPolicy', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), {
        ManagedPolicyName: 'permissions-boundary-lookalike',
        Groups: ['admins'],
      }),
      NON,
    ],
  ])('%s', (_name, template, compliance) => {
    expect(onTemplate(AssumeRoleOnAnyRole, template, 'P').compliance).toBe(compliance);
  });
});
