#pragma once
#include <string>
#include <string_view>
namespace gk {
// Lower-case hex SHA-256 of the bytes (content hash for incremental ingest).
std::string sha256_hex(std::string_view data);
// The dependency-free implementation (used when OpenSSL is absent; tested against it).
std::string sha256_hex_portable(std::string_view data);
}  // namespace gk
