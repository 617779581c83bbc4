// Read a filled-in XLSX form (as written by write_xlsx_form, possibly saved
// again by Excel/WPS/LibreOffice) back into a record.
#include <map>
#include <stdexcept>
#include <string>

#include "render/form.h"
#include "render/render.h"

#if defined(GK_RENDER_HAVE_LIBZIP) && defined(GONGKAI_HAVE_DOCX)
#include <memory>

#include <pugixml.hpp>

#include "read/zip_archive.h"
#include "util/text.h"
#define GK_FORM_XLSX 1
#endif

namespace gk::render {

#ifdef GK_FORM_XLSX

namespace {

constexpr size_t kMaxEntry = 32u << 20;

// The project's bounded zip reader (read/zip_archive.h); an absent part reads
// as empty (Excel, WPS and LibreOffice each leave out different ones).
class Zip {
 public:
  explicit Zip(std::string_view bytes) : za_(open(bytes)) {}
  std::string read(const std::string& name) { return za_->has(name) ? za_->read(name) : std::string(); }

 private:
  static std::unique_ptr<ZipArchive> open(std::string_view bytes) {
    ReadLimits limits;
    limits.max_entry_bytes = kMaxEntry;
    try {
      return std::make_unique<ZipArchive>(bytes, limits);
    } catch (const ReadError& e) {
      throw std::runtime_error(std::string("不是有效的 XLSX 文件：") + e.what());
    }
  }
  std::unique_ptr<ZipArchive> za_;
};

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document d;
  d.load_buffer(xml.data(), xml.size());
  return d;
}

// "B12" -> (11, 1). References beyond a sheet's limits (XFD1048576) are not
// cells; refusing them early also keeps the arithmetic from overflowing.
bool cell_ref(const char* r, int* row, int* col) {
  int c = 0, n = 0;
  const char* p = r;
  while (*p >= 'A' && *p <= 'Z') {
    c = c * 26 + (*p++ - 'A' + 1);
    if (c > 16384) return false;
  }
  while (*p >= '0' && *p <= '9') {
    n = n * 10 + (*p++ - '0');
    if (n > 1048576) return false;
  }
  if (!c || !n || *p) return false;
  *row = n - 1;
  *col = c - 1;
  return true;
}

struct SheetCell {
  std::string text;
  bool number = false, formula = false;
};
using Sheet = std::map<std::pair<int, int>, SheetCell>;

Sheet read_sheet(Zip& z, const std::string& path, const std::vector<std::string>& shared) {
  Sheet out;
  auto doc = parse(z.read(path));
  for (auto c : doc.select_nodes("//*[local-name()='c']")) {
    pugi::xml_node n = c.node();
    int row, col;
    if (!cell_ref(n.attribute("r").value(), &row, &col)) continue;
    SheetCell sc;
    std::string t = n.attribute("t").value();
    pugi::xml_node v = n.child("v"), f = n.child("f");
    sc.formula = static_cast<bool>(f);
    if (t == "s") {
      size_t idx = static_cast<size_t>(v.text().as_ullong(~0ull));
      if (idx < shared.size()) sc.text = shared[idx];
    } else if (t == "inlineStr") {
      for (auto tn : n.select_nodes(".//*[local-name()='t']")) sc.text += tn.node().text().get();
    } else if (t == "str") {
      sc.text = v.text().get();
    } else if (v) {
      sc.text = v.text().get();
      sc.number = t.empty() || t == "n";
    }
    out[{row, col}] = sc;
  }
  return out;
}


}  // namespace

Report read_xlsx_form(std::string_view bytes) {
  Zip z(bytes);
  std::vector<std::string> shared;
  {
    auto doc = parse(z.read("xl/sharedStrings.xml"));
    for (auto si : doc.select_nodes("//*[local-name()='si']")) {
      std::string s;
      for (auto t : si.node().select_nodes(".//*[local-name()='t']")) s += t.node().text().get();
      shared.push_back(s);
    }
  }
  // Sheet name -> part path via workbook.xml and its relationships.
  // The documents are named: a temporary in the range-for expression would be
  // destroyed before the loop body reads the nodes (C++20 range-for lifetime).
  std::map<std::string, std::string> rel_target, sheet_path;
  const pugi::xml_document rels = parse(z.read("xl/_rels/workbook.xml.rels"));
  for (auto r : rels.select_nodes("//*[local-name()='Relationship']")) {
    std::string target = r.node().attribute("Target").value();
    if (!target.empty() && target[0] == '/') target = target.substr(1);
    else target = "xl/" + target;
    rel_target[r.node().attribute("Id").value()] = target;
  }
  const pugi::xml_document workbook = parse(z.read("xl/workbook.xml"));
  for (auto s : workbook.select_nodes("//*[local-name()='sheet']")) {
    std::string id = s.node().attribute("r:id").value();
    sheet_path[s.node().attribute("name").value()] = rel_target[id];
  }
  if (!sheet_path.count("填报表"))
    throw std::runtime_error("不是 gongkai 填报表：找不到工作表“填报表”（可用 gongkai template --format xlsx 生成）");
  Sheet form = read_sheet(z, sheet_path["填报表"], shared);

  Report r;
  auto at = [&](int row, int col) -> const SheetCell* {
    auto it = form.find({row, col});
    return it == form.end() ? nullptr : &it->second;
  };
  if (const SheetCell* a = at(kFormAgencyRow, kFormValueCol)) r.agency = trim(a->text);
  if (const SheetCell* y = at(kFormYearRow, kFormValueCol); y && !trim(y->text).empty()) {
    try {
      r.year = std::stoi(trim(y->text));
    } catch (...) {
      throw std::runtime_error("“报告年度”不是数字：" + y->text);
    }
  }
  for (const auto& pos : xlsx_form_positions()) {
    Cell* cell = find_cell(r, pos.path);
    const SheetCell* sc = at(pos.row, pos.col);
    if (!cell || !sc || sc->formula) continue;  // totals: recomputed on render
    std::string t = trim(sc->text);
    if (t.empty()) continue;
    try {
      size_t used = 0;
      double v = std::stod(t, &used);
      if (used != t.size()) throw std::invalid_argument(t);
      cell->value = v;
      cell->status = CellStatus::Printed;
    } catch (...) {
      throw std::runtime_error("单元格 " + pos.path + " 不是数字：" + t);
    }
  }
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  if (sheet_path.count("文字部分")) {
    Sheet texts = read_sheet(z, sheet_path["文字部分"], shared);
    for (int s = 1; s <= 6; ++s) {
      auto it = texts.find({s, 1});
      if (it != texts.end()) r.sections[s - 1].text = it->second.text;
    }
  }
  return r;
}

#else

Report read_xlsx_form(std::string_view) {
  throw std::runtime_error("本程序编译时未包含 XLSX 读取支持（需要 libzip 与 pugixml）");
}

#endif

}  // namespace gk::render
