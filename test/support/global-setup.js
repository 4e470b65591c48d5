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
//
// `python3` and `cfn-lint` on PATH may be shims (pyenv's: a bash script that runs `pyenv exec`, about 0.3 s of CPU
// per call, and a run makes dozens of calls). When they are, the interpreter's own bin folder goes first on PATH for
// the run, which is what `pyenv exec` does on every call.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The bin folder of the interpreter `python3` runs, when `python3` on PATH is not that interpreter (a shim). */
function pythonBinBehindShim(env = process.env) {
  const run = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', env });
  const executable = run.status === 0 ? run.stdout.trim() : '';
  if (!path.isAbsolute(executable)) return undefined; // no python3: the tests that need it say so
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'python3');
    if (!fs.existsSync(candidate)) continue;
    return fs.realpathSync(candidate) === fs.realpathSync(executable) ? undefined : path.dirname(executable);
  }
  return undefined;
}

module.exports = async function globalSetup() {
  if (!process.env.CDK_STS_KIT_CACHE_DIR) process.env.CDK_STS_KIT_CACHE_DIR = os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sts-kit-test-run-'));
  process.env.CDK_STS_KIT_TEST_RUN_TMPDIR = runDir;
  process.env.CDK_STS_KIT_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = runDir;
  const pythonBin = pythonBinBehindShim();
  if (pythonBin) {
    process.env.CDK_STS_KIT_TEST_ORIGINAL_PATH = process.env.PATH;
    process.env.PATH = [pythonBin, process.env.PATH].join(path.delimiter);
  }
  if (process.env.STS_KIT_EMULATOR_FORK_SERVER === undefined) {
    process.env.STS_KIT_EMULATOR_FORK_SERVER = path.join(runDir, 'emulator-fork-server.sock');
  }
};

module.exports.pythonBinBehindShim = pythonBinBehindShim;
