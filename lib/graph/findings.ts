import { GraphEdge, GraphIndex, GraphNode, NodeKind, TrustGraph } from './graph';

/** A StsChecks finding as lib/nag/check.ts reports it (the fields the graph uses). */
export interface FindingLike {
  readonly ruleId: string;
  readonly level: 'Error' | 'Warning';
  readonly template: string;
  readonly resource: string;
  readonly message: string;
  readonly variant?: string;
}

/** The kinds of caller a rule is about, by the rule's name; undefined: every trust edge of the role. */
function callerKindsOf(ruleId: string): NodeKind[] | undefined {
  const rule = ruleId.replace(/^StsChecks-/, '');
  if (rule.startsWith('WebIdentity'))
    return ['github', 'eks-service-account', 'web-identity', 'oidc-provider', 'cognito', 'identity-pool'];
  if (rule.startsWith('Cognito')) return ['cognito', 'identity-pool'];
  if (rule.startsWith('Saml')) return ['saml-provider', 'saml-user'];
  if (rule.startsWith('ServiceTrust')) return ['service'];
  if (rule.startsWith('WildcardPrincipal')) return ['anyone'];
  if (rule.startsWith('CrossAccount') || rule.startsWith('ExternalId'))
    return ['account', 'user', 'group', 'role', 'anyone'];
  return undefined;
}

/**
 * Puts each finding on the edges it is about: a finding on a role goes on the role's incoming trust edges from the
 * kind of caller its rule is about (all of them when the rule is about the whole trust policy, or when no edge of
 * that kind exists); a finding on an identity (a user, a group, a role's own permissions) goes on its outgoing edges.
 * Returns the graph with findings attached and the findings that landed on no edge.
 */
export function attachFindings(
  graph: TrustGraph,
  findings: readonly FindingLike[],
): { graph: TrustGraph; unplaced: FindingLike[] } {
  const index = new GraphIndex(graph);
  const byResource = new Map<string, GraphNode>();
  for (const n of graph.nodes)
    if (n.template !== undefined && n.logicalId !== undefined) byResource.set(`${n.template}\u0000${n.logicalId}`, n);
  const extra = new Map<GraphEdge, GraphEdge['findings'][number][]>();
  const unplaced: FindingLike[] = [];
  for (const f of findings) {
    const node = byResource.get(`${f.template}\u0000${f.resource}`);
    let targets: GraphEdge[] = [];
    if (node) {
      const incoming = (index.incoming.get(node.id) ?? []).filter((e) => e.kind === 'assume');
      const kinds = callerKindsOf(f.ruleId);
      const ofKind =
        kinds === undefined ? incoming : incoming.filter((e) => kinds.includes(index.nodes.get(e.from)!.kind));
      targets = node.kind === 'role' ? (ofKind.length > 0 ? ofKind : incoming) : [];
      if (targets.length === 0) {
        // An identity, or a provider / identity pool: the assume edges it starts, directly or through its parties.
        const parties = [
          node.id,
          ...(index.outgoing.get(node.id) ?? []).filter((e) => e.kind === 'via').map((e) => e.to),
        ];
        const guestsOnly = /Guest|Unauthenticated/.test(f.ruleId);
        targets = parties
          .filter((id) => !guestsOnly || id.endsWith(':unauthenticated'))
          .flatMap((id) => (index.outgoing.get(id) ?? []).filter((e) => e.kind === 'assume'));
      }
    }
    if (targets.length === 0) {
      unplaced.push(f);
      continue;
    }
    const finding = {
      ruleId: f.ruleId,
      level: f.level,
      message: f.variant ? `${f.message} (${f.variant})` : f.message,
    };
    for (const e of targets) extra.set(e, [...(extra.get(e) ?? []), finding]);
  }
  const edges = graph.edges.map((e) => (extra.has(e) ? { ...e, findings: [...e.findings, ...extra.get(e)!] } : e));
  return { graph: { ...graph, edges }, unplaced };
}
