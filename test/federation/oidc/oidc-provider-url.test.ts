import { App, Stack, Token } from 'aws-cdk-lib';
import {
  hostOfUrl,
  issuerOfUrl,
  validateClientIds,
  validateOidcUrl,
  validateThumbprints,
} from '../../../lib/federation/oidc/oidc-provider-url';

const scope = new Stack(new App(), 'S');
const url = (path: string) => `https://idp.example.com${path}`;
const hex40 = 'a'.repeat(40);

describe('OIDC provider URL rules', () => {
  test('given well-formed issuers, they pass, and the issuer is the URL without https:// (trailing slash kept)', () => {
    for (const ok of [
      'https://token.actions.githubusercontent.com',
      'https://token.actions.githubusercontent.com/acme',
      'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      'https://acme.eu.auth0.com/',
      'https://sso.example.com/realms/acme',
      'https://gitlab.example.com/gitlab',
    ]) {
      expect(() => validateOidcUrl(scope, 'url', ok)).not.toThrow();
    }
    expect(issuerOfUrl('https://acme.eu.auth0.com/')).toBe('acme.eu.auth0.com/');
    expect(hostOfUrl('https://sso.example.com/realms/acme')).toBe('sso.example.com');
  });

  test('given the length limit, 255 characters pass and 256 throw', () => {
    // GIVEN
    const at255 = url('/' + 'p'.repeat(255 - url('/').length));
    expect(at255.length).toBe(255);
    // WHEN / THEN
    expect(() => validateOidcUrl(scope, 'url', at255)).not.toThrow();
    expect(() => validateOidcUrl(scope, 'url', at255 + 'p')).toThrow(
      /S: invalid url: received '.*' \(256 characters\); expected an 'https:\/\/' URL of at most 255 characters/,
    );
  });

  test.each([
    ['http://idp.example.com', 'not https'],
    ['https://idp.example.com:8443', 'a port'],
    ['https://idp.example.com/path?x=1', 'a query'],
    ['https://idp.example.com/#frag', 'a fragment'],
    ['https://user@idp.example.com', 'user info'],
    ['https://', 'no host'],
    ['idp.example.com', 'no scheme'],
    ['https://idp.example.com/a b', 'a space'],
    ['https://idp.example.com/*', 'a wildcard'],
  ])('given %s (%s), it throws naming the value and the rule', (bad) => {
    expect(() => validateOidcUrl(scope, 'OIDC provider URL', bad)).toThrow(
      `S: invalid OIDC provider URL: received '${bad}'; expected an 'https://' URL of at most 255 characters, with a host name and an optional path, but no port, query, fragment or user info`,
    );
  });

  test('given a token URL, it throws: condition keys are written from the literal URL', () => {
    expect(() => validateOidcUrl(scope, 'url', Token.asString({ Ref: 'Url' }))).toThrow(
      /expected a literal 'https:\/\/' URL: trust-policy condition keys are written from it/,
    );
  });

  test('given thumbprints, 5 pass and 6 throw; 40 hex pass, 39 or 41 or non-hex throw; duplicates throw', () => {
    const five = ['1', '2', '3', '4', '5'].map((c) => c.repeat(40));
    expect(() => validateThumbprints(scope, five)).not.toThrow();
    expect(() => validateThumbprints(scope, [...five, '6'.repeat(40)])).toThrow(
      /invalid thumbprints: .*expected at most 5 thumbprints \(received 6\)/,
    );
    expect(() => validateThumbprints(scope, ['A'.repeat(40)])).not.toThrow();
    expect(() => validateThumbprints(scope, ['a'.repeat(39)])).toThrow(
      `S: invalid thumbprint: received '${'a'.repeat(39)}'; expected 40 hexadecimal characters`,
    );
    expect(() => validateThumbprints(scope, ['a'.repeat(41)])).toThrow(/invalid thumbprint/);
    expect(() => validateThumbprints(scope, ['g'.repeat(40)])).toThrow(/invalid thumbprint/);
    expect(() => validateThumbprints(scope, [hex40, hex40.toUpperCase()])).toThrow(/expected each thumbprint once/);
    expect(() => validateThumbprints(scope, undefined)).not.toThrow();
  });

  test('given client ids, 1 and 100 pass, 0 and 101 throw; 255 characters pass, 256 throw; duplicates throw', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `client-${i}`);
    expect(() => validateClientIds(scope, ids(1))).not.toThrow();
    expect(() => validateClientIds(scope, ids(100))).not.toThrow();
    expect(() => validateClientIds(scope, [])).toThrow(
      'S: invalid clientIds: received []; expected 1 to 100 client ids (the audiences tokens are issued for; received 0).',
    );
    expect(() => validateClientIds(scope, ids(101))).toThrow(/expected 1 to 100 client ids .*received 101/);
    expect(() => validateClientIds(scope, ['c'.repeat(255)])).not.toThrow();
    expect(() => validateClientIds(scope, ['c'.repeat(256)])).toThrow(
      /invalid client id: .*expected 1 to 255 characters without whitespace/,
    );
    expect(() => validateClientIds(scope, ['a b'])).toThrow(/invalid client id/);
    expect(() => validateClientIds(scope, ['x', 'x'])).toThrow(/expected each client id once/);
  });
});
