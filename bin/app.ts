#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildExampleApp } from '../examples';

// `cdk synth --all` builds every example; `cdk deploy <StackName>` selects one.
buildExampleApp(new App());
