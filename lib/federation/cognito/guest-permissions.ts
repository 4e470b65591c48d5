/*
 * The rule for what a Cognito guest (unauthenticated identity) may be allowed without an explicit
 * acknowledgement. Internal: used by CognitoIdentityPoolRole; documented in README.md (Cognito identity pools).
 *
 * An Allow statement of a guest role is refused when
 *  - an action is not read-only: its name (after `service:`) does not start with one of READ_ONLY_VERBS,
 *    or its service is in SENSITIVE_SERVICES (credentials, keys, identities: never "just a read"
 *    for anyone on the internet). Listed one by one in `acknowledgedActions`, it is accepted;
 *  - it holds a wildcard: `*` or `?` in an action or a resource, or `NotAction` / `NotResource`
 *    (which allow everything but what they name). `acknowledgeWildcards` accepts them.
 * Deny statements only take permissions away and are never refused.
 */

/** Verbs of read-only actions, by AWS naming convention. */
export const READ_ONLY_VERBS = [
  'Get',
  'List',
  'Describe',
  'BatchGet',
  'Query',
  'Scan',
  'Search',
  'Select',
  'View',
  'Lookup',
];

/** Services none of whose actions is read-only for guests. */
export const SENSITIVE_SERVICES = [
  'iam',
  'sts',
  'kms',
  'secretsmanager',
  'ssm',
  'organizations',
  'account',
  'sso',
  'sso-directory',
  'identitystore',
  'cognito-idp',
  'cognito-identity',
];

/** What the caller acknowledged guests may do. */
export interface GuestAcknowledgements {
  /** Non-read-only actions accepted, exactly as written in the policies. */
  readonly actions: readonly string[];
  /** Whether wildcards are accepted. */
  readonly wildcards: boolean;
}

/** One policy document granted to the guest role, resolved to JSON. */
export interface GuestPolicySource {
  /** The policy, for messages (`inline policy Permissions`, `policy Stack/Role/DefaultPolicy`). */
  readonly name: string;
  /** The resolved policy document. */
  readonly document: unknown;
}

/** True when `action` (`service:Name`) is read-only under the rule above. */
export function isReadOnlyAction(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon <= 0) return false;
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (SENSITIVE_SERVICES.includes(service)) return false;
  return READ_ONLY_VERBS.some(
    (verb) => name.startsWith(verb) && (name.length === verb.length || /^[A-Z*?]/.test(name.slice(verb.length))),
  );
}

/** True when a resolved value holds a wildcard in one of its literal strings. */
export function hasWildcard(value: unknown): boolean {
  if (typeof value === 'string') return /[*?]/.test(value);
  if (Array.isArray(value)) return value.some(hasWildcard);
  if (value !== null && typeof value === 'object')
    return Object.values(value as Record<string, unknown>).some(hasWildcard);
  return false;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Why the given policies are not acceptable for guests (empty when they are). */
export function guestPermissionFindings(sources: readonly GuestPolicySource[], ack: GuestAcknowledgements): string[] {
  const findings: string[] = [];
  const writes = new Set<string>();
  const wildcards = new Set<string>();
  for (const source of sources) {
    const doc = source.document as { Statement?: unknown } | undefined;
    asList(doc?.Statement).forEach((raw, index) => {
      const statement = (raw ?? {}) as Record<string, unknown>;
      if (statement.Effect !== 'Allow') return;
      const where = `${source.name}, statement ${typeof statement.Sid === 'string' ? statement.Sid : index + 1}`;
      if (statement.NotAction !== undefined) wildcards.add(`NotAction in ${where}`);
      if (statement.NotResource !== undefined) wildcards.add(`NotResource in ${where}`);
      for (const action of asList(statement.Action)) {
        if (typeof action !== 'string') {
          wildcards.add(`an action that is not a literal (${JSON.stringify(action)}) in ${where}`);
          continue;
        }
        if (/[*?]/.test(action)) wildcards.add(`action '${action}' in ${where}`);
        if (!isReadOnlyAction(action) && !ack.actions.includes(action)) writes.add(action);
      }
      asList(statement.Resource).forEach((resource) => {
        if (hasWildcard(resource))
          wildcards.add(
            `resource ${typeof resource === 'string' ? `'${resource}'` : JSON.stringify(resource)} in ${where}`,
          );
      });
    });
  }
  if (writes.size > 0) {
    findings.push(
      `guests (unauthenticated identities) would be allowed actions that are not read-only: ${[...writes].join(', ')}. ` +
        'Anyone on the internet can get guest credentials; list each such action in acknowledgedUnauthenticatedActions if guests really need it.',
    );
  }
  if (wildcards.size > 0 && !ack.wildcards) {
    findings.push(
      `guests (unauthenticated identities) would be allowed wildcards: ${[...wildcards].join('; ')}. ` +
        'Name actions and resources exactly, or set acknowledgeUnauthenticatedWildcards: true.',
    );
  }
  return findings;
}
