import { parseCloudFormationYaml } from '../../lib/cli/cfn-yaml';

describe('parseCloudFormationYaml', () => {
  test('maps every short-form scalar tag to its long form', () => {
    // GIVEN
    const text = [
      'A: !Ref Param',
      'B: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"',
      'C: !GetAtt Role.Arn',
      'D: !ImportValue Shared',
      'E: !Condition IsProd',
      'F: !GetAZs ""',
      'G: !Base64 text',
    ].join('\n');
    // WHEN
    const parsed = parseCloudFormationYaml(text);
    // THEN
    expect(parsed).toEqual({
      A: { Ref: 'Param' },
      B: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' },
      C: { 'Fn::GetAtt': ['Role', 'Arn'] },
      D: { 'Fn::ImportValue': 'Shared' },
      E: { Condition: 'IsProd' },
      F: { 'Fn::GetAZs': '' },
      G: { 'Fn::Base64': 'text' },
    });
  });

  test('maps sequence and mapping short forms, nested inside each other', () => {
    // GIVEN
    const text = [
      'A: !If [IsProd, !Join ["", ["repo:", !Ref Owner, /app]], !Ref AWS::NoValue]',
      'B: !FindInMap [Accounts, !Ref AWS::Region, Id]',
      'C: !Select [0, !Split [",", !Ref List]]',
      'D: !Sub',
      '  - "repo:${Owner}/${Repo}:*"',
      '  - Repo: !Ref RepositoryName',
      'E: !Equals [!Ref Env, prod]',
      'F: !Not [!Condition IsProd]',
    ].join('\n');
    // WHEN
    const parsed = parseCloudFormationYaml(text);
    // THEN
    expect(parsed).toEqual({
      A: { 'Fn::If': ['IsProd', { 'Fn::Join': ['', ['repo:', { Ref: 'Owner' }, '/app']] }, { Ref: 'AWS::NoValue' }] },
      B: { 'Fn::FindInMap': ['Accounts', { Ref: 'AWS::Region' }, 'Id'] },
      C: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] },
      D: { 'Fn::Sub': ['repo:${Owner}/${Repo}:*', { Repo: { Ref: 'RepositoryName' } }] },
      E: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      F: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    });
  });

  test('splits !GetAtt at the first dot only', () => {
    // WHEN
    const parsed = parseCloudFormationYaml('A: !GetAtt Stack.Outputs.RoleArn');
    // THEN
    expect(parsed).toEqual({ A: { 'Fn::GetAtt': ['Stack', 'Outputs.RoleArn'] } });
  });

  test('keeps account ids with a leading zero as strings', () => {
    // WHEN
    const parsed = parseCloudFormationYaml('Account: 012345678901\nOther: 123456789012\nSeconds: 3600');
    // THEN
    expect(parsed).toEqual({ Account: '012345678901', Other: 123456789012, Seconds: 3600 });
  });

  test('reads yes, on and y as strings (YAML 1.2), as CloudFormation does', () => {
    // WHEN
    const parsed = parseCloudFormationYaml('Vendor: yes\nY: on');
    // THEN
    expect(parsed).toEqual({ Vendor: 'yes', Y: 'on' });
  });

  test('throws the parser message with line and column on invalid YAML', () => {
    // WHEN / THEN
    expect(() => parseCloudFormationYaml('A: [\n')).toThrow(/at line 2, column 1$/);
  });
});
