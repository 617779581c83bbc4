// 公开 Gongkai web UI. Plain JavaScript, no dependencies, no network besides
// this server's /api. Every text from a report is put into the page with
// textContent, never parsed as HTML: reports contain anything.
'use strict';

// ---------- DOM helpers ----------
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}
function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const SVGNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const app = () => document.getElementById('app');
function show(...nodes) { const a = app(); a.replaceChildren(); append(a, nodes); }
function errorBox(msg) { return el('div', { class: 'error-box', role: 'alert' }, msg); }

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body = null;
  const ct = r.headers.get('content-type') || '';
  if (ct.includes('json')) body = await r.json();
  if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status));
  return body;
}

// ---------- shared data ----------
// The table layout of each edition comes from the server (/api/layout, the
// grids of src/render): labels, merges and cell paths are never kept here.
let LAYOUT = null, RULES = null, HEALTH = null;
const LAYOUTS = {};
async function loadLayout(template) {
  const key = template === '2019' || template === 'legacy' ? template : '2021';
  if (!LAYOUTS[key]) LAYOUTS[key] = await api('/api/layout?template=' + key);
  if (key === '2021') LAYOUT = LAYOUTS[key];
  else if (!LAYOUT) LAYOUT = await loadLayout('2021');
  return LAYOUTS[key];
}
async function loadRules() {
  if (!RULES) { RULES = {}; for (const r of await api('/api/rules')) RULES[r.id] = r; }
  return RULES;
}
// Rule ids as people see them: the catalogue's id, without the instance suffix
// ("T2-ROW-TOTAL@new" is one instance of T2-ROW-TOTAL, named by its cells).
function ruleBase(id) { return String(id || '').split('@')[0]; }
function ruleDef(id) { return RULES ? RULES[id] || RULES[ruleBase(id)] : null; }

const STATUS_ZH = {
  printed: '印出', blank: '空白（按 0 计）', recovered: '推算恢复', split: '拆分（连写数字）',
  placeholder: '占位符（如“—”）', missing: '缺失', absent: '本模板无此项',
};
const SEV_ZH = { error: '错误', warning: '警告', note: '附注' };
const SEV_RANK = { error: 3, warning: 2, note: 1 };
const FORMAT_ZH = { text: '纯文本', html: '网页（HTML）', docx: 'Word 文档（DOCX）', doc: 'Word 97–2003 文档（DOC）',
  pdf: 'PDF', image: '图片（扫描件，文字识别）' };
const PAGED_FORMATS = new Set(['pdf', 'image']);

// A source position as people read it: "第 3 页第 18 行" (paged formats store
// page × 1000 + line, model/position.h) or "第 18 行".
function posZh(line, paged) {
  if (!line) return '';
  if (paged) return '第 ' + Math.floor(line / 1000) + ' 页第 ' + (line % 1000) + ' 行';
  return '第 ' + line + ' 行';
}
function cellLabel(path) { return (LAYOUT && LAYOUT.cell_labels[path]) || '表格单元格'; }

function cellValue(rec, path) {
  const m = /^([a-z_0-9.]+?)(?:\[(\d+)\])?$/.exec(path);
  if (!m) return undefined;
  let v = rec;
  for (const k of m[1].split('.')) { if (v == null) return undefined; v = v[k]; }
  if (m[2] !== undefined) v = Array.isArray(v) ? v[Number(m[2])] : undefined;
  return v;
}
function fmt(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
  return String(v);
}

