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
let LAYOUT = null, RULES = null, HEALTH = null;
async function loadLayout() {
  if (!LAYOUT) LAYOUT = await api('/api/layout');
  return LAYOUT;
}
async function loadRules() {
  if (!RULES) { RULES = {}; for (const r of await api('/api/rules')) RULES[r.id] = r; }
  return RULES;
}
function ruleDef(id) { return RULES ? RULES[id] || RULES[String(id).split('@')[0]] : null; }

const STATUS_ZH = {
  printed: '印出', blank: '空白（按 0 计）', recovered: '推算恢复', split: '拆分（连写数字）',
  placeholder: '占位符（如“—”）', missing: '缺失', absent: '本模板无此项',
};
const SEV_ZH = { error: '错误', warning: '警告', note: '附注' };
const SEV_RANK = { error: 3, warning: 2, note: 1 };

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

// ---------- the three tables in the national layout ----------
// ctx: { rec, diags, onCell(path), changed: Set(paths) | null, sel: path }
function flagsOf(diags) {
  const f = {};
  for (const d of diags || []) for (const c of d.cells || []) {
    if (!f[c] || SEV_RANK[d.severity] > SEV_RANK[f[c]]) f[c] = d.severity;
  }
  return f;
}
function numCell(ctx, path, extra) {
  const info = (ctx.rec.cell_info || {})[path] || {};
  const st = info.status || 'missing';
  const flag = ctx.flags[path];
  const v = cellValue(ctx.rec, path);
  let cls = 'num st-' + st;
  if (flag === 'error' || flag === 'warning') cls += ' flag-' + flag;
  if (ctx.changed && ctx.changed.has(path)) cls += ' changed';
  const label = (LAYOUT.cell_labels || {})[path] || path;
  const title = label + '：' + (v === null || v === undefined ? '无数值' : fmt(v)) + '（' + (STATUS_ZH[st] || st) +
    (info.line ? '，第 ' + info.line + ' 行' : '') + '）';
  const td = el('td', Object.assign({ class: cls, 'data-path': path, title, tabindex: 0 }, extra || {}),
    v === null || v === undefined ? (info.raw || (st === 'absent' ? '' : '')) : fmt(v));
  if (st === 'recovered') td.appendChild(el('span', { class: 'mark', title: '推算恢复' }, '推'));
  if (st === 'split') td.appendChild(el('span', { class: 'mark', title: '拆分' }, '拆'));
  if (ctx.onCell) {
    td.addEventListener('click', () => ctx.onCell(path));
    td.addEventListener('keydown', (e) => { if (e.key === 'Enter') ctx.onCell(path); });
  }
  return td;
}

function table1(ctx) {
  const p = (k) => numCell(ctx, 'proactive.' + k);
  return el('table', { class: 'gk t1' },
    el('caption', {}, '二、主动公开政府信息情况'),
    el('tr', {}, el('th', { colspan: 4 }, '第二十条第（一）项')),
    el('tr', {}, el('th', {}, '信息内容'), el('th', {}, '本年制发件数'), el('th', {}, '本年废止件数'), el('th', {}, '现行有效件数')),
    el('tr', {}, el('td', { class: 'label' }, '规章'), p('regulations.issued'), p('regulations.repealed'), p('regulations.in_force')),
    el('tr', {}, el('td', { class: 'label' }, '行政规范性文件'), p('normative_documents.issued'), p('normative_documents.repealed'), p('normative_documents.in_force')),
    el('tr', {}, el('th', { colspan: 4 }, '第二十条第（五）项')),
    el('tr', {}, el('th', {}, '信息内容'), el('th', { colspan: 3 }, '本年处理决定数量')),
    el('tr', {}, el('td', { class: 'label' }, '行政许可'), p2(ctx, 'licensing')),
    el('tr', {}, el('th', { colspan: 4 }, '第二十条第（六）项')),
    el('tr', {}, el('th', {}, '信息内容'), el('th', { colspan: 3 }, '本年处理决定数量')),
    el('tr', {}, el('td', { class: 'label' }, '行政处罚'), p2(ctx, 'punishment')),
    el('tr', {}, el('td', { class: 'label' }, '行政强制'), p2(ctx, 'enforcement')),
    el('tr', {}, el('th', { colspan: 4 }, '第二十条第（八）项')),
    el('tr', {}, el('th', {}, '信息内容'), el('th', { colspan: 3 }, '本年收费金额（单位：万元）')),
    el('tr', {}, el('td', { class: 'label' }, '行政事业性收费'), p2(ctx, 'fees_wan_yuan')));
}
function p2(ctx, k) { return numCell(ctx, 'proactive.' + k, { colspan: 3 }); }

