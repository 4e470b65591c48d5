import { assertEmulatorCanCreate } from '../../scripts/example/deploy';

describe('deploy to the emulator', () => {
  const stacks = (resources: Record<string, { Type: string }>) => new Map([['Demo', { template: { Resources: resources } }]]);

  test('GIVEN resource types the emulator lacks THEN the deploy stops and lists each by stack, logical id and type', () => {
    expect(() => assertEmulatorCanCreate(stacks({
      Role: { Type: 'AWS::IAM::Role' },
      Sets: { Type: 'AWS::CloudFormation::StackSet' },
      Provider: { Type: 'Custom::AWSCDKOpenIdConnectProvider' },
    }))).toThrow(new RegExp([
      'The emulator cannot create these resources, so the deploy stops before anything is skipped silently:',
      '  Demo/Sets: AWS::CloudFormation::StackSet \\(.*\\)',
      '  Demo/Provider: Custom::AWSCDKOpenIdConnectProvider \\(custom resources need a Lambda function.*\\)',
    ].join('\\n')));
  }, 30_000);

  test('GIVEN only creatable types THEN nothing is refused', () => {
    expect(() => assertEmulatorCanCreate(stacks({
      Role: { Type: 'AWS::IAM::Role' },
      Group: { Type: 'AWS::IAM::Group' },
      Oidc: { Type: 'AWS::IAM::OIDCProvider' },
      Pool: { Type: 'AWS::Cognito::IdentityPool' },
    }))).not.toThrow();
  }, 30_000);
});