// ---------- the three tables, drawn from the edition's grids ----------
// ctx: { rec, diags, layout, onCell(path), changed: Set(paths) | null }
function flagsOf(diags) {
  const f = {};
  for (const d of diags || []) for (const c of d.cells || []) {
    if (!f[c] || SEV_RANK[d.severity] > SEV_RANK[f[c]]) f[c] = d.severity;
  }
  return f;
}
function numCell(ctx, path, attrs) {
  const info = (ctx.rec.cell_info || {})[path] || {};
  const st = info.status || 'missing';
  const flag = ctx.flags[path];
  const v = cellValue(ctx.rec, path);
  let cls = 'num st-' + st;
  if (flag === 'error' || flag === 'warning') cls += ' flag-' + flag;
  if (ctx.changed && ctx.changed.has(path)) cls += ' changed';
  const title = cellLabel(path) + '：' + (v === null || v === undefined ? '无数值' : fmt(v)) + '（' + (STATUS_ZH[st] || '状态不明') +
    (info.line ? '，' + posZh(info.line, ctx.paged) : '') + '）';
  const td = el('td', Object.assign({ class: cls, 'data-path': path, title, tabindex: 0 }, attrs || {}),
    v === null || v === undefined ? (info.raw || '') : fmt(v));
  if (st === 'recovered') td.appendChild(el('span', { class: 'mark', title: '推算恢复' }, '推'));
  if (st === 'split') td.appendChild(el('span', { class: 'mark', title: '拆分' }, '拆'));
  if (ctx.onCell) {
    td.addEventListener('click', () => ctx.onCell(path));
    td.addEventListener('keydown', (e) => { if (e.key === 'Enter') ctx.onCell(path); });
  }
  return td;
}
function gridTable(ctx, g) {
  const t = el('table', { class: 'gk ' + g.id }, el('caption', {}, g.caption || ''));
  const rows = [];
  for (let r = 0; r < g.rows; ++r) rows.push(el('tr', {}));
  for (const c of g.cells) {
    const span = { rowspan: c.rs > 1 ? c.rs : null, colspan: c.cs > 1 ? c.cs : null };
    if (c.path) rows[c.r].appendChild(numCell(ctx, c.path, span));
    else rows[c.r].appendChild(el(c.header ? 'th' : 'td', Object.assign({ class: c.header ? null : 'label' }, span), c.text));
  }
  append(t, rows);
  return t;
}
function tables(ctx) {
  ctx.flags = flagsOf(ctx.diags);
  ctx.paged = isPaged(ctx.rec);
  return el('div', { class: 'tables' }, ctx.layout.grids.map((g) => el('div', { class: 'card table-card' }, gridTable(ctx, g))));
}
// A report before 2019 (the legacy edition) has none of the national
// format's three tables: its own 政府信息公开情况统计表, as printed, and its
// free-form sections.
function legacyTables(rec) {
  const paged = isPaged(rec);
  const stats = (rec.legacy && rec.legacy.statistics) || [];
  const num = (v) => (v === null || v === undefined ? '—' : String(v));
  const body = stats.map((x) => el('tr', {},
    el('td', { class: 'label' }, x.name), el('td', {}, x.unit || ''),
    el('td', { class: 'num' }, num(x.this_year)), el('td', { class: 'num' }, num(x.cumulative)),
    el('td', { class: 'muted' }, x.line ? posZh(x.line, paged) : '')));
  const table = stats.length
    ? el('table', { class: 'gk legacy-stats' },
      el('tr', {}, ['指标名称', '计量单位', '本年度', '历年累计', '原文位置'].map((h) => el('th', {}, h))), body)
    : el('p', { class: 'muted' }, '这份报告没有可识别的政府信息公开情况统计表。');
  return el('div', { class: 'tables' },
    el('div', { class: 'card table-card' },
      el('h2', {}, '政府信息公开情况统计表'),
      el('p', { class: 'muted' }, '2019 年以前的年度报告（旧版格式），没有现行格式的三张表；以下为报告自身统计表中的数字。'),
      table));
}
function isPaged(rec) { return !!(rec && (rec.paged || (rec.source && PAGED_FORMATS.has(rec.source.format)))); }
function legend(withChanged) {
  return el('p', { class: 'legend' }, el('span', { class: 'l-err' }, '错误涉及的单元格'),
    el('span', { class: 'l-warn' }, '警告涉及的单元格'), el('span', { class: 'l-rec' }, '推 = 推算恢复'),
    withChanged ? el('span', { class: 'l-chg' }, '与上一年度不同') : null);
}

