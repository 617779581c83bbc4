// End-to-end test of the 地区 pages (web/region.js) in headless Chromium at
// 1366×768 (and the region page again at 1920×1080): region tree with coverage counts, a chart (ECharts, served by
// gongkai itself), the heat table of units × years (states, tooltips, click to
// pick a unit-year), filtering by clicking a count, the roll-up tables with a
// figure's sources, a unit's timeline, comparing two reports, the scorecard.
// Usage: node region_e2e.mjs GONGKAI_BINARY REGION_DB OUT_DIR
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { internalNames } from './harness.mjs';

const [bin, db, outDir] = process.argv.slice(2);
if (!outDir) { console.error('usage: node region_e2e.mjs GONGKAI_BINARY REGION_DB OUT_DIR'); process.exit(2); }
mkdirSync(outDir, { recursive: true });
let failures = 0;
function check(cond, what) { console.log((cond ? 'ok   ' : 'FAIL ') + what); if (!cond) failures++; }

const server = spawn(bin, ['serve', '--db', db, '--read-only', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let buf = '';
  const t = setTimeout(() => reject(new Error('server did not start')), 30000);
  server.stdout.on('data', (d) => { buf += d; const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(buf); if (m) { clearTimeout(t); resolve(m[0]); } });
  server.on('exit', (c) => reject(new Error('server exited ' + c)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = [], foreign = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // ECharts' HTML tooltip writes style attributes in its markup; the server's CSP
  // (style-src 'self') blocks those (the tooltip still shows, its colour dots do
  // not). Counted apart, not as script errors.
  let cspStyle = 0;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().startsWith('Applying inline style violates')) cspStyle++;
    else errors.push(m.text());
  });
  await page.route('**/*', (route) => { if (route.request().url().startsWith(base)) return route.continue(); foreign.push(route.request().url()); return route.abort(); });

  // Region tree + coverage of the last year.
  await page.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县'));
  await page.waitForSelector('table.coverage');
  check(await page.locator('table.region-tree tr[data-region]').count() >= 3, 'region tree lists 青山市, 青山县, 白水县');
  check(await page.locator('table.coverage tr.st-miss').count() === 1, 'one unit missing in the last year');
  check(await page.locator('table.coverage tr.st-late').count() === 2, 'two units late');
  await page.waitForSelector('#cov-chart canvas', { timeout: 10000 }).catch(() => console.log('chart errors: ' + errors.join(' | ')));
  check(await page.locator('#cov-chart canvas').count() > 0, 'coverage chart drawn by ECharts');
  check(await page.evaluate(() => typeof echarts === 'object'), 'ECharts loaded from the server');
  await page.screenshot({ path: join(outDir, 'region.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'region: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }
  // The heat table: the county's 43 units × its 5 years, each cell the unit-year's state.
  await page.waitForSelector('table.heat-table');
  check(await page.locator('table.heat-table tbody tr').count() === 43, 'heat table: one row per unit (43)');
  check(await page.locator('table.heat-table thead th[data-year]').count() === 5, 'heat table: one column per year (5)');
  check(await page.locator('table.heat-table tbody tr').first().locator('td').count() === 5, 'heat table: five cells in a row');
  const heatCell = (uid, y) => page.locator(`table.heat-table tr[data-unit="${uid}"] td[data-year="${y}"]`);
  const cellInfo = async (uid, y) => heatCell(uid, y).evaluate((td) => ({ cls: td.className, state: td.dataset.state, title: td.title, text: td.textContent }));
  {
    const t3 = await cellInfo('T3', 2024), d7 = await cellInfo('D7', 2024), d15 = await cellInfo('D15', 2024);
    const d12 = await cellInfo('D12', 2023), d5 = await cellInfo('D5', 2022), d5b = await cellInfo('D5', 2023);
    check(t3.cls.includes('hs-missing') && t3.text === '未发' && /青山县河口镇人民政府 · 2024 年度 · 未发布/.test(t3.title), 'heat: T3 2024 missing, tooltip ' + t3.title);
    check(d7.cls.includes('hs-late') && /2024 年度 · 逾期发布 · 逾期 15 天 · 发布日期 2025-02-15/.test(d7.title), 'heat: D7 2024 late by 15 days, tooltip ' + d7.title);
    check(d15.state === 'errors' && /报告有错误 · 按时发布 · 错误 [1-9]\d* 处/.test(d15.title), 'heat: D15 2024 has errors, count in tooltip ' + d15.title);
    check(d12.state === 'versions' && /2 个版本/.test(d12.title), 'heat: D12 2023 published twice, tooltip ' + d12.title);
    check(d5.state === 'missing' && d5b.state === 'on_time', 'heat: D5 missing in 2022 only');
    const counts = await page.evaluate(() => { const n = {}; document.querySelectorAll('table.heat-table td.hs').forEach((td) => { n[td.dataset.state] = (n[td.dataset.state] || 0) + 1; }); return n; });
    check(counts.missing === 3 && counts.late === 2 && counts.errors === 1 && counts.versions === 1 && counts.on_time === 43 * 5 - 7, 'heat: states over the table ' + JSON.stringify(counts));
    check(await page.locator('.heat-legend .heat-key').count() === 6 && (await page.locator('.heat-legend').innerText()).includes('报告有错误'), 'heat: legend in Chinese with six states');
    const wrap = await page.locator('.heat-wrap').evaluate((d) => ({ sh: d.scrollHeight, ch: d.clientHeight }));
    check(wrap.sh > wrap.ch, 'heat: 43 rows scroll inside the table box (' + wrap.ch + ' of ' + wrap.sh + ' px)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, '1366×768: no horizontal overflow (' + overflow + ' px)');
    await page.locator('.heat-card').screenshot({ path: join(outDir, 'region-heat.png') });
  }
  // Hover a cell: the browser's tooltip is its title; the hovered cell is the one with that title.
  await heatCell('D7', 2024).hover();
  check(await page.evaluate(() => document.querySelector('table.heat-table td:hover')?.title || '').then((t) => t.includes('逾期发布')), 'heat: hovering D7 2024 shows 逾期发布');
  check((await page.locator('.heat-info').innerText()).includes('青山县财政局 · 2024 年度 · 逾期发布 · 逾期 15 天'), 'heat: hovering D7 2024 shows its details below the table');
  await page.locator('.heat-card').screenshot({ path: join(outDir, 'region-heat-hover.png') });
  // Click a cell: the page moves to that year and marks the unit in the coverage list.
  // (The click sets location.hash; the page answers by marking the row. waitForSelector, not
  // waitForFunction: the server's CSP forbids the eval that function polling needs.)
  await heatCell('D5', 2022).click();
  await page.waitForSelector('table.coverage tr.hl[data-unit="D5"]');
  { const h = await page.evaluate(() => location.hash); check(h.includes('year=2022') && h.includes('unit=D5') && !h.includes('status='), 'heat click: the address says year 2022, unit D5 (' + decodeURIComponent(h) + ')'); }
  check(await page.locator('select[aria-label="年度"]').inputValue() === '2022', 'heat click: year selector set to 2022');
  check(await page.locator('table.coverage tr.hl').count() === 1 && await page.locator('table.coverage tr.hl').getAttribute('data-unit') === 'D5', 'heat click: D5 marked in the coverage list');
  check((await page.locator('table.coverage tr.hl').getAttribute('class')).includes('st-miss') && (await page.locator('table.coverage tr.hl').innerText()).includes('未发布'), 'heat click: the marked row says 未发布');
  check(await page.locator('table.heat-table thead th.cur').getAttribute('data-year') === '2022' && await page.locator('table.heat-table tr.sel').getAttribute('data-unit') === 'D5', 'heat click: the table shows the chosen year and unit');
  check(await page.getByText('已选单位：青山县民政局（2022 年度）').count() === 1, 'heat click: the selection is said in Chinese');
  // A year heading switches the year and keeps the chosen unit.
  await page.locator('table.heat-table thead th[data-year="2023"]').click();
  await page.waitForSelector('table.heat-table thead th.cur[data-year="2023"]');
  check(await page.locator('select[aria-label="年度"]').inputValue() === '2023' && await page.locator('table.coverage tr.hl').getAttribute('data-unit') === 'D5', 'heat: clicking the 2023 heading shows 2023, D5 still marked');
  // A unit far down the list: its heat row is scrolled into view inside the box.
  await page.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县') + '&year=2024&unit=T12');
  await page.waitForSelector('table.coverage tr.hl[data-unit="T12"]');
  const inBox = await page.evaluate(() => { const w = document.querySelector('.heat-wrap').getBoundingClientRect(), r = document.querySelector('table.heat-table tr.sel').getBoundingClientRect(); return r.top >= w.top && r.bottom <= w.bottom + 1; });
  check(inBox, 'heat: the chosen unit (T12, last row) is scrolled into view inside the table box');
  await heatCell('D5', 2022).click();
  await page.waitForSelector('table.coverage tr.hl[data-unit="D5"]');
  await page.screenshot({ path: join(outDir, 'region-heat-click.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'region-heat-click: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }
  await page.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县'));
  await page.waitForSelector('table.coverage tr.hl', { state: 'detached' });
  // The keyboard does what the click does: Enter on a focused cell.
  await heatCell('T2', 2024).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('table.coverage tr.hl[data-unit="T2"]');
  check((await page.locator('table.coverage tr.hl').getAttribute('class')).includes('st-late') && (await page.locator('table.coverage tr.hl').innerText()).includes('逾期发布（10 天）'), 'heat: Enter on T2 2024 marks the late township (10 days)');

  // Click a count to filter: only the late units remain.
  await page.locator('.totals a').nth(1).click();
  await page.waitForFunction(() => location.hash.includes('status=late'));
  await page.waitForSelector('table.coverage');
  check(await page.locator('table.coverage tr').count() === 3, 'clicking 逾期发布 filters the table to the two late units');
  await page.screenshot({ path: join(outDir, 'region-late.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'region-late: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }
  // Hover a bar: the tooltip shows values.
  const box = await page.locator('#cov-chart').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.55, { steps: 5 });
  await page.waitForTimeout(800);
  const tip = await page.evaluate(() => [...document.querySelectorAll('#cov-chart div')].map((d) => d.textContent).join(' '));
  check(/按时发布\s*\d+/.test(tip), 'hovering the chart shows a tooltip with values');

  // Roll-up.
  await page.goto(base + '#/rollup?region=' + encodeURIComponent('青山市/青山县') + '&year=2024');
  await page.waitForSelector('table.rollup-t2');
  check(await page.getByText('有错误的报告未计入汇总').count() === 1, 'roll-up says reports with errors are excluded');
  check(await page.getByText('汇总后表内关系全部成立').count() === 1, 'rolled-up relations hold');
  await page.locator('table.rollup-t2 td.num').first().click();
  await page.waitForSelector('#rollup-src table');
  check(await page.locator('#rollup-src table tr').count() > 2, 'a figure lists the units it came from');
  const shown = internalNames(await page.evaluate(() => document.body.innerText));
  check(shown.length === 0, 'roll-up: no internal names in visible text' + (shown.length ? ': ' + [...new Set(shown)].slice(0, 5).join('、') : ''));
  await page.screenshot({ path: join(outDir, 'rollup.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'rollup: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }

  // A unit's timeline (the renamed one: five years, one id).
  await page.goto(base + '#/unit/D16');
  await page.waitForSelector('table.timeline');
  check(await page.locator('table.timeline tr').count() === 6, 'timeline has five years');
  check(await page.getByText('曾用名：青山县文化体育局').count() === 1, 'former name shown');
  await page.waitForSelector('#unit-chart canvas');
  await page.screenshot({ path: join(outDir, 'unit.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'unit: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }
  // Compare with last year from the timeline.
  await page.locator('table.timeline a', { hasText: '与上年比较' }).last().click();
  await page.waitForSelector('.diff');
  check(await page.locator('.diff p.ins').count() > 0, 'comparison shows added sentences');
  await page.screenshot({ path: join(outDir, 'compare.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'compare: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }

  // Scorecard and rankings.
  await page.goto(base + '#/scorecard?region=' + encodeURIComponent('青山市/青山县') + '&year=2024');
  await page.waitForSelector('table.scorecard');
  check(await page.locator('table.scorecard tr').count() === 44, 'scorecard ranks 43 units');
  check(await page.locator('a[href*="/api/region/export"][href*="labels=zh"]').count() >= 2, 'exports offer Chinese column names');
  const csv = await page.evaluate(async () => (await fetch(document.querySelector('a[href*="format=csv&labels=zh"]').getAttribute('href'))).text());
  check(csv.includes('单位编号') && csv.includes('地区内名次'), 'the scorecard export follows the page and has Chinese columns');
  await page.waitForSelector('#score-chart canvas');
  await page.screenshot({ path: join(outDir, 'scorecard.png') });
  { const f = internalNames(await page.evaluate(() => document.body.innerText)); check(f.length === 0, 'scorecard: no internal names in visible text' + (f.length ? ': ' + [...new Set(f)].slice(0, 5).join('、') : '')); }

  // A large region's heat table grows as its box is scrolled (chunks of 200 rows; 10 here, set
  // before the page's scripts run, so the county's 43 units need several chunks).
  {
    const small = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    small.on('pageerror', (e) => errors.push('chunks: ' + String(e)));
    await small.addInitScript(() => { window.GK_HEAT_CHUNK = 10; });
    await small.route('**/*', (route) => { if (route.request().url().startsWith(base)) return route.continue(); foreign.push(route.request().url()); return route.abort(); });
    await small.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县'));
    await small.waitForSelector('table.heat-table');
    await small.waitForTimeout(300);  // the box fills itself chunk by chunk until it scrolls
    const first = await small.locator('table.heat-table tbody tr').count();
    check(first >= 10 && first < 43 && first % 10 === 0, 'heat chunks: ' + first + ' of 43 rows drawn first, in chunks of 10');
    check(await small.getByText('已显示 ' + first + ' / 43 个单位，向下滚动显示更多。').isVisible(), 'heat chunks: says how many are shown');
    for (let k = 0; k < 10 && await small.locator('table.heat-table tbody tr').count() < 43; k++) {
      await small.locator('.heat-wrap').evaluate((d) => { d.scrollTop = d.scrollHeight; });
      await small.waitForTimeout(200);
    }
    check(await small.locator('table.heat-table tbody tr').count() === 43, 'heat chunks: scrolling the box to its end draws every row');
    check(!(await small.locator('.heat-foot').isVisible()), 'heat chunks: the note goes when every row is drawn');
    await small.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县') + '&year=2022');
    await small.waitForSelector('table.heat-table thead th.cur[data-year="2022"]');
    await small.waitForTimeout(300);
    const before = await small.locator('table.heat-table tbody tr').count();
    await small.getByRole('button', { name: '显示更多' }).click();
    check(await small.locator('table.heat-table tbody tr').count() === Math.min(43, before + 10), 'heat chunks: 显示更多 draws the next 10 rows');
    await small.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县') + '&year=2024&unit=T12');
    await small.waitForSelector('table.heat-table tr.sel[data-unit="T12"]');
    check(await small.locator('table.heat-table tbody tr').count() === 43, 'heat chunks: a chosen unit in the last chunk draws every row up to it');
    await small.close();
  }

  // The same region page at 1920×1080: the tables and the chart fit, nothing overflows sideways.
  {
    const wide = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    wide.on('pageerror', (e) => errors.push('1920: ' + String(e)));
    await wide.route('**/*', (route) => { if (route.request().url().startsWith(base)) return route.continue(); foreign.push(route.request().url()); return route.abort(); });
    await wide.goto(base + '#/region?region=' + encodeURIComponent('青山市/青山县'));
    await wide.waitForSelector('table.coverage');
    await wide.waitForSelector('#cov-chart canvas', { timeout: 10000 }).catch(() => {});
    check(await wide.locator('table.coverage tr.st-miss').count() === 1, '1920×1080: one unit missing in the last year');
    check(await wide.locator('#cov-chart canvas').count() > 0, '1920×1080: coverage chart drawn');
    check(await wide.locator('table.heat-table tbody tr').count() === 43 && await wide.locator('table.heat-table td.hs-missing').count() === 3, '1920×1080: heat table with 43 units, 3 missing unit-years');
    const overflow = await wide.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, '1920×1080: no horizontal overflow (' + overflow + ' px)');
    await wide.screenshot({ path: join(outDir, 'region-1920.png') });
    await wide.close();
  }

  console.log('note inline tooltip styles blocked by the CSP: ' + cspStyle);
  check(errors.length === 0, 'no script errors' + (errors.length ? ': ' + errors.join(' | ') : ''));
  check(foreign.length === 0, 'no request left the server' + (foreign.length ? ': ' + foreign.join(' ') : ''));
} catch (e) {
  console.error('FAIL', e);
  failures++;
} finally {
  await browser.close();
  const stopped = server.exitCode !== null ? Promise.resolve(server.exitCode) : new Promise((r) => server.once('exit', (c, s) => r(c ?? s)));
  server.kill('SIGTERM');
  check((await stopped) === 0, 'gongkai serve stopped cleanly');
}
writeFileSync(join(outDir, 'region-result.txt'), failures ? 'FAIL\n' : 'OK\n');
console.log(failures ? failures + ' failure(s); screenshots in ' + outDir : 'region e2e ok; screenshots in ' + outDir);
process.exit(failures ? 1 : 0);
