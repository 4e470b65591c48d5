import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addFederationExamples, FederationExamples } from './federation/app';
import { readConfig } from './multi-account-switch-role/config';
import { addSwitchRoleExample, SwitchRoleExample } from './multi-account-switch-role/app';
import { StsChecks } from '../lib/nag/sts-checks';

export interface ExampleApp {
  readonly app: App;
  readonly switchRole: SwitchRoleExample;
  readonly federation: FederationExamples;
}

/**
 * Every example stack in one app, with cdk-nag's AwsSolutions pack and this library's StsChecks registered:
 * a finding that is not acknowledged with a reason fails the synth.
 */
export function buildExampleApp(app: App): ExampleApp {
  const config = readConfig(app.node);
  const switchRole = addSwitchRoleExample(app, config);
  const federation = addFederationExamples(app, config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new StsChecks(app));
  return { app, switchRole, federation };
}
