#!/usr/bin/env node
import { runCli } from './index';

// The package's `bin`: `npx cdk-sts-kit check template.json`.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
