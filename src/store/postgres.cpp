// The PostgreSQL backend of store::Db (libpq). Statements are sent with text
// parameters; integers and reals are typed (int8, float8), text is left for
// the server to infer from its context. Results are read whole (a statement's
// rows stay valid while other statements run on the same connection, as with
// SQLite).
#include <libpq-fe.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "store/sqlite.h"

namespace gk::store {

namespace {

constexpr Oid kInt8 = 20, kFloat8 = 701;

std::string trim_msg(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PgConn;

class PgStmt final : public detail::StmtImpl {
 public:
  PgStmt(PgConn& conn, std::string_view sql, bool kept);
  ~PgStmt() override;
  void bind_i64(int i, int64_t v) override { set(i, std::to_string(v), kInt8); }
  void bind_f64(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf, kFloat8);
  }
  void bind_text(int i, std::string_view v) override { set(i, std::string(v), 0); }
  void bind_null(int i) override {
    slot(i);
    vals_[i - 1].reset();
  }
  bool step() override;
  void reset() override {
    if (res_) PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    rows_ = 0;
    vals_.clear();
    types_.clear();
  }
  bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  int64_t i64(int col) const override {
    const char* v = PQgetvalue(res_, row_, col);
    if (!v || !*v) return 0;
    if (v[0] == 't' && !v[1]) return 1;  // boolean
    if (v[0] == 'f' && !v[1]) return 0;
    char* end = nullptr;
    errno = 0;
    long long n = std::strtoll(v, &end, 10);
    if (*end == '\0' && errno == 0) return n;
    return static_cast<int64_t>(std::strtod(v, nullptr));  // numeric / real: truncated, as SQLite does
  }
  double f64(int col) const override {
    const char* v = PQgetvalue(res_, row_, col);
    if (!v || !*v) return 0;
    if (v[0] == 't' && !v[1]) return 1;
    if (v[0] == 'f' && !v[1]) return 0;
    return std::strtod(v, nullptr);
  }
  std::string str(int col) const override {
    if (PQgetisnull(res_, row_, col)) return {};
    return std::string(PQgetvalue(res_, row_, col), static_cast<size_t>(PQgetlength(res_, row_, col)));
  }
  int columns() override;
  std::string column_name(int col) override;

 private:
  void slot(int i) {
    if (i < 1) throw DbError("数据库错误：参数序号须从 1 起");
    if (vals_.size() < static_cast<size_t>(i)) vals_.resize(static_cast<size_t>(i)), types_.resize(static_cast<size_t>(i), 0);
  }
  void set(int i, std::string v, Oid t) {
    slot(i);
    vals_[i - 1] = std::move(v);
    types_[i - 1] = t;
  }
  void execute();
  void describe();

  PgConn& conn_;
  std::string sql_;
  std::string name_;  // kept statements: the server-side name
  bool prepared_ = false;
  std::vector<std::optional<std::string>> vals_;
  std::vector<Oid> types_;
  PGresult* res_ = nullptr;
  PGresult* desc_ = nullptr;  // columns() before a step
  int row_ = -1, rows_ = 0;
};

class PgConn final : public detail::ConnImpl {
 public:
  PgConn(const std::string& url, bool readonly) : url_(redact_target(url)) {
    c_ = PQconnectdb(url.c_str());
    if (!c_ || PQstatus(c_) != CONNECTION_OK) {
      std::string msg = c_ ? trim_msg(PQerrorMessage(c_)) : "无法分配连接";
      if (c_) PQfinish(c_);
      c_ = nullptr;
      throw DbError("无法连接 PostgreSQL 数据库“" + url_ + "”：" + msg);
    }
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);  // NOTICEs (e.g. IF NOT EXISTS) are not errors
    exec("SET client_min_messages = warning");
    if (readonly) set_query_only();
  }
  ~PgConn() override {
    if (c_) PQfinish(c_);
  }
  const Dialect& dialect() const override { return postgres_dialect(); }
  void exec(std::string_view sql) override {
    std::string s(sql);
    PGresult* r = PQexec(c_, s.c_str());
    check(r, s);
    PQclear(r);
  }
  std::unique_ptr<detail::StmtImpl> prepare(std::string_view sql, bool kept) override {
    return std::make_unique<PgStmt>(*this, sql, kept);
  }
  int changes() const override { return changes_; }
  bool has_table(const std::string& name) override {
    PgStmt t(*this,
             "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
             false);
    t.bind_text(1, name);
    return t.step() && t.i64(0) > 0;
  }
  void set_query_only() override { exec("SET default_transaction_read_only = on"); }

