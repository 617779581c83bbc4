// 地区 pages (issue 14): region tree with coverage counts, roll-up tables, a
// unit's timeline, comparison of two reports, scorecard and rankings. Uses
// app.js's helpers (el, show, api, errorBox) and ECharts (echarts.js,
// embedded: pinned by web/vendor/package-lock.json, no CDN).
'use strict';

const REGION_STATUS_CLASS = { on_time: 'ok', late: 'late', date_unknown: 'unknown', missing: 'miss' };

function regionQuery(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  return q.toString();
}

function chartBox(id, height) { return el('div', { class: 'echart', id, style: null, 'data-height': height || 260 }); }
function drawChart(id, option, onClick) {
  const node = document.getElementById(id);
  if (!node || typeof echarts === 'undefined') return null;
  node.style.height = (node.dataset.height || 260) + 'px';
  const chart = echarts.init(node);
  chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' } }, option));
  if (onClick) chart.on('click', onClick);
  return chart;
}

function exportLinks(kind, params) {
  const base = '/api/region/export?' + regionQuery(Object.assign({ kind }, params));
  return el('span', { class: 'exports' }, '导出：',
    el('a', { href: base + '&format=csv&labels=zh', class: 'btn secondary' }, 'CSV（中文列名）'), ' ',
    el('a', { href: base + '&format=xlsx&labels=zh', class: 'btn secondary' }, 'XLSX（中文列名）'), ' ',
    el('a', { href: base + '&format=csv', class: 'btn secondary' }, 'CSV（英文列名）'));
}

// ---------- 热力表：各单位 × 各年度 ----------
// One row per unit of the region, one column per year with reports; each cell's
// state comes from /api/region/coverage-years (the coverage computation of
// src/region/, never redone here). Colours are CSS classes (hs-STATE); each
// cell also carries a short word, so the table reads without colour.
const HEAT_SHORT = { on_time: '按时', late: '逾期', errors: '有错', versions: '多版', date_unknown: '不明', missing: '未发' };

function heatTip(u, c) {
  const parts = [u.name, c.year + ' 年度', c.state_zh];
  if (c.state !== c.status && c.status !== 'missing') parts.push(c.status_zh + (c.days_late ? '（逾期 ' + c.days_late + ' 天）' : ''));
  else if (c.days_late) parts.push('逾期 ' + c.days_late + ' 天');
  if (c.errors) parts.push('错误 ' + c.errors + ' 处');
  if (c.warnings) parts.push('警告 ' + c.warnings + ' 处');
  if (c.versions > 1) parts.push(c.versions + ' 个版本');
  if (c.published) parts.push('发布日期 ' + c.published);
  return parts.join(' · ');
}

// Rows are added in chunks as the box is scrolled: a city of ten thousand units
// would otherwise cost seconds of layout before the page shows. Each chunk is one
// HTML string (every value escaped), parsed by the browser at once.
const HEAT_CHUNK = () => window.GK_HEAT_CHUNK || 200;
function heatEsc(x) {
  return String(x).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}
function heatRows(h, year, unit, from, to) {
  const out = [];
  for (const u of h.units.slice(from, to)) {
    out.push('<tr', u.unit_id === unit ? ' class="sel"' : '', ' data-unit="', heatEsc(u.unit_id), '"><th class="label" scope="row">', heatEsc(u.name), '</th>');
    for (const c of u.cells)
      out.push('<td class="hs hs-', heatEsc(c.state), c.year === year ? ' cur' : '', '" data-year="', c.year, '" data-state="', heatEsc(c.state),
        '" title="', heatEsc(heatTip(u, c)), '" tabindex="0" role="button">', heatEsc(HEAT_SHORT[c.state] || c.state_zh), '</td>');
    out.push('</tr>');
  }
  return out.join('');
}

