// Assemble the national layout: title, optional statistics-period sentence,
// the six sections in order with their standard headings, narrative and tables.
#include <sstream>
#include <string>

#include "render/layout.h"

namespace gk::render {

namespace {

void add_paragraphs(RenderDoc& doc, int section, const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Block b;
    b.kind = Block::Paragraph;
    b.section = section;
    b.text = line;
    doc.blocks.push_back(std::move(b));
  }
}

}  // namespace

RenderDoc build_document(const Report& r, const RenderOptions& opt) {
  RenderDoc doc;
  Block title;
  title.kind = Block::Title;
  title.text = default_title(r);
  doc.blocks.push_back(title);
  if (opt.preamble && r.year) {
    std::string y = std::to_string(r.year);
    add_paragraphs(doc, 0,
                   "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限自" + y +
                       "年1月1日起至" + y + "年12月31日止。");
  }
  for (int s = 1; s <= 6; ++s) {
    Block h;
    h.kind = Block::Heading;
    h.section = s;
    h.numeral = std::string(chinese_numeral(s));
    h.text = std::string(standard_heading(s));
    doc.blocks.push_back(h);
    const std::string& given = r.sections[s - 1].text;
    add_paragraphs(doc, s, given.empty() ? placeholder_text(r, s) : given);
    if (s >= 2 && s <= 4) {
      Block t;
      t.kind = Block::Table;
      t.section = s;
      t.grid = s == 2 ? table1_grid(r) : s == 3 ? table2_grid(r) : table3_grid(r);
      doc.blocks.push_back(std::move(t));
    }
  }
  if (!r.publication_date.empty()) {
    // Signature (落款): agency and date, as many real reports end.
    std::string date = r.publication_date;
    bool iso = date.size() == 10 && date[4] == '-' && date[7] == '-';
    for (size_t i = 0; iso && i < date.size(); ++i)
      if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9')) iso = false;
    if (iso)
      date = date.substr(0, 4) + "年" + std::to_string(std::stoi(date.substr(5, 2))) + "月" +
             std::to_string(std::stoi(date.substr(8, 2))) + "日";
    if (!r.agency.empty()) add_paragraphs(doc, 6, r.agency);
    add_paragraphs(doc, 6, date);
  } else if (opt.signature) {
    // A form's signature date is a field: unfilled, it stays visibly unfilled.
    add_paragraphs(doc, 6, r.agency.empty() ? placeholder("机关名称") : r.agency);
    add_paragraphs(doc, 6, placeholder("落款日期"));
  }
  return doc;
}

}  // namespace gk::render
