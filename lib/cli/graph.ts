import * as fs from 'fs';
import * as path from 'path';
import { buildTrustGraph } from '../graph/build';
import { attachFindings, FindingLike } from '../graph/findings';
import { filterGraph } from '../graph/filter';
import { TrustGraph } from '../graph/graph';
import { renderHtml } from '../graph/html';
import { renderMermaid } from '../graph/mermaid';
import { renderText } from '../graph/text';
import { checkTemplates } from '../nag/check';
import { parseArgs, UsageError } from './args';
import { inferAccountNames, readGraphInputs } from './graph-inputs';
import type { CliCommand, CliIo } from './index';

const VALUED = ['format', 'out', 'to', 'from', 'account', 'name', 'own-accounts', 'organization-id', 'title'];
const FLAGS = ['no-checks', 'help', 'h'];
const FORMATS = ['text', 'mermaid', 'html'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: cdk-sts-kit graph [options] <cdk.out dir|template.json|template.yaml>...

Draws who may assume what: accounts, users, groups, roles, OIDC/SAML providers, identity pools and outside
parties (vendor accounts, GitHub repositories and environments, EKS service accounts, Cognito identities), with
"may assume" edges labelled with what each trust demands (MFA and its age, ExternalId, subject, audience, source
identity, session tags) and whether the caller's own policies allow it too. Edges that StsChecks flags carry the
rule id, in a warning colour.

Options:
  --format text|mermaid|html   text (default): one line per way into each role, e.g.
                                 prd/Admin ← identity/Admins (MFA ≤ 1 h) ← alice
                               mermaid: a flowchart for Markdown and pull-request comments
                               html: a self-contained page (Graphviz in WebAssembly inlined; no network needed)
  --out FILE                   write to FILE instead of standard output
  --to PATTERN                 only what can reach matching nodes (prd/Admin, *Admin, 444444444444/*); repeatable
  --from PATTERN               only what matching nodes can reach (github:acme/*, identity/alice); repeatable
  --account ID|NAME            only paths into or out of these accounts; repeatable
  --name ACCOUNT=NAME          a short name for an account (prd); repeatable. Without it, a family of stacks with
                               one stack per account names them (SwitchRole-Prd -> prd)
  --own-accounts ID,ID         more accounts to count as your own (for StsChecks)
  --organization-id o-...      your organization id (for StsChecks)
  --title TEXT                 the HTML page's title
  --no-checks                  do not run StsChecks (no flagged edges)
  -h, --help                   this text

Exit code: 0 when the graph was written, 2 when an input cannot be read or an option is invalid.
`;

/** `cdk-sts-kit graph`: the trust graph of templates read from disk. */
export const graphCommand: CliCommand = {
  summary: 'draw who may assume what (text, Mermaid, or a self-contained HTML page)',
  run: runGraph,
};

/** Options of `graphOf`, the command's work without the command line. */
export interface GraphOptions {
  readonly accountNames?: ReadonlyMap<string, string>;
  readonly checks?: boolean;
  readonly ownAccounts?: string[];
  readonly organizationId?: string;
  readonly to?: string[];
  readonly from?: string[];
  readonly accounts?: string[];
}

/** The (filtered) trust graph of templates on disk, with StsChecks findings on its edges. */
export function graphOf(
  inputs: readonly string[],
  options: GraphOptions = {},
): { graph: TrustGraph; unplaced: FindingLike[] } {
  const templates = readGraphInputs(inputs);
  const names = new Map([...inferAccountNames(templates), ...(options.accountNames ?? new Map())]);
  let graph = buildTrustGraph(templates, { accountNames: names });
  let unplaced: FindingLike[] = [];
  if (options.checks ?? true) {
    const own = [
      ...new Set([
        ...templates.map((t) => t.account).filter((a): a is string => a !== undefined),
        ...(options.ownAccounts ?? []),
      ]),
    ];
    const findings = checkTemplates(
      templates.map((t) => ({ name: t.name, template: t.template })),
      {
        ownAccounts: own.length > 0 ? own : undefined,
        organizationId: options.organizationId,
      },
    );
    ({ graph, unplaced } = attachFindings(graph, findings));
  }
  graph = filterGraph(graph, { to: options.to, from: options.from, accounts: options.accounts });
  return { graph, unplaced };
}

/** Renders a graph in one of the formats. */
export function renderGraph(graph: TrustGraph, format: Format, title?: string): string {
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph);
    case 'html':
      return renderHtml(graph, { title });
    default:
      return renderText(graph);
  }
}

function runGraph(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, VALUED, FLAGS);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError('no input: expected a cdk.out folder or at least one template file');
  }
  const one = (name: string) => {
    const values = parsed.options.get(name) ?? [];
    if (values.length > 1)
      throw new UsageError(`--${name}: invalid option: received ${values.length} values; expected one`);
    return values[0];
  };
  const many = (name: string) =>
    (parsed.options.get(name) ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v);
  const format = (one('format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format: invalid format: received '${format}'; expected one of ${FORMATS.join(', ')}`);
  }
  const accountNames = new Map<string, string>();
  for (const pair of parsed.options.get('name') ?? []) {
    const m = /^(\d{12})=(.+)$/.exec(pair.trim());
    if (!m)
      throw new UsageError(
        `--name: invalid account name: received '${pair}'; expected ACCOUNT=NAME with a 12-digit account id`,
      );
    accountNames.set(m[1], m[2]);
  }
  let result: ReturnType<typeof graphOf>;
  try {
    result = graphOf(parsed.positionals, {
      accountNames,
      checks: !parsed.flags.has('no-checks'),
      ownAccounts: many('own-accounts'),
      organizationId: one('organization-id'),
      to: many('to'),
      from: many('from'),
      accounts: many('account'),
    });
  } catch (e) {
    if (e instanceof Error && /^graph: invalid --(to|from|account)/.test(e.message))
      throw new UsageError(e.message.replace(/^graph: /, ''));
    throw e;
  }
  const output = renderGraph(result.graph, format, one('title'));
  const out = one('out');
  if (out === undefined) {
    io.stdout(output);
  } else {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, output);
    const g = result.graph;
    io.stderr(
      `wrote ${out} (${format}): ${g.nodes.length} nodes, ${g.edges.length} edges, ` +
        `${g.edges.filter((e) => e.findings.length > 0).length} flagged by StsChecks\n`,
    );
  }
  for (const f of result.unplaced) {
    io.stderr(`note: ${f.ruleId} on ${f.template} ${f.resource} is on no edge of the graph: ${f.message}\n`);
  }
  return 0;
}
