#include "store/accounts.h"

#include <sodium.h>

#include <chrono>
#include <mutex>

#include "util/sha256.h"

namespace gk::store {

namespace {

const char* kAccountsSchema = R"SQL(
-- Accounts of gongkai serve --accounts. role: admin / reviewer (region: a
-- '/'-joined region path of the unit list) / clerk (unit: units.uid).
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin','reviewer','clerk')),
  region TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  pw_hash TEXT NOT NULL,          -- libsodium argon2id string
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
-- Sessions: the cookie token's sha256 only (a stolen table opens no session).
CREATE TABLE IF NOT EXISTS sessions (
  token_sha TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,       -- users.id
  csrf TEXT NOT NULL,
  created INTEGER NOT NULL,       -- unix seconds
  expires INTEGER NOT NULL,
  ip TEXT
);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires);
-- Every write to the server, allowed or refused: who, when, what, from where.
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  user_name TEXT,                 -- NULL: no valid session
  ip TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  action TEXT,
  status INTEGER NOT NULL,
  detail TEXT
);
-- A unit's annual report on its way to the region: one row per unit and year,
-- every uploaded version kept in submission_versions, every decision in reviews.
CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL,             -- units.uid
  year INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','approved')),
  current_version INTEGER NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (unit, year)
);
CREATE TABLE IF NOT EXISTS submission_versions (
  submission INTEGER NOT NULL,    -- submissions.id
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  name TEXT,
  content TEXT NOT NULL,          -- the uploaded file, base64 (approval parses it again into the corpus)
  record TEXT NOT NULL,           -- the record JSON with its findings (model/json.h)
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  explanations TEXT,              -- JSON {finding id: the clerk's explanation}, set on submit
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  submitted_at TEXT,
  PRIMARY KEY (submission, version)
);
CREATE TABLE IF NOT EXISTS reviews (
  id INTEGER PRIMARY KEY,
  submission INTEGER NOT NULL,
  version INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('return','approve')),
  comment TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS reviews_submission ON reviews(submission);
)SQL";

void sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw DbError("无法初始化 libsodium");
  });
}

int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

User read_user(Stmt& st) {
  User u;
  u.id = st.i64(0);
  u.name = st.str(1);
  u.role = parse_role(st.str(2)).value_or(Role::Clerk);
  u.region = st.str(3);
  u.unit = st.str(4);
  u.disabled = st.i64(5) != 0;
  u.created_at = st.str(6);
  return u;
}
constexpr const char* kUserCols = "SELECT id, name, role, region, unit, disabled, created_at";

void check_password(const std::string& pw) {
  if (pw.size() < 8) throw DbError("密码太短：至少 8 个字符");
  if (pw.size() > 1024) throw DbError("密码太长：至多 1024 个字符");
}

}  // namespace

const char* accounts_schema_sql() { return kAccountsSchema; }

void stamp_accounts_version(Db& db) {
  auto st = db.prepare("SELECT value FROM meta WHERE key='accounts_version'");
  if (st.step()) return;
  db.prepare("INSERT INTO meta(key, value) VALUES ('accounts_version', ?)")
      .bind(1, std::to_string(kAccountsVersion))
      .run();
}

const char* role_key(Role r) {
  switch (r) {
    case Role::Admin: return "admin";
    case Role::Reviewer: return "reviewer";
    case Role::Clerk: return "clerk";
  }
  return "clerk";
}
const char* role_name_zh(Role r) {
  switch (r) {
    case Role::Admin: return "管理员";
    case Role::Reviewer: return "审核人";
    case Role::Clerk: return "填报人";
  }
  return "填报人";
}
std::optional<Role> parse_role(const std::string& s) {
  if (s == "admin" || s == "管理员") return Role::Admin;
  if (s == "reviewer" || s == "审核人") return Role::Reviewer;
  if (s == "clerk" || s == "填报人") return Role::Clerk;
  return std::nullopt;
}

std::string hash_password(const std::string& password) {
  sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DbError("无法计算密码散列（内存不足）");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  sodium();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(size_t bytes) {
  sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) out += hex[c >> 4], out += hex[c & 15];
  return out;
}

std::optional<std::pair<std::string, std::string>> unit_info(Db& db, const std::string& uid) {
  if (!db.has_table("units")) return std::nullopt;
  auto st = db.prepare("SELECT name, parent FROM units WHERE uid=?");
  st.bind(1, uid);
  if (!st.step()) return std::nullopt;
  return std::make_pair(st.str(0), st.str(1));
}

namespace {
bool region_known(Db& db, const std::string& region) {
  if (!db.has_table("units")) return false;
  auto st = db.prepare("SELECT parent, name FROM units");
  while (st.step()) {
    std::string p = st.str(0);
    if (p == region || p.rfind(region + "/", 0) == 0) return true;
    // A region may also be named by the unit that heads it (its path plus its name).
    std::string own = p.empty() ? st.str(1) : p + "/" + st.str(1);
    if (own == region) return true;
  }
  return false;
}
}  // namespace

bool unit_in_region(Db& db, const std::string& unit_uid, const std::string& region) {
  auto u = unit_info(db, unit_uid);
  if (!u || region.empty()) return false;
  const std::string& p = u->second;
  return p == region || p.rfind(region + "/", 0) == 0;
}