function heatTable(h, year, unit, go) {
  if (!h.years.length) return el('div', { class: 'card heat-card' }, el('h2', {}, '各单位历年发布情况'), el('p', { class: 'muted' }, '该地区的单位还没有任何年度的报告。'));
  const legend = el('div', { class: 'heat-legend' }, h.states.map((s) =>
    el('span', { class: 'heat-key' }, el('span', { class: 'hs hs-' + s.key }, HEAT_SHORT[s.key] || ''), s.label)));
  // One listener on the table (a city has thousands of cells): the cell's row and year say what to open.
  // A year heading switches the page's year (keeping the chosen unit).
  const open = (e) => {
    const th = e.target.closest('thead th[data-year]');
    if (th) return go({ year: th.dataset.year, unit });
    const td = e.target.closest('td.hs'), tr = td && td.parentElement;
    if (td && tr && tr.dataset.unit) go({ year: td.dataset.year, unit: tr.dataset.unit });
  };
  // The hovered or focused cell's details, also below the table (the title is the browser's tooltip).
  const info = el('p', { class: 'heat-info', 'aria-live': 'polite' }, '把鼠标移到格子上查看详情，点击格子查看该单位该年度。');
  const tell = (e) => { const td = e.target.closest('td.hs'); if (td) info.textContent = td.title; };
  const tbody = el('tbody', {});
  const table = el('table', {
    class: 'gk heat-table', onclick: open, onmouseover: tell, onfocusin: tell,
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(e); } },
  },
    el('thead', {}, el('tr', {}, el('th', { class: 'label' }, '单位'),
      h.years.map((y) => el('th', { class: y === year ? 'cur' : '', 'data-year': y, tabindex: 0, role: 'button', title: '切换到 ' + y + ' 年度' }, y + '年')))),
    tbody);
  const total = h.units.length, chunk = HEAT_CHUNK();
  const more = el('span', { class: 'muted heat-more' });
  let shown = 0;
  const grow = (upto) => {
    const to = Math.min(total, Math.max(upto, shown + chunk));
    if (to <= shown) return;
    tbody.insertAdjacentHTML('beforeend', heatRows(h, year, unit, shown, to));
    shown = to;
    more.textContent = '已显示 ' + shown + ' / ' + total + ' 个单位，向下滚动显示更多。';
    if (more.parentElement) more.parentElement.hidden = shown >= total;
  };
  // The chosen unit's row is among the first rows drawn.
  const at = unit ? h.units.findIndex((u) => u.unit_id === unit) : -1;
  grow(at >= 0 ? Math.ceil((at + 1) / chunk) * chunk : chunk);
  // A mark after the table: when it comes near the box's bottom edge, the next chunk is drawn
  // (observed afresh after each chunk, so a box not yet full keeps growing).
  const end = el('div', { class: 'heat-end' });
  const wrap = el('div', { class: 'heat-wrap' }, table, end);
  if (shown < total && typeof IntersectionObserver !== 'undefined') {
    const io = new IntersectionObserver((es) => {
      if (!es.some((e) => e.isIntersecting)) return;
      grow(shown + chunk);
      io.unobserve(end);
      if (shown < total) io.observe(end);
    }, { root: wrap, rootMargin: '0px 0px 200px 0px' });
    io.observe(end);
  }
  const moreBtn = el('button', { type: 'button', class: 'secondary', onclick: () => grow(shown + chunk) }, '显示更多');
  return el('div', { class: 'card heat-card' },
    el('h2', {}, '各单位历年发布情况（点击格子查看该单位该年度）'), legend, wrap, info,
    el('div', { class: 'heat-foot', hidden: shown >= total }, more, ' ', moreBtn));
}

