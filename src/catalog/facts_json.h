// The JSON form of extracted facts: how the store keeps them and how `show --json` and the API
// show them. facts_from_json(to_json(f)) == f for every Facts f.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/facts.h"

namespace huiqi::catalog {

//! {"documents": [...], "cited_documents": [...], "departments": [...], "beneficiaries": [...],
//!  "industries": [...], "forms": [...], "amounts": [...], "times": [...], "actionable": true,
//!  "benefit_kind": "direct", "actionability_evidence": [...], "valid_from": "",
//!  "valid_until": "", "validity_unresolved": false}. Every fact has an "evidence" object
//! {"field", "begin", "end", "phrase"}; enums are their to_string() names; an amount's absent
//! "high" is null. Evidence phrases are the item's raw text: when that is not valid UTF-8 (ingest
//! never lets such text in), dump with nlohmann::json::error_handler_t::replace.
nlohmann::json to_json(const Facts& facts);
nlohmann::json to_json(const Evidence& evidence);

//! Reads what to_json() writes. Missing keys take their default; a key of the wrong type or an
//! unknown enum name throws UserError ("invalid-facts-json") naming the key.
Facts facts_from_json(const nlohmann::json& json);

}  // namespace huiqi::catalog
