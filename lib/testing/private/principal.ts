/** Parsing of the principals a request to assume a role can come from. */

import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '../../private/web-identity';

/** Web identity providers that AWS names by host instead of by an `oidc-provider` ARN. */
export const WELL_KNOWN_WEB_IDENTITY_ISSUERS: string[] = Object.values(BUILT_IN_WEB_IDENTITY_PROVIDERS);

/** What kind of principal makes a request. */
export type PrincipalKind = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'web-identity' | 'saml' | 'service';

/** A parsed principal. */
export interface ParsedPrincipal {
  readonly kind: PrincipalKind;
  /** The principal as given. */
  readonly value: string;
  readonly partition?: string;
  readonly account?: string;
  /** Resource part after the account, e.g. `user/path/alice`, `assumed-role/Ops/session`. */
  readonly resource?: string;
  /** For web identity: the claim-key prefix (issuer host and path); for SAML: `saml`. */
  readonly claimPrefix?: string;
}

const ARN = /^arn:([a-z][a-z0-9-]*):(iam|sts)::(\d{12}):(.+)$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Parses a principal, or returns `undefined` when it is not one this library knows. */
export function parsePrincipal(value: string): ParsedPrincipal | undefined {
  if (WELL_KNOWN_WEB_IDENTITY_ISSUERS.includes(value)) {
    return { kind: 'web-identity', value, claimPrefix: value };
  }
  const m = ARN.exec(value);
  if (!m) {
    return SERVICE.test(value) ? { kind: 'service', value } : undefined;
  }
  const [, partition, service, account, resource] = m;
  const base = { value, partition, account, resource };
  if (service === 'sts') {
    if (/^assumed-role\/[^/]+\/[^/]+$/.test(resource)) return { ...base, kind: 'assumed-role' };
    if (/^federated-user\/[^/]+$/.test(resource)) return { ...base, kind: 'federated-user' };
    return undefined;
  }
  if (resource === 'root') return { ...base, kind: 'root' };
  if (/^user\/(.+\/)?[^/]+$/.test(resource)) return { ...base, kind: 'user' };
  if (/^role\/(.+\/)?[^/]+$/.test(resource)) return { ...base, kind: 'role' };
  if (resource.startsWith('oidc-provider/') && resource.length > 'oidc-provider/'.length) {
    return { ...base, kind: 'web-identity', claimPrefix: resource.slice('oidc-provider/'.length) };
  }
  if (/^saml-provider\/[^/]+$/.test(resource)) return { ...base, kind: 'saml', claimPrefix: 'saml' };
  return undefined;
}

/** The last segment of an IAM resource (`user/path/alice` -> `alice`). */
export function lastSegment(resource: string): string {
  return resource.slice(resource.lastIndexOf('/') + 1);
}
