// Table sinks for exports: CSV (UTF-8 with BOM, RFC 4180), JSON Lines, XLSX.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gk::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void header(const std::vector<std::string>& names) = 0;
  virtual void row(const std::vector<Value>& values) = 0;
  virtual void close() = 0;  // flush and finish the file; throws std::runtime_error
};

// RFC 4180 quoting of one field: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& s);

// All throw std::runtime_error (Chinese message) when the file cannot be written.
std::unique_ptr<TableSink> make_csv_sink(const std::string& path);
std::unique_ptr<TableSink> make_jsonl_sink(const std::string& path);
// The same into a stream the caller owns (`label` names it in error messages).
std::unique_ptr<TableSink> make_csv_sink(std::ostream& out, const std::string& label);
std::unique_ptr<TableSink> make_jsonl_sink(std::ostream& out, const std::string& label);
// `sheet`: worksheet name; a new sheet is started when one fills up (1 048 575 data rows).
std::unique_ptr<TableSink> make_xlsx_sink(const std::string& path, const std::string& sheet);

}  // namespace gk::store
