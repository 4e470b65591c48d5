/** `npm run demo:destroy`: destroy every example stack on the local emulator, then stop the emulator by its PID. */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { emulatorStatus, stopEmulator } from './emulator';
import { destroyExample, REPO_ROOT } from './example/deploy';
import { cleanUpDemoUser } from './example/walkthrough';
import { readConfig } from '../examples/multi-account-switch-role/config';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const status = await emulatorStatus();
  if (!status?.running) {
    console.log('No emulator is running: nothing to destroy.');
    return;
  }
  const config = readConfig(new App().node);
  // What the demo made outside CloudFormation goes first: IAM refuses to delete a user that still has keys.
  for (const user of ['alice', 'bob']) await cleanUpDemoUser(status.endpoint, config.identityAccount, user);
  await destroyExample({ endpoint: status.endpoint, outdir: path.join(REPO_ROOT, 'cdk.out.local') });
  await stopEmulator();
  console.log(`Stopped the emulator (pid ${status.pid}).`);
}

main().catch((e) => {
  console.error(`demo:destroy failed: ${(e as Error).message}`);
  process.exit(1);
});