// ---------- 地区：树与发布情况 ----------
async function pageRegion(parts, params) {
  show(el('h1', {}, '地区'), el('p', { class: 'muted' }, '正在加载……'));
  try {
    const tree = await api('/api/region/tree');
    if (!tree.regions.length) {
      show(el('h1', {}, '地区'), el('div', { class: 'card' }, '数据库中还没有单位名单。用 gongkai units import 名单.csv --db 语料库.db 导入后再看。'));
      return;
    }
    const years = tree.years;
    const year = Number(params.get('year')) || years[years.length - 1];
    const region = params.get('region') || tree.regions[0].path;
    const go = (p) => { location.hash = '#/region?' + regionQuery(Object.assign({ region, year }, p)); };
    // The tree: one row per region, coverage of the year as a heat cell.
    const heat = (c, n) => {
      const share = n ? c.on_time / n : 0;
      return `hsl(${Math.round(share * 120)}, 65%, 88%)`;
    };
    const treeTable = el('table', { class: 'gk region-tree' },
      el('tr', {}, ['地区', '单位', '按时', '逾期', '未发布', '有错误'].map((h) => el('th', {}, h))),
      tree.regions.map((r) => {
        const c = r.coverage[String(year)] || { on_time: 0, late: 0, missing: r.units, with_errors: 0 };
        const row = el('tr', { class: r.path === region ? 'sel' : '', 'data-region': r.path },
          el('td', { class: 'label', style: null }, el('a', { href: '#/region?' + regionQuery({ region: r.path, year }) }, '\u3000'.repeat(r.depth) + r.name)),
          el('td', { class: 'n' }, r.units), el('td', { class: 'n heat' }, c.on_time), el('td', { class: 'n' }, c.late),
          el('td', { class: 'n' }, c.missing), el('td', { class: 'n' }, c.with_errors));
        row.querySelector('.heat').style.background = heat(c, r.units);
        return row;
      }));
    const yearSel = el('select', { onchange: (e) => go({ year: e.target.value }), 'aria-label': '年度' },
      years.map((y) => el('option', { value: y, selected: y === year }, y + '年度')));
    const [cov, heatData] = await Promise.all([api('/api/region/coverage?' + regionQuery({ region, year })),
      api('/api/region/coverage-years?' + regionQuery({ region }))]);
    const unit = params.get('unit') || '';
    const filter = params.get('status') || '';
    const rows = cov.rows.filter((r) => !filter || r.status === filter || (filter === 'errors' && r.errors > 0));
    const covTable = el('table', { class: 'gk coverage' },
      el('tr', {}, ['单位编号', '单位', '层级', '发布情况', '发布日期', '期限', '版本', '错误', '警告', ''].map((h) => el('th', {}, h))),
      rows.map((r) => el('tr', { class: 'st-' + (REGION_STATUS_CLASS[r.status] || '') + (r.unit_id === unit ? ' hl' : ''), 'data-unit': r.unit_id },
        el('td', {}, r.unit_id), el('td', { class: 'label' }, el('a', { href: '#/unit/' + encodeURIComponent(r.unit_id) }, r.name)),
        el('td', {}, r.level), el('td', {}, r.status_zh + (r.days_late ? '（' + r.days_late + ' 天）' : '')),
        el('td', {}, r.published || '—'), el('td', {}, r.deadline), el('td', { class: 'n' }, r.versions || ''),
        el('td', { class: 'n' }, r.errors || ''), el('td', { class: 'n' }, r.warnings || ''),
        el('td', {}, r.report ? el('a', { href: '#/report/' + r.report }, '报告') : ''))));
    const amb = cov.ambiguous.length ? el('div', { class: 'card warn' }, el('h3', {}, '名称对应多个单位、未计入的报告'),
      el('ul', {}, cov.ambiguous.map((a) => el('li', {}, a.agency + '：可能是 ' + a.candidates.map((c) => c.name).join('、'))))) : null;
    const k = cov.counts;
    const summary = el('div', { class: 'totals' },
      [['单位', cov.units, ''], ['按时发布', k.on_time, 'on_time'], ['逾期发布', k.late, 'late'], ['发布日期不明', k.date_unknown, 'date_unknown'],
        ['未发布', k.missing, 'missing'], ['报告有错误', k.with_errors, 'errors'], ['多个版本', k.several_versions, '']]
        .map(([label, v, key]) => el('div', { class: key && key === filter ? 'sel' : '' },
          key ? el('a', { href: '#/region?' + regionQuery({ region, year, status: key === filter ? '' : key }) }, el('b', {}, v)) : el('b', {}, v), label)));
    const thisRegion = tree.regions.find((r) => r.path === region);
    const selUnit = unit ? cov.rows.find((r) => r.unit_id === unit) : null;
    show(el('h1', {}, '地区 · ' + region), el('div', { class: 'toolbar' }, yearSel, ' ',
      el('a', { class: 'btn', href: '#/rollup?' + regionQuery({ region, year }) }, '汇总表'), ' ',
      el('a', { class: 'btn', href: '#/scorecard?' + regionQuery({ region, year }) }, '评估与排名'), ' ',
      exportLinks('panel', { region })),
    el('div', { class: 'region-layout' },
      el('div', { class: 'card' }, el('h2', {}, '地区（' + year + ' 年度发布情况）'), treeTable),
      el('div', {},
        el('div', { class: 'card chart' }, el('h2', {}, '各年度发布情况（点击柱子切换年度）'), chartBox('cov-chart', 240)),
        heatTable(heatData, year, unit, go),
        summary, amb, el('div', { class: 'card' }, el('h2', {}, year + ' 年度各单位' + (filter ? '（已筛选，点上方数字取消）' : '')),
          selUnit ? el('p', { class: 'heat-sel' }, '已选单位：' + selUnit.name + '（' + year + ' 年度），已在下表中标出。',
            el('a', { href: '#/region?' + regionQuery({ region, year }) }, '取消选择')) : null, covTable))));
    const hs = document.querySelector('table.heat-table tr.sel');
    if (hs) hs.scrollIntoView({ block: 'nearest' });
    const hl = document.querySelector('table.coverage tr.hl');
    if (hl) hl.scrollIntoView({ block: 'center' });
    const ys = years.map(String);
    const series = [['on_time', '按时发布', '#2e8b57'], ['late', '逾期发布', '#c98a00'], ['date_unknown', '发布日期不明', '#9aa1a9'], ['missing', '未发布', '#c81e1e']]
      .map(([key, name, color]) => ({ name, type: 'bar', stack: 'c', itemStyle: { color }, data: ys.map((y) => (thisRegion.coverage[y] || {})[key] || 0) }));
    drawChart('cov-chart', { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: ys.map((y) => y + '年') }, yAxis: { type: 'value', name: '单位' }, series },
    (p) => go({ year: ys[p.dataIndex] }));
  } catch (e) { show(el('h1', {}, '地区'), errorBox(e.message)); }
}

