/**
 * `npm run demo`: the main job. Starts the local AWS emulator on 127.0.0.1 if needed, deploys every stack of
 * the multi-account switch-role example with the real CDK CLI (each stack into its own account), then signs in
 * as alice and switches into `Admin` in each workload account with real STS calls.
 *
 * Accounts and the region come from the same environment variables as the app (STS_KIT_IDENTITY_ACCOUNT, ...).
 * After the deploy, every deployed role's trust policy is compared with the synthesized one: any drift fails the demo.
 *
 *   npm run demo -- [--port N] [--output DIR]     (see scripts/example/options.ts)
 */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { EmulatorHandle, isProcessAlive, startEmulator } from './emulator';
import { deployExample, describeStack, outputsOf, REPO_ROOT } from './example/deploy';
import { assertNoTrustDrift } from './example/drift';
import { demoOptions } from './example/options';
import { prepareDemoUser, switchRoles } from './example/walkthrough';
import { readConfig } from '../examples/multi-account-switch-role/config';
import { SWITCH_ROLE_STACK_NAMES } from '../examples/multi-account-switch-role/app';
import { demoTrustGraph } from './graph-demo';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let emulator: EmulatorHandle | undefined;

async function main(): Promise<void> {
  const started = Date.now();
  const step = (title: string) => console.log(`\n== ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const options = demoOptions(process.argv.slice(2), REPO_ROOT);
  const config = readConfig(new App().node);
  if (config.target !== 'local')
    throw new Error(
      'npm run demo deploys to the local emulator; use `npx cdk deploy --all -c target=aws` for real accounts.',
    );

  step('Starting the local AWS emulator');
  emulator = await startEmulator({ port: options.port });
  console.log(
    `${emulator.reused ? 'Reusing' : 'Started'} the emulator at ${emulator.endpoint} (pid ${emulator.pid}, log ${path.relative(REPO_ROOT, emulator.logFile)})`,
  );

  step('Deploying every example stack with the CDK CLI');
  const stacks = await deployExample({ endpoint: emulator.endpoint, outdir: options.outdir, emulator });

  step("Comparing every deployed role's trust policy with the synthesized one");
  const roles = await assertNoTrustDrift(emulator.endpoint, stacks);
  console.log(`  ${roles} roles in ${stacks.size} stacks: the trust IAM holds is the trust that was synthesized.`);

  step('Drawing who may assume what (the trust graph, scripts/graph-demo.ts)');
  demoTrustGraph(options.outdir, config, REPO_ROOT);

  step('Deployed stacks');
  const stages = ['dev', 'stg', 'prd'] as const;
  const identity = await describeStack(emulator.endpoint, config.identityAccount, SWITCH_ROLE_STACK_NAMES.identity);
  console.log(`  ${SWITCH_ROLE_STACK_NAMES.identity} in ${config.identityAccount}: ${identity?.StackStatus}`);
  const workloadOutputs: Record<string, Record<string, string>> = {};
  for (const stage of stages) {
    const stack = await describeStack(
      emulator.endpoint,
      config.workloadAccounts[stage],
      SWITCH_ROLE_STACK_NAMES[stage],
    );
    workloadOutputs[stage] = outputsOf(stack);
    console.log(`  ${SWITCH_ROLE_STACK_NAMES[stage]} in ${config.workloadAccounts[stage]}: ${stack?.StackStatus}`);
  }

  step('Signing in as alice (identity account) with an access key made for the demo');
  const alice = await prepareDemoUser(emulator.endpoint, config.identityAccount, 'alice');
  console.log(`  GetCallerIdentity: ${alice.userArn}`);
  console.log(`  MFA device: ${alice.mfaSerial}`);

  step('Switching into Admin in each workload account');
  await switchRoles(
    emulator.endpoint,
    alice,
    stages.map((stage) => ({
      label: stage,
      account: config.workloadAccounts[stage],
      roleName: 'Admin',
      switchRoleUrl: workloadOutputs[stage].AdminSwitchRoleUrl,
    })),
  );

  step('Done');
  console.log("alice's ~/.aws/config profiles (stack output AliceAwsCliConfig):");
  console.log(outputsOf(identity).AliceAwsCliConfig?.replace(/^/gm, '  '));
  console.log(
    `The emulator keeps running at ${emulator.endpoint}; \`npm run demo:destroy\` removes the stacks and stops it.`,
  );
  console.log(
    'Note: the emulator issues credentials but does not evaluate trust policies; `npm test` asserts the allow/deny decisions with an IAM policy evaluator.',
  );
}

main().catch((e) => {
  let message = (e as Error).message;
  if (emulator && !isProcessAlive(emulator.pid) && !message.includes(emulator.logFile)) {
    message += `\nThe emulator (pid ${emulator.pid}) is no longer running; its log: ${emulator.logFile}. Run \`npm run demo\` again to start a fresh one.`;
  }
  console.error(`\ndemo failed: ${message}`);
  process.exit(1);
});
