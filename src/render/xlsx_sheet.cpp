#include "render/xlsx_sheet.h"

#include <stdexcept>

#if defined(GK_RENDER_HAVE_LIBZIP) && defined(GONGKAI_HAVE_DOCX)
#include <pugixml.hpp>

#include "read/zip_archive.h"
#define GK_XLSX_READ 1
#endif

namespace gk::render {

#ifdef GK_XLSX_READ

namespace {

constexpr size_t kMaxEntry = 64u << 20;  // a 10,000-row register's sheet is ~3 MiB

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

// Element name without its namespace prefix ("x:c" -> "c").
std::string_view local(const pugi::xml_node& n) {
  std::string_view s = n.name();
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c : n.children())
    if (local(c) == name) return c;
  return {};
}

}  // namespace

// The project's bounded zip reader (read/zip_archive.h); an absent part reads
// as empty (Excel, WPS and LibreOffice each leave out different ones).
struct XlsxBook::Impl {
  std::unique_ptr<ZipArchive> zip;
  std::vector<std::string> shared, names;
  std::map<std::string, std::string> path;  // sheet name -> part

  std::string read(const std::string& name) { return zip->has(name) ? zip->read(name) : std::string(); }
};

XlsxBook::XlsxBook(std::string_view bytes) : impl_(std::make_unique<Impl>()) {
  ReadLimits limits;
  limits.max_entry_bytes = kMaxEntry;
  try {
    impl_->zip = std::make_unique<ZipArchive>(bytes, limits);
  } catch (const ReadError& e) {
    throw std::runtime_error(std::string("不是有效的 XLSX 文件：") + e.what());
  }
  {
    const pugi::xml_document doc = parse(impl_->read("xl/sharedStrings.xml"));
    for (auto si : doc.select_nodes("//*[local-name()='si']")) {
      std::string s;
      for (auto t : si.node().select_nodes(".//*[local-name()='t']")) s += t.node().text().get();
      impl_->shared.push_back(std::move(s));
    }
  }
  // Sheet name -> part path via workbook.xml and its relationships.
  // The documents are named: a temporary in the range-for expression would be
  // destroyed before the loop body reads the nodes (C++20 range-for lifetime).
  std::map<std::string, std::string> rel_target;
  const pugi::xml_document rels = parse(impl_->read("xl/_rels/workbook.xml.rels"));
  for (auto r : rels.select_nodes("//*[local-name()='Relationship']")) {
    std::string target = r.node().attribute("Target").value();
    if (!target.empty() && target[0] == '/') target = target.substr(1);
    else target = "xl/" + target;
    rel_target[r.node().attribute("Id").value()] = target;
  }
  const pugi::xml_document workbook = parse(impl_->read("xl/workbook.xml"));
  for (auto s : workbook.select_nodes("//*[local-name()='sheet']")) {
    std::string name = s.node().attribute("name").value();
    impl_->names.push_back(name);
    impl_->path[name] = rel_target[s.node().attribute("r:id").value()];
  }
  if (impl_->names.empty()) throw std::runtime_error("不是有效的 XLSX 文件（没有工作表）");
}

XlsxBook::~XlsxBook() = default;

const std::vector<std::string>& XlsxBook::sheet_names() const { return impl_->names; }
bool XlsxBook::has(const std::string& name) const { return impl_->path.count(name) > 0; }

Sheet XlsxBook::sheet(const std::string& name) {
  Sheet out;
  auto it = impl_->path.find(name);
  if (it == impl_->path.end()) return out;
  const pugi::xml_document doc = parse(impl_->read(it->second));
  pugi::xml_node data = child_named(doc.document_element(), "sheetData");
  for (pugi::xml_node row : data.children()) {
    for (pugi::xml_node n : row.children()) {
      if (local(n) != "c") continue;
      int r, c;
      if (!cell_ref(n.attribute("r").value(), &r, &c)) continue;
      SheetCell sc;
      std::string_view t = n.attribute("t").value();
      pugi::xml_node v = child_named(n, "v"), f = child_named(n, "f");
      sc.formula = static_cast<bool>(f);
      if (t == "s") {
        size_t idx = static_cast<size_t>(v.text().as_ullong(~0ull));
        if (idx < impl_->shared.size()) sc.text = impl_->shared[idx];
      } else if (t == "inlineStr") {
        for (auto tn : n.select_nodes(".//*[local-name()='t']")) sc.text += tn.node().text().get();
      } else if (t == "str") {
        sc.text = v.text().get();
      } else if (v) {
        sc.text = v.text().get();
        sc.number = t.empty() || t == "n";
      }
      out[{r, c}] = std::move(sc);
    }
  }
  return out;
}

#else

struct XlsxBook::Impl {
  std::vector<std::string> names;
};
XlsxBook::~XlsxBook() = default;
XlsxBook::XlsxBook(std::string_view) {
  throw std::runtime_error("本程序编译时未包含 XLSX 读取支持（需要 libzip 与 pugixml）");
}
const std::vector<std::string>& XlsxBook::sheet_names() const { return impl_->names; }
bool XlsxBook::has(const std::string&) const { return false; }
Sheet XlsxBook::sheet(const std::string&) { return {}; }

#endif

}  // namespace gk::render
