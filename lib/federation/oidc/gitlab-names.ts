import { invalidInput } from '../../private/errors';
import { ScopeOrPath, isUnresolved } from '../../trust/validators';

/*
 * Internal: GitLab project paths, validated the way GitLab defines them.
 */

/** One GitLab path segment (group, subgroup or project): letters, digits, '_', '.', '-', not starting with '-' or '.'. */
const GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;
/** Most segments of a project path: 20 levels of subgroups under a group, plus the project. */
const GITLAB_MAX_SEGMENTS = 21;

/** A full project path `GROUP[/SUBGROUP...]/PROJECT`. */
export function validateProjectPath(scope: ScopeOrPath, projectPath: string): void {
  if (isUnresolved(projectPath)) return;
  const segments = projectPath.split('/');
  const ok =
    segments.length >= 2 &&
    segments.length <= GITLAB_MAX_SEGMENTS &&
    segments.every(
      (s) =>
        GITLAB_SEGMENT.test(s) && !s.endsWith('.git') && !s.endsWith('.atom') && !s.endsWith('.') && !s.includes('..'),
    );
  if (!ok) {
    throw invalidInput(
      scope,
      'GitLab project path',
      projectPath,
      `'GROUP/PROJECT' or 'GROUP/SUBGROUP/.../PROJECT' (2 to ${GITLAB_MAX_SEGMENTS} segments of letters, digits, '_', '.' or '-', ` +
        "each starting with a letter, digit or '_' and not ending in '.git' or '.atom'; no wildcards)",
    );
  }
}
