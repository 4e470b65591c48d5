// One temporary folder for the whole `jest` run, removed at its end (test/support/global-teardown.js).
//
// Tests make temporary folders through os.tmpdir(): their own (mkdtemp), and aws-cdk-lib's `cdk.out…` folder for
// every App synthesized without an outdir, which nothing removes. A run makes thousands; over many runs a machine's
// /tmp filled up with hundreds of thousands of them. The workers and every process they start inherit TMPDIR, so
// all of it lands here. The package build is a cache meant to outlive the run (scripts/package-build.ts): it keeps
// the machine's temporary folder, passed on as CDK_STS_KIT_CACHE_DIR.
//
// Emulators are forked from one fork server per run (scripts/emulator/sts_kit_moto/fork_server.py), which imports
// moto once instead of once per emulator: the first emulator start starts it, on the socket named here, and the
// teardown stops it. A test that sets `python` (or `forkServer: ''`) on startEmulator gets a new Python process, as a
// user's `npm run demo` does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (!process.env.CDK_STS_KIT_CACHE_DIR) process.env.CDK_STS_KIT_CACHE_DIR = os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sts-kit-test-run-'));
  process.env.CDK_STS_KIT_TEST_RUN_TMPDIR = runDir;
  process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = runDir;
  if (process.env.STS_KIT_EMULATOR_FORK_SERVER === undefined) {
    process.env.STS_KIT_EMULATOR_FORK_SERVER = path.join(runDir, 'emulator-fork-server.sock');
  }
};
