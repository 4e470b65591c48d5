import { App } from 'aws-cdk-lib';
import {
  DEFAULT_ACCOUNTS,
  DEMO_VENDOR_EXTERNAL_ID,
  readConfig,
} from '../../../examples/multi-account-switch-role/config';

describe('example config', () => {
  test("defaults are the design's fixed accounts, the local target and us-east-1", () => {
    const config = readConfig(new App().node, {});
    expect(config).toEqual({
      identityAccount: DEFAULT_ACCOUNTS.identity,
      workloadAccounts: { dev: DEFAULT_ACCOUNTS.dev, stg: DEFAULT_ACCOUNTS.stg, prd: DEFAULT_ACCOUNTS.prd },
      vendorAccount: DEFAULT_ACCOUNTS.vendor,
      vendorExternalId: DEMO_VENDOR_EXTERNAL_ID,
      region: 'us-east-1',
      target: 'local',
      extraTrustedAccounts: [],
    });
  });

  test('environment variables apply when context is silent; context wins over them', () => {
    const env = { STS_KIT_DEV_ACCOUNT: '210987654321', STS_KIT_TARGET: 'aws', STS_KIT_REGION: 'eu-central-1' };
    expect(readConfig(new App().node, env)).toMatchObject({
      workloadAccounts: { dev: '210987654321' },
      target: 'aws',
      region: 'eu-central-1',
    });
    expect(readConfig(new App({ context: { devAccount: '123123123123' } }).node, env).workloadAccounts.dev).toBe(
      '123123123123',
    );
  });

  test('bad values are refused with the key, the value and what is expected', () => {
    expect(() => readConfig(new App({ context: { prdAccount: '4444' } }).node, {})).toThrow(
      "example config: invalid prdAccount: received '4444'; expected a 12-digit AWS account id (context -c prdAccount=... or env STS_KIT_PRD_ACCOUNT).",
    );
    expect(() => readConfig(new App({ context: { target: 'prod' } }).node, {})).toThrow(
      /invalid target: received 'prod'/,
    );
    expect(() => readConfig(new App({ context: { extraTrustedAccounts: '555555555555,12' } }).node, {})).toThrow(
      /extraTrustedAccounts entry: received '12'/,
    );
  });

  describe('account mix-ups are refused before synth, naming both keys', () => {
    const refused = (context: Record<string, string>) => () => readConfig(new App({ context }).node, {});

    test('the identity account is one of the workload accounts', () => {
      expect(refused({ identityAccount: DEFAULT_ACCOUNTS.stg })).toThrow(
        "example config: invalid identityAccount: received '333333333333', the same account as stgAccount; " +
          'expected the identity account to be none of the workload accounts (devAccount, stgAccount, prdAccount).',
      );
    });

    test('two workload stages share one account', () => {
      expect(refused({ prdAccount: DEFAULT_ACCOUNTS.dev })).toThrow(
        "example config: invalid prdAccount: received '222222222222', the same account as devAccount; " +
          'expected each workload stage in its own account.',
      );
    });

    test('the vendor is a workload account or the identity account', () => {
      expect(refused({ vendorAccount: DEFAULT_ACCOUNTS.prd })).toThrow(
        "example config: invalid vendorAccount: received '444444444444', the same account as prdAccount; " +
          "expected the third-party vendor's own account (none of identityAccount, devAccount, stgAccount, prdAccount).",
      );
      expect(refused({ vendorAccount: DEFAULT_ACCOUNTS.identity })).toThrow(
        /invalid vendorAccount: received '111111111111', the same account as identityAccount;/,
      );
    });

    test('a workload account is among the extra trusted accounts', () => {
      expect(refused({ extraTrustedAccounts: `555555555555,${DEFAULT_ACCOUNTS.dev}` })).toThrow(
        "example config: invalid extraTrustedAccounts entry: received '222222222222', the same account as devAccount; " +
          'expected accounts outside the workload accounts (a workload role would trust its own account).',
      );
    });

    test('the last values that pass: every account distinct, extra accounts outside the workloads', () => {
      expect(() =>
        refused({
          identityAccount: '555555555555',
          vendorAccount: '666666666666',
          extraTrustedAccounts: '777777777777,111111111111',
        })(),
      ).not.toThrow();
    });
  });
});
