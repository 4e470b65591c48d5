import { assertEmulatorCanCreate, assertEmulatorCanResolve } from '../../scripts/example/deploy';

describe('deploy to the emulator', () => {
  const stacks = (resources: Record<string, { Type: string }>) =>
    new Map([['Demo', { template: { Resources: resources } }]]);

  test('given resource types the emulator lacks, the deploy stops and lists each by stack, logical id and type', () => {
    expect(() =>
      assertEmulatorCanCreate(
        stacks({
          Role: { Type: 'AWS::IAM::Role' },
          Sets: { Type: 'AWS::SSO::PermissionSet' },
          Provider: { Type: 'Custom::AWSCDKOpenIdConnectProvider' },
        }),
      ),
    ).toThrow(
      new RegExp(
        [
          'The emulator cannot create these resources, so the deploy stops before anything is skipped silently:',
          '  Demo/Sets: AWS::SSO::PermissionSet \\(.*\\)',
          '  Demo/Provider: Custom::AWSCDKOpenIdConnectProvider \\(custom resources need a Lambda function.*\\)',
        ].join('\\n'),
      ),
    );
  }, 30_000);

  test('given only creatable types, nothing is refused', () => {
    expect(() =>
      assertEmulatorCanCreate(
        stacks({
          Role: { Type: 'AWS::IAM::Role' },
          Group: { Type: 'AWS::IAM::Group' },
          Oidc: { Type: 'AWS::IAM::OIDCProvider' },
          Pool: { Type: 'AWS::Cognito::IdentityPool' },
        }),
      ),
    ).not.toThrow();
  }, 30_000);
});

describe('intrinsics the emulator cannot resolve', () => {
  const role = (trustedArn: unknown) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: trustedArn } }],
      },
    },
  });

  test('given a cross-account Fn::GetStackOutput, the deploy stops naming the intrinsic, the stack and where it is', () => {
    // GIVEN
    const stacks = new Map<string, { template: any }>([
      ['SwitchRole-Dev', { template: { Resources: { Admin: role('arn:aws:iam::111111111111:root') } } }],
      [
        'SwitchRole-Identity',
        {
          template: {
            Resources: {
              Admins: role({ 'Fn::GetStackOutput': { StackName: 'SwitchRole-Dev', OutputName: 'AdminArn' } }),
            },
            Outputs: { Cidr: { Value: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } } },
          },
        },
      ],
    ]);
    // WHEN / THEN
    expect(() => assertEmulatorCanResolve(stacks)).toThrow(
      [
        'The emulator cannot resolve these intrinsic functions, so the deploy stops before a stack fails half-way:',
        "  SwitchRole-Identity: Fn::GetStackOutput at Resources.Admins.Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS.Fn::GetStackOutput (the emulator's CloudFormation does not implement this intrinsic function)",
        "  SwitchRole-Identity: Fn::Cidr at Outputs.Cidr.Value.Fn::Cidr (the emulator's CloudFormation does not implement this intrinsic function)",
      ].join('\n'),
    );
  });

  test('given a Ref, GetAtt or Sub name the emulator does not know, it is named', () => {
    // GIVEN
    const stacks = new Map<string, { template: any }>([
      [
        'Demo',
        {
          template: {
            Resources: {
              Admin: role({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Missing}' }),
              Other: role({ 'Fn::GetAtt': ['Gone', 'Arn'] }),
              Third: role({ Ref: 'AWS::NotificationARNs' }),
            },
          },
        },
      ],
    ]);
    // WHEN / THEN
    expect(() => assertEmulatorCanResolve(stacks)).toThrow(
      /Demo: Ref Missing at Resources\.Admin\..*Fn::Sub \(no resource or parameter of the template has this name\)/,
    );
    expect(() => assertEmulatorCanResolve(stacks)).toThrow(/Demo: Fn::GetAtt Gone\.Arn at Resources\.Other\./);
    expect(() => assertEmulatorCanResolve(stacks)).toThrow(
      /Demo: Ref AWS::NotificationARNs at .* \(the emulator does not know this pseudo parameter\)/,
    );
  });

  test('given only intrinsics the emulator resolves, nothing is refused', () => {
    // GIVEN
    const stacks = new Map<string, { template: any }>([
      [
        'Demo',
        {
          template: {
            Parameters: { Stage: { Type: 'String', Default: 'dev' } },
            Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } },
            Resources: {
              Admin: role({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] }),
              Other: role({
                'Fn::If': ['IsDev', { 'Fn::GetAtt': ['Admin', 'Arn'] }, { 'Fn::Sub': ['${A}', { A: 'x' }] }],
              }),
            },
            Outputs: { Arn: { Value: { 'Fn::Sub': '${Admin.Arn}' } } },
          },
        },
      ],
    ]);
    // WHEN / THEN
    expect(() => assertEmulatorCanResolve(stacks)).not.toThrow();
  });
});
