#include "region/units.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <initializer_list>
#include <set>

#include "read/reader.h"
#include "read/zip_archive.h"
#include "util/sha256.h"
#include "util/text.h"

namespace gk::region {

namespace {

// Split at any of the separators, trimming the pieces and dropping empty ones.
std::vector<std::string> split_any(std::string_view s, std::initializer_list<std::string_view> seps) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = trim(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < s.size();) {
    size_t hit = 0;
    for (auto sep : seps)
      if (s.compare(i, sep.size(), sep) == 0) hit = sep.size();
    if (hit) flush(), i += hit;
    else cur.push_back(s[i++]);
  }
  flush();
  return out;
}

std::vector<std::string> split_list(const std::string& s) { return split_any(s, {";", "|", "；", "、", "｜"}); }

enum Col { C_ID, C_NAME, C_ALIASES, C_FORMER, C_LEVEL, C_PARENT, C_CODE, C_N };

int column_of(const std::string& h) {
  static const std::pair<const char*, int> names[] = {
      {"单位编号", C_ID}, {"编号", C_ID}, {"id", C_ID}, {"uid", C_ID},
      {"名称", C_NAME}, {"单位名称", C_NAME}, {"name", C_NAME},
      {"别名", C_ALIASES}, {"aliases", C_ALIASES}, {"alias", C_ALIASES},
      {"曾用名", C_FORMER}, {"former", C_FORMER}, {"former_names", C_FORMER},
      {"层级", C_LEVEL}, {"level", C_LEVEL},
      {"上级地区", C_PARENT}, {"所属地区", C_PARENT}, {"parent", C_PARENT}, {"region", C_PARENT},
      {"行政区划代码", C_CODE}, {"区划代码", C_CODE}, {"region_code", C_CODE}, {"code", C_CODE}};
  std::string k = trim(h);
  if (k.size() >= 3 && k.compare(0, 3, "\xEF\xBB\xBF") == 0) k.erase(0, 3);  // BOM
  std::transform(k.begin(), k.end(), k.begin(), ascii_lower);
  for (const auto& [n, c] : names)
    if (k == n) return c;
  return -1;
}

bool known_level(const std::string& l) {
  for (const char* k : {kLevelProvinceGov, kLevelProvinceDept, kLevelCityGov, kLevelCityDept, kLevelCountyGov,
                        kLevelCountyDept, kLevelTownship, kLevelCentralDept, kLevelDept, kLevelUnknown})
    if (l == k) return true;
  return false;
}

std::vector<Unit> units_from_rows(const std::vector<std::vector<std::string>>& rows, const std::vector<int>& lines,
                                  const std::string& file) {
  auto fail = [&](int line, const std::string& what) -> UnitListError {
    return UnitListError("单位名单“" + file + "”" + (line ? "第 " + std::to_string(line) + " 行" : "") + "：" + what);
  };
  if (rows.empty()) throw fail(0, "文件为空，没有表头和单位");
  int col[C_N];
  std::fill(col, col + C_N, -1);
  for (size_t i = 0; i < rows[0].size(); ++i) {
    int c = column_of(rows[0][i]);
    if (c < 0) {
      if (trim(rows[0][i]).empty()) continue;
      throw fail(lines[0], "不认识的列名“" + trim(rows[0][i]) +
                               "”（可用：单位编号、名称、别名、曾用名、层级、上级地区、行政区划代码）");
    }
    if (col[c] >= 0) throw fail(lines[0], "列“" + trim(rows[0][i]) + "”重复");
    col[c] = static_cast<int>(i);
  }
  if (col[C_NAME] < 0) throw fail(lines[0], "缺少“名称”列");
  std::vector<Unit> out;
  std::set<std::string> uids;
  for (size_t r = 1; r < rows.size(); ++r) {
    auto get = [&](int c) { return col[c] >= 0 && static_cast<size_t>(col[c]) < rows[r].size() ? trim(rows[r][col[c]]) : std::string(); };
    bool blank = true;
    for (const auto& f : rows[r]) blank = blank && trim(f).empty();
    if (blank) continue;
    Unit u;
    u.name = get(C_NAME);
    if (u.name.empty()) throw fail(lines[r], "名称为空");
    AgencyInfo a = analyze_agency(u.name);
    if (a.parts.empty()) throw fail(lines[r], "无法识别单位名称“" + u.name + "”");
    u.aliases = split_list(get(C_ALIASES));
    u.former = split_list(get(C_FORMER));
    u.level = get(C_LEVEL);
    if (u.level.empty()) u.level = a.level;
    else if (!known_level(u.level))
      throw fail(lines[r], "层级“" + u.level + "”不在可用层级中（如 县级部门、乡镇/街道、县级政府）");
    std::string parent;
    for (const auto& p : split_path(get(C_PARENT))) parent += (parent.empty() ? "" : "/") + p;
    u.parent = parent;
    u.region_code = get(C_CODE);
    if (!u.region_code.empty() &&
        !std::all_of(u.region_code.begin(), u.region_code.end(), [](unsigned char c) { return std::isdigit(c); }))
      throw fail(lines[r], "行政区划代码“" + u.region_code + "”应为数字");
    u.uid = get(C_ID);
    if (u.uid.empty())
      u.uid = !u.region_code.empty() ? u.region_code
                                      : "U" + sha256_hex(u.parent + "/" + a.normalized).substr(0, 12);
    if (!uids.insert(u.uid).second) throw fail(lines[r], "单位编号“" + u.uid + "”重复");
    out.push_back(std::move(u));
  }
  if (out.empty()) throw fail(0, "没有任何单位（只有表头）");
  return out;
}

// Text of every <t>…</t> inside [b, e) of an XML string, entities decoded.
std::string xml_text(std::string_view x) {
  std::string out;
  size_t i = 0;
  while ((i = x.find("<t", i)) != std::string_view::npos) {
    if (i + 2 < x.size() && x[i + 2] != '>' && x[i + 2] != ' ') {
      i += 2;
      continue;
    }
    size_t gt = x.find('>', i);
    if (gt == std::string_view::npos) break;
    if (x[gt - 1] == '/') {
      i = gt;
      continue;
    }
    size_t end = x.find("</t>", gt);
    if (end == std::string_view::npos) break;
    out += x.substr(gt + 1, end - gt - 1);
    i = end + 4;
  }
  std::string d;
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k] != '&') {
      d.push_back(out[k]);
      continue;
    }
    static const std::pair<const char*, char> ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (const auto& [e, c] : ents)
      if (out.compare(k, std::strlen(e), e) == 0) {
        d.push_back(c);
        k += std::strlen(e) - 1;
        done = true;
        break;
      }
    if (!done) d.push_back('&');
  }
  return d;
}

