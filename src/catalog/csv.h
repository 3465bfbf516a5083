// Lists as CSV, the form spreadsheets open and CsvParser reads back.
#pragma once

#include <string>
#include <string_view>

#include "catalog/model.h"

namespace huiqi::catalog {

//! The list's items as RFC 4180 CSV: the header "category,seq,title,content,basis,departments",
//! then one record per item in list order. Fields holding a comma, a quote, CR or LF are quoted
//! (quotes doubled); records end with LF; UTF-8 without a BOM. List metadata is not written.
//! ingest::CsvParser reads the six columns of every item back unchanged.
std::string to_csv(const PolicyList& list);

//! One field as to_csv() writes it: quoted only when it has to be.
std::string csv_field(std::string_view value);

}  // namespace huiqi::catalog
