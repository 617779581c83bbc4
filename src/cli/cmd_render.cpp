// gongkai render / template / generate: produce reports in the national layout
// from a record or a filled-in form, blank forms, and random test reports.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"
#include "gen/garble.h"
#include "gen/generator.h"
#include "gen/shapes.h"
#include "model/json.h"
#include "store/schema.h"
#include "register/store.h"
#include "register/table2.h"
#include "register/workbook.h"
#include "render/draft.h"
#include "render/form.h"
#include "render/layout.h"
#include "render/render.h"

namespace gk::cli {

namespace {

namespace fs = std::filesystem;

int bad_call(const char* cmd, const std::string& msg) {
  std::fprintf(stderr, "gongkai %s：%s\n（用 gongkai %s --help 查看用法）\n", cmd, msg.c_str(), cmd);
  return 2;
}

bool write_file(const std::string& path, const std::string& data, std::string* err) {
  if (path == "-") {  // -o -: standard output
    if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size() || std::fflush(stdout) != 0) {
      *err = "写入标准输出失败";
      return false;
    }
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    *err = "无法写入文件：" + path;
    return false;
  }
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) {
    *err = "写入文件失败：" + path;
    return false;
  }
  return true;
}

bool read_input(const std::string& path, std::string* data, std::string* err) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *data = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *err = "无法读取文件：" + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *data = ss.str();
  return true;
}

const char* kRenderHelp =
    "用法：gongkai render 输入文件 --format txt|md|html|docx [--layout tab|cell|md|run|space]\n"
    "                     [-o 输出文件] [--keep-printed] [--no-preamble]\n"
    "                     [--register 语料库.db [--unit 单位] [--year 年度]]\n\n"
    "由记录（gongkai parse 输出的 JSON）或填写好的填报表（JSON 或 XLSX，见 gongkai template）生成标准格式"
    "（国办公开办函〔2021〕30号）的年度报告。\n"
    "  --format        输出格式：txt 纯文本、md Markdown、html 网页、docx Word 文档（默认 txt）\n"
    "  --layout        纯文本表格排版：tab 每行一行、以制表符分隔（默认）；cell 每格一行；\n"
    "                  md 竖线表格；run 标签与数字连写；space 以空格分隔\n"
    "  -o 输出文件     写入文件（默认或“-”：标准输出；docx 必须指定，可用 -o -）\n"
    "  --keep-printed  照录记录中的数字，不计算、不核对合计\n"
    "  --no-preamble   不写统计期限说明段\n"
    "  --register 库   表二由数据库中的依申请公开台账逐格计算（单位默认为填报表的机关名称，年度默认为报告年度）\n\n"
    "合计（总计列、（七）总计行、四、结转下年度继续办理、表三总计）由各项计算；"
    "若记录给出的合计与各项之和不符，拒绝生成并指出规则编号（退出码 1）。\n"
    "报告不代为填写任何事实：未填写的部分显示为【待填写：…】（第六部分的信息处理费、落款日期都是填报表中的栏目）。\n"
    "生成的草稿随即按 gongkai check 检查，诊断与待填写之处输出到标准错误。\n"
    "输入文件为“-”时读取标准输入。退出码：0 成功且检查无问题；1 合计矛盾，或草稿有错误、警告、待填写之处"
    "（草稿仍会写出）；2 参数有误或文件无法读取。\n";

const char* kTemplateHelp =
    "用法：gongkai template --format json|xlsx [-o 输出文件]\n"
    "      gongkai template --register --format xlsx|csv -o 输出文件\n\n"
    "输出空白填报表：json 为记录格式（各项为 0，合计为 null，由 gongkai render 计算）；\n"
    "xlsx 为 Excel 表格，含三张标准表格、标准标签、合并单元格和合计公式（xlsx 必须指定 -o，“-o -”为标准输出）。\n"
    "--register：输出空白的依申请公开台账（每件申请一行，含下拉选项与日期校验；见 gongkai register --help）。\n";

