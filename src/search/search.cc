// Query evaluation and ranking.
//
// A query is a list of clauses (query.h). Each positive clause becomes alternatives: its own
// wording and the synonyms' (weighted a little lower). An alternative is one or more pieces,
// each a phrase of query tokens (tokenizer.h, query mode): 小微企业 = 小微@0 微企@1 企业@2. A
// piece matches where all its tokens stand at their relative positions; a CJK bigram that
// occurs nowhere in the index marks a word boundary the user did not type (外贸企业 with no
// 贸企 anywhere → pieces 外贸 and 企业, both required), so compounds still find their parts; a
// bigram far rarer than its neighbours (性补 in 一次性补贴) adds the parts apart as a weaker
// alternative; a run typed without spaces that reads as three words or more (餐饮企业房租减免)
// becomes those words, as if typed apart (Planner::sentence_words).
//
// Scores are BM25F over the five fields (index.cc has the weights), computed on the
// occurrences of the whole piece, with the idf of the piece as a phrase. So a hit for 小微企业
// is a hit for the phrase, never for scattered 小/微/企/业 or a lone 企业. A document that
// contains only some of a clause's bigrams (at least half of their idf mass, more where less
// could not make a hit) is a partial match scored at a fraction of the bigrams' BM25F.
//
// A document is a full ("strong") hit when every positive clause matches fully; otherwise it is
// kept as a weak hit when the clauses it matches carry at least half of the query's idf mass
// (partial clauses counting 80% of their share), and always ranked after the strong hits. On top
// of the clause scores: a bonus when two query clauses stand next to each other in the text
// (小微企业 贷款 → 小微企业贷款) or near each other, and a small one for items active (or
// long-term) on as_of.
//
// Evaluation, in three passes:
//  1. Every clause is matched over the whole index (the hit set, `total`, `strong`, the facets
//     and every idf need all matches): documents and frequencies come from the compressed
//     postings (index_data.h). A phrase is matched on few lists: a bigram stored with the
//     characters around it proves the bigrams before and after it, so 社会保险 (社会 会保 保险)
//     is the postings of 会保 with 社 before and 险 after; positions are decoded only where
//     two lists must be aligned. Each clause writes, per document, its best alternative and
//     score (or a partial match) into dense per-clause slots; no positions are kept. Clauses
//     whose matches follow from single postings lists (two-character words and their synonyms)
//     and whose mass cannot make a hit on their own are matched last, only on the documents the
//     other clauses found (MaxScore over clauses).
//  2. The documents found are combined into the hits, with status, filters and facet counts,
//     and for each hit a lower bound of its score (without the proximity bonus) and an upper
//     bound (as if every pair of neighbouring clauses stood next to each other); a hit is kept
//     only if its upper bound reaches the k-th best lower bound so far (k = offset + limit).
//  3. The hits kept whose upper bound reaches the final k-th best lower bound are taken best
//     upper bound first, their exact score computed (positions of the two clauses, from the
//     postings again), until the k-th best exact score is above the next upper bound.
//     Highlights only for the hits returned.
// The results are exactly those of scoring and ranking every hit (tests/unit/search/reference_test
// compares the two on random requests).
//
// On a large index, passes 1 and 2 run on two threads when the helper thread is free
// (helper_thread.h): each takes half of the documents, and they wait for each other only where
// a count over the whole index is needed (a phrase's idf, a clause's mass). Pass 3 merges their
// counts and candidates; the answer is the same as one thread's.
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

#include "base/dates.h"
#include "base/error.h"
#include "search/fold.h"
#include "search/helper_thread.h"
#include "search/index.h"
#include "search/index_data.h"
#include "search/query.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

constexpr double kK1 = 1.2;
constexpr std::size_t kMaxQueryChars = 1000;
constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxClauses = 32;
constexpr std::size_t kMaxAlternatives = 6;
constexpr double kSynonymWeight = 0.85;  // a synonym's match is nearly as good as the word
constexpr double kJunctionShare = 0.25;  // a bigram this much rarer than its neighbours joins words
constexpr double kJunctionWeight = 0.6;  // the word's parts apart: weaker than the word itself
constexpr double kPartialWeight = 0.3;   // partial clause: this share of its bigrams' BM25F
constexpr double kPartialShare = 0.8;    // … and of its idf mass towards the coverage
constexpr double kMinPartialFraction = 0.5;
// Partial matching marks a common bigram's documents in a bitmap when it has at most this many
// postings per candidate document (a seek in its postings costs about as much as marking that
// many), else seeks it for each candidate.
constexpr double kMarkPerCandidate = 16;
// A phrase's list is read sparsely (positions one by one, for the postings sought) when it has
// more than this many postings per posting of the list that drives the match; below, most
// blocks are visited often enough that decoding them whole costs less.
constexpr std::uint32_t kSparseRatio = 8;
constexpr double kMinCoverage = 0.5;
constexpr double kAdjacentBonus = 0.5;  // × the smaller clause score
constexpr double kNearBonus = 0.15;
constexpr std::uint32_t kNearWindow = 12;  // positions
constexpr double kActiveBonus = 1.1;
constexpr double kLongTermBonus = 1.05;
constexpr std::uint8_t kAllFields = 0x1F;

using Data = Index::Data;

struct QToken {
  std::uint32_t term;
  std::uint32_t rel;    // position relative to the piece's first token
  std::uint32_t width;  // positions the token covers (2 for a bigram)
  bool bigram;
  // The term ids of the units at rel (and rel + 1 for a bigram), kNoTerm when unknown.
  std::array<std::uint32_t, 2> units{Data::kNoTerm, Data::kNoTerm};
};

// A posting list a piece is matched on: a token at rel, for a bigram with the characters
// before / after it required (indexes in its neighbour dictionaries, 0: any).
struct List {
  std::uint32_t term;
  std::uint32_t rel;
  std::uint32_t want_prev = 0;
  std::uint32_t want_next = 0;
};

struct Piece {
  std::vector<QToken> tokens;
  std::uint32_t span = 0;  // positions covered
  // The lists that prove every token: each bigram with its neighbours proves the bigrams
  // before and after it, so a chain of CJK bigrams needs one list in three; other tokens are
  // lists of their own.
  std::vector<List> lists;
  bool possible = true;    // every token (and required neighbour) is in the index
  std::size_t driver = 0;  // the rarest list
};

// The term of the word that a piece's tokens spell, when they are a run of bigrams (three
// characters or more) that the index holds as a word of its own; else kNoTerm.
std::uint32_t whole_word(const std::vector<QToken>& tokens, const Data& data) {
  if (tokens.size() < 2) return Data::kNoTerm;
  std::string word;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const QToken& t = tokens[i];
    if (!t.bigram || t.rel != i || t.units[0] == Data::kNoTerm || t.units[1] == Data::kNoTerm) {
      return Data::kNoTerm;
    }
    if (i == 0) word += data.term_text[t.units[0]];
    word += data.term_text[t.units[1]];
  }
  return data.term(word);
}

// Fills a piece's lists from its tokens.
void prepare(Piece& piece, const Data& data) {
  piece.lists.clear();
  piece.possible = true;
  piece.driver = 0;
  const auto& tokens = piece.tokens;
  for (const QToken& t : tokens) {
    if (t.term == Data::kNoTerm) piece.possible = false;
  }
  if (!piece.possible) return;
  // A dictionary word the index holds whole (index_data.h): its own postings are the matches.
  if (const std::uint32_t word = whole_word(tokens, data); word != Data::kNoTerm) {
    piece.lists.push_back(List{word, 0, 0, 0});
    return;
  }
  // The bigram at rel r, if any.
  auto bigram_at = [&](std::uint32_t r) -> const QToken* {
    for (const QToken& t : tokens) {
      if (t.bigram && t.rel == r) return &t;
    }
    return nullptr;
  };
  auto add_anchor = [&](const QToken& t, const QToken* before, const QToken* after) {
    List l{t.term, t.rel, 0, 0};
    if (before != nullptr) {
      l.want_prev =
          before->units[0] == Data::kNoTerm ? 0 : data.neighbour(t.term, false, before->units[0]);
      if (l.want_prev == 0) piece.possible = false;
    }
    if (after != nullptr) {
      l.want_next =
          after->units[1] == Data::kNoTerm ? 0 : data.neighbour(t.term, true, after->units[1]);
      if (l.want_next == 0) piece.possible = false;
    }
    piece.lists.push_back(l);
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const QToken& t = tokens[i];
    if (!t.bigram) {
      piece.lists.push_back(List{t.term, t.rel, 0, 0});
      continue;
    }
    if (t.rel > 0 && bigram_at(t.rel - 1) != nullptr) continue;  // not the start of a chain
    std::vector<const QToken*> chain{&t};  // the bigrams at t.rel, t.rel + 1, …
    while (const QToken* b = bigram_at(t.rel + static_cast<std::uint32_t>(chain.size()))) {
      chain.push_back(b);
    }
    // Anchors: bigram j proves j - 1 … j + 1; the fewest that prove the whole chain, then the
    // least postings to read (dynamic programming over the last anchor).
    const std::size_t m = chain.size();
    using Cost = std::pair<std::size_t, std::uint64_t>;
    const Cost none{std::numeric_limits<std::size_t>::max(), 0};
    std::vector<Cost> cost(m, none);  // best cover of bigrams 0 … j + 1 with an anchor at j
    std::vector<std::size_t> from(m, m);
    for (std::size_t j = 0; j < m; ++j) {
      const Cost own{1, data.df(chain[j]->term)};
      if (j <= 1) {
        cost[j] = own;
        continue;
      }
      for (std::size_t h = j >= 3 ? j - 3 : 0; h < j; ++h) {
        if (cost[h] == none) continue;
        const Cost c{cost[h].first + own.first, cost[h].second + own.second};
        if (c < cost[j]) {
          cost[j] = c;
          from[j] = h;
        }
      }
    }
    std::size_t last = m;
    for (std::size_t j = m >= 2 ? m - 2 : 0; j < m; ++j) {
      if (last == m || cost[j] < cost[last]) last = j;
    }
    std::vector<std::size_t> anchors;
    for (std::size_t j = last; j != m; j = from[j]) anchors.push_back(j);
    std::reverse(anchors.begin(), anchors.end());
    // A neighbour proves its character adjacent in the text (positions do not: a space takes
    // none). Anchors on adjacent bigrams share a character and need neither neighbour between
    // them; two bigrams apart, the earlier one's next character is the later one's first, so
    // the later one needs no previous; three apart, both are needed.
    for (std::size_t a = 0; a < anchors.size(); ++a) {
      const std::size_t j = anchors[a];
      const bool prev_proven = a > 0 && j - anchors[a - 1] <= 2;
      const bool next_proven = a + 1 < anchors.size() && anchors[a + 1] - j == 1;
      add_anchor(*chain[j], j > 0 && !prev_proven ? chain[j - 1] : nullptr,
                 j + 1 < m && !next_proven ? chain[j + 1] : nullptr);
    }
  }
  for (std::size_t i = 1; i < piece.lists.size(); ++i) {
    if (data.df(piece.lists[i].term) < data.df(piece.lists[piece.driver].term)) piece.driver = i;
  }
}

