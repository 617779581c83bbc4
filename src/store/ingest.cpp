#include "store/ingest.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "pipeline.h"
#include "read/reader.h"
#include "store/corpus.h"
#include "store/region_tables.h"
#include "util/cpu_time.h"
#include "util/sha256.h"

namespace gk::store {

namespace {

using Clock = std::chrono::steady_clock;

// Remote: the content was claimed and stored (or failed) by another process.
enum class Kind { Parsed, Failed, Known, Dup, Unchanged, Remote };

struct Msg {
  Kind kind;
  FileInfo file;
  std::optional<Report> report;
  std::optional<StoredForm> form;  // computed by the worker, so the writer only binds
  bool ok = true;
  std::string error;
  bool dup_resolved = false;  // Dup: ok/error already known (else: original still being parsed)
};

// Bounded queue: workers block when the writer falls behind (keeps memory flat).
class Queue {
 public:
  explicit Queue(size_t cap) : cap_(cap) {}
  void push(Msg m) {
    std::unique_lock lk(mu_);
    not_full_.wait(lk, [&] { return q_.size() < cap_; });
    q_.push_back(std::move(m));
    not_empty_.notify_one();
  }
  // Waits up to `wait`; nullopt on timeout or when closed and empty.
  std::optional<Msg> pop(std::chrono::milliseconds wait) {
    std::unique_lock lk(mu_);
    not_empty_.wait_for(lk, wait, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return std::nullopt;
    Msg m = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return m;
  }
  void close() {
    std::lock_guard lk(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  bool drained() {
    std::lock_guard lk(mu_);
    return closed_ && q_.empty();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Msg> q_;
  size_t cap_;
  bool closed_ = false;
};

Report parse_record_json(std::string_view bytes, const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes);
  } catch (const std::exception& e) {
    throw ReadError(std::string("不是有效的 JSON 记录：") + e.what());
  }
  try {
    return report_from_record(j.dump());
  } catch (const std::exception& e) {
    throw ReadError(std::string("记录格式有误：") + e.what());
  }
}

// What the workers and the writer share to tell duplicates apart without a
// set of every content hash seen (memory stays flat in the corpus size):
// contents being parsed now and contents resolved in the open batch. What
// earlier batches committed, each worker finds in the database itself.
struct Shared {
  std::mutex mu;
  std::unordered_set<std::string> inflight;                             // claimed by a worker
  std::unordered_map<std::string, std::pair<bool, std::string>> batch;  // resolved, not yet committed
  uint64_t generation = 0;                                              // bumped at every commit
  std::atomic<int64_t> first_id{INT64_MAX};  // reports stored in this run have ids from here on
  std::unordered_set<std::string> failed_run;  // contents that failed in this run (few, kept to count their copies)
};

struct KnownContent {
  bool ok;
  std::string error;
  int64_t report_id;  // ok: the stored report's id
};

// A worker's own read connection: what is done, from committed data.
class Lookup {
 public:
  // `claimer`: this process's name in the claims table; empty: no claims (one writer).
  Lookup(const std::string& db_path, const std::string& pv, std::string claimer = {})
      : db_(db_path, false), pv_(pv), claimer_(std::move(claimer)) {
    if (claimer_.empty()) db_.set_query_only();
    if (db_.dialect().wal) db_.exec("PRAGMA cache_size=-2048");
  }
  // Takes the content for this process (committed at once): unclaimed, or its
  // claim older than `timeout` and not done. A claim that is done although its
  // content is not stored (`stale_done`) is taken too.
  // `dead_holder`: the claim of a process known to be gone (on this host) is taken at once.
  bool claim(const std::string& sha, double timeout, bool stale_done, const std::string& dead_holder = {}) {
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    auto& st = db_.cached(
        "INSERT INTO claims(sha256, parser_version, claimed_by, claimed_at) VALUES (?,?,?,?) "
        "ON CONFLICT(sha256, parser_version) DO UPDATE SET claimed_by=excluded.claimed_by, "
        "claimed_at=excluded.claimed_at, done=0, taken_over=claims.taken_over+1 WHERE (claims.done=0 AND claims.claimed_at < ?) OR "
        "(claims.done=1 AND ?=1) OR (claims.done=0 AND claims.claimed_by=?) RETURNING claimed_by");
    st.bind(1, sha).bind(2, pv_).bind(3, claimer_).bind(4, now);
    st.bind(5, now - static_cast<int64_t>(timeout)).bind(6, stale_done ? 1 : 0).bind(7, dead_holder);
    bool ours = st.step() && st.str(0) == claimer_;
    st.reset();
    return ours;
  }
  // Who holds the claim on a content, and whether it is done (its outcome committed).
  std::pair<std::string, bool> holder(const std::string& sha) {
    auto& st = db_.cached("SELECT claimed_by, done FROM claims WHERE sha256=? AND parser_version=?");
    st.bind(1, sha).bind(2, pv_);
    std::pair<std::string, bool> out;
    if (st.step()) out = {st.str(0), st.i64(1) == 1};
    st.reset();
    return out;
  }
  // The path is stored at this parser version, with this size and mtime, and done.
  bool unchanged(const FileInfo& f) {
    auto& st = db_.cached(
        "SELECT size, mtime FROM files f WHERE path=?1 AND parser_version=?2 AND sha256 IS NOT NULL AND "
        "(status='failed' OR EXISTS (SELECT 1 FROM reports r WHERE r.sha256=f.sha256 AND r.parser_version=?2))");
    st.bind(1, f.path).bind(2, pv_);
    bool same = st.step() && st.i64(0) == f.size && st.i64(1) == f.mtime;
    st.reset();
    return same;
  }
  // The content is stored, or recorded as failed, at this parser version.
  std::optional<KnownContent> known(const std::string& sha) {
    std::optional<KnownContent> out;
    auto& r = db_.cached("SELECT id FROM reports WHERE sha256=? AND parser_version=?");
    r.bind(1, sha).bind(2, pv_);
    if (r.step()) out = KnownContent{true, "", r.i64(0)};
    r.reset();
    if (out) return out;
    auto& f = db_.cached("SELECT error FROM files WHERE sha256=? AND status='failed' AND parser_version=? LIMIT 1");
    f.bind(1, sha).bind(2, pv_);
    if (f.step()) out = KnownContent{false, f.str(0), -1};
    f.reset();
    return out;
  }

 private:
  Db db_;
  std::string pv_;
  std::string claimer_;
};

std::string host_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "?");
  return host;
}

// This process among others writing one corpus: host, pid, start time.
std::string claimer_name() {
  return host_name() + ":" + std::to_string(::getpid()) + ":" +
         std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}

// A claimer on this host whose process is gone (a rerun after a kill need not
// wait for the timeout). Other hosts' claims are judged by the timeout alone.
bool claimer_is_dead_here(const std::string& claimer) {
  size_t a = claimer.find(':'), b = claimer.find(':', a == std::string::npos ? a : a + 1);
  if (a == std::string::npos || b == std::string::npos || claimer.substr(0, a) != host_name()) return false;
  long pid = std::strtol(claimer.c_str() + a + 1, nullptr, 10);
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// Copies committed WAL frames into the database file on its own connection and
// thread. With SQLite's autocheckpoint the commit that crossed the threshold
// did it, writes and fsync included, while the queue filled and every worker
// waited; here the writer only asks for a pass after each commit.
class Checkpointer {
 public:
  explicit Checkpointer(const std::string& path) : db_(path, false), thread_([this] { run(); }) {}
  ~Checkpointer() { stop(); }
  void kick() {
    {
      std::lock_guard lk(mu_);
      kicked_ = true;
    }
    cv_.notify_one();
  }
  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lk(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // Frames in the WAL at the last pass: the writer checkpoints itself when the
  // passes cannot keep the log from growing.
  int64_t wal_frames() const { return wal_frames_.load(); }

 private:
  void run() {
    std::unique_lock lk(mu_);
    while (!stop_) {
      cv_.wait_for(lk, std::chrono::seconds(1), [&] { return kicked_ || stop_; });
      if (stop_) break;
      kicked_ = false;
      lk.unlock();
      try {
        auto st = db_.prepare("PRAGMA wal_checkpoint(PASSIVE)");
        if (st.step()) wal_frames_ = st.i64(1);
      } catch (...) {
        // A pass that fails leaves the frames in the WAL; the next one or the writer copies them.
      }
      lk.lock();
    }
  }

  Db db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool kicked_ = false, stop_ = false;
  std::atomic<int64_t> wal_frames_{0};
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

IngestSummary ingest(const std::vector<std::string>& files, const std::string& db_path,
                     const IngestOptions& opt) {
  const std::string pv = opt.parser_version.empty() ? std::string(kParserVersion) : opt.parser_version;
  // The side file is read first: a bad one stops the run before anything is written.
  std::vector<PublicationRow> publications;
  if (!opt.publications_file.empty()) publications = read_publications(opt.publications_file);
  Corpus corpus(db_path);
  if (!publications.empty()) {
    Tx tx(corpus.db());
    put_publications(corpus.db(), publications);
    tx.commit();
  }
  // SQLite: the Checkpointer copies the WAL into the database file (PostgreSQL has its own).
  std::optional<Checkpointer> checkpointer;
  if (corpus.db().dialect().wal) {
    corpus.db().exec("PRAGMA wal_autocheckpoint=0");
    checkpointer.emplace(db_path);
  }

  IngestSummary sum;
  IngestProgress& pr = sum.counts;
  pr.total = files.size();
  const auto t0 = Clock::now();

  int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (jobs < 1) jobs = 1;
  jobs = static_cast<int>(std::min<size_t>(static_cast<size_t>(jobs), std::max<size_t>(1, files.size())));

  Queue queue(static_cast<size_t>(jobs) * 8);
  std::atomic<size_t> next{0};
  Shared shared;
  const ReadLimits limits;

  std::atomic<int64_t> workers_cpu_ns{0};
  // Other processes may write this corpus (PostgreSQL): contents are claimed.
  const bool claims = corpus.db().dialect().many_writers;
  const std::string claimer = claims ? claimer_name() : std::string();
  // Contents another live process holds are set aside (bytes kept, up to a
  // bound) and taken up after the last file: processes walking the same files
  // pass each other instead of waiting on each other's batches.
  std::mutex defer_mu;
  std::vector<std::pair<Msg, std::string>> deferred;
  size_t deferred_bytes = 0;
  constexpr size_t kDeferBytes = size_t{256} << 20;
  std::atomic<int> first_pass{jobs};
  auto worker_loop = [&] {
    Lookup lookup(db_path, pv, claimer);
    bool in_first_pass = true;
    for (;;) {
      size_t i = next.fetch_add(1);
      Msg m;
      std::string bytes;
      bool claimed = false, deferred_item = false;
      if (i >= files.size()) {
        if (in_first_pass) in_first_pass = false, --first_pass;
        std::unique_lock lk(defer_mu);
        if (deferred.empty()) {
          if (first_pass.load() == 0) return;
          lk.unlock();
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        m = std::move(deferred.back().first);
        bytes = std::move(deferred.back().second);
        deferred.pop_back();
        deferred_bytes -= bytes.size();
        deferred_item = claimed = true;  // still held in this process (shared.inflight)
      } else {
      m.file.path = files[i];
      struct stat st {};
      if (::stat(m.file.path.c_str(), &st) == 0) {
        m.file.size = static_cast<int64_t>(st.st_size);
        m.file.mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        if (lookup.unchanged(m.file)) {
          m.kind = Kind::Unchanged;
          queue.push(std::move(m));
          continue;
        }
      }
      try {
        bytes = slurp_file(m.file.path, limits.max_file_bytes);
      } catch (const std::exception& e) {
        m.kind = Kind::Failed;
        m.ok = false;
        m.error = e.what();
        queue.push(std::move(m));
        continue;
      }
      m.file.size = static_cast<int64_t>(bytes.size());
      m.file.sha256 = sha256_hex(bytes);
      // Committed content is in the database; the open batch and the contents
      // being parsed are in `shared`. A commit between the two looks would hide
      // a content from both, so look again when one happened.
      for (;;) {
        uint64_t gen;
        {
          std::lock_guard lk(shared.mu);
          gen = shared.generation;
        }
        std::optional<KnownContent> k = lookup.known(m.file.sha256);
        std::lock_guard lk(shared.mu);
        if (k) {
          m.ok = k->ok, m.error = k->error;
          // Stored or failed earlier in this same run: a duplicate of a file read just before.
          bool this_run = k->ok ? k->report_id >= shared.first_id : shared.failed_run.count(m.file.sha256) > 0;
          m.kind = this_run ? Kind::Dup : Kind::Known;
          m.dup_resolved = true;
        } else if (auto b = shared.batch.find(m.file.sha256); b != shared.batch.end()) {
          m.kind = Kind::Dup, m.ok = b->second.first, m.error = b->second.second, m.dup_resolved = true;
        } else if (shared.inflight.count(m.file.sha256)) {
          m.kind = Kind::Dup;  // the writer links it when its original is resolved
        } else if (shared.generation != gen) {
          continue;
        } else {
          shared.inflight.insert(m.file.sha256);
          claimed = true;
        }
        break;
      }
      }  // a new file
      // Claimed in this process; now among all processes: wait while another
      // one holds the content, and take it over when its claim grows stale.
      bool set_aside = false;
      while (claimed && claims && !lookup.claim(m.file.sha256, opt.claim_timeout_seconds, false)) {
        auto [by, done] = lookup.holder(m.file.sha256);
        if (std::optional<KnownContent> k = lookup.known(m.file.sha256)) {
          m.kind = Kind::Remote, m.ok = k->ok, m.error = k->error;
          claimed = false;
        } else if (done && lookup.claim(m.file.sha256, opt.claim_timeout_seconds, true)) {
          break;  // done, yet nothing stored (e.g. removed since): ours to parse again
        } else if (!done && claimer_is_dead_here(by) &&
                   lookup.claim(m.file.sha256, opt.claim_timeout_seconds, false, by)) {
          break;  // its process was killed on this machine
        } else {
          if (!deferred_item) {
            std::lock_guard lk(defer_mu);
            if (deferred_bytes + bytes.size() <= kDeferBytes) {
              deferred_bytes += bytes.size();
              deferred.emplace_back(std::move(m), std::move(bytes));
              set_aside = true;
              break;
            }
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
      if (set_aside) continue;
      if (!claimed) {
        queue.push(std::move(m));
        continue;
      }
      try {
        Report r;
        if (opt.parser) r = opt.parser(bytes, m.file.path);
        else if (opt.json_records) r = parse_record_json(bytes, m.file.path);
        else r = parse_bytes(bytes, m.file.path);
        r.sha256 = m.file.sha256;
        if (r.path.empty() || opt.json_records) r.path = m.file.path;
        m.form = stored_form(r);
        m.kind = Kind::Parsed;
        m.report = std::move(r);
      } catch (const ReadError& e) {
        m.kind = Kind::Failed, m.ok = false, m.error = e.what();
      } catch (const std::exception& e) {
        m.kind = Kind::Failed, m.ok = false, m.error = std::string("内部错误：") + e.what();
      } catch (...) {
        m.kind = Kind::Failed, m.ok = false, m.error = "内部错误：未知异常";
      }
      queue.push(std::move(m));
    }
  };
  auto worker = [&] {
    double c0 = thread_cpu_seconds();
    worker_loop();
    workers_cpu_ns += static_cast<int64_t>((thread_cpu_seconds() - c0) * 1e9);
  };
  const double writer_c0 = thread_cpu_seconds();

  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(jobs));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  std::thread closer([&] {
    for (auto& t : threads) t.join();
    queue.close();
  });

  // The writer: this thread owns the connection.
  std::unordered_map<std::string, std::vector<FileInfo>> pending_dups;  // originals still being parsed
  size_t in_batch = 0;
  constexpr size_t kRefreshEvery = 16;
  size_t since_refresh = 0;
  auto batch_start = Clock::now();
  auto last_progress = Clock::now() - std::chrono::seconds(1);

  auto ensure_tx = [&] {
    if (!corpus.in_transaction()) {
      corpus.begin();
      batch_start = Clock::now();
      in_batch = 0;
    }
  };
  auto commit = [&] {
    corpus.commit();
    {
      std::lock_guard lk(shared.mu);
      shared.batch.clear();
      ++shared.generation;
    }
    // The passes copy frames but never let the log start over (the writer is
    // always a step ahead): past ~64 MiB, restart it here, which bounds the WAL
    // file. Most frames are already copied, so this waits little.
    if (checkpointer) {
      if (checkpointer->wal_frames() > 16384) corpus.db().exec("PRAGMA wal_checkpoint(RESTART)");
      checkpointer->kick();
    }
  };
  auto resolve = [&](const std::string& sha, bool ok, const std::string& err) {
    if (sha.empty()) return;
    {
      std::lock_guard lk(shared.mu);
      shared.inflight.erase(sha);
      shared.batch[sha] = {ok, err};
      if (!ok) shared.failed_run.insert(sha);
    }
    auto it = pending_dups.find(sha);
    if (it == pending_dups.end()) return;
    for (const auto& f : it->second) corpus.put_file(f, ok, err, pv), ++in_batch;
    pending_dups.erase(it);
  };
  // A duplicate whose original was being parsed when the worker looked: resolved
  // since (in the open batch, or committed), or still pending.
  auto resolution = [&](const std::string& sha) -> std::optional<std::pair<bool, std::string>> {
    {
      std::lock_guard lk(shared.mu);
      if (auto b = shared.batch.find(sha); b != shared.batch.end()) return b->second;
    }
    auto& st = corpus.db().cached("SELECT status, error FROM files WHERE sha256=? AND parser_version=? LIMIT 1");
    st.bind(1, sha).bind(2, pv);
    std::optional<std::pair<bool, std::string>> out;
    if (st.step()) out.emplace(st.str(0) == "ok", st.is_null(1) ? std::string() : st.str(1));
    st.reset();
    return out;
  };
  // Marks this process's claim done in the open transaction (so it commits with
  // the report); false when another process took the content over meanwhile.
  auto claim_still_ours = [&](const std::string& sha) {
    corpus.db()
        .cached("UPDATE claims SET done=1 WHERE sha256=? AND parser_version=? AND claimed_by=? AND done=0")
        .bind(1, sha).bind(2, pv).bind(3, claimer).run();
    return corpus.db().changes() == 1;
  };
  auto report_progress = [&](bool force) {
    if (!opt.progress) return;
    auto now = Clock::now();
    if (!force && now - last_progress < std::chrono::milliseconds(200)) return;
    last_progress = now;
    pr.seconds = std::chrono::duration<double>(now - t0).count();
    opt.progress(pr);
  };

  try {
    for (;;) {
      std::optional<Msg> m = queue.pop(std::chrono::milliseconds(100));
      if (m) {
        ++pr.done;
        switch (m->kind) {
          case Kind::Unchanged:
            ++pr.skipped;
            break;
          case Kind::Parsed: {
            ensure_tx();
            if (claims && !claim_still_ours(m->file.sha256)) {
              // Taken over by another process while this one parsed: its report is the one kept.
              corpus.put_file(m->file, true, "", pv);
              ++in_batch, ++pr.skipped;
              resolve(m->file.sha256, true, "");
              break;
            }
            int64_t id = corpus.put_report(std::move(*m->report), std::move(*m->form), m->file, pv);
            if (id < shared.first_id) shared.first_id = id;
            ++in_batch, ++pr.parsed;
            // Link years a few reports at a time rather than all at commit: a whole
            // batch's links at once kept this thread busy long enough to fill the
            // queue and stall every worker.
            if (++since_refresh >= kRefreshEvery) corpus.refresh_cross_year(), since_refresh = 0;
            resolve(m->file.sha256, true, "");
            break;
          }
          case Kind::Failed:
            ensure_tx();
            if (claims && !m->file.sha256.empty()) claim_still_ours(m->file.sha256);
            corpus.put_file(m->file, false, m->error, pv);
            ++in_batch, ++pr.failed;
            sum.failures.emplace_back(m->file.path, m->error);
            resolve(m->file.sha256, false, m->error);
            break;
          case Kind::Remote:
            ensure_tx();
            corpus.put_file(m->file, m->ok, m->error, pv);
            ++in_batch, ++pr.skipped;
            resolve(m->file.sha256, m->ok, m->error);
            break;
          case Kind::Known:
            ensure_tx();
            corpus.put_file(m->file, m->ok, m->error, pv);
            ++in_batch, ++pr.skipped;
            break;
          case Kind::Dup: {
            ++pr.skipped, ++pr.duplicates;
            ensure_tx();
            std::optional<std::pair<bool, std::string>> r;
            if (m->dup_resolved) r.emplace(m->ok, m->error);
            else r = resolution(m->file.sha256);
            if (r) {
              corpus.put_file(m->file, r->first, r->second, pv);
              ++in_batch;
            } else {
              pending_dups[m->file.sha256].push_back(m->file);
            }
            break;
          }
        }
      }
      if (corpus.in_transaction() &&
          (in_batch >= opt.batch_files || Clock::now() - batch_start >= std::chrono::duration<double>(opt.batch_seconds)))
        commit();
      report_progress(false);
      if (!m && queue.drained()) break;
    }
    // Every claimed sha has been resolved by now; anything left would be a bug,
    // but never lose a path: record it as failed.
    for (auto& [sha, fs] : pending_dups)
      for (const auto& f : fs) {
        ensure_tx();
        corpus.put_file(f, false, "内部错误：重复文件的原件未入库", pv);
      }
    pending_dups.clear();
    if (corpus.in_transaction()) commit();
    corpus.begin();
    sum.orphans_removed = corpus.remove_orphans();
    corpus.commit();
  } catch (...) {
    try {
      corpus.rollback();
    } catch (...) {
    }
    queue.close();
    next.store(files.size());
    {
      std::lock_guard lk(defer_mu);
      deferred.clear();
    }
    // Drain so blocked workers can finish.
    while (!queue.drained()) queue.pop(std::chrono::milliseconds(10));
    closer.join();
    throw;
  }
  closer.join();
  pr.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  report_progress(true);
  sum.writer_cpu_seconds = thread_cpu_seconds() - writer_c0;
  sum.workers_cpu_seconds = static_cast<double>(workers_cpu_ns.load()) * 1e-9;

  // Findings of the reports parsed in this run (ids from first_id on), cross-year
  // ones included: one pass in report order, so memory holds one report's rules
  // (COUNT(DISTINCT report) would build a temporary table of every report).
  if (shared.first_id != INT64_MAX) {
    auto st = corpus.db().prepare(
        "SELECT report, rule_base, severity FROM diagnostics WHERE report >= ? "
        "AND severity IN ('error','warning') ORDER BY report");
    st.bind(1, shared.first_id.load());
    std::set<std::pair<std::string, std::string>> rules;  // of the current report
    int64_t current = -1;
    auto flush = [&] {
      bool err = false, warn = false;
      for (const auto& [rule, sev] : rules) {
        ++sum.findings_by_rule[rule][sev];
        (sev == "error" ? err : warn) = true;
      }
      sum.reports_with_errors += err;
      sum.reports_with_warnings += warn;
      rules.clear();
    };
    while (st.step()) {
      if (st.i64(0) != current) flush(), current = st.i64(0);
      rules.emplace(st.str(1), st.str(2));
    }
    flush();
  }
  return sum;
}

}  // namespace gk::store
