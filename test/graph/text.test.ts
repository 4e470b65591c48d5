import { handMadeGraph } from './fixtures';
import { edgeNote, renderText } from '../../lib/graph/text';

describe('renderText', () => {
  test('prints one line per way into each role, read right to left, with what each hop demands', () => {
    // GIVEN
    const graph = handMadeGraph();
    // WHEN
    const lines = renderText(graph).trimEnd().split('\n');
    // THEN
    expect(lines).toEqual([
      '4 roles in 3 accounts, 6 trust edges, 1 flagged by StsChecks',
      'dev/Admin ← identity/Admins (MFA ≤ 1 h) ← alice',
      'dev/Admin ← identity/Developers (MFA) ← bob',
      'dev/Deploy ← dev/token.actions.githubusercontent.com (aud sts.amazonaws.com, sub repo:acme/app:environment:dev) ← github:acme/app (environment dev)',
      'dev/Deploy ← github:* (any repository) (aud sts.amazonaws.com) [! StsChecks-OidcSubjectNotPinned]',
      'prd/Admin ← identity/Admins (MFA ≤ 1 h) ← alice',
      'prd/VendorAudit ← vendor (999999999999) (ExternalId)',
    ]);
  });

  test("says when the caller's own policies do not allow the call, or are not in the templates", () => {
    // GIVEN
    const base = { from: 'a', to: 'b', kind: 'assume' as const, demands: [], findings: [] };
    // THEN
    expect(edgeNote({ ...base, identity: 'not-granted' }, 'account')).toBe(
      ' (trust only: no policy of the caller allows it)',
    );
    expect(edgeNote({ ...base, identity: 'unknown' }, 'role')).toBe(" (caller's policies not in these templates)");
    expect(edgeNote({ ...base, identity: 'unknown' }, 'account')).toBe('');
    expect(edgeNote({ ...base, identity: 'allowed' }, 'group')).toBe('');
  });

  test('stops at a cycle of roles that may assume each other', () => {
    // GIVEN
    const edge = (from: string, to: string) => ({
      from,
      to,
      kind: 'assume' as const,
      demands: [],
      identity: 'allowed' as const,
      findings: [],
    });
    const graph = {
      accounts: [{ id: '111111111111', own: true }],
      nodes: [
        { id: 'role:111111111111/A', kind: 'role' as const, label: 'A', account: '111111111111' },
        { id: 'role:111111111111/B', kind: 'role' as const, label: 'B', account: '111111111111' },
      ],
      edges: [edge('role:111111111111/A', 'role:111111111111/B'), edge('role:111111111111/B', 'role:111111111111/A')],
    };
    // THEN
    expect(renderText(graph).split('\n').slice(1, 3)).toEqual([
      '111111111111/A ← 111111111111/B',
      '111111111111/B ← 111111111111/A',
    ]);
  });
});