struct Alternative {
  double weight = 1;
  std::vector<Piece> pieces;
  // Some of the user's characters are in no piece (a word of theirs is found nowhere, 开办 in
  // 开办企业): a match is no full answer to the wording, and its hits are weak.
  bool wording_lost = false;
};

struct Clause {
  bool negated = false;
  bool phrase = false;
  std::uint8_t mask = kAllFields;
  std::vector<Alternative> alts;
  std::vector<QToken> partial;  // distinct tokens present in the index, of the first alternative
  std::uint64_t lost = 0;  // bit a: alternative a matches only part of the wording (wording_lost)
};

double idf(std::size_t df, std::size_t n) {
  const double dfd = static_cast<double>(df);
  return std::log(1.0 + (static_cast<double>(n) - dfd + 0.5) / (dfd + 0.5));
}

// BM25F from t = Σ fw[f] · tf_f.
inline double bm25f(double t, double w) { return t <= 0 ? 0 : w * t * (kK1 + 1) / (kK1 + t); }

// The bits of a packed tf (6 per field) of the fields in mask.
inline std::uint32_t tf_bits(std::uint8_t mask) {
  std::uint32_t bits = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (mask & (1u << f)) bits |= 63u << (6 * f);
  }
  return bits;
}

// t of a packed tf (single token), summed in field order as Σ fw[f] · tf_f.
inline double t_packed(const FieldWeights& fw, std::uint32_t packed) {
  if (packed == 0) return 0;
  const int first = std::countr_zero(packed) / 6;
  const std::uint32_t rest = packed >> (6 * first);
  if (rest < 64) return fw[first] * static_cast<float>(rest);  // one field (0.0 + x is x)
  double t = 0;
  for (int f = 0; f < kFieldCount && packed != 0; ++f, packed >>= 6) {
    const std::uint32_t v = packed & 63u;
    if (v != 0) t += fw[f] * static_cast<float>(v);
  }
  return t;
}

inline double t_counts(const FieldWeights& fw, const std::array<std::uint16_t, kFieldCount>& tf) {
  double t = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (tf[f] != 0) t += fw[f] * static_cast<float>(tf[f]);
  }
  return t;
}

// Where a piece matches: document and t (for BM25F with the piece's idf).
struct PieceHit {
  std::uint32_t doc;
  double t;
};