// ---------- diagnostics panel with cell / source-line details ----------
// opts: { rec, diags, sourceLines ([{line, page, text}] | null), root (element
// holding the tables), previousId (the corpus report a year earlier) }
function diagnosticsPanel(opts) {
  const paged = isPaged(opts.rec);
  const detail = el('div', { class: 'detail', hidden: true, 'aria-live': 'polite' });
  const list = el('div', { class: 'diags' });
  const counts = { error: 0, warning: 0, note: 0 };
  for (const d of opts.diags) counts[d.severity] = (counts[d.severity] || 0) + 1;
  const clean = counts.error === 0 && counts.warning === 0;
  const head = el('h2', {}, '检查结果 ', clean ? el('span', { class: 'pill ok', 'data-clean': '' }, '无问题') : null,
    el('span', { class: 'pill err' }, '错误 ' + counts.error),
    el('span', { class: 'pill warn' }, '警告 ' + counts.warning), el('span', { class: 'pill' }, '附注 ' + counts.note));

  function sourceExcerpt(line) {
    if (!line) return null;
    const where = posZh(line, paged);
    const lines = opts.sourceLines;
    if (!lines || !lines.length) return el('div', { class: 'muted' }, '原文' + where + '（' + (opts.sourceNote || '原文不可用，无法显示摘录') + '）');
    let i = lines.findIndex((x) => x.line === line);
    if (i < 0) i = lines.findIndex((x) => x.line > line) - 1;
    if (i < 0) i = lines.length - 1;
    const box = el('div', { class: 'src' });
    // Context lines shortened (a PDF paragraph can run for a page); the line itself whole.
    const cut = (t) => (t.length > 90 ? t.slice(0, 88) + '……' : t);
    for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 2); ++k) {
      const x = lines[k];
      box.appendChild(el('div', { class: k === i ? 'hl' : '' }, el('span', { class: 'ln' }, posZh(x.line, paged)), ' ', k === i ? x.text : cut(x.text)));
    }
    return el('div', {}, el('div', { class: 'muted' }, '原文' + where + '：'), box);
  }
  function clearSel() {
    opts.root.querySelectorAll('td.sel').forEach((x) => x.classList.remove('sel'));
    list.querySelectorAll('.diag.sel').forEach((x) => x.classList.remove('sel'));
  }
  // Highlight the cells and bring the first into view: table 3 and
  // cross-year cells are far below the list of findings.
  function selectCells(paths, scroll) {
    let first = null;
    for (const p of paths) {
      const td = opts.root.querySelector('td[data-path="' + CSS.escape(p) + '"]');
      if (td) { td.classList.add('sel'); first = first || td; }
    }
    if (first && scroll) first.scrollIntoView({ block: 'center', inline: 'nearest' });
    return first;
  }
  function recoveryOf(path) {
    return opts.diags.find((d) => (d.cells || []).includes(path) && /^R-(RECOVERED|BLANK-NONZERO)/.test(d.rule));
  }
  function showDiag(d, node) {
    clearSel();
    node.classList.add('sel');
    const shown = selectCells(d.cells || [], true);
    const def = ruleDef(d.rule);
    detail.replaceChildren();
    append(detail, [el('b', {}, SEV_ZH[d.severity] || '', ' ', ruleBase(d.rule)),
      def ? el('div', {}, def.category + '：', el('span', { class: 'formula' }, def.formula)) : null,
      el('div', {}, d.message),
      (d.cells || []).length ? el('div', {}, '涉及单元格' + (shown ? '（已在表中标出）' : '') + '：', (d.cells || []).map((c) =>
        el('div', {}, '· ', cellLabel(c), ' = ', fmt(cellValue(opts.rec, c)) || '（无）',
          ' 〔', STATUS_ZH[((opts.rec.cell_info || {})[c] || {}).status] || '', '〕'))) : null,
      sourceExcerpt(d.line)]);
    detail.hidden = false;
  }
  function showCell(path) {
    clearSel();
    selectCells([path], false);
    const info = (opts.rec.cell_info || {})[path] || {};
    const related = opts.diags.filter((d) => (d.cells || []).includes(path));
    list.querySelectorAll('.diag').forEach((n, i) => { if (related.includes(opts.diags[i])) n.classList.add('sel'); });
    const rec = info.status === 'recovered' || info.status === 'blank' ? recoveryOf(path) : null;
    detail.replaceChildren();
    append(detail, [el('b', {}, cellLabel(path)),
      el('div', {}, '数值：', fmt(cellValue(opts.rec, path)) || '（无）'),
      el('div', {}, '状态：', STATUS_ZH[info.status] || '未知'),
      info.raw ? el('div', {}, '原文：', info.raw) : null,
      rec ? el('div', { class: 'via' }, '推算依据：', rec.message) : (info.via ? el('div', { class: 'via' }, '推算依据：表内勾稽关系') : null),
      info.confidence !== undefined ? el('div', {}, '识别置信度：', Math.round(info.confidence * 100) + '%') : null,
      related.length ? el('div', {}, '相关检查结果：', related.map((d) => el('div', {}, '· [', SEV_ZH[d.severity], '] ', ruleBase(d.rule), '：', d.message)))
        : el('div', { class: 'muted' }, '没有涉及此单元格的检查结果'),
      sourceExcerpt(info.line)]);
    detail.hidden = false;
  }
  // A cross-year note names the previous report by its path (a server path,
  // or upload:<sha256>/name): shown as a link to that report instead.
  function noteNode(d, n, i) {
    const line = (d.note_lines || [])[i];
    const m = /^上一年报告：/.exec(n);
    if (m && d.origin === 'xyear') {
      return el('div', {}, opts.previousId ? el('a', { href: '#/report/' + opts.previousId }, '打开上一年度报告') : '上一年度报告',
        line ? '（' + posZh(line, opts.previousPaged) + '）' : '');
    }
    return el('div', {}, n);
  }
  opts.diags.forEach((d) => {
    const node = el('div', { class: 'diag ' + d.severity, tabindex: 0, 'data-rule': d.rule, role: 'button' },
      el('span', { class: 'sev' }, SEV_ZH[d.severity] || ''),
      el('span', { class: 'rule' }, ruleBase(d.rule)), d.line ? el('span', { class: 'muted' }, '  ' + posZh(d.line, paged)) : null,
      d.origin === 'xyear' ? el('span', { class: 'pill' }, '跨年度') : null,
      el('div', {}, d.message),
      (d.notes || []).length ? el('div', { class: 'notes' }, d.notes.map((n, i) => noteNode(d, n, i))) : null);
    node.addEventListener('click', (e) => { if (e.target.closest('a')) return; showDiag(d, node); });
    node.addEventListener('keydown', (e) => { if (e.key === 'Enter') showDiag(d, node); });
    list.appendChild(node);
  });
  if (!opts.diags.length) list.appendChild(el('p', { class: 'muted clean' }, '无问题：所有勾稽关系和合规规则均已通过。'));
  return { node: el('div', { class: 'card side' }, head, detail, list), showCell };
}

