/**
 * The switch-role story, with real STS calls against the emulator: a person of the identity account signs
 * in with an access key made for the demo, proves who they are, and switches into a role in each workload
 * account with their MFA device.
 */
import {
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { credentialsForAccount, EmulatorCredentials, EMULATOR_REGION } from '../emulator';

export interface SwitchTarget {
  /** e.g. `dev` */
  readonly label: string;
  readonly account: string;
  readonly roleName: string;
  /** The console link from the stack's outputs, if it has one. */
  readonly switchRoleUrl?: string;
}

export interface SwitchResult extends SwitchTarget {
  readonly assumedArn: string;
  readonly assumedAccount: string;
  readonly expiration: Date;
  readonly credentials: EmulatorCredentials;
}

export interface DemoUser {
  readonly userName: string;
  readonly userArn: string;
  readonly mfaSerial: string;
  readonly credentials: EmulatorCredentials;
}

/**
 * Give `userName` of the identity account an access key and a virtual MFA device for the demo (as an
 * administrator of that account would, or the person through MFA self-service). Old demo keys are removed first,
 * so the walk can be repeated.
 */
export async function prepareDemoUser(endpoint: string, identityAccount: string, userName: string): Promise<DemoUser> {
  const iam = new IAMClient({
    endpoint,
    region: EMULATOR_REGION,
    credentials: await credentialsForAccount(endpoint, identityAccount),
  });
  for (const key of (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []) {
    await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId! }));
  }
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  const devices = (await iam.send(new ListMFADevicesCommand({ UserName: userName }))).MFADevices ?? [];
  let mfaSerial = devices[0]?.SerialNumber;
  if (!mfaSerial) {
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: userName }));
    mfaSerial = device.VirtualMFADevice!.SerialNumber!;
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: userName,
        SerialNumber: mfaSerial,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
  }
  const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const me = await new STSClient({ endpoint, region: EMULATOR_REGION, credentials }).send(
    new GetCallerIdentityCommand({}),
  );
  return { userName, userArn: me.Arn!, mfaSerial, credentials };
}

/**
 * Remove what `prepareDemoUser` made outside CloudFormation (access keys, the MFA device): IAM refuses to
 * delete a user that still has them, so this runs before the stacks are destroyed.
 */
export async function cleanUpDemoUser(endpoint: string, identityAccount: string, userName: string): Promise<void> {
  const iam = new IAMClient({
    endpoint,
    region: EMULATOR_REGION,
    credentials: await credentialsForAccount(endpoint, identityAccount),
  });
  let keys;
  try {
    keys = (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? [];
  } catch (e) {
    if ((e as Error).name === 'NoSuchEntityException') return; // never deployed
    throw e;
  }
  for (const key of keys)
    await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId! }));
  for (const device of (await iam.send(new ListMFADevicesCommand({ UserName: userName }))).MFADevices ?? []) {
    await iam.send(new DeactivateMFADeviceCommand({ UserName: userName, SerialNumber: device.SerialNumber! }));
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber! }));
  }
}

/** `AssumeRole` as `user` into each target (with MFA serial and code), then `GetCallerIdentity` as the role. */
export async function switchRoles(
  endpoint: string,
  user: DemoUser,
  targets: SwitchTarget[],
  log: (line: string) => void = console.log,
): Promise<SwitchResult[]> {
  const sts = new STSClient({ endpoint, region: EMULATOR_REGION, credentials: user.credentials });
  const results: SwitchResult[] = [];
  for (const target of targets) {
    const roleArn = `arn:aws:iam::${target.account}:role/${target.roleName}`;
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: user.userName,
        SerialNumber: user.mfaSerial,
        TokenCode: '123456',
        DurationSeconds: 3600,
      }),
    );
    const c = assumed.Credentials!;
    const credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    const who = await new STSClient({ endpoint, region: EMULATOR_REGION, credentials }).send(
      new GetCallerIdentityCommand({}),
    );
    log(`  ${target.label}: AssumeRole ${roleArn} with MFA ${user.mfaSerial}`);
    log(`    -> GetCallerIdentity: ${who.Arn} (account ${who.Account}), expires ${c.Expiration!.toISOString()}`);
    if (target.switchRoleUrl) log(`    console: ${target.switchRoleUrl}`);
    results.push({
      ...target,
      assumedArn: who.Arn!,
      assumedAccount: who.Account!,
      expiration: c.Expiration!,
      credentials,
    });
  }
  return results;
}
