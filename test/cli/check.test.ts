import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { renderTable } from '../../lib/cli/check';
import { CliIo, runCli } from '../../lib/cli/index';
import { OWN_ROOT, roleTemplate, synthCloudAssembly, tempDir, trust, write } from './fixtures';

/** Runs `cdk-sts-kit ...args` in this process, capturing both streams. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const GITHUB = 'token.actions.githubusercontent.com';
const OPEN_GITHUB_YAML = [
  'Parameters:',
  '  Repo:',
  '    Type: String',
  "    Default: '*'",
  'Resources:',
  '  DeployRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument:',
  '        Statement:',
  '          - Effect: Allow',
  `            Principal: { Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}" }`,
  '            Action: sts:AssumeRoleWithWebIdentity',
  '            Condition:',
  `              StringEquals: { ${GITHUB}:aud: sts.amazonaws.com }`,
  `              StringLike: { ${GITHUB}:sub: !Sub "repo:\${Repo}:*" }`,
].join('\n');

describe('cdk-sts-kit check', () => {
  test('exits 0 and says so when no template has a finding', async () => {
    // GIVEN
    const file = write(tempDir(), 'own.json', JSON.stringify(roleTemplate(trust({ AWS: OWN_ROOT }))));
    // WHEN
    const result = await run('check', file);
    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No findings in 1 template.\n');
    expect(result.stderr).toBe('');
  });

  test('exits 0 when the only findings are warnings, and lists them', async () => {
    // GIVEN a service role without source conditions (a warning)
    const file = write(
      tempDir(),
      'service.json',
      JSON.stringify(roleTemplate(trust({ Service: 'states.amazonaws.com' }))),
    );
    // WHEN
    const result = await run('check', file);
    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/StsChecks-ServiceTrustWithoutSourceCondition\s+Warning\s+\S+service\.json\s+Role/);
    expect(result.stdout).toContain('1 finding (0 errors, 1 warning) in 1 template.');
  });

  test('exits 1 on an Error finding of a JSON template and prints rule, level, template, resource', async () => {
    // GIVEN
    const file = write(tempDir(), 'open.json', JSON.stringify(roleTemplate(trust('*'))));
    // WHEN
    const result = await run('check', file);
    // THEN
    expect(result.code).toBe(1);
    const [header, , row] = result.stdout.split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['Rule', 'Level', 'Template', 'Resource', 'Variant']);
    expect(row.split(/\s{2,}/)).toEqual(['StsChecks-WildcardPrincipalTrust', 'Error', file, 'Role', '-']);
    expect(result.stdout).toContain('StsChecks-WildcardPrincipalTrust: The trust policy allows any AWS principal');
  });

  test('a raw SAM template is not called clean: the table names the Transform it could not read', async () => {
    // GIVEN a SAM template (its function's role is written by CloudFormation's transform at deploy time)
    const sam = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Policies:',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: sts:AssumeRole',
      "              Resource: '*'",
      '',
    ].join('\n');
    const file = write(tempDir(), 'sam.yaml', sam);
    // WHEN
    const result = await run('check', file);
    // THEN a warning (exit 0) names the transform and what to check instead
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/StsChecks-TemplateNotReadable\s+Warning\s+\S+sam\.yaml\s+\(template\)/);
    expect(result.stdout).toContain('Transform AWS::Serverless-2016-10-31');
    expect(result.stdout).not.toContain('No findings');
  });

  test('reads YAML short forms and prints the variant that fails', async () => {
    // GIVEN
    const file = write(tempDir(), 'github.yaml', OPEN_GITHUB_YAML);
    // WHEN
    const result = await run('check', file);
    // THEN
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /StsChecks-WebIdentitySubjectNotPinned\s+Error\s+\S+github\.yaml\s+DeployRole\s+when parameter Repo keeps its default '\*'/,
    );
  });

  test('checks every stack of a cdk.out folder, stages and nested stacks included', async () => {
    // GIVEN
    const outdir = synthCloudAssembly();
    // WHEN
    const result = await run('check', '--json', outdir);
    // THEN
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as Array<{ ruleId: string; template: string; resource: string }>;
    expect(
      findings
        .map((f) => [f.ruleId, path.relative(outdir, f.template).replace(/[0-9A-F]{8}/g, '#'), f.resource])
        .sort(),
    ).toEqual([
      ['StsChecks-WildcardPrincipalTrust', 'Top.template.json', 'OpenRole'],
      ['StsChecks-WildcardPrincipalTrust', 'assembly-Prod/ProdInnerNested#.nested.template.json', 'NestedOpenRole'],
    ]);
  });

  test('passes the safe corpus with its options (exit 0) and fails the dangerous one (exit 1)', async () => {
    // GIVEN the corpus folders of test/nag/corpus and the options of its index
    const corpus = path.resolve(__dirname, '../nag/corpus');
    const options = ['--own-accounts', '111111111111,222222222222', '--organization-id', 'o-a1b2c3d4e5'];
    // WHEN
    const safe = await run('check', ...options, path.join(corpus, 'safe'));
    const dangerous = await run('check', ...options, '--json', path.join(corpus, 'dangerous'));
    // THEN
    expect(safe.code).toBe(0);
    expect(safe.stderr).toBe('');
    expect(dangerous.code).toBe(1);
    const files = new Set(
      (JSON.parse(dangerous.stdout) as Array<{ template: string }>).map((f) => path.basename(f.template)),
    );
    expect(files.size).toBe(fs.readdirSync(path.join(corpus, 'dangerous')).length);
  });

  test('prints the findings as JSON with --json', async () => {
    // GIVEN
    const file = write(tempDir(), 'open.json', JSON.stringify(roleTemplate(trust('*'))));
    // WHEN
    const result = await run('check', '--json', file);
    // THEN
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        ruleId: 'StsChecks-WildcardPrincipalTrust',
        level: 'Error',
        template: file,
        resource: 'Role',
        resourceType: 'AWS::IAM::Role',
      }),
    ]);
  });

  test('passes --own-accounts and --organization-id to the rules', async () => {
    // GIVEN a trust of another account root and a trust of {"AWS":"*"} narrowed to an organization
    const dir = tempDir();
    const partner = write(
      dir,
      'partner.json',
      JSON.stringify(roleTemplate(trust({ AWS: 'arn:aws:iam::222222222222:root' }))),
    );
    // WHEN
    const unknown = await run('check', partner);
    const own = await run('check', '--own-accounts', '111111111111,222222222222', partner);
    // THEN
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('StsChecks-CrossAccountTrustWithoutGuard');
    expect(own.code).toBe(0);
  });

  test('passes --account to the rules: the deploy account counts as your own', async () => {
    // GIVEN a trust of account 333333333333's root
    const file = write(
      tempDir(),
      'stage.json',
      JSON.stringify(roleTemplate(trust({ AWS: 'arn:aws:iam::333333333333:root' }))),
    );
    // WHEN
    const elsewhere = await run('check', '--account', '444444444444', file);
    const there = await run('check', '--account=333333333333', file);
    // THEN
    expect(elsewhere.stdout).toContain('StsChecks-CrossAccountTrustWithoutGuard');
    expect(there.code).toBe(0);
  });

  test('passes --saml-audiences to the SAML rule', async () => {
    // GIVEN a SAML trust pinned to a custom audience
    const saml = { Federated: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/Okta' } };
    const file = write(
      tempDir(),
      'saml.json',
      JSON.stringify(
        roleTemplate(
          trust(saml, { StringEquals: { 'SAML:aud': 'https://sso.example.com/saml/acs' } }, 'sts:AssumeRoleWithSAML'),
        ),
      ),
    );
    // WHEN
    const byDefault = await run('check', file);
    const listed = await run('check', '--saml-audiences', 'https://sso.example.com/saml/acs', file);
    // THEN
    expect(byDefault.stdout).toContain('StsChecks-SamlAudienceNotPinned');
    expect(listed.stdout).not.toContain('StsChecks-SamlAudienceNotPinned');
  });

  test('passes --trust-policy-size-quota to the size rule', async () => {
    // GIVEN a trust policy of about 1,500 characters
    const roles = Array.from({ length: 30 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:role/Auditor`);
    const file = write(
      tempDir(),
      'big.json',
      JSON.stringify(
        roleTemplate(
          trust({ AWS: roles }, { StringEquals: { 'sts:ExternalId': '7d8c1f0e-5b2a-4c39-9e61-2f4a8b0c3d17' } }),
        ),
      ),
    );
    // WHEN
    const small = await run('check', '--trust-policy-size-quota', '1000', file);
    const large = await run('check', '--trust-policy-size-quota=4096', file);
    // THEN
    expect(small.stdout).toContain('StsChecks-TrustPolicyTooLarge');
    expect(large.stdout).not.toContain('StsChecks-TrustPolicyTooLarge');
  });

  test('exits 2 naming the file that cannot be read, and checks nothing', async () => {
    // GIVEN
    const dir = tempDir();
    const good = write(dir, 'open.json', JSON.stringify(roleTemplate(trust('*'))));
    const missing = path.join(dir, 'missing.json');
    // WHEN
    const result = await run('check', good, missing);
    // THEN
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `cdk-sts-kit check: ${missing}: cannot be read: ENOENT: no such file or directory, stat '${missing}'\n`,
    );
  });

  test('exits 2 naming the file that cannot be parsed', async () => {
    // GIVEN
    const file = write(tempDir(), 'broken.yaml', 'Resources:\n  Role: [\n');
    // WHEN
    const result = await run('check', file);
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^cdk-sts-kit check: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid YAML: `),
    );
  });

  test.each([
    [
      ['--own-accounts', '12345'],
      "--own-accounts: invalid account id: received '12345'; expected a 12-digit AWS account id.",
    ],
    [['--account', 'me'], "--account: invalid account id: received 'me'; expected a 12-digit AWS account id."],
    [
      ['--organization-id', 'org-1'],
      "--organization-id: invalid organization id: received 'org-1'; expected 'o-' followed by 10 to 32 lower-case letters or digits.",
    ],
    [
      ['--trust-policy-size-quota', '4097'],
      "--trust-policy-size-quota: invalid quota: received '4097'; expected an integer from 1 to 4096 (characters).",
    ],
    [
      ['--partition', 'azure'],
      "--partition: invalid partition: received 'azure'; expected a partition name such as aws, aws-cn or aws-us-gov.",
    ],
    [['--verbose'], "--verbose: invalid option: received '--verbose'"],
  ])('exits 2 with the usage on an invalid option %j', async (args, message) => {
    // GIVEN
    const file = write(tempDir(), 'own.json', JSON.stringify(roleTemplate(trust({ AWS: OWN_ROOT }))));
    // WHEN
    const result = await run('check', ...args, file);
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cdk-sts-kit check: ${message}`);
    expect(result.stderr).toContain('Usage: cdk-sts-kit check');
  });

  test('exits 2 when no input is given', async () => {
    // WHEN
    const result = await run('check');
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no input: expected at least one template file or cdk.out folder');
  });

  test('prints its help with --help and exits 0', async () => {
    // WHEN
    const result = await run('check', '--help');
    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Exit code: 0 when no finding is an Error, 1 when one is, 2 when an input cannot be read',
    );
  });

  test('runs as the package bin from the repository (tsx), with the exit code of the check', () => {
    // GIVEN
    const file = write(tempDir(), 'open.json', JSON.stringify(roleTemplate(trust('*'))));
    const root = path.resolve(__dirname, '../..');
    // WHEN
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'lib/cli/bin.ts'), 'check', file],
      { encoding: 'utf8', timeout: 60_000 },
    );
    // THEN
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('StsChecks-WildcardPrincipalTrust');
  });
});

describe('renderTable', () => {
  test('aligns the columns and ends with the count of errors and warnings', () => {
    // WHEN
    const table = renderTable(
      [
        {
          ruleId: 'StsChecks-A',
          level: 'Error',
          template: 't.json',
          resource: 'LongResourceName',
          resourceType: 'AWS::IAM::Role',
          message: 'A is wrong.',
          variant: 'when X',
        },
        {
          ruleId: 'StsChecks-Bee',
          level: 'Warning',
          template: 'u.json',
          resource: 'R',
          resourceType: 'AWS::IAM::Role',
          message: 'B is odd.',
        },
      ],
      2,
    );
    // THEN
    expect(table).toBe(
      [
        'Rule           Level    Template  Resource          Variant',
        '-------------  -------  --------  ----------------  -------',
        'StsChecks-A    Error    t.json    LongResourceName  when X',
        'StsChecks-Bee  Warning  u.json    R                 -',
        '',
        'StsChecks-A: A is wrong.',
        'StsChecks-Bee: B is odd.',
        '',
        '2 findings (1 error, 1 warning) in 2 templates.',
        '',
      ].join('\n'),
    );
  });
});
