import { GraphIndex, GraphNode, TrustGraph } from './graph';

/** Filters of the `graph` command. Patterns are globs (`*` matches anything) over node names and ids. */
export interface GraphFilter {
  /** Keep what can reach a node matching one of these (`prd/Admin`, `*Admin`, `role:444444444444/*`). */
  readonly to?: string[];
  /** Keep what a node matching one of these can reach (`github:acme/*`, `identity/alice`). */
  readonly from?: string[];
  /** Keep the nodes of these accounts (id or name) and everything on a path into or out of them. */
  readonly accounts?: string[];
}

/** Whether a glob (`*` for any text, case-sensitive) matches the whole text. */
export function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  let re = globs.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    if (globs.size > 1000) globs.clear();
    globs.set(pattern, re);
  }
  return re.test(text);
}

const globs = new Map<string, RegExp>();

/** The names a pattern is matched against: `prd/Admin`, `444444444444/Admin`, the id, the label. */
export function namesOf(index: GraphIndex, node: GraphNode): string[] {
  const names = [index.qualifiedName(node.id), node.id, node.label];
  if (node.account !== undefined) names.push(`${node.account}/${node.label}`);
  // External parties: their id without the kind prefix's details, e.g. `github:acme/app` for an environment node.
  return names;
}

function matching(index: GraphIndex, patterns: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const node of index.graph.nodes) {
    const names = namesOf(index, node);
    if (patterns.some((p) => names.some((n) => globMatch(p, n) || n.startsWith(`${p}:`)))) out.add(node.id);
  }
  return out;
}

function closure(index: GraphIndex, start: Set<string>, direction: 'forward' | 'backward'): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const edges = direction === 'forward' ? (index.outgoing.get(id) ?? []) : (index.incoming.get(id) ?? []);
    for (const e of edges) {
      const next = direction === 'forward' ? e.to : e.from;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The part of the graph the filter asks for: nodes on a path from a `from` match to a `to` match (either side
 * open when not given), within the paths into or out of the given accounts. Throws when a pattern matches nothing.
 */
export function filterGraph(graph: TrustGraph, filter: GraphFilter, prebuilt?: GraphIndex): TrustGraph {
  const index = prebuilt?.graph === graph ? prebuilt : new GraphIndex(graph);
  const all = new Set(graph.nodes.map((n) => n.id));
  let keep = all;
  const intersect = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)));
  const need = (what: string, patterns: readonly string[], found: Set<string>) => {
    if (found.size === 0) {
      const known = graph.nodes
        .slice(0, 8)
        .map((n) => index.qualifiedName(n.id))
        .join(', ');
      throw new Error(
        `graph: invalid ${what}: received '${patterns.join("', '")}'; expected a name or glob matching a node ` +
          `(names look like: ${known}${graph.nodes.length > 8 ? ', ...' : ''}).`,
      );
    }
  };
  if (filter.to && filter.to.length > 0) {
    const targets = matching(index, filter.to);
    need('--to', filter.to, targets);
    keep = intersect(keep, closure(index, targets, 'backward'));
  }
  if (filter.from && filter.from.length > 0) {
    const sources = matching(index, filter.from);
    need('--from', filter.from, sources);
    keep = intersect(keep, closure(index, sources, 'forward'));
  }
  if (filter.accounts && filter.accounts.length > 0) {
    const wanted = new Set(
      graph.accounts
        .filter((a) =>
          filter.accounts!.some((p) => globMatch(p, a.id) || (a.name !== undefined && globMatch(p, a.name))),
        )
        .map((a) => a.id),
    );
    const inAccounts = new Set<string>();
    for (const a of wanted) for (const n of index.byAccount.get(a) ?? []) inAccounts.add(n.id);
    need('--account', filter.accounts, inAccounts);
    const around = new Set([...closure(index, inAccounts, 'backward'), ...closure(index, inAccounts, 'forward')]);
    keep = intersect(keep, around);
  }
  if (keep === all) return graph;
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  const usedAccounts = new Set(nodes.map((n) => n.account));
  return { accounts: graph.accounts.filter((a) => usedAccounts.has(a.id)), nodes, edges };
}
