// 公开 Gongkai web UI: the case register (依申请公开台账) pages — choose or import
// a register, edit its rows, table 2 computed from it, the 第三十三条 deadlines.
// Uses the helpers of app.js (el, api, show, errorBox, fmt, loadLayout); every
// text from the register goes into the page as text, never as HTML.
'use strict';

const REG = { unit: '', year: '', data: null, dirty: false };

function regQuery(extra) {
  const p = new URLSearchParams({ unit: REG.unit, year: String(REG.year) });
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

function regErrors(errors) {
  return el('div', { class: 'error-box reg-errors', role: 'alert' },
    el('b', {}, '台账未导入：以下 ' + errors.length + ' 处错误（没有任何一行被导入）'),
    el('ul', {}, errors.map((e) => el('li', { 'data-row': e.row },
      (e.row ? '第 ' + e.row + ' 行' : '文件') + (e.column ? '，列“' + e.column + '”' : '') + '：' + e.message))));
}

function regTable2(d) {
  const L = LAYOUT;
  return el('table', { class: 'gk reg-t2' },
    el('thead', {}, el('tr', {}, el('th', {}, '项目'), L.t2_cols.map((c) => el('th', {}, c.label)))),
    el('tbody', {}, L.t2_rows.map((r) => el('tr', { 'data-row': r.key },
      el('td', { class: 'label' }, r.label),
      (d.table2[r.key] || []).map((v, i) => el('td', { class: 'num', 'data-col': L.t2_cols[i].key }, fmt(v)))))));
}

function regEditor(d, onSave) {
  const lists = { '申请人类型': d.applicants, '办理结果': d.outcomes, '申请渠道': [''].concat(d.channels),
    '上年结转': ['否', '是'], '延期答复': ['否', '是'], '收费通知': ['否', '是'], '已缴费': ['否', '是'] };
  const dates = new Set(['收到申请日期', '答复日期']);
  const body = el('tbody', {});
  function cellInput(col, value) {
    if (lists[col]) {
      const s = el('select', { 'data-col': col, 'aria-label': col }, lists[col].map((o) => el('option', { value: o }, o)));
      if (value && !lists[col].includes(value)) s.appendChild(el('option', { value }, value));
      s.value = value || lists[col][0];
      return s;
    }
    return el('input', { 'data-col': col, 'aria-label': col, value: value || '', type: 'text',
      placeholder: dates.has(col) ? '2024-03-08' : '', size: dates.has(col) ? 10 : (col === '申请内容' ? 24 : 8) });
  }
  function addRow(row) {
    const tr = el('tr', { class: 'reg-row' }, d.columns.map((c) => el('td', {}, cellInput(c, row[c]))),
      el('td', {}, el('button', { class: 'secondary small', type: 'button', title: '删除这一行',
        onclick: () => { tr.remove(); REG.dirty = true; } }, '删除')));
    tr.addEventListener('input', () => { REG.dirty = true; });
    body.appendChild(tr);
  }
  for (const r of d.rows) addRow(r);
  function rows() {
    return [...body.querySelectorAll('tr.reg-row')].map((tr) => {
      const o = {};
      tr.querySelectorAll('[data-col]').forEach((x) => { o[x.dataset.col] = x.value; });
      return o;
    });
  }
  const table = el('div', { class: 'reg-scroll' }, el('table', { class: 'gk reg-edit' },
    el('thead', {}, el('tr', {}, d.columns.map((c, i) => el('th', {}, c + (d.required[i] ? '*' : ''))), el('th', {}, ''))),
    body));
  const add = el('button', { type: 'button', class: 'secondary', id: 'reg-add',
    onclick: () => { addRow({ '上年结转': '否', '办理结果': '办理中' }); REG.dirty = true; } }, '添加一行');
  const save = el('button', { type: 'button', id: 'reg-save', onclick: () => onSave(rows(), body) }, '保存台账');
  return el('div', {}, el('div', { class: 'form-row' }, add, save,
    el('span', { class: 'muted' }, '保存时逐行检查；有一处错误则整份不保存。')), table);
}

function markRows(body, errors) {
  const trs = [...body.querySelectorAll('tr.reg-row')];
  trs.forEach((tr) => tr.classList.remove('bad'));
  for (const e of errors) if (e.row >= 2 && trs[e.row - 2]) trs[e.row - 2].classList.add('bad');
}

async function regDeadlines(box) {
  box.replaceChildren(el('p', { class: 'muted' }, '正在计算答复期限……'));
  try {
    const d = await api('/api/register/deadlines?' + regQuery({ today: document.getElementById('reg-today').value }));
    const cls = { '已逾期': 'err', '即将到期': 'warn', '逾期答复': 'err' };
    box.replaceChildren(
      el('p', { class: 'muted' }, '以 ' + d.today + ' 计；条例第三十三条：自收到申请之日起20个工作日内答复，延期最长再20个工作日；工作日按国务院办公厅节假日安排（含调休上班日）。'),
      el('table', { class: 'list reg-deadlines' },
        el('thead', {}, el('tr', {}, ['状态', '申请编号', '收到日期', '答复期限', '延期', '剩余工作日', '答复日期', '申请内容'].map((h) => el('th', {}, h)))),
        el('tbody', {}, d.rows.map((r) => el('tr', { 'data-status': r.status },
          el('td', {}, el('span', { class: 'pill ' + (cls[r.status] || '') }, r.status)), el('td', {}, r.case_no),
          el('td', {}, r.received), el('td', {}, r.due), el('td', {}, r.extended ? '是' : '否'),
          el('td', { class: 'num' }, String(r.working_days_left)), el('td', {}, r.replied || ''), el('td', {}, r.subject))))));
  } catch (e) { box.replaceChildren(errorBox(e.message)); }
}

function regView(d, msg) {
  REG.data = d;
  REG.dirty = false;
  const status = el('div', { id: 'reg-msg' }, msg || null);
  const t2box = el('div', { id: 'reg-t2' }, regTable2(d),
    d.notes.length ? el('ul', { class: 'reg-notes' }, d.notes.map((n) => el('li', {}, '附注：' + n))) : null);
  const dl = el('div', { id: 'reg-deadlines' });
  async function onSave(rows, body) {
    try {
      const r = await fetch('/api/register/save?' + regQuery(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rows }) });
      const j = await r.json();
      if (!r.ok) {
        status.replaceChildren(j.errors ? regErrors(j.errors) : errorBox(j.error));
        if (j.errors) markRows(body, j.errors);
        return;
      }
      regView(j, el('div', { class: 'ok-box' }, '已保存 ' + j.saved + ' 件申请，表二已重新计算。'));
    } catch (e) { status.replaceChildren(errorBox(e.message)); }
  }
  const read = HEALTH && HEALTH.read_only;
  show(regHeader(),
    el('h1', {}, d.unit + ' ' + d.year + ' 年 依申请公开台账'),
    status,
    el('div', { class: 'reg-grid' },
      el('section', { class: 'card' }, el('h2', {}, '表二 收到和处理政府信息公开申请情况（由台账 ' + d.rows.length + ' 件申请逐格计算）'),
        el('p', { class: 'muted' }, d.has_previous ? '上年结转取自 ' + (d.year - 1) + ' 年台账。' : '没有 ' + (d.year - 1) + ' 年台账：上年结转按本台账“上年结转”列计。'), t2box),
      el('section', { class: 'card' }, el('h2', {}, '答复期限'),
        el('div', { class: 'form-row' }, el('label', { for: 'reg-today' }, '计算日期'),
          el('input', { id: 'reg-today', type: 'date', value: new Date().toISOString().slice(0, 10) }),
          el('button', { type: 'button', class: 'secondary', onclick: () => regDeadlines(dl) }, '重新计算')), dl)),
    el('section', { class: 'card' }, el('h2', {}, '台账（' + d.rows.length + ' 件）'),
      read ? el('p', { class: 'muted' }, '服务以只读方式运行，不能修改台账。') : null, regEditor(d, onSave)));
  regDeadlines(dl);
}

