import { ConcreteTemplate as TemplateModel } from '../../../lib/private/iam/concrete';

const ENV = { account: '222222222222', partition: 'aws', region: 'eu-west-1', parameters: {} };

function model(resources: Record<string, unknown>, extra: Record<string, unknown> = {}, env = ENV): TemplateModel {
  return new TemplateModel({ Resources: resources, ...extra }, env);
}

const RESOURCES = {
  Named: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'Admin', Path: '/teams/' } },
  Unnamed: { Type: 'AWS::IAM::Role', Properties: {} },
  Alice: { Type: 'AWS::IAM::User', Properties: { UserName: { 'Fn::Join': ['-', ['alice', { Ref: 'AWS::Region' }]] } } },
  Ops: { Type: 'AWS::IAM::Group', Properties: { GroupName: 'ops' } },
  Gh: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
  Saml: { Type: 'AWS::IAM::SAMLProvider', Properties: { Name: 'Okta' } },
  SamlUnnamed: { Type: 'AWS::IAM::SAMLProvider', Properties: {} },
  Mp: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'mp', Path: '/x/' } },
  Bucket: { Type: 'AWS::S3::Bucket' },
};

describe('ConcreteTemplate.resolve', () => {
  const m = model(RESOURCES, {
    Parameters: { WithDefault: { Type: 'String', Default: 'dflt' }, NoDefault: { Type: 'String' } },
    Mappings: { Hosts: { aws: { signin: 'signin.aws.amazon.com' } } },
  });
  const resolve = (value: unknown) => m.resolve(value, 'P', 'a value');

  test.each([
    [
      'pseudo-parameters',
      {
        'Fn::Join': [
          ':',
          [{ Ref: 'AWS::Partition' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::URLSuffix' }],
        ],
      },
      'aws:222222222222:eu-west-1:amazonaws.com',
    ],
    [
      'GetAtt Arn of a named role, with its path',
      { 'Fn::GetAtt': ['Named', 'Arn'] },
      'arn:aws:iam::222222222222:role/teams/Admin',
    ],
    ['GetAtt in the dotted string form', { 'Fn::GetAtt': 'Named.Arn' }, 'arn:aws:iam::222222222222:role/teams/Admin'],
    ['Ref of a role is its name', { Ref: 'Named' }, 'Admin'],
    [
      'a user whose name is an intrinsic',
      { 'Fn::GetAtt': ['Alice', 'Arn'] },
      'arn:aws:iam::222222222222:user/alice-eu-west-1',
    ],
    ['a group', { 'Fn::GetAtt': ['Ops', 'Arn'] }, 'arn:aws:iam::222222222222:group/ops'],
    [
      'Ref of an OIDC provider',
      { Ref: 'Gh' },
      'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
    ],
    ['Ref of a SAML provider', { Ref: 'Saml' }, 'arn:aws:iam::222222222222:saml-provider/Okta'],
    ['Ref of a named managed policy', { Ref: 'Mp' }, 'arn:aws:iam::222222222222:policy/x/mp'],
    [
      'Fn::Sub with pseudo-parameters, attributes and an escaped literal',
      { 'Fn::Sub': 'arn:${AWS::Partition}:${Named.Arn}:${!Literal}' },
      'arn:aws:arn:aws:iam::222222222222:role/teams/Admin:${Literal}',
    ],
    [
      'Fn::Sub with variables',
      { 'Fn::Sub': ['${A}-${AWS::AccountId}', { A: { Ref: 'Named' } }] },
      'Admin-222222222222',
    ],
    ['Fn::Select of Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Hosts', { Ref: 'AWS::Partition' }, 'signin'] }, 'signin.aws.amazon.com'],
    ['a parameter default', { Ref: 'WithDefault' }, 'dflt'],
  ])('%s', (_name, value, expected) => {
    expect(resolve(value)).toBe(expected);
  });

  test('AWS::NoValue removes the property or list item', () => {
    expect(resolve({ A: { Ref: 'AWS::NoValue' }, B: ['x', { Ref: 'AWS::NoValue' }] })).toEqual({ B: ['x'] });
  });

  test('the parameters option overrides a default and fills a parameter without one', () => {
    const withValues = model(
      RESOURCES,
      { Parameters: { WithDefault: { Default: 'dflt' }, NoDefault: {} } },
      { ...ENV, parameters: { WithDefault: 'given', NoDefault: 'also' } },
    );
    expect(withValues.resolve([{ Ref: 'WithDefault' }, { Ref: 'NoDefault' }], 'P', 'a value')).toEqual([
      'given',
      'also',
    ]);
  });

  test('aws-cn has its own URL suffix', () => {
    expect(model({}, {}, { ...ENV, partition: 'aws-cn' }).resolve({ Ref: 'AWS::URLSuffix' }, 'P', 'x')).toBe(
      'amazonaws.com.cn',
    );
  });

  test.each([
    [
      'an unnamed role',
      { 'Fn::GetAtt': ['Unnamed', 'Arn'] },
      'AWS::IAM::Role Unnamed has no RoleName, so its ARN is generated at deployment',
    ],
    [
      'an unnamed SAML provider',
      { Ref: 'SamlUnnamed' },
      'SAML provider SamlUnnamed has no Name, so its ARN is generated at deployment',
    ],
    [
      'a parameter without default',
      { Ref: 'NoDefault' },
      "parameter NoDefault has no Default; pass its value in the 'parameters' option",
    ],
    ['an unknown logical id', { Ref: 'Nope' }, 'no parameter or resource Nope in the template'],
    [
      'a bucket',
      { Ref: 'Bucket' },
      "Ref of a AWS::S3::Bucket is not known before deployment; pass its value in the 'refs' option",
    ],
    [
      'a role id',
      { 'Fn::GetAtt': ['Named', 'RoleId'] },
      'attribute RoleId of a AWS::IAM::Role is not known before deployment',
    ],
    ['AWS::StackName', { Ref: 'AWS::StackName' }, 'the pseudo-parameter AWS::StackName is not known before deployment'],
    [
      'Fn::ImportValue',
      { 'Fn::ImportValue': 'x' },
      'a value exported by another stack cannot be read from this template',
    ],
    ['Fn::Base64', { 'Fn::Base64': 'x' }, 'Fn::Base64 is not supported by the testing helpers'],
    ['an index outside the list', { 'Fn::Select': [3, ['a']] }, 'index 3 is outside the list'],
  ])('%s cannot be resolved', (_name, value, reason) => {
    expect(() => resolve({ Statement: [{ Principal: value }] })).toThrow(
      `cannot resolve a value from the template:\n  - P.Statement[0].Principal: ${JSON.stringify(value)}: ${reason}\n`,
    );
  });

  test("a Ref given in the environment's refs resolves to its value, by logical id or alias", () => {
    // GIVEN the value the bucket's Ref will have, by logical id, and one by an alias (a construct path)
    const byId = new TemplateModel({ Resources: RESOURCES }, { ...ENV, refs: { Bucket: 'my-bucket' } });
    const byAlias = new TemplateModel(
      { Resources: RESOURCES },
      { ...ENV, refs: { 'Store/Bucket': 'other' } },
      {
        'Store/Bucket': 'Bucket',
      },
    );
    // WHEN / THEN
    expect(byId.resolve({ 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' }, 'P', 'a value')).toBe('arn:aws:s3:::my-bucket/*');
    expect(byAlias.resolve({ Ref: 'Bucket' }, 'P', 'a value')).toBe('other');
    // AND a name that is no resource of the template is refused
    expect(() => new TemplateModel({ Resources: RESOURCES }, { ...ENV, refs: { Buckit: 'x' } })).toThrow(
      "invalid refs: received 'Buckit'; expected resources of the template",
    );
  });

  test('Fn::If follows its condition, evaluated with the environment and the parameters', () => {
    // GIVEN conditions on a parameter and on the region
    const m2 = model(RESOURCES, {
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        ProdHere: {
          'Fn::And': [
            { Condition: 'IsProd' },
            { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
          ],
        },
      },
    });
    // WHEN values behind Fn::If are resolved THEN the branch the condition selects is taken
    expect(m2.resolve({ 'Fn::If': ['ProdHere', 'strict', 'open'] }, 'P', 'a value')).toBe('strict');
    expect(m2.resolve([{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] }], 'P', 'a value')).toEqual([]);
    // AND an unknown condition is reported with its path
    expect(() => m2.resolve({ 'Fn::If': ['Nope', 'a', 'b'] }, 'P', 'a value')).toThrow(
      'P.Fn::If[0]: no condition Nope in the template',
    );
  });

  test('every unresolvable part is listed once, at its innermost path', () => {
    const value = { A: { 'Fn::Join': ['', [{ Ref: 'Nope' }, { 'Fn::ImportValue': 'x' }]] } };
    expect(() => resolve(value)).toThrow(
      'cannot resolve a value from the template:\n' +
        '  - P.A.Fn::Join[1][0]: {"Ref":"Nope"}: no parameter or resource Nope in the template\n' +
        '  - P.A.Fn::Join[1][1]: {"Fn::ImportValue":"x"}: a value exported by another stack cannot be read from this template\n',
    );
  });
});

describe('ConcreteTemplate lookups', () => {
  const m = new TemplateModel({ Resources: RESOURCES }, ENV, { 'Team/Admin': 'Named' });

  test('IAM resources are found by logical id, physical name or alias, within the asked types', () => {
    expect(m.findIamResource('Named', 'AWS::IAM::Role')).toBe('Named');
    expect(m.findIamResource('Admin', 'AWS::IAM::Role')).toBe('Named');
    expect(m.findIamResource('Team/Admin', 'AWS::IAM::Role')).toBe('Named');
    expect(m.findIamResource('Admin', 'AWS::IAM::User')).toBeUndefined();
  });

  test('refersTo matches Ref, GetAtt, the literal name and the literal ARN', () => {
    expect(m.refersTo({ Ref: 'Named' }, 'Named')).toBe(true);
    expect(m.refersTo({ 'Fn::GetAtt': ['Named', 'Arn'] }, 'Named')).toBe(true);
    expect(m.refersTo('Admin', 'Named')).toBe(true);
    expect(m.refersTo('arn:aws:iam::222222222222:role/teams/Admin', 'Named')).toBe(true);
    expect(m.refersTo({ 'Fn::Join': ['', ['Adm', 'in']] }, 'Named')).toBe(true);
    expect(m.refersTo('Other', 'Named')).toBe(false);
  });

  test('a template without Resources is refused', () => {
    expect(() => new TemplateModel({}, ENV)).toThrow(
      'expected a synthesized CloudFormation template with a Resources section; received an object without one.',
    );
  });
});
