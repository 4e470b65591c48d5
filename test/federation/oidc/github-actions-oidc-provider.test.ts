import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsOidcProvider } from '../../../lib/federation/oidc/github-actions-oidc-provider';
import { devStack } from '../../util';

describe('GitHubActionsOidcProvider', () => {
  test('given no props, the public issuer, audience sts.amazonaws.com, no thumbprints, retained', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub');
    // THEN
    Template.fromStack(stack).templateMatches({
      Resources: {
        [stack.getLogicalId(provider.node.defaultChild!.node.defaultChild as any)]: {
          Type: 'AWS::IAM::OIDCProvider',
          Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
        },
      },
    });
    expect(provider.oidcProviderIssuer).toBe('token.actions.githubusercontent.com');
    expect(provider.enterpriseSlug).toBeUndefined();
  });

  test('given an enterprise slug, the enterprise issuer .../<slug>', () => {
    const stack = devStack();
    const provider = new GitHubActionsOidcProvider(stack, 'GitHub', { enterpriseSlug: 'acme-corp' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com/acme-corp',
    });
    expect(provider.oidcProviderIssuer).toBe('token.actions.githubusercontent.com/acme-corp');
    expect(provider.enterpriseSlug).toBe('acme-corp');
  });

  test.each([['acme corp'], ['-acme'], ['acme/x'], ['*'], ['']])('given enterprise slug %p, it throws', (slug) => {
    expect(() => new GitHubActionsOidcProvider(devStack(), 'GitHub', { enterpriseSlug: slug })).toThrow(
      `Dev/GitHub: invalid GitHub enterprise slug: received '${slug}'; expected a literal enterprise slug`,
    );
  });

  test('given custom client ids, thumbprints and removal policy, they are used', () => {
    const stack = devStack();
    new GitHubActionsOidcProvider(stack, 'GitHub', {
      clientIds: ['sts.amazonaws.com', 'https://github.com/acme'],
      thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      Properties: {
        ClientIdList: ['sts.amazonaws.com', 'https://github.com/acme'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      },
      DeletionPolicy: 'Delete',
    });
  });

  test('given the provider exists in the account, fromAccount imports it by URL, with or without an enterprise', () => {
    const stack = devStack();
    const pub = GitHubActionsOidcProvider.fromAccount(stack, 'Pub');
    const ent = GitHubActionsOidcProvider.fromAccount(stack, 'Ent', 'acme-corp');
    expect(stack.resolve(pub.oidcProviderArn)).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:oidc-provider/token.actions.githubusercontent.com'],
      ],
    });
    expect(ent.oidcProviderIssuer).toBe('token.actions.githubusercontent.com/acme-corp');
    expect(() => GitHubActionsOidcProvider.fromAccount(stack, 'Bad', 'a b')).toThrow(
      /^Dev\/Bad: invalid GitHub enterprise slug/,
    );
  });
});
