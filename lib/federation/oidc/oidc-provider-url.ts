import { OidcLimits } from './oidc-limits';
import { invalidInput } from '../../private/errors';
import { ScopeOrPath, isUnresolved } from '../../trust/validators';

/*
 * Internal: validation of what an IAM OpenID Connect provider is made of (its URL, thumbprints and client ids),
 * shared by every provider construct and importer of this library.
 */

/**
 * An OIDC issuer URL as IAM accepts it: `https://`, a DNS host name without port or user info, an optional path,
 * no query and no fragment. Group 1: host; group 2: path (may be empty).
 */
const OIDC_URL =
  /^https:\/\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)((?:\/[A-Za-z0-9._~%+=,@-]*)*)$/;

const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;

/**
 * Validates an issuer URL. The URL must be a literal: the provider's condition keys (`<host/path>:sub`) are
 * written from it, and IAM refuses condition keys that are not literal.
 */
export function validateOidcUrl(scope: ScopeOrPath, what: string, url: string): void {
  if (isUnresolved(url)) {
    throw invalidInput(
      scope,
      what,
      url,
      "a literal 'https://' URL: trust-policy condition keys are written from it (like 'token.actions.githubusercontent.com:sub') and cannot be tokens",
    );
  }
  const expected =
    `an 'https://' URL of at most ${OidcLimits.URL_MAX_LENGTH} characters, with a host name and an optional path, ` +
    "but no port, query, fragment or user info (for example 'https://token.actions.githubusercontent.com')";
  if (url.length > OidcLimits.URL_MAX_LENGTH || !OIDC_URL.test(url)) {
    throw invalidInput(scope, what, url, expected);
  }
}

/**
 * The issuer of a validated URL as IAM names it in ARNs and condition keys: the URL without `https://`
 * (`token.actions.githubusercontent.com`, `oidc.eks.eu-west-1.amazonaws.com/id/ABC`). A trailing `/` is kept:
 * IAM keeps it too, and it must match the token's `iss` claim.
 */
export function issuerOfUrl(url: string): string {
  return url.slice('https://'.length);
}

/** The host of a validated URL. */
export function hostOfUrl(url: string): string {
  return OIDC_URL.exec(url)![1];
}

/** Validates server-certificate thumbprints: at most 5, each 40 hex characters, no duplicates. */
export function validateThumbprints(scope: ScopeOrPath, thumbprints: readonly string[] | undefined): void {
  if (thumbprints === undefined) return;
  if (thumbprints.length > OidcLimits.THUMBPRINTS_MAX) {
    throw invalidInput(
      scope,
      'thumbprints',
      thumbprints,
      `at most ${OidcLimits.THUMBPRINTS_MAX} thumbprints (received ${thumbprints.length})`,
    );
  }
  const seen = new Set<string>();
  for (const thumbprint of thumbprints) {
    if (isUnresolved(thumbprint)) continue;
    if (!THUMBPRINT.test(thumbprint)) {
      throw invalidInput(
        scope,
        'thumbprint',
        thumbprint,
        `${OidcLimits.THUMBPRINT_LENGTH} hexadecimal characters (the SHA-1 fingerprint of the IdP's certificate)`,
      );
    }
    if (seen.has(thumbprint.toLowerCase())) throw invalidInput(scope, 'thumbprint', thumbprint, 'each thumbprint once');
    seen.add(thumbprint.toLowerCase());
  }
}

/** Validates client ids (audiences): at least one, at most 100, each 1 to 255 characters, no duplicates. */
export function validateClientIds(scope: ScopeOrPath, clientIds: readonly string[]): void {
  if (clientIds.length === 0 || clientIds.length > OidcLimits.CLIENT_IDS_MAX) {
    throw invalidInput(
      scope,
      'clientIds',
      clientIds,
      `1 to ${OidcLimits.CLIENT_IDS_MAX} client ids (the audiences tokens are issued for; received ${clientIds.length})`,
    );
  }
  const seen = new Set<string>();
  for (const clientId of clientIds) {
    if (isUnresolved(clientId)) continue;
    if (clientId.length === 0 || clientId.length > OidcLimits.CLIENT_ID_MAX_LENGTH || /\s/.test(clientId)) {
      throw invalidInput(
        scope,
        'client id',
        clientId,
        `1 to ${OidcLimits.CLIENT_ID_MAX_LENGTH} characters without whitespace`,
      );
    }
    if (seen.has(clientId)) throw invalidInput(scope, 'client id', clientId, 'each client id once');
    seen.add(clientId);
  }
}
