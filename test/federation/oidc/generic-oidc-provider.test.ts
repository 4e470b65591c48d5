import { Template } from 'aws-cdk-lib/assertions';
import { GenericOidcProvider } from '../../../lib/federation/oidc/generic-oidc-provider';
import { devStack } from '../../util';

describe('GenericOidcProvider', () => {
  test('given an IdP URL and client ids, a retained native provider with that issuer', () => {
    // GIVEN
    const stack = devStack();
    // WHEN
    const provider = new GenericOidcProvider(stack, 'Auth0', {
      url: 'https://acme.eu.auth0.com/',
      clientIds: ['xRFzU2bj7Lrbo3875aXwyxIArdkq1AOT'],
    });
    // THEN
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      Properties: { Url: 'https://acme.eu.auth0.com/', ClientIdList: ['xRFzU2bj7Lrbo3875aXwyxIArdkq1AOT'] },
      DeletionPolicy: 'Retain',
    });
    expect(provider.oidcProviderIssuer).toBe('acme.eu.auth0.com/');
  });

  test('given the URL and client-id limits, they apply with the construct path', () => {
    const stack = devStack();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(
      () => new GenericOidcProvider(stack, 'A', { url: 'https://a.example.com', clientIds: ids(100) }),
    ).not.toThrow();
    expect(() => new GenericOidcProvider(stack, 'B', { url: 'https://b.example.com', clientIds: ids(101) })).toThrow(
      /^Dev\/B: invalid clientIds/,
    );
    expect(() => new GenericOidcProvider(stack, 'C', { url: 'https://c.example.com?x=1', clientIds: ['a'] })).toThrow(
      /^Dev\/C: invalid OIDC provider URL/,
    );
  });
});
