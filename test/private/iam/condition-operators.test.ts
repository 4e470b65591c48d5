import { isKnownConditionOperator, unknownConditionOperators } from '../../../lib/private/iam/policy';

describe('condition operators', () => {
  test.each([
    'StringEquals',
    'stringequals',
    'StringNotLike',
    'NumericLessThanEquals',
    'DateGreaterThan',
    'Bool',
    'BoolIfExists',
    'BinaryEquals',
    'IpAddress',
    'NotIpAddress',
    'ArnLike',
    'ArnNotEqualsIfExists',
    'Null',
    'ForAnyValue:StringLike',
    'ForAllValues:StringEquals',
  ])('%s is known', (operator) => {
    expect(isKnownConditionOperator(operator)).toBe(true);
  });

  test.each([
    'StringEqualz',
    'NullIfExists',
    'ForSomeValues:StringLike',
    'IfExists',
    'ForAnyValue:',
    'StringEquals:Bool',
  ])('%s is not known', (operator) => {
    expect(isKnownConditionOperator(operator)).toBe(false);
  });

  test('unknownConditionOperators lists paths, for a single statement object too', () => {
    expect(
      unknownConditionOperators({
        Statement: [{ Condition: { Bool: {} } }, { Condition: { StringEqualz: {}, Null: {} } }],
      }),
    ).toEqual(['Statement[1].Condition.StringEqualz']);
    expect(unknownConditionOperators({ Statement: { Condition: { Boolean: {} } } })).toEqual([
      'Statement[0].Condition.Boolean',
    ]);
    expect(unknownConditionOperators({})).toEqual([]);
  });
});
