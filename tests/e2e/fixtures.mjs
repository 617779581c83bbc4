// Reports made for the browser tests with gongkai itself (template + render):
// a table-3 total that disagrees with its parts, two consecutive years of one
// agency whose carried-over applications disagree (a cross-year finding), the
// same report as DOCX and HTML, and a second version of a seed report (two
// reports of one agency-year). Usage: node fixtures.mjs GONGKAI_BINARY OUT_DIR SEED
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [bin, out, seed] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const blank = JSON.parse(execFileSync(bin, ['template', '--format', 'json']).toString());

// A form with every total computed here, so that --keep-printed prints them as
// given (and one can be made wrong on purpose).
function form(agency, year, set, spoil) {
  const f = JSON.parse(JSON.stringify(blank));
  f.agency = agency;
  f.year = year;
  f.publication_date = (year + 1) + '-01-20';
  for (const [path, v] of Object.entries(set)) {
    const m = /^(\w+)\.(\w+)\[(\d+)\]$/.exec(path);
    f[m[1]][m[2]][Number(m[3])] = v;
  }
  const A = f.applications;
  for (const k of Object.keys(A)) if (k !== 'carried_forward' && k !== 'total') A[k][6] = A[k].slice(0, 6).reduce((a, b) => a + (b || 0), 0);
  const outcomes = Object.keys(A).filter((k) => !['new', 'carried_over', 'total', 'carried_forward'].includes(k));
  A.total = [0, 1, 2, 3, 4, 5, 6].map((c) => outcomes.reduce((a, k) => a + (A[k][c] || 0), 0));
  A.carried_forward = A.total.map((t, c) => A.new[c] + A.carried_over[c] - t);
  for (const k of Object.keys(f.appeals)) f.appeals[k][4] = f.appeals[k].slice(0, 4).reduce((a, b) => a + (b || 0), 0);
  if (spoil) spoil(f);
  return f;
}
function render(f, name, format, keep) {
  const jf = join(out, name + '.form.json');
  writeFileSync(jf, JSON.stringify(f));
  const dest = join(out, name + '.' + format);
  try {
    execFileSync(bin, ['render', jf, '--format', format, '-o', dest, ...(keep ? ['--keep-printed'] : [])], { stdio: ['ignore', 'ignore', 'ignore'] });
  } catch (e) { if (e.status !== 1) throw e; }  // exit 1: the draft has findings (placeholders), still written
  return dest;
}

const agency = '江北市东湖区民政局';
const y2023 = form(agency, 2023, { 'applications.new[0]': 5, 'applications.granted[0]': 3 });
const y2024 = form(agency, 2024, { 'applications.new[0]': 4, 'applications.carried_over[0]': 1, 'applications.granted[0]': 5,
  'appeals.review[0]': 1, 'appeals.litigation_direct[1]': 1 });
// Table 3: 行政复议 总计 printed as 3 while its parts add up to 1.
const t3 = form('江北市西湖区财政局', 2024, { 'applications.new[0]': 2, 'applications.granted[0]': 2, 'appeals.review[0]': 1 },
  (f) => { f.appeals.review[4] = 3; });
const files = {
  xyear2023: render(y2023, 'donghu-2023', 'txt', true),
  xyear2024: render(y2024, 'donghu-2024', 'txt', true),
  t3: render(t3, 'xihu-t3', 'txt', true),
  docx: render(y2024, 'donghu-2024', 'docx', true),
  html: render(y2024, 'donghu-2024', 'html', true),
};
// A second version of the seed report (a corrected re-publication): same agency and year, other bytes.
files.seedV2 = join(out, 'seed-v2.txt');
writeFileSync(files.seedV2, readFileSync(seed, 'utf8') + '\n（本报告于次年二月更正后重新发布。）\n');
writeFileSync(join(out, 'fixtures.json'), JSON.stringify(files, null, 1));
console.log(JSON.stringify(files));
