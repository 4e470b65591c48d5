import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The test run puts the interpreter's own bin folder first on PATH when `python3` on PATH is a shim (pyenv's runs
// `pyenv exec` on every call, about 0.3 s of CPU each): test/support/global-setup.js.
const { pythonBinBehindShim } = require('../support/global-setup.js') as {
  pythonBinBehindShim: (env: NodeJS.ProcessEnv) => string | undefined;
};

const ORIGINAL_PATH = process.env.CDK_STS_KIT_TEST_ORIGINAL_PATH ?? process.env.PATH ?? '';

/** The interpreter python3 runs (through whatever shim this machine has). */
function realPython(): string {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const run = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: ORIGINAL_PATH },
  });
  return run.stdout.trim();
}

let dir: string;
let python: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-python-shim-'));
  python = realPython();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function folder(name: string, python3?: string): string {
  const bin = path.join(dir, name);
  fs.mkdirSync(bin);
  if (python3 !== undefined) fs.writeFileSync(path.join(bin, 'python3'), python3, { mode: 0o755 });
  return bin;
}

test('a python3 on PATH that is a shim (a script that runs the interpreter): the interpreter folder is named', () => {
  // GIVEN a shim first on PATH, as pyenv's is
  const shims = folder('shims', `#!/bin/sh\nexec ${JSON.stringify(python)} "$@"\n`);
  // WHEN / THEN the folder of the interpreter the shim runs
  expect(pythonBinBehindShim({ ...process.env, PATH: [shims, ORIGINAL_PATH].join(path.delimiter) })).toBe(
    path.dirname(python),
  );
});

test('a python3 on PATH that is the interpreter itself (or a link to it): nothing to change', () => {
  // GIVEN the interpreter's own folder first on PATH, and a folder holding a link to the interpreter
  const linked = folder('linked');
  fs.symlinkSync(python, path.join(linked, 'python3'));
  // WHEN / THEN
  expect(
    pythonBinBehindShim({ ...process.env, PATH: [path.dirname(python), ORIGINAL_PATH].join(path.delimiter) }),
  ).toBe(undefined);
  expect(pythonBinBehindShim({ ...process.env, PATH: [linked, ORIGINAL_PATH].join(path.delimiter) })).toBe(undefined);
});

test('no python3 on PATH, or one that fails: nothing to change (the tests that need Python say what is missing)', () => {
  // GIVEN a PATH without python3, and one whose python3 exits with an error
  const empty = folder('empty');
  const broken = folder('broken', '#!/bin/sh\necho "pyenv: python3: command not found" >&2\nexit 127\n');
  // WHEN / THEN
  expect(pythonBinBehindShim({ ...process.env, PATH: empty })).toBe(undefined);
  expect(pythonBinBehindShim({ ...process.env, PATH: broken })).toBe(undefined);
});

test('this run: python3 on PATH is the interpreter itself', () => {
  // GIVEN the PATH the test run gives its tests  THEN the first python3 on it is no shim (global-setup.js)
  expect(pythonBinBehindShim(process.env)).toBe(undefined);
});
