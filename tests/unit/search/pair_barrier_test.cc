#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "search/helper_thread.h"

namespace huiqi::search {
namespace {

// Each thread writes its own slot of a phase, then reads the other's after the barrier: every
// read must see the write of the same phase.
TEST(PairBarrier, EachPhaseSeesTheOtherThreadsWrites) {
  constexpr int kPhases = 2000;
  PairBarrier barrier;
  std::array<std::array<int, 2>, kPhases> written{};
  std::array<int, 2> mismatches{};
  auto run = [&](int self) {
    for (int p = 0; p < kPhases; ++p) {
      written[p][self] = p + 1;
      barrier.arrive_and_wait();
      if (written[p][1 - self] != p + 1) ++mismatches[self];
    }
  };
  std::thread other(run, 1);
  run(0);
  other.join();
  EXPECT_EQ(mismatches[0], 0);
  EXPECT_EQ(mismatches[1], 0);
}

// A thread that drops out (as the helper does when its half of a search fails) releases the
// other from the wait it is in and from every later one.
TEST(PairBarrier, DroppingReleasesTheOtherThreadForGood) {
  PairBarrier barrier;
  int waits = 0;
  std::thread other([&] {
    for (int i = 0; i < 5; ++i) {
      barrier.arrive_and_wait();
      ++waits;
    }
  });
  barrier.arrive_and_wait();
  barrier.arrive_and_drop();
  other.join();
  EXPECT_EQ(waits, 5);
}

}  // namespace
}  // namespace huiqi::search
