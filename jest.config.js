/**
 * Two layers, run together by `npm test` (two workers on this 2-core machine):
 *
 * - `unit` (`npm run test:unit`): constructs, examples, nag pack, testing helpers, scripts. aws-cdk-lib's built-in
 *   CloudFormation validation (a WebAssembly engine that costs ~6 s of CPU to load in every process that synthesizes
 *   with it) is off here through test/support/unit-setup.js; a test about it turns it back on
 *   (`process.env.CDK_VALIDATION = 'true'`).
 * - `e2e` (`npm run test:e2e`): the local emulator and deploys with the real CDK CLI (test/e2e, test/emulator).
 *   aws-cdk-lib's validation is on once, as a user's `cdk synth` has it: for the CLI's first synth of the example in
 *   test/e2e/switch-role.e2e.test.ts, which checks its report; the other synths run without it.
 *
 * TypeScript is only stripped here (esbuild, fast on 2 cores); `npm run typecheck` type-checks everything, tests included.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};

const E2E_DIRS = ['<rootDir>/test/e2e/', '<rootDir>/test/emulator/'];

module.exports = {
  maxWorkers: 2,
  // A worker is replaced once a test file leaves it holding more than this. Without it, workers ended a run holding
  // 500-700 MB, and Node.js took longer than jest's 500 ms to tear such a heap down on exit: jest then printed "A worker
  // process has failed to exit gracefully" although nothing leaked (every worker reached its 'exit' event at once,
  // with no open handle but its own pipes).
  workerIdleMemoryLimit: '384MB',
  // the run's temporary files in one folder, removed at the end (test/support/global-setup.js)
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...E2E_DIRS],
      setupFiles: ['<rootDir>/test/support/unit-setup.js'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: E2E_DIRS,
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/e2e-setup.js'],
    },
  ],
};
