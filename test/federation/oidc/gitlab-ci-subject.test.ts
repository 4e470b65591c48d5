import { Token } from 'aws-cdk-lib';
import { GitLabCiSubject, validateProjectPath } from '../../../lib/federation/oidc/gitlab-ci-subject';
import { devStack } from '../../util';

const render = (s: GitLabCiSubject) => s._render(devStack());

describe('GitLabCiSubject', () => {
  test.each([
    [GitLabCiSubject.branch('acme/shop', 'main'), 'project_path:acme/shop:ref_type:branch:ref:main', false],
    [GitLabCiSubject.branch('acme/platform/team/shop', 'release/1.x'), 'project_path:acme/platform/team/shop:ref_type:branch:ref:release/1.x', false],
    [GitLabCiSubject.branchPattern('acme/shop', 'release/*'), 'project_path:acme/shop:ref_type:branch:ref:release/*', true],
    [GitLabCiSubject.tag('acme/shop', 'v1.0.0'), 'project_path:acme/shop:ref_type:tag:ref:v1.0.0', false],
    [GitLabCiSubject.tagPattern('acme/shop', 'v*'), 'project_path:acme/shop:ref_type:tag:ref:v*', true],
    [GitLabCiSubject.anyRef('acme/shop'), 'project_path:acme/shop:*', true],
  ])('GIVEN builder %# THEN the subject and its operator', (subject, value, wildcard) => {
    expect(render(subject)).toEqual({ value, wildcard });
  });

  test('GIVEN project paths THEN 2 to 21 segments pass, 1 and 22 throw', () => {
    const path = (n: number) => Array.from({ length: n }, (_, i) => `g${i}`).join('/');
    expect(() => validateProjectPath('P', path(2))).not.toThrow();
    expect(() => validateProjectPath('P', path(21))).not.toThrow();
    expect(() => validateProjectPath('P', path(1))).toThrow("P: invalid GitLab project path: received 'g0'; expected 'GROUP/PROJECT' or 'GROUP/SUBGROUP/.../PROJECT' (2 to 21 segments");
    expect(() => validateProjectPath('P', path(22))).toThrow(/invalid GitLab project path/);
  });

  test('GIVEN segments THEN 255 characters pass and 256 throw', () => {
    expect(() => validateProjectPath('P', `acme/${'s'.repeat(255)}`)).not.toThrow();
    expect(() => validateProjectPath('P', `acme/${'s'.repeat(256)}`)).toThrow(/invalid GitLab project path/);
  });

  test.each([
    ['acme/*'], ['*/shop'], ['acme*/shop'], ['acme/shop.git'], ['acme/shop.atom'], ['acme/-shop'], ['acme/.shop'], ['acme//shop'],
    ['acme/sh op'], ['acme/shop:x'], ['/acme/shop'], ['acme/shop/'], ['acme/sh..op'],
  ])('GIVEN project path %p THEN it throws', (bad) => {
    expect(() => render(GitLabCiSubject.branch(bad, 'main'))).toThrow(/^Dev: invalid GitLab project path/);
  });

  test('GIVEN wildcards in exact builders THEN they throw', () => {
    expect(() => render(GitLabCiSubject.branch('acme/shop', 'feat/*'))).toThrow(/invalid GitLab branch name/);
    expect(() => render(GitLabCiSubject.tag('acme/shop', 'v*'))).toThrow(/invalid GitLab tag name/);
  });

  test('GIVEN a token project path THEN it is not validated early', () => {
    expect(() => validateProjectPath('P', Token.asString({ Ref: 'X' }))).not.toThrow();
  });

  test('the description names what the subject admits', () => {
    expect(GitLabCiSubject.tag('acme/shop', 'v1').description).toBe('tag v1 of acme/shop');
  });
});
