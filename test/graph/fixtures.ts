import { GraphEdge, TrustGraph } from '../../lib/graph/graph';

const mfa = (maxAge?: string) => ({ key: 'mfa' as const, text: maxAge ? `MFA ≤ ${maxAge}` : 'MFA' });

/** A hand-made graph shaped like the example: people in an identity account, roles in dev and prd, a vendor, GitHub. */
export function handMadeGraph(): TrustGraph {
  const assume = (from: string, to: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
    from,
    to,
    kind: 'assume',
    actions: ['sts:AssumeRole'],
    demands: [mfa('1 h')],
    identity: 'allowed',
    findings: [],
    ...extra,
  });
  const member = (from: string, to: string): GraphEdge => ({
    from,
    to,
    kind: 'member',
    demands: [],
    identity: 'not-needed',
    findings: [],
  });
  return {
    accounts: [
      { id: '111111111111', name: 'identity', own: true },
      { id: '222222222222', name: 'dev', own: true },
      { id: '444444444444', name: 'prd', own: true },
      { id: '999999999999', name: 'vendor', own: false },
    ],
    nodes: [
      { id: 'user:111111111111/alice', kind: 'user', label: 'alice', account: '111111111111' },
      { id: 'user:111111111111/bob', kind: 'user', label: 'bob', account: '111111111111' },
      { id: 'group:111111111111/Admins', kind: 'group', label: 'Admins', account: '111111111111' },
      { id: 'group:111111111111/Developers', kind: 'group', label: 'Developers', account: '111111111111' },
      { id: 'role:222222222222/Admin', kind: 'role', label: 'Admin', account: '222222222222' },
      { id: 'role:222222222222/Deploy', kind: 'role', label: 'Deploy', account: '222222222222' },
      { id: 'role:444444444444/Admin', kind: 'role', label: 'Admin', account: '444444444444' },
      { id: 'role:444444444444/VendorAudit', kind: 'role', label: 'VendorAudit', account: '444444444444' },
      { id: 'account:999999999999', kind: 'account', label: 'vendor (999999999999)', account: '999999999999' },
      {
        id: 'oidc-provider:222222222222/token.actions.githubusercontent.com',
        kind: 'oidc-provider',
        label: 'token.actions.githubusercontent.com',
        account: '222222222222',
      },
      { id: 'github:acme/app:environment:dev', kind: 'github', label: 'github:acme/app (environment dev)' },
      { id: 'github:*', kind: 'github', label: 'github:* (any repository)' },
    ],
    edges: [
      member('user:111111111111/alice', 'group:111111111111/Admins'),
      member('user:111111111111/bob', 'group:111111111111/Developers'),
      assume('group:111111111111/Admins', 'role:222222222222/Admin'),
      assume('group:111111111111/Admins', 'role:444444444444/Admin'),
      assume('group:111111111111/Developers', 'role:222222222222/Admin', { demands: [mfa()] }),
      assume('account:999999999999', 'role:444444444444/VendorAudit', {
        demands: [{ key: 'external-id', text: 'ExternalId' }],
        identity: 'unknown',
      }),
      {
        from: 'github:acme/app:environment:dev',
        to: 'oidc-provider:222222222222/token.actions.githubusercontent.com',
        kind: 'via',
        demands: [],
        identity: 'not-needed',
        findings: [],
      },
      assume('oidc-provider:222222222222/token.actions.githubusercontent.com', 'role:222222222222/Deploy', {
        actions: ['sts:AssumeRoleWithWebIdentity'],
        identity: 'not-needed',
        demands: [
          { key: 'audience', text: 'aud sts.amazonaws.com' },
          { key: 'subject', text: 'sub repo:acme/app:environment:dev' },
        ],
      }),
      {
        from: 'github:*',
        to: 'role:222222222222/Deploy',
        kind: 'assume',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        demands: [{ key: 'audience', text: 'aud sts.amazonaws.com' }],
        identity: 'not-needed',
        findings: [{ ruleId: 'StsChecks-OidcSubjectNotPinned', level: 'Error', message: 'any repository' }],
      },
    ],
  };
}

/** `accounts` workload accounts with `rolesPerAccount` roles each, all trusted by two groups of one identity account. */
export function largeGraph(accounts: number, rolesPerAccount: number): TrustGraph {
  const identity = '100000000000';
  const graph: { accounts: any[]; nodes: any[]; edges: GraphEdge[] } = {
    accounts: [{ id: identity, name: 'identity', own: true }],
    nodes: [
      { id: `group:${identity}/Admins`, kind: 'group', label: 'Admins', account: identity },
      { id: `group:${identity}/Readers`, kind: 'group', label: 'Readers', account: identity },
      { id: `user:${identity}/alice`, kind: 'user', label: 'alice', account: identity },
    ],
    edges: [
      {
        from: `user:${identity}/alice`,
        to: `group:${identity}/Admins`,
        kind: 'member',
        demands: [],
        identity: 'not-needed',
        findings: [],
      },
    ],
  };
  for (let a = 0; a < accounts; a++) {
    const id = String(200000000000 + a);
    graph.accounts.push({ id, name: `w${a}`, own: true });
    for (let r = 0; r < rolesPerAccount; r++) {
      const role = `role:${id}/Role${r}`;
      graph.nodes.push({ id: role, kind: 'role', label: `Role${r}`, account: id });
      graph.edges.push({
        from: `group:${identity}/${r === 0 ? 'Admins' : 'Readers'}`,
        to: role,
        kind: 'assume',
        actions: ['sts:AssumeRole'],
        demands: [{ key: 'mfa', text: 'MFA' }],
        identity: 'allowed',
        findings: [],
      });
    }
  }
  return graph;
}
