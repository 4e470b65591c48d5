import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addFederationExamples } from '../../examples/federation/app';
import { addSwitchRoleExample } from '../../examples/multi-account-switch-role/app';
import { readConfig } from '../../examples/multi-account-switch-role/config';
import { demoTrustGraph, exampleAccountNames } from '../../scripts/graph-demo';
import { projectApp } from '../util';

jest.setTimeout(60_000);

describe("the demo's trust graph step", () => {
  test('writes the page, the Mermaid text and the summary next to the cloud assembly and prints where they are', () => {
    // GIVEN the example's cloud assembly
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-graph-demo-'));
    const outdir = path.join(root, 'cdk.out.local');
    const app = projectApp({}, outdir);
    const config = readConfig(app.node, {});
    addSwitchRoleExample(app, config);
    addFederationExamples(app, config);
    app.synth();
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      printed.push(line);
    });
    try {
      // WHEN
      demoTrustGraph(outdir, config, root);
    } finally {
      log.mockRestore();
    }
    // THEN
    expect(fs.readFileSync(path.join(outdir, 'trust-graph.html'), 'utf8')).toContain(
      '<title>cdk-sts-kit example: who may assume what</title>',
    );
    expect(fs.readFileSync(path.join(outdir, 'trust-graph.mmd'), 'utf8').startsWith('flowchart LR')).toBe(true);
    expect(fs.readFileSync(path.join(outdir, 'trust-graph.txt'), 'utf8')).toContain(
      'prd/Admin ← identity/Admins (MFA) ← alice',
    );
    expect(printed.join('\n')).toContain('  prd/VendorAudit ← vendor (999999999999) (ExternalId)');
    expect(printed[printed.length - 1]).toBe(
      '  Trust graph: cdk.out.local/trust-graph.html (open it in a browser; no network needed), ' +
        'Mermaid cdk.out.local/trust-graph.mmd, text cdk.out.local/trust-graph.txt',
    );
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("names the example's accounts from its configuration", () => {
    expect(exampleAccountNames(readConfig(projectApp().node, {}))).toEqual(
      new Map([
        ['111111111111', 'identity'],
        ['222222222222', 'dev'],
        ['333333333333', 'stg'],
        ['444444444444', 'prd'],
        ['999999999999', 'vendor'],
      ]),
    );
  });

  test('never fails the demo: a graph that cannot be drawn is reported', () => {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      printed.push(line);
    });
    try {
      demoTrustGraph('/nonexistent/cdk.out', readConfig(projectApp().node, {}));
    } finally {
      log.mockRestore();
    }
    expect(printed).toEqual([
      expect.stringMatching(/^ {2}The trust graph could not be drawn: \/nonexistent\/cdk.out: cannot be read/),
    ]);
  });
});
