import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { waitFor } from './wait';

/** Debian's Chromium (.ci/run installs it); CHROMIUM_PATH points elsewhere on other machines. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots are kept as test artifacts, never committed (.gitignore). */
export const ARTIFACTS = resolve(__dirname, '../../test-artifacts/admin-ui');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page that records console errors and uncaught exceptions (CSP violations show up as console errors). */
export async function newPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every 4xx answer; from the API those are answers the UI shows (a 401 probe, a 400 with a field).
    const apiAnswer = /status of 4\d\d/.test(message.text()) && /\/(admin\/api|auth)\//.test(message.location().url);
    if (!apiAnswer) problems.push(message.text());
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the real form, the way an admin does. */
export async function signInThroughUi(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Waits until nothing is mid-transition: no finite animation running, and every dialog and its ancestors fully
 * opaque. Mantine fades dialogs in, and a check made during the fade (contrast, a screenshot) measures a state nobody
 * keeps. Endless animations (a spinner, a striped progress bar) never settle, so they are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  // Polled from here with an expression, not page.waitForFunction: that evaluates strings inside the page, which the
  // dashboard's CSP rightly refuses. A string because the test code is compiled without the DOM's types.
  const calm = `(() =>
    !document.getAnimations().some((animation) =>
      animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity) &&
    [...document.querySelectorAll('[role="dialog"]')].every((dialog) => {
      for (let node = dialog; node; node = node.parentElement)
        if (getComputedStyle(node).opacity !== '1') return false;
      return true;
    }))()`;
  await waitFor(async () => (await page.evaluate(calm)) === true, 10_000, 'the page to stop animating');
}
