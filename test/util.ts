import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A stack in the example's dev account (222222222222), us-east-1. */
export function devStack(id = 'Dev'): Stack {
  return new Stack(new App(), id, { env: { account: '222222222222', region: 'us-east-1' } });
}

/** The `AssumeRolePolicyDocument.Statement` of the only role (or the one with `roleName`) in a stack. */
export function trustStatements(stack: Stack, roleName?: string): any[] {
  const roles = Template.fromStack(stack).findResources(
    'AWS::IAM::Role',
    roleName ? { Properties: { RoleName: roleName } } : undefined,
  );
  const all = Object.values(roles);
  if (all.length !== 1)
    throw new Error(`expected one role${roleName ? ` named ${roleName}` : ''}, found ${all.length}`);
  return (all[0] as any).Properties.AssumeRolePolicyDocument.Statement;
}

/** `arn:${AWS::Partition}:iam::<account>:root` as synthesized. */
export function rootArn(account: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] };
}

export const ADMIN_POLICY = () => iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');

/** An App with cdk.json's context (feature flags), as `cdk synth` builds it, plus `extra`. */
export function projectApp(extra: Record<string, string> = {}, outdir?: string): App {
  const cdkJson = require('../cdk.json');
  return new App({ context: { ...cdkJson.context, ...extra }, outdir });
}
