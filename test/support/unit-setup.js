// Unit layer (jest.config.js): aws-cdk-lib's built-in CloudFormation validation off unless a test or the caller
// asked for it. It validates every synthesized template against the CloudFormation schema and costs ~6 s of CPU to
// start in each test file; `cdk synth` keeps it (test/e2e/switch-role.e2e.test.ts checks the example passes it).
if (process.env.CDK_VALIDATION === undefined) process.env.CDK_VALIDATION = 'false';

// No creation stack trace on every CloudFormation element (`aws:cdk:creationStack` metadata, for debugging a
// deploy): under jest each one is mapped through the source maps of the transformed sources (about 6% of the unit
// layer's CPU). The context is aws-cdk-lib's own key, read by every App; a test's own CDK_CONTEXT_JSON wins.
if (process.env.CDK_CONTEXT_JSON === undefined) {
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true });
}
