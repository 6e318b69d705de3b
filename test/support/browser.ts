import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { root } from './built-server.js';

/**
 * Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core). `.ci/run`
 * installs it and sets ORDO_REQUIRE_BROWSER=1, so there a missing browser fails the run; on a
 * developer machine without it the browser suites are skipped and say so.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.ORDO_REQUIRE_BROWSER === '1') throw new Error(`ORDO_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
if (!browserAvailable) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

export const describeInBrowser = browserAvailable ? describe : describe.skip;

/** Screenshots of every page the browser tests visit (named in the README). */
export const SCREENSHOTS = join(root, 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A/AA rules) and answers the serious and critical
 * violations. Evaluated through the DevTools protocol, which the page's CSP (no script at all)
 * does not govern; the page itself never runs a script.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })")) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