function metaList(pairs) {
  return el('dl', { class: 'meta' }, pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}
function sourceMeta(rec) {
  const s = rec.source || {};
  const textual = s.format === 'text' || s.format === 'html';
  return [['格式', FORMAT_ZH[s.format] || null], ['文字编码', textual ? s.encoding : null]];
}

// opts: { sourceLines, extraMeta, previousId, previousPaged, actions }
async function reportView(rec, diags, opts) {
  opts = opts || {};
  const layout = await loadLayout(rec.template);
  const root = el('div', {});
  let panel = null;
  const ctx = { rec, diags, layout, onCell: (p) => panel && panel.showCell(p) };
  const tbl = rec.template === 'legacy' && rec.legacy ? legacyTables(rec) : tables(ctx);
  root.appendChild(tbl);
  panel = diagnosticsPanel({ rec, diags, sourceLines: opts.sourceLines, sourceNote: opts.sourceNote, root: tbl, previousId: opts.previousId, previousPaged: opts.previousPaged });
  const main = el('div', { class: 'main-col' },
    el('div', { class: 'card' }, el('h1', {}, rec.title || rec.agency || '（未识别标题）'),
      metaList([['机关', rec.agency], ['年度', rec.year], ['模板', layout.template_zh],
        ['发布日期', rec.publication_date], ...sourceMeta(rec),
        ['SHA-256', rec.source && rec.source.sha256], ...(opts.extraMeta || [])]),
      opts.actions ? el('div', { class: 'actions no-print' }, opts.actions) : null,
      legend(false)),
    root);
  return el('div', { class: 'layout' }, main, panel.node);
}
function printButton() {
  return el('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, '打印检查结果');
}

// ---------- 检查报告 ----------
function sizeZh(n) { return n >= 1048576 ? (Math.round(n / 104857.6) / 10) + ' MiB' : Math.max(1, Math.round(n / 1024)) + ' KiB'; }

// Only the latest upload counts: picking another file aborts the one in
// flight, and a late answer of an older request is dropped (sequence number).
let CHECK_SEQ = 0, CHECK_ABORT = null;
function pageCheck() {
  const input = el('input', { type: 'file', id: 'file', class: 'visually-hidden' });
  const picked = el('span', { class: 'muted', id: 'picked' }, '尚未选择文件');
  const out = el('div', { id: 'check-result' });
  const limit = HEALTH && HEALTH.max_upload_bytes;
  const drop = el('div', { class: 'drop no-print' },
    el('p', {}, '把年度报告文件拖到这里，或'), el('label', { for: 'file', class: 'btn' }, '选择文件'), input, ' ', picked,
    el('p', { class: 'muted' }, '支持纯文本（UTF-8、GB18030、UTF-16）、HTML、DOCX、DOC、PDF 及扫描件' +
      (limit ? '，不超过 ' + sizeZh(limit) : '') + '；文件只在服务器内存中解析，不会保存。'));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) run(e.dataTransfer.files[0]); });
  input.addEventListener('change', () => { if (input.files[0]) run(input.files[0]); });
  const canSave = HEALTH && HEALTH.db && !HEALTH.read_only;
  async function run(file) {
    const seq = ++CHECK_SEQ;
    if (CHECK_ABORT) CHECK_ABORT.abort();
    const ctl = new AbortController();
    CHECK_ABORT = ctl;
    picked.textContent = file.name;
    if (limit && file.size > limit) {
      out.replaceChildren(errorBox('无法检查“' + file.name + '”：文件有 ' + sizeZh(file.size) + '，超过上限 ' + sizeZh(limit) + '，未上传。'));
      return;
    }
    out.replaceChildren(el('p', { class: 'muted', 'data-busy': '' }, '正在解析“', file.name, '”……'));
    try {
      await Promise.all([loadLayout(), loadRules()]);
      const fd = new FormData();
      fd.append('file', file, file.name);
      const rec = await api('/api/check', { method: 'POST', body: fd, signal: ctl.signal });
      if (seq !== CHECK_SEQ) return;
      const saveBtn = canSave ? el('button', { type: 'button', id: 'save', onclick: () => save(file, saveBtn) }, '保存到语料库') : null;
      const view = await reportView(rec, rec.diagnostics || [], {
        sourceLines: rec.source_lines, extraMeta: [['文件', file.name]], actions: [saveBtn, ' ', printButton()] });
      if (seq !== CHECK_SEQ) return;
      out.replaceChildren(view);
    } catch (e) {
      if (seq !== CHECK_SEQ || e.name === 'AbortError') return;
      out.replaceChildren(errorBox('无法检查“' + file.name + '”：' + e.message));
    }
  }
  async function save(file, btn) {
    btn.disabled = true;
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const r = await api('/api/check?save=1', { method: 'POST', body: fd });
      if (!r.saved) throw new Error(r.save_error || '未保存');
      btn.replaceWith(el('span', { class: 'pill ok', id: 'saved' }, '已保存到语料库'), ' ', el('a', { href: '#/report/' + r.id }, '在语料库中打开'));
    } catch (e) {
      btn.disabled = false;
      btn.after(errorBox('保存失败：' + e.message));
    }
  }
  show(el('h1', {}, '检查报告'), drop, out);
}

// ---------- 语料库 ----------
function noDb(e) { return errorBox(e.message); }
let LAST_CORPUS = '#/corpus';

