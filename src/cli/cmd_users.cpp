// gongkai users add|list|passwd|disable|enable: the accounts of
// `gongkai serve --accounts` (store/accounts.h). Passwords are read from the
// terminal (not echoed, asked twice) or, when standard input is not a
// terminal, from its first line; never from the command line, where other
// users of the machine could read them.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "store/accounts.h"
#include "store/schema.h"

namespace gk::cli {

namespace {

constexpr const char* kUsersHelp =
    "用法：gongkai users <子命令> --db 语料库 [参数…]\n\n"
    "管理 gongkai serve --accounts 的账号（保存在语料库数据库中）。\n"
    "  add 用户名 --role 角色 [--region 地区] [--unit 单位编号]\n"
    "               角色：admin（管理员）、reviewer（审核人，管一个地区及其下级，--region 为\n"
    "               单位名单中的地区路径，如 青山市/青山县）、clerk（填报人，一个单位，--unit 为\n"
    "               单位名单中的单位编号）\n"
    "  list         列出账号\n"
    "  passwd 用户名  设置新密码（该用户已登录的会话全部失效）\n"
    "  disable 用户名 停用账号（会话全部失效）；enable 用户名 重新启用\n\n"
    "密码从终端读入（不回显，输入两次）；标准输入不是终端时读第一行。密码至少 8 个字符。\n";

std::string read_password(bool confirm) {
  if (isatty(0)) {
    termios old{};
    tcgetattr(0, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    auto ask = [&](const char* prompt) {
      std::fputs(prompt, stderr);
      tcsetattr(0, TCSANOW, &quiet);
      std::string s;
      std::getline(std::cin, s);
      tcsetattr(0, TCSANOW, &old);
      std::fputs("\n", stderr);
      return s;
    };
    std::string a = ask("密码：");
    if (confirm && ask("再输入一次：") != a) throw std::runtime_error("两次输入的密码不一致");
    return a;
  }
  std::string s;
  if (!std::getline(std::cin, s)) throw std::runtime_error("标准输入上没有密码");
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace

int cmd_users(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--role", "--region", "--unit"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kUsersHelp, stdout);
    return 0;
  }
  if (!p.error.empty() || p.positional.empty() || !p.get("--db")) {
    std::fprintf(stderr, "gongkai users：%s\n\n%s",
                 !p.error.empty() ? p.error.c_str() : "需要子命令和 --db。", kUsersHelp);
    return 2;
  }
  const std::string sub = p.positional[0];
  auto need_name = [&]() -> const std::string* {
    if (p.positional.size() != 2) {
      std::fprintf(stderr, "gongkai users %s：需要一个用户名。\n\n%s", sub.c_str(), kUsersHelp);
      return nullptr;
    }
    return &p.positional[1];
  };
  try {
    store::Db db = store::open_corpus(*p.get("--db"), true);
    if (sub == "add") {
      const std::string* name = need_name();
      if (!name) return 2;
      if (!p.get("--role")) {
        std::fprintf(stderr, "gongkai users add：需要 --role（admin、reviewer 或 clerk）。\n");
        return 2;
      }
      auto role = store::parse_role(*p.get("--role"));
      if (!role) {
        std::fprintf(stderr, "gongkai users add：不认识的角色“%s”（应为 admin、reviewer 或 clerk）。\n",
                     p.get("--role")->c_str());
        return 2;
      }
      std::string scope = *role == store::Role::Reviewer ? (p.get("--region") ? *p.get("--region") : "")
                          : *role == store::Role::Clerk  ? (p.get("--unit") ? *p.get("--unit") : "")
                                                         : "";
      if (*role == store::Role::Admin && (p.get("--region") || p.get("--unit"))) {
        std::fprintf(stderr, "gongkai users add：管理员不属于地区或单位，不要给 --region / --unit。\n");
        return 2;
      }
      std::string pw = read_password(true);
      auto u = store::add_user(db, *name, *role, scope, pw);
      std::printf("已添加%s“%s”%s\n", store::role_name_zh(u.role), u.name.c_str(),
                  !u.region.empty() ? ("（地区 " + u.region + "）").c_str()
                  : !u.unit.empty() ? ("（单位 " + u.unit + "）").c_str()
                                    : "");
      return 0;
    }
    if (sub == "list") {
      auto users = store::list_users(db);
      if (users.empty()) std::printf("还没有账号。用 gongkai users add 添加。\n");
      for (const auto& u : users)
        std::printf("%s\t%s\t%s\t%s\t%s\n", u.name.c_str(), store::role_name_zh(u.role),
                    !u.region.empty() ? u.region.c_str() : !u.unit.empty() ? u.unit.c_str() : "—",
                    u.disabled ? "已停用" : "启用", u.created_at.c_str());
      return 0;
    }
    if (sub == "passwd") {
      const std::string* name = need_name();
      if (!name) return 2;
      if (!store::find_user(db, *name)) throw store::DbError("没有用户“" + *name + "”");
      store::set_password(db, *name, read_password(true));
      std::printf("已为“%s”设置新密码，其已登录的会话已失效。\n", name->c_str());
      return 0;
    }
    if (sub == "disable" || sub == "enable") {
      const std::string* name = need_name();
      if (!name) return 2;
      store::set_disabled(db, *name, sub == "disable");
      std::printf(sub == "disable" ? "已停用“%s”，其会话已失效。\n" : "已重新启用“%s”。\n", name->c_str());
      return 0;
    }
    std::fprintf(stderr, "gongkai users：不认识的子命令“%s”。\n\n%s", sub.c_str(), kUsersHelp);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai users %s：%s\n", sub.c_str(), e.what());
    return 2;
  }
}

}  // namespace gk::cli
