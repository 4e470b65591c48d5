import { Node } from 'constructs';

/**
 * Where and how the example deploys. Every value comes from cdk.json context (`-c key=value`) or the
 * environment variable next to it, and defaults to the fixed ids of the design (local emulator).
 */
export interface SwitchRoleExampleConfig {
  /** The identity (hub) account: users and groups. Context `identityAccount`, env `STS_KIT_IDENTITY_ACCOUNT`. */
  readonly identityAccount: string;
  /** Workload accounts by stage. Context `devAccount`/`stgAccount`/`prdAccount`, env `STS_KIT_DEV_ACCOUNT`/... */
  readonly workloadAccounts: { readonly dev: string; readonly stg: string; readonly prd: string };
  /** The third-party vendor's account. Context `vendorAccount`, env `STS_KIT_VENDOR_ACCOUNT`. */
  readonly vendorAccount: string;
  /** The ExternalId the vendor must present. Context `vendorExternalId`, env `STS_KIT_VENDOR_EXTERNAL_ID`. */
  readonly vendorExternalId: string;
  /** Region of every stack. Context `region`, env `STS_KIT_REGION`. */
  readonly region: string;
  /**
   * `local` (default): the local emulator, `BootstraplessSynthesizer`, no analytics metadata.
   * `aws`: real accounts with the default synthesizer (each account bootstrapped, trusting the deploying account).
   * Context `target`, env `STS_KIT_TARGET`.
   */
  readonly target: 'local' | 'aws';
  /** More accounts whose people may switch into the workload roles (with MFA). Context `extraTrustedAccounts` (comma-separated). */
  readonly extraTrustedAccounts: string[];
}

export const DEFAULT_ACCOUNTS = {
  identity: '111111111111',
  dev: '222222222222',
  stg: '333333333333',
  prd: '444444444444',
  vendor: '999999999999',
} as const;

/** The example's demo ExternalId. Replace it with the value your vendor gives you. */
export const DEMO_VENDOR_EXTERNAL_ID = 'cdk-sts-kit-demo-vendor-7f3a9c';

export function readConfig(node: Node, env: NodeJS.ProcessEnv = process.env): SwitchRoleExampleConfig {
  const read = (key: string, envName: string, fallback: string): string => {
    const fromContext = node.tryGetContext(key);
    const value = fromContext !== undefined ? String(fromContext) : (env[envName] ?? fallback);
    return value.trim();
  };
  const account = (key: string, envName: string, fallback: string): string => {
    const value = read(key, envName, fallback);
    if (!/^\d{12}$/.test(value)) {
      throw new Error(
        `example config: invalid ${key}: received '${value}'; expected a 12-digit AWS account id (context -c ${key}=... or env ${envName}).`,
      );
    }
    return value;
  };
  const target = read('target', 'STS_KIT_TARGET', 'local');
  if (target !== 'local' && target !== 'aws') {
    throw new Error(
      `example config: invalid target: received '${target}'; expected 'local' (the emulator) or 'aws' (real accounts).`,
    );
  }
  const extra = read('extraTrustedAccounts', 'STS_KIT_EXTRA_TRUSTED_ACCOUNTS', '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const id of extra) {
    if (!/^\d{12}$/.test(id)) {
      throw new Error(
        `example config: invalid extraTrustedAccounts entry: received '${id}'; expected 12-digit AWS account ids separated by commas.`,
      );
    }
  }
  const config: SwitchRoleExampleConfig = {
    identityAccount: account('identityAccount', 'STS_KIT_IDENTITY_ACCOUNT', DEFAULT_ACCOUNTS.identity),
    workloadAccounts: {
      dev: account('devAccount', 'STS_KIT_DEV_ACCOUNT', DEFAULT_ACCOUNTS.dev),
      stg: account('stgAccount', 'STS_KIT_STG_ACCOUNT', DEFAULT_ACCOUNTS.stg),
      prd: account('prdAccount', 'STS_KIT_PRD_ACCOUNT', DEFAULT_ACCOUNTS.prd),
    },
    vendorAccount: account('vendorAccount', 'STS_KIT_VENDOR_ACCOUNT', DEFAULT_ACCOUNTS.vendor),
    vendorExternalId: read('vendorExternalId', 'STS_KIT_VENDOR_EXTERNAL_ID', DEMO_VENDOR_EXTERNAL_ID),
    region: read('region', 'STS_KIT_REGION', 'us-east-1'),
    target,
    extraTrustedAccounts: extra,
  };
  assertNoAccountMixUp(config);
  return config;
}

/**
 * Each part of the example lives in its own account. A mix-up would still synthesize, then fail mid-deploy (a role
 * name taken twice in one account, a cross-account reference the stacks cannot resolve) with stacks left in the
 * wrong accounts, so it is refused here with both keys named.
 */
function assertNoAccountMixUp(config: SwitchRoleExampleConfig): void {
  const refuse = (key: string, value: string, other: string, expected: string): never => {
    throw new Error(
      `example config: invalid ${key}: received '${value}', the same account as ${other}; expected ${expected}.`,
    );
  };
  const workloads: Array<[string, string]> = [
    ['devAccount', config.workloadAccounts.dev],
    ['stgAccount', config.workloadAccounts.stg],
    ['prdAccount', config.workloadAccounts.prd],
  ];
  workloads.forEach(([key, value], i) => {
    const earlier = workloads.slice(0, i).find(([, v]) => v === value);
    if (earlier) refuse(key, value, earlier[0], 'each workload stage in its own account');
  });
  const workloadKey = (value: string) => workloads.find(([, v]) => v === value)?.[0];
  const identityClash = workloadKey(config.identityAccount);
  if (identityClash) {
    refuse(
      'identityAccount',
      config.identityAccount,
      identityClash,
      'the identity account to be none of the workload accounts (devAccount, stgAccount, prdAccount)',
    );
  }
  const vendorClash =
    config.vendorAccount === config.identityAccount ? 'identityAccount' : workloadKey(config.vendorAccount);
  if (vendorClash) {
    refuse(
      'vendorAccount',
      config.vendorAccount,
      vendorClash,
      "the third-party vendor's own account (none of identityAccount, devAccount, stgAccount, prdAccount)",
    );
  }
  for (const id of config.extraTrustedAccounts) {
    const clash = workloadKey(id);
    if (clash) {
      refuse(
        'extraTrustedAccounts entry',
        id,
        clash,
        'accounts outside the workload accounts (a workload role would trust its own account)',
      );
    }
  }
}
