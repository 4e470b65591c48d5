import { App, CfnOutput, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { partitionOfRegion, regionalSigninHost, signinHost } from '../../lib/private/partition';

describe('partition hosts', () => {
  test.each([
    ['us-east-1', 'signin.aws.amazon.com'],
    ['cn-north-1', 'signin.amazonaws.cn'],
    ['us-gov-west-1', 'signin.amazonaws-us-gov.com'],
  ])('a stack in %s gets %s as a literal', (region, host) => {
    const stack = new Stack(new App(), 'S', { env: { region, account: '111111111111' } });
    expect(signinHost(stack)).toBe(host);
    expect(regionalSigninHost(stack, region)).toBe(`${region}.${host}`);
  });

  test('an environment-agnostic stack maps AWS::Partition through one mapping', () => {
    const stack = new Stack(new App(), 'S');
    const a = stack.resolve(signinHost(stack));
    new CfnOutput(stack, 'Host', { value: signinHost(stack) });
    new CfnWaitConditionHandle(stack, 'AnyResource');
    expect(a).toEqual({ 'Fn::FindInMap': ['CdkStsKitPartitionHosts', { Ref: 'AWS::Partition' }, 'signin'] });
    const mappings = Template.fromStack(stack).toJSON().Mappings;
    expect(Object.keys(mappings)).toEqual(['CdkStsKitPartitionHosts']);
    expect(mappings.CdkStsKitPartitionHosts['aws-cn'].signin).toBe('signin.amazonaws.cn');
  });
});

describe('partitionOfRegion', () => {
  test("agrees with aws-cdk-lib's region-info for every region it knows (without loading its facts)", () => {
    // GIVEN
    const regions = RegionInfo.regions;
    // WHEN / THEN
    expect(regions.length).toBeGreaterThan(30);
    for (const region of regions)
      expect([region.name, partitionOfRegion(region.name)]).toEqual([region.name, region.partition]);
  });
});
