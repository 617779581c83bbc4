#include "store/region_tables.h"

#include <map>

namespace gk::store {

// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> csv_rows(std::string_view b, std::vector<int>* lines) {
  if (b.size() >= 3 && b.compare(0, 3, "\xEF\xBB\xBF") == 0) b.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  int line = 1, row_line = 1;
  for (size_t i = 0; i < b.size(); ++i) {
    char c = b[i];
    if (quoted) {
      if (c == '"' && i + 1 < b.size() && b[i + 1] == '"') field.push_back('"'), ++i;
      else if (c == '"') quoted = false;
      else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') quoted = true, any = true;
    else if (c == ',') row.push_back(std::move(field)), field.clear(), any = true;
    else if (c == '\r') continue;
    else if (c == '\n') {
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
        lines->push_back(row_line);
      }
      row.clear(), field.clear(), any = false;
      row_line = ++line;
    } else field.push_back(c), any = true;
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
    lines->push_back(row_line);
  }
  return rows;
}

bool has_table(Db& db, const char* name) { return db.has_table(name); }

std::vector<UnitRow> load_units(Db& db) {
  std::vector<UnitRow> out;
  if (!has_table(db, "units")) return out;
  std::map<int64_t, size_t> at;
  auto st = db.prepare("SELECT id, uid, name, coalesce(level,''), parent, coalesce(region_code,'') FROM units ORDER BY id");
  while (st.step()) {
    UnitRow u;
    u.id = st.i64(0);
    u.uid = st.str(1);
    u.name = st.str(2);
    u.level = st.str(3);
    u.parent = st.str(4);
    u.region_code = st.str(5);
    at[u.id] = out.size();
    out.push_back(std::move(u));
  }
  auto al = db.prepare("SELECT unit, alias, kind FROM unit_aliases ORDER BY unit, kind, alias");
  while (al.step()) {
    auto it = at.find(al.i64(0));
    if (it == at.end()) continue;
    (al.str(2) == "former" ? out[it->second].former : out[it->second].aliases).push_back(al.str(1));
  }
  return out;
}

UnitImportCounts upsert_units(Db& db, const std::vector<UnitRow>& units) {
  UnitImportCounts n;
  auto find = db.prepare("SELECT id, name, coalesce(level,''), parent, coalesce(region_code,'') FROM units WHERE uid=?");
  auto ins = db.prepare("INSERT INTO units(uid, name, level, parent, region_code) VALUES (?,?,?,?,?) RETURNING id");
  auto upd = db.prepare("UPDATE units SET name=?, level=?, parent=?, region_code=? WHERE id=?");
  auto alias = db.prepare("INSERT INTO unit_aliases(unit, alias, kind) VALUES (?,?,?) ON CONFLICT DO NOTHING");
  auto drop_alias = db.prepare("DELETE FROM unit_aliases WHERE unit=? AND kind='alias'");
  for (const auto& u : units) {
    find.bind(1, u.uid);
    int64_t id = 0;
    if (find.step()) {
      id = find.i64(0);
      std::string old = find.str(1);
      bool same = old == u.name && find.str(2) == u.level && find.str(3) == u.parent && find.str(4) == u.region_code;
      find.reset();
      if (old != u.name) {
        alias.bind(1, id).bind(2, old).bind(3, "former").run();
        ++n.renamed;
      }
      upd.bind(1, u.name).bind(2, u.level).bind(3, u.parent).bind(4, u.region_code).bind(5, id).run();
      drop_alias.bind(1, id).run();
      if (same) ++n.unchanged;
      else ++n.updated;
    } else {
      find.reset();
      ins.bind(1, u.uid).bind(2, u.name).bind(3, u.level).bind(4, u.parent).bind(5, u.region_code);
      if (!ins.step()) throw DbError("数据库错误：新单位没有编号");
      id = ins.i64(0);
      ins.reset();
      ++n.added;
    }
    for (const auto& a : u.aliases)
      if (a != u.name) alias.bind(1, id).bind(2, a).bind(3, "alias").run();
    for (const auto& a : u.former)
      if (a != u.name) alias.bind(1, id).bind(2, a).bind(3, "former").run();
  }
  return n;
}

void put_publications(Db& db, const std::vector<PublicationRow>& rows) {
  auto st = db.prepare("INSERT INTO publications(path, url, published, site, source) VALUES (?,?,?,?,?) "
      "ON CONFLICT(path) DO UPDATE SET url=excluded.url, published=excluded.published, site=excluded.site, "
      "source=excluded.source");
  for (const auto& r : rows) st.bind(1, r.path).bind(2, r.url).bind(3, r.published).bind(4, r.site).bind(5, r.source).run();
}

