// The monitoring snapshot's promises: built once and shared; a write makes
// it stale, the old one is served while one rebuild runs, and the rebuild
// carries the new facts; a new day or old age makes it stale too; a slow
// first build answers "preparing" instead of holding the request.
#include "server/monitor_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace qjy::server {
namespace {

using namespace std::chrono_literals;

// A builder whose "facts" are a counter; it can be held back.
struct FakeFacts {
  std::atomic<int64_t> value{1};
  std::atomic<int> builds{0};
  std::mutex gate;  // held: builds wait
  MonitorCache::Builder Builder() {
    return [this](Date) -> Result<MonitorSnapshot> {
      std::lock_guard lock(gate);
      ++builds;
      MonitorSnapshot s;
      s.data.persons["520102"] = value.load();
      return s;
    };
  }
};

int64_t Value(const MonitorCache::View& v) { return v.snapshot->data.persons.at("520102"); }

// Polls until the cache serves a fresh snapshot.
MonitorCache::View Fresh(MonitorCache& cache) {
  for (int i = 0; i < 500; ++i) {
    auto v = cache.Get(1000ms);
    if (v && v->snapshot && !v->stale) return *v;
    std::this_thread::sleep_for(5ms);
  }
  ADD_FAILURE() << "never fresh";
  return {};
}

TEST(MonitorCacheTest, BuiltOnceThenSharedUntilInvalidated) {
  ManualClock clock(1'750'000'000);
  FakeFacts facts;
  MonitorCache cache(facts.Builder(), clock);
  auto a = cache.Get();
  ASSERT_TRUE(a && a->snapshot);
  EXPECT_FALSE(a->stale);
  auto b = cache.Get();
  ASSERT_TRUE(b && b->snapshot);
  EXPECT_EQ(a->snapshot.get(), b->snapshot.get()) << "the same snapshot, not a rebuild";
  EXPECT_EQ(facts.builds, 1);
  EXPECT_EQ(a->snapshot->built_at, 1'750'000'000);

  // A write: the old snapshot is served, marked stale, while the rebuild
  // (held back here) runs.
  facts.value = 2;
  std::unique_lock hold(facts.gate);
  cache.Invalidate();
  auto c = cache.Get(0ms);
  ASSERT_TRUE(c && c->snapshot);
  EXPECT_TRUE(c->stale);
  EXPECT_EQ(Value(*c), 1);
  cache.Invalidate();  // more writes while it runs: no second build started
  auto d = cache.Get(0ms);
  ASSERT_TRUE(d && d->snapshot);
  EXPECT_EQ(Value(*d), 1);
  hold.unlock();
  auto e = Fresh(cache);
  EXPECT_EQ(Value(e), 2);
  // The build that started before the second Invalidate was stale on
  // arrival: one more ran, three in all.
  EXPECT_EQ(facts.builds, 3);
}

TEST(MonitorCacheTest, NewDayAndAgeMakeItStale) {
  ManualClock clock(1'750'000'000);
  FakeFacts facts;
  MonitorCache cache(facts.Builder(), clock, {.first_wait = 3000ms, .max_age = 600});
  ASSERT_TRUE(Fresh(cache).snapshot);
  clock.Advance(599);
  EXPECT_FALSE(cache.Get()->stale);
  clock.Advance(1);
  facts.value = 5;
  auto old = cache.Get(0ms);
  ASSERT_TRUE(old && old->snapshot);
  EXPECT_EQ(Fresh(cache).snapshot->data.persons.at("520102"), 5);
  clock.Advance(86'400);  // tomorrow
  facts.value = 6;
  EXPECT_EQ(Value(Fresh(cache)), 6);
  EXPECT_EQ(Fresh(cache).snapshot->today, Date::InChina(clock.Now()));
}

TEST(MonitorCacheTest, SlowFirstBuildAnswersPreparing) {
  ManualClock clock(1'750'000'000);
  FakeFacts facts;
  MonitorCache cache(facts.Builder(), clock, {.first_wait = 20ms, .max_age = 600});
  std::unique_lock hold(facts.gate);
  auto v = cache.Get();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->snapshot, nullptr);
  hold.unlock();
  EXPECT_EQ(Value(Fresh(cache)), 1);
}

TEST(MonitorCacheTest, FailedBuildIsAnErrorAndRetried) {
  ManualClock clock(1'750'000'000);
  std::atomic<int> calls{0};
  MonitorCache cache(
      [&](Date) -> Result<MonitorSnapshot> {
        if (calls++ == 0) return Fail(ErrorCode::kIo, "disk");
        return MonitorSnapshot{};
      },
      clock);
  auto first = cache.Get();
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().message, "disk");
  auto second = cache.Get();
  ASSERT_TRUE(second);
  EXPECT_NE(second->snapshot, nullptr);
}

// Many readers while writes invalidate: every answer is a whole snapshot
// (run under the sanitizer build to check the locking).
TEST(MonitorCacheTest, ConcurrentReadersAndWriters) {
  ManualClock clock(1'750'000'000);
  FakeFacts facts;
  MonitorCache cache(facts.Builder(), clock);
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (t == 0) {
          facts.value = i;
          cache.Invalidate();
        }
        auto v = cache.Get(50ms);
        if (!v || (v->snapshot && v->snapshot->data.persons.size() != 1)) ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad, 0);
  facts.value = 1000;
  cache.Invalidate();
  EXPECT_EQ(Value(Fresh(cache)), 1000);
}

}  // namespace
}  // namespace qjy::server
