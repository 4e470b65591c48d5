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

  test('merge compares keys without case, as IAM does (found by a red-team pass: saml:aud beside SAML:aud)', () => {
    // GIVEN the audience pin and an additional condition on the same key in another case
    const pin = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
    // WHEN another value is merged  THEN it is refused, naming the first spelling; the same value is kept once
    expect(() => mergeConditions('P', pin, { StringEquals: { 'saml:aud': 'https://evil.example.com/saml' } })).toThrow(
      'P: invalid condition StringEquals saml:aud: received \'https://evil.example.com/saml\'; expected one value; it is already "https://signin.aws.amazon.com/saml" (as SAML:aud: condition keys ignore case).',
    );
    expect(mergeConditions('P', pin, { StringEquals: { 'saml:AUD': 'https://signin.aws.amazon.com/saml' } })).toEqual(
      pin,
    );
  });

  test('oneOrMany copies lists', () => {
    const list = ['a', 'b'];
    expect(oneOrMany(list)).toEqual(['a', 'b']);
    expect(oneOrMany(list)).not.toBe(list);
    expect(oneOrMany(['a'])).toBe('a');
  });
});
