import { demandText, findingIds, GraphEdge, GraphIndex, GraphNode, nodesByDrawnAccount, TrustGraph } from './graph';

/** The warning colour of flagged edges (amber), shared by every renderer. */
export const WARNING_COLOR = '#d97706';
/** The colour of edges whose identity side does not allow the call (grey). */
export const MUTED_COLOR = '#9ca3af';

const SHAPES: Record<string, [string, string]> = {
  role: ['[', ']'],
  user: ['([', '])'],
  group: ['[[', ']]'],
  account: ['[(', ')]'],
  'oidc-provider': ['[/', '/]'],
  'saml-provider': ['[/', '/]'],
  'identity-pool': ['[/', '/]'],
  service: ['>', ']'],
};

/** Text inside a Mermaid quoted label. */
function esc(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;');
}

/** The label of an edge as every renderer writes it: demands, identity side, rule ids. */
export function edgeLabel(edge: GraphEdge): string {
  const parts: string[] = [];
  if (edge.kind === 'member') parts.push('member');
  const demands = demandText(edge);
  if (demands) parts.push(demands);
  if (edge.kind === 'assume' && edge.identity === 'not-granted') parts.push('trust only');
  const ids = findingIds(edge);
  if (ids.length > 0) parts.push(`⚠ ${ids.join(', ')}`);
  return parts.join(' · ');
}

function nodeLine(node: GraphNode, id: string): string {
  const [open, close] = SHAPES[node.kind] ?? ['{{', '}}'];
  return `${id}${open}"${esc(node.label)}"${close}`;
}

/** A Mermaid flowchart (for Markdown and pull-request comments): one subgraph per account. */
export function renderMermaid(graph: TrustGraph): string {
  const index = new GraphIndex(graph);
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  const byAccount = nodesByDrawnAccount(graph);
  let cluster = 0;
  for (const [account, nodes] of byAccount) {
    if (account === undefined) {
      for (const n of nodes) lines.push(`  ${nodeLine(n, ids.get(n.id)!)}`);
      continue;
    }
    const name = index.accountLabel(account)!;
    const title = name === account ? account : `${name} (${account})`;
    lines.push(`  subgraph a${cluster++}["${esc(title)}"]`);
    for (const n of nodes) lines.push(`    ${nodeLine(n, ids.get(n.id)!)}`);
    lines.push('  end');
  }
  const styles: string[] = [];
  graph.edges.forEach((e, i) => {
    const label = edgeLabel(e);
    const arrow = e.kind === 'assume' ? '-->' : '-.->';
    lines.push(`  ${ids.get(e.from)} ${arrow}${label ? `|"${esc(label)}"|` : ''} ${ids.get(e.to)}`);
    if (e.findings.length > 0)
      styles.push(`  linkStyle ${i} stroke:${WARNING_COLOR},stroke-width:2px,color:${WARNING_COLOR}`);
    else if (e.kind === 'assume' && e.identity === 'not-granted')
      styles.push(`  linkStyle ${i} stroke:${MUTED_COLOR},stroke-dasharray:4`);
  });
  lines.push(...styles);
  return `${lines.join('\n')}\n`;
}
