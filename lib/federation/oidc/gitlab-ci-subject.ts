import { IConstruct } from 'constructs';
import { validateRefName } from './github-names';
import { ClaimValue, claimValue, refuseTokenTenant, withParameterValues } from './oidc-trust';
import { validateProjectPath } from './gitlab-names';

type Render = (scope: IConstruct) => string;

/**
 * Which GitLab CI/CD pipelines may assume a role: a typed builder of the ID token's `sub` claim,
 * `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME`. Every subject names one project exactly.
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload
 * @example
 * GitLabCiSubject.branch('acme/platform/shop', 'main');   // project_path:acme/platform/shop:ref_type:branch:ref:main
 * GitLabCiSubject.tag('acme/shop', 'v1.0.0');             // project_path:acme/shop:ref_type:tag:ref:v1.0.0
 */
export class GitLabCiSubject {
  /** Pipelines of one branch: `project_path:PATH:ref_type:branch:ref:BRANCH`. */
  public static branch(projectPath: string, branch: string): GitLabCiSubject {
    return GitLabCiSubject.ofProject(`branch ${branch} of ${projectPath}`, projectPath, false, (scope) => {
      withParameterValues(branch, (v) => validateRefName(scope, 'GitLab branch name', v, false), scope);
      return `ref_type:branch:ref:${branch}`;
    });
  }

  /** Pipelines of branches matching a pattern (`release/*`), as a `StringLike` value inside one project. */
  public static branchPattern(projectPath: string, pattern: string): GitLabCiSubject {
    return GitLabCiSubject.ofProject(`branches ${pattern} of ${projectPath}`, projectPath, true, (scope) => {
      withParameterValues(pattern, (v) => validateRefName(scope, 'GitLab branch pattern', v, true), scope);
      return `ref_type:branch:ref:${pattern}`;
    });
  }

  /** Pipelines of one tag: `project_path:PATH:ref_type:tag:ref:TAG`. */
  public static tag(projectPath: string, tag: string): GitLabCiSubject {
    return GitLabCiSubject.ofProject(`tag ${tag} of ${projectPath}`, projectPath, false, (scope) => {
      withParameterValues(tag, (v) => validateRefName(scope, 'GitLab tag name', v, false), scope);
      return `ref_type:tag:ref:${tag}`;
    });
  }

  /** Pipelines of tags matching a pattern (`v*`), as a `StringLike` value inside one project. */
  public static tagPattern(projectPath: string, pattern: string): GitLabCiSubject {
    return GitLabCiSubject.ofProject(`tags ${pattern} of ${projectPath}`, projectPath, true, (scope) => {
      withParameterValues(pattern, (v) => validateRefName(scope, 'GitLab tag pattern', v, true), scope);
      return `ref_type:tag:ref:${pattern}`;
    });
  }

  /**
   * Every pipeline of one project, any branch or tag (merge-request pipelines included): `project_path:PATH:*`
   * (`StringLike`). Explicit, because any branch a developer pushes matches.
   */
  public static anyRef(projectPath: string): GitLabCiSubject {
    return GitLabCiSubject.ofProject(`any ref of ${projectPath}`, projectPath, true, () => '*');
  }

  private static ofProject(
    description: string,
    projectPath: string,
    pattern: boolean,
    suffix: Render,
  ): GitLabCiSubject {
    return new GitLabCiSubject(description, pattern, (scope) => {
      if (pattern) refuseTokenTenant(scope, 'project path', projectPath, 'a GitLab pattern subject');
      withParameterValues(projectPath, (v) => validateProjectPath(scope, v), scope);
      return `project_path:${projectPath}:${suffix(scope)}`;
    });
  }

  private constructor(
    /** What the subject admits, for messages. */
    public readonly description: string,
    private readonly pattern: boolean,
    private readonly render: Render,
  ) {}

  /**
   * The `sub` value, validated in `scope`.
   * @internal
   */
  public _render(scope: IConstruct): ClaimValue {
    return claimValue(this.render(scope), this.pattern);
  }
}
