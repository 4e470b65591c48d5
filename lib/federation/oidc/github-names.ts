import { invalidInput } from '../../private/errors';
import { ScopeOrPath, isUnresolved } from '../../trust/validators';

/*
 * Internal: the names GitHub Actions subjects and claims are made of, validated the way GitHub and git define them.
 */

/** GitHub user and organization names: 1-39 letters, digits or single hyphens, not at either end. */
export const GITHUB_OWNER = /^(?=.{1,39}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
/** GitHub repository names: 1-100 letters, digits, '.', '_' or '-' (not '.' or '..'). */
export const GITHUB_REPOSITORY = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
/** A GitHub Enterprise slug, as in the enterprise issuer `token.actions.githubusercontent.com/<slug>`. */
export const GITHUB_ENTERPRISE_SLUG = /^(?=.{1,100}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
/** An actor: a user login or an app's bot login (`dependabot[bot]`). */
export const GITHUB_ACTOR = /^(?=.{1,45}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:\[bot\])?$/;
/** Longest GitHub environment name. */
export const GITHUB_ENVIRONMENT_MAX_LENGTH = 255;

export function validateOwner(scope: ScopeOrPath, owner: string): void {
  if (isUnresolved(owner)) return;
  if (!GITHUB_OWNER.test(owner)) {
    throw invalidInput(
      scope,
      'GitHub owner',
      owner,
      'a GitHub user or organization name: 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen (no wildcards)',
    );
  }
}

export function validateRepository(scope: ScopeOrPath, repository: string): void {
  if (isUnresolved(repository)) return;
  if (!GITHUB_REPOSITORY.test(repository)) {
    throw invalidInput(
      scope,
      'GitHub repository name',
      repository,
      "a repository name without its owner: 1 to 100 letters, digits, '.', '_' or '-' (no wildcards)",
    );
  }
}

export function validateGitHubId(scope: ScopeOrPath, what: string, id: number | undefined): void {
  if (id === undefined || isUnresolved(id)) return;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw invalidInput(scope, what, id, 'a positive whole number (the immutable numeric id GitHub assigns)');
  }
}

/**
 * A git ref name (branch or tag, without `refs/heads/`), by the rules of `git check-ref-format`: no control
 * characters, space, `~ ^ : [ \`, no `..`, `//` or `@{`, not `@`, no component starting with `.` or ending with
 * `.lock`, not starting or ending with `/`, not ending with `.`. `*` and `?` only when `pattern` (they are then
 * IAM wildcards). Never `${`, which IAM would read as a policy variable.
 */
export function validateRefName(scope: ScopeOrPath, what: string, name: string, pattern: boolean): void {
  if (isUnresolved(name)) return;
  const forbidden = pattern ? /[\x00-\x20\x7f~^:[\\]/ : /[\x00-\x20\x7f~^:[\\*?]/;
  const bad =
    name.length === 0 ||
    forbidden.test(name) ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    name === '@' ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.includes('${') ||
    name.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock'));
  if (bad) {
    throw invalidInput(
      scope,
      what,
      name,
      `a git ref name (no spaces or control characters, no ~ ^ : [ \\, no '..', '//' or '@{', no component starting with '.' or ending with '.lock', ` +
        `not starting or ending with '/', not ending with '.'${pattern ? '' : ", and no '*' or '?': use the ...Pattern builder for wildcards"})`,
    );
  }
}

export function validateEnvironmentName(scope: ScopeOrPath, environment: string): void {
  if (isUnresolved(environment)) return;
  if (
    environment.length === 0 ||
    environment.length > GITHUB_ENVIRONMENT_MAX_LENGTH ||
    /[\x00-\x1f\x7f*?]/.test(environment) ||
    environment.includes('${') ||
    environment.trim() !== environment
  ) {
    throw invalidInput(
      scope,
      'GitHub environment name',
      environment,
      `1 to ${GITHUB_ENVIRONMENT_MAX_LENGTH} characters without control characters, surrounding spaces, '*', '?' or '\${'`,
    );
  }
}