// The documents where a piece matches, ascending: a buffer kept from search to search and
// appended to without a check of its capacity, in the innermost loops of match_piece, which
// knows the most it can add (the postings of the list that drives it).
class PieceHits {
 public:
  // Empties the buffer and makes room for n hits.
  void reset(std::size_t n) {
    size_ = 0;
    if (n > capacity_) {
      hits_ = std::make_unique_for_overwrite<PieceHit[]>(n);
      capacity_ = n;
    }
  }
  void clear() { size_ = 0; }
  void push_back(const PieceHit& h) {
    assert(size_ < capacity_);
    hits_[size_++] = h;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const PieceHit& operator[](std::size_t i) const { return hits_[i]; }
  const PieceHit* begin() const { return hits_.get(); }
  const PieceHit* end() const { return hits_.get() + size_; }

 private:
  std::unique_ptr<PieceHit[]> hits_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// What the clauses contribute, per document: dense over the whole index, one set per positive
// clause; only the documents marked in Scratch::touched hold anything, and they are reset after
// each search (SlotsReset), so that the next search starts from empty slots.
constexpr std::uint8_t kNone = 0;
constexpr std::size_t kKeptSlots = 4;
constexpr std::uint8_t kPartial = 255;  // a partial match; 1…254: full, alternative state - 1
struct ClauseSlots {
  std::vector<double> score;
  std::vector<double> fraction;  // partial matches only
  std::vector<std::uint8_t> state;

  void fit(std::size_t n) {
    if (state.size() >= n) return;
    score.resize(n, 0);
    fraction.resize(n, 0);
    state.resize(n, kNone);
  }
  bool full(std::uint32_t doc) const { return state[doc] != kNone && state[doc] != kPartial; }
};

// A hit of the query that may be among the top k.
struct HitRec {
  std::uint32_t doc;
  bool strong;
  bool bounded;  // the proximity bonus may add to the score: exact ≠ lower bound
  catalog::Status status;
  double base;  // Σ clause scores (before proximity and the status bonus)
  double lb;    // score without proximity, with the status bonus
  double ub;    // score with every possible proximity bonus
};

// How many postings ahead a document's field weights are prefetched (they are read at random).
constexpr std::uint32_t kAhead = 8;

// Hits counted per facet set (Data::facet_set), for a range of one search.
class FacetSetCounts {
 public:
  void fit(std::size_t sets) {
    if (count_.size() < sets) count_.resize(sets, 0);
  }
  void add(std::uint32_t set) {
    if (count_[set]++ == 0) hit_.push_back(set);
  }
  // Adds each set's count to its values' and starts over.
  void flush(const Data& data, std::uint32_t* count_of) {
    for (std::uint32_t set : hit_) {
      const std::uint32_t c = count_[set];
      count_[set] = 0;
      const std::uint32_t* e = data.set_values.data() + data.set_start[set + 1];
      for (const std::uint32_t* v = data.set_values.data() + data.set_start[set]; v != e; ++v) {
        count_of[*v] += c;
      }
    }
    hit_.clear();
  }

 private:
  std::vector<std::uint32_t> count_;  // per set; zero for every set not in hit_
  std::vector<std::uint32_t> hit_;
};

// Per-thread scratch memory, reused by every search on the thread.
struct Scratch {
  FacetSetCounts set_counts;
  std::vector<PieceHits> pieces;
  std::vector<ClauseSlots> slots;
  std::vector<std::uint64_t> touched;  // documents with anything in the slots
  std::vector<std::uint32_t> flat;
  std::vector<const std::uint32_t*> pos;
  std::vector<const std::uint32_t*> pos_end;
  std::vector<Cursor> doc_cursors;
  std::vector<Cursor> cursors;
  std::vector<HitRec> candidates;
  std::vector<std::uint64_t> excluded;
  std::vector<std::uint32_t> counts;
  // What the helper thread finds for this thread's search (kept here, not in the helper's own
  // scratch, which the next search to borrow the helper reuses).
  std::vector<HitRec> helper_candidates;
  std::vector<std::uint32_t> helper_counts;
  std::vector<std::uint8_t> selected;
  std::vector<std::uint64_t> partial_maps;  // a bitmap of documents per bigram (match_partial)
  std::vector<std::uint32_t> partial_candidates;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Matches queries on the documents of one range [lo, hi) of the index (all of it unless the
// search is split among threads); scores use the statistics of the whole index.
class Evaluator {
 public:
  Evaluator(const Data& data, Scratch& s)
      : Evaluator(data, s, 0, static_cast<std::uint32_t>(data.documents.size())) {}
  Evaluator(const Data& data, Scratch& s, std::uint32_t lo, std::uint32_t hi)
      : data_(data), s_(s), n_(data.documents.size()), lo_(lo), hi_(hi) {}

  // All documents of the range where the piece matches, ascending, into out.
  void match_piece(const Piece& piece, std::uint8_t mask, PieceHits& out) {
    out.clear();
    if (piece.tokens.empty() || !piece.possible) return;
    const std::uint32_t bits = tf_bits(mask);
    const std::size_t k = piece.lists.size();
    if (k == 1 && piece.lists[0].want_prev == 0 && piece.lists[0].want_next == 0) {
      // One token: its postings are the matches, its frequencies the piece's.
      Cursor c(data_, piece.lists[0].term, lo_);
      out.reset(c.df());
      for (; c.doc() < hi_; c.next()) {
        __builtin_prefetch(&data_.fw[c.doc_ahead(kAhead)]);
        const std::uint32_t packed = c.packed() & bits;
        if (packed == 0) continue;
        out.push_back(PieceHit{c.doc(), t_packed(data_.fw[c.doc()], packed)});
      }
      return;
    }
    if (k == 1) {
      // One bigram with its neighbours (a word of three or four characters): count the
      // positions whose neighbours are the word's.
      const List& l = piece.lists[0];
      if (s_.cursors.empty()) s_.cursors.resize(1);
      Cursor& c = s_.cursors[0];  // (its block buffers are kept from search to search)
      c.reset(data_, l.term, lo_);
      c.set_sparse(false);
      out.reset(c.df());
      std::array<std::uint16_t, kFieldCount> tf{};
      // The word starts at rel positions before the bigram, inside its field; a character
      // required before the bigram already proves that for rel 1.
      const std::uint32_t min_pos = l.want_prev != 0 && l.rel <= 1 ? 0 : l.rel;
      for (; c.doc() < hi_; c.next()) {
        __builtin_prefetch(&data_.fw[c.doc_ahead(kAhead)]);
        if ((c.packed() & bits) == 0) continue;
        const int field = c.count_filtered(l.want_prev, l.want_next, min_pos, tf);
        if (field >= 0) {  // (as t_counts for one field)
          const std::uint16_t n = tf[field];
          if (n != 0 && (mask & (1u << field)) != 0) {
            out.push_back(PieceHit{c.doc(), data_.fw[c.doc()][field] * static_cast<float>(n)});
          }
          continue;
        }
        bool any = false;
        for (int f = 0; f < kFieldCount; ++f) {
          if (!(mask & (1u << f))) tf[f] = 0;
          any = any || tf[f] != 0;
        }
        if (any) out.push_back(PieceHit{c.doc(), t_counts(data_.fw[c.doc()], tf)});
      }
      return;
    }
    // The rarest list drives; the others are sought in it (leapfrog), then the positions of all
    // are merged at the bases where the driver's stand.
    auto& cursors = s_.cursors;
    if (cursors.size() < k) cursors.resize(k);
    Cursor* cur = cursors.data();
    const std::size_t driver = piece.driver;
    for (std::size_t i = 0; i < k; ++i) {
      cur[i].reset(data_, piece.lists[i].term, lo_);
      // The others are sparse when they have many more postings than the driver.
      cur[i].set_sparse(i != driver && cur[i].df() > kSparseRatio * cur[driver].df());
    }
    Cursor& dc = cur[driver];
    out.reset(dc.df());
    std::uint32_t doc = dc.doc();
    while (doc < hi_) {
      __builtin_prefetch(&data_.fw[dc.doc_ahead(kAhead)]);
      if ((dc.packed() & bits) == 0) {
        dc.next();
        doc = dc.doc();
        continue;
      }
      std::uint32_t ahead = doc;
      for (std::size_t i = 0; i < k && ahead == doc; ++i) {
        if (i == driver) continue;
        cur[i].seek(doc);
        ahead = cur[i].doc();
      }
      if (ahead != doc) {
        if (ahead >= hi_) break;
        dc.seek(ahead);
        doc = dc.doc();
        continue;
      }
      if (k == 2) {  // the common case: two lists, each posting in one field
        const List& la = piece.lists[driver];
        const List& lb = piece.lists[1 - driver];
        const Cursor::OneField a = dc.one_field(la.want_prev != 0, la.want_next != 0);
        const Cursor::OneField b = cur[1 - driver].one_field(lb.want_prev != 0, lb.want_next != 0);
        if (a.field >= 0 && b.field >= 0) {
          const std::uint32_t n =
              a.field == b.field && (mask & (1u << a.field)) != 0 ? aligned(a, la, b, lb) : 0;
          if (n > 0) out.push_back(PieceHit{doc, data_.fw[doc][a.field] * static_cast<float>(n)});
          dc.next();
          doc = dc.doc();
          continue;
        }
      }
      std::array<std::uint16_t, kFieldCount> tf{};
      if (bases(piece, mask, cur, &tf, nullptr)) {
        out.push_back(PieceHit{doc, t_counts(data_.fw[doc], tf)});
      }
      dc.next();
      doc = dc.doc();
    }
  }

  // How many times list la's positions (a) and lb's (b), both in one field, stand at their
  // distance in the piece, with the neighbours each requires (as bases() counts them).
  static std::uint32_t aligned(const Cursor::OneField& a, const List& la, const Cursor::OneField& b,
                               const List& lb) {
    auto keeps = [](const Cursor::OneField& f, const List& l, std::uint32_t i) {
      return (l.want_prev == 0 || f.prev[i] == l.want_prev) &&
             (l.want_next == 0 || f.next[i] == l.want_next);
    };
    std::uint32_t n = 0;
    std::uint32_t j = b.first;
    const std::uint32_t b_end = b.first + b.count;
    for (std::uint32_t i = a.first; i < a.first + a.count; ++i) {
      if (a.pos[i] < la.rel || !keeps(a, la, i)) continue;
      const std::uint32_t target = a.pos[i] - la.rel + lb.rel;
      while (j < b_end && (b.pos[j] < target || (b.pos[j] == target && !keeps(b, lb, j)))) ++j;
      if (j < b_end && b.pos[j] == target) ++n;
    }
    return n;
  }

  // The bases where a piece matches in the document every cursor (one per list) stands on:
  // counted per field into tf, or listed (fieldpos, ascending) into starts. True when any.
  bool bases(const Piece& piece, std::uint8_t mask, Cursor* cur,
             std::array<std::uint16_t, kFieldCount>* tf, std::vector<std::uint32_t>* starts) {
    const std::size_t k = piece.lists.size();
    std::uint32_t total = 0;
    for (std::size_t i = 0; i < k; ++i) total += cur[i].positions();
    auto& buf = s_.flat;
    if (buf.size() < total) buf.resize(std::max<std::size_t>(2 * total, 1024));
    auto& pos = s_.pos;
    auto& pend = s_.pos_end;
    pos.resize(k);
    pend.resize(k);
    std::uint32_t* at = buf.data();
    for (std::size_t i = 0; i < k; ++i) {
      const List& l = piece.lists[i];
      const std::uint32_t n = cur[i].decode_filtered(at, l.want_prev, l.want_next);
      if (n == 0) return false;
      pos[i] = at;
      pend[i] = at + n;
      at += n;
    }
    const std::size_t driver = piece.driver;
    const std::uint32_t drel = piece.lists[driver].rel;
    bool any = false;
    for (const std::uint32_t* x = pos[driver]; x != pend[driver]; ++x) {
      if ((*x & kPosMask) < drel) continue;
      const std::uint32_t base = *x - drel;
      const auto field = field_of(base);
      if (!(mask & (1u << field))) continue;
      bool ok = true;
      for (std::size_t i = 0; i < k && ok; ++i) {
        if (i == driver) continue;
        const std::uint32_t target = base + piece.lists[i].rel;
        const std::uint32_t* p = pos[i];
        while (p != pend[i] && *p < target) ++p;
        pos[i] = p;
        ok = p != pend[i] && *p == target;
      }
      if (!ok) continue;
      any = true;
      if (tf != nullptr && (*tf)[field] < 0xFFFF) ++(*tf)[field];
      if (starts != nullptr) starts->push_back(base);
    }
    return any;
  }

  // Whether an alternative is one token in any field: every posting matches, so its idf is
  // known in advance.
  static bool single_token(const Alternative& alt, std::uint8_t mask) {
    if (alt.pieces.size() != 1 || mask != kAllFields) return false;
    const Piece& p = alt.pieces[0];
    return p.possible && !p.tokens.empty() && p.lists.size() == 1 && p.lists[0].want_prev == 0 &&
           p.lists[0].want_next == 0;
  }

  // Documents of the range holding a single-token alternative, ascending, each with its score,
  // handed to sink(doc, score); returns their number.
  template <typename Sink>
  std::size_t match_single(const Alternative& alt, Sink&& sink) {
    Cursor c(data_, alt.pieces[0].lists[0].term, lo_);
    const double w = idf(c.df(), n_);
    const FieldWeights* fw = data_.fw.data();
    std::size_t count = 0;
    for (; c.doc() < hi_; c.next(), ++count) {
      __builtin_prefetch(&fw[c.doc_ahead(kAhead)]);
      sink(c.doc(), alt.weight * bm25f(t_packed(fw[c.doc()], c.packed()), w));
    }
    return count;
  }

  // Documents of the range where every piece of an alternative matches, ascending, each with
  // its score, handed to sink(doc, score); returns their number. pieces: where each piece
  // matches in the range (match_piece); idfs: each piece's idf in the whole index.
  template <typename Sink>
  std::size_t score_alternative(const Alternative& alt, const PieceHits* pieces, const double* idfs,
                                Sink&& sink) {
    const std::size_t k = alt.pieces.size();
    if (k == 0) return 0;
    for (std::size_t i = 0; i < k; ++i) {
      if (pieces[i].empty()) return 0;
    }
    const auto& first = pieces[0];
    if (k == 1) {
      for (const PieceHit& m : first) sink(m.doc, alt.weight * bm25f(m.t, idfs[0]));
      return first.size();
    }
    std::array<std::size_t, 8> small_cur{};
    std::vector<std::size_t> big_cur;
    std::size_t* cur = small_cur.data();
    if (k > small_cur.size()) {
      big_cur.assign(k, 0);
      cur = big_cur.data();
    }
    std::size_t count = 0;
    for (const PieceHit& m : first) {
      double score = bm25f(m.t, idfs[0]);
      bool all = true;
      for (std::size_t i = 1; i < k && all; ++i) {
        const auto& l = pieces[i];
        while (cur[i] < l.size() && l[cur[i]].doc < m.doc) ++cur[i];
        all = cur[i] < l.size() && l[cur[i]].doc == m.doc;
        if (all) score += bm25f(l[cur[i]].t, idfs[i]);
      }
      if (!all) continue;
      sink(m.doc, alt.weight * score);
      ++count;
    }
    return count;
  }

  // match_single or match_piece + score_alternative on an evaluator of the whole index.
  template <typename Sink>
  std::size_t match_alternative(const Alternative& alt, std::uint8_t mask, Sink&& sink) {
    if (single_token(alt, mask)) return match_single(alt, sink);
    const std::size_t k = alt.pieces.size();
    if (s_.pieces.size() < k) s_.pieces.resize(k);
    std::vector<double> idfs(k);
    for (std::size_t i = 0; i < k; ++i) {
      match_piece(alt.pieces[i], mask, s_.pieces[i]);
      if (s_.pieces[i].empty()) return 0;
      idfs[i] = idf(s_.pieces[i].size(), n_);
    }
    return score_alternative(alt, s_.pieces.data(), idfs.data(), sink);
  }

  // Documents of the range the clause matches fully (any alternative, the best by better(); the
  // first alternative on equal scores), into its slots; marks them in touched. pieces / idfs: of
  // every piece of the clause, alternative after alternative (as score_alternative; unused
  // for single-token alternatives). counts: the matches of each alternative in the range.
  void match_full(const Clause& c, const PieceHits* pieces, const double* idfs, ClauseSlots& out,
                  std::uint64_t* touched, std::size_t* counts) {
    double* score_of = out.score.data();
    std::uint8_t* state = out.state.data();
    std::size_t first_piece = 0;
    for (std::uint32_t a = 0; a < c.alts.size(); ++a) {
      const Alternative& alt = c.alts[a];
      const auto mark = static_cast<std::uint8_t>(a + 1);
      auto sink = [&](std::uint32_t doc, double score) {
        if (state[doc] == kNone) {
          state[doc] = mark;
          score_of[doc] = score;
          touched[doc / 64] |= std::uint64_t{1} << (doc % 64);
        } else if (better(c, a, score, state[doc], score_of[doc])) {
          state[doc] = mark;
          score_of[doc] = score;
        }
      };
      counts[a] = single_token(alt, c.mask)
                      ? match_single(alt, sink)
                      : score_alternative(alt, pieces + first_piece, idfs + first_piece, sink);
      first_piece += alt.pieces.size();
    }
  }

  static bool has_partial(const Clause& c) { return !c.phrase && c.partial.size() >= 2; }

  // Whether alternative a's match (score) of a document is better than the one its slot holds
  // (alternative state - 1, score held): a match of the user's whole wording beats one of part
  // of it, else the higher score wins.
  static bool better(const Clause& c, std::uint32_t a, double score, std::uint8_t state,
                     double held) {
    const bool lost = (c.lost >> a & 1u) != 0;
    const bool held_lost = (c.lost >> (state - 1u) & 1u) != 0;
    return lost != held_lost ? held_lost : score > held;
  }

  // The clause's weight in the query: the idf of its best full match, else of its bigrams.
  double clause_mass(const Clause& c, double best_idf) const {
    if (best_idf > 0) return best_idf;
    if (!has_partial(c)) return idf(0, n_);
    double total = 0;
    for (const QToken& t : c.partial) total += idf(data_.df(t.term), n_);
    return total > 0 ? total / static_cast<double>(c.partial.size()) : idf(0, n_);
  }

  // Documents of the range holding at least the share need_share (≥ kMinPartialFraction) of
  // the idf mass of the clause's bigrams, and no full match, into its slots as partial matches;
  // marks them in touched.
  //
  // A document qualifies only if it holds one of the rarer bigrams without which the others
  // cannot reach the share (MaxScore-style): the candidates are the documents of those
  // ("essential") bigrams without a full match. Which bigrams a candidate holds is read off a
  // bitmap per bigram (its documents only: no frequencies, no positions), built from the
  // postings in one sequential pass, except for a bigram so common that seeking it for each
  // candidate reads less: that one is sought, heaviest first, while it can still lift the
  // candidate over the share. Frequencies are read only for the documents that qualify.
  void match_partial(const Clause& c, ClauseSlots& out, std::uint64_t* touched, double need_share) {
    double* score_of = out.score.data();
    std::uint8_t* state = out.state.data();
    const std::size_t k = c.partial.size();
    std::vector<double> w;
    w.reserve(k);
    for (const QToken& t : c.partial) w.push_back(idf(data_.df(t.term), n_));
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    const double need = need_share * total;
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
    // marked[i]: bigram i's documents are in its bitmap; first the essential ones, the
    // bigrams without which the others cannot reach the share.
    std::vector<char> marked(k, 0);
    double prefix = 0;
    for (std::size_t i : order) {
      prefix += w[i];
      marked[i] = prefix < need ? 0 : 1;
    }
    const std::uint32_t bits = tf_bits(c.mask);
    const std::size_t first_word = lo_ / 64;
    const std::size_t words = (hi_ + 63) / 64 - first_word;
    auto& maps = s_.partial_maps;
    maps.assign(k * words, 0);
    auto map_of = [&](std::size_t i) { return maps.data() + i * words; };
    auto mark = [&](std::size_t i) {
      std::uint64_t* map = map_of(i) - first_word;
      auto set = [map](std::uint32_t doc) { map[doc / 64] |= std::uint64_t{1} << (doc % 64); };
      Cursor cur(data_, c.partial[i].term, lo_);
      if (c.mask == kAllFields) {
        cur.for_each_doc_before(hi_, set);
        return;
      }
      for (; cur.doc() < hi_; cur.next()) {
        if ((cur.packed() & bits) != 0) set(cur.doc());
      }
    };
    for (std::size_t i = 0; i < k; ++i) {
      if (marked[i]) mark(i);
    }
    auto& candidates = s_.partial_candidates;
    candidates.clear();
    for (std::size_t word = 0; word < words; ++word) {
      std::uint64_t any = 0;
      for (std::size_t i = 0; i < k; ++i) {
        if (marked[i]) any |= map_of(i)[word];
      }
      for (; any != 0; any &= any - 1) {
        const auto doc =
            static_cast<std::uint32_t>((first_word + word) * 64 + std::countr_zero(any));
        if (state[doc] == kNone) candidates.push_back(doc);  // (else a full match anyway)
      }
    }
    if (candidates.empty()) return;
    // The other bigrams: marked as well when their postings in the range are few against the
    // candidates, else sought for each candidate.
    std::vector<std::size_t> sought;  // heaviest first
    double sought_mass = 0;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const std::size_t i = *it;
      if (marked[i]) continue;
      const double share = static_cast<double>(hi_ - lo_) / static_cast<double>(n_);
      if (static_cast<double>(data_.df(c.partial[i].term)) * share <=
          kMarkPerCandidate * static_cast<double>(candidates.size())) {
        marked[i] = 1;
        mark(i);
      } else {
        sought.push_back(i);
        sought_mass += w[i];
      }
    }
    auto& cursors = s_.cursors;
    if (cursors.size() < k) cursors.resize(k);
    for (std::size_t i = 0; i < k; ++i) cursors[i].reset(data_, c.partial[i].term, lo_);
    for (const std::uint32_t doc : candidates) {
      const std::size_t word = doc / 64 - first_word;
      const std::uint64_t bit = std::uint64_t{1} << (doc % 64);
      double got = 0;
      for (std::size_t i = 0; i < k; ++i) {
        if (marked[i] && (map_of(i)[word] & bit) != 0) got += w[i];
      }
      const FieldWeights& fw = data_.fw[doc];
      double score = 0;
      double left = sought_mass;
      for (auto it = sought.begin(); it != sought.end() && got + left >= need; ++it) {
        left -= w[*it];
        Cursor& cur = cursors[*it];
        cur.seek(doc);
        if (cur.doc() != doc) continue;
        const double s_i = bm25f(t_packed(fw, cur.packed() & bits), w[*it]);
        if (s_i <= 0) continue;
        got += w[*it];
        score += s_i;
      }
      const double fraction = got / total;
      if (fraction < need_share) continue;
      for (std::size_t i = 0; i < k; ++i) {
        if (!marked[i] || (map_of(i)[word] & bit) == 0) continue;
        cursors[i].seek(doc);
        score += bm25f(t_packed(fw, cursors[i].packed() & bits), w[i]);
      }
      state[doc] = kPartial;
      score_of[doc] = kPartialWeight * score / static_cast<double>(k);
      out.fraction[doc] = fraction;
      touched[doc / 64] |= bit;
    }
  }

  // A clause whose alternatives are each one token in any field, with nothing to match
  // partially: its matches and idf mass follow from the postings alone.
  static bool simple(const Clause& c) {
    if (c.mask != kAllFields || has_partial(c)) return false;
    return std::all_of(c.alts.begin(), c.alts.end(), [](const Alternative& a) {
      return a.pieces.size() == 1 &&
             (!a.pieces[0].possible ||
              (a.pieces[0].lists.size() == 1 && a.pieces[0].lists[0].want_prev == 0 &&
               a.pieces[0].lists[0].want_next == 0));
    });
  }

  // The idf mass clause_mass would give a simple clause, from the postings' sizes alone.
  double simple_mass(const Clause& c) const {
    double best_idf = 0;
    for (const Alternative& a : c.alts) {
      if (!a.pieces[0].possible) continue;
      const std::uint32_t df = data_.df(a.pieces[0].lists[0].term);
      if (df > 0) best_idf = std::max(best_idf, idf(df, n_));
    }
    return best_idf > 0 ? best_idf : idf(0, n_);
  }

  // match_full for a simple clause, only on the documents marked in touched (their slots are
  // the same as match_full gives them).
  void match_simple_on(const Clause& c, ClauseSlots& out,
                       const std::vector<std::uint64_t>& touched) {
    double* score_of = out.score.data();
    std::uint8_t* state = out.state.data();
    const FieldWeights* fw = data_.fw.data();
    for (std::uint32_t a = 0; a < c.alts.size(); ++a) {
      const Alternative& alt = c.alts[a];
      if (!alt.pieces[0].possible) continue;
      Cursor cur(data_, alt.pieces[0].lists[0].term, lo_);
      const double w = idf(cur.df(), n_);
      const auto mark = static_cast<std::uint8_t>(a + 1);
      for (std::size_t i = lo_ / 64; i < (hi_ + 63) / 64 && !cur.done(); ++i) {
        for (std::uint64_t bits = touched[i]; bits != 0; bits &= bits - 1) {
          const auto doc = static_cast<std::uint32_t>(i * 64 + std::countr_zero(bits));
          cur.seek(doc);
          if (cur.done()) break;
          if (cur.doc() != doc) continue;
          const double score = alt.weight * bm25f(t_packed(fw[doc], cur.packed()), w);
          if (state[doc] == kNone || better(c, a, score, state[doc], score_of[doc])) {
            state[doc] = mark;
            score_of[doc] = score;
          }
        }
      }
    }
  }

  // Where a piece matches in one document (fieldpos of its first token, ascending), into out.
  void piece_starts(const Piece& piece, std::uint8_t mask, std::uint32_t doc,
                    std::vector<std::uint32_t>& out) {
    out.clear();
    if (piece.tokens.empty() || !piece.possible) return;
    const std::size_t k = piece.lists.size();
    auto& cursors = s_.doc_cursors;
    if (cursors.size() < k) cursors.resize(k);
    for (std::size_t i = 0; i < k; ++i) {
      cursors[i].reset(data_, piece.lists[i].term, doc);
      cursors[i].set_sparse(true);
      if (cursors[i].doc() != doc) return;
    }
    bases(piece, mask, cursors.data(), nullptr, &out);
  }

 private:
  const Data& data_;
  Scratch& s_;
  std::size_t n_;
  std::uint32_t lo_;
  std::uint32_t hi_;
};

// Query text → clause plans.
class Planner {
 public:
  explicit Planner(const Data& data) : data_(data) {}

  std::vector<Clause> plan(const ParsedQuery& q, bool* had_text) {
    std::vector<Clause> out;
    *had_text = false;
    for (const QueryClause& qc : q.clauses) {
      *had_text = true;
      std::uint8_t mask = kAllFields;
      if (!qc.field.empty()) {
        const auto& names = text_fields();
        const auto f = std::find(names.begin(), names.end(), qc.field) - names.begin();
        mask = static_cast<std::uint8_t>(1u << f);
      }
      // Punctuation inside a bare word separates clauses (社保,缓缴); a quoted phrase stays one.
      const std::vector<Token> tokens = tokenize(qc.text, TokenizeMode::query);
      std::vector<std::vector<Token>> groups;
      std::uint32_t end = 0;
      for (const Token& t : tokens) {
        if (groups.empty() || (!qc.phrase && t.position > end)) groups.emplace_back();
        groups.back().push_back(t);
        end = std::max(end, t.position + (t.kind == TokenKind::bigram ? 2u : 1u));
      }
      // A run typed without spaces that reads as a sentence (餐饮企业房租减免) is taken as the
      // words it is made of, as if typed apart.
      if (!qc.phrase) {
        std::vector<std::vector<Token>> words;
        for (const auto& g : groups) {
          auto parts = sentence_words(qc.text, g);
          if (parts.empty()) {
            words.push_back(g);
          } else {
            for (auto& w : parts) words.push_back(std::move(w));
          }
        }
        groups = std::move(words);
      }
      for (const auto& g : groups) {
        Clause c;
        c.negated = qc.negated;
        c.phrase = qc.phrase;
        c.mask = mask;
        const std::string word = qc.text.substr(g.front().begin, g.back().end - g.front().begin);
        const std::vector<QToken> all = flat(g);
        c.alts.push_back(alternative(all, 1.0, !qc.phrase));
        for (const QToken& t : all) {
          if (t.term == Data::kNoTerm) continue;
          if (std::none_of(c.partial.begin(), c.partial.end(),
                           [&](const QToken& o) { return o.term == t.term; })) {
            c.partial.push_back(t);
          }
        }
        if (!qc.phrase) {
          for (const std::string& syn : data_.synonyms.expand(word, kMaxAlternatives - 2)) {
            // A wording that contains the user's own (失业保险 → 失业保险金) finds no item
            // the user's does not.
            if (syn.find(word) != std::string::npos) continue;
            const auto st = tokenize(syn, TokenizeMode::query);
            // A synonym is a wording of its own: matched whole, never cut into parts.
            if (!st.empty()) c.alts.push_back(alternative(flat(st), kSynonymWeight, false));
          }
          if (auto parts = at_junctions(all)) c.alts.push_back(std::move(*parts));
        }
        for (std::size_t a = 0; a < c.alts.size(); ++a) {
          if (c.alts[a].wording_lost) c.lost |= std::uint64_t{1} << a;
        }
        out.push_back(std::move(c));
        if (out.size() > kMaxClauses) {
          throw UserError("query-too-complex", "the query has more than 32 terms",
                          "查询词超过 32 个", Location{{}, 0, 0, "query"});
        }
      }
    }
    return out;
  }

 private:
  std::vector<QToken> flat(const std::vector<Token>& tokens) const {
    std::vector<QToken> out;
    for (const Token& t : tokens) {
      const bool bigram = t.kind == TokenKind::bigram;
      QToken q{data_.term(t.term), t.position - tokens.front().position, bigram ? 2u : 1u, bigram};
      if (bigram) {
        std::size_t cut = 0;
        text::decode_utf8(t.term, cut);
        const std::string_view term(t.term);
        q.units = {data_.term(term.substr(0, cut)), data_.term(term.substr(cut))};
      } else {
        q.units[0] = q.term;
      }
      out.push_back(q);
    }
    return out;
  }

  // Whether bigram i of a run of CJK bigrams joins two words: it occurs nowhere, or it is far
  // rarer than the bigrams on both sides of it.
  bool joins_words(const std::vector<QToken>& all, std::size_t i) const {
    const QToken& t = all[i];
    if (t.term == Data::kNoTerm) return true;
    if (i == 0 || i + 1 >= all.size()) return false;
    if (all[i - 1].term == Data::kNoTerm || all[i + 1].term == Data::kNoTerm) return false;
    const double around = std::min(data_.df(all[i - 1].term), data_.df(all[i + 1].term));
    return static_cast<double>(data_.df(t.term)) <= kJunctionShare * around;
  }

  // The words of a run of CJK bigrams that reads as three words or more, each as its bigrams
  // (those of the run); empty when the run is one word, or two where neither is a dictionary
  // word the lists write otherwise (see below). The run is cut where a
  // bigram joins two words (joins_words), and a piece of four characters or more also before a
  // dictionary word it ends with, or after one it starts with (企业房租 → 企业 房租). Single
  // characters left between two cuts (能, 的, 吗), words found nowhere and fillers (怎么,
  // 申请) are left out.
  std::vector<std::vector<Token>> sentence_words(const std::string& text,
                                                 const std::vector<Token>& run) const {
    const std::size_t n = run.size();
    if (n < 3 || std::any_of(run.begin(), run.end(),
                             [](const Token& t) { return t.kind != TokenKind::bigram; })) {
      return {};
    }
    // Byte offset of each character: bigram j starts at character j and ends where j + 2 starts.
    std::vector<std::uint32_t> at(n + 2);
    for (std::size_t j = 0; j < n; ++j) at[j] = run[j].begin;
    at[n] = run[n - 2].end;
    at[n + 1] = run[n - 1].end;
    auto piece = [&](std::size_t a, std::size_t b) {  // characters a … b - 1
      return std::string_view(text).substr(at[a], at[b] - at[a]);
    };
    const std::vector<QToken> all = flat(run);
    // Dictionary words of three characters or more are never cut (个体户, even where the
    // lists only write 个体工商户).
    std::vector<char> inside_word(n, 0);
    for (std::size_t p = 0; p + 3 <= n + 1; ++p) {
      const std::size_t longest = data_.synonyms.longest_word_from(piece(p, p + 1));
      for (std::size_t q = std::min(n + 1, p + longest); q >= p + 3; --q) {
        if (!data_.synonyms.known_word(piece(p, q))) continue;
        for (std::size_t i = p; i + 1 < q; ++i) inside_word[i] = 1;
        break;
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> words;  // character ranges [a, b)
    for (std::size_t i = 0; i < n; ++i) {
      if (!inside_word[i] && joins_words(all, i)) continue;
      if (!words.empty() && words.back().second == i + 1) {
        words.back().second = i + 2;
      } else {
        words.emplace_back(i, i + 2);
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> refined;
    std::vector<std::pair<std::size_t, std::size_t>> todo(words.rbegin(), words.rend());
    while (!todo.empty()) {
      const auto [a, b] = todo.back();
      todo.pop_back();
      std::size_t cut = 0;
      if (b - a >= 4 && !data_.synonyms.known_word(piece(a, b))) {
        for (std::size_t k = a + 2; k + 2 <= b && cut == 0; ++k) {
          if (data_.synonyms.known_word(piece(k, b))) cut = k;  // the longest word it ends with
        }
        for (std::size_t k = b - 2; k >= a + 2 && cut == 0; --k) {
          if (data_.synonyms.known_word(piece(a, k))) cut = k;  // the longest it starts with
        }
      }
      if (cut == 0) {
        refined.emplace_back(a, b);
      } else {  // both parts may hold more words
        todo.emplace_back(cut, b);
        todo.emplace_back(a, cut);
      }
    }
    // Two words stay one phrase (创业担保 贷款), unless one is a dictionary word the lists write
    // otherwise (个体户 贷款: 体户 is found nowhere): taken whole, its part found nowhere would be
    // lost, and its own wordings (个体工商户) are only tried on it alone.
    auto written_otherwise = [&](const std::pair<std::size_t, std::size_t>& w) {
      if (!data_.synonyms.known_word(piece(w.first, w.second))) return false;
      for (std::size_t i = w.first; i + 1 < w.second; ++i) {
        if (all[i].term == Data::kNoTerm) return true;
      }
      return false;
    };
    if (refined.size() < 2 ||
        (refined.size() == 2 && std::none_of(refined.begin(), refined.end(), written_otherwise))) {
      return {};
    }
    std::vector<std::vector<Token>> out;
    for (const auto& [a, b] : refined) {
      if (data_.synonyms.filler(piece(a, b))) continue;  // (the query text is canonical)
      out.emplace_back(run.begin() + static_cast<std::ptrdiff_t>(a),
                       run.begin() + static_cast<std::ptrdiff_t>(b - 1));  // its bigrams
    }
    return out;
  }

  // 一次性补贴 is written 一次性吸纳就业补贴, 一次性扩岗补助…: a bigram of the word that is far
  // rarer than the bigrams on both sides of it (性补 against 次性 and 补贴) joins two words that
  // the lists mostly write apart. The word's parts, each at least two characters, are then also
  // an alternative: all required, anywhere in the item, weighted below the whole word.
  std::optional<Alternative> at_junctions(const std::vector<QToken>& all) const {
    std::vector<std::vector<QToken>> pieces(1);
    bool cut = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const QToken& t = all[i];
      const bool inner = i > 0 && i + 1 < all.size() && t.bigram && all[i - 1].bigram &&
                         all[i + 1].bigram && t.term != Data::kNoTerm;
      if (inner && joins_words(all, i)) {
        cut = true;
        pieces.emplace_back();
        continue;
      }
      pieces.back().push_back(t);
    }
    if (!cut) return std::nullopt;
    for (const auto& piece : pieces) {
      if (piece.empty() || !piece.front().bigram) return std::nullopt;  // a lone character
    }
    Alternative alt;
    alt.weight = kJunctionWeight;
    for (auto& toks : pieces) {
      Piece p;
      const std::uint32_t first = toks.front().rel;
      for (QToken& t : toks) {
        t.rel -= first;
        p.span = std::max(p.span, t.rel + t.width);
      }
      p.tokens = std::move(toks);
      prepare(p, data_);
      alt.pieces.push_back(std::move(p));
    }
    return alt;
  }

  // all: the tokens, as flat() gives them.
  Alternative alternative(const std::vector<QToken>& all, double weight, bool split) const {
    Alternative alt;
    alt.weight = weight;
    std::vector<std::vector<QToken>> pieces(1);
    bool did_split = false;
    if (split) {
      for (const QToken& t : all) {
        // A bigram found nowhere: a word boundary inside a compound.
        if (t.bigram && t.term == Data::kNoTerm) {
          did_split = true;
          if (!pieces.back().empty()) pieces.emplace_back();
          continue;
        }
        pieces.back().push_back(t);
      }
      if (pieces.back().empty()) pieces.pop_back();
    }
    if (!did_split || pieces.empty()) {
      pieces.assign(1, all);
    } else {
      // Characters no token kept covers (the bigrams around them were found nowhere).
      std::vector<char> covered;
      for (const auto& toks : pieces) {
        for (const QToken& t : toks) {
          if (covered.size() < t.rel + t.width) covered.resize(t.rel + t.width, 0);
          for (std::uint32_t r = t.rel; r < t.rel + t.width; ++r) covered[r] = 1;
        }
      }
      std::uint32_t span = 0;
      for (const QToken& t : all) span = std::max(span, t.rel + t.width);
      covered.resize(span, 0);
      alt.wording_lost = std::find(covered.begin(), covered.end(), 0) != covered.end();
    }
    for (auto& toks : pieces) {
      Piece p;
      const std::uint32_t first = toks.front().rel;
      for (QToken& t : toks) {
        t.rel -= first;
        p.span = std::max(p.span, t.rel + t.width);
      }
      p.tokens = std::move(toks);
      prepare(p, data_);
      alt.pieces.push_back(std::move(p));
    }
    return alt;
  }

  const Data& data_;
};

UserError bad(const std::string& field, const std::string& en, const std::string& zh) {
  return UserError("bad-search-request", en, zh, Location{{}, 0, 0, field});
}

constexpr int kStatusBit = kStoredFacetCount;  // filter bit of the status facet
constexpr std::array<catalog::Status, 5> kStatuses = {
    catalog::Status::active, catalog::Status::expired, catalog::Status::not_yet,
    catalog::Status::long_term, catalog::Status::unknown};

// Filters as a mark per global facet value id.
struct Filters {
  std::uint32_t active_stored = 0;  // bits of the stored facets with a filter
  bool status_active = false;
  std::array<bool, 5> statuses{};
  bool any = false;
  const std::vector<std::uint8_t>* selected = nullptr;  // global value id → chosen

  // Bits of the filters the document fails.
  unsigned failing(const Data& data, std::uint32_t doc, catalog::Status status) const {
    if (!any) return 0;
    unsigned pass = 0;
    if (active_stored != 0) {
      const std::uint32_t* e = data.values_end(doc);
      for (const std::uint32_t* b = data.values_begin(doc); b != e; ++b) {
        if ((*selected)[*b]) pass |= 1u << data.facet_of[*b];
      }
    }
    unsigned bits = active_stored & ~pass;
    if (status_active && !statuses[static_cast<std::size_t>(status)]) bits |= 1u << kStatusBit;
    return bits;
  }
};

Filters make_filters(const Data& data,
                     const std::vector<std::pair<std::string, std::string>>& pairs,
                     std::vector<std::uint8_t>& selected) {
  Filters out;
  out.any = !pairs.empty();
  if (!out.any) return out;
  selected.assign(data.facet_of.size(), 0);
  out.selected = &selected;
  for (const auto& [name, value] : pairs) {
    if (name == "status") {
      out.status_active = true;
      const std::string v = canonical(value);
      bool known = false;
      for (std::size_t i = 0; i < kStatuses.size(); ++i) {
        if (v == catalog::to_string(kStatuses[i])) {
          out.statuses[i] = true;
          known = true;
        }
      }
      if (!known) {
        throw bad(
            "status",
            "unknown status \"" + value + "\" (active, expired, not_yet, long_term or unknown)",
            "未知的状态 \"" + value + "\"");
      }
      continue;
    }
    int facet = -1;
    for (int f = 0; f < kStoredFacetCount; ++f) {
      if (name == facet_name(f)) facet = f;
    }
    if (facet < 0) {
      throw bad("filters", "unknown filter field \"" + name + "\"",
                "未知的筛选字段 \"" + name + "\"");
    }
    out.active_stored |= 1u << facet;
    auto it = data.facet_lookup[facet].find(canonical(value));
    if (it != data.facet_lookup[facet].end()) selected[data.facet_base[facet] + it->second] = 1;
  }
  return out;
}

// The bonus for two clauses that stand next to (or near) each other in one field.
// a, b: where the first piece of each clause's matching alternative starts; spans: its width.
double proximity(const std::vector<std::uint32_t>& a, std::uint32_t a_span, double a_score,
                 const std::vector<std::uint32_t>& b, std::uint32_t b_span, double b_score) {
  bool adjacent = false;
  bool near = false;
  for (std::size_t i = 0; i < a.size() && !adjacent; ++i) {
    for (std::size_t j = 0; j < b.size() && !adjacent; ++j) {
      const std::uint32_t x = a[i];
      const std::uint32_t y = b[j];
      if (field_of(x) != field_of(y)) continue;
      // a then b, or b then a, with at most one position between them.
      if ((y >= x + a_span && y <= x + a_span + 1) || (x >= y + b_span && x <= y + b_span + 1)) {
        adjacent = true;
      } else if ((y > x ? y - x : x - y) <= kNearWindow) {
        near = true;
      }
    }
  }
  const double base = std::min(a_score, b_score);
  return adjacent ? kAdjacentBonus * base : near ? kNearBonus * base : 0;
}

double status_bonus(catalog::Status status, double score) {
  if (status == catalog::Status::active) return score * kActiveBonus;
  if (status == catalog::Status::long_term) return score * kLongTermBonus;
  return score;
}

// The exact score of a hit: its clause scores plus the proximity bonuses, with the status bonus.
class Scorer {
 public:
  Scorer(Evaluator& eval, const std::vector<const Clause*>& positive,
         const std::vector<ClauseSlots>& slots)
      : eval_(eval), positive_(positive), slots_(slots), starts_(2) {}

  double exact(const HitRec& h) {
    if (!h.bounded) return h.lb;
    const std::uint32_t d = h.doc;
    double score = h.base;
    int prev_slot = -1;
    for (std::size_t i = 1; i < positive_.size(); ++i) {
      const ClauseSlots& a = slots_[i - 1];
      const ClauseSlots& b = slots_[i];
      if (!a.full(d) || !b.full(d)) {
        prev_slot = -1;
        continue;
      }
      const Piece& pa = positive_[i - 1]->alts[a.state[d] - 1u].pieces[0];
      const Piece& pb = positive_[i]->alts[b.state[d] - 1u].pieces[0];
      if (prev_slot < 0) {
        prev_slot = 0;
        eval_.piece_starts(pa, positive_[i - 1]->mask, d, starts_[0]);
      }
      const int slot = 1 - prev_slot;
      eval_.piece_starts(pb, positive_[i]->mask, d, starts_[static_cast<std::size_t>(slot)]);
      score += proximity(starts_[static_cast<std::size_t>(prev_slot)], pa.span, a.score[d],
                         starts_[static_cast<std::size_t>(slot)], pb.span, b.score[d]);
      prev_slot = slot;
    }
    return status_bonus(h.status, score);
  }

 private:
  Evaluator& eval_;
  const std::vector<const Clause*>& positive_;
  const std::vector<ClauseSlots>& slots_;
  std::vector<std::vector<std::uint32_t>> starts_;
};

// Order of hits: strong first, then the sort key (higher first), then the score (higher first),
// then the document.
struct Ranked {
  std::uint32_t doc;
  bool strong;
  std::uint64_t key;
  double score;     // exact, or a bound while selecting
  std::size_t hit;  // index into the hits
};

inline bool before(const Ranked& a, const Ranked& b) {
  if (a.strong != b.strong) return a.strong;
  if (a.key != b.key) return a.key > b.key;
  if (a.score != b.score) return a.score > b.score;
  return a.doc < b.doc;
}

// Keeps the limit best of the Ranked offered in heap, a min-heap by before() whose front is the
// worst kept; true when r is kept.
bool keep_best(std::vector<Ranked>& heap, const Ranked& r, std::size_t limit) {
  auto worse = [](const Ranked& a, const Ranked& b) { return before(a, b); };
  if (heap.size() < limit) {
    heap.push_back(r);
    std::push_heap(heap.begin(), heap.end(), worse);
    return true;
  }
  if (limit == 0 || !before(r, heap.front())) return false;
  std::pop_heap(heap.begin(), heap.end(), worse);
  heap.back() = r;
  std::push_heap(heap.begin(), heap.end(), worse);
  return true;
}

// An order-preserving map of a double to an unsigned integer.
std::uint64_t double_key(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits & 0x8000000000000000ull) ? ~bits : bits | 0x8000000000000000ull;
}

}  // namespace

SearchResult Index::search(const SearchRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  const Data& data = *data_;
  const std::size_t n = data.documents.size();

  // Validate the request.
  if (text::count_code_points(request.query) > kMaxQueryChars) {
    throw bad("query", "the query is longer than 1000 characters", "查询超过 1000 个字符");
  }
  if (request.limit > kMaxLimit) {
    throw bad("limit", "limit is more than 1000", "limit 超过 1000");
  }
  const std::string as_of = request.as_of.empty() ? today() : request.as_of;
  if (!is_iso_date(as_of)) {
    throw bad("as_of", "as_of \"" + request.as_of + "\" is not a date (YYYY-MM-DD)",
              "as_of \"" + request.as_of + "\" 不是日期 (YYYY-MM-DD)");
  }
  const std::string sort = request.sort.empty() ? "relevance" : request.sort;
  if (sort != "relevance" && sort != "amount" && sort != "valid_until" && sort != "seq") {
    throw bad("sort", "unknown sort \"" + sort + "\" (relevance, amount, valid_until or seq)",
              "未知的排序 \"" + sort + "\"");
  }
  const ParsedQuery parsed = parse_query(request.query);
  auto filter_pairs = request.filters;
  filter_pairs.insert(filter_pairs.end(), parsed.filters.begin(), parsed.filters.end());
  Scratch& s = scratch();
  const Filters filters = make_filters(data, filter_pairs, s.selected);

  bool had_text = false;
  Planner planner(data);
  const std::vector<Clause> clauses = planner.plan(parsed, &had_text);
  Evaluator eval(data, s);

  // Exclusions.
  auto& excluded = s.excluded;
  excluded.clear();
  std::vector<const Clause*> positive;
  for (const Clause& c : clauses) {
    if (!c.negated) {
      positive.push_back(&c);
      continue;
    }
    if (excluded.empty()) excluded.assign((n + 63) / 64, 0);
    for (const Alternative& alt : c.alts) {
      eval.match_alternative(alt, c.mask, [&](std::uint32_t doc, double) {
        excluded[doc / 64] |= std::uint64_t{1} << (doc % 64);
      });
    }
  }
  auto is_excluded = [&](std::uint32_t d) {
    return !excluded.empty() && (excluded[d / 64] >> (d % 64) & 1u) != 0;
  };

  SearchResult result;
  result.as_of = as_of;
  const std::size_t values = data.facet_of.size();
  const std::int32_t as_of_number = date_number(as_of);
  auto status_of = [&](std::uint32_t doc) {
    const Validity& v = data.validity[doc];
    return v.exact ? status_on(v, as_of_number) : data.documents[doc].facts.status_on(as_of);
  };

  // The order of the results: strong hits before weak ones, then the requested key, then the
  // score, then the document.
  enum class Key { relevance, amount, valid_until, seq };
  const Key key = sort == "amount"        ? Key::amount
                  : sort == "valid_until" ? Key::valid_until
                  : sort == "seq"         ? Key::seq
                                          : Key::relevance;
  const bool by_score = key != Key::seq;
  auto key_of = [&](std::uint32_t doc) -> std::uint64_t {
    switch (key) {
      case Key::amount:
        return double_key(data.amount_cap[doc]);
      case Key::valid_until:
        return 0xFFFFFFFFu - data.until_rank[doc];
      case Key::seq:
        return 0xFFFFFFFFu - doc;
      case Key::relevance:
        break;
    }
    return 0;
  };
  const std::size_t end = request.limit > std::numeric_limits<std::size_t>::max() - request.offset
                              ? std::numeric_limits<std::size_t>::max()
                              : request.offset + request.limit;
  // (For the tests: every hit scored exactly and ranked, as the reference for the pruning.)
  const std::size_t want =
      detail::exhaustive_ranking ? std::numeric_limits<std::size_t>::max() : end;

  // Text matching → hits, on the slots of the calling thread (dense over all documents; each
  // thread of the search writes only its own documents, and whole words of touched).
  auto& slots = s.slots;
  auto& touched = s.touched;
  const std::size_t k = positive.size();
  // The slots are reset for the next search however this one ends.
  struct SlotsReset {
    std::vector<ClauseSlots>& slots;
    std::vector<std::uint64_t>& touched;
    std::size_t clauses;
    ~SlotsReset() {
      for (std::size_t w = 0; w < touched.size(); ++w) {
        for (std::uint64_t bits = touched[w]; bits != 0; bits &= bits - 1) {
          const std::size_t d = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
          for (std::size_t i = 0; i < clauses; ++i) slots[i].state[d] = kNone;
        }
        touched[w] = 0;
      }
      // A thread keeps the slots of a few clauses (17 bytes a document each), not of the
      // longest query it ever ran.
      if (slots.size() > kKeptSlots) slots.resize(kKeptSlots);
    }
  } reset{slots, touched, k};
  if (k > 0) {
    if (slots.size() < k) slots.resize(k);
    for (std::size_t i = 0; i < k; ++i) slots[i].fit(n);
    touched.assign((n + 63) / 64, 0);
  }
  // No words to look for: every item (unless the words there were had no searchable text).
  const bool only_noise = had_text && std::none_of(clauses.begin(), clauses.end(),
                                                   [](const Clause& c) { return c.negated; });
  std::vector<char> simple(k);
  for (std::size_t i = 0; i < k; ++i) simple[i] = Evaluator::simple(*positive[i]) ? 1 : 0;
  // Alternatives and pieces of the clauses numbered in one sequence, for per-thread arrays.
  std::vector<std::size_t> first_alt(k + 1, 0);
  std::vector<std::size_t> first_piece(k + 1, 0);
  for (std::size_t i = 0; i < k; ++i) {
    first_alt[i + 1] = first_alt[i] + positive[i]->alts.size();
    std::size_t pieces = 0;
    for (const Alternative& alt : positive[i]->alts) pieces += alt.pieces.size();
    first_piece[i + 1] = first_piece[i] + pieces;
  }

  // The documents are split in two ranges when the index is large and the helper thread is
  // free. Both threads take the same steps; between steps they wait for each other where the
  // next one needs counts over the whole index (the idf of a phrase, the mass of a clause).
  // A small index or a query reading few postings is not worth handing half of to another
  // thread.
  std::size_t postings = k == 0 ? n : 0;  // what the query reads, roughly
  for (const Clause* c : positive) {
    for (const Alternative& alt : c->alts) {
      for (const Piece& p : alt.pieces) {
        if (!p.possible) continue;
        for (const List& l : p.lists) postings += data.df(l.term);
      }
    }
    if (Evaluator::has_partial(*c)) {
      for (const QToken& t : c->partial) postings += data.df(t.term);
    }
  }
  const bool split = n >= detail::parallel_min_documents &&
                     postings >= detail::parallel_min_postings && detail::parallel_search;
  const auto middle = static_cast<std::uint32_t>((n / 2) / 64 * 64);
  PairBarrier barrier;
  int threads = 1;                                   // set before the helper starts, then only read
  std::array<std::vector<std::size_t>, 2> piece_df;  // [thread][piece]: matches in its range
  std::array<std::vector<std::size_t>, 2> alt_count;  // [thread][alternative]
  auto sync = [&] {
    if (threads == 2) barrier.arrive_and_wait();
  };

  // What one thread finds in its range: counts, the k best lower bounds (a min-heap whose worst
  // is the threshold) and the hits that may be among the top k.
  struct RangeHits {
    std::vector<std::uint32_t>* counts = nullptr;
    std::array<std::size_t, 5> status_counts{};
    std::vector<Ranked> heap;
    std::vector<HitRec>* candidates = nullptr;
    std::size_t total = 0;
    std::size_t strong = 0;
  };
  std::array<RangeHits, 2> parts;

  // t: 0 the calling thread, 1 the helper; ts: the running thread's scratch.
  auto run_range = [&](int t, std::uint32_t lo, std::uint32_t hi, Scratch& ts) {
    Evaluator ev(data, ts, lo, hi);
    RangeHits& out = parts[static_cast<std::size_t>(t)];
    out.counts = t == 0 ? &s.counts : &s.helper_counts;
    out.counts->assign(values, 0);
    out.candidates = t == 0 ? &s.candidates : &s.helper_candidates;
    out.candidates->clear();
    std::uint32_t* count_of = out.counts->data();
    auto& status_counts = out.status_counts;

    // Status, filters and facet counts of one hit; true when it passes the filters.
    FacetSetCounts& sets = ts.set_counts;
    sets.fit(data.set_start.size() - 1);
    const std::uint32_t* set_of = data.facet_set.data();
    auto admit = [&](std::uint32_t doc, catalog::Status status) {
      const unsigned failing = filters.failing(data, doc, status);
      // A document counts in a facet when it passes every filter but (maybe) that facet's own.
      if (failing == 0) {
        sets.add(set_of[doc]);
        ++status_counts[static_cast<std::size_t>(status)];
        return true;
      }
      if (!std::has_single_bit(failing)) return false;
      if (failing == (1u << kStatusBit)) {
        ++status_counts[static_cast<std::size_t>(status)];
        return false;
      }
      const auto facet = static_cast<std::uint8_t>(std::countr_zero(failing));
      const std::uint32_t* e = data.values_end(doc);
      for (const std::uint32_t* b = data.values_begin(doc); b != e; ++b) {
        if (data.facet_of[*b] == facet) ++count_of[*b];
      }
      return false;
    };
    // However the range ends, its hits counted per set go into the values' counts (and the
    // set counts start from zero for the next search).
    struct CountValues {
      FacetSetCounts& sets;
      const Data& data;
      std::uint32_t* count_of;
      ~CountValues() { sets.flush(data, count_of); }
    } count_values{sets, data, count_of};
    // Every hit goes through accept(): counted, its lower bound into the k best lower bounds,
    // and kept as a candidate unless its upper bound is already below the threshold (which
    // only rises).
    auto& heap = out.heap;
    auto& candidates = *out.candidates;
    auto accept = [&](const HitRec& h) {
      ++out.total;
      if (h.strong) ++out.strong;
      if (want == 0) return;
      const std::uint64_t k_ = key_of(h.doc);
      const Ranked low{h.doc, h.strong, k_, by_score ? h.lb : 0.0, 0};
      if (!keep_best(heap, low, want) && (!h.bounded || !by_score)) {
        return;  // its upper bound is its lower bound
      }
      if (heap.size() == want) {
        const Ranked high{h.doc, h.strong, k_, by_score ? h.ub : 0.0, 0};
        if (before(heap.front(), high)) return;
      }
      candidates.push_back(h);
    };

    if (k == 0) {
      if (!only_noise) {
        for (std::uint32_t d = lo; d < hi; ++d) {
          if (is_excluded(d)) continue;
          const catalog::Status status = status_of(d);
          if (admit(d, status)) accept(HitRec{d, true, false, status, 0, 0, 0});
        }
      }
      return;
    }

    // Pass 1 in steps (a)–(c), pass 2 in (d).
    // (a) Where the pieces of every phrase alternative match in the range.
    auto& pieces = ts.pieces;
    if (pieces.size() < first_piece[k]) pieces.resize(first_piece[k]);
    auto& df = piece_df[static_cast<std::size_t>(t)];
    df.assign(first_piece[k], 0);
    for (std::size_t i = 0; i < k; ++i) {
      std::size_t at = first_piece[i];
      for (const Alternative& alt : positive[i]->alts) {
        if (!Evaluator::single_token(alt, positive[i]->mask)) {
          for (std::size_t p = 0; p < alt.pieces.size(); ++p) {
            ev.match_piece(alt.pieces[p], positive[i]->mask, pieces[at + p]);
            df[at + p] = pieces[at + p].size();
            // Alone, a piece without matches ends the alternative; split, the other range
            // still needs this range's counts of the other pieces.
            if (threads == 1 && df[at + p] == 0) {
              for (std::size_t q = p + 1; q < alt.pieces.size(); ++q) pieces[at + q].clear();
              break;
            }
          }
        }
        at += alt.pieces.size();
      }
    }
    sync();

    // (b) Full matches of the clauses that are not simple, with the pieces' idfs over both
    // ranges.
    std::vector<double> idfs(first_piece[k]);
    for (std::size_t j = 0; j < idfs.size(); ++j) {
      std::size_t sum = 0;
      for (int u = 0; u < threads; ++u) sum += piece_df[static_cast<std::size_t>(u)][j];
      idfs[j] = idf(sum, n);
    }
    auto& count = alt_count[static_cast<std::size_t>(t)];
    count.assign(first_alt[k], 0);
    for (std::size_t i = 0; i < k; ++i) {
      if (simple[i]) continue;
      ev.match_full(*positive[i], pieces.data() + first_piece[i], idfs.data() + first_piece[i],
                    slots[i], touched.data(), count.data() + first_alt[i]);
    }
    sync();

    // (c) The clauses' masses (the same on both threads). Simple clauses with a known mass
    // are matched after the others; the ones that together cannot make a hit (MaxScore on
    // clauses: the mass they cover stays below the coverage a weak hit needs, and a strong hit
    // is in every clause) last, only on the documents the others found.
    std::vector<double> mass(k);
    std::vector<char> later(k, 0);
    for (std::size_t i = 0; i < k; ++i) {
      if (simple[i]) {
        mass[i] = ev.simple_mass(*positive[i]);
        continue;
      }
      double best_idf = 0;
      for (std::size_t a = first_alt[i]; a < first_alt[i + 1]; ++a) {
        std::size_t matches = 0;
        for (int u = 0; u < threads; ++u) matches += alt_count[static_cast<std::size_t>(u)][a];
        if (matches > 0) best_idf = std::max(best_idf, idf(matches, n));
      }
      mass[i] = ev.clause_mass(*positive[i], best_idf);
    }
    const double total_mass = std::accumulate(mass.begin(), mass.end(), 0.0);
    const double min_covered = kMinCoverage * total_mass;
    {
      std::vector<std::size_t> light;
      for (std::size_t i = 0; i < k; ++i) {
        if (simple[i]) light.push_back(i);
      }
      std::stable_sort(light.begin(), light.end(),
                       [&](std::size_t a, std::size_t b) { return mass[a] < mass[b]; });
      double sum = 0;
      for (std::size_t i : light) {
        // A margin for the rounding of sums taken in another order.
        if ((sum + mass[i]) * (1 + 1e-9) >= min_covered) break;
        sum += mass[i];
        later[i] = 1;
      }
    }
    // Partial matches, only where they can make a hit: a document partial in clause i has
    // covered ≤ (mass of the others) + kPartialShare · fraction · mass[i], which must reach
    // min_covered (with a margin for the rounding of sums taken in another order).
    for (std::size_t i = 0; i < k; ++i) {
      if (simple[i] || !Evaluator::has_partial(*positive[i]) || mass[i] <= 0) continue;
      const double others = total_mass - mass[i];
      const double need = std::max(kMinPartialFraction,
                                   (min_covered - others) / (kPartialShare * mass[i]) * (1 - 1e-9));
      if (need <= 1) ev.match_partial(*positive[i], slots[i], touched.data(), need);
    }
    for (std::size_t i = 0; i < k; ++i) {
      if (simple[i] && !later[i]) {
        ev.match_full(*positive[i], pieces.data() + first_piece[i], idfs.data() + first_piece[i],
                      slots[i], touched.data(), count.data() + first_alt[i]);
      }
    }
    for (std::size_t i = 0; i < k; ++i) {
      if (later[i]) ev.match_simple_on(*positive[i], slots[i], touched);
    }

    // (d) The documents found → hits.
    std::vector<const std::uint8_t*> state_of(k);
    std::vector<const double*> score_of(k);
    std::vector<const double*> fraction_of(k);
    for (std::size_t i = 0; i < k; ++i) {
      state_of[i] = slots[i].state.data();
      score_of[i] = slots[i].score.data();
      fraction_of[i] = slots[i].fraction.data();
    }
    const std::uint8_t* const* st = state_of.data();
    const double* const* sc = score_of.data();
    // The documents are taken a few touched words at a time, so that what is read of each at
    // random (scores, validity, facet set) is prefetched some documents ahead.
    constexpr std::size_t kChunkWords = 16;
    std::array<std::uint32_t, kChunkWords * 64> chunk;
    const std::size_t words_end = (hi + 63) / 64;
    for (std::size_t w0 = lo / 64; w0 < words_end; w0 += kChunkWords) {
      std::size_t found = 0;
      for (std::size_t w = w0; w < std::min(w0 + kChunkWords, words_end); ++w) {
        for (std::uint64_t bits = touched[w]; bits != 0; bits &= bits - 1) {
          chunk[found++] = static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits));
        }
      }
      for (std::size_t j = 0; j < found; ++j) {
        const std::uint32_t doc = chunk[j];
        if (j + kAhead < found) {
          const std::uint32_t ahead = chunk[j + kAhead];
          for (std::size_t i = 0; i < k; ++i) {
            __builtin_prefetch(&sc[i][ahead]);
            __builtin_prefetch(&st[i][ahead]);
          }
          __builtin_prefetch(&data.validity[ahead]);
          __builtin_prefetch(&set_of[ahead]);
        }
        double score = 0;
        double covered = 0;
        std::size_t full = 0;
        for (std::size_t i = 0; i < k; ++i) {
          const std::uint8_t state = st[i][doc];
          if (state == kNone) continue;
          score += sc[i][doc];
          if (state != kPartial) {
            if ((positive[i]->lost >> (state - 1u) & 1u) == 0) ++full;  // (else weak)
            covered += mass[i];
          } else {
            covered += kPartialShare * fraction_of[i][doc] * mass[i];
          }
        }
        const bool strong = full == k;
        if ((!strong && covered < min_covered) || is_excluded(doc)) continue;
        double ub = score;
        bool bounded = false;
        for (std::size_t i = 0; i + 1 < k; ++i) {
          const std::uint8_t a = st[i][doc];
          const std::uint8_t b = st[i + 1][doc];
          if (a != kNone && a != kPartial && b != kNone && b != kPartial) {
            ub += kAdjacentBonus * std::min(sc[i][doc], sc[i + 1][doc]);
            bounded = true;
          }
        }
        const catalog::Status status = status_of(doc);
        if (!admit(doc, status)) continue;
        accept(HitRec{doc, strong, bounded, status, score, status_bonus(status, score),
                      status_bonus(status, ub)});
      }
    }
  };

  {
    // The helper evaluates the upper half; the caller the lower half (or everything).
    HelperThread& helper = HelperThread::instance();
    std::exception_ptr helper_error;
    threads = 2;  // (read by the helper as soon as it starts)
    if (split && middle > 0 && helper.try_run([&] {
          try {
            run_range(1, middle, static_cast<std::uint32_t>(n), scratch());
          } catch (...) {
            helper_error = std::current_exception();
            barrier.arrive_and_drop();
          }
        })) {
      ++detail::split_searches;
      struct Join {  // the helper works on this frame's data: wait for it however this ends
        HelperThread& helper;
        PairBarrier& barrier;
        bool done = false;
        ~Join() {
          if (done) return;
          barrier.arrive_and_drop();
          helper.wait();
        }
      } join{helper, barrier};
      run_range(0, 0, middle, s);
      join.done = true;
      helper.wait();
      if (helper_error) std::rethrow_exception(helper_error);
    } else {
      threads = 1;
      run_range(0, 0, static_cast<std::uint32_t>(n), s);
    }
  }

  // The two ranges' findings together.
  auto& counts = s.counts;
  std::array<std::size_t, 5> status_counts = parts[0].status_counts;
  std::size_t total = parts[0].total;
  std::size_t strong_count = parts[0].strong;
  std::vector<Ranked> heap = std::move(parts[0].heap);
  auto& candidates = s.candidates;
  if (threads == 2) {
    const RangeHits& other = parts[1];
    for (std::size_t v = 0; v < values; ++v) counts[v] += (*other.counts)[v];
    for (std::size_t i = 0; i < status_counts.size(); ++i) {
      status_counts[i] += other.status_counts[i];
    }
    total += other.total;
    strong_count += other.strong;
    for (const Ranked& r : other.heap) keep_best(heap, r, want);
    candidates.insert(candidates.end(), other.candidates->begin(), other.candidates->end());
  }

  // Facets.
  for (int f = 0; f < kStoredFacetCount; ++f) {
    if (f == kList && data.facet_values[f].size() < 2) continue;
    auto& out = result.facets[facet_name(f)];
    const std::uint32_t base = data.facet_base[f];
    for (std::size_t v = 0; v < data.facet_values[f].size(); ++v) {
      if (counts[base + v] > 0)
        out.push_back(FacetCount{data.facet_values[f][v], counts[base + v]});
    }
  }
  auto& status_out = result.facets["status"];
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    if (status_counts[i] > 0)
      status_out.push_back(FacetCount{catalog::to_string(kStatuses[i]), status_counts[i]});
  }
  for (auto& [name, facet_values] : result.facets) {
    std::sort(facet_values.begin(), facet_values.end(),
              [](const FacetCount& a, const FacetCount& b) {
                return a.count != b.count ? a.count > b.count : a.value < b.value;
              });
  }

  result.total = total;
  result.strong = strong_count;
  const std::size_t top = std::min(total, want);
  if (request.offset < top) {
    // The threshold: the k-th best lower bound. Candidates whose upper bound reaches it, best
    // upper bound first; their exact scores until the k-th best exact score beats the next upper
    // bound.
    const Ranked threshold = heap.front();
    std::vector<Ranked> ranked;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const HitRec& h = candidates[i];
      const Ranked r{h.doc, h.strong, key_of(h.doc), by_score ? h.ub : 0.0, i};
      if (!before(threshold, r)) ranked.push_back(r);
    }
    std::sort(ranked.begin(), ranked.end(), before);
    Scorer scorer(eval, positive, slots);
    std::vector<Ranked> best;  // min-heap of the k best exact
    for (const Ranked& c : ranked) {
      if (best.size() == top) {
        const Ranked& kth = best.front();
        const bool out_of_reach = c.strong != kth.strong
                                      ? kth.strong
                                      : (c.key != kth.key ? kth.key > c.key : kth.score > c.score);
        if (out_of_reach) break;
      }
      Ranked r = c;
      if (by_score) r.score = scorer.exact(candidates[c.hit]);
      keep_best(best, r, top);
    }
    std::sort(best.begin(), best.end(), before);
    std::vector<std::uint32_t> starts;
    for (std::size_t i = request.offset; i < best.size() && i < end; ++i) {
      const HitRec& c = candidates[best[i].hit];
      const double score = by_score ? best[i].score : scorer.exact(c);
      const catalog::Item& item = data.documents[c.doc].item;
      Hit h;
      h.id = item.id;
      h.list = data.lists[data.list_of[c.doc]];
      h.seq = item.seq;
      h.title = item.title;
      h.category = item.category;
      h.score = std::round(score * 1e4) / 1e4;
      h.weak = !c.strong;
      h.status = catalog::to_string(c.status);
      if (request.highlight) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
        for (const Clause* cl : positive) {
          bool any = false;
          for (const Alternative& alt : cl->alts) {
            for (const Piece& p : alt.pieces) {
              eval.piece_starts(p, cl->mask, c.doc, starts);
              for (std::uint32_t st : starts) {
                spans.emplace_back(st, st + p.span);
                any = true;
              }
            }
          }
          if (any || cl->phrase) continue;
          for (const QToken& t : cl->partial) {  // a partial match: its bigrams
            Piece one;
            one.tokens = {t};
            one.tokens[0].rel = 0;
            one.span = t.width;
            prepare(one, data);
            eval.piece_starts(one, cl->mask, c.doc, starts);
            for (std::uint32_t st : starts) spans.emplace_back(st, st + t.width);
          }
        }
        h.highlights = make_highlights(data, c.doc, std::move(spans));
      }
      result.hits.push_back(std::move(h));
    }
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace huiqi::search
