// Internal: the data behind search::Index, shared by index.cc (build), search.cc (query) and
// highlight.cc. Not an interface.
//
// Postings are compressed (about 2.5 bytes a posting with its positions, against 12 + 4 a
// position as plain arrays): one byte array for all terms, each term's postings in document order,
// in blocks of kBlock postings with a skip entry per block (the block's last document and where it
// begins). A block of m postings is
//   5 bytes      bits per document delta (bd), per position (bp), 1 when the block has escaped
//                codes, bits per previous / next character index (0 unless a bigram term)
//   m × bd bits  document − previous posting's document (the term's first: the document)
//   codes        term frequency codes, c < 255 → every occurrence in one field, kTf.field[c],
//                and kTf.count[c] (1…51) of them; 255 (escape) → see the next section. As a
//                byte d, the block's d distinct codes, then m indexes among them of
//                bit_width(d − 1) bits each
//   escapes      for each escaped posting, in order, a byte with a bit per field present, then
//                the count of each of those fields (varints)
//   bp bits each the positions of the postings, in order: each posting's field by field
//                (ascending), as positions in the field, ascending
//   for a bigram term, two more sections, one value per position: the index in the term's
//   dictionary of the character before it (when the bigram before it exists, i.e. the
//   character is a CJK character touching it; else 0), then of the character after it (when the
//   bigram after it exists). So one posting list proves three bigrams (four characters) of a
//   phrase, and a four-character word is matched on one list instead of three.
// A cursor decodes a block's documents at once and the start of each posting's positions when
// they are first asked for, so moving through a block, seeking in it and reading positions are
// array operations.
//
// Highlights map positions back to raw bytes through a compact slot map (about a byte a
// position): per document and raw field the slots of text::normalize + slots(), each as the gap
// from the previous slot's end and its length.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/string_hash.h"
#include "search/index.h"
#include "search/tokenizer.h"