function table2(ctx) {
  const rows = LAYOUT.t2_rows;
  const t = el('table', { class: 'gk t2' }, el('caption', {}, '三、收到和处理政府信息公开申请情况'));
  t.appendChild(el('tr', {},
    el('th', { colspan: 3, rowspan: 3 }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'),
    el('th', { colspan: 7 }, '申请人情况')));
  t.appendChild(el('tr', {}, el('th', { rowspan: 2 }, '自然人'), el('th', { colspan: 5 }, '法人或其他组织'), el('th', { rowspan: 2 }, '总计')));
  t.appendChild(el('tr', {}, LAYOUT.t2_cols.slice(1, 6).map((c) => el('th', {}, c.label))));
  const cells = (i) => LAYOUT.t2_cols.map((c, j) => numCell(ctx, 'applications.' + rows[i].key + '[' + j + ']'));
  const groups = { 4: ['（三）不予公开', 8], 12: ['（四）无法提供', 3], 15: ['（五）不予处理', 5], 20: ['（六）其他处理', 3] };
  for (let i = 0; i < rows.length; ++i) {
    const tr = el('tr', {});
    if (i === 0 || i === 1 || i === 24) {
      tr.appendChild(el('td', { class: 'label', colspan: 3 }, rows[i].label));
    } else {
      if (i === 2) tr.appendChild(el('td', { class: 'label', rowspan: 22 }, '三、本年度办理结果'));
      if (groups[i]) tr.appendChild(el('td', { class: 'label', rowspan: groups[i][1] }, groups[i][0]));
      const inGroup = (i >= 4 && i <= 22);
      tr.appendChild(el('td', { class: 'label', colspan: inGroup ? 1 : 2 }, rows[i].label));
    }
    append(tr, [cells(i)]);
    t.appendChild(tr);
  }
  return t;
}

function table3(ctx) {
  const c = LAYOUT.t3_cols.map((x) => x.label);
  const t = el('table', { class: 'gk t3' }, el('caption', {}, '四、政府信息公开行政复议、行政诉讼情况'));
  t.appendChild(el('tr', {}, el('th', { colspan: 5 }, '行政复议'), el('th', { colspan: 10 }, '行政诉讼')));
  t.appendChild(el('tr', {}, c.map((x) => el('th', { rowspan: 2 }, x)),
    el('th', { colspan: 5 }, '未经复议直接起诉'), el('th', { colspan: 5 }, '复议后起诉')));
  t.appendChild(el('tr', {}, c.map((x) => el('th', {}, x)), c.map((x) => el('th', {}, x))));
  const tr = el('tr', {});
  for (const r of LAYOUT.t3_rows) for (let j = 0; j < c.length; ++j) tr.appendChild(numCell(ctx, 'appeals.' + r.key + '[' + j + ']'));
  t.appendChild(tr);
  return t;
}

function tables(ctx) {
  ctx.flags = flagsOf(ctx.diags);
  return el('div', { class: 'tables' }, el('div', { class: 'card' }, table1(ctx)),
    el('div', { class: 'card' }, table2(ctx)), el('div', { class: 'card' }, table3(ctx)));
}
function legend(withChanged) {
  return el('p', { class: 'legend' }, el('span', { class: 'l-err' }, '错误涉及的单元格'),
    el('span', { class: 'l-warn' }, '警告涉及的单元格'), el('span', { class: 'l-rec' }, '推 = 推算恢复'),
    withChanged ? el('span', { class: 'l-chg' }, '与上一年度不同') : null);
}

// ---------- diagnostics panel with cell / source-line details ----------
// opts: { rec, diags, sourceLines (array|null), root (element holding the tables) }
function diagnosticsPanel(opts) {
  const detail = el('div', { class: 'detail', hidden: true });
  const list = el('div', { class: 'diags' });
  const counts = { error: 0, warning: 0, note: 0 };
  for (const d of opts.diags) counts[d.severity] = (counts[d.severity] || 0) + 1;
  const head = el('h2', {}, '检查结果 ', el('span', { class: 'pill err' }, '错误 ' + counts.error),
    el('span', { class: 'pill warn' }, '警告 ' + counts.warning), el('span', { class: 'pill' }, '附注 ' + counts.note));

  function sourceExcerpt(line) {
    if (!opts.sourceLines || !line) return line ? el('div', { class: 'muted' }, '源文件第 ' + line + ' 行') : null;
    const box = el('div', { class: 'src' });
    for (let n = Math.max(1, line - 2); n <= Math.min(opts.sourceLines.length, line + 2); ++n) {
      box.appendChild(el('div', { class: n === line ? 'hl' : '' }, String(n).padStart(4, ' ') + '  ' + opts.sourceLines[n - 1]));
    }
    return el('div', {}, el('div', { class: 'muted' }, '源文件第 ' + line + ' 行：'), box);
  }
  function clearSel() {
    opts.root.querySelectorAll('td.sel').forEach((x) => x.classList.remove('sel'));
    list.querySelectorAll('.diag.sel').forEach((x) => x.classList.remove('sel'));
  }
  function selectCells(paths) {
    for (const p of paths) {
      const td = opts.root.querySelector('td[data-path="' + CSS.escape(p) + '"]');
      if (td) td.classList.add('sel');
    }
  }
  function showDiag(d, node) {
    clearSel();
    node.classList.add('sel');
    selectCells(d.cells || []);
    const def = ruleDef(d.rule);
    detail.replaceChildren();
    append(detail, [el('b', {}, d.rule), def ? el('div', {}, def.category + '：', el('code', {}, def.formula)) : null,
      el('div', {}, d.message),
      (d.cells || []).length ? el('div', {}, '涉及单元格：', (d.cells || []).map((c) =>
        el('div', {}, '· ', LAYOUT.cell_labels[c] || c, ' = ', fmt(cellValue(opts.rec, c)) || '（无）',
          ' 〔', STATUS_ZH[((opts.rec.cell_info || {})[c] || {}).status] || '', '〕'))) : null,
      sourceExcerpt(d.line)]);
    detail.hidden = false;
  }
  function showCell(path) {
    clearSel();
    selectCells([path]);
    const info = (opts.rec.cell_info || {})[path] || {};
    const related = opts.diags.filter((d) => (d.cells || []).includes(path));
    list.querySelectorAll('.diag').forEach((n, i) => { if (related.includes(opts.diags[i])) n.classList.add('sel'); });
    detail.replaceChildren();
    append(detail, [el('b', {}, LAYOUT.cell_labels[path] || path), el('div', {}, el('code', {}, path)),
      el('div', {}, '数值：', fmt(cellValue(opts.rec, path)) || '（无）'),
      el('div', {}, '状态：', STATUS_ZH[info.status] || info.status || '未知'),
      info.raw ? el('div', {}, '原文：', info.raw) : null,
      info.via ? el('div', {}, '推算依据：', info.via.join('，')) : null,
      info.confidence !== undefined ? el('div', {}, '识别置信度：', fmt(info.confidence)) : null,
      related.length ? el('div', {}, '相关检查结果：', related.map((d) => el('div', {}, '· [', SEV_ZH[d.severity], '] ', d.rule))) : el('div', { class: 'muted' }, '没有涉及此单元格的检查结果'),
      sourceExcerpt(info.line)]);
    detail.hidden = false;
  }
  opts.diags.forEach((d) => {
    const node = el('div', { class: 'diag ' + d.severity, tabindex: 0, 'data-rule': d.rule },
      el('span', { class: 'sev' }, SEV_ZH[d.severity] || d.severity),
      el('span', { class: 'rule' }, d.rule), d.line ? el('span', { class: 'muted' }, '  第 ' + d.line + ' 行') : null,
      d.origin === 'xyear' ? el('span', { class: 'pill' }, '跨年度') : null,
      el('div', {}, d.message),
      (d.notes || []).length ? el('div', { class: 'notes' }, d.notes.map((n) => el('div', {}, n))) : null);
    node.addEventListener('click', () => showDiag(d, node));
    node.addEventListener('keydown', (e) => { if (e.key === 'Enter') showDiag(d, node); });
    list.appendChild(node);
  });
  if (!opts.diags.length) list.appendChild(el('p', { class: 'muted' }, '没有发现问题。'));
  return { node: el('div', { class: 'card side' }, head, detail, list), showCell };
}

function metaList(pairs) {
  return el('dl', { class: 'meta' }, pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function reportView(rec, diags, sourceLines, extraMeta) {
  const root = el('div', {});
  let panel = null;
  const ctx = { rec, diags, onCell: (p) => panel && panel.showCell(p) };
  const tbl = tables(ctx);
  root.appendChild(tbl);
  panel = diagnosticsPanel({ rec, diags, sourceLines, root: tbl });
  const main = el('div', {},
    el('div', { class: 'card' }, el('h1', {}, rec.title || rec.agency || '（未识别标题）'),
      metaList([['机关', rec.agency], ['年度', rec.year], ['模板', rec.template === '2019' ? '2019 年版（国办公开办函〔2019〕60号）' : '2021 年版（国办公开办函〔2021〕30号）'],
        ['发布日期', rec.publication_date], ['格式', rec.source && rec.source.format], ['编码', rec.source && rec.source.encoding],
        ['SHA-256', rec.source && rec.source.sha256], ...(extraMeta || [])]),
      legend(false)),
    root);
  return el('div', { class: 'layout' }, main, panel.node);
}

// ---------- 检查报告 ----------
function decoderFor(enc) {
  const e = String(enc || 'utf-8').toLowerCase();
  if (e.includes('gb')) return 'gb18030';
  if (e.includes('16le')) return 'utf-16le';
  if (e.includes('16be')) return 'utf-16be';
  return 'utf-8';
}

function pageCheck() {
  const input = el('input', { type: 'file', id: 'file', class: 'visually-hidden' });
  const picked = el('span', { class: 'muted' }, '尚未选择文件');
  const out = el('div', { id: 'check-result' });
  const drop = el('div', { class: 'drop' },
    el('p', {}, '把年度报告文件拖到这里，或'), el('label', { for: 'file', class: 'btn' }, '选择文件'), input, ' ', picked,
    el('p', { class: 'muted' }, '支持纯文本（UTF-8、GB18030、UTF-16）、HTML、DOCX、DOC、PDF 及扫描件；文件只在服务器内存中解析，不会保存。'));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) run(e.dataTransfer.files[0]); });
  input.addEventListener('change', () => { if (input.files[0]) run(input.files[0]); });
  async function run(file) {
    picked.textContent = file.name;
    out.replaceChildren(el('p', { class: 'muted' }, '正在解析“', file.name, '”……'));
    try {
      await Promise.all([loadLayout(), loadRules()]);
      const fd = new FormData();
      fd.append('file', file, file.name);
      const rec = await api('/api/check', { method: 'POST', body: fd });
      let lines = null;
      if (rec.source && rec.source.format === 'text') {
        try { lines = new TextDecoder(decoderFor(rec.source.encoding)).decode(await file.arrayBuffer()).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/); } catch (e) { lines = null; }
      }
      out.replaceChildren(reportView(rec, rec.diagnostics || [], lines, [['文件', file.name]]));
    } catch (e) {
      out.replaceChildren(errorBox('无法检查“' + file.name + '”：' + e.message));
    }
  }
  show(el('h1', {}, '检查报告'), drop, out);
}

