// The enterprise profile matching reads: who the business is (entity type, ownership, industry,
// region, size), what it has (certifications, trade, premises, hiring, finance, investment) and
// what it plans. data/profile.schema.json documents the JSON form for outside callers.
//
// A missing fact is unknown, never "no": every fact is a std::optional, and a set (certifications,
// plans) that is absent is unknown while an empty one is "none".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/size_class.h"

namespace huiqi::match {

class IndustryCatalog;

enum class EntityType : std::uint8_t {
  enterprise,           //!< 企业 (any legal-person enterprise)
  individual_business,  //!< 个体工商户
  farmer_cooperative,   //!< 农民专业合作社
  social_organization,  //!< 社会组织
};

enum class Ownership : std::uint8_t {
  state,       //!< 国有
  collective,  //!< 集体
  private_,    //!< 民营 ("private" in JSON)
  foreign,     //!< 外资, including Hong Kong, Macao and Taiwan
  mixed,       //!< 混合所有制
};

struct Trade {
  std::optional<bool> exporter;
  std::optional<bool> importer;
  std::optional<double> imports_exports_last_year_10k_usd;
  std::optional<double> exports_last_year_10k_usd;
  std::optional<bool> export_credit_insured;  //!< holds short-term export credit insurance
  std::optional<double> export_credit_premium_10k_yuan;
  std::optional<bool> imports_bulk_commodities;  //!< iron ore, crude oil, …

  bool operator==(const Trade&) const = default;
};

struct Premises {
  std::optional<bool> rents_state_owned;  //!< from a state-owned enterprise or public body
  std::optional<bool> rents_private;
  std::optional<double> monthly_rent_yuan;
  std::optional<bool> in_incubator;

  bool operator==(const Premises&) const = default;
};

struct Hiring {
  std::optional<double> new_hires_this_year;
  std::optional<double> graduates_this_year;
  std::optional<double> hard_to_employ;
  std::optional<double> registered_unemployed;
  std::optional<bool> no_or_few_layoffs;

  bool operator==(const Hiring&) const = default;
};

struct SocialInsurance {
  std::optional<bool> insured;  //!< the employer pays unemployment insurance (参保单位)
  std::optional<double> unemployment_insurance_paid_last_year_10k_yuan;

  bool operator==(const SocialInsurance&) const = default;
};

struct Finance {
  std::optional<bool> has_bank_loan;
  std::optional<double> loan_interest_paid_10k_yuan;
  std::optional<double> seeking_loan_10k_yuan;
  std::optional<double> seeking_guarantee_10k_yuan;
  std::optional<double> bond_financing_10k_yuan;

  bool operator==(const Finance&) const = default;
};

struct Investment {
  std::optional<double> equipment_10k_yuan;
  std::optional<double> fixed_assets_10k_yuan;
  std::optional<double> cold_storage_10k_yuan;

  bool operator==(const Investment&) const = default;
};

struct Deposits {
  std::optional<double> travel_quality_10k_yuan;  //!< 旅游服务质量保证金

  bool operator==(const Deposits&) const = default;
};

struct Tax {
  std::optional<bool> has_vat_credit;  //!< 增值税留抵税额

  bool operator==(const Tax&) const = default;
};

//! One business. Plain data: copy it, compare it, share it read-only between threads.
struct Profile {
  std::string id;      //!< the caller's identifier (registry number, row id); may be empty
  std::string name;    //!< 名称; for display only
  std::string source;  //!< where it was read ("profile.json", "registry.csv")
  int line = 0;        //!< line in source (batch input), 0 when not applicable

  std::optional<EntityType> entity_type;
  std::optional<Ownership> ownership;
  //! GB/T 4754-2017 code in the canonical form of IndustryCatalog::canonical(): the section
  //! letter and the digits ("H6210", "H62", "H").
  std::optional<std::string> industry;
  //! GB/T 2260 code, six digits.
  std::optional<std::string> region;
  std::optional<std::string> established;  //!< YYYY-MM-DD
  std::optional<double> employees;
  std::optional<double> revenue_10k_yuan;
  std::optional<double> assets_10k_yuan;
  //! The class the business states; when absent it is computed from the indicators.
  std::optional<SizeClass> size_class;
  std::optional<bool> above_designated_size;  //!< 规模以上 / 限额以上
  std::optional<double> revenue_growth_pct;   //!< year on year, may be negative
  std::optional<std::vector<std::string>> certifications;
  Trade trade;
  Premises premises;
  Hiring hiring;
  SocialInsurance social_insurance;
  Finance finance;
  Investment investment;
  Deposits deposits;
  Tax tax;
  std::optional<std::vector<std::string>> plans;
  std::optional<bool> affected_by_epidemic;
  std::optional<bool> in_difficulty;
  std::optional<bool> epidemic_supplies;
  std::optional<bool> in_litigation;

  bool operator==(const Profile&) const = default;
};

//! Reads a profile from its JSON form (data/profile.schema.json). Throws huiqi::UserError naming
//! source, line and the field's dotted path for: wrong types ("profile-type"), unknown keys
//! ("profile-unknown-field"; keys starting with "x-" or "x_" are allowed and ignored), values not
//! in a vocabulary ("profile-unknown-value"), an unknown industry or malformed region code
//! ("profile-industry", "profile-region"), negative counts or amounts ("profile-negative"). null
//! means unknown, like an absent key. Uses the bundled industry catalog (default_industries()).
Profile parse_profile(const nlohmann::json& json, const std::string& source);
//! The same with an explicit catalog and the line to report (batch input).
Profile parse_profile(const nlohmann::json& json, const std::string& source,
                      const IndustryCatalog& industries, int line = 0);
//! Parses JSON text first; malformed JSON throws UserError "profile-json" with the byte offset.
Profile parse_profile_text(std::string_view text, const std::string& source);
Profile parse_profile_text(std::string_view text, const std::string& source,
                           const IndustryCatalog& industries, int line = 0);

//! The JSON form: unknown facts are left out, so parse_profile(to_json(p)) == p up to source/line.
nlohmann::json to_json(const Profile& profile);

}  // namespace huiqi::match