async function pageCorpus(params) {
  LAST_CORPUS = location.hash || '#/corpus';
  const q = el('input', { type: 'search', name: 'q', placeholder: '机关名称或标题', value: params.get('q') || '', size: 28, 'aria-label': '机关名称或标题' });
  const level = el('select', { name: 'level', 'aria-label': '层级' }, el('option', { value: '' }, '全部层级'));
  const region = el('input', { type: 'text', name: 'region', placeholder: '地区', value: params.get('region') || '', size: 12, 'aria-label': '地区' });
  const year = el('select', { name: 'year', 'aria-label': '年度' }, el('option', { value: '' }, '全部年度'));
  const results = el('div', {});
  const form = el('form', { class: 'form-row', role: 'search' }, q, level, region, year, el('button', { type: 'submit' }, '搜索'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of [['q', q.value], ['level', level.value], ['region', region.value], ['year', year.value]]) if (v) p.set(k, v);
    location.hash = '#/corpus?' + p.toString();
  });
  show(el('h1', {}, '语料库'), form, results,
    el('p', {}, '导出：', ['csv', 'xlsx', 'jsonl'].map((f) => [el('a', { class: 'btn secondary', href: '/api/export?format=' + f, download: '' }, f.toUpperCase()), ' '])));
  try {
    const p = new URLSearchParams();
    for (const k of ['q', 'level', 'region', 'year', 'offset']) if (params.get(k)) p.set(k, params.get(k));
    const r = await api('/api/reports?' + p.toString());
    for (const l of r.levels) level.appendChild(el('option', { value: l, selected: l === params.get('level') }, l));
    for (const y of r.years) year.appendChild(el('option', { value: y, selected: String(y) === params.get('year') }, y + ' 年'));
    if (!r.items.length) {
      results.replaceChildren(el('p', { class: 'empty' }, r.total ? '这一页没有报告（共 ' + r.total + ' 份）。' : '没有符合条件的报告。',
        ' ', el('a', { href: '#/corpus' }, '显示全部报告')));
      return;
    }
    const rows = r.items.map((it) => el('tr', {},
      el('td', {}, el('a', { href: '#/report/' + it.id }, it.agency || it.title || '（未识别机关）'),
        it.same_agency_year > 1 ? el('span', { class: 'pill warn dup', title: '语料库中同一机关同一年度有 ' + it.same_agency_year + ' 份报告（不同版本）' },
          '同年度 ' + it.same_agency_year + ' 份') : null),
      el('td', {}, it.year || ''), el('td', {}, it.level), el('td', {}, it.region),
      el('td', {}, it.errors ? el('span', { class: 'pill err' }, '错误 ' + it.errors) : null,
        it.warnings ? el('span', { class: 'pill warn' }, '警告 ' + it.warnings) : null,
        !it.errors && !it.warnings ? el('span', { class: 'pill ok' }, '无问题') : null),
      el('td', {}, it.has_previous ? el('a', { href: '#/compare/' + it.id }, '对比上一年') : '')));
    const offset = r.offset, next = offset + r.items.length;
    const nav = el('p', {}, '共 ' + r.total + ' 份报告，显示第 ' + (offset + 1) + '–' + next + ' 份 ',
      offset > 0 ? pageLink(params, Math.max(0, offset - r.limit), '上一页') : null, ' ',
      next < r.total ? pageLink(params, next, '下一页') : null);
    results.replaceChildren(nav, el('table', { class: 'list' },
      el('tr', {}, ['机关', '年度', '层级', '地区', '检查结果', ''].map((h) => el('th', {}, h))), rows));
  } catch (e) { results.replaceChildren(noDb(e)); }
}
function pageLink(params, offset, text) {
  const p = new URLSearchParams(params);
  p.set('offset', offset);
  return el('a', { href: '#/corpus?' + p.toString() }, text);
}
function backToCorpus() { return el('p', { class: 'no-print' }, el('a', { href: LAST_CORPUS, class: 'back' }, '← 返回语料库')); }

function sectionsView(rec, reuse) {
  const own = rec.template === 'legacy' && rec.legacy && rec.legacy.sections && rec.legacy.sections.length;
  const secs = ((own ? rec.legacy.sections : rec.sections) || []).filter((s) => s.heading || s.text);
  const reuseBy = {};
  for (const r of reuse || []) reuseBy[r.section] = r;
  const paged = isPaged(rec);
  return el('div', { class: 'card' }, el('h2', {}, '正文各部分'),
    secs.length ? secs.map((s) => el('div', {},
      el('h3', {}, s.heading || ('第 ' + s.number + ' 部分'), s.line ? el('span', { class: 'muted' }, '（' + posZh(s.line, paged) + '）') : null,
        reuseBy[s.number] ? el('span', { class: 'pill' + (reuseBy[s.number].jaccard >= 0.8 ? ' warn' : '') }, '与上年文字相似度 ' + Math.round(reuseBy[s.number].jaccard * 100) + '%') : null),
      el('div', { class: 'section-text' }, s.text || '（无正文）'))) : el('p', { class: 'muted' }, '没有识别出正文。'));
}

async function pageReport(id) {
  show(el('p', { class: 'muted' }, '正在加载……'));
  try {
    await Promise.all([loadLayout(), loadRules()]);
    const r = await api('/api/reports/' + encodeURIComponent(id));
    let source = null, sourceNote = null;
    try { source = await api('/api/reports/' + r.id + '/source'); sourceNote = source.message; } catch (e) { sourceNote = e.message; }
    const canDelete = HEALTH && HEALTH.db && !HEALTH.read_only;
    const del = canDelete ? el('button', { type: 'button', class: 'danger', id: 'delete', onclick: async () => {
      if (!window.confirm('从语料库中删除这份报告？（文件本身不受影响，重新入库即可恢复）')) return;
      try { await api('/api/reports/' + r.id, { method: 'DELETE' }); location.hash = LAST_CORPUS; }
      catch (e) { del.after(errorBox('删除失败：' + e.message)); }
    } }, '从语料库删除') : null;
    const view = await reportView(r.record, r.diagnostics, {
      extraMeta: [['层级', r.level], ['地区', r.region],
        ['上一年度', r.previous_id ? el('a', { href: '#/compare/' + r.id }, '并排对比上一年度报告') : '语料库中没有']],
      previousId: r.previous_id, actions: [printButton(), ' ', del],
      sourceLines: source && source.source_lines, sourceNote });
    show(backToCorpus(), view, sectionsView(r.record, r.reuse));
  } catch (e) { show(backToCorpus(), errorBox('无法加载报告：' + e.message)); }
}