User add_user(Db& db, const std::string& name, Role role, const std::string& scope, const std::string& password) {
  if (name.empty() || name.size() > 100) throw DbError("用户名须为 1 到 100 个字符");
  for (unsigned char c : name)
    if (c < 0x20 || c == ' ') throw DbError("用户名“" + name + "”含空格或控制字符");
  check_password(password);
  std::string region, unit;
  if (role == Role::Reviewer) {
    if (scope.empty()) throw DbError("审核人需要一个地区（--region，单位名单中的地区路径，如 青山市/青山县）");
    if (!region_known(db, scope))
      throw DbError("单位名单中没有地区“" + scope + "”（先用 gongkai units import 导入单位名单）");
    region = scope;
  } else if (role == Role::Clerk) {
    if (scope.empty()) throw DbError("填报人需要一个单位（--unit，单位名单中的单位编号）");
    if (!unit_info(db, scope))
      throw DbError("单位名单中没有编号为“" + scope + "”的单位（先用 gongkai units import 导入单位名单）");
    unit = scope;
  }
  if (find_user(db, name)) throw DbError("用户“" + name + "”已存在");
  std::string h = hash_password(password);
  db.prepare("INSERT INTO users(name, role, region, unit, pw_hash) VALUES (?,?,?,?,?)")
      .bind(1, name).bind(2, role_key(role)).bind(3, region).bind(4, unit).bind(5, h).run();
  return *find_user(db, name);
}

std::vector<User> list_users(Db& db) {
  std::vector<User> out;
  auto st = db.prepare(std::string(kUserCols) + " FROM users ORDER BY name");
  while (st.step()) out.push_back(read_user(st));
  return out;
}

std::optional<User> find_user(Db& db, const std::string& name) {
  auto st = db.prepare(std::string(kUserCols) + " FROM users WHERE name=?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return read_user(st);
}

std::optional<User> user_by_id(Db& db, int64_t id) {
  auto st = db.prepare(std::string(kUserCols) + " FROM users WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_user(st);
}

void set_password(Db& db, const std::string& name, const std::string& password) {
  check_password(password);
  auto u = find_user(db, name);
  if (!u) throw DbError("没有用户“" + name + "”");
  db.prepare("UPDATE users SET pw_hash=? WHERE id=?").bind(1, hash_password(password)).bind(2, u->id).run();
  // A new password ends the sessions opened with the old one.
  db.prepare("DELETE FROM sessions WHERE user_id=?").bind(1, u->id).run();
}

void set_disabled(Db& db, const std::string& name, bool disabled) {
  auto u = find_user(db, name);
  if (!u) throw DbError("没有用户“" + name + "”");
  db.prepare("UPDATE users SET disabled=? WHERE id=?").bind(1, disabled ? 1 : 0).bind(2, u->id).run();
  if (disabled) db.prepare("DELETE FROM sessions WHERE user_id=?").bind(1, u->id).run();
}

std::optional<std::pair<User, std::string>> login_user(Db& db, const std::string& name) {
  auto st = db.prepare(std::string(kUserCols) + ", pw_hash FROM users WHERE name=?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  User u = read_user(st);
  if (u.disabled) return std::nullopt;
  return std::make_pair(u, st.str(7));
}

std::string create_session(Db& db, int64_t user, const std::string& csrf, int64_t ttl, const std::string& ip) {
  std::string token = random_token(32);
  int64_t now = now_s();
  db.prepare("DELETE FROM sessions WHERE expires < ?").bind(1, now).run();
  db.prepare("INSERT INTO sessions(token_sha, user_id, csrf, created, expires, ip) VALUES (?,?,?,?,?,?)")
      .bind(1, sha256_hex(token)).bind(2, user).bind(3, csrf).bind(4, now).bind(5, now + ttl).bind(6, ip).run();
  return token;
}

std::optional<Session> find_session(Db& db, const std::string& token, int64_t now) {
  if (token.size() != 64) return std::nullopt;
  auto st = db.prepare("SELECT user_id, csrf, expires FROM sessions WHERE token_sha=?");
  st.bind(1, sha256_hex(token));
  if (!st.step()) return std::nullopt;
  if (st.i64(2) < now) return std::nullopt;
  auto u = user_by_id(db, st.i64(0));
  if (!u || u->disabled) return std::nullopt;
  return Session{*u, st.str(1), st.i64(2)};
}

void delete_session(Db& db, const std::string& token) {
  db.prepare("DELETE FROM sessions WHERE token_sha=?").bind(1, sha256_hex(token)).run();
}

void audit(Db& db, const AuditEntry& e) {
  auto st = db.prepare(
      "INSERT INTO audit_log(user_name, ip, method, path, action, status, detail) VALUES (?,?,?,?,?,?,?)");
  if (e.user.empty()) st.bind_null(1);
  else st.bind(1, e.user);
  st.bind(2, e.ip).bind(3, e.method).bind(4, e.path).bind(5, e.action).bind(6, e.status).bind(7, e.detail).run();
}

nlohmann::json audit_json(Db& db, int limit, int64_t before_id) {
  nlohmann::json out = nlohmann::json::array();
  auto st = db.prepare(
      "SELECT id, at, user_name, ip, method, path, action, status, detail FROM audit_log WHERE id < ? "
      "ORDER BY id DESC LIMIT " + std::to_string(limit));
  st.bind(1, before_id > 0 ? before_id : INT64_MAX);
  while (st.step())
    out.push_back({{"id", st.i64(0)}, {"at", st.str(1)},
                   {"user", st.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(st.str(2))},
                   {"ip", st.str(3)}, {"method", st.str(4)}, {"path", st.str(5)}, {"action", st.str(6)},
                   {"status", st.i64(7)}, {"detail", st.str(8)}});
  return out;
}

}  // namespace gk::store