// ---------- 语料库 ----------
function noDb(e) { return errorBox(e.message); }

async function pageCorpus(params) {
  const q = el('input', { type: 'search', name: 'q', placeholder: '机关名称或标题', value: params.get('q') || '', size: 28 });
  const level = el('select', { name: 'level' }, el('option', { value: '' }, '全部层级'));
  const region = el('input', { type: 'text', name: 'region', placeholder: '地区', value: params.get('region') || '', size: 12 });
  const year = el('select', { name: 'year' }, el('option', { value: '' }, '全部年度'));
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
    const rows = r.items.map((it) => el('tr', {},
      el('td', {}, el('a', { href: '#/report/' + it.id }, it.agency || it.title || '（未识别机关）')),
      el('td', {}, it.year || ''), el('td', {}, it.level), el('td', {}, it.region),
      el('td', {}, it.errors ? el('span', { class: 'pill err' }, '错误 ' + it.errors) : null,
        it.warnings ? el('span', { class: 'pill warn' }, '警告 ' + it.warnings) : null),
      el('td', {}, it.has_previous ? el('a', { href: '#/compare/' + it.id }, '对比上一年') : '')));
    const offset = r.offset, next = offset + r.items.length;
    const nav = el('p', {}, '共 ' + r.total + ' 份报告，显示第 ' + (r.total ? offset + 1 : 0) + '–' + next + ' 份 ',
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

function sectionsView(rec, reuse) {
  const secs = (rec.sections || []).filter((s) => s.heading || s.text);
  const reuseBy = {};
  for (const r of reuse || []) reuseBy[r.section] = r;
  return el('div', { class: 'card' }, el('h2', {}, '正文各部分'),
    secs.length ? secs.map((s) => el('div', {},
      el('h3', {}, s.heading || ('第 ' + s.number + ' 部分'), s.line ? el('span', { class: 'muted' }, '（第 ' + s.line + ' 行）') : null,
        reuseBy[s.number] ? el('span', { class: 'pill' + (reuseBy[s.number].jaccard >= 0.8 ? ' warn' : '') }, '与上年文字相似度 ' + Math.round(reuseBy[s.number].jaccard * 100) + '%') : null),
      el('div', { class: 'section-text' }, s.text || '（无正文）'))) : el('p', { class: 'muted' }, '没有识别出正文。'));
}

async function pageReport(id) {
  show(el('p', { class: 'muted' }, '正在加载……'));
  try {
    await Promise.all([loadLayout(), loadRules()]);
    const r = await api('/api/reports/' + encodeURIComponent(id));
    const view = reportView(r.record, r.diagnostics, null, [['层级', r.level], ['地区', r.region],
      ['上一年度', r.previous_id ? el('a', { href: '#/compare/' + r.id }, '并排对比上一年度报告') : '语料库中没有']]);
    show(el('p', {}, el('a', { href: '#/corpus' }, '← 返回语料库')), view, sectionsView(r.record, r.reuse));
  } catch (e) { show(errorBox('无法加载报告：' + e.message)); }
}

async function pageCompare(id) {
  show(el('p', { class: 'muted' }, '正在加载……'));
  try {
    await Promise.all([loadLayout(), loadRules()]);
    const r = await api('/api/reports/' + encodeURIComponent(id) + '/previous');
    if (!r.previous) { show(el('p', {}, el('a', { href: '#/report/' + id }, '← 返回报告')), errorBox(r.message || '没有上一年度报告')); return; }
    const changed = new Set(r.changed.map((c) => c.path));
    const side = (x, title) => el('div', {}, el('h2', {}, title, '：', x.agency || '', ' ', x.year ? x.year + ' 年' : ''),
      el('p', {}, el('a', { href: '#/report/' + x.id }, '打开此报告')),
      tables({ rec: x.record, diags: x.diagnostics, changed }));
    show(el('p', {}, el('a', { href: '#/report/' + id }, '← 返回报告')),
      el('h1', {}, '与上一年度对比'), legend(true),
      el('div', { class: 'card' }, el('h2', {}, '数值不同的单元格（' + r.changed.length + ' 个）'),
        el('table', { class: 'list' }, el('tr', {}, el('th', {}, '单元格'), el('th', {}, '上一年度'), el('th', {}, '本年度')),
          r.changed.map((c) => el('tr', {}, el('td', {}, c.label), el('td', {}, fmt(c.previous) || '—'), el('td', {}, fmt(c.current) || '—'))))),
      el('div', { class: 'side-by-side' }, side(r.previous, '上一年度'), side(r.current, '本年度')));
  } catch (e) { show(errorBox('无法加载对比：' + e.message)); }
}

// ---------- 总览: small SVG charts (no chart library, works offline) ----------
const PALETTE = ['#8b1a1a', '#2f7bd6', '#c98a00', '#2e8b57', '#7b4fb3', '#d9534f', '#5bc0de', '#6b7280', '#e377c2', '#17becf'];
function niceMax(v) { if (v <= 0) return 1; const p = Math.pow(10, Math.floor(Math.log10(v))); for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p; return 10 * p; }
function shortNum(v) { return v >= 10000 ? (Math.round(v / 1000) / 10) + '万' : fmt(Math.round(v * 100) / 100); }

// Stacked vertical bars: cats (x labels), series [{name, values[]}]
function stackedBars(cats, series, opt) {
  opt = opt || {};
  const W = 560, H = 300, L = 56, R = 10, T = 14, B = 64;
  const totals = cats.map((_, i) => series.reduce((s, x) => s + (x.values[i] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const bw = (W - L - R) / Math.max(1, cats.length);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opt.label || '' });
  for (let k = 0; k <= 4; ++k) {
    const v = max * k / 4;
    g.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e5e7eb' }));
    g.appendChild(svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, shortNum(v)));
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
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opt.label || '' });
  items.forEach((it, i) => {
    const yy = T + i * rowH;
    g.appendChild(svg('text', { x: L - 6, y: yy + 14, 'text-anchor': 'end' }, it.label.length > 18 ? it.label.slice(0, 17) + '…' : it.label));
    const w = (W - L - 70) * (it.value / max);
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
    const c2 = chartCard('办理结果构成（全部年度）', hBars(oc.map((x, i) => ({ label: x.label, value: x.total, color: PALETTE[i % PALETTE.length], text: shortNum(x.total) + '（' + Math.round(x.total / ocSum * 1000) / 10 + '%）' })), { label: '办理结果', left: 150 }), '表二“三、本年度办理结果”各类的总计列之和及占比。');
    // 3. appeals
    const ap = s.appeals || [];
    const keys = LAYOUT_T3_KEYS, labels = LAYOUT_T3_LABELS;
    const c3 = chartCard('行政复议与行政诉讼（按结果）', stackedBars(ap.map((x) => x.label), keys.map((k, j) => ({ name: labels[j], values: ap.map((x) => x[k] || 0) })), { label: '复议诉讼' }), '不含“总计”列。');
    // 4. error rates by rule
    const rules = (s.rules || []).slice().sort((a, b) => b.rate - a.rate).slice(0, 15);
    const c4 = chartCard('各规则的出错率（有该项发现的报告占比，前 15 条）',
      rules.length ? hBars(rules.map((r) => ({ label: r.rule, value: r.rate * 100, color: r.severity === 'error' ? '#c81e1e' : '#c98a00', text: (Math.round(r.rate * 1000) / 10) + '%（' + r.reports + ' 份）' })), { label: '出错率', max: Math.max(1, niceMax(Math.max(...rules.map((r) => r.rate * 100)))) }) : el('p', { class: 'muted' }, '没有发现。'));
    show(el('h1', {}, '总览'), totals, el('div', { class: 'charts' }, c1, c2, c3, c4));
  } catch (e) { show(el('h1', {}, '总览'), noDb(e)); }
}
const LAYOUT_T3_KEYS = ['upheld', 'corrected', 'other', 'pending'];
const LAYOUT_T3_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结'];

// ---------- 规则 ----------
async function pageRules() {
  try {
    const rules = Object.values(await loadRules());
    show(el('h1', {}, '规则目录（' + rules.length + ' 条）'), el('table', { class: 'list' },
      el('tr', {}, ['规则', '级别', '类别', '关系或条件', '说明'].map((h) => el('th', {}, h))),
      rules.map((r) => el('tr', {}, el('td', {}, el('code', {}, r.id)), el('td', {}, r.severity_zh), el('td', {}, r.category),
        el('td', {}, el('code', {}, r.formula)), el('td', {}, r.message)))));
  } catch (e) { show(errorBox(e.message)); }
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
  if (page === 'corpus') pageCorpus(params);
  else if (page === 'report' && id) pageReport(id);
  else if (page === 'compare' && id) pageCompare(id);
  else if (page === 'dashboard') loadLayout().then(pageDashboard, pageDashboard);
  else if (page === 'rules') pageRules();
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
  } catch (e) { /* shown per page */ }
  route();
});
