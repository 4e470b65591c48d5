#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildOrgExampleApp } from '../examples/org-switch-role/app';

// The organisation-wide variant of the switch-role example (OrgSwitchRole-* stacks), an app of its own:
//   npx cdk synth --app 'npx tsx bin/org-app.ts'
//   npx cdk deploy --app 'npx tsx bin/org-app.ts' OrgSwitchRole-Rollout OrgSwitchRole-Identity
buildOrgExampleApp(new App());