// ---------- 汇总 ----------
async function pageRollup(parts, params) {
  const region = params.get('region'), year = params.get('year'), inc = params.get('include_errors') === '1';
  show(el('h1', {}, '汇总'), el('p', { class: 'muted' }, '正在汇总……'));
  try {
    const [rec, L] = await Promise.all([api('/api/region/rollup?' + regionQuery({ region, year, include_errors: inc ? 1 : '' })), loadLayout()]);
    // Labels from the server's layout (app.js loadLayout), never a copy here.
    const rowLabel = (key) => ((L.t2_rows.find((r) => r.key === key) || {}).label || key);
    const ru = rec.rollup;
    const names = (l) => l.map((u) => u.name).join('、') || '无';
    const toggle = el('a', { class: 'btn secondary', href: '#/rollup?' + regionQuery({ region, year, include_errors: inc ? '' : 1 }) },
      inc ? '不计入有错误的报告' : '计入有错误的报告');
    const src = ru.sources || {};
    const showSources = (path) => {
      const s = src[path];
      const box = document.getElementById('rollup-src');
      box.replaceChildren(el('h3', {}, cellLabel(path)), s ? el('p', {}, '合计 ' + s.sum + '；为 0 的单位 ' + s.zero + ' 个' + (s.lacking ? '；未填 ' + s.lacking.length + ' 个' : '')) : el('p', {}, '无来源'),
        s && s.units.length ? el('table', { class: 'gk' }, el('tr', {}, el('th', {}, '单位编号'), el('th', {}, '数值')), s.units.map(([u, v]) => el('tr', {}, el('td', {}, el('a', { href: '#/unit/' + encodeURIComponent(u) }, u)), el('td', { class: 'n' }, v)))) : null);
    };
    const t2 = el('table', { class: 'gk rollup-t2' }, el('tr', {}, el('th', {}, '表二'), L.t2_cols.map((c) => el('th', {}, c.label))),
      T2_ROW_KEYS.map((key) => el('tr', {}, el('td', { class: 'label' }, rowLabel(key)),
        (rec.applications[key] || []).map((v, i) => el('td', { class: 'num', tabindex: 0, onclick: () => showSources('applications.' + key + '[' + i + ']') }, v === null ? '—' : v)))));
    const t3 = el('table', { class: 'gk' }, el('tr', {}, el('th', {}, '表三'), L.t3_cols.map((c) => el('th', {}, c.label))),
      L.t3_rows.map(({ key, label }) =>
        el('tr', {}, el('td', { class: 'label' }, label), (rec.appeals[key] || []).map((v, i) => el('td', { class: 'num', tabindex: 0, onclick: () => showSources('appeals.' + key + '[' + i + ']') }, v === null ? '—' : v)))));
    show(el('h1', {}, '汇总 · ' + ru.region + ' ' + ru.year + ' 年度'),
      el('div', { class: 'toolbar' }, el('a', { class: 'btn secondary', href: '#/region?' + regionQuery({ region, year }) }, '返回地区'), ' ', toggle),
      el('div', { class: 'card' }, el('p', {}, ru.errors_policy_zh + '。计入 ' + ru.included.length + ' 个单位。'),
        el('p', {}, '未发布：' + names(ru.missing)), el('p', {}, '报告有错误：' + names(ru.with_errors)),
        ru.failed_relations.length ? errorBox('汇总后不成立的表内关系：' + ru.failed_relations.join('、')) : el('p', { class: 'muted' }, '汇总后表内关系全部成立。')),
      el('div', { class: 'layout' }, el('div', {}, el('div', { class: 'card' }, t2), el('div', { class: 'card' }, t3)),
        el('div', { class: 'card side', id: 'rollup-src' }, el('p', { class: 'muted' }, '点击一个数字，查看它来自哪些单位。'))));
  } catch (e) { show(el('h1', {}, '汇总'), errorBox(e.message)); }
}
// The rows of table 2 the roll-up shows (labels from /api/layout).
const T2_ROW_KEYS = ['new', 'carried_over', 'granted', 'partial', 'unable_not_held', 'total', 'carried_forward'];

