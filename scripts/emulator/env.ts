/**
 * Environment and credentials for talking to the emulator: dummy credentials only, never real ones.
 *
 * Accounts: moto puts a request in the account that owns its access key. The dummy key `testing` belongs to
 * no account, so it lands in moto's default account 123456789012. Credentials returned by the emulator's STS
 * AssumeRole for `arn:aws:iam::<ACCOUNT>:role/<any name>` belong to <ACCOUNT> (the role need not exist), so
 * every request made with them lands in that account. That is how `cdk deploy` puts each stack in the account
 * of its `env` (it assumes the synthesizer's deploy role in that account) and how `credentialsForAccount`
 * below reaches an account. See README.md, "The local AWS emulator".
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/** Region the emulator is used with by default. */
export const EMULATOR_REGION = 'us-east-1';
/** moto's account for credentials it does not know (the dummy `testing` key). */
export const EMULATOR_DEFAULT_ACCOUNT = '123456789012';
/** Dummy credentials: moto accepts any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

export interface EmulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Variables that could point a child process at real AWS credentials or endpoints: removed. */
const SCRUBBED =
  /^AWS_(PROFILE|DEFAULT_PROFILE|SESSION_TOKEN|SECURITY_TOKEN|CONFIG_FILE|SHARED_CREDENTIALS_FILE|ROLE_ARN|ROLE_SESSION_NAME|WEB_IDENTITY_TOKEN_FILE|CONTAINER_CREDENTIALS_.*|CONTAINER_AUTHORIZATION_TOKEN.*|ENDPOINT_URL.*|ACCESS_KEY_ID|SECRET_ACCESS_KEY|CREDENTIAL_EXPIRATION)$/;

/**
 * A copy of `base` for a child process (the CDK CLI, the AWS CLI...) that talks only to the emulator:
 * every AWS credential/profile/endpoint variable removed, then AWS_ENDPOINT_URL, dummy keys and the region set.
 * Shared config files are pointed at /dev/null so no profile can supply real credentials.
 */
export function emulatorProcessEnv(
  endpoint: string,
  base: NodeJS.ProcessEnv = process.env,
  region: string = EMULATOR_REGION,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!SCRUBBED.test(key)) {
      env[key] = value;
    }
  }
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * Credentials whose requests land in `accountId` on the emulator: obtained from the emulator's STS by assuming
 * `arn:aws:iam::<accountId>:role/<roleName>` (moto does not require the role to exist or evaluate its trust).
 *
 * @example
 * const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: await credentialsForAccount(endpoint, '222222222222') });
 */
export async function credentialsForAccount(
  endpoint: string,
  accountId: string,
  roleName = 'cdk-sts-kit-emulator',
  region: string = EMULATOR_REGION,
): Promise<EmulatorCredentials> {
  if (!/^\d{12}$/.test(accountId)) {
    throw new Error(`credentialsForAccount: account id must be 12 digits, got ${JSON.stringify(accountId)}`);
  }
  const sts = new STSClient({ endpoint, region, credentials: EMULATOR_CREDENTIALS });
  try {
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
        RoleSessionName: 'cdk-sts-kit-emulator',
      }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new Error(`the emulator's STS returned no credentials for account ${accountId}`);
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}
