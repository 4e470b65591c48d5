/** `npm run demo:destroy` when no emulator answers: a stale state file is removed; nothing is destroyed. */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runCdk } from '../../scripts/example/deploy';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..');

/** A PID that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number(String(child.stdout).trim());
}

describe('demo scripts without a live emulator', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-demo-destroy-'));
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  test('demo:destroy removes the state file of an emulator that is gone and says so', async () => {
    // GIVEN
    const pid = deadPid();
    const stateFile = path.join(stateDir, 'state.json');
    fs.writeFileSync(
      stateFile,
      JSON.stringify({
        pid,
        port: 4999,
        endpoint: 'http://127.0.0.1:4999',
        logFile: path.join(stateDir, 'emulator.log'),
        startedAt: 'x',
      }),
    );
    // WHEN
    // (`npm run demo:destroy` runs `tsx scripts/demo-destroy.ts`; tsx is started here without npx, which costs ~0.4 s)
    const result = await run(
      process.execPath,
      [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'scripts/demo-destroy.ts'],
      {
        cwd: REPO,
        env: { ...process.env, STS_KIT_EMULATOR_STATE_DIR: stateDir },
      },
    );
    // THEN
    expect(result.stdout).toContain(
      `No emulator is running (pid ${pid} is gone): removed its stale state file ${stateFile}; nothing to destroy.`,
    );
    expect(fs.existsSync(stateFile)).toBe(false);
  }, 60_000);

  test('the CDK CLI is stopped at once when the emulator it talks to has died, and the error points at its log', async () => {
    // GIVEN
    const logFile = path.join(stateDir, 'emulator.log');
    fs.writeFileSync(logFile, 'line one\nKilled\n');
    const started = Date.now();
    // WHEN
    const error = await runCdk(['deploy', '--all'], {
      endpoint: 'http://127.0.0.1:9',
      outdir: stateDir,
      log: () => undefined,
      emulator: { pid: deadPid(), logFile },
    }).then(
      () => new Error('resolved'),
      (e: Error) => e,
    );
    // THEN
    expect(error.message).toMatch(
      /^The emulator \(pid \d+\) stopped while `cdk deploy` was running, so the CLI was stopped too\. Its log: /,
    );
    expect(error.message).toContain(`Its log: ${logFile}\n  last lines:\n    line one\n    Killed\n`);
    expect(error.message).toContain('Run `npm run demo` again');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
