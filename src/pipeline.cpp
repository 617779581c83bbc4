#include "pipeline.h"

#include "check/check.h"
#include "model/rules.h"
#include "recognize/recognize.h"
#include "repair/repair.h"
#include "util/sha256.h"

namespace gk {

Report parse_document(const Document& doc, const ParseOptions& opt) {
  Report r = recognize(doc);
  r.path = doc.path;
  r.format = doc.format;
  r.encoding = doc.encoding;
  r.paged = doc.paged;
  // What the reader noticed (a skipped page, OCR) is a finding like any other.
  for (const auto& w : doc.warnings) emit(r.diagnostics, w.rule, w.line, w.message);
  if (opt.repair) repair(r);
  if (opt.check) check(r);
  return r;
}

Report parse_bytes(std::string_view bytes, const std::string& path, const ParseOptions& opt) {
  Document doc = read_bytes(bytes, path, opt.limits);
  Report r = parse_document(doc, opt);
  r.sha256 = sha256_hex(bytes);
  return r;
}

Report parse_file(const std::string& path, const ParseOptions& opt) {
  std::string data = slurp_file(path, opt.limits.max_file_bytes);
  return parse_bytes(data, path, opt);
}

}  // namespace gk