std::string attr(std::string_view tag, const char* name) {
  std::string key = std::string(" ") + name + "=\"";
  size_t i = tag.find(key);
  if (i == std::string_view::npos) return {};
  i += key.size();
  size_t e = tag.find('"', i);
  return e == std::string_view::npos ? std::string() : std::string(tag.substr(i, e - i));
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) { return split_any(path, {"/", ">", "／", "＞"}); }

std::vector<Unit> parse_unit_csv(std::string_view bytes, const std::string& name) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.remove_prefix(3);
  std::vector<int> lines;
  auto rows = store::csv_rows(bytes, &lines);
  for (const auto& row : rows)
    for (const auto& f : row)
      for (unsigned char c : f)
        if (c == 0) throw UnitListError("单位名单“" + name + "”：不是文本文件（含 NUL 字节）");
  return units_from_rows(rows, lines, name);
}

std::vector<std::vector<std::string>> xlsx_rows(std::string_view bytes, const std::string& name) {
  std::vector<std::vector<std::string>> rows;
  try {
    ZipArchive zip(bytes, ReadLimits{});
    std::vector<std::string> shared;
    if (zip.has("xl/sharedStrings.xml")) {
      std::string s = zip.read("xl/sharedStrings.xml");
      size_t i = 0;
      while ((i = s.find("<si", i)) != std::string::npos) {
        size_t e = s.find("</si>", i);
        if (e == std::string::npos) break;
        shared.push_back(xml_text(std::string_view(s).substr(i, e - i)));
        i = e + 5;
      }
    }
    const std::string sheet = "xl/worksheets/sheet1.xml";
    if (!zip.has(sheet)) throw UnitListError("单位名单“" + name + "”：XLSX 文件中没有第一张工作表");
    std::string x = zip.read(sheet);
    size_t i = 0;
    while ((i = x.find("<row", i)) != std::string::npos) {
      size_t e = x.find("</row>", i);
      size_t self = x.find("/>", i), gt = x.find('>', i);
      if (gt != std::string::npos && self != std::string::npos && self + 1 == gt) {  // <row …/>
        i = gt;
        continue;
      }
      if (e == std::string::npos) break;
      std::string_view row = std::string_view(x).substr(i, e - i);
      std::vector<std::string> cells;
      size_t c = 0;
      while ((c = row.find("<c", c)) != std::string_view::npos) {
        size_t tag_end = row.find('>', c);
        if (tag_end == std::string_view::npos) break;
        std::string_view tag = row.substr(c, tag_end - c + 1);
        std::string ref = attr(tag, "r"), type = attr(tag, "t");
        size_t col = 0;
        for (char ch : ref)
          if (ch >= 'A' && ch <= 'Z') col = col * 26 + static_cast<size_t>(ch - 'A' + 1);
        col = col ? col - 1 : cells.size();
        std::string value;
        if (tag[tag.size() - 2] != '/') {
          size_t ce = row.find("</c>", tag_end);
          std::string_view body = row.substr(tag_end + 1, (ce == std::string_view::npos ? row.size() : ce) - tag_end - 1);
          if (type == "inlineStr") value = xml_text(body);
          else {
            size_t v = body.find("<v>"), ve = body.find("</v>");
            if (v != std::string_view::npos && ve != std::string_view::npos) value = std::string(body.substr(v + 3, ve - v - 3));
            if (type == "s") {
              size_t k = static_cast<size_t>(std::atol(value.c_str()));
              value = k < shared.size() ? shared[k] : std::string();
            }
          }
          c = ce == std::string_view::npos ? row.size() : ce;
        } else {
          c = tag_end;
        }
        if (cells.size() <= col) cells.resize(col + 1);
        cells[col] = value;
      }
      rows.push_back(std::move(cells));
      i = e + 6;
    }
  } catch (const ReadError& e) {
    throw UnitListError("单位名单“" + name + "”：无法读取 XLSX 文件（" + std::string(e.what()) + "）");
  }
  return rows;
}