async function pageCompare(id) {
  show(el('p', { class: 'muted' }, '正在加载……'));
  try {
    await Promise.all([loadLayout(), loadRules()]);
    const r = await api('/api/reports/' + encodeURIComponent(id) + '/previous');
    if (!r.previous) { show(el('p', {}, el('a', { href: '#/report/' + id }, '← 返回报告')), errorBox(r.message || '没有上一年度报告')); return; }
    const changed = new Set(r.changed.map((c) => c.path));
    const cur = r.current, prev = r.previous;
    // The findings of this year (its cross-year ones included), clickable,
    // over both years' tables; a click on a cell of either year shows it.
    const both = el('div', { class: 'side-by-side' });
    let panel = null;
    const side = async (x, title) => {
      const layout = await loadLayout(x.record.template);
      return el('div', { class: 'year-col', 'data-year': x.year || '' },
        el('h2', {}, title, '：', x.agency || '', ' ', x.year ? x.year + ' 年' : ''),
        el('p', {}, el('a', { href: '#/report/' + x.id }, '打开此报告')),
        tables({ rec: x.record, diags: x.diagnostics, layout, changed, onCell: (p) => panel && panel.showCell(p) }));
    };
    append(both, [await side(prev, '上一年度'), await side(cur, '本年度')]);
    let source = null;
    try { source = await api('/api/reports/' + cur.id + '/source'); } catch (e) { source = { message: e.message }; }
    panel = diagnosticsPanel({ rec: cur.record, diags: cur.diagnostics, sourceLines: source.source_lines, sourceNote: source.message,
      root: both.lastChild, previousId: prev.id, previousPaged: isPaged(prev.record) });
    const changes = el('div', { class: 'card' }, el('h2', {}, '数值不同的单元格（' + r.changed.length + ' 个）'),
      r.changed.length ? el('table', { class: 'list changes' }, el('tr', {}, el('th', {}, '单元格'), el('th', {}, '上一年度'), el('th', {}, '本年度')),
        r.changed.map((c) => {
          const tr = el('tr', { tabindex: 0, 'data-path': c.path, class: 'clickable' }, el('td', {}, cellLabel(c.path)), el('td', {}, fmt(c.previous) || '—'), el('td', {}, fmt(c.current) || '—'));
          const go = () => { panel.showCell(c.path); const td = both.lastChild.querySelector('td[data-path="' + CSS.escape(c.path) + '"]'); if (td) td.scrollIntoView({ block: 'center' }); };
          tr.addEventListener('click', go);
          tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
          return tr;
        })) : el('p', { class: 'muted' }, '两年的表格数值完全相同。'));
    show(el('p', { class: 'no-print' }, el('a', { href: '#/report/' + id }, '← 返回报告'), '　', el('a', { href: LAST_CORPUS }, '← 返回语料库')),
      el('h1', {}, '与上一年度对比'), legend(true),
      el('div', { class: 'layout compare' }, el('div', { class: 'main-col' }, changes, both), panel.node));
  } catch (e) { show(errorBox('无法加载对比：' + e.message)); }
}

// ---------- 总览: small SVG charts (no chart library, works offline) ----------
const PALETTE = ['#8b1a1a', '#2f7bd6', '#c98a00', '#2e8b57', '#7b4fb3', '#d9534f', '#5bc0de', '#6b7280', '#e377c2', '#17becf'];
function niceMax(v) { if (v <= 0) return 1; const p = Math.pow(10, Math.floor(Math.log10(v))); for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p; return 10 * p; }
function shortNum(v) { return v >= 10000 ? (Math.round(v / 1000) / 10) + '万' : fmt(Math.round(v * 100) / 100); }
// Tick labels of one axis in one unit: all in 万 when the axis reaches 10000.
function axisFormatter(max) {
  if (max < 10000) return (v) => fmt(Math.round(v * 100) / 100);
  const step = max / 4 / 10000;
  const digits = step >= 1 ? (Number.isInteger(step) ? 0 : 1) : 2;
  return (v) => (v === 0 ? '0' : (v / 10000).toFixed(digits).replace(/\.0+$/, '')) + (v === 0 ? '' : '万');
}
function textWidth(t) { let w = 0; for (const ch of String(t)) w += ch.charCodeAt(0) > 255 ? 11 : 6.5; return w; }
function pctText(rate) {
  const p = rate * 100;
  if (p > 0 && p < 0.05) return '不足 0.1%';
  return (Math.round(p * 10) / 10) + '%';
}

