import { handMadeGraph } from './fixtures';
import { edgeLabel, renderMermaid, WARNING_COLOR } from '../../lib/graph/mermaid';

describe('renderMermaid', () => {
  test('writes a flowchart with a subgraph per account and shapes per kind', () => {
    // WHEN
    const text = renderMermaid(handMadeGraph());
    // THEN
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('  subgraph a0["identity (111111111111)"]\n    n0(["alice"])\n');
    expect(text).toContain('    n2[["Admins"]]');
    expect(text).toContain('    n4["Admin"]');
    expect(text).toContain('  n10{{"github:acme/app (environment dev)"}}');
  });

  test('an account drawn as one node gets no subgraph of its own', () => {
    expect(renderMermaid(handMadeGraph())).toContain('  n8[("vendor (999999999999)")]');
    expect(renderMermaid(handMadeGraph())).not.toContain('subgraph a3');
  });

  test('labels edges with their demands and colours flagged edges with the rule id', () => {
    // WHEN
    const lines = renderMermaid(handMadeGraph()).split('\n');
    // THEN
    expect(lines).toContain('  n2 -->|"MFA ≤ 1 h"| n4');
    expect(lines).toContain('  n0 -.->|"member"| n2');
    expect(lines).toContain('  n11 -->|"aud sts.amazonaws.com · ⚠ StsChecks-OidcSubjectNotPinned"| n5');
    expect(lines).toContain(`  linkStyle 8 stroke:${WARNING_COLOR},stroke-width:2px,color:${WARNING_COLOR}`);
  });

  test('escapes quotes, angle brackets and pipes in labels', () => {
    // GIVEN
    const graph = { accounts: [], nodes: [{ id: 'x', kind: 'role' as const, label: 'a "b" <c> | d' }], edges: [] };
    // THEN
    expect(renderMermaid(graph)).toContain('n0["a #quot;b#quot; #lt;c#gt; #124; d"]');
  });

  test("an edge label says trust only when the caller's policies do not allow the call", () => {
    expect(
      edgeLabel({
        from: 'a',
        to: 'b',
        kind: 'assume',
        demands: [{ key: 'mfa', text: 'MFA' }],
        identity: 'not-granted',
        findings: [],
      }),
    ).toBe('MFA · trust only');
  });
});
