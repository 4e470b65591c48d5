import { Stack } from 'aws-cdk-lib';
import { GitHubActionsSubject } from '../../../lib/federation/oidc/github-actions-subject';
import { devStack } from '../../util';

/** Warnings added on the scope itself (no synth of an empty stack). */
const warnings = (scope: Stack) =>
  scope.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));

const render = (s: GitHubActionsSubject) => s._render(devStack());

describe('GitHubActionsSubject', () => {
  test.each([
    [GitHubActionsSubject.branch('acme', 'shop', 'main'), 'repo:acme/shop:ref:refs/heads/main', false],
    [GitHubActionsSubject.branch('acme', 'shop', 'release/1.x'), 'repo:acme/shop:ref:refs/heads/release/1.x', false],
    [GitHubActionsSubject.branchPattern('acme', 'shop', 'release/*'), 'repo:acme/shop:ref:refs/heads/release/*', true],
    [GitHubActionsSubject.tag('acme', 'shop', 'v1.2.0'), 'repo:acme/shop:ref:refs/tags/v1.2.0', false],
    [GitHubActionsSubject.tagPattern('acme', 'shop', 'v*'), 'repo:acme/shop:ref:refs/tags/v*', true],
    [GitHubActionsSubject.environment('acme', 'shop', 'production'), 'repo:acme/shop:environment:production', false],
    [GitHubActionsSubject.pullRequest('acme', 'shop'), 'repo:acme/shop:pull_request', false],
    [GitHubActionsSubject.anyRef('acme', 'shop'), 'repo:acme/shop:*', true],
  ])('given a builder, its subject is %#: exact or pattern as marked', (subject, value, wildcard) => {
    expect(render(subject)).toEqual({ value, wildcard });
  });

  test('given immutable ids, every repository builder writes repo:OWNER@ID/REPO@ID', () => {
    const ids = { ownerId: 1234, repositoryId: 5678 };
    expect(render(GitHubActionsSubject.branch('acme', 'shop', 'main', ids)).value).toBe(
      'repo:acme@1234/shop@5678:ref:refs/heads/main',
    );
    expect(render(GitHubActionsSubject.tag('acme', 'shop', 'v1', ids)).value).toBe(
      'repo:acme@1234/shop@5678:ref:refs/tags/v1',
    );
    expect(render(GitHubActionsSubject.environment('acme', 'shop', 'prd', ids)).value).toBe(
      'repo:acme@1234/shop@5678:environment:prd',
    );
    expect(render(GitHubActionsSubject.pullRequest('acme', 'shop', ids)).value).toBe(
      'repo:acme@1234/shop@5678:pull_request',
    );
    expect(render(GitHubActionsSubject.anyRef('acme', 'shop', ids))).toEqual({
      value: 'repo:acme@1234/shop@5678:*',
      wildcard: true,
    });
    expect(() =>
      render(GitHubActionsSubject.branch('acme', 'shop', 'main', { ownerId: 0, repositoryId: 5678 })),
    ).toThrow(/invalid GitHub owner id: received 0/);
    expect(() =>
      render(GitHubActionsSubject.branch('acme', 'shop', 'main', { ownerId: 1, repositoryId: 2.5 })),
    ).toThrow(/invalid GitHub repository id: received 2.5/);
  });

  test('given the ids object is changed after the call, the subject keeps the values it was given', () => {
    const ids = { ownerId: 1, repositoryId: 2 };
    const subject = GitHubActionsSubject.branch('acme', 'shop', 'main', ids);
    (ids as any).ownerId = 99;
    expect(render(subject).value).toBe('repo:acme@1/shop@2:ref:refs/heads/main');
  });

  test('given every repository of an owner WITH the acknowledgment, repo:OWNER/* and a warning on the scope', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const value = GitHubActionsSubject.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true })._render(stack);
    const withId = GitHubActionsSubject.allRepositoriesOf('acme', {
      acknowledgeOwnerWideTrust: true,
      ownerId: 42,
    })._render(stack);
    // THEN
    expect(value).toEqual({ value: 'repo:acme/*', wildcard: true });
    expect(withId.value).toBe('repo:acme@42/*');
    expect(warnings(stack)).toEqual([
      expect.stringMatching(
        new RegExp(
          "trusts every GitHub Actions workflow of every repository of 'acme'.*cdk-sts-kit:github-owner-wide-trust",
        ),
      ),
    ]);
  });

  test('given every repository of an owner WITHOUT the acknowledgment, it throws', () => {
    expect(() => render(GitHubActionsSubject.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: false }))).toThrow(
      "Dev: invalid acknowledgeOwnerWideTrust: received false; expected true: trusting every repository of 'acme' lets any workflow",
    );
  });

  test.each([
    ['*', 'shop'],
    ['repo:*', 'shop'],
    ['acme*', 'shop'],
    ['acme', '*'],
    ['acme', 'sh*p'],
    ['', 'shop'],
    ['acme', ''],
  ])('given owner %p and repository %p, no subject spanning owners or repositories is produced', (owner, repo) => {
    expect(() => render(GitHubActionsSubject.branch(owner, repo, 'main'))).toThrow(
      /invalid GitHub (owner|repository name)/,
    );
    expect(() => render(GitHubActionsSubject.anyRef(owner, repo))).toThrow(/invalid GitHub (owner|repository name)/);
  });

  test.each([['*'], ['acme*'], ['']])('given owner-wide trust of %p, it throws', (owner) => {
    expect(() => render(GitHubActionsSubject.allRepositoriesOf(owner, { acknowledgeOwnerWideTrust: true }))).toThrow(
      /invalid GitHub owner/,
    );
  });

  test('given wildcards in exact builders, they throw and point to the pattern builders', () => {
    expect(() => render(GitHubActionsSubject.branch('acme', 'shop', 'release/*'))).toThrow(
      /invalid GitHub branch name: .*use the \.\.\.Pattern builder/,
    );
    expect(() => render(GitHubActionsSubject.tag('acme', 'shop', 'v*'))).toThrow(/invalid GitHub tag name/);
    expect(() => render(GitHubActionsSubject.environment('acme', 'shop', 'prod*'))).toThrow(
      /invalid GitHub environment name/,
    );
  });

  test('given a pattern, the wildcard cannot leave the branch: ref-forbidden characters still throw', () => {
    expect(() => render(GitHubActionsSubject.branchPattern('acme', 'shop', 'a:*'))).toThrow(
      /invalid GitHub branch pattern/,
    );
    expect(() => render(GitHubActionsSubject.tagPattern('acme', 'shop', '../*'))).toThrow(/invalid GitHub tag pattern/);
  });

  test('the description names what the subject admits', () => {
    expect(GitHubActionsSubject.environment('acme', 'shop', 'prd').description).toBe('environment prd of acme/shop');
    expect(GitHubActionsSubject.allRepositoriesOf('acme', { acknowledgeOwnerWideTrust: true }).description).toBe(
      'every repository of acme',
    );
  });
});