// Stacked vertical bars: cats (x labels), series [{name, values[]}]
function stackedBars(cats, series, opt) {
  opt = opt || {};
  const W = 560, H = 300, L = 56, R = 10, T = 14, B = 64;
  const totals = cats.map((_, i) => series.reduce((s, x) => s + (x.values[i] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const bw = (W - L - R) / Math.max(1, cats.length);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const tick = axisFormatter(max);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opt.label || '' });
  for (let k = 0; k <= 4; ++k) {
    const v = max * k / 4;
    g.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e5e7eb' }));
    g.appendChild(svg('text', { class: 'tick', x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, tick(v)));
  }
  cats.forEach((c, i) => {
    let acc = 0;
    series.forEach((s, j) => {
      const v = s.values[i] || 0;
      if (v > 0) {
        const r = svg('rect', { x: L + i * bw + bw * 0.15, width: bw * 0.7, y: y(acc + v), height: Math.max(0, y(acc) - y(acc + v)), fill: PALETTE[j % PALETTE.length] });
        r.appendChild(svg('title', {}, `${c} · ${s.name}：${fmt(v)}`));
        g.appendChild(r);
      }
      acc += v;
    });
    g.appendChild(svg('text', { x: L + i * bw + bw / 2, y: H - B + 14, 'text-anchor': 'middle' }, c));
  });
  // legend
  let lx = L, ly = H - B + 34;
  series.forEach((s, j) => {
    const w = 18 + s.name.length * 11;
    if (lx + w > W) { lx = L; ly += 14; }
    g.appendChild(svg('rect', { x: lx, y: ly - 8, width: 9, height: 9, fill: PALETTE[j % PALETTE.length] }));
    g.appendChild(svg('text', { x: lx + 12, y: ly }, s.name));
    lx += w;
  });
  return g;
}

// Horizontal bars: items [{label, value, text}]
function hBars(items, opt) {
  opt = opt || {};
  const W = 560, rowH = 20, L = opt.left || 200, T = 6;
  const H = T * 2 + Math.max(1, items.length) * rowH;
  const max = opt.max || niceMax(Math.max(0, ...items.map((x) => x.value)));
  // Room right of the longest bar for the longest value label, so none is cut.
  const reserve = 8 + Math.max(30, ...items.map((x) => textWidth(x.text || shortNum(x.value))));
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opt.label || '' });
  items.forEach((it, i) => {
    const yy = T + i * rowH;
    g.appendChild(svg('text', { x: L - 6, y: yy + 14, 'text-anchor': 'end' }, it.label.length > 18 ? it.label.slice(0, 17) + '…' : it.label));
    const w = (W - L - reserve) * (it.value / max);
    const r = svg('rect', { x: L, y: yy + 3, width: Math.max(0, w), height: rowH - 6, fill: it.color || PALETTE[0] });
    r.appendChild(svg('title', {}, `${it.label}：${it.text || fmt(it.value)}`));
    g.appendChild(r);
    g.appendChild(svg('text', { x: L + w + 4, y: yy + 14 }, it.text || shortNum(it.value)));
  });
  return g;
}

function chartCard(title, node, note) {
  return el('div', { class: 'card chart' }, el('h2', {}, title), node, note ? el('p', { class: 'muted' }, note) : null);
}

async function pageDashboard() {
  show(el('h1', {}, '总览'), el('p', { class: 'muted' }, '正在加载……'));
  try {
    const s = await api('/api/stats');
    const t = s.totals || {};
    const totals = el('div', { class: 'totals' },
      [['报告', t.reports], ['机关', t.agencies], ['文件', t.files], ['读取失败', t.files_failed],
        ['有错误的报告', t.reports_with_errors], ['有警告的报告', t.reports_with_warnings], ['可与上年对比', t.linked_to_previous_year]]
        .map(([k, v]) => el('div', {}, el('b', {}, v === undefined ? '—' : v), k)));
    // 1. applications by year and level
    const abyl = s.applications_by_year_level || [];
    const years = [...new Set(abyl.map((x) => x.year))].sort();
    const levels = [...new Set(abyl.map((x) => x.level))];
    const series = levels.map((l) => ({ name: l, values: years.map((y) => { const e = abyl.find((x) => x.year === y && x.level === l); return e ? e.applications : 0; }) }));
    const c1 = chartCard('本年新收申请数量（按年度、层级）', stackedBars(years.map((y) => y + '年'), series, { label: '申请数量' }), '表二“一、本年新收政府信息公开申请数量”总计列之和。');
    // 2. outcomes
    const OUTCOME_KEYS = ['granted', 'partial', 'denied', 'unable', 'not_processed', 'other'];
    const oc = ((s.outcomes && s.outcomes.all_years) || []).filter((x) => OUTCOME_KEYS.includes(x.key));
    const ocSum = oc.reduce((a, x) => a + x.total, 0) || 1;
    const c2 = chartCard('办理结果构成（全部年度）', hBars(oc.map((x, i) => ({ label: x.label, value: x.total, color: PALETTE[i % PALETTE.length], text: shortNum(x.total) + '（' + pctText(x.total / ocSum) + '）' })), { label: '办理结果', left: 150 }), '表二“三、本年度办理结果”各类的总计列之和及占比。');
    // 3. appeals
    const ap = s.appeals || [];
    const t3 = (LAYOUT ? LAYOUT.t3_cols : []).filter((c) => c.key !== 'total');
    const keys = t3.map((c) => c.key), labels = t3.map((c) => c.label);
    const c3 = chartCard('行政复议与行政诉讼（按结果）', stackedBars(ap.map((x) => x.label), keys.map((k, j) => ({ name: labels[j], values: ap.map((x) => x[k] || 0) })), { label: '复议诉讼' }), '不含“总计”列。');
    // 4. error rates by rule
    const rules = (s.rules || []).slice().sort((a, b) => b.rate - a.rate).slice(0, 15);
    const c4 = chartCard('各规则的出错率（有该项发现的报告占比，前 15 条）',
      rules.length ? hBars(rules.map((r) => ({ label: r.rule, value: r.rate * 100, color: r.severity === 'error' ? '#c81e1e' : '#c98a00', text: pctText(r.rate) + '（' + r.reports + ' 份）' })), { label: '出错率', max: Math.max(1, niceMax(Math.max(...rules.map((r) => r.rate * 100)))) }) : el('p', { class: 'muted' }, '没有发现。'));
    show(el('h1', {}, '总览'), totals, el('div', { class: 'charts' }, c1, c2, c3, c4));
  } catch (e) { show(el('h1', {}, '总览'), noDb(e)); }
}

