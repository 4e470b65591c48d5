/**
 * The example's trust graph: `npm run demo` writes it next to its cloud assembly (one call from scripts/demo.ts),
 * and `npx tsx scripts/graph-demo.ts [cdk.out] [--screenshot docs/trust-graph.png]` redraws it by hand, optionally
 * with a screenshot of the page in headless Chromium (the README's image).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { graphOf, renderGraph } from '../lib/cli/graph';

/** Where Debian's Chromium is (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium's flags for a quiet, offline, throw-away headless run. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile (removed on close). */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }

  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The short names of the example's accounts, from its configuration. */
export function exampleAccountNames(config: {
  identityAccount: string;
  workloadAccounts: { dev: string; stg: string; prd: string };
  vendorAccount: string;
}): Map<string, string> {
  return new Map([
    [config.identityAccount, 'identity'],
    [config.workloadAccounts.dev, 'dev'],
    [config.workloadAccounts.stg, 'stg'],
    [config.workloadAccounts.prd, 'prd'],
    [config.vendorAccount, 'vendor'],
  ]);
}

/**
 * Writes the trust graph of a cloud assembly next to it: `<cdk.out>/trust-graph.html` (self-contained page),
 * `.mmd` (Mermaid) and `.txt` (the terminal summary). Returns the paths written.
 */
export function writeExampleGraph(
  cdkOut: string,
  accountNames?: ReadonlyMap<string, string>,
): { html: string; mermaid: string; text: string; summary: string } {
  const { graph } = graphOf([cdkOut], { accountNames });
  const base = path.join(cdkOut, 'trust-graph');
  const files = { html: `${base}.html`, mermaid: `${base}.mmd`, text: `${base}.txt` };
  const title = 'cdk-sts-kit example: who may assume what';
  fs.writeFileSync(files.html, renderGraph(graph, 'html', title));
  fs.writeFileSync(files.mermaid, renderGraph(graph, 'mermaid'));
  const summary = renderGraph(graph, 'text');
  fs.writeFileSync(files.text, summary);
  return { ...files, summary };
}

/** Opens a graph page in headless Chromium, waits for Graphviz to draw it, and saves a screenshot of the drawing. */
export async function screenshotGraph(htmlFile: string, pngFile: string): Promise<void> {
  const browser = await openBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`file://${path.resolve(htmlFile)}`);
    await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
    const box = await page.locator('#graph svg').boundingBox();
    await page.setViewportSize({
      width: Math.ceil(Math.max(1200, (box?.width ?? 1200) + 40)),
      height: Math.ceil((box?.height ?? 800) + 140),
    });
    fs.mkdirSync(path.dirname(path.resolve(pngFile)), { recursive: true });
    await page.screenshot({ path: pngFile, fullPage: true });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const shot = args.indexOf('--screenshot');
  const png = shot >= 0 ? args[shot + 1] : undefined;
  const cdkOut = args.filter((a, i) => !a.startsWith('--') && (shot < 0 || i !== shot + 1))[0] ?? 'cdk.out';
  const { App } = await import('aws-cdk-lib');
  const { readConfig } = await import('../examples/multi-account-switch-role/config');
  const written = writeExampleGraph(cdkOut, exampleAccountNames(readConfig(new App().node)));
  console.log(written.summary);
  console.log(`Trust graph: ${written.html} (open it in a browser), ${written.mermaid}, ${written.text}`);
  if (png) {
    await screenshotGraph(written.html, png);
    console.log(`Screenshot: ${png}`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`graph-demo failed: ${(e as Error).message}`);
    process.exit(1);
  });
}

/**
 * `npm run demo`'s step: writes the example's trust graph next to its cloud assembly and prints where it is.
 * Never fails the demo: a graph that cannot be drawn is reported and skipped.
 */
export function demoTrustGraph(
  cdkOut: string,
  config: Parameters<typeof exampleAccountNames>[0],
  root = process.cwd(),
): void {
  try {
    const written = writeExampleGraph(cdkOut, exampleAccountNames(config));
    const rel = (f: string) => path.relative(root, f);
    console.log(written.summary.replace(/^/gm, '  ').trimEnd());
    console.log(
      `  Trust graph: ${rel(written.html)} (open it in a browser; no network needed), Mermaid ${rel(written.mermaid)}, text ${rel(written.text)}`,
    );
  } catch (e) {
    console.log(`  The trust graph could not be drawn: ${(e as Error).message}`);
  }
}
