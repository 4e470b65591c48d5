import { IamTemplate } from '../../../lib/private/iam';

describe('IamTemplate', () => {
  const template = IamTemplate.fromJson(
    {
      Parameters: { P: { Type: 'String', Default: 'a', AllowedValues: ['a', 'b'], AllowedPattern: '[ab]' } },
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Metadata: { 'aws:cdk:path': 'Stack/Role/Resource' },
          Properties: { RoleName: 'r' },
        },
        Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'Stack/Bucket/Resource' } },
        Broken: 'not a resource',
      },
    },
    { name: 'stack.json', environment: { partition: 'aws' } },
  );

  test('reads resources by id, type and construct path, skipping what is not a resource', () => {
    expect(template.resource('Role')).toEqual({
      logicalId: 'Role',
      type: 'AWS::IAM::Role',
      properties: { RoleName: 'r' },
      cdkPath: 'Stack/Role/Resource',
      condition: undefined,
    });
    expect(template.ofType('AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Bucket']);
    expect(template.logicalIdOfPath('Stack/Bucket/Resource')).toBe('Bucket');
    expect(template.resource('Broken')).toBeUndefined();
    expect(template.pathsComplete).toBe(true);
  });

  test('reads parameters with their Default, AllowedValues and AllowedPattern', () => {
    expect(template.parameters.get('P')).toEqual({
      name: 'P',
      type: 'String',
      default: 'a',
      allowedValues: ['a', 'b'],
      allowedPattern: '[ab]',
    });
  });

  test('a value that is not a template is an empty template', () => {
    expect(IamTemplate.fromJson('nope').resources.size).toBe(0);
    expect(IamTemplate.fromJson(null).name).toBe('template');
  });
});
