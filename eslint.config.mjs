// ESLint (flat config): @eslint/js and typescript-eslint's recommended rules, without type information (fast on
// two cores). Formatting is Prettier's (.prettierrc); the one layout rule, max-len, catches what Prettier cannot wrap.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'URL',
    'TextEncoder',
    'TextDecoder',
    'fetch',
    'AbortController',
  ].map((name) => [name, name === 'module' || name === 'exports' ? 'writable' : 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdk.out/',
      'cdk.out.*/',
      'coverage/',
      '.emulator/',
      '.scratch/',
      '**/*.d.ts',
      // README block fixtures are not TypeScript files until a block is placed in them
      'test/readme/fixtures/',
      // Python, not JavaScript
      'scripts/emulator/sts_kit_moto/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed names are deliberately unused (tsconfig's noUnusedParameters has the same convention)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // templates and IAM documents are untyped JSON: `any` is sometimes the honest type, but it must stay visible
      '@typescript-eslint/no-explicit-any': 'warn',
      // `require` is how the optional, AGPL-licensed evaluator is loaded lazily (lib/testing/private/iam-simulate.ts)
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^@cloud-copilot/'] }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      // validators match control characters on purpose (names, ExternalIds, OIDC subjects must not hold them)
      'no-control-regex': 'off',
      // some errors deliberately drop their cause: the federation endpoint's URL carries credentials
      // (lib/federation/broker/console-signin-url.ts), so no message or cause may hold it
      'preserve-caught-error': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      // Prettier wraps code at 120 columns (.prettierrc) but never splits a string: long messages may run to 150
      'max-len': [
        'error',
        { code: 150, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    // the benchmark loads packages late on purpose, to time module loading apart from synth
    files: ['scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // tests read synthesized templates as plain JSON, and load modules late (jest.isolateModules, mocks)
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
