// Generators for the shapes of issue 13. Each starts from a generated record
// (generate_report), builds its national layout (render::build_document) and
// writes it the way the shape does, with the page or converter furniture
// around it; the truth is the record itself.
#include "gen/shapes.h"
#include "util/text.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "gen/generator.h"
#include "gen/rng.h"
#include "render/layout.h"
#include "render/render.h"

namespace gk::gen {

namespace {

using nlohmann::json;
using render::Block;
using render::Grid;
using render::GridCell;
using render::RenderDoc;

json cell_json(const Cell& c) { return c.value ? json(*c.value) : json(nullptr); }

json truth_of(const Report& r) {
  json t;
  t["agency"] = r.agency.empty() ? json(nullptr) : json(r.agency);
  t["year"] = r.year ? json(r.year) : json(nullptr);
  t["publication_date"] = r.publication_date.empty() ? json(nullptr) : json(r.publication_date);
  const Proactive& p = r.proactive;
  auto stock = [&](const StockRow& s) {
    return json{{"issued", cell_json(s.issued)}, {"repealed", cell_json(s.repealed)}, {"in_force", cell_json(s.in_force)}};
  };
  t["t1"] = {{"regulations", stock(p.regulations)},
             {"normative_documents", stock(p.normative_documents)},
             {"licensing", cell_json(p.licensing)},
             {"punishment", cell_json(p.punishment)},
             {"enforcement", cell_json(p.enforcement)},
             {"fees_wan_yuan", cell_json(p.fees_wan_yuan)}};
  json rows = json::object();
  for (int i = 0; i < kT2Rows; ++i) {
    json a = json::array();
    for (const auto& c : r.applications[i]) a.push_back(cell_json(c));
    rows[kT2RowKeys[i]] = a;
  }
  t["t2"] = {{"rows", rows}};
  json t3 = json::object();
  for (int i = 0; i < kT3Rows; ++i) {
    json a = json::array();
    for (const auto& c : r.appeals[i]) a.push_back(cell_json(c));
    t3[kT3RowKeys[i]] = a;
  }
  t["t3"] = t3;
  return t;
}

std::string date_cn(const std::string& iso) {
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

std::string iso(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Abbreviations printed in titles ("市科委" for 科学技术委员会): full unit -> short.
const std::pair<const char*, const char*> kAbbrev[] = {
    {"人力资源和社会保障局", "人社局"},   {"住房和城乡建设局", "住建局"}, {"发展和改革委员会", "发改委"},
    {"卫生健康委员会", "卫健委"},         {"市场监督管理局", "市场监管局"}, {"文化广电和旅游体育局", "文广旅体局"},
    {"自然资源和规划局", "自然资源规划局"}, {"退役军人事务局", "退役军人局"}};

// The title as a shape prints it: the full name, or an abbreviated one when
// the agency's unit has a common abbreviation (the signature keeps the full).
std::string shaped_title(Rng& rng, const Report& r, std::string* printed_agency) {
  std::string agency = r.agency;
  for (const auto& [full, abbr] : kAbbrev) {
    size_t p = agency.find(full);
    if (p != std::string::npos && p + std::string(full).size() == agency.size() && rng.chance(0.6)) {
      agency = agency.substr(0, p) + abbr;
      break;
    }
  }
  *printed_agency = agency;
  return rng.chance(0.5) ? agency + std::to_string(r.year) + "年政府信息公开工作年度报告"
                         : std::to_string(r.year) + " 年" + agency + "政府信息公开工作年度报告";
}

// Body text of a record in a plain-text layout, without its title line.
std::string body_text(const RenderDoc& doc, render::TextLayout layout, bool markdown_headings) {
  RenderDoc d = doc;
  d.blocks.erase(std::remove_if(d.blocks.begin(), d.blocks.end(), [](const Block& b) { return b.kind == Block::Title; }),
                 d.blocks.end());
  return render::write_text(d, layout, markdown_headings);
}

Report base_record(Rng& rng, uint64_t seed, bool need_date) {
  GenOptions opt;
  Report r = generate_report(seed, opt);
  if (need_date || rng.chance(0.7)) {
    // Published in January to March of the next year.
    r.publication_date = iso(r.year + 1, (int)rng.uniform(1, 3), (int)rng.uniform(1, 28));
  }
  return r;
}

// ------------------------------------------------------------------ crawl
ShapedReport crawl(uint64_t seed) {
  Rng rng(seed ^ 0xC7A3);
  Report r = base_record(rng, seed, true);
  std::string printed;
  std::string title = shaped_title(rng, r, &printed);
  // The signature is dated before the page's publication.
  std::string page_date = r.publication_date;
  // Section 二 often states the normative documents in words: the narrative
  // a run-together table's digits can be split by.
  if (rng.chance(0.6)) {
    const StockRow& nd = r.proactive.normative_documents;
    auto n = [](const Cell& c) { return std::to_string((long long)c.value.value_or(0)); };
    r.sections[1].text = "本年度制发的规范性文件" + n(nd.issued) + "件，废止规范性文件" + n(nd.repealed) +
                         "件，现行有效行政规范性文件" + n(nd.in_force) + "件。";
  }
  Report body_rec = r;
  if (rng.chance(0.5)) {
    int d = std::max(1, std::stoi(page_date.substr(8, 2)) - (int)rng.uniform(1, 5));
    body_rec.publication_date = page_date.substr(0, 8) + (d < 10 ? "0" : "") + std::to_string(d);
  }
  RenderDoc doc = render::build_document(body_rec, {});
  std::string out;
  out += "标题: " + title + "\n";
  out += "发布时间: " + page_date + " " + std::to_string(rng.uniform(8, 18)) + ":" +
         std::to_string(rng.uniform(10, 59)) + "\n";
  out += "发布机构: " + std::string(rng.chance(0.5) ? "" : r.agency) + "\n";
  out += "原文链接: http://www.example.gov.cn/zwgk/ndbg/" + std::to_string(seed) + ".html\n";
  out += rng.chance(0.5) ? "==== 正文 ====\n\n" : "\n正文\n\n";
  if (rng.chance(0.6)) out += title + "\n\n";
  render::TextLayout layout = rng.chance(0.5) ? render::TextLayout::RunTogether : render::TextLayout::TabRows;
  out += body_text(doc, layout, false);
  ShapedReport s{out, ".txt", truth_of(r), r};
  s.truth["agency_printed"] = printed;
  s.truth["layout"] = std::string(render::layout_name(layout));
  return s;
}

// ---------------------------------------------------------------- webpage

ShapedReport webpage(uint64_t seed) {
  Rng rng(seed ^ 0x3EB9);
  Report r = base_record(rng, seed, true);
  std::string printed;
  std::string title = shaped_title(rng, r, &printed);
  RenderDoc doc = render::build_document(r, {});
  std::string html = render::write_html(doc);
  // The article: the rendered body without its own title.
  size_t b = html.find("<body>"), e = html.rfind("</body>");
  std::string article = html.substr(b + 6, e - b - 6);
  size_t h1 = article.find("<h1>");
  if (h1 != std::string::npos) article.erase(h1, article.find("</h1>") + 5 - h1);
  size_t city = r.agency.find("市");
  std::string site = (city == std::string::npos ? r.agency : r.agency.substr(0, city + std::string("市").size())) + "人民政府";
  bool info_bar = rng.chance(0.6);
  std::string out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + gk::xml_escape(title) + "_" + gk::xml_escape(site) + "门户网站</title>\n";
  out += "<meta name=\"SiteName\" content=\"" + gk::xml_escape(site) + "\">\n";
  out += "<meta name=\"PubDate\" content=\"" + r.publication_date + " 09:" + std::to_string(rng.uniform(10, 59)) + "\">\n";
  out += "<meta name=\"ContentSource\" content=\"" + gk::xml_escape(r.agency) + "\">\n";
  out += "<script>var _hmt = _hmt || []; function share(){ return '分享到微博'; }</script>\n";
  out += "<style>.nav li{float:left}</style>\n</head>\n<body>\n";
  out += "<div class=\"header\"><div class=\"logo\">" + gk::xml_escape(site) + "门户网站</div>\n";
  out += "<div class=\"tools\">无障碍 | 长者模式 | 登录</div></div>\n";
  out += "<div class=\"nav\"><ul><li>首页</li><li>要闻动态</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>\n";
  out += "<div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>\n";
  out += "<div class=\"article\">\n<h1>" + gk::xml_escape(title) + "</h1>\n";
  if (info_bar)
    out += "<div class=\"info\">来源：" + gk::xml_escape(r.agency) + "　发布时间：" + r.publication_date + " 09:30　浏览次数：" +
           std::to_string(rng.uniform(10, 999)) + "　字号：[大 中 小]</div>\n";
  out += article;
  out += "<div class=\"share\">【打印本页】【关闭窗口】</div>\n</div>\n";
  out += "<div class=\"footer\"><p>主办单位：" + gk::xml_escape(site) + "办公室　版权所有：" + gk::xml_escape(site) + "</p>\n";
  out += "<p>网站标识码：" + std::to_string(3300000000ull + seed % 100000) + "　浙ICP备12345678号</p></div>\n";
  out += "<script>document.write('<p>访问统计</p>');</script>\n</body>\n</html>\n";
  ShapedReport s{out, ".html", truth_of(r), r};
  s.truth["agency_printed"] = printed;
  return s;
}

// ---------------------------------------------------------- converter-md
// Rows of a grid: for each grid row, the most specific label and the value cells.
struct GridRow {
  std::string label;
  std::vector<std::string> values;
};
std::vector<GridRow> grid_rows(const Grid& g) {
  std::vector<GridRow> rows;
  for (int r = 0; r < g.rows; ++r) {
    GridRow row;
    int label_col = -1;
    for (const auto& c : g.cells)
      if (c.row <= r && r < c.row + c.rowspan && c.header && c.path.empty() && c.col > label_col && c.row == r) {
        label_col = c.col;
        row.label = c.text;
      }
    std::vector<const GridCell*> vals;
    for (const auto& c : g.cells)
      if (c.row == r && !c.path.empty()) vals.push_back(&c);
    std::sort(vals.begin(), vals.end(), [](const GridCell* a, const GridCell* b) { return a->col < b->col; });
    for (const auto* v : vals) row.values.push_back(v->text);
    if (!row.values.empty()) rows.push_back(row);
  }
  return rows;
}

std::string one_line(std::string t) {
  std::string o;
  for (char c : t)
    if (c != '\n') o += c;
  return o;
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string s = "|";
  for (const auto& c : cells) s += " " + one_line(c) + " |";
  return s + "\n";
}

std::string generic_header(int n, bool total) {
  std::vector<std::string> h = {"类别"};
  for (int i = 1; i <= n - (total ? 1 : 0); ++i) h.push_back("数据" + std::to_string(i));
  if (total) h.push_back("总计");
  std::string s = md_row(h) + "|";
  for (size_t i = 0; i < h.size(); ++i) s += "---|";
  return s + "\n";
}

ShapedReport converter_md(uint64_t seed) {
  Rng rng(seed ^ 0x9D21);
  Report r = base_record(rng, seed, false);
  RenderDoc doc = render::build_document(r, {});
  std::string out = "正文\n\n";
  // The title wrapped over two lines, as the PDF printed it.
  std::string printed = r.agency;
  std::string title = std::to_string(r.year) + " 年" + r.agency + "政府信息公开工作";
  out += (rng.chance(0.5) ? "# " : "") + title + "\n\n" + "年度报告\n\n";
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Title: break;
      case Block::Heading: out += "## " + b.numeral + b.text + "\n\n"; break;
      case Block::Paragraph: out += b.text + "\n\n"; break;
      case Block::Table: {
        std::vector<GridRow> rows = grid_rows(b.grid);
        if (b.grid.id == "t1") {
          RenderDoc one;
          one.blocks.push_back(b);
          out += render::write_text(one, render::TextLayout::Markdown) + "\n";
        } else if (b.grid.id == "t2") {
          // One small table per row group, each under the converter's generic
          // header; a group's label repeated as a heading; the last rows under
          // another table's header.
          const size_t groups[] = {0, 2, 4, 12, 15, 20, 23, rows.size()};
          for (size_t gi = 0; gi + 1 < std::size(groups); ++gi) {
            size_t from = groups[gi], to = std::min(groups[gi + 1], rows.size());
            if (from >= to) continue;
            if (gi >= 1 && rng.chance(0.5)) out += "### " + one_line(rows[from].label) + "\n\n";
            if (gi + 2 == std::size(groups))
              out += md_row({"项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}) +
                     "|---|---|---|---|---|---|---|---|\n";
            else
              out += generic_header(7, true);
            for (size_t k = from; k < to; ++k) {
              std::vector<std::string> cells = {rows[k].label};
              for (const auto& v : rows[k].values) cells.push_back(v);
              out += md_row(cells);
            }
            out += "\n";
          }
        } else {
          // Table 3 as three tables.
          const char* heads[] = {"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"};
          std::vector<std::string> vals;
          for (const auto& row : rows)
            for (const auto& v : row.values) vals.push_back(v);
          for (int k = 0; k < 3 && vals.size() >= 15; ++k) {
            out += md_row({heads[k], "", "", "", ""}) + "|---|---|---|---|---|\n";
            out += md_row({"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"});
            out += md_row(std::vector<std::string>(vals.begin() + k * 5, vals.begin() + k * 5 + 5)) + "\n";
          }
        }
        break;
      }
    }
  }
  ShapedReport s{out, ".md", truth_of(r), r};
  s.truth["agency_printed"] = printed;
  return s;
}

// -------------------------------------------------------------- pdftotext
ShapedReport pdftotext(uint64_t seed) {
  Rng rng(seed ^ 0x51F0);
  Report r = base_record(rng, seed, false);
  RenderDoc doc = render::build_document(r, {});
  std::string out;
  int page = 1;
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Title: out += b.text + "\n\n"; break;
      case Block::Heading: out += b.numeral + b.text + "\n\n"; break;
      case Block::Paragraph: out += b.text + "\n\n"; break;
      case Block::Table: {
        if (b.grid.id != "t2") {
          RenderDoc one;
          one.blocks.push_back(b);
          out += render::write_text(one, render::TextLayout::SpaceSeparated) + "\n";
          break;
        }
        // A ruled table as pdftotext reads it: per page, the column of row
        // labels first, then the rows of numbers.
        std::vector<GridRow> rows = grid_rows(b.grid);
        out += "申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\n";
        size_t cut = (size_t)rng.uniform(6, 18);
        for (size_t from : {size_t(0), cut}) {
          size_t to = from == 0 ? cut : rows.size();
          for (size_t k = from; k < to; ++k) out += one_line(rows[k].label) + "\n";
          out += "\n";
          for (size_t k = from; k < to; ++k) {
            std::string line;
            for (const auto& v : rows[k].values) line += (line.empty() ? "" : " ") + v;
            out += line + "\n";
          }
          out += "\n- " + std::to_string(++page) + " -\n\n";
        }
        break;
      }
    }
  }
  ShapedReport s{out, ".txt", truth_of(r), r};
  s.truth["agency_printed"] = r.agency;
  return s;
}

// ------------------------------------------------------------ out-of-order
ShapedReport out_of_order(uint64_t seed) {
  Rng rng(seed ^ 0x0E0E);
  Report r = base_record(rng, seed, false);
  RenderDoc doc = render::build_document(r, {});
  // Section 六 printed before 五 (the signature stays at the end).
  std::vector<Block> five, six, rest, tail;
  bool sig = false;
  for (const Block& b : doc.blocks) {
    if (b.section == 5) five.push_back(b);
    else if (b.section == 6) {
      // the signature: the record's agency and date lines after 六's text
      if (b.kind == Block::Paragraph && !r.publication_date.empty() &&
          (b.text == r.agency || b.text == date_cn(r.publication_date)))
        sig = true;
      (sig ? tail : six).push_back(b);
    } else rest.push_back(b);
  }
  std::vector<Block> blocks = rest;
  blocks.insert(blocks.end(), six.begin(), six.end());
  blocks.insert(blocks.end(), five.begin(), five.end());
  blocks.insert(blocks.end(), tail.begin(), tail.end());
  doc.blocks = blocks;
  render::TextLayout layout = rng.chance(0.5) ? render::TextLayout::TabRows : render::TextLayout::CellPerLine;
  std::string out = render::write_text(doc, layout);
  ShapedReport s{out, ".txt", truth_of(r), r};
  s.truth["agency_printed"] = r.agency;
  s.truth["section_order"] = {1, 2, 3, 4, 6, 5};
  s.truth["section5_text"] = r.sections[4].text;
  return s;
}

// ----------------------------------------------------------------- legacy
ShapedReport legacy(uint64_t seed) {
  Rng rng(seed ^ 0x2008);
  Report r = base_record(rng, seed, true);
  r.year = (int)rng.uniform(2008, 2018);
  r.publication_date = iso(r.year + 1, (int)rng.uniform(1, 3), (int)rng.uniform(1, 28));
  r.edition = Edition::Legacy;
  // None of the national tables.
  for (auto& ref : all_cells(r)) *ref.cell = Cell{};
  std::string y = std::to_string(r.year);
  int64_t docs = rng.uniform(20, 2000), norm = rng.uniform(0, docs / 10 + 1);
  int64_t in_person = rng.uniform(0, 30), online = rng.uniform(0, 60), letter = rng.uniform(0, 10);
  int64_t received = in_person + online + letter;
  int64_t partial = rng.uniform(0, received / 4), denied = rng.uniform(0, (received - partial) / 5);
  int64_t granted = received - partial - denied;
  int64_t review = rng.uniform(0, 2), suits = rng.uniform(0, 1);
  struct Stat { const char* name; const char* unit; int64_t v; int64_t cum; };
  auto cum = [&](int64_t v) { return v + rng.uniform(0, 20) * (r.year - 2007); };
  std::vector<Stat> stats = {
      {"主动公开文件数", "条", docs, cum(docs)},           {"其中：主动公开规范性文件数", "条", norm, cum(norm)},
      {"受理依申请公开信息总数", "条", received, cum(received)}, {"其中：1.当面申请数", "条", in_person, cum(in_person)},
      {"2.网上申请数", "条", online, cum(online)},          {"3.信函申请数", "条", letter, cum(letter)},
      {"同意公开答复数", "条", granted, cum(granted)},      {"同意部分公开答复数", "条", partial, cum(partial)},
      {"不予公开答复数", "条", denied, cum(denied)},        {"行政复议数", "件", review, cum(review)},
      {"行政诉讼数", "件", suits, cum(suits)}};
  std::string printed;
  std::string title = r.agency + y + "年政府信息公开工作年度报告";
  std::string out = title + "\n\n";
  out += "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布" + r.agency + y +
         "年政府信息公开工作年度报告。本报告中所列数据的统计期限自" + y + "年1月1日起至" + y + "年12月31日止。\n\n";
  out += "一、概述\n\n" + y + "年，" + r.agency + "认真贯彻落实《条例》，不断完善政府信息公开工作机制。\n\n";
  out += "二、主动公开政府信息情况\n\n" + y + "年共主动公开政府信息" + std::to_string(docs) + "条，其中规范性文件" +
         std::to_string(norm) + "条。\n\n";
  out += "三、政府信息依申请公开工作情况\n\n" + y + "年共受理政府信息公开申请" + std::to_string(received) +
         "条，均在规定期限内答复。\n\n";
  out += "四、政府信息公开的收费及减免情况\n\n" + y + "年未收取任何费用。\n\n";
  out += "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n\n" + y + "年发生政府信息公开行政复议" +
         std::to_string(review) + "件，行政诉讼" + std::to_string(suits) + "件。\n\n";
  out += "六、政府信息公开工作存在的主要问题及改进措施\n\n公开内容不够全面，下一步将进一步规范公开流程。\n\n";
  out += "七、其他需要报告的事项\n\n无。\n\n";
  out += "附件：政府信息公开情况统计表\n\n";
  bool md = rng.chance(0.5);
  auto row = [&](const std::vector<std::string>& cells) {
    if (md) return md_row(cells);
    std::string s;
    for (size_t i = 0; i < cells.size(); ++i) s += (i ? "\t" : "") + cells[i];
    return s + "\n";
  };
  out += "政府信息公开情况统计表\n\n";
  out += row({"指标名称", "计量单位", "本年度", "历年累计"});
  if (md) out += "|---|---|---|---|\n";
  out += row({"一、主动公开情况", "", "", ""});
  json truth_stats = json::array();
  for (size_t i = 0; i < stats.size(); ++i) {
    if (i == 2) out += row({"二、依申请公开情况", "", "", ""});
    out += row({stats[i].name, stats[i].unit, std::to_string(stats[i].v), std::to_string(stats[i].cum)});
    truth_stats.push_back({{"name", stats[i].name}, {"this_year", stats[i].v}, {"cumulative", stats[i].cum}});
  }
  out += "\n" + r.agency + "\n" + date_cn(r.publication_date) + "\n";
  ShapedReport s{out, md ? ".md" : ".txt", truth_of(r), r};
  s.truth["agency_printed"] = r.agency;
  s.truth["legacy_statistics"] = truth_stats;
  s.truth["template"] = "legacy";
  return s;
}

}  // namespace

std::string_view shape_name(Shape s) {
  switch (s) {
    case Shape::Crawl: return "crawl";
    case Shape::Webpage: return "webpage";
    case Shape::ConverterMd: return "converter-md";
    case Shape::Pdftotext: return "pdftotext";
    case Shape::Legacy: return "legacy";
    case Shape::OutOfOrder: return "out-of-order";
  }
  return "";
}

std::optional<Shape> shape_from_name(std::string_view name) {
  for (Shape s : kAllShapes)
    if (shape_name(s) == name) return s;
  return std::nullopt;
}

ShapedReport make_shaped(Shape shape, uint64_t seed) {
  switch (shape) {
    case Shape::Crawl: return crawl(seed);
    case Shape::Webpage: return webpage(seed);
    case Shape::ConverterMd: return converter_md(seed);
    case Shape::Pdftotext: return pdftotext(seed);
    case Shape::Legacy: return legacy(seed);
    case Shape::OutOfOrder: return out_of_order(seed);
  }
  return crawl(seed);
}

}  // namespace gk::gen
