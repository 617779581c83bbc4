// The store's database connection: one interface, two backends. A target that
// is a `postgresql://` (or `postgres://`) URL opens PostgreSQL through libpq;
// anything else is an SQLite file (the embedded default). Prepared statements
// with positional `?` binding, errors as exceptions (Chinese text).
//
// SQL is written once, in the common dialect of SQLite 3.40 and PostgreSQL 15:
// `?` placeholders (rewritten to `$n` for PostgreSQL), `INSERT … ON CONFLICT …
// DO NOTHING / DO UPDATE`, `RETURNING id`, `CASE` instead of boolean
// arithmetic, `NULLS FIRST` where order matters. Where the two cannot meet
// (schema types, the cells view, tuning), the Dialect below says how, in one
// place.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gk::store {

struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Backend { Sqlite, Postgres };

// True for a PostgreSQL connection URL (postgresql://… or postgres://…).
bool is_postgres_url(std::string_view target);
// The target with any password removed, for messages.
std::string redact_target(const std::string& target);

struct Dialect {
  Backend backend;
  const char* name;         // "SQLite" / "PostgreSQL"
  const char* begin_write;  // opens a write transaction
  bool wal;                 // SQLite's write-ahead log: PRAGMAs, checkpoints
  // Several ingest processes may write one corpus at once (PostgreSQL): contents
  // are claimed (store/ingest.cpp) and write transactions take `writer_lock`
  // first, so they follow one another as SQLite's single writer does.
  bool many_writers;
  const char* writer_lock;  // SQL run first in each corpus write transaction; nullptr: none needed
  // Translates schema text written for SQLite (INTEGER PRIMARY KEY, INTEGER,
  // REAL, BLOB, TEXT, WITHOUT ROWID, the strftime default) into this backend's.
  std::string ddl(std::string_view sqlite_ddl) const;
};
const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

// `?` and `?NNN` placeholders outside quotes and comments, as `$n` (PostgreSQL).
std::string dollar_placeholders(std::string_view sql);

class Stmt;

namespace detail {
class StmtImpl {
 public:
  virtual ~StmtImpl() = default;
  virtual void bind_i64(int i, int64_t v) = 0;
  virtual void bind_f64(int i, double v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_null(int i) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual bool is_null(int col) const = 0;
  virtual int64_t i64(int col) const = 0;
  virtual double f64(int col) const = 0;
  virtual std::string str(int col) const = 0;
  virtual int columns() = 0;
  virtual std::string column_name(int col) = 0;
};
class ConnImpl {
 public:
  virtual ~ConnImpl() = default;
  virtual const Dialect& dialect() const = 0;
  virtual void exec(std::string_view sql) = 0;
  // `kept`: prepared once on the server and reused (Db::cached).
  virtual std::unique_ptr<StmtImpl> prepare(std::string_view sql, bool kept) = 0;
  virtual int changes() const = 0;
  virtual bool has_table(const std::string& name) = 0;
  virtual void set_query_only() = 0;
};
}  // namespace detail

class Db {
 public:
  Db();
  // Opens (creating an SQLite file when `create`) the database. Throws DbError.
  explicit Db(const std::string& target, bool create = true, bool readonly = false);
  ~Db();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  const Dialect& dialect() const;
  Backend backend() const { return dialect().backend; }
  const std::string& target() const { return target_; }

  void exec(std::string_view sql);  // one or more statements, no results, no parameters
  Stmt prepare(std::string_view sql);
  // A statement prepared once per connection and kept (the writer's hot
  // path): returned reset with its bindings cleared. The reference stays
  // valid while the Db lives; do not hold two uses of one SQL text at once.
  Stmt& cached(std::string_view sql);
  int changes() const;  // rows changed by the last INSERT / UPDATE / DELETE
  bool has_table(const std::string& name);
  // Nothing can be written through this connection from now on.
  void set_query_only();

 private:
  void close();
  std::unique_ptr<detail::ConnImpl> conn_;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;
  std::string target_;
};

class Stmt {
 public:
  explicit Stmt(std::unique_ptr<detail::StmtImpl> impl);
  ~Stmt();
  Stmt(Stmt&& o) noexcept = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binding, 1-based like SQLite. Returns *this for chaining.
  Stmt& bind(int i, int64_t v) {
    impl_->bind_i64(i, v);
    return *this;
  }
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v) {
    impl_->bind_f64(i, v);
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    impl_->bind_text(i, v);
    return *this;
  }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, std::optional<double> v) {
    if (!v) return bind_null(i);
    return bind(i, *v);
  }
  Stmt& bind_null(int i) {
    impl_->bind_null(i);
    return *this;
  }

  bool step() { return impl_->step(); }  // true: a row is available; false: done. Throws DbError.
  void run();                            // step to completion, then reset
  void reset() { impl_->reset(); }       // also clears the bindings

  bool is_null(int col) const { return impl_->is_null(col); }
  int64_t i64(int col) const { return impl_->i64(col); }
  double f64(int col) const { return impl_->f64(col); }
  std::string str(int col) const { return impl_->str(col); }
  std::optional<double> opt_f64(int col) const {
    if (is_null(col)) return std::nullopt;
    return f64(col);
  }
  int columns() const { return impl_->columns(); }
  std::string column_name(int col) const { return impl_->column_name(col); }

 private:
  std::unique_ptr<detail::StmtImpl> impl_;
};

// RAII transaction: a write transaction on construction, ROLLBACK unless commit().
class Tx {
 public:
  explicit Tx(Db& db);
  ~Tx();
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

namespace detail {
std::unique_ptr<ConnImpl> open_sqlite(const std::string& path, bool create, bool readonly);
std::unique_ptr<ConnImpl> open_postgres(const std::string& url, bool readonly);
}  // namespace detail

}  // namespace gk::store
