import { BootstraplessSynthesizer, StackProps } from 'aws-cdk-lib';
import { SwitchRoleExampleConfig } from './multi-account-switch-role/config';

/** The role the CLI assumes in each account of the local emulator (the emulator does not need it to exist). */
export const LOCAL_DEPLOY_ROLE_NAME = 'cdk-sts-kit-local-deploy';

/** Stack props shared by every example stack for the configured target. */
export function exampleStackProps(config: SwitchRoleExampleConfig, account: string): StackProps {
  return {
    env: { account, region: config.region },
    // Locally there is no bootstrap stack: the CLI assumes this role name in the stack's account, and the
    // emulator's STS hands back credentials of that account. On real AWS the accounts are bootstrapped.
    synthesizer:
      config.target === 'local'
        ? new BootstraplessSynthesizer({
            deployRoleArn: `arn:\${AWS::Partition}:iam::${account}:role/${LOCAL_DEPLOY_ROLE_NAME}`,
          })
        : undefined,
    analyticsReporting: config.target === 'aws',
  };
}
