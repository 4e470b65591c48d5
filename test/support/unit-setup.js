// Unit layer (jest.config.js): aws-cdk-lib's built-in CloudFormation validation off unless a test or the caller
// asked for it. It validates every synthesized template against the CloudFormation schema and costs ~2.5 s to
// start in each test file; the e2e layer (and `cdk synth`) keep it.
if (process.env.CDK_VALIDATION === undefined) process.env.CDK_VALIDATION = 'false';