const char* kGenerateHelp =
    "用法：gongkai generate --count N --seed S -o 目录 [--layout tab|cell|md|run|space|mixed]\n"
    "                       [--format txt|md|html|docx] [--garble K] [--ops 操作,…]\n"
    "                       [--template 2021|2019]\n"
    "       gongkai generate --shape 形态 --count N --seed S -o 目录\n\n"
    "生成 N 份随机年度报告（同一种子结果相同），每份写出：\n"
    "  名称.txt（或 .md/.html/.docx）  报告正文\n"
    "  名称.truth.json                 正确记录（JSON）\n"
    "  名称.garble.json                加噪操作记录（仅当 --garble > 0）\n"
    "  --layout mixed  每份报告随机选择一种纯文本排版\n"
    "  --template 2019 按 2019 年版格式（国办公开办函〔2019〕60号）生成 2019–2020 年度报告\n"
    "  --shape 形态    按报告实际流传的形态生成：crawl（爬虫抓取稿，带标题/发布时间表头）、\n"
    "                  webpage（网站页面，带导航、页脚和发布时间）、converter-md（PDF 转 Markdown）、\n"
    "                  pdftotext（PDF 转文本，行标签与数字分离）、legacy（2019 年以前的旧版报告）、\n"
    "                  out-of-order（第五、六部分顺序颠倒）\n"
    "  --garble K      对每份纯文本报告施加 K 项噪声（漏格、空格、错别字、页码行等）\n"
    "  --ops           只用这些噪声操作（逗号分隔）：drop_cell, blank_zero, blank_value,\n"
    "                  label_spaces, label_typo, half_width_punct, full_width_digits,\n"
    "                  page_number_line, blank_line_run, arabic_numerals, no_numerals, wrap_label；\n"
    "                  错位故障只在此点名时施加：shift_row（表二一行右移一列）、drop_column（表二缺一列）\n";

bool parse_int(const std::string& s, long long* out) {
  try {
    size_t pos = 0;
    long long v = std::stoll(s, &pos);
    if (pos != s.size()) return false;
    *out = v;
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

int cmd_render(const Args& args) {
  std::string input, output, format = "txt", layout = "tab", register_db, unit;
  int year = 0;
  render::RenderOptions opt;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* dst) {
      if (i + 1 >= args.size()) return false;
      *dst = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kRenderHelp, stdout);
      return 0;
    } else if (a == "--format") {
      if (!value(&format)) return bad_call("render", "--format 需要一个值");
    } else if (a == "--layout") {
      if (!value(&layout)) return bad_call("render", "--layout 需要一个值");
    } else if (a == "-o" || a == "--output") {
      if (!value(&output)) return bad_call("render", "-o 需要一个文件名");
    } else if (a == "--keep-printed") {
      opt.keep_printed = true;
    } else if (a == "--no-preamble") {
      opt.preamble = false;
    } else if (a == "--register") {
      if (!value(&register_db)) return bad_call("render", "--register 需要数据库文件");
    } else if (a == "--unit") {
      if (!value(&unit)) return bad_call("render", "--unit 需要一个值");
    } else if (a == "--year") {
      std::string y;
      long long v = 0;
      if (!value(&y) || !parse_int(y, &v) || v < 1990 || v > 2200) return bad_call("render", "--year 应为年份，如 2024");
      year = static_cast<int>(v);
    } else if (a.size() > 1 && a[0] == '-') {
      return bad_call("render", "未知的参数“" + a + "”");
    } else if (input.empty()) {
      input = a;
    } else {
      return bad_call("render", "只能指定一个输入文件（多余的参数“" + a + "”）");
    }
  }
  if (input.empty()) return bad_call("render", "缺少输入文件");
  auto f = render::format_from_name(format);
  if (!f) return bad_call("render", "不支持的输出格式“" + format + "”（可用：txt、md、html、docx）");
  auto l = render::layout_from_name(layout);
  if (!l) return bad_call("render", "不支持的排版“" + layout + "”（可用：tab、cell、md、run、space）");
  opt.format = *f;
  opt.layout = *l;
  if (*f == render::OutputFormat::Docx && output.empty())
    return bad_call("render", "docx 输出必须用 -o 指定文件（-o - 为标准输出）");

  std::string data, err;
  if (!read_input(input, &data, &err)) {
    std::fprintf(stderr, "gongkai render：%s\n", err.c_str());
    return 2;
  }
  Report r;
  bool xlsx = data.size() > 4 && data.compare(0, 4, "PK\x03\x04") == 0;
  try {
    if (xlsx) {
      r = render::read_xlsx_form(data);
      opt.signature = true;
    } else {
      nlohmann::json j = nlohmann::json::parse(data);
      r = render::read_json_form(j);
      opt.signature = render::is_json_form(j);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai render：%s：不是有效的%s：%s\n", input.c_str(),
                 xlsx ? "XLSX 填报表" : "记录或填报表（JSON）", e.what());
    return 2;
  }
  if (!register_db.empty()) {  // table 2 from the case register (src/register)
    if (unit.empty()) unit = r.agency;
    if (!year) year = r.year;
    if (unit.empty() || !year)
      return bad_call("render", "--register 需要单位与年度：填报表中没有时用 --unit、--year 指定");
    try {
      store::Db db = store::open_corpus(register_db, false);
      auto reg = reg::load_register(db, unit, year);
      if (!reg) {
        std::fprintf(stderr, "gongkai render：数据库“%s”中没有“%s” %d 年的台账\n", register_db.c_str(), unit.c_str(), year);
        return 2;
      }
      auto prev = reg::load_register(db, unit, year - 1);
      reg::Table2Result t = reg::table2(*reg, prev ? &*prev : nullptr);
      reg::fill_report(r, t.cells);
      for (const auto& n : t.notes) std::fprintf(stderr, "附注：%s\n", n.c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai render：%s\n", e.what());
      return 2;
    }
  }
  std::string bytes;
  try {
    bytes = render::render(r, opt);
  } catch (const render::RenderError& e) {
    std::fprintf(stderr, "gongkai render：%s：拒绝生成：%s\n", input.c_str(), e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai render：%s：%s\n", input.c_str(), e.what());
    return 2;
  }
  // Every draft is checked as a published report would be.
  std::string label = output.empty() || output == "-" ? std::string("草稿") : output;
  render::DraftFindings findings = render::check_draft(bytes, *f, label);
  if (output.empty()) output = "-";
  if (!write_file(output, bytes, &err)) {
    std::fprintf(stderr, "gongkai render：%s\n", err.c_str());
    return 2;
  }
  std::fflush(stdout);
  std::fputs(render::format_draft_findings(findings, label).c_str(), stderr);
  if (findings.has_findings()) {
    std::fprintf(stderr, "gongkai render：草稿已写出，但检查有问题或仍有待填写之处（见上）\n");
    return 1;
  }
  return 0;
}

int cmd_template(const Args& args) {
  std::string format = "json", output;
  bool register_template = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kTemplateHelp, stdout);
      return 0;
    } else if (a == "--register") {
      register_template = true;
    } else if (a == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if ((a == "-o" || a == "--output") && i + 1 < args.size()) {
      output = args[++i];
    } else {
      return bad_call("template", "未知或不完整的参数“" + a + "”");
    }
  }
  std::string err;
  if (register_template) {  // the blank case register (src/register)
    if (output.empty()) return bad_call("template", "台账必须用 -o 指定输出文件");
    try {
      if (format == "xlsx") reg::write_register_xlsx(output);
      else if (format == "csv") {
        if (!write_file(output, reg::register_csv(reg::Register{}), &err)) throw std::runtime_error(err);
      } else {
        return bad_call("template", "台账只支持 xlsx 或 csv 格式");
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai template：%s\n", e.what());
      return 2;
    }
    return 0;
  }
  if (format == "json") {
    std::string text = render::json_form().dump(2) + "\n";
    if (output.empty()) {
      std::fputs(text.c_str(), stdout);
      return 0;
    }
    if (!write_file(output, text, &err)) {
      std::fprintf(stderr, "gongkai template：%s\n", err.c_str());
      return 2;
    }
    return 0;
  }
  if (format == "xlsx") {
    if (output.empty()) return bad_call("template", "xlsx 输出必须用 -o 指定文件（-o - 为标准输出）");
    try {
      if (output == "-") write_via_temp_file(render::write_xlsx_form);
      else render::write_xlsx_form(output);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai template：%s\n", e.what());
      return 2;
    }
    return 0;
  }
  return bad_call("template", "不支持的格式“" + format + "”（可用：json、xlsx）");
}

