import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import {
  validateEnvironmentName,
  validateGitHubId,
  validateOwner,
  validateRefName,
  validateRepository,
} from './github-names';
import { ClaimValue, acknowledgeBroadTrust, claimValue, refuseTokenTenant, withParameterValues } from './oidc-trust';
import { invalidInput } from '../../private/errors';

/**
 * The immutable numeric ids of a repository and its owner, for GitHub's immutable subject form
 * `repo:OWNER@OWNER_ID/REPO@REPO_ID:...`, which a recycled owner or repository name can never match.
 *
 * Repositories created (or renamed, or transferred) after June 18, 2026 use this form by default; older ones
 * once they opt in. Find the ids with `gh api repos/OWNER/REPO --jq '.owner.id, .id'`.
 *
 * @see https://docs.github.com/en/actions/reference/openid-connect-reference#immutable-subject-claims
 */
export interface GitHubRepositoryIds {
  /** The numeric id of the owner (user or organization). */
  readonly ownerId: number;
  /** The numeric id of the repository. */
  readonly repositoryId: number;
}

/**
 * The explicit opt-in to trust every repository of one owner.
 */
export interface GitHubOwnerWideTrustOptions {
  /**
   * Must be `true`: every workflow of every repository of the owner, present and future, including any
   * repository anyone with create rights adds, can assume the role.
   */
  readonly acknowledgeOwnerWideTrust: boolean;

  /**
   * The owner's immutable numeric id, for the immutable subject form `repo:OWNER@OWNER_ID/*`.
   * @default - the name-only form `repo:OWNER/*`
   */
  readonly ownerId?: number;

  /**
   * Why every repository of the owner may assume the role. When given, the role records it as the acknowledgement
   * of the StsChecks warning `StsChecks-WebIdentitySubjectBroad` (and the synth warning is not emitted).
   * @default - no acknowledgement: StsChecks and the synth warning report the owner-wide trust
   */
  readonly reason?: string;
}

type Render = (scope: IConstruct) => string;

const PATTERN = true;

/**
 * Which GitHub Actions workflows may assume a role: a typed builder of the token's `sub` claim.
 *
 * Every subject names one owner exactly; most name one repository. Subjects never span owners: there is no
 * builder for `*`, `repo:*` or `repo:acme*`.
 *
 * @see https://docs.github.com/en/actions/reference/openid-connect-reference#example-subject-claims
 * @example
 * GitHubActionsSubject.environment('acme', 'shop', 'production');   // repo:acme/shop:environment:production
 * GitHubActionsSubject.branch('acme', 'shop', 'main');              // repo:acme/shop:ref:refs/heads/main
 * GitHubActionsSubject.tag('acme', 'shop', 'v1.2.0');               // repo:acme/shop:ref:refs/tags/v1.2.0
 * GitHubActionsSubject.pullRequest('acme', 'shop');                 // repo:acme/shop:pull_request
 * GitHubActionsSubject.branch('acme', 'shop', 'main', { ownerId: 1234, repositoryId: 5678 });
 *                                                     // repo:acme@1234/shop@5678:ref:refs/heads/main
 */
export class GitHubActionsSubject {
  /**
   * Workflows running on one branch (push, workflow_dispatch, schedule... on `refs/heads/BRANCH`):
   * `repo:OWNER/REPO:ref:refs/heads/BRANCH`.
   *
   * A job that references an environment carries the environment subject instead: use `environment` for those.
   */
  public static branch(
    owner: string,
    repository: string,
    branch: string,
    ids?: GitHubRepositoryIds,
  ): GitHubActionsSubject {
    return GitHubActionsSubject.gitRef('branch', owner, repository, branch, !PATTERN, ids);
  }

  /**
   * Workflows running on branches matching a pattern (`release/*`): `repo:OWNER/REPO:ref:refs/heads/PATTERN`,
   * a `StringLike` value whose wildcard stays inside the branch name of this one repository.
   */
  public static branchPattern(
    owner: string,
    repository: string,
    pattern: string,
    ids?: GitHubRepositoryIds,
  ): GitHubActionsSubject {
    return GitHubActionsSubject.gitRef('branch', owner, repository, pattern, PATTERN, ids);
  }

  /** Workflows running on one tag: `repo:OWNER/REPO:ref:refs/tags/TAG`. */
  public static tag(owner: string, repository: string, tag: string, ids?: GitHubRepositoryIds): GitHubActionsSubject {
    return GitHubActionsSubject.gitRef('tag', owner, repository, tag, !PATTERN, ids);
  }

  /** Workflows running on tags matching a pattern (`v*`): `repo:OWNER/REPO:ref:refs/tags/PATTERN` (`StringLike`). */
  public static tagPattern(
    owner: string,
    repository: string,
    pattern: string,
    ids?: GitHubRepositoryIds,
  ): GitHubActionsSubject {
    return GitHubActionsSubject.gitRef('tag', owner, repository, pattern, PATTERN, ids);
  }

  /**
   * Jobs that reference one deployment environment: `repo:OWNER/REPO:environment:NAME`. The safest subject for
   * deploy roles: the environment's protection rules (required reviewers, allowed branches) gate the token.
   */
  public static environment(
    owner: string,
    repository: string,
    environment: string,
    ids?: GitHubRepositoryIds,
  ): GitHubActionsSubject {
    return GitHubActionsSubject.inRepository(
      `environment ${environment} of ${owner}/${repository}`,
      owner,
      repository,
      ids,
      !PATTERN,
      (scope) => {
        withParameterValues(environment, (v) => validateEnvironmentName(scope, v), scope);
        return `environment:${environment}`;
      },
    );
  }

