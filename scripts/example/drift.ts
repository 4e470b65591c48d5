/**
 * Trust drift: every deployed role's trust policy (read back from IAM) next to the synthesized one, after the
 * intrinsics CloudFormation would resolve. `npm run demo` fails loudly on any difference, and the end-to-end tests
 * use the same comparison: a deploy that reports success while a role still trusts a removed account is the worst
 * failure a trust library can have.
 */
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { credentialsForAccount, EMULATOR_REGION } from '../emulator';
import { canonicalPolicy, parsePolicyDocument, resolveIntrinsics } from './resolve';

export interface TrustDrift {
  readonly stack: string;
  readonly account: string;
  readonly logicalId: string;
  readonly roleName: string;
  /** The synthesized trust policy, intrinsics resolved, in canonical form. */
  readonly synthesized: unknown;
  /** The trust policy IAM holds, in canonical form; undefined when the role does not exist. */
  readonly deployed: unknown;
}

export interface TrustDriftReport {
  /** Roles compared. */
  readonly roles: number;
  readonly drift: TrustDrift[];
}

/** Compare the trust policy of every `AWS::IAM::Role` of `stacks` (a cloud assembly, see readAssembly) with IAM's. */
export async function findTrustDrift(
  endpoint: string,
  stacks: Map<string, { template: any; account: string }>,
  region: string = EMULATOR_REGION,
): Promise<TrustDriftReport> {
  const drift: TrustDrift[] = [];
  let roles = 0;
  for (const [stack, { template, account }] of stacks) {
    const roleEntries = Object.entries<any>(template.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    if (roleEntries.length === 0) continue;
    const config = { endpoint, region, credentials: await credentialsForAccount(endpoint, account, undefined, region) };
    const cfn = new CloudFormationClient(config);
    const iam = new IAMClient(config);
    try {
      const summaries =
        (await cfn.send(new ListStackResourcesCommand({ StackName: stack }))).StackResourceSummaries ?? [];
      const refs = Object.fromEntries(summaries.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
      const types = Object.fromEntries(Object.entries<any>(template.Resources).map(([id, r]) => [id, r.Type]));
      const ctx = { account, region, partition: 'aws', refs, types };
      for (const [logicalId, resource] of roleEntries) {
        roles++;
        const props = resource.Properties ?? {};
        const roleName = String(
          props.RoleName !== undefined ? resolveIntrinsics(props.RoleName, ctx) : refs[logicalId],
        );
        const synthesized = canonicalPolicy(resolveIntrinsics(props.AssumeRolePolicyDocument, ctx));
        let deployed: unknown;
        try {
          const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
          deployed = canonicalPolicy(parsePolicyDocument(role.AssumeRolePolicyDocument));
        } catch (e) {
          if ((e as Error).name !== 'NoSuchEntityException') throw e;
        }
        if (JSON.stringify(deployed) !== JSON.stringify(synthesized)) {
          drift.push({ stack, account, logicalId, roleName, synthesized, deployed });
        }
      }
    } finally {
      cfn.destroy();
      iam.destroy();
    }
  }
  return { roles, drift };
}

/** A message listing each drifted role with both policies. */
export function formatTrustDrift(drift: ReadonlyArray<TrustDrift>): string {
  const lines = [`TRUST DRIFT: ${drift.length} deployed role(s) do not trust what was synthesized.`];
  for (const d of drift) {
    lines.push(`  ${d.stack} (${d.account}) ${d.logicalId}, role ${d.roleName}:`);
    lines.push(`    synthesized: ${JSON.stringify(d.synthesized)}`);
    lines.push(`    deployed:    ${d.deployed === undefined ? '(no such role)' : JSON.stringify(d.deployed)}`);
  }
  lines.push(
    'The deploy reported success but IAM disagrees: do not trust this environment. Destroy it (npm run demo:destroy) and deploy again.',
  );
  return lines.join('\n');
}

/** Throws {@link formatTrustDrift}'s message when any role drifted; resolves with the number of roles compared. */
export async function assertNoTrustDrift(
  endpoint: string,
  stacks: Map<string, { template: any; account: string }>,
): Promise<number> {
  const { roles, drift } = await findTrustDrift(endpoint, stacks);
  if (drift.length > 0) throw new Error(formatTrustDrift(drift));
  return roles;
}
