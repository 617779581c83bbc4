// Accounts, sessions, the audit log and the submission/review workflow of a
// shared `gongkai serve --accounts` (issue 15). Tables live in the corpus
// database (SQLite or PostgreSQL, store/sqlite.h), created with the others by
// schema.cpp (accounts_schema_sql); `meta.accounts_version` records their
// structure so later changes go through `gongkai db migrate`.
//
// Roles: admin (everything), reviewer (a region and its subtree: the
// '/'-joined region paths of the unit list, units.parent), clerk (one unit,
// units.uid). Passwords are hashed with libsodium's argon2id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace gk::store {

inline constexpr int kAccountsVersion = 1;
// The accounts tables (SQLite DDL; Dialect::ddl translates it).
const char* accounts_schema_sql();
// Records kAccountsVersion in meta when absent (called after the DDL).
void stamp_accounts_version(Db& db);

enum class Role { Admin, Reviewer, Clerk };
const char* role_key(Role r);     // "admin" / "reviewer" / "clerk"
const char* role_name_zh(Role r);  // 管理员 / 审核人 / 填报人
std::optional<Role> parse_role(const std::string& s);  // key or Chinese name

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::Clerk;
  std::string region;  // reviewer: region path ('青山市/青山县')
  std::string unit;    // clerk: units.uid
  bool disabled = false;
  std::string created_at;
};

// argon2id (libsodium crypto_pwhash_str, interactive limits). Throws on failure.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// A random token of `bytes` bytes as hex (libsodium randombytes).
std::string random_token(size_t bytes = 32);

// ---- users (gongkai users …) ----
// Throws DbError (Chinese) on a duplicate name, an unknown unit or region, a
// short password.
User add_user(Db& db, const std::string& name, Role role, const std::string& scope, const std::string& password);
std::vector<User> list_users(Db& db);
std::optional<User> find_user(Db& db, const std::string& name);
std::optional<User> user_by_id(Db& db, int64_t id);
void set_password(Db& db, const std::string& name, const std::string& password);
void set_disabled(Db& db, const std::string& name, bool disabled);
// The stored hash of an enabled user (login); nullopt when unknown or disabled.
std::optional<std::pair<User, std::string>> login_user(Db& db, const std::string& name);

// ---- sessions ----
struct Session {
  User user;
  std::string csrf;
  int64_t expires = 0;  // unix seconds
};
// A new session: returns the cookie token (only its sha256 is stored).
std::string create_session(Db& db, int64_t user, const std::string& csrf, int64_t ttl_seconds, const std::string& ip);
std::optional<Session> find_session(Db& db, const std::string& token, int64_t now);
void delete_session(Db& db, const std::string& token);

// ---- audit log ----
struct AuditEntry {
  std::string user;  // empty: no valid session
  std::string ip, method, path, action;
  int status = 0;
  std::string detail;
};
void audit(Db& db, const AuditEntry& e);
nlohmann::json audit_json(Db& db, int limit, int64_t before_id);

// ---- scope ----
// True when a unit (uid) lies in a reviewer's region (the unit's parent path is
// the region or under it).
bool unit_in_region(Db& db, const std::string& unit_uid, const std::string& region);
// The unit's name and region path; nullopt when the uid is not in the unit list.
std::optional<std::pair<std::string, std::string>> unit_info(Db& db, const std::string& uid);

}  // namespace gk::store
