import { Template } from 'aws-cdk-lib/assertions';
import { GitLabOidcProvider } from '../../../lib/federation/oidc/gitlab-oidc-provider';
import { devStack } from '../../util';

describe('GitLabOidcProvider', () => {
  test('given no URL, gitlab.com with the required client ids, retained', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const provider = new GitLabOidcProvider(stack, 'GitLab', { clientIds: ['https://gitlab.com'] });
    // THEN
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      Properties: { Url: 'https://gitlab.com', ClientIdList: ['https://gitlab.com'] },
      DeletionPolicy: 'Retain',
    });
    expect(provider.oidcProviderIssuer).toBe('gitlab.com');
  });

  test('given a self-managed instance with a relative URL, its issuer keeps the path', () => {
    const stack = devStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab', {
      url: 'https://git.example.com/gitlab',
      clientIds: ['aws'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://git.example.com/gitlab',
    });
    expect(provider.oidcProviderIssuer).toBe('git.example.com/gitlab');
  });

  test('given no client id or a bad URL, it throws with the path', () => {
    expect(() => new GitLabOidcProvider(devStack(), 'GitLab', { clientIds: [] })).toThrow(
      /^Dev\/GitLab: invalid clientIds: received \[\]/,
    );
    expect(
      () => new GitLabOidcProvider(devStack(), 'GitLab', { url: 'https://git.example.com:8443', clientIds: ['aws'] }),
    ).toThrow(/^Dev\/GitLab: invalid OIDC provider URL/);
  });
});