  // Throws (and frees `r`) unless the result is a success; records the rows changed.
  void check(PGresult* r, const std::string& sql) {
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      const char* n = PQcmdTuples(r);
      changes_ = n && *n ? std::atoi(n) : 0;
      return;
    }
    std::string msg = trim_msg(r ? PQresultErrorMessage(r) : PQerrorMessage(c_));
    if (msg.empty()) msg = trim_msg(PQerrorMessage(c_));
    if (r) PQclear(r);
    throw DbError("数据库错误：" + msg + "（" + sql.substr(0, 80) + "）");
  }
  PGconn* handle() { return c_; }
  std::string next_name() { return "gk_" + std::to_string(++counter_); }

 private:
  PGconn* c_ = nullptr;
  std::string url_;
  int changes_ = 0;
  int counter_ = 0;
};

PgStmt::PgStmt(PgConn& conn, std::string_view sql, bool kept) : conn_(conn), sql_(dollar_placeholders(sql)) {
  if (kept) name_ = conn_.next_name();
}

PgStmt::~PgStmt() {
  if (res_) PQclear(res_);
  if (desc_) PQclear(desc_);
  if (prepared_ && PQstatus(conn_.handle()) == CONNECTION_OK) {
    // In a failed transaction this is refused; the statement then goes with the session.
    PGresult* r = PQexec(conn_.handle(), ("DEALLOCATE " + name_).c_str());
    if (r) PQclear(r);
  }
}

void PgStmt::execute() {
  std::vector<const char*> values(vals_.size());
  for (size_t k = 0; k < vals_.size(); ++k) values[k] = vals_[k] ? vals_[k]->c_str() : nullptr;
  const int n = static_cast<int>(vals_.size());
  PGresult* r;
  if (!name_.empty()) {
    if (!prepared_) {
      PGresult* p = PQprepare(conn_.handle(), name_.c_str(), sql_.c_str(), n, types_.data());
      conn_.check(p, sql_);
      PQclear(p);
      prepared_ = true;
    }
    r = PQexecPrepared(conn_.handle(), name_.c_str(), n, values.data(), nullptr, nullptr, 0);
  } else {
    r = PQexecParams(conn_.handle(), sql_.c_str(), n, types_.data(), values.data(), nullptr, nullptr, 0);
  }
  conn_.check(r, sql_);
  res_ = r;
  rows_ = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) : 0;
  row_ = 0;
}

bool PgStmt::step() {
  if (!res_) execute();
  else ++row_;
  return row_ < rows_;
}

void PgStmt::describe() {
  if (res_ || desc_) return;
  PGresult* p = PQprepare(conn_.handle(), "", sql_.c_str(), 0, nullptr);
  conn_.check(p, sql_);
  PQclear(p);
  PGresult* d = PQdescribePrepared(conn_.handle(), "");
  conn_.check(d, sql_);
  desc_ = d;
}

int PgStmt::columns() {
  if (res_) return PQnfields(res_);
  describe();
  return PQnfields(desc_);
}

std::string PgStmt::column_name(int col) {
  const PGresult* r = res_ ? res_ : (describe(), desc_);
  const char* n = PQfname(r, col);
  return n ? n : "";
}

}  // namespace

namespace detail {
std::unique_ptr<ConnImpl> open_postgres(const std::string& url, bool readonly) {
  return std::make_unique<PgConn>(url, readonly);
}
}  // namespace detail

}  // namespace gk::store
