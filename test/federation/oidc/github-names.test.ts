import { App, Stack, Token } from 'aws-cdk-lib';
import {
  validateEnvironmentName,
  validateGitHubId,
  validateOwner,
  validateRefName,
  validateRepository,
} from '../../../lib/federation/oidc/github-names';

const scope = new Stack(new App(), 'S');

describe('GitHub names', () => {
  test('given owners, 39 characters pass and 40 throw; single inner hyphens pass', () => {
    expect(() => validateOwner(scope, 'a'.repeat(39))).not.toThrow();
    expect(() => validateOwner(scope, 'a'.repeat(40))).toThrow(
      `S: invalid GitHub owner: received '${'a'.repeat(40)}'; expected a GitHub user or organization name: 1 to 39 letters, digits or single hyphens`,
    );
    expect(() => validateOwner(scope, 'Acme-Corp-2')).not.toThrow();
    expect(() => validateOwner(scope, 'a')).not.toThrow();
  });

  test.each([[''], ['-acme'], ['acme-'], ['ac--me'], ['ac_me'], ['acme*'], ['*'], ['ac.me'], ['acme/shop']])(
    'given owner %p, it throws',
    (owner) => {
      expect(() => validateOwner(scope, owner)).toThrow(/invalid GitHub owner/);
    },
  );

  test('given repositories, 100 characters pass and 101 throw; . _ - pass; . and .. throw', () => {
    expect(() => validateRepository(scope, 'r'.repeat(100))).not.toThrow();
    expect(() => validateRepository(scope, 'r'.repeat(101))).toThrow(
      /invalid GitHub repository name: .*1 to 100 letters, digits, '.', '_' or '-'/,
    );
    expect(() => validateRepository(scope, 'my.repo_name-2')).not.toThrow();
    expect(() => validateRepository(scope, '.github')).not.toThrow();
    for (const bad of ['', '.', '..', 'a/b', 'a*', 'a b', 'a:b'])
      expect(() => validateRepository(scope, bad)).toThrow(/invalid GitHub repository name/);
  });

  test('given ids, positive whole numbers pass; 0, negatives and fractions throw', () => {
    expect(() => validateGitHubId(scope, 'id', 1)).not.toThrow();
    expect(() => validateGitHubId(scope, 'id', Number.MAX_SAFE_INTEGER)).not.toThrow();
    expect(() => validateGitHubId(scope, 'id', 0)).toThrow(
      'S: invalid id: received 0; expected a positive whole number (the immutable numeric id GitHub assigns).',
    );
    expect(() => validateGitHubId(scope, 'id', -3)).toThrow(/invalid id/);
    expect(() => validateGitHubId(scope, 'id', 1.5)).toThrow(/invalid id/);
    expect(() => validateGitHubId(scope, 'id', undefined)).not.toThrow();
  });

  test('given git ref names, valid ones pass', () => {
    for (const ok of ['main', 'release/1.2', 'feature/JIRA-12_x', 'v1.0.0', 'a@b', 'dependabot/npm_and_yarn/x-1.2.3']) {
      expect(() => validateRefName(scope, 'branch', ok, false)).not.toThrow();
    }
  });

  test.each([
    [''],
    ['a b'],
    ['a~b'],
    ['a^b'],
    ['a:b'],
    ['a[b'],
    ['a\\b'],
    ['a..b'],
    ['a//b'],
    ['a@{b'],
    ['@'],
    ['/a'],
    ['a/'],
    ['a.'],
    ['.hidden'],
    ['a/.b'],
    ['x.lock'],
    ['a/b.lock/c'],
    ['a\tb'],
    ['a*'],
    ['a?'],
    ['${aws:username}'],
  ])('given ref name %p, it throws as a git ref name', (bad) => {
    expect(() => validateRefName(scope, 'GitHub branch name', bad, false)).toThrow(
      /invalid GitHub branch name: .*expected a git ref name/,
    );
  });

  test('given patterns, * and ? are allowed but the other rules stay', () => {
    expect(() => validateRefName(scope, 'p', 'release/*', true)).not.toThrow();
    expect(() => validateRefName(scope, 'p', 'v?.*', true)).not.toThrow();
    expect(() => validateRefName(scope, 'p', '*', true)).not.toThrow();
    expect(() => validateRefName(scope, 'p', 'a b*', true)).toThrow(/invalid p/);
    expect(() => validateRefName(scope, 'p', '${x}*', true)).toThrow(/invalid p/);
  });

  test('given environment names, 255 characters pass and 256 throw; wildcards, control characters and padding throw', () => {
    expect(() => validateEnvironmentName(scope, 'e'.repeat(255))).not.toThrow();
    expect(() => validateEnvironmentName(scope, 'Production EU')).not.toThrow();
    expect(() => validateEnvironmentName(scope, 'e'.repeat(256))).toThrow(
      /invalid GitHub environment name: .*1 to 255 characters/,
    );
    for (const bad of ['', 'prod*', 'pr?d', 'a\nb', ' prod', '${x}'])
      expect(() => validateEnvironmentName(scope, bad)).toThrow(/invalid GitHub environment name/);
  });

  test('given tokens, nothing is validated early', () => {
    const t = Token.asString({ Ref: 'X' });
    expect(() => validateOwner(scope, t)).not.toThrow();
    expect(() => validateRepository(scope, t)).not.toThrow();
    expect(() => validateRefName(scope, 'b', t, false)).not.toThrow();
    expect(() => validateEnvironmentName(scope, t)).not.toThrow();
  });
});
