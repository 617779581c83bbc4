// The store tests run on both backends. Without GONGKAI_TEST_PG, test_db()
// is an SQLite file in the test's folder; with GONGKAI_TEST_PG set to a
// PostgreSQL URL (scripts/pg.sh, ctest's pg.* tests), it is a fresh schema of
// that database, made for this one call, as a URL that selects it.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "store/sqlite.h"

namespace gk::testing {

inline const char* test_pg_url() {
  const char* u = std::getenv("GONGKAI_TEST_PG");
  return u && *u ? u : nullptr;
}
inline bool on_postgres() { return test_pg_url() != nullptr; }

inline std::string test_db(const std::filesystem::path& dir, const std::string& file) {
  const char* pg = test_pg_url();
  if (!pg) return (dir / file).string();
  static int n = 0;
  std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(++n) + "_" +
                       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007);
  {
    store::Db admin(pg);
    admin.exec("CREATE SCHEMA " + schema);
  }
  std::string url = pg;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

}  // namespace gk::testing

// For the few checks that look at SQLite's own files or catalogue.
#define GK_SQLITE_ONLY(why)                                                        \
  do {                                                                             \
    if (::gk::testing::on_postgres()) GTEST_SKIP() << "仅 SQLite 适用：" << (why); \
  } while (0)
