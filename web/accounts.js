// 公开 Gongkai web UI: accounts (gongkai serve --accounts, issue 15).
// Login, a clerk's drafts (upload, explain each error, submit) and a
// reviewer's queue (open, approve or return with a comment). Loaded after
// app.js; uses its el/show/api/errorBox helpers. Without --accounts nothing
// here is shown.
'use strict';

// The signed-in user and the session's anti-forgery token, sent with every
// write (X-CSRF-Token), from app.js's api() and the other pages' fetch calls.
window.GK_AUTH = { user: null, csrf: null };
{
  const plainFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    init = Object.assign({}, init || {});
    const method = String(init.method || 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && GK_AUTH.csrf) {
      const h = new Headers(init.headers || {});
      h.set('X-CSRF-Token', GK_AUTH.csrf);
      init.headers = h;
    }
    return plainFetch(input, init);
  };
}

const ROLE_HOME = { clerk: '#/drafts', reviewer: '#/review', admin: '#/review' };

function authStatus() {
  const box = document.getElementById('status');
  if (!box || !GK_AUTH.user) return;
  const u = GK_AUTH.user;
  const out = el('a', { href: '#/login', id: 'logout', onclick: async (e) => {
    e.preventDefault();
    try { await api('/api/auth/logout', { method: 'POST' }); } catch (err) { /* the session is gone either way */ }
    GK_AUTH.user = null;
    GK_AUTH.csrf = null;
    location.hash = '#/login';
    location.reload();
  } }, '退出');
  box.replaceChildren(el('span', { id: 'whoami' }, u.name + '（' + u.role_zh + (u.unit ? '，' + u.unit : '') + '）'), ' · ', out);
}

// Called by app.js once /api/health says the server runs with accounts.
window.GK_AUTH_INIT = async function () {
  try {
    const me = await api('/api/auth/me');
    GK_AUTH.user = me;
    GK_AUTH.csrf = me.csrf;
    authStatus();
  } catch (e) { /* not signed in: the router shows the login page */ }
  const nav = document.querySelector('header.top nav');
  if (nav && !nav.querySelector('[data-nav="drafts"]')) {
    nav.appendChild(el('a', { href: '#/drafts', 'data-nav': 'drafts' }, '报送'));
    nav.appendChild(el('a', { href: '#/review', 'data-nav': 'review' }, '审核'));
  }
};

function pageLogin() {
  const name = el('input', { id: 'login-name', autocomplete: 'username', required: true });
  const pw = el('input', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = el('div', {});
  const form = el('form', { class: 'card login', onsubmit: async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const u = await api('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: name.value, password: pw.value }) });
      GK_AUTH.user = u;
      GK_AUTH.csrf = u.csrf;
      authStatus();
      location.hash = ROLE_HOME[u.role] || '#/check';
    } catch (err) { msg.replaceChildren(errorBox('登录失败：' + err.message)); }
  } },
  el('h1', {}, '登录'),
  el('p', { class: 'muted' }, '这台服务器要求登录：单位填报人上传并报送本单位的年度报告，审核人审核所辖地区的报告。账号由管理员用 gongkai users 创建。'),
  el('p', {}, el('label', { for: 'login-name' }, '用户名 '), name),
  el('p', {}, el('label', { for: 'login-password' }, '密码 '), pw),
  el('p', {}, el('button', { type: 'submit', id: 'login-submit' }, '登录')), msg);
  show(form);
  name.focus();
}

function draftRow(d) {
  return el('tr', { 'data-draft': d.id },
    el('td', {}, d.unit_name || d.unit), el('td', {}, d.year), el('td', {}, '第 ' + d.version + ' 版'),
    el('td', { class: 'draft-status' }, d.status_zh), el('td', {}, '错误 ' + (d.errors || 0) + '，警告 ' + (d.warnings || 0)),
    el('td', {}, el('a', { href: '#/drafts/' + d.id }, '打开')));
}
function draftTable(items, empty) {
  if (!items.length) return el('p', { class: 'muted' }, empty);
  return el('table', { class: 'list drafts' },
    el('tr', {}, ['单位', '年度', '版本', '状态', '检查结果', ''].map((h) => el('th', {}, h))), items.map(draftRow));
}

async function pageDrafts() {
  const u = GK_AUTH.user;
  const list = el('div', {}, el('p', { class: 'muted' }, '正在加载……'));
  const msg = el('div', {});
  let upload = null;
  if (u.role === 'clerk') {
    const input = el('input', { type: 'file', id: 'draft-file', class: 'visually-hidden' });
    input.addEventListener('change', async () => {
      if (!input.files.length) return;
      const fd = new FormData();
      fd.append('file', input.files[0]);
      msg.replaceChildren(el('p', { class: 'muted' }, '正在上传并检查……'));
      try {
        const r = await api('/api/drafts', { method: 'POST', body: fd });
        location.hash = '#/drafts/' + r.id;
      } catch (e) { msg.replaceChildren(errorBox('上传失败：' + e.message)); }
      input.value = '';
    });
    upload = el('div', { class: 'card' }, el('h2', {}, '上传本单位的年度报告草稿'),
      el('p', {}, '上传后立即检查；每个错误写明原因后才能报送审核。同一年度再次上传即为新版本。'),
      el('p', {}, el('label', { for: 'draft-file', class: 'btn' }, '选择报告文件'), input), msg);
  }
  show(el('h1', {}, u.role === 'clerk' ? '报送：' + (u.unit || '本单位') : '报送情况'), upload,
    el('div', { class: 'card' }, el('h2', {}, '草稿与报送'), list));
  try {
    const r = await api('/api/drafts');
    list.replaceChildren(draftTable(r.items, '还没有草稿。'));
  } catch (e) { list.replaceChildren(errorBox('无法加载：' + e.message)); }
}