// ---------- 单位：历年 ----------
async function pageUnit(parts) {
  const uid = decodeURIComponent(parts[1] || '');
  show(el('h1', {}, '单位'), el('p', { class: 'muted' }, '正在加载……'));
  try {
    const u = await api('/api/region/units/' + encodeURIComponent(uid));
    const rows = u.years.map((y) => el('tr', { class: 'st-' + (REGION_STATUS_CLASS[y.status] || '') },
      el('td', {}, y.year), el('td', {}, y.status_zh), el('td', {}, y.published || '—'), el('td', {}, y.agency_as_printed || ''),
      el('td', { class: 'n' }, y.figures ? y.figures.applications_new : '—'), el('td', { class: 'n' }, y.figures ? y.figures.review_total : '—'),
      el('td', { class: 'n' }, y.errors === undefined ? '' : y.errors), el('td', {}, (y.versions || []).length > 1 ? y.versions.length + ' 个版本' : ''),
      el('td', {}, y.report ? el('a', { href: '#/report/' + y.report }, '报告') : ''),
      el('td', {}, y.report && u.years.find((p) => p.year === y.year - 1 && p.report) ? el('a', { href: '#/rcompare?' + regionQuery({ a: u.years.find((p) => p.year === y.year - 1).report, b: y.report }) }, '与上年比较') : '')));
    show(el('h1', {}, u.name + '（' + u.unit_id + '）'),
      el('p', { class: 'muted' }, [u.level, u.parent, u.aliases.length ? '别名：' + u.aliases.join('、') : '', u.former_names.length ? '曾用名：' + u.former_names.join('、') : ''].filter(Boolean).join(' · ')),
      el('div', { class: 'card chart' }, el('h2', {}, '历年主要数字'), chartBox('unit-chart', 240)),
      el('div', { class: 'card' }, el('table', { class: 'gk timeline' },
        el('tr', {}, ['年度', '发布情况', '发布日期', '报告中的名称', '新收申请', '行政复议', '错误', '版本', '', ''].map((h) => el('th', {}, h))), rows)));
    const pub = u.years.filter((y) => y.figures);
    drawChart('unit-chart', { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: pub.map((y) => y.year + '年') }, yAxis: { type: 'value' },
      series: [['applications_new', '本年新收申请'], ['applications_total', '办理结果总计'], ['review_total', '行政复议']].map(([k, name]) =>
        ({ name, type: 'line', data: pub.map((y) => y.figures[k]) })) });
  } catch (e) { show(el('h1', {}, '单位'), errorBox(e.message)); }
}

