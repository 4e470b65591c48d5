/**
 * The trust graph of an app: who may assume what. Built from templates by `build.ts` (over the one IAM model of
 * lib/private/iam), drawn by the renderers (text, Mermaid, DOT/HTML), narrowed by the filters.
 *
 * Plain data (JSON-serialisable): the HTML page embeds it as is.
 */

/** What a node stands for. */
export type NodeKind =
  | 'account' // an AWS account as a whole (its root: any principal of it whose own policies allow)
  | 'user'
  | 'group'
  | 'role'
  | 'oidc-provider'
  | 'saml-provider'
  | 'identity-pool'
  | 'github' // a GitHub repository / environment / branch (a token subject)
  | 'eks-service-account' // system:serviceaccount:<namespace>:<name>
  | 'cognito' // Cognito identities of a pool: guest (unauthenticated) or authenticated
  | 'web-identity' // any other OIDC subject (GitLab project, generic IdP, Google)
  | 'saml-user' // people signing in through a SAML IdP
  | 'service' // an AWS service principal
  | 'anyone'; // `*`: every principal of every account

/** A node: an identity that may assume roles, or a role that may be assumed. */
export interface GraphNode {
  /** Stable id, unique in the graph: `role:444444444444/Admin`, `account:999999999999`, `github:acme/app:environment:prd`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** Short label inside its account: `Admin`, `alice`, `acme/app (environment prd)`. */
  readonly label: string;
  /** The account (cluster) the node belongs to; absent for parties outside AWS accounts (GitHub, anyone). */
  readonly account?: string;
  /** The template (file path or stack name) and logical id the node comes from, when it comes from one. */
  readonly template?: string;
  readonly logicalId?: string;
  /** A role the templates do not define, that an identity of theirs may assume: its trust is not known. */
  readonly outside?: boolean;
}

/** What an edge means. */
export type EdgeKind =
  | 'assume' // `from` may call sts:AssumeRole* on `to`
  | 'member' // `from` (a user) is a member of `to` (a group): it acts with the group's permissions
  | 'via'; // `from` (a party) reaches `to` (an OIDC/SAML provider or identity pool) that then assumes

/**
 * Whether the identity side allows the call too. Across accounts AWS needs both the role's trust and the caller's
 * own policies; federated callers and services have no identity policies.
 */
export type IdentitySide =
  | 'allowed' // an identity policy of the caller (or its group) in the templates allows the call
  | 'not-needed' // federated, service or vendor caller: the trust policy is the whole decision here
  | 'not-granted' // the caller is in the templates and none of its policies allows the call
  | 'unknown'; // the caller's policies are not in the templates (another account, another app)

/** One demand of a trust edge, e.g. `{ key: 'mfa', text: 'MFA ≤ 1 h' }`. */
export interface Demand {
  readonly key:
    'mfa' | 'external-id' | 'subject' | 'audience' | 'source-identity' | 'session-tags' | 'org' | 'source' | 'other';
  readonly text: string;
}

/** A StsChecks finding drawn on an edge. */
export interface EdgeFinding {
  readonly ruleId: string;
  readonly level: 'Error' | 'Warning';
  readonly message: string;
}

/** An edge: `from` may reach `to`. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** For `assume` edges: the STS actions the trust allows (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, ...). */
  readonly actions?: string[];
  /** What the trust demands of the caller (empty: nothing beyond being the principal). */
  readonly demands: Demand[];
  /** Whether the caller's own policies allow it too (for `member` and `via` edges: `not-needed`). */
  readonly identity: IdentitySide;
  /** StsChecks findings of the role's trust that concern this edge. */
  readonly findings: EdgeFinding[];
}

/** An account of the graph. */
export interface GraphAccount {
  /** 12-digit account id, or a symbolic name (`template:foo.json`) when the template's account is unknown. */
  readonly id: string;
  /** A short human name (`prd`), when known. */
  readonly name?: string;
  /** True when templates of the app deploy into it. */
  readonly own: boolean;
}

/** The whole graph. */
export interface TrustGraph {
  readonly accounts: GraphAccount[];
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/** Index of a graph, for renderers and filters. */
export class GraphIndex {
  public readonly nodes = new Map<string, GraphNode>();
  public readonly accounts = new Map<string, GraphAccount>();
  public readonly incoming = new Map<string, GraphEdge[]>();
  public readonly outgoing = new Map<string, GraphEdge[]>();
  /** Nodes by account (nodes outside accounts under no key). */
  public readonly byAccount = new Map<string, GraphNode[]>();

  public constructor(public readonly graph: TrustGraph) {
    for (const a of graph.accounts) this.accounts.set(a.id, a);
    for (const n of graph.nodes) {
      this.nodes.set(n.id, n);
      this.incoming.set(n.id, []);
      this.outgoing.set(n.id, []);
      if (n.account !== undefined) {
        const list = this.byAccount.get(n.account);
        if (list) list.push(n);
        else this.byAccount.set(n.account, [n]);
      }
    }
    for (const e of graph.edges) {
      this.incoming.get(e.to)?.push(e);
      this.outgoing.get(e.from)?.push(e);
    }
  }

  /** `prd` for an account with a name, else the account id. */
  public accountLabel(account: string | undefined): string | undefined {
    if (account === undefined) return undefined;
    return this.accounts.get(account)?.name ?? account;
  }

  /** `prd/Admin`, `identity/alice`, `999999999999` (an account node), `github:acme/app` (outside accounts). */
  public qualifiedName(id: string): string {
    const n = this.nodes.get(id);
    if (!n) return id;
    if (n.kind === 'account') return n.label;
    const account = this.accountLabel(n.account);
    return account === undefined ? n.label : `${account}/${n.label}`;
  }
}

/** The text of an edge's demands: `MFA ≤ 1 h, ExternalId`. */
/**
 * The nodes of a graph by the account box they are drawn in (`undefined`: drawn outside any box). An account drawn as
 * one node (a vendor's account, a collapsed account) needs no box around it.
 */
export function nodesByDrawnAccount(graph: TrustGraph): Map<string | undefined, GraphNode[]> {
  const byAccount = new Map<string | undefined, GraphNode[]>();
  for (const n of graph.nodes) {
    const alone = n.kind === 'account' && !graph.nodes.some((o) => o !== n && o.account === n.account);
    const key = alone ? undefined : n.account;
    const list = byAccount.get(key) ?? [];
    list.push(n);
    byAccount.set(key, list);
  }
  return byAccount;
}

export function demandText(edge: GraphEdge): string {
  return edge.demands.map((d) => d.text).join(', ');
}

/** Rule ids of an edge's findings, unique, in order. */
export function findingIds(edge: GraphEdge): string[] {
  return [...new Set(edge.findings.map((f) => f.ruleId))];
}

/** A duration in seconds as people say it: `1 h`, `90 min`, `45 s`. */
export function humanSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