function regHeader() {
  const unit = el('input', { id: 'reg-unit', value: REG.unit, placeholder: '单位名称', size: 24, 'aria-label': '单位名称' });
  const year = el('input', { id: 'reg-year', value: REG.year, placeholder: '年度', size: 6, 'aria-label': '年度' });
  const file = el('input', { id: 'reg-file', type: 'file', accept: '.csv,.xlsx,.txt', 'aria-label': '台账文件' });
  const msg = el('div', { id: 'reg-import-msg' });
  function pick() {
    REG.unit = unit.value.trim();
    REG.year = year.value.trim();
    if (!REG.unit || !/^\d{4}$/.test(REG.year)) { msg.replaceChildren(errorBox('请填写单位名称和四位年度')); return false; }
    return true;
  }
  async function doImport() {
    if (!pick() || !file.files.length) { if (!file.files.length) msg.replaceChildren(errorBox('请选择 CSV 或 XLSX 台账文件')); return; }
    const fd = new FormData();
    fd.append('file', file.files[0]);
    try {
      const r = await fetch('/api/register/import?' + regQuery(), { method: 'POST', body: fd });
      const j = await r.json();
      if (!r.ok) { msg.replaceChildren(j.errors ? regErrors(j.errors) : errorBox(j.error)); return; }
      location.hash = '#/register?' + regQuery();
      regView(j, el('div', { class: 'ok-box' }, '已导入 ' + j.saved + ' 件申请。'));
    } catch (e) { msg.replaceChildren(errorBox(e.message)); }
  }
  return el('div', { class: 'card reg-head' },
    el('div', { class: 'form-row' }, unit, year,
      el('button', { type: 'button', class: 'secondary', id: 'reg-open', onclick: () => { if (pick()) location.hash = '#/register?' + regQuery(); } }, '打开'),
      el('span', { class: 'muted' }, '导入：'), file,
      el('button', { type: 'button', id: 'reg-import', onclick: doImport }, '导入台账'),
      el('a', { class: 'btn secondary', href: '/api/register/template.xlsx', download: 'register-template.xlsx' }, '下载空白台账')),
    msg);
}

