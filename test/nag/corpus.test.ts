import * as fs from 'fs';
import * as path from 'path';
import { CheckOptions, checkTemplates, Finding } from '../../lib/nag/check';

/**
 * The corpus of test/nag/corpus: small trust templates written from public research (each entry of index.json
 * names its source). Every dangerous template must trigger each rule of `expect` (and at least one of
 * `expectOneOf`) at the rule's level; every safe template must trigger no Error. The pack never throws.
 */
interface CorpusEntry {
  readonly file: string;
  readonly expect: string[];
  readonly expectOneOf?: string[];
  readonly options?: CheckOptions;
  readonly source: string;
}

interface CorpusIndex {
  readonly options: CheckOptions;
  readonly entries: CorpusEntry[];
}

const CORPUS = path.join(__dirname, 'corpus');
const INDEX: CorpusIndex = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8'));

/** The pack's warnings; every other rule reports at Error. */
const WARNING_RULES = new Set([
  'StsChecks-CognitoGuestAccessEnabled',
  'StsChecks-ServiceTrustWithoutSourceCondition',
  'StsChecks-WebIdentitySubjectBroad',
]);

function levelOf(ruleId: string): 'Error' | 'Warning' {
  return WARNING_RULES.has(ruleId) ? 'Warning' : 'Error';
}

function check(entry: CorpusEntry): Finding[] {
  const template = JSON.parse(fs.readFileSync(path.join(CORPUS, entry.file), 'utf8'));
  return checkTemplates([{ name: entry.file, template }], { ...INDEX.options, ...entry.options });
}

/** `StsChecks-Rule (Level)` of each finding: the form failures print, so a diff names rule and level. */
function described(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => `${f.ruleId} (${f.level})`))].sort();
}

const dangerous = INDEX.entries.filter((e) => e.file.startsWith('dangerous/'));
const safe = INDEX.entries.filter((e) => e.file.startsWith('safe/'));

describe('the corpus', () => {
  test('holds at least 60 dangerous and 30 safe templates, each with a source and a file', () => {
    // THEN
    expect(dangerous.length).toBeGreaterThanOrEqual(60);
    expect(safe.length).toBeGreaterThanOrEqual(30);
    for (const entry of INDEX.entries) {
      expect(entry.source).toMatch(/^https:\/\/\S+ .*— .+/);
      expect(fs.existsSync(path.join(CORPUS, entry.file))).toBe(true);
    }
    for (const entry of dangerous) {
      expect(entry.expect.length + (entry.expectOneOf?.length ?? 0)).toBeGreaterThan(0);
    }
    for (const entry of safe) {
      expect(entry.expect).toEqual([]);
    }
  });

  test('lists every template file of the corpus folders', () => {
    // GIVEN
    const files = ['dangerous', 'safe'].flatMap((dir) =>
      fs.readdirSync(path.join(CORPUS, dir)).map((f) => `${dir}/${f}`),
    );
    // THEN
    expect(INDEX.entries.map((e) => e.file).sort()).toEqual(files.sort());
  });

  test('never makes the pack throw, and no rule fails to read a resource', () => {
    // GIVEN
    const inputs = INDEX.entries.map((e) => ({
      name: e.file,
      template: JSON.parse(fs.readFileSync(path.join(CORPUS, e.file), 'utf8')),
    }));
    // WHEN
    let findings: Finding[] = [];
    expect(() => {
      findings = checkTemplates(inputs, INDEX.options);
    }).not.toThrow();
    // THEN
    expect(
      findings
        .filter((f) => f.ruleId === 'StsChecks-RuleError')
        .map((f) => `${f.template} ${f.resource}: ${f.message}`),
    ).toEqual([]);
  });
});

describe('a dangerous corpus template', () => {
  test.each(dangerous.map((e) => [e.file, e] as const))('%s triggers its expected rules', (_file, entry) => {
    // WHEN
    const found = described(check(entry));
    // THEN
    expect(found).toEqual(expect.arrayContaining(entry.expect.map((id) => `${id} (${levelOf(id)})`)));
    if (entry.expectOneOf) {
      expect(found.filter((f) => entry.expectOneOf!.some((id) => f === `${id} (${levelOf(id)})`))).not.toEqual([]);
    }
  });
});

describe('a safe corpus template', () => {
  test.each(safe.map((e) => [e.file, e] as const))('%s triggers no Error', (_file, entry) => {
    // WHEN
    const errors = described(check(entry).filter((f) => f.level === 'Error'));
    // THEN
    expect(errors).toEqual([]);
  });
});