namespace huiqi::search {

enum Field : std::uint8_t { kTitle, kContent, kBasis, kDepartments, kFacts };
constexpr int kFieldCount = 5;
constexpr int kRawFieldCount = 4;  // fields whose first segment is the item's raw text
const char* field_name(int field);

enum Facet : std::uint8_t {
  kCategory,
  kDepartment,
  kDocument,
  kLevel,
  kBeneficiary,
  kIndustry,
  kForm,
  kYear,
  kList
};
constexpr int kStoredFacetCount = 9;  // status is computed per as_of
const char* facet_name(int facet);

// A position in a document: field in the top bits, position within the field below.
constexpr int kFieldShift = 24;
constexpr std::uint32_t kPosMask = (1u << kFieldShift) - 1;
inline std::uint32_t field_of(std::uint32_t fieldpos) { return fieldpos >> kFieldShift; }

// ---- varints (LEB128) ----

inline void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

inline std::uint32_t get_varint(const std::uint8_t*& p) {
  std::uint32_t v = *p++;
  if (v < 0x80) return v;
  v &= 0x7F;
  for (int shift = 7;; shift += 7) {
    const std::uint32_t b = *p++;
    v |= (b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
}

// ---- postings ----

constexpr std::uint32_t kBlock = 64;
constexpr std::uint8_t kTfEscape = 255;
constexpr std::uint32_t kTfMaxSingle = 51;  // counts 1…51 in one field fit the code byte
inline std::uint8_t tf_code(int field, std::uint32_t count) {
  return static_cast<std::uint8_t>(static_cast<std::uint32_t>(field) * kTfMaxSingle + count - 1);
}

struct TermPostings {
  std::uint64_t offset = 0;  // into Data::post_bytes
  std::uint32_t df = 0;      // documents
  std::uint32_t skip = 0;    // first skip entry in Data::skips (ceil(df / kBlock) of them)
  // A bigram's neighbour dictionaries: Data::neighbours[prev .. prev + prev_size) are the term
  // ids of the characters seen before it (index i + 1 in the postings), likewise next.
  std::uint32_t prev = 0;
  std::uint32_t prev_size = 0;
  std::uint32_t next = 0;
  std::uint32_t next_size = 0;
};

struct Skip {
  std::uint32_t last_doc;  // document of the block's last posting
  std::uint32_t offset;    // where the block begins, relative to the term's offset
};

//! BM25F: field weight / length normalization, so that tf~ = Σ fw[f] · tf_f.
using FieldWeights = std::array<float, kFieldCount>;

//! Validity as integers (YYYYMMDD) for a fast status on a date; `exact` false when a date in
//! the facts is not YYYY-MM-DD, and Facts::status_on must be asked instead.
struct Validity {
  std::int32_t from = 0;
  std::int32_t until = 0;
  bool unresolved = false;
  bool exact = true;
};

//! YYYYMMDD of a YYYY-MM-DD date, 0 for an empty string, -1 for anything else.
std::int32_t date_number(const std::string& date);

//! Facts::status_on(date) for a document, date given as date_number().
inline catalog::Status status_on(const Validity& v, std::int32_t date) {
  if (v.from != 0 && date < v.from) return catalog::Status::not_yet;
  if (v.until != 0) return date <= v.until ? catalog::Status::active : catalog::Status::expired;
  if (v.unresolved) return catalog::Status::unknown;
  return catalog::Status::long_term;
}

struct Index::Data {
  std::vector<Document> documents;
  std::vector<FieldWeights> fw;
  std::vector<Validity> validity;
  std::vector<double> amount_cap;         // largest cap in 元 per document, -1 when none
  std::vector<std::uint32_t> until_rank;  // order of valid_until (ascending, empty last)
  std::vector<std::uint32_t> list_of;     // list id (Data::lists) per document
  std::vector<std::string> lists;

  //! Facet values of document d: the set facet_set[d], whose values are
  //! set_values[set_start[s] .. set_start[s + 1]), global value ids (facet_base[facet] + the
  //! value's id in the facet), ascending (so grouped by facet). Documents share sets (the same
  //! category, departments, documents…), so a search counts each hit once, in its set, and
  //! each set hit once into its values.
  std::vector<std::uint32_t> facet_set;
  std::vector<std::uint32_t> set_start;
  std::vector<std::uint32_t> set_values;
  const std::uint32_t* values_begin(std::uint32_t doc) const {
    return set_values.data() + set_start[facet_set[doc]];
  }
  const std::uint32_t* values_end(std::uint32_t doc) const {
    return set_values.data() + set_start[facet_set[doc] + 1];
  }
  std::vector<std::uint8_t> facet_of;  // global value id → facet
  std::array<std::uint32_t, kStoredFacetCount + 1> facet_base{};
  std::array<std::vector<std::string>, kStoredFacetCount> facet_values;  // id → display value
  std::array<std::unordered_map<std::string, std::uint32_t>, kStoredFacetCount> facet_lookup;

  //! Terms: unigrams, bigrams, ASCII words, numbers and unit signs (tokenizer.h), and the
  //! dictionary's words of three or more Chinese characters, indexed whole where they stand
  //! (their postings are those of the phrase, which the search then reads as one list).
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> term_ids;
  std::vector<std::string_view> term_text;  // term id → its key in term_ids
  std::vector<TermPostings> terms;
  std::vector<Skip> skips;
  std::vector<std::uint8_t> post_bytes;

  std::vector<std::uint32_t> neighbours;  // see TermPostings

  //! Slot maps: document d's are at slot_bytes[slot_offset[d] ..]: per raw field varint(slot
  //! count), varint(byte length), then the slots (see SlotReader).
  std::vector<std::uint64_t> slot_offset;
  std::vector<std::uint8_t> slot_bytes;

  Synonyms synonyms;
  IndexStats stats;

  // The term id of a folded term, or kNoTerm.
  static constexpr std::uint32_t kNoTerm = 0xFFFFFFFFu;
  std::uint32_t term(std::string_view t) const {
    auto it = term_ids.find(t);
    return it == term_ids.end() ? kNoTerm : it->second;
  }
  std::uint32_t df(std::uint32_t term) const { return terms[term].df; }

  //! The index of a character (term id) in a bigram's previous / next dictionary, 0 if absent.
  std::uint32_t neighbour(std::uint32_t term, bool next, std::uint32_t character) const {
    const TermPostings& t = terms[term];
    const std::uint32_t begin = next ? t.next : t.prev;
    const std::uint32_t size = next ? t.next_size : t.prev_size;
    for (std::uint32_t i = 0; i < size; ++i) {
      if (neighbours[begin + i] == character) return i + 1;
    }
    return 0;
  }
};

// Decoding tables of the term frequency code byte.
struct TfTables {
  std::array<std::uint8_t, 256> field{};
  std::array<std::uint8_t, 256> count{};
  constexpr TfTables() {
    for (std::uint32_t c = 0; c < 255; ++c) {
      field[c] = static_cast<std::uint8_t>(c / kTfMaxSingle);
      count[c] = static_cast<std::uint8_t>(c % kTfMaxSingle + 1);
    }
  }
};
inline constexpr TfTables kTf{};

// Bytes past the end of Data::post_bytes, so that bit unpacking may read 8 bytes at any offset.
constexpr std::size_t kPostPadding = 8;

// Value J of a group of 8 values of B bits starting at p.
template <unsigned B, unsigned J>
inline std::uint32_t extract_bits(const std::uint8_t* p) {
  constexpr std::uint64_t kMask = (std::uint64_t{1} << B) - 1;
  std::uint64_t w = 0;
  std::memcpy(&w, p + (J * B) / 8, sizeof w);
  return static_cast<std::uint32_t>((w >> ((J * B) % 8)) & kMask);
}

template <unsigned B, unsigned... J>
inline void unpack8(const std::uint8_t* p, std::uint32_t* out,
                    std::integer_sequence<unsigned, J...>) {
  if constexpr (B <= 8) {  // 8 values in one 64-bit word
    constexpr std::uint64_t kMask = (std::uint64_t{1} << B) - 1;
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    ((out[J] = static_cast<std::uint32_t>((w >> (J * B)) & kMask)), ...);
  } else {
    ((out[J] = extract_bits<B, J>(p)), ...);
  }
}

// m values of B bits each from p into out (B ≤ 32; reads up to 8 bytes past the last value).
template <unsigned B>
void unpack_fixed(const std::uint8_t* p, std::uint32_t m, std::uint32_t* out) {
  if constexpr (B == 0) {
    for (std::uint32_t i = 0; i < m; ++i) out[i] = 0;
  } else {
    constexpr std::uint64_t kMask = (std::uint64_t{1} << B) - 1;
    std::uint32_t i = 0;
    for (; i + 8 <= m; i += 8, p += B) {  // 8 values are B bytes
      unpack8<B>(p, out + i, std::make_integer_sequence<unsigned, 8>{});
    }
    for (std::uint32_t bit = 0; i < m; ++i, bit += B) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + bit / 8, sizeof w);
      out[i] = static_cast<std::uint32_t>((w >> (bit % 8)) & kMask);
    }
  }
}

using UnpackFn = void (*)(const std::uint8_t*, std::uint32_t, std::uint32_t*);
template <std::size_t... B>
constexpr std::array<UnpackFn, sizeof...(B)> unpack_table(std::index_sequence<B...>) {
  return {&unpack_fixed<B>...};
}
inline constexpr std::array<UnpackFn, 33> kUnpack = unpack_table(std::make_index_sequence<33>{});

//! Reads one term's postings in document order.
class Cursor {
 public:
  static constexpr std::uint32_t kEnd = 0xFFFFFFFFu;

