import { Demand, EdgeFinding, GraphEdge, GraphIndex, GraphNode, IdentitySide, TrustGraph } from './graph';

/** Beyond this many nodes a picture is collapsed: one node per account, identical accounts grouped. */
export const READABLE_NODES = 80;

/** Beyond this many groups of alike accounts, accounts are grouped by the shape of their trust, not by role names. */
export const MAX_GROUPS = 40;

/** Most distinct demand texts kept on a merged edge. */
const MAX_MERGED_DEMANDS = 3;

/** A node of a collapsed view that stands for the roles and identities of one or more accounts. */
export interface CollapsedNode extends GraphNode {
  /** The accounts it stands for (one, or a group of accounts that look alike). */
  readonly members: string[];
}

/**
 * Replaces the nodes of every account not in `expanded` by one node per account, then merges accounts that look
 * alike (same role names, same edges in and out) into one node: 300 workload accounts with the same five roles,
 * trusted by the same groups, become one node "300 accounts". Parallel edges are merged, their demands joined.
 */
export function collapseGraph(graph: TrustGraph, expanded: ReadonlySet<string>): TrustGraph {
  const index = new GraphIndex(graph);
  const collapsedAccounts = graph.accounts.filter((a) => !expanded.has(a.id) && index.byAccount.has(a.id));
  // 1. One node per collapsed account.
  const accountNode = new Map<string, string>(); // account id -> collapsed node id
  for (const a of collapsedAccounts) accountNode.set(a.id, `account-group:${a.id}`);
  const mapId = (id: string) => {
    const n = index.nodes.get(id)!;
    return n.account !== undefined && accountNode.has(n.account) ? accountNode.get(n.account)! : id;
  };
  // 2. Signature of each collapsed account: its role names and its edges (endpoints outside it, with labels).
  //    When that leaves too many groups, a coarser one: how many nodes of each kind, and who reaches them how.
  const signatureOf = (account: string, coarse: boolean): string => {
    const own = index.byAccount.get(account)!;
    const ownIds = new Set(own.map((n) => n.id));
    const parts = new Set<string>();
    if (coarse) {
      const kinds = new Map<string, number>();
      for (const n of own) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
      for (const [k, c] of kinds) parts.add(`${k}x${c}`);
    } else {
      for (const n of own) parts.add(`${n.kind}:${n.label}`);
    }
    const edges = new Set(own.flatMap((n) => [...index.incoming.get(n.id)!, ...index.outgoing.get(n.id)!]));
    for (const e of edges) {
      const other = (id: string) =>
        ownIds.has(id) ? (coarse ? 'self' : `self:${index.nodes.get(id)!.label}`) : mapId(id);
      parts.add(
        `${other(e.from)}>${other(e.to)}|${e.kind}|${e.demands.map((d) => d.text).join(',')}|${e.identity}|${e.findings.map((f) => f.ruleId).join(',')}`,
      );
    }
    return [...parts].sort().join('\n');
  };
  const groupBy = (coarse: boolean) => {
    const out = new Map<string, string[]>();
    for (const a of collapsedAccounts) {
      const key = signatureOf(a.id, coarse);
      const list = out.get(key) ?? [];
      list.push(a.id);
      out.set(key, list);
    }
    return out;
  };
  let groups = groupBy(false);
  const coarse = groups.size > MAX_GROUPS;
  if (coarse) groups = groupBy(true);
  const nodes: GraphNode[] = graph.nodes.filter((n) => n.account === undefined || !accountNode.has(n.account));
  for (const members of groups.values()) {
    const groupId =
      members.length === 1 ? `account-group:${members[0]}` : `account-group:${members[0]}+${members.length - 1}`;
    for (const m of members) accountNode.set(m, groupId);
    const own = index.byAccount.get(members[0])!;
    const roles = own
      .filter((n) => n.kind === 'role')
      .map((n) => n.label)
      .sort();
    const others = own.length - roles.length;
    const namesDiffer =
      coarse &&
      members.some(
        (m) =>
          index.byAccount
            .get(m)!
            .map((n) => n.label)
            .sort()
            .join() !==
          own
            .map((n) => n.label)
            .sort()
            .join(),
      );
    const what = [
      roles.length > 0
        ? `${roles.length} role${roles.length === 1 ? '' : 's'}${namesDiffer ? ' each (names differ), e.g.' : ':'} ${abbreviate(roles, 5)}`
        : '',
      others > 0 ? `${others} other identit${others === 1 ? 'y' : 'ies'}` : '',
    ]
      .filter((x) => x)
      .join('; ');
    const title =
      members.length === 1
        ? index.accountLabel(members[0]) === members[0]
          ? members[0]
          : `${index.accountLabel(members[0])} (${members[0]})`
        : `${members.length} accounts alike: ${abbreviate(
            members.map((m) => index.accountLabel(m)!),
            3,
          )}`;
    const node: CollapsedNode = { id: groupId, kind: 'account', label: `${title}\n${what}`, members };
    nodes.push(node);
  }
  // 3. Edges, remapped and merged.
  const merged = new Map<
    string,
    {
      from: string;
      to: string;
      kind: GraphEdge['kind'];
      demands: Map<string, Demand>;
      identity: Set<IdentitySide>;
      findings: Map<string, EdgeFinding>;
      actions: Set<string>;
    }
  >();
  for (const e of graph.edges) {
    const from = mapId(e.from);
    const to = mapId(e.to);
    if (from === to && from.startsWith('account-group:')) continue;
    const key = `${from}\u0000${to}\u0000${e.kind}`;
    let m = merged.get(key);
    if (!m) {
      m = { from, to, kind: e.kind, demands: new Map(), identity: new Set(), findings: new Map(), actions: new Set() };
      merged.set(key, m);
    }
    for (const d of e.demands) m.demands.set(d.text, d);
    m.identity.add(e.identity);
    for (const f of e.findings) m.findings.set(f.ruleId, f);
    for (const a of e.actions ?? []) m.actions.add(a);
  }
  const edges: GraphEdge[] = [...merged.values()].map((m) => {
    const demands = [...m.demands.values()];
    const shown =
      demands.length > MAX_MERGED_DEMANDS
        ? [
            ...demands.slice(0, MAX_MERGED_DEMANDS),
            { key: 'other' as const, text: `+${demands.length - MAX_MERGED_DEMANDS} more` },
          ]
        : demands;
    const identity: IdentitySide =
      m.identity.size === 1 ? [...m.identity][0] : m.identity.has('allowed') ? 'allowed' : 'unknown';
    return {
      from: m.from,
      to: m.to,
      kind: m.kind,
      actions: [...m.actions],
      demands: shown,
      identity,
      findings: [...m.findings.values()],
    };
  });
  return { accounts: graph.accounts.filter((a) => !accountNode.has(a.id)), nodes, edges };
}