std::vector<Unit> parse_unit_xlsx(std::string_view bytes, const std::string& name) {
  auto rows = xlsx_rows(bytes, name);
  std::vector<int> lines(rows.size());
  for (size_t i = 0; i < lines.size(); ++i) lines[i] = static_cast<int>(i + 1);
  return units_from_rows(rows, lines, name);
}

std::vector<Unit> read_unit_list(const std::string& path) {
  std::string bytes;
  try {
    bytes = slurp_file(path, 64u << 20);
  } catch (const std::exception& e) {
    throw UnitListError("单位名单“" + path + "”：" + e.what());
  }
  if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == 'K') return parse_unit_xlsx(bytes, path);
  return parse_unit_csv(bytes, path);
}

Matcher::Matcher(const std::vector<Unit>& units) {
  for (size_t i = 0; i < units.size(); ++i) {
    auto add = [&](const std::string& n) {
      AgencyInfo a = analyze_agency(n);
      if (a.parts.empty()) return;
      by_unit_part_[a.unit].push_back({static_cast<int>(i), std::move(a)});
    };
    add(units[i].name);
    for (const auto& a : units[i].aliases) add(a);
    for (const auto& a : units[i].former) add(a);
  }
}

Match Matcher::match(const AgencyInfo& agency) const {
  Match m;
  if (agency.parts.empty()) return m;
  auto it = by_unit_part_.find(agency.unit);
  if (it == by_unit_part_.end()) return m;
  // The best fit wins; a full-name fit (every component of the shorter name)
  // is what agency_match measures, so a tie between two units means the
  // report's name does not say which one it is.
  for (const auto& n : it->second) {
    int s = agency_match(agency, n.info);
    if (s <= 0) continue;
    if (s > m.strength) {
      m.strength = s;
      m.candidates.assign(1, n.unit);
    } else if (s == m.strength &&
               std::find(m.candidates.begin(), m.candidates.end(), n.unit) == m.candidates.end()) {
      m.candidates.push_back(n.unit);
    }
  }
  std::sort(m.candidates.begin(), m.candidates.end());
  if (m.candidates.size() == 1) m.unit = m.candidates[0];
  return m;
}

}  // namespace gk::region
