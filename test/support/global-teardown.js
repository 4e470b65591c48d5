// Removes the run's temporary folder (test/support/global-setup.js) and gives the run its TMPDIR back.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const runDir = process.env.CDK_STS_KIT_TEST_RUN_TMPDIR;
  if (process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR) process.env.TMPDIR = process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR;
  else delete process.env.TMPDIR;
  if (runDir && !process.env.KEEP_TEST_TMPDIR) fs.rmSync(runDir, { recursive: true, force: true });
};
