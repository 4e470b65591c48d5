import { GitLabCiSubject } from '../../../lib/federation/oidc/gitlab-ci-subject';
import { devStack } from '../../util';

const render = (s: GitLabCiSubject) => s._render(devStack());

describe('GitLabCiSubject', () => {
  test.each([
    [GitLabCiSubject.branch('acme/shop', 'main'), 'project_path:acme/shop:ref_type:branch:ref:main', false],
    [
      GitLabCiSubject.branch('acme/platform/team/shop', 'release/1.x'),
      'project_path:acme/platform/team/shop:ref_type:branch:ref:release/1.x',
      false,
    ],
    [
      GitLabCiSubject.branchPattern('acme/shop', 'release/*'),
      'project_path:acme/shop:ref_type:branch:ref:release/*',
      true,
    ],
    [GitLabCiSubject.tag('acme/shop', 'v1.0.0'), 'project_path:acme/shop:ref_type:tag:ref:v1.0.0', false],
    [GitLabCiSubject.tagPattern('acme/shop', 'v*'), 'project_path:acme/shop:ref_type:tag:ref:v*', true],
    [GitLabCiSubject.anyRef('acme/shop'), 'project_path:acme/shop:*', true],
  ])('given builder %#, the subject and its operator', (subject, value, wildcard) => {
    expect(render(subject)).toEqual({ value, wildcard });
  });

  test.each([
    ['acme/*'],
    ['*/shop'],
    ['acme*/shop'],
    ['acme/shop.git'],
    ['acme/shop.atom'],
    ['acme/-shop'],
    ['acme/.shop'],
    ['acme//shop'],
    ['acme/sh op'],
    ['acme/shop:x'],
    ['/acme/shop'],
    ['acme/shop/'],
    ['acme/sh..op'],
  ])('given project path %p, it throws', (bad) => {
    expect(() => render(GitLabCiSubject.branch(bad, 'main'))).toThrow(/^Dev: invalid GitLab project path/);
  });

  test('given wildcards in exact builders, they throw', () => {
    expect(() => render(GitLabCiSubject.branch('acme/shop', 'feat/*'))).toThrow(/invalid GitLab branch name/);
    expect(() => render(GitLabCiSubject.tag('acme/shop', 'v*'))).toThrow(/invalid GitLab tag name/);
  });

  test('the description names what the subject admits', () => {
    expect(GitLabCiSubject.tag('acme/shop', 'v1').description).toBe('tag v1 of acme/shop');
  });
});
