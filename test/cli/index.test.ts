import { CliIo, COMMANDS, runCli, usage } from '../../lib/cli/index';

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

describe('runCli', () => {
  test('lists every command in the usage', () => {
    // THEN
    for (const name of Object.keys(COMMANDS)) expect(usage()).toContain(`  ${name}  `);
    expect(Object.keys(COMMANDS)).toContain('check');
  });

  test('prints the usage and exits 2 without a command', async () => {
    // WHEN
    const result = await run();
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(usage());
  });

  test('prints the usage and exits 0 with --help', async () => {
    // WHEN
    const result = await run('--help');
    // THEN
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(usage());
  });

  test('exits 2 on an unknown command, naming it and the known ones', async () => {
    // WHEN
    const result = await run('lint', 'x.json');
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cdk-sts-kit: invalid command: received 'lint'; expected one of check/);
  });

  test('does not treat inherited object keys as commands', async () => {
    // WHEN
    const result = await run('toString');
    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("invalid command: received 'toString'");
  });
});
