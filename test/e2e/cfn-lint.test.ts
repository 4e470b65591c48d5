import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CFN_LINT_INSTALL_HINT, runCfnLint } from './cfn-lint-run';
import { buildExampleApp } from '../../examples';
import { projectApp } from '../util';

// aws-cdk-lib's own CloudFormation validation does not change a template: it is off here (about 6 s of CPU). The
// example passes it in test/e2e/switch-role.e2e.test.ts, where the CLI synthesizes with it on as a user's `cdk synth`.
process.env.CDK_VALIDATION = 'false';

const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-lint-'));
afterAll(() => fs.rmSync(workdir, { recursive: true, force: true }));

/** A stand-in for cfn-lint: a shell script printing `text` and exiting with `code`. */
function fakeCfnLint(name: string, script: string): string {
  const file = path.join(workdir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

function writeTemplate(name: string, template: unknown): string {
  const file = path.join(workdir, name);
  fs.writeFileSync(file, JSON.stringify(template));
  return file;
}

// Every synthesized template of the project passes cfn-lint (shipped on the machine image) with no error.
describe('cfn-lint', () => {
  test('every example template passes cfn-lint with no error, in a run that really linted each of them', () => {
    // GIVEN: the example's templates, and one template with a known error that proves the run lints
    const assembly = buildExampleApp(projectApp({}, path.join(workdir, 'cdk.out'))).app.synth();
    const templates = assembly.stacks.map((s) => path.join(assembly.directory, s.templateFile));
    expect(templates.length).toBeGreaterThanOrEqual(4);
    const canary = writeTemplate('canary.json', {
      Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { Bogus: 1 } } },
    });
    // WHEN
    const result = runCfnLint([...templates, canary]);
    // THEN: errors fail; warnings (W) and informational (I) findings are allowed
    expect(result.version).toMatch(/^cfn-lint \d+\.\d+\.\d+$/);
    expect(result.templatesScanned).toBe(templates.length + 1);
    expect(result.rules).toBeGreaterThan(0);
    expect(result.findings[canary]).toEqual(
      expect.arrayContaining([expect.stringMatching(/E3002 .*'Bogus' was unexpected/)]),
    );
    const exampleErrors = templates.flatMap((t) =>
      result.findings[t].filter((f) => / E\d{4} /.test(f)).map((f) => `${path.basename(t)}: ${f}`),
    );
    expect(exampleErrors).toEqual([]);
  }, 120_000);

  test('a missing cfn-lint fails with an install hint', () => {
    expect(() => runCfnLint(['x.json'], path.join(workdir, 'no-such-cfn-lint'))).toThrow(
      `cfn-lint is not installed (${path.join(workdir, 'no-such-cfn-lint')} was not found on PATH): ${CFN_LINT_INSTALL_HINT}.`,
    );
  });

  test('a cfn-lint that prints nothing, or crashes with exit 1, does not pass', () => {
    // GIVEN
    const silent = fakeCfnLint('silent', '[ "$1" = --version ] && echo "cfn-lint 1.51.0"; exit 0');
    const crashing = fakeCfnLint(
      'crashing',
      '[ "$1" = --version ] && { echo "cfn-lint 1.51.0"; exit 0; }; echo "Traceback: boom" >&2; exit 1',
    );
    const noVersion = fakeCfnLint('no-version', 'exit 0');
    // WHEN / THEN
    expect(() => runCfnLint(['a.json'], silent)).toThrow(
      /did not lint the templates \(exit 0\); its output has no "Cfn-lint scanned N templates" summary/,
    );
    expect(() => runCfnLint(['a.json'], crashing)).toThrow(
      /did not lint the templates \(exit 1\).*\n.*Traceback: boom/,
    );
    expect(() => runCfnLint(['a.json'], noVersion)).toThrow(/--version printed no "cfn-lint X\.Y\.Z" line/);
  });

  test('a summary that counts fewer templates than were given does not pass', () => {
    const partial = fakeCfnLint(
      'partial',
      '[ "$1" = --version ] && { echo "cfn-lint 1.51.0"; exit 0; }; ' +
        'echo "Cfn-lint scanned 1 templates against 292 rules and found 0 errors, 0 warnings, and 0 informational violations"',
    );
    expect(() => runCfnLint(['a.json', 'b.json'], partial)).toThrow(
      'cfn-lint 1.51.0 scanned 1 templates, not the 2 given',
    );
  });
});
