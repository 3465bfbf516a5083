// Shared pieces of the browser tests: a huiqi server on a throwaway database and a free port,
// Debian's Chromium through playwright-core (never a downloaded browser), console watching and
// screenshots.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const execFileAsync = promisify(execFile);
export const ROOT = path.resolve(here, '../..');
export const BINARY = path.resolve(here, process.env.HUIQI_BINARY ?? '../../build/huiqi');
export const ARTIFACTS = path.resolve(ROOT, process.env.HUIQI_E2E_ARTIFACTS ?? 'test-artifacts');
export const CHROMIUM = process.env.HUIQI_CHROMIUM ?? '/usr/bin/chromium';

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `huiqi serve` on a new database in a temporary folder (it imports the bundled list on
 * first start), serving this tree's web/, and waits for /api/v1/healthz.
 * Returns {url, db, log(), stop()}; db is the database file, for `huiqi token create --db`.
 */
export async function startServer() {
  await fs.access(BINARY).catch(() => {
    throw new Error(`huiqi binary not found at ${BINARY} (build it, or set HUIQI_BINARY)`);
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'huiqi-e2e-'));
  const port = await freePort();
  const db = path.join(dir, 'huiqi.db');
  const output = [];
  const child = spawn(BINARY, [
    'serve', '--db', db, '--port', String(port), '--bind', '127.0.0.1',
  ], {
    env: { ...process.env, HUIQI_WEB_DIR: path.join(ROOT, 'web'), LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  const log = () => Buffer.concat(output).toString('utf8');
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) {
      await fs.rm(dir, { recursive: true, force: true });
      throw new Error(`huiqi serve exited (${JSON.stringify(exited)}) before it was ready:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await fs.rm(dir, { recursive: true, force: true });
      throw new Error(`huiqi serve did not answer /api/v1/healthz within 120 s:\n${log()}`);
    }
    await sleep(200);
  }

  return {
    url,
    db,
    log,
    /** How the server ended if it died on its own (a crash), else null. */
    died: () => exited,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exit, sleep(15_000).then(() => null)]);
        if (!stopped) {
          child.kill('SIGKILL');
          await exit;
        }
      }
      await fs.rm(dir, { recursive: true, force: true });
      return exited;
    },
  };
}

/** Creates an API token in the database with `huiqi token create NAME --db DB --json`. */
export async function createToken(db, name) {
  let stdout;
  try {
    ({ stdout } = await execFileAsync(BINARY, ['token', 'create', name, '--db', db, '--json'],
      { env: { ...process.env, LANG: 'C.UTF-8' } }));
  } catch (error) {
    throw new Error(`huiqi token create failed: ${error.stderr || error.message}`);
  }
  let token;
  try {
    ({ token } = JSON.parse(stdout));
  } catch (parseError) {
    throw new Error(`huiqi token create printed no token: ${stdout}\n${parseError.message}`);
  }
  if (!/^[0-9a-f]{64}$/.test(token)) throw new Error(`huiqi token create printed no token: ${stdout}`);
  return token;
}

/** Debian's Chromium, headless, with a fresh temporary profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A new page in its own context, with everything the page logs as an error (console errors,
 * uncaught exceptions, failed same-origin requests with an HTTP error) collected in `errors`.
 */
export async function openPage(browser, { viewport = DESKTOP, acceptDownloads = false } = {}) {
  const context = await browser.newContext({
    viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads,
    deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot as test-artifacts/<name>.png. */
export async function screenshot(page, name) {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the search results have settled (no request in flight). */
export async function searchSettled(page) {
  await page.waitForFunction(() => {
    const hits = document.querySelector('.hits');
    const summary = document.querySelector('.summary');
    return hits && !hits.hasAttribute('aria-busy') && summary && /共 \d+ 项/.test(summary.textContent);
  });
}

/**
 * Fails (naming label) when the page scrolls sideways or a visible control has no accessible
 * name (label, aria-label, aria-labelledby, text or title).
 */
export async function assertFitsAndLabelled(page, label) {
  const problems = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    }
    for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
      if (el.type === 'hidden' || el.closest('[hidden]')) continue;
      const named = (el.labels && el.labels.length) || el.getAttribute('aria-label')
        || el.getAttribute('aria-labelledby') || el.textContent.trim() || el.title;
      if (!named) out.push(`no accessible name: ${el.outerHTML.slice(0, 120)}`);
    }
    return out;
  });
  assert.deepEqual(problems, [], `${label}: ${problems.join('; ')}`);
}
