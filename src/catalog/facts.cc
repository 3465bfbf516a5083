#include "catalog/facts.h"

namespace huiqi::catalog {

const char* to_string(DocumentLevel level) {
  switch (level) {
    case DocumentLevel::national:
      return "national";
    case DocumentLevel::provincial:
      return "provincial";
    case DocumentLevel::city:
      return "city";
    case DocumentLevel::county:
      return "county";
    case DocumentLevel::other:
      return "other";
    case DocumentLevel::unknown:
      break;
  }
  return "unknown";
}

const char* to_string(Status status) {
  switch (status) {
    case Status::active:
      return "active";
    case Status::expired:
      return "expired";
    case Status::not_yet:
      return "not_yet";
    case Status::long_term:
      return "long_term";
    case Status::unknown:
      break;
  }
  return "unknown";
}

std::optional<DocumentLevel> parse_document_level(std::string_view name) {
  for (DocumentLevel level :
       {DocumentLevel::national, DocumentLevel::provincial, DocumentLevel::city,
        DocumentLevel::county, DocumentLevel::other, DocumentLevel::unknown}) {
    if (name == to_string(level)) return level;
  }
  return std::nullopt;
}

std::optional<Status> parse_status(std::string_view name) {
  for (Status status :
       {Status::active, Status::expired, Status::not_yet, Status::long_term, Status::unknown}) {
    if (name == to_string(status)) return status;
  }
  return std::nullopt;
}

const char* to_string(BenefitKind kind) {
  switch (kind) {
    case BenefitKind::direct:
      return "direct";
    case BenefitKind::service:
      return "service";
    case BenefitKind::task:
      break;
  }
  return "task";
}

std::optional<BenefitKind> parse_benefit_kind(std::string_view name) {
  for (BenefitKind kind : {BenefitKind::direct, BenefitKind::service, BenefitKind::task}) {
    if (name == to_string(kind)) return kind;
  }
  return std::nullopt;
}

Status Facts::status_on(const std::string& date) const {
  // ISO dates compare correctly as strings.
  if (!valid_from.empty() && date < valid_from) return Status::not_yet;
  if (!valid_until.empty()) return date <= valid_until ? Status::active : Status::expired;
  if (validity_unresolved) return Status::unknown;
  return Status::long_term;
}

}  // namespace huiqi::catalog
