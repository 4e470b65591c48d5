import { App } from 'aws-cdk-lib';
import { DEFAULT_ACCOUNTS, DEMO_VENDOR_EXTERNAL_ID, readConfig } from '../../../examples/multi-account-switch-role/config';

describe('example config', () => {
  test('defaults are the design\'s fixed accounts, the local target and us-east-1', () => {
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
    expect(readConfig(new App().node, env)).toMatchObject({ workloadAccounts: { dev: '210987654321' }, target: 'aws', region: 'eu-central-1' });
    expect(readConfig(new App({ context: { devAccount: '123123123123' } }).node, env).workloadAccounts.dev).toBe('123123123123');
  });

  test('bad values are refused with the key, the value and what is expected', () => {
    expect(() => readConfig(new App({ context: { prdAccount: '4444' } }).node, {}))
      .toThrow("example config: invalid prdAccount: received '4444'; expected a 12-digit AWS account id (context -c prdAccount=... or env STS_KIT_PRD_ACCOUNT).");
    expect(() => readConfig(new App({ context: { target: 'prod' } }).node, {})).toThrow(/invalid target: received 'prod'/);
    expect(() => readConfig(new App({ context: { extraTrustedAccounts: '555555555555,12' } }).node, {})).toThrow(/extraTrustedAccounts entry: received '12'/);
  });
});
