// gongkai serve: the case register's API (/api/register/…), added to the
// server by serve.cpp in one call. The pages are web/register.js.
#pragma once

#include <mutex>
#include <string>

namespace httplib {
class Server;
}

namespace gk::serve {

struct RegisterRoutes {
  std::string db;          // corpus database; empty: the routes answer 404
  bool read_only = false;  // refuse imports and saves
  std::mutex* write_mutex = nullptr;
};

void add_register_routes(httplib::Server& svr, const RegisterRoutes& cfg);

}  // namespace gk::serve
