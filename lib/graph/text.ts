import { demandText, findingIds, GraphEdge, GraphIndex, TrustGraph } from './graph';

/** Most paths printed per role; the rest are counted. */
const MAX_PATHS_PER_ROLE = 40;

/** The note on an edge: its demands, what the identity side says, the StsChecks rules that flag it. */
export function edgeNote(edge: GraphEdge, sourceKind?: string): string {
  const parts: string[] = [];
  const demands = demandText(edge);
  if (demands) parts.push(demands);
  if (edge.kind === 'assume') {
    if (edge.identity === 'not-granted') parts.push('trust only: no policy of the caller allows it');
    if (edge.identity === 'unknown' && sourceKind !== 'account' && sourceKind !== 'anyone')
      parts.push("caller's policies not in these templates");
  }
  const note = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  const flags = findingIds(edge);
  return flags.length > 0 ? `${note} [! ${flags.join(', ')}]` : note;
}

/**
 * The terminal summary: one line per way into each role, read right to left as "is assumed by":
 * `prd/Admin ← identity/Admins (MFA ≤ 1 h) ← alice`.
 */
export function renderText(graph: TrustGraph): string {
  const index = new GraphIndex(graph);
  const roles = graph.nodes.filter((n) => n.kind === 'role' && (index.incoming.get(n.id)?.length ?? 0) > 0);
  roles.sort((a, b) => index.qualifiedName(a.id).localeCompare(index.qualifiedName(b.id)));
  const flagged = graph.edges.filter((e) => e.findings.length > 0).length;
  const outside = graph.nodes.filter((n) => n.outside).length;
  const lines: string[] = [
    `${graph.nodes.filter((n) => n.kind === 'role').length - outside} roles in ${graph.accounts.filter((a) => a.own).length} accounts` +
      `${outside > 0 ? ` (and ${outside} outside the templates)` : ''}, ` +
      `${graph.edges.filter((e) => e.kind === 'assume').length} trust edges${flagged ? `, ${flagged} flagged by StsChecks` : ''}`,
  ];
  for (const role of roles) {
    const paths: string[] = [];
    let total = 0;
    const walk = (id: string, text: string, seen: Set<string>, prevAccount: string | undefined) => {
      const incoming = (index.incoming.get(id) ?? []).filter((e) => !seen.has(e.from));
      if (incoming.length === 0) {
        total++;
        if (paths.length < MAX_PATHS_PER_ROLE) paths.push(text);
        return;
      }
      for (const e of incoming) {
        const from = index.nodes.get(e.from)!;
        const name =
          from.account !== undefined && from.account === prevAccount && from.kind !== 'account'
            ? from.label
            : index.qualifiedName(from.id);
        walk(from.id, `${text} ← ${name}${edgeNote(e, from.kind)}`, new Set([...seen, from.id]), from.account);
      }
    };
    walk(role.id, index.qualifiedName(role.id), new Set([role.id]), undefined);
    lines.push(...paths);
    if (total > paths.length) lines.push(`${index.qualifiedName(role.id)} ← ... ${total - paths.length} more paths`);
  }
  return `${lines.join('\n')}\n`;
}
