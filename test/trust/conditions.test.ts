import { Duration } from 'aws-cdk-lib';
import { externalIdConditions, mergeConditions, mfaConditions, oneOrMany } from '../../lib/trust/conditions';

describe('conditions', () => {
  test('MFA is Bool on aws:MultiFactorAuthPresent, never BoolIfExists', () => {
    expect(mfaConditions()).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  test('MFA age adds NumericLessThan on aws:MultiFactorAuthAge in seconds', () => {
    expect(mfaConditions(Duration.hours(1))).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    });
  });

  test('ExternalIds are StringEquals: one as a string, several as a list', () => {
    expect(externalIdConditions(['a1'])).toEqual({ StringEquals: { 'sts:ExternalId': 'a1' } });
    expect(externalIdConditions(['a1', 'b2'])).toEqual({ StringEquals: { 'sts:ExternalId': ['a1', 'b2'] } });
  });

  test('merge combines operators and keys without mutating its inputs', () => {
    const a = { StringEquals: { 'sts:ExternalId': 'x1' } };
    const b = {
      StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    };
    const merged = mergeConditions('P', a, undefined, b);
    expect(merged).toEqual({
      StringEquals: { 'sts:ExternalId': 'x1', 'aws:PrincipalOrgID': 'o-1234567890' },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    });
    expect(a).toEqual({ StringEquals: { 'sts:ExternalId': 'x1' } });
  });

  test('merge refuses the same key twice with different values (IAM would AND them)', () => {
    expect(() => mergeConditions('P', { StringEquals: { k: 'a' } }, { StringEquals: { k: 'b' } })).toThrow(
      'P: invalid condition StringEquals k: received \'b\'; expected one value; it is already "a".',
    );
    expect(mergeConditions('P', { StringEquals: { k: 'a' } }, { StringEquals: { k: 'a' } })).toEqual({
      StringEquals: { k: 'a' },
    });
  });

  test('oneOrMany copies lists', () => {
    const list = ['a', 'b'];
    expect(oneOrMany(list)).toEqual(['a', 'b']);
    expect(oneOrMany(list)).not.toBe(list);
    expect(oneOrMany(['a'])).toBe('a');
  });
});
