import * as fs from 'fs';
import * as path from 'path';
import { InputError, readTemplateFile, readTemplateInputs } from '../../lib/cli/inputs';
import { roleTemplate, synthCloudAssembly, tempDir, trust, write } from './fixtures';

describe('readTemplateInputs', () => {
  test('reads a JSON template file under the name it was given', () => {
    // GIVEN
    const file = write(tempDir(), 'stack.json', JSON.stringify(roleTemplate(trust('*'))));
    // WHEN
    const [input] = readTemplateInputs([file]);
    // THEN
    expect(input.name).toBe(file);
    expect(input.template).toEqual(roleTemplate(trust('*')));
  });

  test('reads a YAML template with short-form tags into long forms', () => {
    // GIVEN
    const file = write(
      tempDir(),
      'stack.yaml',
      [
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        '        Statement:',
        '          - Effect: Allow',
        '            Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${Vendor}:root" }',
        '            Action: sts:AssumeRole',
        '            Condition: !If [HasId, { StringEquals: { sts:ExternalId: !Ref ExternalId } }, !Ref AWS::NoValue]',
      ].join('\n'),
    );
    // WHEN
    const [input] = readTemplateInputs([file]);
    // THEN
    const statement = (input.template as any).Resources.Role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(statement.Principal).toEqual({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Vendor}:root' } });
    expect(statement.Condition).toEqual({
      'Fn::If': ['HasId', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }, { Ref: 'AWS::NoValue' }],
    });
  });

  test('reads a .template file as JSON when it starts with a brace and as YAML otherwise', () => {
    // GIVEN
    const dir = tempDir();
    const json = write(dir, 'a.template', JSON.stringify(roleTemplate(trust('*'))));
    const yaml = write(dir, 'b.template', 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n');
    // WHEN
    const inputs = readTemplateInputs([json, yaml]);
    // THEN
    expect(inputs.map((i) => Object.keys((i.template as any).Resources))).toEqual([['Role'], ['Role']]);
  });

  test('reads every stack of a cdk.out folder: top-level stacks, stage assemblies and nested stacks', () => {
    // GIVEN
    const outdir = synthCloudAssembly();
    // WHEN
    const inputs = readTemplateInputs([outdir]);
    // THEN
    const names = inputs.map((i) => path.relative(outdir, i.name));
    expect(names).toHaveLength(3);
    expect(names).toEqual(
      expect.arrayContaining([
        'Top.template.json',
        expect.stringMatching(/^assembly-Prod\/ProdInner[0-9A-F]{8}\.template\.json$/),
        expect.stringMatching(/^assembly-Prod\/ProdInnerNested[0-9A-F]{8}\.nested\.template\.json$/),
      ]),
    );
  });

  test('reads every template file of a folder without manifest.json', () => {
    // GIVEN
    const dir = tempDir();
    write(dir, 'b.yaml', 'Resources: {}\n');
    write(dir, 'a.json', '{"Resources": {}}');
    write(dir, 'README.md', '# not a template');
    // WHEN
    const inputs = readTemplateInputs([dir]);
    // THEN
    expect(inputs.map((i) => path.basename(i.name))).toEqual(['a.json', 'b.yaml']);
  });

  test('names the file that does not exist', () => {
    // GIVEN
    const missing = path.join(tempDir(), 'missing.json');
    // WHEN / THEN
    expect(() => readTemplateInputs([missing])).toThrow(InputError);
    expect(() => readTemplateInputs([missing])).toThrow(`${missing}: cannot be read: ENOENT`);
  });

  test('names the file that is not valid JSON, with the parser message', () => {
    // GIVEN
    const file = write(tempDir(), 'broken.json', '{"Resources": ');
    // WHEN / THEN
    expect(() => readTemplateFile(file)).toThrow(new RegExp(`^${escape(file)}: is not valid JSON: `));
  });

  test('names the file that is not valid YAML, with line and column', () => {
    // GIVEN
    const file = write(tempDir(), 'broken.yaml', 'Resources:\n  Role: [\n');
    // WHEN / THEN
    expect(() => readTemplateFile(file)).toThrow(
      new RegExp(`^${escape(file)}: is not valid YAML: .*line 3, column 1$`),
    );
  });

  test('names the file that parses but is no CloudFormation template', () => {
    // GIVEN
    const file = write(tempDir(), 'package.json', '{"name": "x"}');
    // WHEN / THEN
    expect(() => readTemplateFile(file)).toThrow(
      `${file}: is not a CloudFormation template: expected an object with a Resources object`,
    );
  });

  test('names a folder that holds no template', () => {
    // GIVEN
    const dir = tempDir();
    // WHEN / THEN
    expect(() => readTemplateInputs([dir])).toThrow(
      `${dir}: is a folder without manifest.json and without .json, .yaml, .yml or .template files`,
    );
  });

  test('names a cdk.out manifest that is not JSON', () => {
    // GIVEN
    const dir = tempDir();
    const manifest = write(dir, 'manifest.json', 'not json');
    // WHEN / THEN
    expect(() => readTemplateInputs([dir])).toThrow(`${manifest}: cannot be read as a cloud assembly manifest: `);
  });

  test('names a stack template that the manifest lists but the folder lacks', () => {
    // GIVEN
    const dir = tempDir();
    write(
      dir,
      'manifest.json',
      JSON.stringify({
        version: '36.0.0',
        artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } },
      }),
    );
    // WHEN / THEN
    expect(() => readTemplateInputs([dir])).toThrow(`${path.join(dir, 'S.template.json')}: cannot be read: ENOENT`);
    expect(fs.existsSync(path.join(dir, 'S.template.json'))).toBe(false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
