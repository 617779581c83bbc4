#include "store/sink.h"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "util/utf8.h"
#include "util/text.h"

namespace gk::store {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {


class FileSink : public TableSink {
 protected:
  explicit FileSink(const std::string& path)
      : path_(path), file_(std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc)), out_(*file_) {
    if (!*file_) throw std::runtime_error("无法写入“" + path + "”");
  }
  // A stream owned by the caller (serve streams exports to the client).
  FileSink(std::ostream& out, const std::string& label) : path_(label), out_(out) {}
  void finish() {
    out_.flush();
    if (!out_) throw std::runtime_error("写入“" + path_ + "”失败（磁盘已满或连接已断开？）");
    if (file_) file_->close();
  }
  std::string path_;
  std::unique_ptr<std::ofstream> file_;
  std::ostream& out_;
};

class CsvSink : public FileSink {
 public:
  explicit CsvSink(const std::string& path) : FileSink(path) { out_ << "\xEF\xBB\xBF"; }
  CsvSink(std::ostream& out, const std::string& label) : FileSink(out, label) { out_ << "\xEF\xBB\xBF"; }
  void header(const std::vector<std::string>& names) override {
    std::vector<Value> v(names.begin(), names.end());
    row(v);
  }
  void row(const std::vector<Value>& values) override {
    std::string line;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) line += ',';
      const Value& v = values[i];
      if (auto* s = std::get_if<std::string>(&v)) line += csv_field(*s);
      else if (auto* n = std::get_if<int64_t>(&v)) line += std::to_string(*n);
      else if (auto* d = std::get_if<double>(&v)) line += format_number_exact(*d);
    }
    line += "\r\n";
    out_ << line;
  }
  void close() override { finish(); }
};

class JsonlSink : public FileSink {
 public:
  explicit JsonlSink(const std::string& path) : FileSink(path) {}
  JsonlSink(std::ostream& out, const std::string& label) : FileSink(out, label) {}
  void header(const std::vector<std::string>& names) override { names_ = names; }
  void row(const std::vector<Value>& values) override {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (size_t i = 0; i < values.size() && i < names_.size(); ++i) {
      const Value& v = values[i];
      if (auto* s = std::get_if<std::string>(&v)) j[names_[i]] = *s;
      else if (auto* n = std::get_if<int64_t>(&v)) j[names_[i]] = *n;
      else if (auto* d = std::get_if<double>(&v)) {
        if (std::floor(*d) == *d && std::fabs(*d) < 9e15) j[names_[i]] = static_cast<int64_t>(*d);
        else j[names_[i]] = *d;
      } else j[names_[i]] = nullptr;
    }
    out_ << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }
  void close() override { finish(); }

 private:
  std::vector<std::string> names_;
};

class XlsxSink : public TableSink {
 public:
  XlsxSink(const std::string& path, const std::string& sheet) : path_(path), sheet_(sheet) {
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE;  // rows are streamed; keeps big exports flat in memory
    opt.use_zip64 = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &opt);
    if (!wb_) throw std::runtime_error("无法创建“" + path + "”");
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    new_sheet();
  }
  ~XlsxSink() override {
    if (wb_) workbook_close(wb_);
  }
  void header(const std::vector<std::string>& names) override {
    names_ = names;
    write_header();
  }
  void row(const std::vector<Value>& values) override {
    if (row_ >= LXW_ROW_MAX) {
      new_sheet();
      write_header();
    }
    for (size_t i = 0; i < values.size(); ++i) {
      lxw_col_t c = static_cast<lxw_col_t>(i);
      const Value& v = values[i];
      if (auto* s = std::get_if<std::string>(&v)) {
        if (s->empty()) continue;
        std::string t = s->size() > 32000 ? utf8::sanitize(s->substr(0, 32000)) : utf8::sanitize(*s);
        worksheet_write_string(ws_, row_, c, t.c_str(), nullptr);
      } else if (auto* n = std::get_if<int64_t>(&v)) {
        worksheet_write_number(ws_, row_, c, static_cast<double>(*n), nullptr);
      } else if (auto* d = std::get_if<double>(&v)) {
        worksheet_write_number(ws_, row_, c, *d, nullptr);
      }
    }
    ++row_;
  }
  void close() override {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) throw std::runtime_error("写入“" + path_ + "”失败：" + lxw_strerror(e));
  }

 private:
  void new_sheet() {
    std::string name = sheet_;
    if (++sheets_ > 1) name += "_" + std::to_string(sheets_);
    ws_ = workbook_add_worksheet(wb_, name.c_str());
    if (!ws_) throw std::runtime_error("无法创建工作表“" + name + "”");
    worksheet_freeze_panes(ws_, 1, 0);
    row_ = 0;
  }
  void write_header() {
    for (size_t i = 0; i < names_.size(); ++i)
      worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(i), names_[i].c_str(), bold_);
    row_ = 1;
  }
  std::string path_, sheet_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::vector<std::string> names_;
  lxw_row_t row_ = 0;
  int sheets_ = 0;
};

}  // namespace

std::unique_ptr<TableSink> make_csv_sink(const std::string& path) { return std::make_unique<CsvSink>(path); }
std::unique_ptr<TableSink> make_jsonl_sink(const std::string& path) {
  return std::make_unique<JsonlSink>(path);
}
std::unique_ptr<TableSink> make_csv_sink(std::ostream& out, const std::string& label) {
  return std::make_unique<CsvSink>(out, label);
}
std::unique_ptr<TableSink> make_jsonl_sink(std::ostream& out, const std::string& label) {
  return std::make_unique<JsonlSink>(out, label);
}
std::unique_ptr<TableSink> make_xlsx_sink(const std::string& path, const std::string& sheet) {
  return std::make_unique<XlsxSink>(path, sheet);
}

}  // namespace gk::store
