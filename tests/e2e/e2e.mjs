// End-to-end test of the web UI in headless Chromium (Debian /usr/bin/chromium,
// driven by playwright-core). Starts `gongkai serve` on 127.0.0.1 (port 0),
// uploads a seed report, checks that flagged / recovered cells are highlighted
// and the X-TEXT-NEW diagnostic is listed, opens the corpus, a report, the
// year-over-year comparison and the dashboard; screenshots go to OUT_DIR.
// Usage: node e2e.mjs GONGKAI_BINARY CORPUS_DB SEED_FILE OUT_DIR
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, result, startServer, launchBrowser, guardedPage, stopServer } from './harness.mjs';

const [bin, db, seed, outDir] = process.argv.slice(2);
if (!outDir) { console.error('usage: node e2e.mjs GONGKAI_BINARY CORPUS_DB SEED_FILE OUT_DIR'); process.exit(2); }
mkdirSync(outDir, { recursive: true });

const { server, base } = await startServer(bin, ['--db', db, '--read-only']);
const browser = await launchBrowser();
try {
  const { page, pageErrors, foreign } = await guardedPage(browser, base, { width: 1500, height: 1100 });

  // 检查报告
  await page.goto(base + '#/check');
  await page.waitForSelector('input#file');
  await page.evaluate(() => { window.__xss = 0; });
  // The file name is hostile markup: it must show as text.
  await page.setInputFiles('input#file', { name: '<img src=x onerror="window.__xss=1">.txt', mimeType: 'text/plain', buffer: readFileSync(seed) });
  await page.waitForSelector('.diag[data-rule^="X-TEXT-NEW"]', { timeout: 30000 });
  check(await page.locator('.diag[data-rule^="X-TEXT-NEW"]').count() === 1, 'X-TEXT-NEW diagnostic listed');
  const recovered = page.locator('td.num.st-recovered');
  check(await recovered.count() >= 1, 'recovered cells marked (' + await recovered.count() + ')');
  const flagged = await page.locator('td.num.flag-error, td.num.flag-warning').count();
  console.log('     flagged cells:', flagged);
  check(await page.locator('table.t2 td.num').count() === 25 * 7, 'table 2 laid out with 25 × 7 cells');
  check(await page.locator('table.t3 td.num').count() === 15, 'table 3 laid out with 15 cells');
  await page.screenshot({ path: join(outDir, 'check.png'), fullPage: true });
  // Click a recovered cell: its detail shows the status.
  await recovered.first().click();
  const detail = await page.locator('.detail').innerText();
  check(detail.includes('推算恢复'), 'clicking a recovered cell shows its status');
  check(await page.locator('td.num.sel').count() >= 1, 'clicked cell selected');
  // Click the X-TEXT-NEW diagnostic: its source line is shown.
  await page.locator('.diag[data-rule^="X-TEXT-NEW"]').click();
  check(await page.locator('.detail .src .hl').count() === 1, 'diagnostic shows its source line');
  await page.screenshot({ path: join(outDir, 'check-diagnostic.png'), fullPage: false });
  check(await page.evaluate(() => window.__xss) === 0, 'hostile file name not executed');
  check((await page.locator('dd').allInnerTexts()).some((t) => t.includes('<img src=x')), 'hostile file name shown as text');

  // 语料库
  await page.goto(base + '#/corpus');
  await page.waitForSelector('table.list tr td a');
  check(await page.locator('table.list tr').count() > 2, 'corpus lists reports');
  await page.screenshot({ path: join(outDir, 'corpus.png'), fullPage: true });
  await page.locator('table.list tr td a').first().click();
  await page.waitForSelector('table.t2');
  check(await page.locator('.section-text').count() >= 1, 'report page shows section texts');
  await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
  // Comparison with the previous year.
  await page.goto(base + '#/corpus');
  await page.waitForSelector('table.list tr td a');
  const cmp = page.locator('a[href^="#/compare/"]');
  check(await cmp.count() >= 1, 'a report with a previous year is offered for comparison');
  if (await cmp.count()) {
    await cmp.first().click();
    await page.waitForSelector('.side-by-side table.t2');
    check(await page.locator('.side-by-side table.t2').count() === 2, 'two years side by side');
    check(await page.locator('td.num.changed').count() >= 2, 'changed cells highlighted');
    await page.screenshot({ path: join(outDir, 'compare.png'), fullPage: true });
  }

  // 总览
  await page.goto(base + '#/dashboard');
  await page.waitForSelector('.chart svg');
  check(await page.locator('.chart svg').count() === 4, 'dashboard draws four charts');
  check(await page.locator('.chart svg rect').count() > 4, 'charts have bars');
  await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });

  // 规则
  await page.goto(base + '#/rules');
  await page.waitForSelector('table.list code');
  await page.screenshot({ path: join(outDir, 'rules.png') });

  check(pageErrors.length === 0, 'no script errors' + (pageErrors.length ? ': ' + pageErrors.join(' | ') : ''));
  check(foreign.length === 0, 'no request left the server' + (foreign.length ? ': ' + foreign.join(' ') : ''));
} catch (e) {
  console.error('FAIL', e);
  result.failures++;
} finally {
  await browser.close();
  await stopServer(server);
}
const failures = result.failures;
writeFileSync(join(outDir, 'result.txt'), failures ? 'FAIL\n' : 'OK\n');
console.log(failures ? failures + ' failure(s); screenshots in ' + outDir : 'e2e ok; screenshots in ' + outDir);
process.exit(failures ? 1 : 0);
