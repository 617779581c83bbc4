// Parallel map with output in input order and bounded memory: `jobs` worker
// threads take items 0..n-1 in turn and compute work(i); the calling thread
// hands the results to emit(i, result) strictly in index order. At most
// `window` results wait to be emitted: a worker that runs ahead of the
// slowest item by that many waits, so a corpus of any size holds only a few
// results (and the files behind them) in memory at once.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace gk {

inline int default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(std::min(n, 64u)) : 1;
}

// jobs <= 0: every core. With one job (or one item) everything runs on the
// calling thread.
template <class Work, class Emit>
void run_in_order(size_t n, int jobs, Work work, Emit emit, size_t window = 0) {
  using Result = std::invoke_result_t<Work&, size_t>;
  if (jobs <= 0) jobs = default_jobs();
  jobs = static_cast<int>(std::min<size_t>(static_cast<size_t>(jobs), std::max<size_t>(n, 1)));
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) {
      Result r = work(i);
      emit(i, r);
    }
    return;
  }
  if (window == 0) window = static_cast<size_t>(jobs) * 4;
  std::vector<std::optional<Result>> slots(window);
  std::mutex m;
  std::condition_variable ready_cv, room_cv;
  size_t next = 0, emitted = 0;
  bool stop = false;

  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lk(m);
        room_cv.wait(lk, [&] { return stop || next >= n || next < emitted + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Result r = work(i);
      {
        std::lock_guard lk(m);
        slots[i % window].emplace(std::move(r));
      }
      ready_cv.notify_one();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(jobs));
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
  try {
    for (size_t e = 0; e < n; ++e) {
      std::optional<Result> r;
      {
        std::unique_lock lk(m);
        ready_cv.wait(lk, [&] { return slots[e % window].has_value(); });
        r.swap(slots[e % window]);
        ++emitted;
      }
      room_cv.notify_all();
      emit(e, *r);
    }
  } catch (...) {
    {
      std::lock_guard lk(m);
      stop = true;
    }
    room_cv.notify_all();
    for (auto& t : threads) t.join();
    throw;
  }
  for (auto& t : threads) t.join();
}

}  // namespace gk
