// Stops the run's emulator fork server, removes the run's temporary folder (test/support/global-setup.js) and gives
// the run its TMPDIR and PATH back.
const fs = require('node:fs');
const path = require('node:path');

/** SIGTERM the fork server (it stops the emulators it forked that still run) and wait until it is gone. */
async function stopForkServer(socketPath) {
  let pid;
  try {
    pid = parseInt(fs.readFileSync(`${socketPath}.pid`, 'utf8'), 10);
  } catch {
    return; // no emulator was started
  }
  if (!Number.isInteger(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // gone already
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = async function globalTeardown() {
  const runDir = process.env.CDK_STS_KIT_TEST_RUN_TMPDIR;
  const forkServer = process.env.STS_KIT_EMULATOR_FORK_SERVER;
  if (runDir && forkServer?.startsWith(runDir + path.sep)) await stopForkServer(forkServer); // the run's own
  if (process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR) process.env.TMPDIR = process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR;
  else delete process.env.TMPDIR;
  if (process.env.CDK_STS_KIT_TEST_ORIGINAL_PATH !== undefined) {
    process.env.PATH = process.env.CDK_STS_KIT_TEST_ORIGINAL_PATH;
    delete process.env.CDK_STS_KIT_TEST_ORIGINAL_PATH;
  }
  if (runDir && !process.env.KEEP_TEST_TMPDIR) fs.rmSync(runDir, { recursive: true, force: true });
};
