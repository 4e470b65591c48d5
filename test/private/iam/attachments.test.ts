import {
  cognitoRoleUse,
  groupsOf,
  IamTemplate,
  identityPools,
  managedPoliciesOf,
  ownStatements,
  physicalNameOf,
  policyResourcesOf,
} from '../../../lib/private/iam';

const doc = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

const TEMPLATE = IamTemplate.fromJson({
  Parameters: { Guests: { Type: 'String', Default: 'false', AllowedValues: ['true', 'false'] } },
  Resources: {
    U: {
      Type: 'AWS::IAM::User',
      Properties: {
        UserName: 'u',
        Groups: ['g', 'elsewhere'],
        Policies: [{ PolicyName: 'in', PolicyDocument: doc('s3:ListBucket') }],
      },
    },
    G: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'g' } },
    G2: { Type: 'AWS::IAM::Group' },
    Add: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'G2' }, Users: [{ Ref: 'U' }] } },
    R: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: { 'Fn::Sub': 'r-${AWS::Region}' },
        ManagedPolicyArns: [{ Ref: 'Mp' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
    },
    Mp: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc('sqs:SendMessage') } },
    P: {
      Type: 'AWS::IAM::Policy',
      Properties: { Roles: [{ Ref: 'R' }], Users: ['u'], PolicyDocument: doc('sts:AssumeRole') },
    },
    UP: { Type: 'AWS::IAM::UserPolicy', Properties: { UserName: { Ref: 'U' }, PolicyDocument: doc('s3:GetObject') } },
    GP: { Type: 'AWS::IAM::GroupPolicy', Properties: { GroupName: 'g', PolicyDocument: doc('kms:Decrypt') } },
    RP: {
      Type: 'AWS::IAM::RolePolicy',
      Properties: { RoleName: { Ref: 'R' }, PolicyDocument: doc('ssm:GetParameter') },
    },
    Pool: {
      Type: 'AWS::Cognito::IdentityPool',
      Properties: {
        AllowUnauthenticatedIdentities: { Ref: 'Guests' },
        AllowClassicFlow: { 'Fn::If': ['Classic', true, false] },
      },
    },
    Attach: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: { IdentityPoolId: { Ref: 'Pool' }, Roles: { unauthenticated: { 'Fn::GetAtt': ['R', 'Arn'] } } },
    },
  },
  Conditions: { Classic: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } },
});
const r = (id: string) => TEMPLATE.resource(id)!;

describe('attachments', () => {
  test('every policy resource type attaches by Roles/Users/Groups or RoleName/UserName/GroupName, by Ref or by name', () => {
    expect(policyResourcesOf(TEMPLATE, r('U')).map((p) => p.logicalId)).toEqual(['P', 'UP']);
    expect(policyResourcesOf(TEMPLATE, r('G')).map((p) => p.logicalId)).toEqual(['GP']);
    expect(policyResourcesOf(TEMPLATE, r('R')).map((p) => p.logicalId)).toEqual(['P', 'RP']);
  });

  test("a user's groups come from Groups and UserToGroupAddition; the others are named", () => {
    const { groups, unknown } = groupsOf(TEMPLATE, r('U'));
    expect(groups.map((g) => g.logicalId)).toEqual(['G', 'G2']);
    expect(unknown).toEqual([{ raw: 'elsewhere', path: 'U.Groups[1]' }]);
  });

  test("managed policy ARNs name the template's own managed policies", () => {
    expect(managedPoliciesOf(TEMPLATE, r('R')).map((m) => [m.text, m.local?.logicalId])).toEqual([
      ['{{Ref.Mp}}', 'Mp'],
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', undefined],
    ]);
  });

  test('own statements of an identity and of a policy resource', () => {
    expect(ownStatements(TEMPLATE, r('U')).map((s) => s.actions)).toEqual([['s3:ListBucket']]);
    expect(ownStatements(TEMPLATE, r('GP')).map((s) => s.actions)).toEqual([['kms:Decrypt']]);
  });

  test('a physical name is known only when it has no unknown part', () => {
    expect(physicalNameOf(TEMPLATE, r('U'))).toBe('u');
    expect(physicalNameOf(TEMPLATE, r('R'))).toBeUndefined();
  });

  test('identity pools: guest access and classic flow in any reachable variant', () => {
    expect(identityPools(TEMPLATE).map((p) => [p.pool.logicalId, p.guestAccess, p.classicFlow])).toEqual([
      ['Pool', true, true],
    ]);
  });

  test('a role named unauthenticated by a role attachment is a guest role', () => {
    expect(cognitoRoleUse(TEMPLATE, r('R'))).toEqual({ guest: true, authenticated: false, mapped: false });
  });

  test.each([
    ['Fn::Join', { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/', { Ref: 'Guest' }]] }],
    ['Fn::Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Guest}' }],
    ['Fn::Sub with a path', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app/${Guest}' }],
  ])('a guest role named by an ARN built from Ref of the role (its name) with %s is a guest role', (_name, arn) => {
    // GIVEN an unnamed role and a role attachment naming it by an ARN built from `Ref Guest` (the role's name)
    const template = IamTemplate.fromJson({
      Resources: {
        Guest: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
        Other: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
        Attach: {
          Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
          Properties: { IdentityPoolId: 'p', Roles: { unauthenticated: arn } },
        },
      },
    });
    // WHEN the roles' use is read
    // THEN Guest is the guest role, and no other role is
    expect(cognitoRoleUse(template, template.resource('Guest')!).guest).toBe(true);
    expect(cognitoRoleUse(template, template.resource('Other')!).guest).toBe(false);
  });
});
