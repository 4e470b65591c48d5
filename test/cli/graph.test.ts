import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { graphCommand } from '../../lib/cli/graph';
import { runCli } from '../../lib/cli/index';
import { inferAccountNames, readGraphInputs } from '../../lib/cli/graph-inputs';

/** `cdk-sts-kit graph` on a CfnInclude'd template and on plain template files. */

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-graph-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A hand-written template (as a team would keep one outside CDK): a deploy role for GitHub, a break-glass role. */
const LEGACY = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Repo: { Type: 'String', Default: 'acme/shop' } },
  Resources: {
    GitHub: {
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    },
    Deploy: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'legacy-deploy',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: { Federated: { Ref: 'GitHub' } },
              Condition: {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                StringLike: { 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${Repo}:*' } },
              },
            },
          ],
        },
      },
    },
    BreakGlass: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'break-glass',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: { AWS: '*' },
              Condition: {
                StringEquals: { 'aws:PrincipalAccount': '111111111111' },
                NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
              },
            },
          ],
        },
      },
    },
  },
};

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = graphCommand.run(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  }) as number;
  return { code, stdout, stderr };
}

function synthIncluded(): string {
  const file = path.join(dir, 'legacy.json');
  fs.writeFileSync(file, JSON.stringify(LEGACY));
  const outdir = path.join(dir, 'cdk.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Legacy-Prd', { env: { account: '444444444444', region: 'eu-west-1' } });
  new CfnInclude(stack, 'Legacy', { templateFile: file });
  app.synth();
  return outdir;
}

describe('cdk-sts-kit graph', () => {
  test("draws a CfnInclude'd template from its cdk.out, in the stack's account", () => {
    // GIVEN
    const outdir = synthIncluded();
    // WHEN
    const { code, stdout, stderr } = run([outdir, '--no-checks']);
    // THEN
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        '444444444444/break-glass ← 111111111111 (MFA ≤ 15 min)',
        '444444444444/legacy-deploy ← github:acme/shop (any ref) (aud sts.amazonaws.com) ← token.actions.githubusercontent.com',
      ]),
    );
  });

  test('draws the same template as a plain file, in an account named after the file', () => {
    // GIVEN
    const file = path.join(dir, 'legacy-plain.json');
    fs.writeFileSync(file, JSON.stringify(LEGACY));
    // WHEN
    const { code, stdout } = run([file, '--no-checks']);
    // THEN
    expect(code).toBe(0);
    expect(stdout).toContain('legacy-plain/break-glass ← 111111111111 (MFA ≤ 15 min)');
  });

  test('--format mermaid writes a flowchart with one subgraph per account, --out writes a file and says so', () => {
    // GIVEN
    const outdir = synthIncluded();
    const out = path.join(dir, 'graph.mmd');
    // WHEN
    const { code, stdout, stderr } = run([outdir, '--format', 'mermaid', '--out', out, '--no-checks']);
    // THEN
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^wrote .*graph\.mmd \(mermaid\): \d+ nodes, \d+ edges, 0 flagged by StsChecks\n$/);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('subgraph a0["444444444444"]');
    expect(text).toContain('|"MFA ≤ 15 min"|');
  });

  test('--format html writes one self-contained page: the renderer inlined, no remote script', () => {
    // GIVEN
    const outdir = synthIncluded();
    const out = path.join(dir, 'graph.html');
    // WHEN
    const { code } = run([outdir, '--format=html', '--out', out]);
    // THEN
    expect(code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('Viz.js 3.31.0');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });

  test('StsChecks findings mark their edges with the rule id', () => {
    // GIVEN a role that trusts any principal of any account
    const file = path.join(dir, 'open.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          Open: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: 'open',
              AssumeRolePolicyDocument: {
                Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }],
              },
            },
          },
        },
      }),
    );
    // WHEN
    const { code, stdout } = run([file]);
    // THEN
    expect(code).toBe(0);
    expect(stdout).toMatch(/^open\/open ← anyone \(\*\) \[! StsChecks-WildcardPrincipalTrust/m);
  });

  test('--to and --from keep only the paths asked for; a pattern that matches nothing is a usage error', () => {
    // GIVEN
    const outdir = synthIncluded();
    // WHEN
    const to = run([outdir, '--no-checks', '--to', '*/break-glass']);
    const from = run([outdir, '--no-checks', '--from', 'github:acme/*']);
    // THEN
    expect(to.stdout).toContain('break-glass');
    expect(to.stdout).not.toContain('legacy-deploy');
    expect(from.stdout).toContain('legacy-deploy');
    expect(from.stdout).not.toContain('break-glass');
    expect(() => run([outdir, '--no-checks', '--to', 'nothing/here'])).toThrow(
      /^invalid --to: received 'nothing\/here'; expected a name or glob matching a node/,
    );
  });

  test('options are checked: an unknown format, a malformed --name, no input', () => {
    expect(() => run(['x.json', '--format', 'svg'])).toThrow(
      "--format: invalid format: received 'svg'; expected one of text, mermaid, html",
    );
    expect(() => run(['x.json', '--name', 'prd'])).toThrow(
      "--name: invalid account name: received 'prd'; expected ACCOUNT=NAME with a 12-digit account id",
    );
    expect(() => run([])).toThrow('no input');
    expect(run(['--help']).stdout).toContain('Usage: cdk-sts-kit graph');
  });

  test('a family of stacks with one stack per account names the accounts', () => {
    // GIVEN
    const inputs = ['Identity', 'Dev', 'Prd'].map((s, i) => ({
      name: `${s}.json`,
      template: {},
      stackName: `SwitchRole-${s}`,
      account: `${i + 1}`.repeat(12),
    }));
    // THEN
    expect(
      inferAccountNames([
        ...inputs,
        { name: 'x', template: {}, stackName: 'Federation-Broker', account: '111111111111' },
      ]),
    ).toEqual(
      new Map([
        ['111111111111', 'identity'],
        ['222222222222', 'dev'],
        ['333333333333', 'prd'],
      ]),
    );
    expect(inferAccountNames([inputs[0]])).toEqual(new Map());
  });

  test('reads the environment of each stack from the cloud assembly', () => {
    const outdir = synthIncluded();
    expect(readGraphInputs([outdir]).map((t) => [t.stackName, t.account, t.region])).toEqual([
      ['Legacy-Prd', '444444444444', 'eu-west-1'],
    ]);
  });

  test("runs through the package's command: exit 0 with the graph, exit 2 with the message on a usage error", async () => {
    // GIVEN
    const file = path.join(dir, 'legacy-cli.json');
    fs.writeFileSync(file, JSON.stringify(LEGACY));
    const io = () => {
      const out = { stdout: '', stderr: '' };
      return {
        out,
        io: {
          stdout: (t: string) => {
            out.stdout += t;
          },
          stderr: (t: string) => {
            out.stderr += t;
          },
        },
      };
    };
    // WHEN
    const ok = io();
    const okCode = await runCli(['graph', file, '--no-checks', '--account', 'legacy-cli'], ok.io);
    const bad = io();
    const badCode = await runCli(['graph', file, '--no-checks', '--account', '999999999999'], bad.io);
    // THEN
    expect(okCode).toBe(0);
    expect(ok.out.stdout).toContain('legacy-cli/break-glass ← 111111111111 (MFA ≤ 15 min)');
    expect(badCode).toBe(2);
    expect(bad.out.stderr).toMatch(
      /^cdk-sts-kit graph: invalid --account: received '999999999999'; expected a name or glob matching a node/,
    );
  });
});