  /**
   * Workflows triggered by a pull request (the `pull_request` event):
   * `repo:OWNER/REPO:pull_request`. Their code is not reviewed yet: trust them only with read-only roles
   * (a `cdk diff`, a plan), never with a deploy role.
   */
  public static pullRequest(owner: string, repository: string, ids?: GitHubRepositoryIds): GitHubActionsSubject {
    return GitHubActionsSubject.inRepository(
      `pull requests of ${owner}/${repository}`,
      owner,
      repository,
      ids,
      !PATTERN,
      () => 'pull_request',
    );
  }

  /**
   * Every workflow of one repository, whatever its branch, tag, environment or pull request: `repo:OWNER/REPO:*`
   * (`StringLike`). Explicit, because it includes pull requests and any branch a writer pushes.
   */
  public static anyRef(owner: string, repository: string, ids?: GitHubRepositoryIds): GitHubActionsSubject {
    return GitHubActionsSubject.inRepository(
      `any ref of ${owner}/${repository}`,
      owner,
      repository,
      ids,
      PATTERN,
      () => '*',
    );
  }

  /**
   * Every workflow of every repository of one owner: `repo:OWNER/*` (`StringLike`), only with
   * `acknowledgeOwnerWideTrust: true`, and with a synth warning (`cdk-sts-kit:github-owner-wide-trust`).
   * The wildcard stays behind `OWNER/`, so another owner (`acme-evil` next to `acme`) never matches.
   */
  public static allRepositoriesOf(owner: string, options: GitHubOwnerWideTrustOptions): GitHubActionsSubject {
    const ack = options.acknowledgeOwnerWideTrust;
    const ownerId = options.ownerId;
    const reason = options.reason;
    return new GitHubActionsSubject(`every repository of ${owner}`, PATTERN, (scope) => {
      refuseTokenTenant(scope, 'owner', owner, 'GitHubActionsSubject.allRepositoriesOf');
      validateOwner(scope, owner);
      validateGitHubId(scope, 'GitHub owner id', ownerId);
      if (ack !== true) {
        throw invalidInput(
          scope,
          'acknowledgeOwnerWideTrust',
          ack,
          `true: trusting every repository of '${owner}' lets any workflow of any of its repositories, present or future, assume the role`,
        );
      }
      if (!acknowledgeBroadTrust(scope, reason, `every repository of ${owner}`)) {
        Annotations.of(scope).addWarningV2(
          'cdk-sts-kit:github-owner-wide-trust',
          `${scope.node.path} trusts every GitHub Actions workflow of every repository of '${owner}', present and future. ` +
            'Prefer one subject per repository, branch or environment.',
        );
      }
      return `repo:${owner}${ownerId !== undefined ? `@${ownerId}` : ''}/*`;
    });
  }

  /**
   * A branch or tag (`ref:refs/heads/NAME`, `ref:refs/tags/NAME`) of one repository, by name or by a pattern whose
   * wildcard stays inside the ref name.
   */
  private static gitRef(
    kind: 'branch' | 'tag',
    owner: string,
    repository: string,
    name: string,
    pattern: boolean,
    ids: GitHubRepositoryIds | undefined,
  ): GitHubActionsSubject {
    const which = pattern ? `${kind === 'branch' ? 'branches' : 'tags'} ${name}` : `${kind} ${name}`;
    return GitHubActionsSubject.inRepository(
      `${which} of ${owner}/${repository}`,
      owner,
      repository,
      ids,
      pattern,
      (scope) => {
        withParameterValues(
          name,
          (v) => validateRefName(scope, `GitHub ${kind} ${pattern ? 'pattern' : 'name'}`, v, pattern),
          scope,
        );
        return `ref:refs/${kind === 'branch' ? 'heads' : 'tags'}/${name}`;
      },
    );
  }

  private static inRepository(
    description: string,
    owner: string,
    repository: string,
    ids: GitHubRepositoryIds | undefined,
    pattern: boolean,
    suffix: Render,
  ): GitHubActionsSubject {
    const copy = ids ? { ownerId: ids.ownerId, repositoryId: ids.repositoryId } : undefined;
    return new GitHubActionsSubject(description, pattern, (scope) => {
      if (pattern) {
        refuseTokenTenant(scope, 'owner', owner, 'a GitHub pattern subject');
        refuseTokenTenant(scope, 'repository name', repository, 'a GitHub pattern subject');
      }
      withParameterValues(owner, (v) => validateOwner(scope, v), scope);
      withParameterValues(repository, (v) => validateRepository(scope, v), scope);
      if (copy) {
        validateGitHubId(scope, 'GitHub owner id', copy.ownerId);
        validateGitHubId(scope, 'GitHub repository id', copy.repositoryId);
      }
      const repo = copy ? `${owner}@${copy.ownerId}/${repository}@${copy.repositoryId}` : `${owner}/${repository}`;
      return `repo:${repo}:${suffix(scope)}`;
    });
  }

  private constructor(
    /** What the subject admits, for messages. */
    public readonly description: string,
    private readonly pattern: boolean,
    private readonly render: Render,
  ) {}

  /**
   * The `sub` value, validated in `scope` (errors and warnings name it).
   * @internal
   */
  public _render(scope: IConstruct): ClaimValue {
    return claimValue(this.render(scope), this.pattern);
  }
}
