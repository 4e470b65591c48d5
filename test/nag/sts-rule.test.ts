import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { DEFAULT_RULE_OPTIONS, DEFAULT_TRUST_POLICY_SIZE_QUOTA, defineRule, RuleOptions } from '../../lib/nag/sts-rule';
import { allow, doc, newStack, role } from './helpers';

describe('defineRule', () => {
  test('names the rule after its file and carries its level and messages', () => {
    // GIVEN a rule defined from a file path
    const rule = defineRule(
      '/somewhere/lib/nag/rules/MyRule.ts',
      { level: NagMessageLevel.WARN, info: 'i', explanation: 'e' },
      () => NagRuleCompliance.COMPLIANT,
    );
    // THEN its name is the file name and its metadata is attached
    expect(rule.name).toBe('MyRule');
    expect([rule.level, rule.info, rule.explanation]).toEqual([NagMessageLevel.WARN, 'i', 'e']);
  });

  test('passes the default options when called alone, and the given ones otherwise', () => {
    // GIVEN a rule that reports the quota it received
    const seen: RuleOptions[] = [];
    const rule = defineRule('X.ts', { level: NagMessageLevel.ERROR, info: 'i', explanation: 'e' }, (_node, options) => {
      seen.push(options);
      return NagRuleCompliance.NOT_APPLICABLE;
    });
    const node = role(newStack(), doc(allow('*')));
    // WHEN called without and with options
    rule(node);
    rule(node, { ...DEFAULT_RULE_OPTIONS, trustPolicySizeQuota: 4096 });
    // THEN the defaults are 2,048 and no own account, and given options pass through
    expect(seen[0]).toEqual({ ownAccounts: [], trustPolicySizeQuota: DEFAULT_TRUST_POLICY_SIZE_QUOTA });
    expect(DEFAULT_TRUST_POLICY_SIZE_QUOTA).toBe(2048);
    expect(seen[1].trustPolicySizeQuota).toBe(4096);
  });
});
