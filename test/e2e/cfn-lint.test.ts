import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApp } from '../../examples';
import { projectApp } from '../util';

// Every synthesized template of the project passes cfn-lint (shipped on the machine image) with no error.
describe('cfn-lint', () => {
  test('every example template passes cfn-lint with no error', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-lint-'));
    try {
      const assembly = buildExampleApp(projectApp({}, outdir)).app.synth();
      const templates = assembly.stacks.map((s) => path.join(assembly.directory, s.templateFile));
      expect(templates.length).toBeGreaterThanOrEqual(4);
      // Errors fail; warnings (W) and informational (I) findings are printed but allowed.
      const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...templates], { encoding: 'utf8' });
      const lines = `${result.stdout}`.split('\n').filter((l) => l.trim().length > 0);
      const errors = lines.filter((l) => /:E\d{4}:/.test(l));
      expect(result.error).toBeUndefined();
      expect(errors).toEqual([]);
      expect(result.status! & 2).toBe(0); // cfn-lint's exit code: bit 2 means an error was found
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