// ---------- 比较两份报告 ----------
async function pageRegionCompare(parts, params) {
  const a = params.get('a') || '', b = params.get('b') || '';
  const form = el('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); location.hash = '#/rcompare?' + regionQuery({ a: form.a.value.trim(), b: form.b.value.trim() }); } },
    el('input', { name: 'a', value: a, placeholder: '报告 A 的 SHA-256', size: 30, 'aria-label': '报告 A' }), ' ',
    el('input', { name: 'b', value: b, placeholder: '报告 B 的 SHA-256', size: 30, 'aria-label': '报告 B' }), ' ', el('button', { type: 'submit' }, '比较'));
  if (!a || !b) { show(el('h1', {}, '比较两份报告'), form); return; }
  try {
    const c = await api('/api/region/compare?' + regionQuery({ a, b }));
    const pct = (x) => Math.round(x * 1000) / 10 + '%';
    const cells = el('table', { class: 'gk' }, el('tr', {}, ['单元格', 'A', 'B', '变化', ''].map((h) => el('th', {}, h))),
      c.cells.map((x) => el('tr', { class: x.swing ? 'swing' : '' }, el('td', { class: 'label' }, x.label), el('td', { class: 'n' }, x.a === null ? '—' : x.a),
        el('td', { class: 'n' }, x.b === null ? '—' : x.b), el('td', { class: 'n' }, x.delta === null ? '' : (x.delta > 0 ? '+' : '') + x.delta), el('td', {}, x.swing ? '变化幅度大' : ''))));
    const NUM = ['一', '二', '三', '四', '五', '六'];
    const secs = c.sections.map((s) => el('div', { class: 'card' }, el('h3', {}, '第' + NUM[s.section - 1] + '部分 · 相似度 ' + pct(s.jaccard)),
      el('div', { class: 'diff' }, s.diff.map((o) => el('p', { class: o.op === '=' ? 'same' : o.op === '-' ? 'del' : 'ins' }, (o.op === '=' ? '' : o.op === '-' ? '删 ' : '增 ') + o.text)))));
    show(el('h1', {}, '比较：' + c.a + ' → ' + c.b), form,
      el('div', { class: 'totals' }, [['相同单元格', c.cells_same], ['不同单元格', c.cells.length], ['B 的文字见于 A', pct(c.reuse.containment)], ['全文相似度', pct(c.reuse.jaccard)]].map(([k, v]) => el('div', {}, el('b', {}, v), k))),
      el('div', { class: 'card' }, el('h2', {}, '单元格变化'), c.cells.length ? cells : el('p', { class: 'muted' }, '表格数字完全相同。')), secs);
  } catch (e) { show(el('h1', {}, '比较两份报告'), form, errorBox(e.message)); }
}