async function pageReview() {
  const u = GK_AUTH.user;
  if (u.role === 'clerk') { show(errorBox('只有审核人可以查看审核队列。'), el('p', {}, el('a', { href: '#/drafts' }, '回到报送'))); return; }
  const list = el('div', {}, el('p', { class: 'muted' }, '正在加载……'));
  show(el('h1', {}, '审核' + (u.region ? '：' + u.region : '')), el('div', { class: 'card' }, el('h2', {}, '待审核的报告'), list));
  try {
    const r = await api('/api/review/queue');
    list.replaceChildren(draftTable(r.items, '没有待审核的报告。'));
  } catch (e) { list.replaceChildren(errorBox('无法加载：' + e.message)); }
}

async function pageDraft(id) {
  const u = GK_AUTH.user;
  show(el('p', { class: 'muted' }, '正在加载……'));
  let d;
  try { d = await api('/api/drafts/' + encodeURIComponent(id)); } catch (e) { show(errorBox('无法加载草稿：' + e.message)); return; }
  const rec = d.record || {};
  const errors = (rec.diagnostics || []).filter((x) => x.severity === 'error');
  const current = (d.versions || []).find((v) => v.version === d.version) || {};
  const msg = el('div', { id: 'draft-msg' });
  const head = el('div', { class: 'card' }, el('h1', {}, (d.unit_name || d.unit) + ' ' + d.year + ' 年度报告'),
    metaList([['状态', el('span', { id: 'draft-status' }, d.status_zh)], ['版本', '第 ' + d.version + ' 版'],
      ['文件', current.name], ['上传', current.uploaded_by ? current.uploaded_by + '，' + current.uploaded_at : null],
      ['检查结果', '错误 ' + errors.length + '，警告 ' + (rec.diagnostics || []).filter((x) => x.severity === 'warning').length]]));
  const parts = [head];
  const explain = {};
  const editable = u.role === 'clerk' && (d.status === 'draft' || d.status === 'returned');
  if (errors.length) {
    const saved = current.explanations || {};
    parts.push(el('div', { class: 'card' }, el('h2', {}, '错误及说明'),
      el('p', { class: 'muted' }, editable ? '报告中的每个错误都要写明原因（至少几个字），例如“原表如此印出，已向业务科室核实”。' : '填报人对每个错误的说明：'),
      errors.map((x, i) => {
        const box = editable ? el('textarea', { rows: 2, 'data-rule': x.rule, id: 'expl-' + i }) : null;
        if (box) { box.value = saved[x.rule] || ''; explain[x.rule] = box; }
        return el('div', { class: 'explain' }, el('p', {}, el('span', { class: 'pill err' }, '错误'), ' ', x.message),
          box || el('p', { class: 'muted' }, saved[x.rule] || '（未说明）'));
      })));
  }
  if (editable) {
    parts.push(el('p', {}, el('button', { type: 'button', id: 'draft-submit', onclick: async () => {
      const explanations = {};
      for (const [rule, box] of Object.entries(explain)) explanations[rule] = box.value;
      try {
        const r = await api('/api/drafts/' + id + '/submit', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ explanations }) });
        document.getElementById('draft-status').textContent = r.status_zh;
        document.getElementById('draft-submit').disabled = true;
        for (const box of Object.values(explain)) box.readOnly = true;
        msg.replaceChildren(el('p', { class: 'ok-box' }, '已报送审核。'));
      } catch (e) { msg.replaceChildren(errorBox('未能报送：' + e.message)); }
    } }, '报送审核'), msg));
  }
  if (u.role !== 'clerk' && d.status === 'submitted') {
    const comment = el('textarea', { rows: 2, id: 'review-comment', placeholder: '审核意见（退回时必填）' });
    const act = (action) => async () => {
      try {
        const r = await api('/api/drafts/' + id + '/review', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ action, comment: comment.value }) });
        document.getElementById('draft-status').textContent = r.status_zh;
        document.getElementById('review-approve').disabled = true;
        document.getElementById('review-return').disabled = true;
        msg.replaceChildren(el('p', { class: 'ok-box' }, action === 'approve'
          ? '已通过，报告已入语料库。' : '已退回填报人。'),
          r.report_id ? el('p', {}, el('a', { href: '#/report/' + r.report_id }, '在语料库中查看')) : null);
      } catch (e) { msg.replaceChildren(errorBox('审核未完成：' + e.message)); }
    };
    parts.push(el('div', { class: 'card' }, el('h2', {}, '审核'), comment,
      el('p', {}, el('button', { type: 'button', id: 'review-approve', onclick: act('approve') }, '通过'), ' ',
        el('button', { type: 'button', class: 'secondary', id: 'review-return', onclick: act('return') }, '退回')), msg));
  }
  if ((d.reviews || []).length)
    parts.push(el('div', { class: 'card' }, el('h2', {}, '审核记录'),
      el('table', { class: 'list' }, el('tr', {}, ['版本', '审核人', '结果', '意见', '时间'].map((h) => el('th', {}, h))),
        d.reviews.map((x) => el('tr', {}, el('td', {}, '第 ' + x.version + ' 版'), el('td', {}, x.reviewer),
          el('td', {}, x.action_zh), el('td', {}, x.comment), el('td', {}, x.at))))));
  parts.push(el('p', {}, el('a', { href: u.role === 'clerk' ? '#/drafts' : '#/review' }, u.role === 'clerk' ? '← 回到报送' : '← 回到审核队列')));
  show(...parts);
}

window.GK_ACCOUNT_PAGES = {
  login: () => pageLogin(),
  drafts: (parts) => (parts[1] ? pageDraft(parts[1]) : pageDrafts()),
  review: () => pageReview(),
};
