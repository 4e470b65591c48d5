import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountsToExpand, collapseGraph, CollapsedNode, READABLE_NODES } from './collapse';
import { renderDot } from './dot';
import { filterGraph } from './filter';
import { GraphIndex, TrustGraph } from './graph';
import { MUTED_COLOR, WARNING_COLOR } from './mermaid';
import { renderText } from './text';

/** The views of the page: the overview, and one view per account when the overview is collapsed. */
export interface GraphViews {
  readonly overview: string;
  readonly accounts: Array<{ readonly id: string; readonly title: string; readonly dot: string }>;
}

/** DOT of every view: small graphs whole; large ones collapsed, with one detailed view per account. */
export function graphViews(graph: TrustGraph): GraphViews {
  const index = new GraphIndex(graph);
  const collapsed = graph.nodes.length > READABLE_NODES;
  const overview = collapsed ? collapseGraph(graph, accountsToExpand(graph)) : graph;
  // Accounts grouped as alike in the overview have the same view but for their id and name: draw one, rename it.
  const representative = new Map<string, string>();
  for (const n of overview.nodes as CollapsedNode[]) {
    if (n.members && n.members.length > 1) for (const m of n.members.slice(1)) representative.set(m, n.members[0]);
  }
  const labels = (account: string) =>
    index.byAccount
      .get(account)!
      .map((n) => n.label)
      .sort()
      .join('\n');
  const drawn = new Map<string, { title: string; dot: string }>();
  const accounts = graph.accounts
    .filter((a) => a.own && index.byAccount.has(a.id))
    .map((a) => {
      const name = index.accountLabel(a.id)!;
      const title = name === a.id ? a.id : `${name} (${a.id})`;
      const rep = representative.get(a.id);
      const like = rep !== undefined ? drawn.get(rep) : undefined;
      if (rep !== undefined && like && labels(rep) === labels(a.id)) {
        return { id: a.id, title, dot: like.dot.split(like.title).join(title).split(rep).join(a.id) };
      }
      const sub = filterGraph(graph, { accounts: [a.id] }, index);
      const view = sub.nodes.length > READABLE_NODES ? collapseGraph(sub, new Set([a.id])) : sub;
      const dot = renderDot(view, `Who can assume roles of ${title}, and what ${title} can assume`);
      drawn.set(a.id, { title, dot });
      return { id: a.id, title, dot };
    });
  return {
    overview: renderDot(
      overview,
      collapsed
        ? `${graph.accounts.filter((a) => a.own).length} accounts; alike accounts grouped (pick one to expand it)`
        : undefined,
    ),
    accounts,
  };
}

/** The text of `@viz-js/viz`'s browser build (Graphviz in WebAssembly, the wasm inlined), read from node_modules. */
export function vizBrowserScript(): { version: string; code: string } {
  // The package exports only its entry points: find its folder from the CommonJS one (dist/viz.cjs).
  const dir = path.dirname(path.dirname(require.resolve('@viz-js/viz', { paths: [__dirname, process.cwd()] })));
  const pkg = path.join(dir, 'package.json');
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version as string;
  return { version, code: fs.readFileSync(path.join(dir, 'dist', 'viz-global.js'), 'utf8') };
}

/** Inline text for a <script> element: it must not close the element early. */
function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text as JSON safe to inline in an HTML <script type="application/json">. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trust-graph-views').textContent);
  var container = document.getElementById('graph');
  var picker = document.getElementById('view');
  var status = document.getElementById('status');
  var views = { overview: data.overview };
  data.accounts.forEach(function (a) {
    views['account:' + a.id] = a.dot;
    var option = document.createElement('option');
    option.value = 'account:' + a.id;
    option.textContent = a.title;
    picker.appendChild(option);
  });
  Viz.instance().then(function (viz) {
    function show(key) {
      var started = performance.now();
      var svg = viz.renderSVGElement(views[key]);
      container.replaceChildren(svg);
      picker.value = key;
      svg.querySelectorAll('g.node, g.cluster').forEach(function (g) {
        var id = g.getAttribute('id') || '';
        var m = /^(?:account-group|cluster):(\\d{12}|[^+]+)/.exec(id);
        if (m && views['account:' + m[1]] && key !== 'account:' + m[1]) {
          g.style.cursor = 'pointer';
          // a cluster's box is not filled: make its whole area clickable (nodes inside are drawn above it)
          g.querySelectorAll(':scope > polygon, :scope > path').forEach(function (shape) { shape.style.pointerEvents = 'visible'; });
          g.addEventListener('click', function () { show('account:' + m[1]); });
        }
      });
      document.body.setAttribute('data-rendered', key);
      status.textContent = 'rendered in ' + Math.round(performance.now() - started) + ' ms';
    }
    picker.addEventListener('change', function () { show(picker.value); });
    show('overview');
  }).catch(function (e) {
    container.textContent = 'The graph could not be drawn: ' + e;
    document.body.setAttribute('data-rendered', 'error');
    console.error(e);
  });
})();
`;

/**
 * A self-contained HTML page: the graph as DOT, drawn in the browser by Graphviz in WebAssembly (`@viz-js/viz`,
 * inlined from node_modules at generation time), so the page needs no network at view time.
 */
export function renderHtml(graph: TrustGraph, options: { title?: string } = {}): string {
  const title = options.title ?? 'Trust graph: who may assume what';
  const viz = vizBrowserScript();
  const views = graphViews(graph);
  const summary = renderText(graph);
  const flagged = graph.edges.filter((e) => e.findings.length > 0).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cdk-sts-kit graph; @viz-js/viz ${escapeHtml(viz.version)}">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 0; color: #111827; background: #fff; }
  header { padding: 10px 16px; border-bottom: 1px solid #e5e7eb; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  h1 { font-size: 17px; margin: 0; }
  .legend { font-size: 12px; color: #374151; display: flex; gap: 12px; flex-wrap: wrap; }
  .legend span { white-space: nowrap; }
  .swatch { display: inline-block; width: 18px; height: 0; border-top: 2px solid #4b5563; vertical-align: middle; margin-right: 4px; }
  #graph { padding: 8px; overflow: auto; }
  #graph svg { max-width: 100%; height: auto; }
  #status { font-size: 11px; color: #6b7280; }
  details { margin: 8px 16px 16px; font-size: 12px; }
  pre { white-space: pre-wrap; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <label>View <select id="view"><option value="overview">Overview</option></select></label>
  <div class="legend">
    <span><i class="swatch"></i>may assume (labelled with what the trust demands)</span>
    <span><i class="swatch" style="border-top-style: dotted"></i>member of / through</span>
    <span><i class="swatch" style="border-top: 2px dashed ${MUTED_COLOR}"></i>trust only: the caller's policies do not allow it</span>
    <span><i class="swatch" style="border: 1px dashed #64748b; height: 8px"></i>a role outside the templates (its trust not known)</span>
    <span><i class="swatch" style="border-top: 3px solid ${WARNING_COLOR}"></i>flagged by StsChecks (rule id on the edge)${flagged ? `: ${flagged}` : ''}</span>
  </div>
  <span id="status"></span>
</header>
<main id="graph">Drawing…</main>
<details><summary>Text summary</summary><pre>${escapeHtml(summary)}</pre></details>
<script type="application/json" id="trust-graph-views">${inlineJson(views)}</script>
<script>${scriptText(viz.code)}</script>
<script>${scriptText(PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
