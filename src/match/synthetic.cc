#include "match/synthetic.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "match/industries.h"

namespace huiqi::match {

namespace {

struct Weighted {
  const char* division;
  double weight;
};

// Industry mixes by division. Individual businesses are mostly shops, eateries and services;
// enterprises spread over trade, manufacturing, business services and construction, roughly as
// in a northern prefecture-level city's registry.
const std::vector<Weighted> kIndividual = {
    {"52", 40}, {"62", 14}, {"80", 9}, {"81", 6}, {"54", 8}, {"51", 6}, {"61", 2}, {"01", 3},
    {"03", 2},  {"72", 2},  {"50", 3}, {"13", 1}, {"14", 1}, {"90", 1}, {"88", 1}, {"83", 1}};
const std::vector<Weighted> kEnterprise = {
    {"51", 14}, {"52", 8}, {"13", 2}, {"14", 1}, {"26", 3},  {"30", 2}, {"31", 1}, {"33", 3},
    {"34", 2},  {"35", 2}, {"36", 1}, {"38", 1}, {"72", 10}, {"71", 3}, {"73", 1}, {"74", 3},
    {"75", 3},  {"47", 2}, {"48", 3}, {"50", 2}, {"65", 5},  {"64", 2}, {"70", 3}, {"54", 3},
    {"58", 1},  {"59", 1}, {"62", 3}, {"61", 1}, {"01", 2},  {"03", 1}, {"05", 1}, {"86", 1},
    {"88", 1},  {"89", 1}, {"80", 2}, {"81", 1}, {"44", 1},  {"67", 1}, {"83", 1}};
const std::vector<Weighted> kCooperative = {{"01", 60}, {"03", 25}, {"05", 5}, {"13", 10}};
const std::vector<Weighted> kSocial = {{"95", 70}, {"85", 15}, {"83", 15}};

// 白塔, 文圣, 宏伟, 弓长岭, 太子河, 辽阳县, 灯塔.
const std::vector<std::string> kRegions = {"211002", "211003", "211004", "211005",
                                           "211011", "211021", "211081"};
const std::vector<double> kRegionWeights = {22, 15, 10, 5, 10, 19, 19};
const std::vector<std::string> kOutside = {"210102", "210202", "210302", "211000"};

std::vector<double> weights_of(const std::vector<Weighted>& mix) {
  std::vector<double> out;
  for (const Weighted& w : mix) out.push_back(w.weight);
  return out;
}

std::uint64_t splitmix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

SyntheticRegistry::SyntheticRegistry(const IndustryCatalog& industries, SyntheticOptions options)
    : industries_(industries), options_(options) {
  std::uint64_t seed = options.seed;
  for (std::uint64_t& word : state_) word = splitmix(seed);
  for (std::size_t i = 0; i < industries.size(); ++i) {
    const std::string& code = industries.code(i);
    if (code.size() != 5) continue;  // classes only: a letter and four digits
    const std::string division = code.substr(1, 2);
    auto it = std::find_if(classes_.begin(), classes_.end(),
                           [&](const auto& entry) { return entry.first == division; });
    if (it == classes_.end()) {
      classes_.emplace_back(division, std::vector<std::string>{});
      it = classes_.end() - 1;
    }
    it->second.push_back(code);
  }
}

// xoshiro256**: small, fast and the same everywhere.
std::uint64_t SyntheticRegistry::bits() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double SyntheticRegistry::uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }

bool SyntheticRegistry::chance(double p) { return uniform() < p; }

double SyntheticRegistry::lognormal(double median, double sigma) {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  return median * std::exp(sigma * normal);
}

std::size_t SyntheticRegistry::pick(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  double r = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

std::string SyntheticRegistry::pick_class(const std::string& division) {
  for (const auto& [name, codes] : classes_) {
    if (name == division)
      return codes[static_cast<std::size_t>(uniform() * static_cast<double>(codes.size()))];
  }
  return *industries_.canonical(division);  // a division without classes (none in the standard)
}

Profile SyntheticRegistry::next() {
  Profile p;
  ++count_;
  p.id = "S" + std::to_string(count_);
  const double q = options_.unknown_rate;
  const auto known = [&] { return !chance(q); };
  const auto round = [](double v) { return std::round(v * 10) / 10; };

  const double r = uniform();
  const EntityType entity = r < 0.68    ? EntityType::individual_business
                            : r < 0.97  ? EntityType::enterprise
                            : r < 0.995 ? EntityType::farmer_cooperative
                                        : EntityType::social_organization;
  const bool firm = entity == EntityType::enterprise;
  const bool individual = entity == EntityType::individual_business;
  if (!chance(0.01)) p.entity_type = entity;

  const std::vector<Weighted>& mix = individual                                 ? kIndividual
                                     : firm                                     ? kEnterprise
                                     : entity == EntityType::farmer_cooperative ? kCooperative
                                                                                : kSocial;
  const std::string division = mix[pick(weights_of(mix))].division;
  std::string industry = pick_class(division);
  // Some registries only hold the division or the section.
  if (chance(0.03)) industry = industry.substr(0, 3);
  if (chance(0.01)) industry = industry.substr(0, 1);
  if (!chance(0.01)) p.industry = industry;
  const char section = industry[0];

  if (!chance(0.01)) {
    p.region = chance(options_.outside_rate) ? kOutside[pick({1, 1, 1, 1})]
                                             : kRegions[pick(kRegionWeights)];
  }

  // Sizes: heavy-tailed, larger for enterprises.
  double employees = individual ? 1 + std::floor(lognormal(2, 0.7))
                     : firm     ? 1 + std::floor(lognormal(12, 1.4))
                                : 1 + std::floor(lognormal(6, 0.8));
  employees = std::min(employees, 30000.0);
  const double revenue = round(individual ? lognormal(40, 1.0)
                               : firm     ? employees * lognormal(30, 0.9)
                                          : lognormal(150, 1.0));
  if (known()) p.employees = employees;
  if (known()) p.revenue_10k_yuan = revenue;
  if (known()) p.assets_10k_yuan = round(revenue * lognormal(0.8, 0.8));
  if (chance(0.02)) p.size_class = static_cast<SizeClass>(pick({1, 3, 8, 12}));

  if (known()) {
    if (individual) {
      p.ownership = Ownership::private_;
    } else if (entity == EntityType::farmer_cooperative) {
      p.ownership = Ownership::collective;
    } else if (firm) {
      p.ownership =
          static_cast<Ownership>(std::array<int, 5>{2, 0, 3, 1, 4}[pick({88, 4, 2.5, 2.5, 3})]);
    }
  }
  if (known()) p.above_designated_size = firm && revenue >= 2000;
  if (known()) p.revenue_growth_pct = std::round((uniform() - 0.4) * 600) / 10;

  if (known()) {
    std::vector<std::string> certs;
    if (firm) {
      if (chance(0.03)) certs.emplace_back("tech_sme");
      if (chance(0.015)) certs.emplace_back("high_tech");
      if (chance(0.005)) certs.emplace_back("specialized_new");
      if (chance(0.001)) certs.emplace_back("little_giant");
      if ((section == 'A' || division == "13") && chance(0.03)) {
        certs.emplace_back("agri_leading_provincial");
      }
      if (chance(0.0005)) certs.emplace_back("incubator_city");
      if (chance(0.0003)) certs.emplace_back("ecommerce_live_base");
      if (chance(0.002)) certs.emplace_back("epidemic_key_supplier");
    } else if (individual && chance(0.01)) {
      certs.emplace_back("startup_leader");
    } else if (entity == EntityType::farmer_cooperative && chance(0.02)) {
      certs.emplace_back("agri_leading_city");
    }
    p.certifications = std::move(certs);
  }

  const bool trader = firm && (section == 'C' || division == "51");
  const bool exporter = trader ? chance(0.1) : chance(0.005);
  const bool importer = trader ? chance(0.06) : chance(0.003);
  if (known()) p.trade.exporter = exporter;
  if (known()) p.trade.importer = importer;
  if (known()) {
    p.trade.imports_exports_last_year_10k_usd =
        exporter || importer ? round(lognormal(150, 1.2)) : 0;
  }
  if (known()) p.trade.exports_last_year_10k_usd = exporter ? round(lognormal(120, 1.2)) : 0;
  const bool insured_credit = exporter && chance(0.35);
  if (known()) p.trade.export_credit_insured = insured_credit;
  if (insured_credit && known()) p.trade.export_credit_premium_10k_yuan = round(lognormal(3, 0.8));
  if (known()) p.trade.imports_bulk_commodities = importer && chance(0.05);

  const bool state_premises = chance(0.05);
  if (known()) p.premises.rents_state_owned = state_premises;
  if (known()) p.premises.rents_private = !state_premises && chance(0.5);
  if (known()) {
    p.premises.monthly_rent_yuan =
        std::round(individual ? lognormal(2500, 0.6) : lognormal(15000, 1.0));
  }
  if (known()) p.premises.in_incubator = firm && chance(0.02);

  const double hires = firm && chance(0.6) ? std::floor(lognormal(2, 1.0)) : 0;
  if (known()) p.hiring.new_hires_this_year = hires;
  if (known()) p.hiring.graduates_this_year = hires > 0 && chance(0.15) ? 1 : 0;
  if (known()) p.hiring.hard_to_employ = hires > 0 && chance(0.05) ? 1 : 0;
  if (known()) p.hiring.registered_unemployed = hires > 0 && chance(0.06) ? 1 : 0;
  if (known()) p.hiring.no_or_few_layoffs = chance(0.85);

  const bool insured = firm ? chance(0.9) : chance(0.25);
  if (known()) p.social_insurance.insured = insured;
  if (insured && known()) {
    p.social_insurance.unemployment_insurance_paid_last_year_10k_yuan =
        round(employees * lognormal(0.1, 0.4));
  }

  const bool loan = firm ? chance(0.35) : chance(0.12);
  if (known()) p.finance.has_bank_loan = loan;
  if (loan && known()) p.finance.loan_interest_paid_10k_yuan = round(lognormal(5, 1.0));
  if (known())
    p.finance.seeking_loan_10k_yuan =
        chance(0.15) ? round(lognormal(individual ? 10 : 50, 1.2)) : 0;
  if (known()) p.finance.seeking_guarantee_10k_yuan = chance(0.05) ? round(lognormal(80, 1.0)) : 0;
  if (known())
    p.finance.bond_financing_10k_yuan =
        firm && employees >= 300 && chance(0.05) ? round(lognormal(20000, 1.0)) : 0;

  std::vector<std::string> plans;
  if (firm) {
    if (chance(0.001))
      plans.emplace_back(std::array{"ipo_bse", "ipo_star", "ipo_main"}[pick({1, 1, 1})]);
    if (chance(0.002)) plans.emplace_back("bond_exchange");
    if (exporter && chance(0.2)) plans.emplace_back("overseas_expo");
    if (chance(0.08)) plans.emplace_back("equipment_upgrade");
    if (section == 'E' && chance(0.1)) plans.emplace_back("government_project");
    if (chance(0.04)) plans.emplace_back("government_procurement");
    if (chance(0.01)) plans.emplace_back("ip_pledge_loan");
    if (division == "70" && chance(0.02)) plans.emplace_back("stalled_project");
    if ((section == 'C' || section == 'I' || section == 'M') && chance(0.15))
      plans.emplace_back("rnd");
  }
  if ((section == 'A' || division == "13") && chance(0.05)) plans.emplace_back("cold_storage");
  if (known()) p.plans = plans;
  const auto has_plan = [&](const char* plan) {
    return std::find(plans.begin(), plans.end(), plan) != plans.end();
  };
  if (known())
    p.investment.equipment_10k_yuan =
        has_plan("equipment_upgrade") ? round(lognormal(100, 1.2)) : 0;
  if (known())
    p.investment.fixed_assets_10k_yuan = firm && chance(0.05) ? round(lognormal(200, 1.2)) : 0;
  if (known())
    p.investment.cold_storage_10k_yuan = has_plan("cold_storage") ? round(lognormal(80, 0.8)) : 0;
  if (known())
    p.deposits.travel_quality_10k_yuan = industry == "L7291" ? round(lognormal(20, 0.3)) : 0;
  if (known()) p.tax.has_vat_credit = firm && chance(0.2);

  if (known()) p.affected_by_epidemic = chance(0.35);
  if (known()) p.in_difficulty = chance(0.15);
  if (known()) p.epidemic_supplies = chance(0.01);
  if (known()) p.in_litigation = chance(0.03);
  return p;
}

}  // namespace huiqi::match
