// End-to-end test of the web UI in headless Chromium (Debian /usr/bin/chromium,
// driven by playwright-core), as a person uses it: by default at 1366×768 (a
// laptop) and again at 1920×1080 (E2E_VIEWPORTS="1366x768,1920x1080").
// Starts `gongkai serve` on 127.0.0.1 (port 0) read-only over a small corpus,
// and a second, writable one over a copy for saving and deleting.
// Screenshots go to OUT_DIR/<width>x<height>/.
// Usage: node e2e.mjs GONGKAI_BINARY CORPUS_DB SEED_DIR FIXTURE_DIR OUT_DIR
import { mkdirSync, writeFileSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { join, basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import { check, result, startServer, launchBrowser, guardedPage, stopServer, internalNames, checkNoInternalNames } from './harness.mjs';

const [bin, db, seedDir, fxDir, outDir] = process.argv.slice(2);
if (!outDir) { console.error('usage: node e2e.mjs GONGKAI_BINARY CORPUS_DB SEED_DIR FIXTURE_DIR OUT_DIR'); process.exit(2); }
const fx = JSON.parse(readFileSync(join(fxDir, 'fixtures.json'), 'utf8'));
const seed003 = join(seedDir, '003_eaba220d81829207.txt');
const seedClean = join(seedDir, '004_0d7a0b2ecc867495.txt');
const hongze2024 = join(seedDir, '..', 'real', 'hongze-2024.pdf');
const report2019 = join(seedDir, '..', 'layouts', 'e1-2019-template.txt');
const reportLegacy = join(seedDir, '..', 'legacy', 'legacy-11-00001.txt');
const parsed = (f) => JSON.parse(execFileSync(bin, ['parse', f, '--format', 'json']).toString());
const VIEWPORTS = (process.env.E2E_VIEWPORTS || '1366x768,1920x1080').split(',').map((s) => {
  const [width, height] = s.split('x').map(Number);
  return { width, height };
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The detector itself must catch what the issue saw.
for (const bad of ['单元格 applications.new[0] … 按 T2-ROW-TOTAL@new 推算', 'fees_wan_yuan', 'v[r][c]', 'upload:0123abcdef/x.txt'])
  check(internalNames(bad).length >= 1, 'internal-name detector catches “' + bad + '”');
check(internalNames('表二“（七）总计”行“自然人”列：35 = 45 − 10（总计 − 其他） [T2-ROW-TOTAL] 003_eaba220d81829207.txt').length === 0,
  'internal-name detector passes Chinese labels, rule ids and file names');

async function upload(page, file, name) {
  await page.setInputFiles('input#file', { name: name || basename(file), mimeType: 'application/octet-stream', buffer: readFileSync(file) });
}
// Polls with page.evaluate (the page's CSP forbids waitForFunction's eval).
async function waitResult(page, name) {
  for (let t = 0; t < 600; ++t) {
    const done = await page.evaluate((n) => {
      const dd = [...document.querySelectorAll('#check-result dd')].map((x) => x.textContent);
      return dd.includes(n) || !!document.querySelector('#check-result .error-box');
    }, name);
    if (done) return;
    await sleep(100);
  }
  throw new Error('no result for ' + name);
}
// The cell is on screen (not merely highlighted somewhere below).
async function inView(locator) {
  return locator.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; });
}
// Every finding and every marked cell opened in turn: the details read Chinese too.
async function openAllAndCheck(page, where) {
  const diags = page.locator('.diag');
  const n = Math.min(await diags.count(), 40);
  let text = '';
  for (let i = 0; i < n; ++i) {
    await diags.nth(i).click();
    text += await page.locator('.detail').first().innerText() + '\n';
  }
  const cells = page.locator('td.num.st-recovered, td.num.flag-error, td.num.flag-warning, td.num.st-placeholder');
  const m = Math.min(await cells.count(), 40);
  for (let i = 0; i < m; ++i) {
    await cells.nth(i).click();
    text += await page.locator('.detail').first().innerText() + '\n';
  }
  const found = internalNames(text);
  check(found.length === 0, where + ': ' + n + ' findings and ' + m + ' cells opened, no internal names in their details' +
    (found.length ? ': ' + [...new Set(found)].slice(0, 8).join('、') : ''));
}
async function noHorizontalOverflow(page) {
  return page.evaluate(() => {
    const page = document.documentElement.scrollWidth <= window.innerWidth;
    const clipped = [...document.querySelectorAll('table.gk')].filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1 ||
      t.getBoundingClientRect().right > window.innerWidth);
    return page && clipped.length === 0;
  });
}

async function suite(browser, base, vp) {
  const tag = vp.width + 'x' + vp.height;
  const shots = join(outDir, tag);
  mkdirSync(shots, { recursive: true });
  const shot = (name, fullPage) => page.screenshot({ path: join(shots, name + '.png'), fullPage: !!fullPage });
  const { page, pageErrors, foreign } = await guardedPage(browser, base, vp, /status of 4(00|04|13|22)/);
  const say = (s) => tag + ' ' + s;
  try {
    // ---- 检查报告: seed 003 (recovered cells, X-TEXT-NEW); the file name is hostile markup ----
    await page.goto(base + '#/check');
    await page.waitForSelector('input#file');
    await page.evaluate(() => { window.__xss = 0; });
    const hostile = '<img src=x onerror="window.__xss=1">.txt';
    await upload(page, seed003, hostile);
    await page.waitForSelector('.diag[data-rule^="X-TEXT-NEW"]', { timeout: 30000 });
    check(await page.locator('.diag[data-rule^="X-TEXT-NEW"]').count() === 1, say('X-TEXT-NEW diagnostic listed'));
    const recovered = page.locator('td.num.st-recovered');
    check(await recovered.count() >= 1, say('recovered cells marked (' + await recovered.count() + ')'));
    check(await page.locator('table.t2 td.num').count() === 25 * 7, say('table 2 laid out from the server grid with 25 × 7 cells'));
    check(await page.locator('table.t3 td.num').count() === 15, say('table 3 laid out with 15 cells'));
    check(await noHorizontalOverflow(page), say('check page: no table wider than its place'));
    await shot('check', true);
    await recovered.first().click();
    const detail = await page.locator('.detail').innerText();
    check(detail.includes('推算恢复'), say('clicking a recovered cell shows its status'));
    check(/推算依据：.*\d+ = \d+/.test(detail) && /（[^）]*总计[^）]*）/.test(detail), say('the cell detail writes out the arithmetic with labels: ' + (/推算依据：.*/.exec(detail) || [''])[0].slice(0, 120)));
    check(await page.locator('td.num.sel').count() >= 1, say('clicked cell selected'));
    await page.locator('.diag[data-rule^="X-TEXT-NEW"]').click();
    check(await page.locator('.detail .src .hl').count() === 1, say('diagnostic shows its source line'));
    const meta = await page.locator('#check-result dl.meta').innerText();
    check(meta.includes('纯文本') && !/\btext\b/.test(meta), say('the format is named in Chinese'));
    await checkNoInternalNames(page, say('check page'));
    await openAllAndCheck(page, say('check page'));
    await shot('check-diagnostic');
    check(await page.evaluate(() => window.__xss) === 0, say('hostile file name not executed'));
    check((await page.locator('dd').allInnerTexts()).some((t) => t.includes('<img src=x')), say('hostile file name shown as text'));
    check(await page.locator('#save').count() === 0, say('read-only: no save button'));
    // Print: the result alone, no navigation or drop zone.
    await page.emulateMedia({ media: 'print' });
    check(await page.locator('header.top').isHidden() && await page.locator('.drop').isHidden(), say('print shows the check result only'));
    if (vp.width === 1366) await page.pdf({ path: join(shots, 'check-print.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    // ---- a clean report: 无问题 ----
    await upload(page, seedClean);
    await waitResult(page, basename(seedClean));
    check(await page.locator('#check-result [data-clean]').count() === 1, say('a clean report says 无问题'));
    await shot('check-clean');

    // ---- a 2019–2020 report draws the 2019 Table 1, with its own 15 figures ----
    {
      const want = parsed(report2019).proactive_2019;
      await upload(page, report2019);
      await waitResult(page, basename(report2019));
      const text = await page.locator('#check-result').innerText();
      check(text.includes('上一年项目数量') && text.includes('本年新公开数量') && text.includes('采购总金额'),
        say('a 2019 report shows the 2019 Table 1 columns'));
      let shown = 0, right = 0;
      for (const [k, v] of Object.entries(want)) {
        const td = page.locator('#check-result td[data-path="proactive_2019.' + k + '"]');
        if (await td.count() !== 1) continue;
        ++shown;
        const t = (await td.innerText()).replace(/推$/, '').trim();
        if (Number(t.replace(/,/g, '')) === v) ++right;
      }
      check(shown === Object.keys(want).length && right === shown,
        say('every 2019-only Table 1 figure is drawn with its value (' + right + ' of ' + Object.keys(want).length + ')'));
      await checkNoInternalNames(page, say('2019 report'));
      await shot('check-2019');
    }

    // ---- a report before 2019: its own statistics table, no empty national tables ----
    {
      const want = parsed(reportLegacy).legacy.statistics;
      await upload(page, reportLegacy);
      await waitResult(page, basename(reportLegacy));
      const rows = page.locator('#check-result table.legacy-stats tr');
      check(await rows.count() === want.length + 1, say('a legacy report shows its statistics table, a row per indicator'));
      const first = await rows.nth(1).innerText();
      check(first.includes(want[0].name) && first.includes(String(want[0].this_year)) && first.includes(String(want[0].cumulative)),
        say('the legacy statistics row shows the indicator, this year and the cumulative figure'));
      check(await page.locator('#check-result table.t2').count() === 0, say('a legacy report shows no empty Table 2'));
      check((await page.locator('#check-result').innerText()).includes('旧版'), say('the legacy report is said to be of the old edition'));
      await checkNoInternalNames(page, say('legacy report'));
      check(await noHorizontalOverflow(page), say('the legacy view fits the window'));
      await shot('check-legacy');
    }

    // ---- table 3 finding: one click brings its cells on screen ----
    await page.evaluate(() => window.scrollTo(0, 0));
    await upload(page, fx.t3);
    await page.waitForSelector('.diag[data-rule^="T3-ROW-TOTAL"]', { timeout: 30000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.diag[data-rule^="T3-ROW-TOTAL"]').first().click();
    await sleep(300);
    const t3sel = page.locator('table.t3 td.num.sel').first();
    check(await page.locator('table.t3 td.num.sel').count() >= 1 && await inView(t3sel), say('clicking a table 3 finding scrolls its cells into view'));
    await checkNoInternalNames(page, say('table 3 finding'));
    await openAllAndCheck(page, say('table 3 upload'));
    await shot('check-t3-finding');

    // ---- source excerpts for PDF (page and line), DOCX and HTML ----
    await upload(page, hongze2024);
    await waitResult(page, basename(hongze2024));
    const pdfDiag = page.locator('.diag', { hasText: '页' }).first();
    await pdfDiag.click();
    const pdfSrc = page.locator('.detail .src .hl');
    check(await pdfSrc.count() === 1 && /第 \d+ 页第 \d+ 行/.test(await pdfSrc.innerText()), say('PDF finding shows its excerpt with page and line'));
    const pdfMeta = await page.locator('#check-result dl.meta').innerText();
    check(!pdfMeta.includes('编码'), say('no 编码 for a PDF'));
    await checkNoInternalNames(page, say('PDF upload'));
    await openAllAndCheck(page, say('PDF upload'));
    await pdfDiag.click();
    await shot('check-pdf-excerpt');
    for (const f of [fx.docx, fx.html]) {
      await upload(page, f);
      await waitResult(page, basename(f));
      await page.locator('td.num[data-path="applications.new[0]"]').first().click();
      check(await page.locator('.detail .src .hl').count() === 1, say(basename(f) + ': a cell shows its source excerpt'));
    }
    await shot('check-html-excerpt');

    // ---- a slow upload is cancelled by the next one ----
    let first = true;
    await page.route('**/api/check', async (route) => {
      if (first) { first = false; await sleep(2500); }
      try { await route.continue(); } catch (e) { /* aborted by the page */ }
    });
    await upload(page, hongze2024, 'slow-scan.pdf');
    await sleep(200);
    await upload(page, seedClean, 'newer.txt');
    await waitResult(page, 'newer.txt');
    await sleep(3500);
    const names = await page.locator('#check-result dd').allInnerTexts();
    check(names.includes('newer.txt') && !names.includes('slow-scan.pdf') && (await page.locator('#picked').innerText()) === 'newer.txt',
      say('the slower earlier upload does not replace the newer result'));
    await page.unroute('**/api/check');
    // ---- too large: refused before sending ----
    let sent = 0;
    const count = (r) => { if (r.url().includes('/api/check')) sent++; };
    page.on('request', count);
    const limit = (await (await fetch(base + 'api/health')).json()).max_upload_bytes;
    await page.setInputFiles('input#file', { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(limit + 1024, 32) });
    await page.waitForSelector('#check-result .error-box');
    check(sent === 0 && (await page.locator('#check-result .error-box').innerText()).includes('超过上限'), say('a file over the limit is refused without uploading it'));
    page.off('request', count);

    // ---- 语料库 ----
    await page.goto(base + '#/corpus');
    await page.waitForSelector('table.list tr td a');
    check(await page.locator('table.list tr').count() > 2, say('corpus lists reports'));
    check(await page.locator('.dup').count() >= 2, say('two reports of one agency-year are marked'));
    await checkNoInternalNames(page, say('corpus'));
    await shot('corpus', true);
    await page.goto(base + '#/corpus?q=' + encodeURIComponent('不存在的机关名称'));
    await page.waitForSelector('.empty');
    const empty = await page.locator('#app').innerText();
    check(empty.includes('没有符合条件的报告') && !empty.includes('0–0'), say('an empty search says so, no “显示第 0–0 份”'));
    await page.goto(base + '#/corpus?q=' + encodeURIComponent('东湖区'));
    await page.waitForSelector('table.list tr td a');
    await page.locator('table.list tr td a[href^="#/report/"]').first().click();
    await page.waitForSelector('table.t2');
    check(await page.locator('.section-text').count() >= 1, say('report page shows section texts'));
    check(await page.locator('#delete').count() === 0, say('read-only: no delete button'));
    await checkNoInternalNames(page, say('report page'));
    await openAllAndCheck(page, say('report page'));
    await shot('report', true);
    // Cross-year finding: its cells on screen, its note a link to last year's report.
    const xy = page.locator('.diag[data-rule^="X-XYEAR-CARRY"]').first();
    if (await xy.count()) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await xy.click();
      await sleep(300);
      check(await inView(page.locator('td.num.sel').first()), say('clicking a cross-year finding scrolls its cell into view'));
      const link = xy.locator('.notes a[href^="#/report/"]');
      check(await link.count() === 1 && !(await xy.innerText()).includes('/'), say('the cross-year note links last year’s report, no path'));
      await shot('report-xyear');
    } else check(false, say('cross-year finding listed on the 2024 report'));
    await page.locator('a.back').first().click();
    await page.waitForSelector('table.list');
    check(decodeURIComponent(page.url()).includes('q=东湖区'), say('← 返回语料库 keeps the search'));

    // ---- comparison with the previous year ----
    await page.locator('a[href^="#/compare/"]').first().click();
    await page.waitForSelector('.side-by-side table.t2');
    check(await page.locator('.side-by-side table.t2').count() === 2, say('two years side by side'));
    check(await page.locator('td.num.changed').count() >= 2, say('changed cells highlighted'));
    check(await page.locator('.layout.compare .diag').count() >= 1, say('the comparison lists the findings'));
    check(await noHorizontalOverflow(page), say('comparison fits the window, 总计 column included'));
    await page.locator('.year-col').last().locator('td.num[data-path="applications.carried_over[0]"]').click();
    check(await page.locator('.layout.compare .detail').isVisible(), say('a cell of the comparison can be clicked'));
    await page.locator('table.changes tr.clickable').first().click();
    await sleep(300);
    check(await inView(page.locator('.year-col').last().locator('td.num.sel').first()), say('a changed cell in the list brings it on screen'));
    await checkNoInternalNames(page, say('comparison'));
    await shot('compare', true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('compare-view');
    if (vp.width === 1366) for (const w of [1100, 1280, 1414]) {
      await page.setViewportSize({ width: w, height: 768 });
      await sleep(100);
      check(await noHorizontalOverflow(page), say('comparison fits a ' + w + ' px window'));
    }
    await page.setViewportSize(vp);

    // ---- 总览 ----
    await page.goto(base + '#/dashboard');
    await page.waitForSelector('.chart svg');
    check(await page.locator('.chart svg').count() === 4, say('dashboard draws four charts'));
    check(await page.locator('.chart svg rect').count() > 4, say('charts have bars'));
    const charts = await page.evaluate(() => [...document.querySelectorAll('.chart svg')].map((s) => {
      const W = s.viewBox.baseVal.width;
      const cut = [...s.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < -0.5 || b.x + b.width > W + 0.5; }).map((t) => t.textContent);
      const ticks = [...s.querySelectorAll('text.tick')].map((t) => t.textContent).filter((t) => t !== '0');
      return { cut, ticks, texts: [...s.querySelectorAll('text')].map((t) => t.textContent) };
    }));
    check(charts.every((c) => c.cut.length === 0), say('no chart label cut off' + charts.map((c) => c.cut.join(' ')).join(' ')));
    check(charts.every((c) => c.ticks.every((t) => t.endsWith('万')) || c.ticks.every((t) => !t.endsWith('万'))), say('axis ticks in one unit'));
    check(charts.every((c) => c.texts.every((t) => !/(^|[^.\d])0%（[1-9]/.test(t))), say('no “0%（N 份）”'));
    await checkNoInternalNames(page, say('dashboard'));
    await shot('dashboard', true);

    // ---- 规则 ----
    await page.goto(base + '#/rules');
    await page.waitForSelector('table.list code');
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('table.list td.nowrap')].filter((td) => {
      const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1 && td.textContent.length <= 4;
    }).length);
    check(wrapped === 0, say('the rules page does not wrap 错/误'));
    await checkNoInternalNames(page, say('rules'));
    await shot('rules');

    // ---- 填报与生成 ----
    await page.goto(base + '#/form');
    await page.waitForSelector('#template-xlsx');
    const t = await fetch(base + 'api/template?format=xlsx');
    check(t.ok && (await t.arrayBuffer()).byteLength > 1000, say('the blank form downloads'));
    await page.selectOption('#render-format', 'html');
    await page.setInputFiles('#form-file', join(fxDir, 'donghu-2024.form.json'));
    await page.waitForSelector('#rendered, #render-result .error-box');
    check(await page.locator('#rendered').count() === 1, say('a filled form renders into a report'));
    await checkNoInternalNames(page, say('form page'));
    await shot('form');

    check(pageErrors.length === 0, say('no script errors' + (pageErrors.length ? ': ' + pageErrors.join(' | ') : '')));
    check(foreign.length === 0, say('no request left the server' + (foreign.length ? ': ' + foreign.join(' ') : '')));
  } finally {
    await page.close();
  }
}

// API parameters: 400 with a Chinese message, ids in any case.
async function apiChecks(base) {
  for (const q of ['year=2024abc', 'offset=abc', 'limit=0', 'offset=-1']) {
    const r = await fetch(base + 'api/reports?' + q);
    const body = await r.json();
    check(r.status === 400 && /[\u4e00-\u9fff]/.test(body.error || ''), 'API: ' + q + ' answered 400 in Chinese (' + r.status + ' ' + body.error + ')');
  }
  const list = await (await fetch(base + 'api/reports?limit=1')).json();
  const id = list.items[0].id;
  check((await fetch(base + 'api/reports/' + id.toUpperCase())).status === 200, 'API: an upper-case id finds the report');
  const bad = await fetch(base + 'api/reports/xyz');
  check(bad.status === 400, 'API: a malformed id is 400');
}

// Save to the corpus and delete from it, on a writable server over a copy.
async function writable(browser, vp) {
  const copy = join(outDir, 'writable.db');
  for (const f of [copy, copy + '-wal', copy + '-shm']) rmSync(f, { force: true });
  copyFileSync(db, copy);
  const { server, base } = await startServer(bin, ['--db', copy]);
  const { page, pageErrors } = await guardedPage(browser, base, vp);
  try {
    await page.goto(base + '#/check');
    await page.waitForSelector('input#file');
    await upload(page, fx.t3, 'to-save.txt');
    await page.waitForSelector('#save');
    await page.click('#save');
    await page.waitForSelector('#saved');
    check(true, 'save to corpus from the check page');
    await page.locator('#check-result a[href^="#/report/"]').first().click();
    await page.waitForSelector('#delete');
    const id = page.url().split('/').pop();
    page.once('dialog', (d) => d.accept());
    await page.click('#delete');
    await page.waitForSelector('table.list, .empty');
    check((await fetch(base + 'api/reports/' + id)).status === 404, 'delete from the report page removes it from the corpus');
    check(pageErrors.length === 0, 'writable: no script errors' + (pageErrors.length ? ': ' + pageErrors.join(' | ') : ''));
  } finally {
    await page.close();
    await stopServer(server);
  }
}

const { server, base } = await startServer(bin, ['--db', db, '--read-only']);
// serve --accounts: a clerk signs in, uploads a draft, is stopped until each
// error is explained, submits; a reviewer signs in, finds it in the queue and
// approves it into the corpus. A fresh database with the region's units and
// three accounts (gongkai units import, gongkai users add).
async function accounts(browser, vp) {
  const tag = vp.width + 'x' + vp.height;
  const say = (what) => tag + ' accounts: ' + what;
  const adb = join(outDir, 'accounts-' + tag + '.db');
  for (const f of [adb, adb + '-wal', adb + '-shm']) rmSync(f, { force: true });
  const units = join(seedDir, '..', 'region', 'units_good.csv');
  execFileSync(bin, ['units', 'import', units, '--db', adb], { stdio: 'ignore' });
  for (const [name, ...extra] of [['clerk', '--role', 'clerk', '--unit', 'D2'], ['rev', '--role', 'reviewer', '--region', '青山市/青山县']])
    execFileSync(bin, ['users', 'add', name, ...extra, '--db', adb], { input: 'secret-pass-1\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const { server, base } = await startServer(bin, ['--db', adb, '--accounts']);
  const { page, pageErrors } = await guardedPage(browser, base, vp, /status of (400|401|403|422)/);
  const shotDir = join(outDir, tag);
  const shot = (n) => page.screenshot({ path: join(shotDir, 'accounts-' + n + '.png'), fullPage: true });
  const login = async (name, password) => {
    await page.goto(base + '#/login');
    await page.waitForSelector('#login-name');
    await page.fill('#login-name', name);
    await page.fill('#login-password', password);
    await page.click('#login-submit');
  };
  try {
    // Not signed in: every page leads to the login.
    await page.goto(base + '#/corpus');
    await page.waitForSelector('#login-name');
    check(page.url().endsWith('#/login'), say('without a session the corpus page leads to the login'));
    await login('clerk', 'wrong-password');
    await page.waitForSelector('.error-box');
    check((await page.locator('.error-box').innerText()).includes('用户名或密码不对'), say('a wrong password is refused in Chinese'));
    await shot('login-refused');
    await login('clerk', 'secret-pass-1');
    await page.waitForSelector('input#draft-file', { state: 'attached' });
    check(/clerk（填报人，D2）/.test(await page.locator('#whoami').innerText()), say('the clerk is shown signed in with the role and unit'));
    // Upload a draft with a Table 3 error.
    await page.setInputFiles('input#draft-file', { name: 'draft.txt', mimeType: 'text/plain', buffer: readFileSync(fx.t3) });
    await page.waitForSelector('#draft-submit');
    const errors = await page.locator('.explain').count();
    check(errors >= 1, say('the draft page lists its errors, each with a box to explain it (' + errors + ')'));
    await page.click('#draft-submit');
    await page.waitForSelector('#draft-msg .error-box');
    check((await page.locator('#draft-msg').innerText()).includes('未作说明'), say('submitting without explanations is refused'));
    check((await page.locator('#draft-status').innerText()) === '草稿', say('the draft stays a draft'));
    for (let i = 0; i < errors; ++i) await page.fill('#expl-' + i, '原表如此印出，已向业务科室核实');
    await page.click('#draft-submit');
    await page.waitForSelector('#draft-msg .ok-box');
    check((await page.locator('#draft-status').innerText()).includes('审核'), say('explained, the draft is submitted for review'));
    await checkNoInternalNames(page, say('draft page'));
    check(await noHorizontalOverflow(page), say('the draft page fits the window'));
    await shot('draft-submitted');
    // The reviewer.
    await page.click('#logout');
    await page.waitForSelector('#login-name');
    await login('rev', 'secret-pass-1');
    await page.waitForSelector('table.drafts tr[data-draft]');
    check(await page.locator('table.drafts tr[data-draft]').count() === 1, say('the reviewer finds the submitted report in the queue'));
    await page.locator('table.drafts tr[data-draft] a').first().click();
    await page.waitForSelector('#review-approve');
    check((await page.locator('.explain').first().innerText()).includes('已向业务科室核实'), say('the reviewer reads the clerk\'s explanations'));
    await page.click('#review-return');
    await page.waitForSelector('#draft-msg .error-box');
    check((await page.locator('#draft-msg').innerText()).includes('退回时请写明意见'), say('returning without a comment is refused'));
    await page.click('#review-approve');
    await page.waitForSelector('#draft-msg a[href^="#/report/"]');
    check((await page.locator('#draft-status').innerText()).includes('通过'), say('approved'));
    await page.locator('#draft-msg a[href^="#/report/"]').click();
    await page.waitForSelector('#check-result, .layout, table.gk', { timeout: 30000 });
    check(page.url().includes('#/report/'), say('the approved report is in the corpus'));
    await checkNoInternalNames(page, say('review'));
    await shot('approved');
    check(pageErrors.length === 0, say('no script errors') + (pageErrors.length ? ': ' + pageErrors.join(' | ') : ''));
  } finally {
    await page.close();
    await stopServer(server);
  }
}

const browser = await launchBrowser();
try {
  // E2E_ONLY=accounts runs that part alone (while working on it); the default is everything.
  const only = process.env.E2E_ONLY || '';
  if (!only) {
    await apiChecks(base);
    for (const vp of VIEWPORTS) await suite(browser, base, vp);
    await writable(browser, VIEWPORTS[0]);
  }
  if (!only || only === 'accounts') for (const vp of VIEWPORTS) await accounts(browser, vp);
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
