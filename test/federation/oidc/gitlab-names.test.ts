import { Token } from 'aws-cdk-lib';
import { validateProjectPath } from '../../../lib/federation/oidc/gitlab-names';

describe('GitLab project paths', () => {
  test('given project paths, 2 to 21 segments pass, 1 and 22 throw', () => {
    const path = (n: number) => Array.from({ length: n }, (_, i) => `g${i}`).join('/');
    expect(() => validateProjectPath('P', path(2))).not.toThrow();
    expect(() => validateProjectPath('P', path(21))).not.toThrow();
    expect(() => validateProjectPath('P', path(1))).toThrow(
      "P: invalid GitLab project path: received 'g0'; expected 'GROUP/PROJECT' or 'GROUP/SUBGROUP/.../PROJECT' (2 to 21 segments",
    );
    expect(() => validateProjectPath('P', path(22))).toThrow(/invalid GitLab project path/);
  });

  test('given segments, 255 characters pass and 256 throw', () => {
    expect(() => validateProjectPath('P', `acme/${'s'.repeat(255)}`)).not.toThrow();
    expect(() => validateProjectPath('P', `acme/${'s'.repeat(256)}`)).toThrow(/invalid GitLab project path/);
  });

  test('given a token project path, it is not validated early', () => {
    expect(() => validateProjectPath('P', Token.asString({ Ref: 'X' }))).not.toThrow();
  });
});
