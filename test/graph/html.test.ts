import { handMadeGraph, largeGraph } from './fixtures';
import { graphViews, renderHtml, vizBrowserScript } from '../../lib/graph/html';

describe('renderHtml', () => {
  test('one self-contained page: Graphviz in WebAssembly inlined from node_modules, no remote resource', () => {
    // WHEN
    const html = renderHtml(handMadeGraph(), { title: 'Who <may> assume' });
    // THEN
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Who &lt;may&gt; assume</title>');
    expect(html).toContain(vizBrowserScript().code.slice(0, 200));
    expect(html).not.toMatch(/<(script|img|iframe)[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(
      /https?:\/\/(?!www\.graphviz\.org|libexpat\.github\.io)[a-z0-9.-]+\/[^"'\s]*\.(js|css|wasm)/i,
    );
  });

  test('the embedded views cannot close their script element early', () => {
    // GIVEN a label with markup in it
    const graph = handMadeGraph();
    const nodes = graph.nodes.map((n, i) => (i === 0 ? { ...n, label: '</script><script>alert(1)</script>' } : n));
    // WHEN
    const html = renderHtml({ ...graph, nodes });
    // THEN
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  test('the @viz-js/viz version is the installed one', () => {
    expect(vizBrowserScript().version).toBe(require('../../package.json').dependencies['@viz-js/viz']);
  });
});

describe('graphViews', () => {
  test('a small graph is drawn whole, with one view per own account', () => {
    const views = graphViews(handMadeGraph());
    expect(views.overview).toContain('label="alice"');
    expect(views.accounts.map((a) => a.title)).toEqual([
      'identity (111111111111)',
      'dev (222222222222)',
      'prd (444444444444)',
    ]);
  });

  test("a large graph is collapsed in the overview and whole in each account's view", () => {
    const views = graphViews(largeGraph(300, 5));
    expect(views.overview).toContain('300 accounts alike');
    expect(views.overview).not.toContain('label="Role3"');
    const w7 = views.accounts.find((a) => a.id === '200000000007')!;
    expect(w7.dot).toContain('label="Role3"');
    expect(w7.dot).toContain('label="Admins"');
    // drawn once for the alike accounts, renamed for each
    expect(w7.dot).toContain('Who can assume roles of w7 (200000000007), and what w7 (200000000007) can assume');
    expect(w7.dot).toContain('id="role:200000000007/Role3"');
    expect(w7.dot).not.toContain('200000000000');
  });
});
