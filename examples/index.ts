import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './multi-account-switch-role/config';
import { addSwitchRoleExample, SwitchRoleExample } from './multi-account-switch-role/app';

export interface ExampleApp {
  readonly app: App;
  readonly switchRole: SwitchRoleExample;
}

/**
 * Every example stack in one app, with cdk-nag's AwsSolutions pack registered: a finding that is not
 * acknowledged with a reason fails the synth.
 */
export function buildExampleApp(app: App): ExampleApp {
  const config = readConfig(app.node);
  const switchRole = addSwitchRoleExample(app, config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, switchRole };
}
