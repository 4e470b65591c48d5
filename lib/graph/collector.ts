import { GraphAccount, GraphEdge, GraphNode, TrustGraph } from './graph';

/** Collects nodes and edges, without duplicates. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly accounts = new Map<string, GraphAccount>();
  private readonly outgoing = new Set<string>();

  public constructor(private readonly names: ReadonlyMap<string, string>) {}

  public ownAccount(id: string, symbolicName?: string): void {
    if (!this.accounts.has(id) || !this.accounts.get(id)!.own) {
      this.accounts.set(id, { id, name: this.names.get(id) ?? symbolicName, own: true });
    }
  }

  public foreignAccount(id: string): void {
    if (!this.accounts.has(id)) this.accounts.set(id, { id, name: this.names.get(id), own: false });
  }

  public accountNode(account: string): string {
    const id = `account:${account}`;
    const name = this.names.get(account);
    this.node({ id, kind: 'account', label: name ? `${name} (${account})` : account, account });
    return id;
  }

  public node(node: GraphNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  public edge(edge: GraphEdge): void {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    const existing = this.edges.get(key);
    // Two statements admitting the same caller: the one that demands less is what the caller needs.
    if (!existing || edge.demands.length < existing.demands.length) this.edges.set(key, edge);
    this.outgoing.add(edge.from);
  }

  public hasOutgoing(id: string): boolean {
    return this.outgoing.has(id);
  }

  public build(): TrustGraph {
    const accounts = [...this.accounts.values()];
    const order = new Map(accounts.map((a, i) => [a.id, i]));
    const nodes = [...this.nodes.values()].sort(
      (a, b) => (order.get(a.account ?? '') ?? 1e9) - (order.get(b.account ?? '') ?? 1e9),
    );
    return { accounts, nodes, edges: [...this.edges.values()] };
  }
}