// ---------- 评估与排名 ----------
async function pageScorecard(parts, params) {
  const region = params.get('region'), year = params.get('year'), level = params.get('level') || '';
  show(el('h1', {}, '评估与排名'), el('p', { class: 'muted' }, '正在计算……'));
  try {
    const s = await api('/api/region/scorecard?' + regionQuery({ region, year }));
    const defs = s.indicators;
    const rows = s.rows.filter((r) => !level || r.level === level);
    const levels = [...new Set(s.rows.map((r) => r.level))];
    const levelSel = el('select', { 'aria-label': '层级', onchange: (e) => { location.hash = '#/scorecard?' + regionQuery({ region, year, level: e.target.value }); } },
      el('option', { value: '' }, '全部层级'), levels.map((l) => el('option', { value: l, selected: l === level }, l)));
    const cell = (x) => { const td = el('td', { class: 'n score' }, x.score === null ? '—' : Math.round(x.score * 100)); if (x.score !== null) td.style.background = `hsl(${Math.round(x.score * 120)}, 60%, 90%)`; return td; };
    const table = el('table', { class: 'gk scorecard' },
      el('tr', {}, ['名次', '层级内', '单位', '层级', '得分'].map((h) => el('th', {}, h)), defs.map((d) => el('th', { title: d.definition }, d.label))),
      rows.map((r) => el('tr', {}, el('td', { class: 'n' }, r.rank_region), el('td', { class: 'n' }, r.rank_level),
        el('td', { class: 'label' }, el('a', { href: '#/unit/' + encodeURIComponent(r.unit_id) }, r.name)), el('td', {}, r.level),
        el('td', { class: 'n' }, r.total), defs.map((d) => cell(r.indicators[d.key])))));
    show(el('h1', {}, '评估与排名 · ' + s.region + ' ' + s.year + ' 年度'),
      el('div', { class: 'toolbar' }, el('a', { class: 'btn secondary', href: '#/region?' + regionQuery({ region, year }) }, '返回地区'), ' ', levelSel, ' ', exportLinks('scorecard', { region, year })),
      el('div', { class: 'card chart' }, el('h2', {}, '各指标达标的单位比例（点击柱子按该指标排序查看）'), chartBox('score-chart', 220)),
      el('div', { class: 'card' }, table),
      el('div', { class: 'card' }, el('h2', {}, '指标定义'), el('dl', {}, defs.map((d) => [el('dt', {}, d.label), el('dd', {}, d.definition)]))));
    const share = defs.map((d) => { const sc = rows.map((r) => r.indicators[d.key].score).filter((x) => x !== null); return sc.length ? Math.round(sc.reduce((a, x) => a + x, 0) / sc.length * 1000) / 10 : 0; });
    drawChart('score-chart', { tooltip: { trigger: 'axis', valueFormatter: (v) => v + '%' }, grid: { left: 40, right: 10, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: defs.map((d) => d.label), axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', max: 100 },
      series: [{ type: 'bar', data: share, itemStyle: { color: '#8b1a1a' } }] },
    (p) => {
      const key = defs[p.dataIndex].key;
      const sorted = rows.slice().sort((x, y) => (x.indicators[key].score ?? 2) - (y.indicators[key].score ?? 2));
      const first = sorted[0];
      if (first) document.querySelectorAll('table.scorecard tr').forEach((tr) => tr.classList.toggle('sel', tr.textContent.includes(first.name)));
    });
  } catch (e) { show(el('h1', {}, '评估与排名'), errorBox(e.message)); }
}

window.GK_REGION_PAGES = { region: pageRegion, rollup: pageRollup, unit: pageUnit, rcompare: pageRegionCompare, scorecard: pageScorecard };
