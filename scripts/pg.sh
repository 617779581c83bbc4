#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests, under a build folder:
#   scripts/pg.sh start DIR   # initdb (first time) and start; prints the URL
#   scripts/pg.sh url DIR     # prints the URL (postgresql://gongkai@/gongkai?host=DIR/pg)
#   scripts/pg.sh stop DIR    # stops it (the data stays until DIR is removed)
# Debian's postgresql package (scripts/packages.txt). Unix socket in DIR/pg, no
# TCP, trust authentication, fsync off: nothing here is meant to outlive a test
# run. PostgreSQL refuses to run as root: as root, the cluster belongs to
# `nobody`, and its folder to that user.
# Exit 3 when PostgreSQL is not installed (callers skip the PostgreSQL tests).
set -euo pipefail
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "用法：scripts/pg.sh start|stop|url 目录" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pg="$dir/pg"
data="$pg/data"
url="postgresql://gongkai@/gongkai?host=$pg"

if [ "$cmd" = url ]; then
  echo "$url"
  exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "scripts/pg.sh：未安装 PostgreSQL（Debian 软件包 postgresql），PostgreSQL 测试无法运行" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$pg"
    if [ "$(id -u)" = 0 ]; then
      chown nobody "$pg"
      # nobody must reach the folder through its parents.
      p="$pg"
      while [ "$p" != / ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
    fi
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "$url"
      exit 0
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" -U gongkai --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg/initdb.log" 2>&1 || {
        cat "$pg/initdb.log" >&2
        exit 1
      }
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$pg/server.log" -w -t 60 \
      -o "-k $pg -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || {
      cat "$pg/server.log" >&2
      exit 1
    }
    if ! "$bin/psql" -h "$pg" -U gongkai -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname='gongkai'" | grep -q 1; then
      "$bin/createdb" -h "$pg" -U gongkai gongkai
    fi
    echo "$url"
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  *)
    echo "用法：scripts/pg.sh start|stop|url 目录" >&2
    exit 2
    ;;
esac
