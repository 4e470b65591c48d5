import { handMadeGraph } from './fixtures';
import { filterGraph, globMatch } from '../../lib/graph/filter';

const ids = (g: { nodes: { id: string }[] }) => g.nodes.map((n) => n.id).sort();

describe('filterGraph', () => {
  test('--to keeps what can reach the matching roles, by qualified name', () => {
    // WHEN
    const graph = filterGraph(handMadeGraph(), { to: ['prd/Admin'] });
    // THEN
    expect(ids(graph)).toEqual(['group:111111111111/Admins', 'role:444444444444/Admin', 'user:111111111111/alice']);
    expect(graph.edges).toHaveLength(2);
    expect(graph.accounts.map((a) => a.id)).toEqual(['111111111111', '444444444444']);
  });

  test('--from keeps what matching parties can reach; a glob matches node ids', () => {
    // WHEN
    const graph = filterGraph(handMadeGraph(), { from: ['github:acme/*'] });
    // THEN
    expect(ids(graph)).toEqual([
      'github:acme/app:environment:dev',
      'oidc-provider:222222222222/token.actions.githubusercontent.com',
      'role:222222222222/Deploy',
    ]);
  });

  test('--to and --from together keep the paths between them', () => {
    const graph = filterGraph(handMadeGraph(), { from: ['identity/bob'], to: ['*/Admin'] });
    expect(ids(graph)).toEqual(['group:111111111111/Developers', 'role:222222222222/Admin', 'user:111111111111/bob']);
  });

  test('--account keeps the paths into and out of an account, by id or name', () => {
    expect(ids(filterGraph(handMadeGraph(), { accounts: ['prd'] }))).toEqual(
      ids(filterGraph(handMadeGraph(), { accounts: ['444444444444'] })),
    );
    expect(ids(filterGraph(handMadeGraph(), { accounts: ['prd'] }))).toEqual([
      'account:999999999999',
      'group:111111111111/Admins',
      'role:444444444444/Admin',
      'role:444444444444/VendorAudit',
      'user:111111111111/alice',
    ]);
  });

  test('no filter returns the graph as it is', () => {
    const graph = handMadeGraph();
    expect(filterGraph(graph, {})).toBe(graph);
  });

  test('a pattern that matches nothing is an error that shows what names look like', () => {
    expect(() => filterGraph(handMadeGraph(), { to: ['stg/Admin'] })).toThrow(
      /^graph: invalid --to: received 'stg\/Admin'; expected a name or glob matching a node \(names look like: identity\/alice, /,
    );
  });

  test('globs: * matches any text, everything else literally', () => {
    expect(globMatch('github:acme/*', 'github:acme/app:environment:dev')).toBe(true);
    expect(globMatch('prd/Admin', 'prd/Admin')).toBe(true);
    expect(globMatch('prd/Admin', 'prd/AdminX')).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });
});