async function pageRegister(params) {
  await loadLayout().catch(() => null);
  REG.unit = params.get('unit') || REG.unit;
  REG.year = params.get('year') || REG.year;
  if (REG.unit && REG.year) {
    try { regView(await api('/api/register?' + regQuery())); return; } catch (e) {
      show(regHeader(), errorBox(e.message));
      return;
    }
  }
  let list = [];
  try { list = (await api('/api/register/list')).registers; } catch (e) { show(regHeader(), errorBox(e.message)); return; }
  show(regHeader(), el('h1', {}, '依申请公开台账'),
    el('p', { class: 'muted' }, '每件政府信息公开申请一行；表二由台账逐格计算，合计自然成立。选择一份台账，或填写单位与年度后导入 CSV / XLSX 台账。'),
    list.length ? el('table', { class: 'list reg-list' },
      el('thead', {}, el('tr', {}, ['单位', '年度', '件数', '年底未办结', '最近导入', '来源'].map((h) => el('th', {}, h)))),
      el('tbody', {}, list.map((r) => el('tr', {},
        el('td', {}, el('a', { href: '#/register?' + new URLSearchParams({ unit: r.unit, year: String(r.year) }) }, r.unit)),
        el('td', {}, String(r.year)), el('td', { class: 'num' }, String(r.cases)), el('td', { class: 'num' }, String(r.open)),
        el('td', {}, r.imported_at), el('td', {}, r.source))))) : el('p', { class: 'muted', id: 'reg-none' }, '数据库中还没有台账。'));
}
