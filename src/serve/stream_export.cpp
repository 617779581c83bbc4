#include "serve/stream_export.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <vector>

#include "store/sink.h"

namespace gk::serve {

std::string public_file_name(const std::string& stored_path) {
  std::string p = stored_path;
  if (p.rfind("upload:", 0) == 0) {
    auto slash = p.find('/');
    return slash == std::string::npos ? std::string() : p.substr(slash + 1);
  }
  while (!p.empty() && (p.back() == '/' || p.back() == '\\')) p.pop_back();
  auto slash = p.find_last_of("/\\");
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

void hide_server_paths(nlohmann::json& record) {
  if (!record.is_object()) return;
  auto it = record.find("source");
  if (it == record.end() || !it->is_object()) return;
  auto p = it->find("path");
  if (p != it->end() && p->is_string()) *p = public_file_name(p->get<std::string>());
}

namespace {

struct ClientGone : std::runtime_error {
  ClientGone() : std::runtime_error("下载连接已断开") {}
};

// A stream buffer that hands full 64 KiB chunks to httplib's DataSink.
class ChunkBuf : public std::streambuf {
 public:
  explicit ChunkBuf(httplib::DataSink& sink) : sink_(sink), buf_(64 << 10) { setp(buf_.data(), buf_.data() + buf_.size()); }
  bool flush_out() {
    std::ptrdiff_t n = pptr() - pbase();
    if (n > 0 && !sink_.write(pbase(), static_cast<size_t>(n))) throw ClientGone();
    setp(buf_.data(), buf_.data() + buf_.size());
    return true;
  }

 protected:
  int_type overflow(int_type ch) override {
    flush_out();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::streamsize done = 0;
    while (done < n) {
      if (pptr() == epptr()) flush_out();
      std::streamsize room = epptr() - pptr(), k = std::min(room, n - done);
      std::copy(s + done, s + done + k, pptr());
      pbump(static_cast<int>(k));
      done += k;
    }
    return n;
  }
  int sync() override {
    flush_out();
    return 0;
  }

 private:
  httplib::DataSink& sink_;
  std::vector<char> buf_;
};

// Shows only the file name in the path column (wide and diagnostics tables).
class PathHidingSink : public store::TableSink {
 public:
  explicit PathHidingSink(store::TableSink& inner) : inner_(inner) {}
  void header(const std::vector<std::string>& names) override {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == "path" || names[i] == "文件路径") path_col_ = static_cast<long>(i);
    inner_.header(names);
  }
  void row(const std::vector<store::Value>& values) override {
    if (path_col_ < 0 || static_cast<size_t>(path_col_) >= values.size() ||
        !std::holds_alternative<std::string>(values[path_col_]))
      return inner_.row(values);
    std::vector<store::Value> v = values;
    v[path_col_] = public_file_name(std::get<std::string>(v[path_col_]));
    inner_.row(v);
  }
  void close() override { inner_.close(); }

 private:
  store::TableSink& inner_;
  long path_col_ = -1;
};

const char* mime_of(const std::string& format) {
  return format == "csv"    ? "text/csv; charset=utf-8"
         : format == "jsonl" ? "application/x-ndjson; charset=utf-8"
                             : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

}  // namespace

void stream_export(httplib::Response& res, std::shared_ptr<store::Db> db, const std::string& format,
                   const std::string& table_name, const store::ExportOptions& opt) {
  res.set_header("Content-Disposition", "attachment; filename=\"gongkai-" + table_name + "." + format + "\"");
  if (format == "csv" || format == "jsonl") {
    res.set_chunked_content_provider(mime_of(format), [db, format, opt](size_t, httplib::DataSink& sink) {
      ChunkBuf buf(sink);
      std::ostream os(&buf);
      os.exceptions(std::ios::badbit);  // rethrows ClientGone out of the sink
      try {
        auto inner = format == "csv" ? store::make_csv_sink(os, "下载") : store::make_jsonl_sink(os, "下载");
        PathHidingSink sink_out(*inner);
        store::export_table(*db, sink_out, opt);
        buf.flush_out();
      } catch (const std::exception& e) {
        // Mid-download: nothing to answer with but a cut connection.
        std::fprintf(stderr, "gongkai serve：导出中断：%s\n", e.what());
        return false;
      }
      sink.done();
      return true;
    });
    return;
  }
  // XLSX: libxlsxwriter writes a file; stream it from disk and remove it after.
  static std::atomic<int> counter{0};
  auto tmp = std::filesystem::temp_directory_path() /
             ("gongkai-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
  try {
    auto sink = store::make_xlsx_sink(tmp.string(), table_name);
    PathHidingSink hiding(*sink);
    store::export_table(*db, hiding, opt);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
  auto in = std::make_shared<std::ifstream>(tmp, std::ios::binary);
  std::error_code ec;
  auto size = std::filesystem::file_size(tmp, ec);
  if (ec || !*in) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("导出文件无法读取");
  }
  res.set_content_provider(
      static_cast<size_t>(size), mime_of(format),
      [in](size_t offset, size_t length, httplib::DataSink& sink) {
        std::vector<char> chunk(std::min<size_t>(length, 64 << 10));
        in->seekg(static_cast<std::streamoff>(offset));
        in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        std::streamsize got = in->gcount();
        return got > 0 && sink.write(chunk.data(), static_cast<size_t>(got));
      },
      [tmp, in](bool) {
        in->close();
        std::error_code e;
        std::filesystem::remove(tmp, e);
      });
}

}  // namespace gk::serve