int cmd_generate(const Args& args) {
  long long count = 10, seed = 1, garble_ops = 0;
  std::string dir, layout = "tab", format = "txt", ops, template_year = "2021", shape_name;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      std::fputs(kGenerateHelp, stdout);
      return 0;
    } else if (a == "--count" && has) {
      if (!parse_int(args[++i], &count) || count < 0 || count > 1000000)
        return bad_call("generate", "--count 必须是 0 到 1000000 之间的整数");
    } else if (a == "--seed" && has) {
      if (!parse_int(args[++i], &seed)) return bad_call("generate", "--seed 必须是整数");
    } else if (a == "--garble" && has) {
      if (!parse_int(args[++i], &garble_ops) || garble_ops < 0 || garble_ops > 50)
        return bad_call("generate", "--garble 必须是 0 到 50 之间的整数");
    } else if (a == "--layout" && has) {
      layout = args[++i];
    } else if (a == "--format" && has) {
      format = args[++i];
    } else if (a == "--ops" && has) {
      ops = args[++i];
    } else if (a == "--template" && has) {
      template_year = args[++i];
      if (template_year != "2021" && template_year != "2019")
        return bad_call("generate", "--template 只能是 2021 或 2019");
    } else if (a == "--shape" && has) {
      shape_name = args[++i];
    } else if ((a == "-o" || a == "--output") && has) {
      dir = args[++i];
    } else {
      return bad_call("generate", "未知或不完整的参数“" + a + "”");
    }
  }
  if (dir.empty()) return bad_call("generate", "缺少输出目录（-o 目录）");
  auto f = render::format_from_name(format);
  if (!f) return bad_call("generate", "不支持的输出格式“" + format + "”（可用：txt、md、html、docx）");
  bool mixed = layout == "mixed";
  auto l = render::layout_from_name(layout);
  if (!mixed && !l) return bad_call("generate", "不支持的排版“" + layout + "”（可用：tab、cell、md、run、space、mixed）");
  gen::GarbleOptions gopt;
  gopt.ops = static_cast<int>(garble_ops);
  for (size_t pos = 0; pos < ops.size();) {
    size_t comma = ops.find(',', pos);
    std::string name = ops.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    auto op = gen::garble_from_name(name);
    if (!op) return bad_call("generate", "未知的噪声操作“" + name + "”");
    gopt.allowed.push_back(*op);
    pos = comma == std::string::npos ? ops.size() : comma + 1;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "gongkai generate：无法创建目录：%s\n", dir.c_str());
    return 2;
  }
  if (!shape_name.empty()) {
    auto shape = gen::shape_from_name(shape_name);
    if (!shape)
      return bad_call("generate", "未知的形态“" + shape_name + "”（可用：crawl、webpage、converter-md、pdftotext、legacy、out-of-order）");
    for (long long i = 0; i < count; ++i) {
      uint64_t s = static_cast<uint64_t>(seed) * 1000003ull + static_cast<uint64_t>(i);
      gen::ShapedReport sr = gen::make_shaped(*shape, s);
      char name[80];
      std::snprintf(name, sizeof name, "%s-%lld-%05lld", shape_name.c_str(), seed, i);
      std::string base = (fs::path(dir) / name).string(), err;
      sr.truth["generator"] = {{"seed", s}, {"shape", shape_name}};
      if (!write_file(base + sr.extension, sr.bytes, &err) ||
          !write_file(base + ".truth.json", sr.truth.dump(1) + "\n", &err)) {
        std::fprintf(stderr, "gongkai generate：%s\n", err.c_str());
        return 2;
      }
    }
    std::fprintf(stderr, "已生成 %lld 份报告：%s\n", count, dir.c_str());
    return 0;
  }
  const render::TextLayout all_layouts[] = {render::TextLayout::TabRows, render::TextLayout::CellPerLine,
                                            render::TextLayout::Markdown, render::TextLayout::RunTogether,
                                            render::TextLayout::SpaceSeparated};
  for (long long i = 0; i < count; ++i) {
    uint64_t s = static_cast<uint64_t>(seed) * 1000003ull + static_cast<uint64_t>(i);
    gen::GenOptions gen_opt;
    gen_opt.template_2019 = template_year == "2019";
    Report r = gen::generate_report(s, gen_opt);
    render::RenderOptions opt;
    opt.format = *f;
    opt.layout = mixed ? all_layouts[s % 5] : *l;
    if (*f == render::OutputFormat::Md) opt.layout = render::TextLayout::Markdown;
    char name[64];
    std::snprintf(name, sizeof name, "gen-%lld-%05lld", seed, i);
    std::string base = (fs::path(dir) / name).string();
    render::RenderDoc doc = render::build_document(r, opt);
    std::string bytes, err;
    bool garbled = garble_ops > 0 && (*f == render::OutputFormat::Txt || *f == render::OutputFormat::Md);
    gen::GarbleResult g;
    if (garbled) g = gen::garble(doc, opt.layout, s, gopt);
    try {
      switch (*f) {
        case render::OutputFormat::Txt: bytes = render::write_text(doc, opt.layout); break;
        case render::OutputFormat::Md: bytes = render::write_text(doc, opt.layout, true); break;
        case render::OutputFormat::Html: bytes = render::write_html(doc); break;
        case render::OutputFormat::Docx: bytes = render::write_docx(doc); break;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai generate：%s\n", e.what());
      return 2;
    }
    nlohmann::json truth = to_json(r, true);
    truth["source"]["path"] = std::string(name) + std::string(render::format_extension(*f));
    truth["generator"] = {{"seed", s}, {"layout", std::string(render::layout_name(opt.layout))}};
    if (!write_file(base + std::string(render::format_extension(*f)), bytes, &err) ||
        !write_file(base + ".truth.json", truth.dump(1) + "\n", &err) ||
        (garbled && !write_file(base + ".garble.json", gen::garble_json(g).dump(1) + "\n", &err))) {
      std::fprintf(stderr, "gongkai generate：%s\n", err.c_str());
      return 2;
    }
  }
  std::fprintf(stderr, "已生成 %lld 份报告：%s\n", count, dir.c_str());
  return 0;
}

}  // namespace gk::cli
