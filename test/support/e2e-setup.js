// End-to-end layer (jest.config.js): the AWS SDK v3 clients these tests use print a NodeVersionSupportWarning on
// Node.js 20 ("releases after January 2027 require Node.js 22"). It is known (README, requirements) and says nothing
// about the test; the deploy scripts turn it off for the processes they start as well (scripts/emulator/env.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
