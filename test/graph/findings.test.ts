import { handMadeGraph } from './fixtures';
import { attachFindings } from '../../lib/graph/findings';
import { TrustGraph } from '../../lib/graph/graph';

/** The hand-made graph with template and logical ids on the nodes findings name. */
function graph(): TrustGraph {
  const g = handMadeGraph();
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      n.id === 'role:222222222222/Deploy'
        ? { ...n, template: 'dev.json', logicalId: 'Deploy' }
        : n.id === 'group:111111111111/Admins'
          ? { ...n, template: 'hub.json', logicalId: 'Admins' }
          : n,
    ),
  };
}
const finding = (ruleId: string, template: string, resource: string) => ({
  ruleId,
  level: 'Error' as const,
  template,
  resource,
  message: 'm',
});
const flagged = (g: TrustGraph) =>
  g.edges
    .filter((e) => e.findings.length > 0)
    .map((e) => `${e.from} -> ${e.to}: ${e.findings.map((f) => f.ruleId).join(',')}`);

describe('attachFindings', () => {
  test('a web identity rule on a role flags its web identity edges only', () => {
    // WHEN
    const { graph: g, unplaced } = attachFindings(
      { ...graph(), edges: graph().edges.map((e) => ({ ...e, findings: [] })) },
      [finding('StsChecks-WebIdentitySubjectNotPinned', 'dev.json', 'Deploy')],
    );
    // THEN
    expect(unplaced).toEqual([]);
    expect(flagged(g)).toEqual([
      'oidc-provider:222222222222/token.actions.githubusercontent.com -> role:222222222222/Deploy: StsChecks-WebIdentitySubjectNotPinned',
      'github:* -> role:222222222222/Deploy: StsChecks-WebIdentitySubjectNotPinned',
    ]);
  });

  test('a rule about the whole trust policy flags every trust edge of the role', () => {
    const { graph: g } = attachFindings({ ...graph(), edges: graph().edges.map((e) => ({ ...e, findings: [] })) }, [
      finding('StsChecks-TrustPolicyTooLarge', 'dev.json', 'Deploy'),
    ]);
    expect(flagged(g)).toHaveLength(2);
  });

  test('a finding on an identity flags the edges it starts; one on no drawn resource is returned unplaced', () => {
    // WHEN
    const { graph: g, unplaced } = attachFindings(graph(), [
      finding('StsChecks-AssumeRoleOnAnyRole', 'hub.json', 'Admins'),
      finding('StsChecks-X', 'hub.json', 'Nothing'),
    ]);
    // THEN
    expect(flagged(g)).toEqual(
      expect.arrayContaining([
        'group:111111111111/Admins -> role:222222222222/Admin: StsChecks-AssumeRoleOnAnyRole',
        'group:111111111111/Admins -> role:444444444444/Admin: StsChecks-AssumeRoleOnAnyRole',
      ]),
    );
    expect(unplaced.map((f) => f.resource)).toEqual(['Nothing']);
  });
});