function abbreviate(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (+${items.length - max})`;
}

/**
 * Which accounts stay expanded in the overview of a large graph: the accounts people and pipelines come from
 * (most edges leaving the account), as many as fit in READABLE_NODES nodes.
 */
export function accountsToExpand(graph: TrustGraph): Set<string> {
  if (graph.nodes.length <= READABLE_NODES) return new Set(graph.accounts.map((a) => a.id));
  const index = new GraphIndex(graph);
  const size = new Map<string, number>();
  const leaving = new Map<string, number>();
  for (const n of graph.nodes) if (n.account !== undefined) size.set(n.account, (size.get(n.account) ?? 0) + 1);
  for (const e of graph.edges) {
    const from = index.nodes.get(e.from)?.account;
    const to = index.nodes.get(e.to)?.account;
    if (from !== undefined && from !== to) leaving.set(from, (leaving.get(from) ?? 0) + 1);
  }
  const candidates = [...leaving.entries()].sort((a, b) => b[1] - a[1]).map(([a]) => a);
  const out = new Set<string>();
  let budget = READABLE_NODES - graph.nodes.filter((n) => n.account === undefined).length;
  for (const a of candidates) {
    const s = size.get(a) ?? 0;
    if (s <= budget) {
      out.add(a);
      budget -= s;
    }
  }
  return out;
}
