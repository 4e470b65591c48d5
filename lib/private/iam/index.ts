/**
 * The one IAM model of a CloudFormation template (issue 8): read by the nag pack, the testing helpers and the
 * command. Internal: never exported from lib/index.ts.
 */
export * from './text';
export * from './template';
export * from './values';
export * from './policy';
export * from './principals';
export * from './trust';
export * from './size';
export * from './attachments';
export * from './accounts';
export * from './concrete';
