import { policyLength } from '../../lib/trust/policy-size';

describe('policyLength', () => {
  test('counts JSON without whitespace', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'x y' } }] };
    expect(policyLength(doc)).toEqual({ length: JSON.stringify(doc).length - 1, exact: true });
  });

  test('pseudo parameters count at their longest value; Fn::Join is joined', () => {
    const joined = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] };
    expect(policyLength({ AWS: joined })).toEqual({ length: JSON.stringify({ AWS: 'arn:aws-us-gov:iam::111111111111:root' }).length, exact: true });
  });

  test('other intrinsics are counted as they stand and make the result inexact', () => {
    const result = policyLength({ AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } });
    expect(result.exact).toBe(false);
    expect(result.length).toBeGreaterThan(10);
  });
});
