import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the real form, the way an admin does. */
export async function signInThroughUi(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Waits until nothing is mid-transition: no running animation, and every dialog and its ancestors fully opaque.
 * Mantine fades dialogs in, and a check made during the fade (contrast, a screenshot) measures a state nobody keeps.
 */
export async function settled(page: Page): Promise<void> {
  // A string, because the test code is compiled without the DOM's types.
  await page.waitForFunction(`
    !document.getAnimations().some((animation) => animation.playState === 'running') &&
    [...document.querySelectorAll('[role="dialog"]')].every((dialog) => {
      for (let node = dialog; node; node = node.parentElement)
        if (getComputedStyle(node).opacity !== '1') return false;
      return true;
    })`);
}
