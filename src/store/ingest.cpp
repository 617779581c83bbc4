#include "store/ingest.h"

#include <sys/stat.h>
#include <time.h>

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
#include "util/sha256.h"

namespace gk::store {

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

enum class Kind { Parsed, Failed, Known, Dup, Unchanged };

struct Msg {
  Kind kind;
  FileInfo file;
  std::optional<Report> report;
  std::optional<StoredForm> form;  // computed by the worker, so the writer only binds
  bool ok = true;
  std::string error;
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

}  // namespace

IngestSummary ingest(const std::vector<std::string>& files, const std::string& db_path,
                     const IngestOptions& opt) {
  const std::string pv = opt.parser_version.empty() ? std::string(kParserVersion) : opt.parser_version;
  Corpus corpus(db_path);
  const Snapshot snap = corpus.snapshot(pv);

  IngestSummary sum;
  IngestProgress& pr = sum.counts;
  pr.total = files.size();
  const auto t0 = Clock::now();

  int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (jobs < 1) jobs = 1;
  jobs = static_cast<int>(std::min<size_t>(static_cast<size_t>(jobs), std::max<size_t>(1, files.size())));

  Queue queue(static_cast<size_t>(jobs) * 4);
  std::atomic<size_t> next{0};
  std::mutex claim_mu;
  std::unordered_set<std::string> claimed;
  const ReadLimits limits;

  std::atomic<int64_t> workers_cpu_ns{0};
  auto worker_loop = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      Msg m;
      m.file.path = files[i];
      struct stat st {};
      if (::stat(m.file.path.c_str(), &st) == 0) {
        m.file.size = static_cast<int64_t>(st.st_size);
        m.file.mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      }
      auto known = snap.files.find(m.file.path);
      if (known != snap.files.end() && known->second.size == m.file.size &&
          known->second.mtime == m.file.mtime) {
        m.kind = Kind::Unchanged;
        queue.push(std::move(m));
        continue;
      }
      std::string bytes;
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
      if (snap.ok_sha.count(m.file.sha256)) {
        m.kind = Kind::Known;
        queue.push(std::move(m));
        continue;
      }
      if (auto f = snap.failed_sha.find(m.file.sha256); f != snap.failed_sha.end()) {
        m.kind = Kind::Known;
        m.ok = false;
        m.error = f->second;
        queue.push(std::move(m));
        continue;
      }
      {
        std::lock_guard lk(claim_mu);
        if (!claimed.insert(m.file.sha256).second) {
          m.kind = Kind::Dup;
          queue.push(std::move(m));
          continue;
        }
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
  std::unordered_map<std::string, std::pair<bool, std::string>> resolved;  // sha -> ok, error
  std::unordered_map<std::string, std::vector<FileInfo>> pending_dups;
  std::vector<std::string> run_shas;
  size_t in_batch = 0;
  auto batch_start = Clock::now();
  auto last_progress = Clock::now() - std::chrono::seconds(1);

  auto ensure_tx = [&] {
    if (!corpus.in_transaction()) {
      corpus.begin();
      batch_start = Clock::now();
      in_batch = 0;
    }
  };
  auto resolve = [&](const std::string& sha, bool ok, const std::string& err) {
    if (sha.empty()) return;
    resolved[sha] = {ok, err};
    auto it = pending_dups.find(sha);
    if (it == pending_dups.end()) return;
    for (const auto& f : it->second) corpus.put_file(f, ok, err, pv), ++in_batch;
    pending_dups.erase(it);
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
          case Kind::Parsed:
            ensure_tx();
            corpus.put_report(std::move(*m->report), std::move(*m->form), m->file, pv);
            ++in_batch, ++pr.parsed;
            run_shas.push_back(m->file.sha256);
            resolve(m->file.sha256, true, "");
            break;
          case Kind::Failed:
            ensure_tx();
            corpus.put_file(m->file, false, m->error, pv);
            ++in_batch, ++pr.failed;
            sum.failures.emplace_back(m->file.path, m->error);
            resolve(m->file.sha256, false, m->error);
            break;
          case Kind::Known:
            ensure_tx();
            corpus.put_file(m->file, m->ok, m->error, pv);
            ++in_batch, ++pr.skipped;
            break;
          case Kind::Dup: {
            ++pr.skipped, ++pr.duplicates;
            auto r = resolved.find(m->file.sha256);
            if (r != resolved.end()) {
              ensure_tx();
              corpus.put_file(m->file, r->second.first, r->second.second, pv);
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
        corpus.commit();
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
    if (corpus.in_transaction()) corpus.commit();
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
    // Drain so blocked workers can finish.
    while (!queue.drained()) queue.pop(std::chrono::milliseconds(10));
    closer.join();
    throw;
  }
  closer.join();
  report_progress(true);
  sum.writer_cpu_seconds = thread_cpu_seconds() - writer_c0;
  sum.workers_cpu_seconds = static_cast<double>(workers_cpu_ns.load()) * 1e-9;

  // Findings of the reports parsed in this run, cross-year ones included.
  if (!run_shas.empty()) {
    Db& db = corpus.db();
    db.exec("CREATE TEMP TABLE IF NOT EXISTS run_reports (sha256 TEXT PRIMARY KEY)");
    db.exec("DELETE FROM run_reports");
    db.exec("BEGIN");
    auto ins = db.prepare("INSERT OR IGNORE INTO run_reports VALUES (?)");
    for (const auto& s : run_shas) ins.bind(1, s).run();
    db.exec("COMMIT");
    auto st = db.prepare(
        "SELECT d.rule_base, d.severity, count(DISTINCT d.report) FROM run_reports x "
        "JOIN reports r ON r.sha256=x.sha256 JOIN diagnostics d ON d.report=r.id "
        "WHERE d.severity IN ('error','warning') GROUP BY 1,2");
    while (st.step()) sum.findings_by_rule[st.str(0)][st.str(1)] = static_cast<size_t>(st.i64(2));
    auto c = db.prepare(
        "SELECT count(DISTINCT CASE WHEN d.severity='error' THEN d.report END), "
        "count(DISTINCT CASE WHEN d.severity='warning' THEN d.report END) FROM run_reports x "
        "JOIN reports r ON r.sha256=x.sha256 JOIN diagnostics d ON d.report=r.id");
    if (c.step()) {
      sum.reports_with_errors = static_cast<size_t>(c.i64(0));
      sum.reports_with_warnings = static_cast<size_t>(c.i64(1));
    }
  }
  return sum;
}

}  // namespace gk::store