  Cursor() = default;
  Cursor(const Index::Data& data, std::uint32_t term, std::uint32_t target = 0) {
    reset(data, term, target);
  }

  //! Reads the term's postings from the first whose document is >= target (decoding only the
  //! block that holds it).
  void reset(const Index::Data& data, std::uint32_t term, std::uint32_t target = 0) {
    const TermPostings& t = data.terms[term];
    base_ = data.post_bytes.data() + t.offset;
    skips_ = data.skips.data() + t.skip;
    df_ = t.df;
    blocks_ = (df_ + kBlock - 1) / kBlock;
    if (df_ == 0 || skips_[blocks_ - 1].last_doc < target) {  // at the end, as next() leaves it
      block_ = blocks_ == 0 ? 0 : blocks_ - 1;
      m_ = 1;
      i_ = 0;
      docs_[0] = kEnd;
      doc_ = kEnd;
      return;
    }
    std::uint32_t lo = 0;  // the first block whose last document is >= target
    std::uint32_t hi = blocks_ - 1;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (skips_[mid].last_doc < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    load(lo);
    seek(target);
  }

  std::uint32_t doc() const { return doc_; }
  bool done() const { return doc_ == kEnd; }
  //! The document `ahead` postings further in the current block (its last one at the end).
  std::uint32_t doc_ahead(std::uint32_t ahead) const {
    return docs_[i_ + ahead < m_ ? i_ + ahead : m_ - 1];
  }
  std::uint32_t df() const { return df_; }

  //! Term frequencies of the current posting, 6 bits per field (saturating at 63).
  std::uint32_t packed() {
    if (!codes_ready_) load_codes();
    return packed_[i_];
  }

  //! Number of positions of the current posting.
  std::uint32_t positions() {
    if (!codes_ready_) load_codes();
    return count(i_);
  }

  void next() {
    if (++i_ < m_) {
      doc_ = docs_[i_];
    } else if (block_ + 1 < blocks_) {
      load(block_ + 1);
    } else {
      doc_ = kEnd;
    }
  }

  //! Hands each document from the current posting on that is below end to f(doc), a block
  //! at a time (documents only: nothing else is decoded); leaves the cursor on the first
  //! posting at or past end.
  template <typename F>
  void for_each_doc_before(std::uint32_t end, F&& f) {
    while (doc_ < end) {
      std::uint32_t i = i_;
      for (; i < m_ && docs_[i] < end; ++i) f(docs_[i]);
      if (i < m_) {
        i_ = i;
        doc_ = docs_[i];
      } else if (block_ + 1 < blocks_) {
        load(block_ + 1);
      } else {
        i_ = m_;  // (as next() leaves it)
        doc_ = kEnd;
      }
    }
  }

  //! Moves to the first posting whose document is >= target.
  void seek(std::uint32_t target) {
    if (doc_ >= target) return;
    if (skips_[block_].last_doc < target) {
      seek_block(target);
      if (doc_ == kEnd) return;
    }
    // In the block (its last document is >= target): ahead by eights, then one by one.
    std::uint32_t i = i_;
    while (i + 8 < m_ && docs_[i + 8] < target) i += 8;
    while (docs_[i] < target) ++i;
    i_ = i;
    doc_ = docs_[i];
  }

  //! The current posting's positions (fieldpos, ascending) into out, keeping those whose
  //! previous / next character has the given dictionary index (0: any; filters only for a
  //! bigram term); returns their number.
  std::uint32_t decode_filtered(std::uint32_t* out, std::uint32_t want_prev,
                                std::uint32_t want_next) {
    if (!codes_ready_) load_codes();
    if (sparse_) return decode_sparse(out, want_prev, want_next);
    const std::uint32_t* pos = block_positions();
    const std::uint32_t* prev = want_prev != 0 ? block_neighbours(0) : nullptr;
    const std::uint32_t* next = want_next != 0 ? block_neighbours(1) : nullptr;
    const std::uint8_t code = codes_[i_];
    std::uint32_t index = starts_[i_];
    std::uint32_t n = 0;
    if (code != kTfEscape) {
      const std::uint32_t f = std::uint32_t{kTf.field[code]} << kFieldShift;
      const std::uint32_t end = index + kTf.count[code];
      for (; index < end; ++index) {
        if (prev != nullptr && prev[index] != want_prev) continue;
        if (next != nullptr && next[index] != want_next) continue;
        out[n++] = f | pos[index];
      }
      return n;
    }
    const std::uint32_t* c = escape_counts(i_);
    for (std::uint32_t f = 0; f < kFieldCount; ++f) {
      const std::uint32_t end = index + c[f];
      for (; index < end; ++index) {
        if (prev != nullptr && prev[index] != want_prev) continue;
        if (next != nullptr && next[index] != want_next) continue;
        out[n++] = (f << kFieldShift) | pos[index];
      }
    }
    return n;
  }

  //! The positions of the current posting when they are all in one field and the cursor is
  //! not sparse: indexes [first, first + count) into the block's arrays of positions and, when
  //! asked for, previous / next character indexes. field < 0 otherwise (use decode_filtered).
  struct OneField {
    int field = -1;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    const std::uint32_t* pos = nullptr;
    const std::uint32_t* prev = nullptr;
    const std::uint32_t* next = nullptr;
  };
  OneField one_field(bool with_prev, bool with_next) {
    if (!codes_ready_) load_codes();
    const std::uint8_t code = codes_[i_];
    if (sparse_ || code == kTfEscape) return {};
    OneField f;
    f.field = kTf.field[code];
    f.count = kTf.count[code];
    f.pos = block_positions();  // (computes the starts)
    f.first = starts_[i_];
    if (with_prev) f.prev = block_neighbours(0);
    if (with_next) f.next = block_neighbours(1);
    return f;
  }

  //! Declares that few postings of each block will be read (the cursor is sought in rather than
  //! walked): positions are then read one by one instead of a block at a time.
  void set_sparse(bool sparse) { sparse_ = sparse; }

  //! The positions of the current posting whose neighbours match (as decode_filtered) and
  //! which are at least min_pos, counted per field into tf (saturating at 0xFFFF). Returns the
  //! field when the posting is in one field only (the others' counts are 0), else -1.
  int count_filtered(std::uint32_t want_prev, std::uint32_t want_next, std::uint32_t min_pos,
                     std::array<std::uint16_t, kFieldCount>& tf) {
    if (!codes_ready_) load_codes();
    if (!starts_ready_) compute_starts();
    const std::uint32_t* prev = want_prev != 0 ? block_neighbours(0) : nullptr;
    const std::uint32_t* next = want_next != 0 ? block_neighbours(1) : nullptr;
    const std::uint32_t* pos = min_pos != 0 ? block_positions() : nullptr;
    auto matching = [&](std::uint32_t index, std::uint32_t end) {
      std::uint32_t n = 0;
      for (; index < end; ++index) {
        n += ((prev == nullptr || prev[index] == want_prev) &&
              (next == nullptr || next[index] == want_next) &&
              (pos == nullptr || pos[index] >= min_pos))
                 ? 1u
                 : 0u;
      }
      return static_cast<std::uint16_t>(std::min<std::uint32_t>(n, 0xFFFF));
    };
    const std::uint8_t code = codes_[i_];
    std::uint32_t index = starts_[i_];
    tf = {};
    if (code != kTfEscape) {  // one field
      const int field = kTf.field[code];
      tf[field] = matching(index, index + kTf.count[code]);
      return field;
    }
    const std::uint32_t* c = escape_counts(i_);
    for (int f = 0; f < kFieldCount; ++f) {
      tf[f] = matching(index, index + c[f]);
      index += c[f];
    }
    return -1;
  }

 private:
  std::uint32_t decode_sparse(std::uint32_t* out, std::uint32_t want_prev,
                              std::uint32_t want_next) {
    if (!starts_ready_) compute_starts();
    const std::uint8_t code = codes_[i_];
    std::array<std::uint32_t, kFieldCount> counts{};
    if (code != kTfEscape) {
      counts[kTf.field[code]] = kTf.count[code];
    } else {
      const std::uint32_t* c = escape_counts(i_);
      for (int f = 0; f < kFieldCount; ++f) counts[f] = c[f];
    }
    std::uint32_t index = starts_[i_];
    std::uint32_t n = 0;
    for (std::uint32_t f = 0; f < kFieldCount; ++f) {
      const std::uint32_t end = index + counts[f];
      for (; index < end; ++index) {
        if (want_prev != 0 && read_bits(prev_, index, bprev_) != want_prev) continue;
        if (want_next != 0 && read_bits(next_, index, bnext_) != want_next) continue;
        out[n++] = (f << kFieldShift) | read_bits(positions_, index, bp_);
      }
    }
    return n;
  }

  static std::uint32_t read_bits(const std::uint8_t* p, std::uint32_t index, std::uint32_t bits) {
    const std::uint64_t bit = std::uint64_t{index} * bits;
    std::uint64_t w = 0;
    std::memcpy(&w, p + (bit >> 3), sizeof w);
    return static_cast<std::uint32_t>((w >> (bit & 7u)) & ((std::uint64_t{1} << bits) - 1));
  }

  // The block's positions (in their fields), all postings, decoded on first use.
  const std::uint32_t* block_positions() {
    if (!starts_ready_) compute_starts();
    if (!positions_ready_) {
      if (pos_values_.size() < total_ + 8) pos_values_.resize(total_ + 8);
      kUnpack[bp_](positions_, total_, pos_values_.data());
      positions_ready_ = true;
    }
    return pos_values_.data();
  }

  // The block's previous (side 0) or next (side 1) character indexes, decoded on first use.
  const std::uint32_t* block_neighbours(int side) {
    if (!starts_ready_) compute_starts();
    auto& values = side == 0 ? prev_values_ : next_values_;
    bool& ready = side == 0 ? prev_ready_ : next_ready_;
    if (!ready) {
      if (values.size() < total_ + 8) values.resize(total_ + 8);
      kUnpack[side == 0 ? bprev_ : bnext_](side == 0 ? prev_ : next_, total_, values.data());
      ready = true;
    }
    return values.data();
  }

  std::uint32_t count(std::uint32_t i) const {
    const std::uint8_t code = codes_[i];
    if (code != kTfEscape) return kTf.count[code];
    const std::uint32_t* c = escape_counts(i);
    return c[0] + c[1] + c[2] + c[3] + c[4];
  }

  // The exact counts per field of escaped posting i of the block.
  const std::uint32_t* escape_counts(std::uint32_t i) const {
    return escapes_.data() + kFieldCount * escape_index_[i];
  }

  void seek_block(std::uint32_t target) {
    // Gallop over the skip entries, then binary search.
    std::uint32_t lo = block_ + 1;
    std::uint32_t step = 1;
    std::uint32_t hi = lo;
    while (hi < blocks_ && skips_[hi].last_doc < target) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > blocks_) hi = blocks_;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (skips_[mid].last_doc < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= blocks_) {
      doc_ = kEnd;
      return;
    }
    load(lo);
  }

