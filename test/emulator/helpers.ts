/** Shared by the emulator tests: one emulator per test file, on a free port, in a temporary state directory. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  StackEvent,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { EmulatorHandle, findFreePort, startEmulator } from '../../scripts/emulator/emulator';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION, EmulatorCredentials } from '../../scripts/emulator/env';

/** A fresh emulator; its stop() also removes its temporary state directory (log included). */
export async function startTestEmulator(): Promise<EmulatorHandle> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-emulator-test-'));
  const emulator = await startEmulator({ port: await findFreePort(), stateDir });
  return {
    ...emulator,
    stop: async () => {
      await emulator.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** SDK client config for the emulator (dummy credentials unless an account's credentials are given). */
export function sdkConfig(endpoint: string, credentials: EmulatorCredentials = EMULATOR_CREDENTIALS) {
  return { endpoint, region: EMULATOR_REGION, credentials, maxAttempts: 1 };
}

export type Template = Record<string, unknown>;

export interface StackResult {
  readonly status: string;
  readonly outputs: Record<string, string>;
  readonly events: StackEvent[];
}

/** The stack's status, outputs and events (moto's CloudFormation works synchronously: no waiting needed). */
export async function describeStack(cfn: CloudFormationClient, stackName: string): Promise<StackResult> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = Stacks![0];
  const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }));
  return {
    status: stack.StackStatus!,
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!])),
    events: StackEvents ?? [],
  };
}

export async function createStack(
  cfn: CloudFormationClient,
  stackName: string,
  template: Template,
): Promise<StackResult> {
  await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template) }));
  return describeStack(cfn, stackName);
}

export async function updateStack(
  cfn: CloudFormationClient,
  stackName: string,
  template: Template,
): Promise<StackResult> {
  await cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template) }));
  return describeStack(cfn, stackName);
}

export async function deleteStack(cfn: CloudFormationClient, stackName: string): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stackName }));
}

/** A policy document allowing `actions` on everything (content does not matter to these tests). */
export function allow(...actions: string[]) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}

/** A trust policy letting `principalArn` assume a role. */
export function trust(principalArn: string) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principalArn }, Action: 'sts:AssumeRole' }],
  };
}

/** Deep copy, to derive an updated template from an original one. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Call an AWS JSON-protocol API that has no SDK client in this repository (e.g. cognito-idp). The emulator
 * routes on the credential scope of the Authorization header and does not verify signatures.
 */
export async function callJsonApi(
  endpoint: string,
  service: string,
  target: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': target,
      Authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${EMULATOR_REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Ask the emulator whether the IAM user's login profile has exactly this password (IAM never reveals it). */
export async function loginPasswordMatches(
  endpoint: string,
  accountId: string,
  userName: string,
  password: string,
): Promise<boolean> {
  const response = await fetch(`${endpoint}/sts-kit/check-password`, {
    method: 'POST',
    body: JSON.stringify({ accountId, userName, password }),
  });
  const body = (await response.json()) as { matches?: boolean; error?: string };
  if (!response.ok) {
    throw new Error(`check-password: ${response.status} ${body.error}`);
  }
  return body.matches === true;
}
