import { handMadeGraph, largeGraph } from './fixtures';
import { accountsToExpand, collapseGraph, CollapsedNode, MAX_GROUPS, READABLE_NODES } from '../../lib/graph/collapse';

describe('collapseGraph', () => {
  test('merges accounts that look alike into one node, and their parallel edges into one', () => {
    // GIVEN 300 accounts with the same 5 roles trusted by the same groups
    const graph = largeGraph(300, 5);
    // WHEN
    const view = collapseGraph(graph, new Set(['100000000000']));
    // THEN
    const groups = view.nodes.filter((n) => n.id.startsWith('account-group:')) as CollapsedNode[];
    expect(groups).toHaveLength(1);
    expect(groups[0].members).toHaveLength(300);
    expect(groups[0].label).toBe(
      '300 accounts alike: w0, w1, w2, … (+297)\n5 roles: Role0, Role1, Role2, Role3, Role4',
    );
    expect(view.edges.map((e) => [e.from, e.to, e.demands.map((d) => d.text)])).toEqual([
      ['user:100000000000/alice', 'group:100000000000/Admins', []],
      ['group:100000000000/Admins', groups[0].id, ['MFA']],
      ['group:100000000000/Readers', groups[0].id, ['MFA']],
    ]);
  });

  test('beyond MAX_GROUPS groups, accounts are grouped by the shape of their trust, role names aside', () => {
    // GIVEN 300 accounts whose role names all differ
    const base = largeGraph(300, 5);
    const graph = {
      ...base,
      nodes: base.nodes.map((n) => (n.kind === 'role' ? { ...n, label: `${n.label}-${n.account}` } : n)),
    };
    // WHEN
    const view = collapseGraph(graph, new Set(['100000000000']));
    // THEN
    const groups = view.nodes.filter((n) => n.id.startsWith('account-group:'));
    expect(MAX_GROUPS).toBeLessThan(300);
    expect(groups.map((n) => n.label)).toEqual([
      '300 accounts alike: w0, w1, w2, … (+297)\n5 roles each (names differ), e.g. Role0-200000000000, Role1-200000000000, Role2-200000000000, Role3-200000000000, Role4-200000000000',
    ]);
  });

  test('keeps accounts that differ apart', () => {
    // GIVEN prd trusts a vendor, dev does not
    const view = collapseGraph(handMadeGraph(), new Set(['111111111111']));
    // THEN
    expect(view.nodes.filter((n) => n.id.startsWith('account-group:')).map((n) => n.label)).toEqual([
      'dev (222222222222)\n2 roles: Admin, Deploy; 1 other identity',
      'prd (444444444444)\n2 roles: Admin, VendorAudit',
      'vendor (999999999999)\n1 other identity',
    ]);
    expect(view.edges.find((e) => e.from === 'github:*')?.findings.map((f) => f.ruleId)).toEqual([
      'StsChecks-OidcSubjectNotPinned',
    ]);
  });

  test('a small graph stays whole; a large one keeps the accounts people come from expanded', () => {
    expect(accountsToExpand(handMadeGraph())).toEqual(
      new Set(['111111111111', '222222222222', '444444444444', '999999999999']),
    );
    expect(largeGraph(300, 5).nodes.length).toBeGreaterThan(READABLE_NODES);
    expect(accountsToExpand(largeGraph(300, 5))).toEqual(new Set(['100000000000']));
  });
});