std::vector<ReportPublication> load_report_publications(Db& db) {
  std::vector<ReportPublication> out;
  if (!has_table(db, "publications")) return out;
  // The earliest date of the report's files; among files of that date, the first path.
  auto st = db.prepare(
      "SELECT f.sha256, p.published, coalesce(p.url,''), coalesce(p.site,'') FROM publications p "
      "JOIN files f ON f.path = p.path WHERE f.sha256 IS NOT NULL AND p.published IS NOT NULL AND p.published <> '' "
      "ORDER BY f.sha256, p.published, p.path");
  while (st.step()) {
    std::string sha = st.str(0);
    if (!out.empty() && out.back().sha256 == sha) continue;
    out.push_back({sha, st.str(1), st.str(2), st.str(3)});
  }
  return out;
}

std::vector<CurrentChoice> load_current_choices(Db& db) {
  std::vector<CurrentChoice> out;
  if (!has_table(db, "unit_current")) return out;
  auto st = db.prepare("SELECT unit, year, sha256 FROM unit_current");
  while (st.step()) out.push_back({st.i64(0), static_cast<int>(st.i64(1)), st.str(2)});
  return out;
}

void set_current_choice(Db& db, const CurrentChoice& c) {
  db.prepare("INSERT INTO unit_current(unit, year, sha256) VALUES (?,?,?) "
             "ON CONFLICT(unit, year) DO UPDATE SET sha256=excluded.sha256")
      .bind(1, c.unit)
      .bind(2, c.year)
      .bind(3, c.sha256)
      .run();
}

}  // namespace gk::store

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "read/reader.h"
#include "util/walk.h"

namespace gk::store {

std::string normalize_date(std::string_view s) {
  std::string t(s);
  // Fold the separators 年 月 / . to '-' and drop 日.
  std::string out;
  for (size_t i = 0; i < t.size();) {
    if (t.compare(i, 3, "年") == 0 || t.compare(i, 3, "月") == 0) out.push_back('-'), i += 3;
    else if (t.compare(i, 3, "日") == 0) i += 3;
    else if (t[i] == '/' || t[i] == '.') out.push_back('-'), ++i;
    else if (t[i] == ' ') ++i;
    else out.push_back(t[i++]);
  }
  int y, m, d;
  char tail;
  if (std::sscanf(out.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) != 3) return {};
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::vector<PublicationRow> read_publications(const std::string& side_file) {
  std::string bytes;
  try {
    bytes = slurp_file(side_file, 64u << 20);
  } catch (const std::exception& e) {
    throw std::runtime_error("发布信息文件“" + side_file + "”：" + e.what());
  }
  auto fail = [&](int line, const std::string& what) {
    return std::runtime_error("发布信息文件“" + side_file + "”" + (line ? "第 " + std::to_string(line) + " 行" : "") +
                              "：" + what);
  };
  std::vector<int> lines;
  auto rows = csv_rows(bytes, &lines);
  if (rows.empty()) throw fail(0, "文件为空");
  int cp = -1, cu = -1, cd = -1, cs = -1;
  for (size_t i = 0; i < rows[0].size(); ++i) {
    std::string h = rows[0][i];
    while (!h.empty() && (h.back() == ' ' || h.back() == '\r')) h.pop_back();
    int c = static_cast<int>(i);
    if (h == "路径" || h == "path" || h == "文件") cp = c;
    else if (h == "网址" || h == "url" || h == "URL") cu = c;
    else if (h == "发布日期" || h == "published" || h == "date") cd = c;
    else if (h == "来源网站" || h == "site" || h == "网站") cs = c;
    else if (!h.empty()) throw fail(lines[0], "不认识的列名“" + h + "”（可用：路径、网址、发布日期、来源网站）");
  }
  if (cp < 0) throw fail(lines[0], "缺少“路径”列");
  if (cd < 0) throw fail(lines[0], "缺少“发布日期”列");
  std::filesystem::path base = std::filesystem::path(stored_path(side_file)).parent_path();
  std::vector<PublicationRow> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    auto get = [&](int c) { return c >= 0 && static_cast<size_t>(c) < rows[r].size() ? rows[r][c] : std::string(); };
    std::string path = get(cp);
    if (path.empty() && get(cd).empty()) continue;
    if (path.empty()) throw fail(lines[r], "路径为空");
    PublicationRow p;
    std::filesystem::path fp(path);
    p.path = stored_path(fp.is_absolute() ? fp.string() : (base / fp).string());
    p.url = get(cu);
    p.site = get(cs);
    p.source = side_file;
    std::string d = get(cd);
    if (!d.empty()) {
      p.published = normalize_date(d);
      if (p.published.empty()) throw fail(lines[r], "发布日期“" + d + "”不是日期（应写成 2025-01-20 或 2025年1月20日）");
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace gk::store