  void load(std::uint32_t block) {
    block_ = block;
    m_ = block + 1 < blocks_ ? kBlock : df_ - block * kBlock;
    const std::uint8_t* p = base_ + skips_[block].offset;
    const std::uint32_t bd = p[0];
    bp_ = p[1];
    const bool escapes = p[2] != 0;
    bprev_ = p[3];
    bnext_ = p[4];
    p += 5;
    kUnpack[bd](p, m_, docs_.data());
    std::uint32_t doc = block == 0 ? 0 : skips_[block - 1].last_doc;
    for (std::uint32_t i = 0; i < m_; ++i) {
      doc += docs_[i];
      docs_[i] = doc;
    }
    codes_at_ = p + (m_ * bd + 7) / 8;
    escapes_here_ = escapes;
    codes_ready_ = false;
    starts_ready_ = false;
    positions_ready_ = false;
    prev_ready_ = false;
    next_ready_ = false;
    i_ = 0;
    doc_ = docs_[0];
  }

  // The block's term frequencies, decoded when first asked for (a cursor that is only sought
  // through needs the documents alone).
  void load_codes() {
    const std::uint8_t* p = codes_at_;
    const std::uint32_t distinct = *p++;
    const std::uint8_t* dictionary = p;
    p += distinct;
    const std::uint32_t bc = static_cast<std::uint32_t>(std::bit_width(distinct - 1));
    std::array<std::uint32_t, kBlock> index{};
    kUnpack[bc](p, m_, index.data());
    p += (m_ * bc + 7) / 8;
    for (std::uint32_t i = 0; i < m_; ++i) {
      const std::uint8_t code = dictionary[index[i]];
      codes_[i] = code;
      packed_[i] = std::uint32_t{kTf.count[code]} << (6 * kTf.field[code]);
    }
    if (escapes_here_) {
      std::uint8_t k = 0;
      for (std::uint32_t i = 0; i < m_; ++i) {
        if (codes_[i] != kTfEscape) continue;
        escape_index_[i] = k;
        std::uint32_t* c = escapes_.data() + kFieldCount * k++;
        const std::uint8_t present = *p++;
        std::uint32_t packed = 0;
        for (std::uint32_t f = 0; f < kFieldCount; ++f) {
          c[f] = (present & (1u << f)) ? get_varint(p) : 0;
          packed |= (c[f] < 63 ? c[f] : 63u) << (6 * f);
        }
        packed_[i] = packed;
      }
    }
    positions_ = p;
    codes_ready_ = true;
  }

