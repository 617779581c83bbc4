// Shared pieces of the browser tests (e2e.mjs, register.mjs): the checks, a
// gongkai serve on 127.0.0.1 and a free port, headless Chromium, a page that
// records script errors and refuses every request not to our server.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export const result = { failures: 0 };
export function check(cond, what) {
  console.log((cond ? 'ok   ' : 'FAIL ') + what);
  if (!cond) result.failures++;
}

// Starts `gongkai serve ARGS --listen 127.0.0.1:0`; resolves to { server, base }.
export async function startServer(bin, args) {
  const server = spawn(bin, ['serve', ...args, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('server did not start')), 30000);
    server.stdout.on('data', (d) => {
      buf += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(buf);
      if (m) { clearTimeout(t); resolve(m[0]); }
    });
    server.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
  console.log('server', base);
  return { server, base };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A page whose script errors (those `ignore` does not match) and foreign requests are recorded.
export async function guardedPage(browser, base, viewport, ignore) {
  const page = await browser.newPage({ viewport });
  const pageErrors = [], foreign = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !(ignore && ignore.test(m.text()))) pageErrors.push(m.text()); });
  // Offline: any request not to our server fails the test.
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  return { page, pageErrors, foreign };
}

// The server must stop cleanly: in the sanitized build (GONGKAI_SANITIZE) a
// leak or other report at exit shows as exit code 66.
export async function stopServer(server) {
  const stopped = server.exitCode !== null || server.signalCode !== null
    ? Promise.resolve(server.exitCode ?? server.signalCode)
    : new Promise((resolve) => server.once('exit', (code, sig) => resolve(code ?? sig)));
  server.kill('SIGTERM');
  const code = await stopped;
  check(code === 0, 'gongkai serve stopped cleanly (exit ' + code + ')');
}

// Internal names that must never reach a person: record cell paths, snake_case
// field names, rule instance suffixes, rule-formula variables, upload labels,
// script values. Returns the offending matches in `text`.
export const INTERNAL_NAMES = [
  [/\b(?:applications|appeals|proactive|proactive_2019|cell_info)\.[A-Za-z_.]+(?:\[\d+\])?/g, '单元格路径'],
  [/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, '字段名'],
  [/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+@[A-Za-z0-9_]+/g, '规则实例编号'],
  [/\bv\[[a-z]\]|\[r\]\[c\]|\bv\[\d+\]\[\d+\]/g, '公式变量'],
  [/\bupload:[0-9a-f]{6,}/g, '上传标签'],
  [/\b(?:undefined|NaN|null)\b|\[object Object\]/g, '脚本值'],
];
export function internalNames(text) {
  const found = [];
  for (const [re, what] of INTERNAL_NAMES) for (const m of String(text).matchAll(re)) found.push(what + '“' + m[0] + '”');
  return found;
}
// Visible text of the page (rendered text and tooltips) checked for internal names.
export async function checkNoInternalNames(page, where) {
  const text = await page.evaluate(() => document.body.innerText + '\n' +
    [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join('\n'));
  const found = internalNames(text);
  check(found.length === 0, where + ': no internal names in visible text' + (found.length ? ': ' + [...new Set(found)].slice(0, 8).join('、') : ''));
}
