import * as fs from 'fs';
import * as path from 'path';
import { checkTemplates, Finding } from '../../lib/nag/check';

/**
 * StsChecks on third-party templates (SaaS onboarding stacks, landing zones, the CDK bootstrap template, GitHub OIDC
 * setups) kept outside the repository in ../shared/real-world. real-world-triage.json holds, per file, what a reviewer
 * expects the pack to report (verdict "true" or "by-design") and what it reported wrongly ("false"): the pack must
 * report exactly the expected findings, by rule and resource.
 */
interface TriageFinding {
  readonly rule: string;
  readonly resource: string;
  readonly verdict: 'true' | 'by-design' | 'false';
  readonly why: string;
}

interface Triage {
  readonly files: Record<string, { readonly findings: TriageFinding[]; readonly notes?: string }>;
}

const DIR = path.resolve(__dirname, '../../../shared/real-world');
const TRIAGE: Triage = JSON.parse(fs.readFileSync(path.join(__dirname, 'real-world-triage.json'), 'utf8'));
const PRESENT = fs.existsSync(DIR);

function read(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
}

/** `StsChecks-Rule on Resource`, once per rule and resource (a rule reports a resource once, whatever its variants). */
function pairs(
  findings: ReadonlyArray<{ readonly ruleId?: string; readonly rule?: string; readonly resource: string }>,
): string[] {
  return [...new Set(findings.map((f) => `${f.ruleId ?? f.rule} on ${f.resource}`))].sort();
}

describe('the real-world triage', () => {
  test('gives every finding a verdict and a reason', () => {
    // THEN
    for (const entry of Object.values(TRIAGE.files)) {
      for (const finding of entry.findings) {
        expect(finding.rule).toMatch(/^StsChecks-[A-Za-z]+$/);
        expect(['true', 'by-design', 'false']).toContain(finding.verdict);
        expect(finding.why.length).toBeGreaterThan(20);
      }
    }
  });
});

if (!PRESENT) {
  test.skip(`real-world templates: ${DIR} does not exist, so the pack is not run on them (the triage is checked only where ../shared/real-world is present)`, () => {});
} else {
  describe('StsChecks on the real-world templates', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();

    test('the triage covers exactly the templates of the folder', () => {
      // THEN
      expect(Object.keys(TRIAGE.files).sort()).toEqual(files);
    });

    test('never throws and no rule fails to read a resource', () => {
      // GIVEN
      const inputs = files.map((file) => ({ name: file, template: read(file) }));
      // WHEN
      let findings: Finding[] = [];
      expect(() => {
        findings = checkTemplates(inputs);
      }).not.toThrow();
      // THEN
      expect(
        findings
          .filter((f) => f.ruleId === 'StsChecks-RuleError')
          .map((f) => `${f.template} ${f.resource}: ${f.message}`),
      ).toEqual([]);
    });

    test.each(files)('%s: the pack reports exactly the findings a reviewer expects', (file) => {
      // GIVEN
      const expected = (TRIAGE.files[file]?.findings ?? []).filter((f) => f.verdict !== 'false');
      // WHEN
      const findings = checkTemplates([{ name: file, template: read(file) }]);
      // THEN
      expect(pairs(findings)).toEqual(pairs(expected));
    });
  });
}
