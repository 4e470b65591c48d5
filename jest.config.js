/**
 * Unit, example, nag-pack and end-to-end tests. TypeScript is only stripped here (esbuild, fast on 2 cores);
 * `npm run typecheck` type-checks everything, tests included.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
