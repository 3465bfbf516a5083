// Realistic synthetic registries for tests and benchmarks: the mix of a prefecture-level city
// like Liaoyang (个体工商户 the majority; retail, catering and services first among them; trade,
// manufacturing and business services among enterprises), heavy-tailed sizes, and facts left
// unknown at a chosen rate, as real registries leave them.
//
// The sequence depends only on the seed (its own generator, no std:: distributions), so a seed
// names the same registry on every run. Not thread-safe; one generator per thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "match/profile.h"

namespace huiqi::match {

class IndustryCatalog;

struct SyntheticOptions {
  std::uint64_t seed = 20230731;
  //! Probability that an optional fact (anything but entity type, industry and region) is left
  //! unknown.
  double unknown_rate = 0.2;
  //! Share of businesses registered outside Liaoyang (a registry extract is never clean).
  double outside_rate = 0.02;
};

class SyntheticRegistry {
 public:
  SyntheticRegistry(const IndustryCatalog& industries, SyntheticOptions options = {});

  //! The next profile; its id is "S" and its 1-based number.
  Profile next();
  //! Profiles generated so far.
  std::uint64_t count() const { return count_; }

 private:
  std::uint64_t bits();
  double uniform();  // [0, 1)
  bool chance(double p);
  double lognormal(double median, double sigma);
  std::size_t pick(const std::vector<double>& weights);
  std::string pick_class(const std::string& prefix);

  const IndustryCatalog& industries_;
  SyntheticOptions options_;
  std::uint64_t state_[4];
  std::uint64_t count_ = 0;
  // class codes ("H6210") by their division ("62")
  std::vector<std::pair<std::string, std::vector<std::string>>> classes_;
};

}  // namespace huiqi::match
