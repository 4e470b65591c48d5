import { handMadeGraph } from './fixtures';
import { dotString, renderDot, wrapLabel } from '../../lib/graph/dot';

describe('renderDot', () => {
  test('draws one cluster per account and keeps node ids in the SVG (id attribute)', () => {
    // WHEN
    const dot = renderDot(handMadeGraph());
    // THEN
    expect(dot.startsWith('digraph trust {')).toBe(true);
    expect(dot).toContain('id="cluster:111111111111"; label="identity (111111111111)";');
    expect(dot).toContain('n4 [id="role:222222222222/Admin", label="Admin"');
  });

  test('draws flagged edges in the warning colour, member edges dotted', () => {
    const dot = renderDot(handMadeGraph());
    expect(dot).toContain(
      'n11 -> n5 [label="aud sts.amazonaws.com ·\\n⚠ StsChecks-OidcSubjectNotPinned", color="#d97706", fontcolor="#d97706", penwidth=2.2, class="flagged"];',
    );
    expect(dot).toContain('n0 -> n2 [label="member", style=dotted, arrowhead=empty];');
  });

  test('escapes DOT strings', () => {
    expect(dotString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });

  test('wraps long labels at their separators and shortens very long parts', () => {
    expect(wrapLabel('MFA ≤ 1 h, ExternalId, session tag keys team')).toBe(
      'MFA ≤ 1 h, ExternalId,\nsession tag keys team',
    );
    expect(wrapLabel(`sourcearn ~ arn:aws:eks:us-east-1:222222222222:podidentityassociation/workloads/*`)).toBe(
      'sourcearn ~ arn:aws:eks:us-east-1:2222222222…',
    ); // 44 characters and an ellipsis
  });
});
