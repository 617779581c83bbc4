// Exports streamed to the client (issue 15): CSV and JSON Lines go from the
// store's cursor through a 64 KiB buffer into httplib's chunked writer, so a
// 222 MB long table never sits in memory; XLSX (a zip, written by
// libxlsxwriter to a file) is streamed from its temporary file.
// Stored file paths are server paths: exports and API responses show only
// the file's name (or the name an upload was given).
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "store/export.h"
#include "store/sqlite.h"

namespace gk::serve {

// "/data/2024/报告.pdf" → "报告.pdf"; "upload:<sha>/名.txt" → "名.txt".
std::string public_file_name(const std::string& stored_path);

// Replaces the record JSON's source.path by its public name.
void hide_server_paths(nlohmann::json& record);

// Sets `res` to stream the export (`format`: csv, jsonl or xlsx). The
// database handle is kept until the download ends. Errors before the first
// byte throw; after it, the connection is cut (the download is incomplete).
void stream_export(httplib::Response& res, std::shared_ptr<store::Db> db, const std::string& format,
                   const std::string& table_name, const store::ExportOptions& opt);

}  // namespace gk::serve
