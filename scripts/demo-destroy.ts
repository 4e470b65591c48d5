/**
 * `npm run demo:destroy`: destroy every example stack on the local emulator, then stop the emulator by its PID.
 * A state file left by an emulator that is gone is removed; an emulator that is alive but not answering is reported
 * (pid, log) and left alone.
 *
 *   npm run demo:destroy -- [--output DIR]     (see scripts/example/options.ts)
 */
import { App } from 'aws-cdk-lib';
import { emulatorStatus, stopEmulator } from './emulator';
import { destroyExample, REPO_ROOT } from './example/deploy';
import { demoOptions } from './example/options';
import { cleanUpDemoUser } from './example/walkthrough';
import { readConfig } from '../examples/multi-account-switch-role/config';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const options = demoOptions(process.argv.slice(2), REPO_ROOT);
  const status = await emulatorStatus();
  if (!status) {
    console.log('No emulator is running: nothing to destroy.');
    return;
  }
  if (!status.running) {
    if (status.alive) {
      throw new Error(
        `emulator not answering (pid ${status.pid}, log ${status.logFile}). Nothing was destroyed and its state is kept; ` +
          'stop it with `npm run emulator -- stop` (it holds everything in memory, so stopping it removes the stacks too).',
      );
    }
    await stopEmulator(); // the process is gone: only its state file is left
    console.log(
      `No emulator is running (pid ${status.pid} is gone): removed its stale state file ${status.stateFile}; nothing to destroy.`,
    );
    return;
  }
  const config = readConfig(new App().node);
  // What the demo made outside CloudFormation goes first: IAM refuses to delete a user that still has keys.
  for (const user of ['alice', 'bob']) await cleanUpDemoUser(status.endpoint, config.identityAccount, user);
  await destroyExample({
    endpoint: status.endpoint,
    outdir: options.outdir,
    emulator: { pid: status.pid, logFile: status.logFile },
  });
  await stopEmulator();
  console.log(`Stopped the emulator (pid ${status.pid}).`);
}

main().catch((e) => {
  console.error(`demo:destroy failed: ${(e as Error).message}`);
  process.exit(1);
});
