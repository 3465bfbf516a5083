// The domain model: a published policy list, its versions and its items.
#pragma once

#include <string>
#include <vector>

namespace huiqi::catalog {

//! What a list says about itself (the lines above its table) plus its stable id.
struct ListInfo {
  std::string id;         //!< stable id, e.g. "liaoyang-2023-07-31"
  std::string title;      //!< 辽阳市小微企业、个体工商户扶持政策事项清单
  std::string issuer;     //!< 来源, e.g. 辽阳市市场监管局
  std::string region;     //!< GB/T 2260 code or place name when known
  std::string published;  //!< 发布时间 as YYYY-MM-DD, empty when unknown
  std::string source;     //!< where the list came from (URL or file name)

  bool operator==(const ListInfo&) const = default;
};

//! The lines of the source file an item was read from (1-based, inclusive; 0 when not known).
struct SourceLines {
  int first = 0;
  int last = 0;

  bool operator==(const SourceLines&) const = default;
};

//! One row of a list: the six published columns, kept as written (trimmed, wraps joined).
struct Item {
  std::string id;        //!< "<list-id>/<seq>"
  int seq = 0;           //!< 序号 as published
  std::string category;  //!< 政策类别
  std::string title;     //!< 扶持政策事项
  std::string content;   //!< 政策内容
  std::string basis;     //!< 政策依据, raw
  std::string departments;  //!< 实施部门, raw (e.g. "责任单位:市财政局、…" without the label)
  SourceLines lines;

  //! Equality of the published content (id and source lines are where it came from, not what).
  bool same_content(const Item& other) const {
    return seq == other.seq && category == other.category && title == other.title &&
           content == other.content && basis == other.basis && departments == other.departments;
  }
  bool operator==(const Item&) const = default;
};

struct PolicyList {
  ListInfo info;
  std::vector<Item> items;
};

//! One stored edition of a list.
struct ListVersion {
  ListInfo info;
  int version = 0;           //!< 1, 2, … per list id
  std::string content_hash;  //!< SHA-256 of the canonical content (see content_hash())
  std::string imported_at;   //!< UTC, ISO 8601
  std::string format;        //!< the source format: text, html, csv or json
  int item_count = 0;
};

//! "<list-id>/<seq>".
std::string make_item_id(const std::string& list_id, int seq);

//! A hash of what the list publishes (its info except source, and its items' six columns), so
//! the same edition read from another file or format is recognized as unchanged.
std::string content_hash(const PolicyList& list);

}  // namespace huiqi::catalog
