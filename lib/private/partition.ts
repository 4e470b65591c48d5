import { Aws, CfnMapping, Fn, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Hosts that differ per AWS partition. */
interface PartitionHosts {
  /** Console sign-in host (switch-role page, SAML endpoint, federation endpoint). */
  readonly signin: string;
  /** Domain suffix of regional sign-in hosts (`<region>.signin.<suffix>`). */
  readonly regionalSigninSuffix: string;
}

const HOSTS: { [partition: string]: PartitionHosts } = {
  aws: { signin: 'signin.aws.amazon.com', regionalSigninSuffix: 'signin.aws.amazon.com' },
  'aws-cn': { signin: 'signin.amazonaws.cn', regionalSigninSuffix: 'signin.amazonaws.cn' },
  'aws-us-gov': { signin: 'signin.amazonaws-us-gov.com', regionalSigninSuffix: 'signin.amazonaws-us-gov.com' },
};

/** The partitions this library knows hosts for. */
export const KNOWN_PARTITIONS = Object.keys(HOSTS);

/**
 * The partition of a scope, as a plain string when it can be known at synth time
 * (the stack's region is concrete), otherwise `undefined`.
 */
export function concretePartition(scope: IConstruct): string | undefined {
  const stack = Stack.of(scope);
  if (!Token.isUnresolved(stack.partition)) return stack.partition;
  if (!Token.isUnresolved(stack.region)) {
    return partitionOfRegion(stack.region);
  }
  return undefined;
}

/**
 * Region-name prefixes of the partitions other than `aws`, as aws-cdk-lib's region-info has them
 * (aws-cdk-lib/region-info/lib/aws-entities). Read here rather than through `RegionInfo`: importing
 * `aws-cdk-lib/region-info` loads every fact of every region, about 190 ms of CPU at start-up.
 */
const PARTITION_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-de-', 'aws-eusc'],
];

/** The partition of a (concrete) region name: `aws-cn` for `cn-north-1`, `aws` for `eu-west-1`. */
export function partitionOfRegion(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

const MAPPING_ID = 'CdkStsKitPartitionHosts';

/**
 * The console sign-in host of the scope's partition (`signin.aws.amazon.com` in the commercial
 * partition, `signin.amazonaws.cn` in China, `signin.amazonaws-us-gov.com` in GovCloud).
 *
 * A literal when the partition is known at synth time; otherwise a `Fn::FindInMap` on
 * `AWS::Partition` through one mapping per stack, so an environment-agnostic stack still gets the
 * right host in every partition.
 */
export function signinHost(scope: IConstruct): string {
  return partitionHost(scope, 'signin');
}

function partitionHost(scope: IConstruct, key: keyof PartitionHosts): string {
  const partition = concretePartition(scope);
  if (partition !== undefined) {
    const hosts = HOSTS[partition];
    if (!hosts) {
      throw new Error(
        `${scope.node.path}: unsupported AWS partition '${partition}'; expected one of ${KNOWN_PARTITIONS.join(', ')}.`,
      );
    }
    return hosts[key];
  }
  const stack = Stack.of(scope);
  const mapping =
    (stack.node.tryFindChild(MAPPING_ID) as CfnMapping | undefined) ??
    new CfnMapping(stack, MAPPING_ID, {
      mapping: Object.fromEntries(Object.entries(HOSTS).map(([p, h]) => [p, { ...h }])),
    });
  return Fn.findInMap(mapping.logicalId, Aws.PARTITION, key);
}

/** The regional sign-in host for `region` (`us-east-1.signin.aws.amazon.com`), partition-aware. */
export function regionalSigninHost(scope: IConstruct, region: string): string {
  return `${region}.${partitionHost(scope, 'regionalSigninSuffix')}`;
}

/**
 * The console sign-in host of a partition named at run time (for code that runs outside a CDK app,
 * such as a federation broker building sign-in URLs).
 *
 * @throws when the partition is not one of {@link KNOWN_PARTITIONS}
 */
export function signinHostOfPartition(partition: string): string {
  if (!Object.prototype.hasOwnProperty.call(HOSTS, partition)) {
    throw new Error(`unsupported AWS partition '${partition}'; expected one of ${KNOWN_PARTITIONS.join(', ')}.`);
  }
  return HOSTS[partition].signin;
}