  void compute_starts() {
    if (!codes_ready_) load_codes();
    std::uint32_t at = 0;
    for (std::uint32_t i = 0; i < m_; ++i) {
      starts_[i] = at;
      at += count(i);
    }
    prev_ = positions_ + (std::uint64_t{at} * bp_ + 7) / 8;
    next_ = prev_ + (std::uint64_t{at} * bprev_ + 7) / 8;
    total_ = at;
    starts_ready_ = true;
  }

  const std::uint8_t* base_ = nullptr;
  const Skip* skips_ = nullptr;
  const std::uint8_t* codes_at_ = nullptr;
  const std::uint8_t* positions_ = nullptr;
  const std::uint8_t* prev_ = nullptr;
  const std::uint8_t* next_ = nullptr;
  std::uint32_t bprev_ = 0;
  std::uint32_t bnext_ = 0;
  std::uint32_t df_ = 0;
  std::uint32_t blocks_ = 0;
  std::uint32_t block_ = 0;
  std::uint32_t m_ = 0;
  std::uint32_t i_ = 0;
  std::uint32_t doc_ = kEnd;
  std::uint32_t bp_ = 0;
  bool escapes_here_ = false;
  bool codes_ready_ = false;
  bool starts_ready_ = false;
  bool sparse_ = false;
  bool positions_ready_ = false;
  bool prev_ready_ = false;
  bool next_ready_ = false;
  std::uint32_t total_ = 0;  // positions in the block
  std::vector<std::uint32_t> pos_values_;
  std::vector<std::uint32_t> prev_values_;
  std::vector<std::uint32_t> next_values_;
  std::array<std::uint32_t, kBlock> docs_;
  std::array<std::uint32_t, kBlock> starts_;       // first position (index) of each posting
  std::array<std::uint8_t, kBlock> codes_;         // term frequency code of each posting
  std::array<std::uint32_t, kBlock> packed_;       // term frequencies of each posting
  std::array<std::uint8_t, kBlock> escape_index_;  // posting → its escaped counts
  std::array<std::uint32_t, kBlock * kFieldCount> escapes_;  // of the escaped postings, 5 each
};

//! Slot encoding: one byte gap·32 + length for gap < 7 and length < 32, else kSlotEscape and
//! varint(zigzag(begin − previous end)), varint(length).
constexpr std::uint8_t kSlotEscape = 255;

namespace detail {
//! Tests only: when true (on the calling thread), Index::search scores every hit exactly and
//! ranks them all instead of pruning with score bounds, as the reference the pruned results
//! must equal.
inline thread_local bool exhaustive_ranking = false;
//! Index::search splits the documents between two threads (when the helper is free) for an
//! index of parallel_min_documents or more and a query reading parallel_min_postings or more,
//! unless parallel_search is false (all on the calling thread). Tests lower the thresholds to
//! compare the split with one thread; split_searches counts the searches that were split.
inline thread_local std::size_t parallel_min_documents = 16384;
inline thread_local std::size_t parallel_min_postings = 8192;
inline thread_local bool parallel_search = true;
inline thread_local std::size_t split_searches = 0;
}  // namespace detail

//! Highlights for the raw fields of a document, given the matched spans in positions
//! (fieldpos begin, end exclusive).
std::map<std::string, Highlight> make_highlights(
    const Index::Data& data, std::uint32_t doc,
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans);

}  // namespace huiqi::search
