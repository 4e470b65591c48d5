import { GraphIndex, GraphNode, nodesByDrawnAccount, TrustGraph } from './graph';
import { edgeLabel, MUTED_COLOR, WARNING_COLOR } from './mermaid';

const NODE_STYLE: Record<string, string> = {
  role: 'shape=box, style="rounded,filled", fillcolor="#dbeafe", color="#1d4ed8"',
  user: 'shape=ellipse, style=filled, fillcolor="#dcfce7", color="#15803d"',
  group: 'shape=tab, style=filled, fillcolor="#fef9c3", color="#a16207"',
  account: 'shape=box3d, style=filled, fillcolor="#f3f4f6", color="#374151"',
  'oidc-provider': 'shape=cds, style=filled, fillcolor="#ede9fe", color="#6d28d9"',
  'saml-provider': 'shape=cds, style=filled, fillcolor="#ede9fe", color="#6d28d9"',
  'identity-pool': 'shape=cds, style=filled, fillcolor="#ede9fe", color="#6d28d9"',
  service: 'shape=component, style=filled, fillcolor="#e0f2fe", color="#0369a1"',
  anyone: 'shape=octagon, style=filled, fillcolor="#fee2e2", color="#b91c1c"',
};
const EXTERNAL_STYLE = 'shape=hexagon, style=filled, fillcolor="#fae8ff", color="#a21caf"';

/** A DOT string literal. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A role outside the templates (its trust unknown): drawn with a dashed border. */
const OUTSIDE_ROLE_STYLE = 'shape=box, style="rounded,filled,dashed", fillcolor="#f1f5f9", color="#64748b"';

function nodeStatement(node: GraphNode, dotId: string): string {
  const style = node.outside ? OUTSIDE_ROLE_STYLE : (NODE_STYLE[node.kind] ?? EXTERNAL_STYLE);
  return `${dotId} [id=${dotString(node.id)}, label=${dotString(node.label)}, tooltip=${dotString(node.id)}, ${style}];`;
}

/** Most characters of one line of an edge label in a drawing; longer labels wrap at their separators. */
const LABEL_LINE = 34;

/** An edge label wrapped for a drawing: parts over a line are shortened, parts joined up to LABEL_LINE per line. */
export function wrapLabel(label: string): string {
  const parts = label
    .split(/(?<=,|·) /)
    .map((p) => (p.length > LABEL_LINE + 12 ? `${p.slice(0, LABEL_LINE + 10)}…` : p));
  const lines: string[] = [];
  for (const p of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + p.length + 1 <= LABEL_LINE) lines[last] = `${lines[last]} ${p}`;
    else lines.push(p);
  }
  return lines.join('\n');
}

/** The graph in Graphviz DOT: one cluster per account, flagged edges in the warning colour with their rule ids. */
export function renderDot(graph: TrustGraph, title?: string): string {
  const index = new GraphIndex(graph);
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = [
    'digraph trust {',
    '  rankdir=LR; newrank=true; nodesep=0.25; ranksep=0.9;',
    '  graph [fontname="Helvetica", fontsize=12, labeljust=l' +
      (title ? `, label=${dotString(title)}, labelloc=t` : '') +
      '];',
    '  node [fontname="Helvetica", fontsize=11, margin="0.12,0.04"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#4b5563", fontcolor="#374151"];',
  ];
  const byAccount = nodesByDrawnAccount(graph);
  let cluster = 0;
  for (const [account, nodes] of byAccount) {
    if (account === undefined) {
      for (const n of nodes) lines.push(`  ${nodeStatement(n, ids.get(n.id)!)}`);
      continue;
    }
    const name = index.accountLabel(account)!;
    const own = index.accounts.get(account)?.own ?? false;
    lines.push(`  subgraph cluster_${cluster++} {`);
    lines.push(
      `    id=${dotString(`cluster:${account}`)}; label=${dotString(name === account ? account : `${name} (${account})`)};`,
    );
    lines.push(
      `    style="rounded${own ? '' : ',dashed'}"; color="${own ? '#6b7280' : '#a21caf'}"; fontcolor="#111827";`,
    );
    for (const n of nodes) lines.push(`    ${nodeStatement(n, ids.get(n.id)!)}`);
    lines.push('  }');
  }
  for (const e of graph.edges) {
    const attrs: string[] = [];
    const label = edgeLabel(e);
    if (label) attrs.push(`label=${dotString(wrapLabel(label))}`);
    if (e.findings.length > 0) {
      attrs.push(`color="${WARNING_COLOR}"`, `fontcolor="${WARNING_COLOR}"`, 'penwidth=2.2', 'class="flagged"');
    } else if (e.kind === 'assume' && e.identity === 'not-granted') {
      attrs.push(`color="${MUTED_COLOR}"`, `fontcolor="${MUTED_COLOR}"`, 'style=dashed');
    }
    if (e.kind === 'member') attrs.push('style=dotted', 'arrowhead=empty');
    if (e.kind === 'via') attrs.push('style=dotted');
    lines.push(`  ${ids.get(e.from)} -> ${ids.get(e.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