// ---------- 规则 ----------
async function pageRules() {
  try {
    const rules = Object.values(await loadRules());
    show(el('h1', {}, '规则目录（' + rules.length + ' 条）'), el('table', { class: 'list' },
      el('tr', {}, ['规则', '级别', '类别', '关系或条件', '说明'].map((h) => el('th', {}, h))),
      rules.map((r) => el('tr', {}, el('td', { class: 'nowrap' }, el('code', {}, r.id)), el('td', { class: 'nowrap sev-' + r.severity }, r.severity_zh),
        el('td', { class: 'nowrap' }, r.category), el('td', {}, el('span', { class: 'formula' }, r.formula)), el('td', {}, r.message)))));
  } catch (e) { show(errorBox(e.message)); }
}

// ---------- 填报与生成: the blank form (gongkai template) and rendering (gongkai render) ----------
function pageForm() {
  const input = el('input', { type: 'file', id: 'form-file', accept: '.xlsx,.json', class: 'visually-hidden' });
  const format = el('select', { id: 'render-format', 'aria-label': '生成格式' },
    [['docx', 'Word 文档（DOCX）'], ['html', '网页（HTML）'], ['txt', '纯文本'], ['md', 'Markdown']].map(([v, t]) => el('option', { value: v }, t)));
  const out = el('div', { id: 'render-result' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    out.replaceChildren(el('p', { class: 'muted' }, '正在生成……'));
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const r = await fetch('/api/render?format=' + format.value, { method: 'POST', body: fd });
      if (!r.ok) {
        const body = (r.headers.get('content-type') || '').includes('json') ? await r.json() : null;
        throw new Error((body && body.error) || ('HTTP ' + r.status));
      }
      const blob = await r.blob();
      const cd = r.headers.get('content-disposition') || '';
      const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
      const name = m ? decodeURIComponent(m[1]) : '年度报告';
      const url = URL.createObjectURL(blob);
      out.replaceChildren(el('p', { class: 'ok-box' }, '已生成：', el('a', { href: url, download: name, id: 'rendered' }, name),
        '（' + sizeZh(blob.size) + '）。生成的报告不代填任何事实，未填写之处显示为【待填写：…】，请补全后再发布。'));
    } catch (e) { out.replaceChildren(errorBox('无法生成报告：' + e.message)); }
    input.value = '';
  });
  show(el('h1', {}, '填报与生成'),
    el('div', { class: 'card' }, el('h2', {}, '一、下载空白填报表'),
      el('p', {}, '填报表含三张标准表格、标准标签和合计公式；合计由各项自动计算。'),
      el('p', {}, el('a', { class: 'btn', href: '/api/template?format=xlsx', download: '填报表.xlsx', id: 'template-xlsx' }, '下载 Excel 填报表'), ' ',
        el('a', { class: 'btn secondary', href: '/api/template?format=json', download: '填报表.json' }, '下载 JSON 填报表'))),
    el('div', { class: 'card' }, el('h2', {}, '二、由填好的填报表生成年度报告'),
      el('p', {}, '生成格式：', format, ' ', el('label', { for: 'form-file', class: 'btn' }, '选择填好的填报表'), input),
      out));
}

// ---------- router ----------
function route() {
  const h = location.hash || '#/check';
  const [path, query] = h.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  const page = parts[0] || 'check';
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
    a.dataset.nav === page || (a.dataset.nav === 'corpus' && (page === 'report' || page === 'compare'))));
  const id = /^[0-9a-f]{64}$/.test(parts[1] || '') ? parts[1] : null;
  // gongkai serve --accounts (web/accounts.js): every page but the login needs a session.
  if (HEALTH && HEALTH.accounts && window.GK_ACCOUNT_PAGES) {
    if (page === 'login') return GK_ACCOUNT_PAGES.login();
    if (!GK_AUTH.user) { location.hash = '#/login'; return; }
    if (GK_ACCOUNT_PAGES[page]) return GK_ACCOUNT_PAGES[page](parts, params);
  }
  if (page === 'corpus') pageCorpus(params);
  else if (page === 'report' && id) pageReport(id);
  else if (page === 'compare' && id) pageCompare(id);
  else if (page === 'dashboard') loadLayout().then(pageDashboard, pageDashboard);
  else if (page === 'rules') pageRules();
  else if (page === 'form') pageForm();
  // 地区 pages (web/region.js)
  else if (window.GK_REGION_PAGES && window.GK_REGION_PAGES[page]) window.GK_REGION_PAGES[page](parts, params);
  else if (page === 'register' && typeof pageRegister === 'function') pageRegister(params);  // web/register.js
  else pageCheck();
}
window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', async () => {
  try {
    HEALTH = await api('/api/health');
    document.getElementById('status').textContent = '解析器 ' + HEALTH.parser_version + (HEALTH.db ? (HEALTH.read_only ? ' · 语料库（只读）' : ' · 语料库') : ' · 无语料库');
    if (HEALTH.accounts && window.GK_AUTH_INIT) await window.GK_AUTH_INIT();
  } catch (e) { /* shown per page */ }
  route();
});
