// End-to-end test of the case register pages (web/register.js) in headless
// Chromium at 1366×768: a register with bad rows is refused row by row and
// nothing is imported; a good one shows table 2 computed from it and the
// deadlines; a row edited in the page is validated, then saved, and table 2
// follows. Screenshots go to OUT_DIR.
// Usage: node register.mjs GONGKAI_BINARY OUT_DIR REGISTER_DATA_DIR
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { check, result, startServer, launchBrowser, guardedPage, stopServer, checkNoInternalNames } from './harness.mjs';

const [bin, outDir, data] = process.argv.slice(2);
if (!data) { console.error('usage: node register.mjs GONGKAI_BINARY OUT_DIR REGISTER_DATA_DIR'); process.exit(2); }
mkdirSync(outDir, { recursive: true });
const db = join(outDir, 'register.db');
for (const f of [db, db + '-wal', db + '-shm']) rmSync(f, { force: true });

const { server, base } = await startServer(bin, ['--db', db]);
const browser = await launchBrowser();
try {
  // 422 answers to refused registers are expected; the browser logs them as errors.
  const { page, pageErrors, foreign } = await guardedPage(browser, base, { width: 1366, height: 768 }, /status of 422/);

  await page.goto(base + '#/register');
  await page.waitForSelector('#reg-none');
  check(await page.locator('nav a[data-nav="register"].active').count() === 1, 'the 台账 tab is active');
  await page.fill('#reg-unit', '测试单位');
  await page.fill('#reg-year', '2024');

  // A register with bad rows: every error listed, nothing imported.
  await page.setInputFiles('#reg-file', join(data, 'bad-rows.csv'));
  await page.click('#reg-import');
  await page.waitForSelector('.reg-errors li');
  const errs = await page.locator('.reg-errors li').allInnerTexts();
  check(errs.length >= 10, 'bad rows listed one by one (' + errs.length + ')');
  check(errs.some((t) => t.includes('第 2 行') && t.includes('办理结果')), 'unknown outcome named with its row');
  check(errs.some((t) => t.includes('早于收到申请日期')), 'reply before receipt named');
  check(errs.some((t) => t.includes('缺少申请人类型')), 'missing applicant type named');
  await page.screenshot({ path: join(outDir, 'register-errors.png'), fullPage: false });
  await checkNoInternalNames(page, 'register-errors page');
  const list = await (await page.request.get(base + 'api/register/list')).json();
  check(list.registers.length === 0, 'nothing half-imported');

  // A good register: table 2 from it, deadlines.
  await page.setInputFiles('#reg-file', join(data, 'good.csv'));
  await page.click('#reg-import');
  await page.waitForSelector('table.reg-t2');
  const cell = (row, col) => page.locator(`table.reg-t2 tr[data-row="${row}"] td[data-col="${col}"]`).innerText();
  check(await cell('new', 'total') === '10', 'table 2: 10 new applications');
  check(await cell('carried_over', 'total') === '2', 'table 2: 2 carried over');
  check(await cell('total', 'total') === '9', 'table 2: 9 closed');
  check(await cell('carried_forward', 'total') === '3', 'table 2: 3 carried forward');
  check(await page.locator('tr.reg-row').count() === 12, 'the 12 rows are editable');
  await page.fill('#reg-today', '2025-01-06');
  await page.click('#reg-deadlines ~ * button, .card button:has-text("重新计算")');
  await page.waitForSelector('table.reg-deadlines tr[data-status="已逾期"]');
  const overdue = await page.locator('table.reg-deadlines tr[data-status="已逾期"]').allInnerTexts();
  check(overdue.some((t) => t.includes('A10')), 'A10 (carried over, still open) is overdue');
  await page.screenshot({ path: join(outDir, 'register.png'), fullPage: false });
  await checkNoInternalNames(page, 'register page');
  await page.screenshot({ path: join(outDir, 'register-full.png'), fullPage: true });

  // Edit A8 (received 2024-12-27): a reply date before receipt is refused and the row marked …
  const a8 = page.locator('tr.reg-row').filter({ has: page.locator('input[data-col="申请编号"][value="A8"]') });
  await a8.locator('select[data-col="办理结果"]').selectOption('予以公开');
  await a8.locator('input[data-col="答复日期"]').fill('2024-12-20');
  await page.click('#reg-save');
  await page.waitForSelector('.reg-errors li');
  check((await page.locator('.reg-errors li').allInnerTexts()).some((t) => t.includes('早于收到申请日期')), 'edited row validated');
  check(await page.locator('tr.reg-row.bad').count() === 1, 'the bad row is marked');
  // … then fixed and saved: table 2 follows.
  await a8.locator('input[data-col="答复日期"]').fill('2024-12-30');
  await page.click('#reg-save');
  await page.waitForSelector('.ok-box');
  check(await cell('granted', 'total') === '3', 'after the edit: 3 granted');
  check(await cell('carried_forward', 'total') === '2', 'after the edit: 2 carried forward');
  await page.screenshot({ path: join(outDir, 'register-saved.png'), fullPage: false });
  await checkNoInternalNames(page, 'register-saved page');
  const stored = await (await page.request.get(base + 'api/register?unit=' + encodeURIComponent('测试单位') + '&year=2024')).json();
  check(stored.rows.find((r) => r['申请编号'] === 'A8')['办理结果'] === '予以公开', 'the edit is stored');

  // The page fits 1366 px: no horizontal scroll of the whole page.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 1366, 'no horizontal page scroll at 1366 px (' + wide + ')');
  check(pageErrors.length === 0, 'no script errors' + (pageErrors.length ? ': ' + pageErrors.join(' | ') : ''));
  check(foreign.length === 0, 'no request leaves the server' + (foreign.length ? ': ' + foreign.join(' ') : ''));
} catch (e) {
  console.error('FAIL', e);
  result.failures++;
} finally {
  await browser.close();
  await stopServer(server);
}
console.log(result.failures ? result.failures + ' check(s) failed' : 'all register checks passed; screenshots in ' + outDir);
process.exit(result.failures ? 1 : 0);
