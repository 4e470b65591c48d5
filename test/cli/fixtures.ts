/** Temporary template files and a synthesized cdk.out for the command's tests. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A fresh temporary folder. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sts-kit-cli-'));
}

/** Writes `text` to `name` in `dir` and returns the path. */
export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A template of one role with this trust policy. */
export function roleTemplate(trust: object, extra: object = {}): object {
  return { ...extra, Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } } } };
}

/** A trust policy of one statement. */
export function trust(principal: unknown, condition?: object, action = 'sts:AssumeRole'): object {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) },
    ],
  };
}

/** The own account root, as templates write it. */
export const OWN_ROOT = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };

/**
 * Synthesizes a small app into a temporary cdk.out: stack `Top` (a role trusting every principal), stage `Prod` with
 * stack `Inner` (a role trusting the own account) and, inside it, a nested stack `Nested` (a role trusting
 * `{"AWS":"*"}`). Returns the cdk.out folder.
 */
export function synthCloudAssembly(): string {
  const outdir = tempDir();
  const app = new App({ outdir });
  const top = new Stack(app, 'Top');
  new iam.CfnRole(top, 'OpenRole', { assumeRolePolicyDocument: trust('*') });
  const stage = new Stage(app, 'Prod');
  const inner = new Stack(stage, 'Inner');
  new iam.CfnRole(inner, 'OwnRole', { assumeRolePolicyDocument: trust({ AWS: inner.account }) });
  const nested = new NestedStack(inner, 'Nested');
  new iam.CfnRole(nested, 'NestedOpenRole', { assumeRolePolicyDocument: trust({ AWS: '*' }) });
  app.synth();
  return outdir;
}
