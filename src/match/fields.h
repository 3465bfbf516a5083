// The profile fields rules can test, by their dotted JSON path ("premises.rents_state_owned"),
// with their kind, their Chinese label and the question that asks for them.
//
// The table is code because each field is bound to a member of Profile; data/profile.schema.json
// documents the same fields (a unit test keeps the two in step). Everything here is immutable
// and safe to use from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/error.h"
#include "match/profile.h"

namespace huiqi::match {

//! Every field a rule may test. `size` is derived (the stated class, else the SME standard's);
//! `text` fields are carried but never tested.
enum class Field : std::uint8_t {
  entity_type,
  ownership,
  industry,
  region,
  established,
  employees,
  revenue_10k_yuan,
  assets_10k_yuan,
  size_class,
  above_designated_size,
  revenue_growth_pct,
  certifications,
  trade_exporter,
  trade_importer,
  trade_imports_exports_last_year_10k_usd,
  trade_exports_last_year_10k_usd,
  trade_export_credit_insured,
  trade_export_credit_premium_10k_yuan,
  trade_imports_bulk_commodities,
  premises_rents_state_owned,
  premises_rents_private,
  premises_monthly_rent_yuan,
  premises_in_incubator,
  hiring_new_hires_this_year,
  hiring_graduates_this_year,
  hiring_hard_to_employ,
  hiring_registered_unemployed,
  hiring_no_or_few_layoffs,
  social_insurance_insured,
  social_insurance_unemployment_insurance_paid_last_year_10k_yuan,
  finance_has_bank_loan,
  finance_loan_interest_paid_10k_yuan,
  finance_seeking_loan_10k_yuan,
  finance_seeking_guarantee_10k_yuan,
  finance_bond_financing_10k_yuan,
  investment_equipment_10k_yuan,
  investment_fixed_assets_10k_yuan,
  investment_cold_storage_10k_yuan,
  deposits_travel_quality_10k_yuan,
  tax_has_vat_credit,
  plans,
  affected_by_epidemic,
  in_difficulty,
  epidemic_supplies,
  in_litigation,
  size,  //!< derived: the effective size class (not a JSON field)
  count_
};

inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::count_);

enum class FieldKind : std::uint8_t {
  boolean,  //!< std::optional<bool>
  number,   //!< std::optional<double>
  choice,   //!< one value of a vocabulary (entity_type, ownership, size_class)
  code,     //!< a hierarchical code (industry, region): tested by prefix
  set,      //!< several values of a vocabulary (certifications, plans)
  text,     //!< carried, never tested (established)
  size,     //!< the derived size class
};

//! A vocabulary value: its JSON spelling, Chinese label and, for sets, the question asking it.
struct Choice {
  std::string_view value;
  std::string_view label;
  std::string_view question;
};

struct FieldInfo {
  Field id;
  std::string_view path;  //!< dotted JSON path; also the CSV column name
  FieldKind kind;
  std::string_view label;     //!< Chinese label (承租国有房屋)
  std::string_view question;  //!< Chinese question (是否承租国有房屋…?)
  std::string_view unit;      //!< 人, 万元, 元, 万美元, %; empty if none
  //! For amounts: yuan per unit of the field (10000 for *_10k_yuan, 1 for *_yuan), else 0.
  double yuan_per_unit = 0;
  bool allow_negative = false;
  std::span<const Choice> choices;  //!< choice and set fields
};

//! Every field in enum order (size last).
std::span<const FieldInfo> all_fields();
const FieldInfo& info(Field field);
//! The field for a dotted path ("trade.exporter"), or for "size"; nullptr when there is none.
const FieldInfo* find_field(std::string_view path);
//! The index of value in field's vocabulary; nullopt when absent.
std::optional<int> choice_index(Field field, std::string_view value);

//! Typed views of a profile's fields; each returns nullopt when the fact is unknown or the field
//! has another kind.
std::optional<bool> get_bool(const Profile& profile, Field field);
std::optional<double> get_number(const Profile& profile, Field field);
//! A choice field's index into its vocabulary.
std::optional<int> get_choice(const Profile& profile, Field field);
//! A code field's canonical text.
const std::optional<std::string>& get_code(const Profile& profile, Field field);
//! A set field as a bit mask over its vocabulary (bit i = choices[i]).
std::optional<std::uint64_t> get_set(const Profile& profile, Field field);

//! Writable slots of the same (nullptr for a field of another kind).
std::optional<bool>* bool_slot(Profile& profile, Field field);
std::optional<double>* number_slot(Profile& profile, Field field);
std::optional<std::string>* code_slot(Profile& profile, Field field);
std::optional<std::vector<std::string>>* set_slot(Profile& profile, Field field);
//! Sets a choice field from its vocabulary index (nullopt clears it).
void set_choice(Profile& profile, Field field, std::optional<int> index);

//! Sets one field from a JSON value with the checks of parse_profile(); errors name `where`. For
//! readers that get fields one by one (CSV columns). Throws UserError.
void set_field(Profile& profile, Field field, const nlohmann::json& value,
               const IndustryCatalog& industries, const Location& where);

//! "是" / "否" for booleans, "8" / "60万元" for numbers, labels for choices and sets, codes as
//! written; "未知" when unknown.
std::string display_value(const Profile& profile, Field field);

//! A number the way Chinese text writes it: "8", "12.5", "1000".
std::string format_number(double value);

}  // namespace huiqi::match
