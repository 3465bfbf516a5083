// Query evaluation and ranking.
//
// A query is a list of clauses (query.h). Each positive clause becomes alternatives: its own
// wording and the synonyms' (weighted a little lower). An alternative is one or more pieces,
// each a phrase of query tokens (tokenizer.h, query mode): 小微企业 = 小微@0 微企@1 企业@2. A
// piece matches where all its tokens stand at their relative positions; a CJK bigram that
// occurs nowhere in the index marks a word boundary the user did not type (外贸企业 with no
// 贸企 anywhere → pieces 外贸 and 企业, both required), so compounds still find their parts.
//
// Scores are BM25F over the five fields (index.cc has the weights), computed on the
// occurrences of the whole piece, with the idf of the piece as a phrase. So a hit for 小微企业
// is a hit for the phrase, never for scattered 小/微/企/业 or a lone 企业. A document that
// contains only some of a clause's bigrams (at least half of their idf mass) is a partial match
// scored at a fraction of the bigrams' BM25F.
//
// A document is a full ("strong") hit when every positive clause matches fully; otherwise it is
// kept as a weak hit when the clauses it matches carry at least half of the query's idf mass
// (partial clauses counting 80% of their share), and always ranked after the strong hits. On top
// of the clause scores: a bonus when two query clauses stand next to each other in the text
// (小微企业 贷款 → 小微企业贷款) or near each other, and a small one for items active (or
// long-term) on as_of.
#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>

#include "base/error.h"
#include "search/fold.h"
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
constexpr double kPartialWeight = 0.3;   // partial clause: this share of its bigrams' BM25F
constexpr double kPartialShare = 0.8;    // … and of its idf mass towards the coverage
constexpr double kMinPartialFraction = 0.5;
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
};

struct Piece {
  std::vector<QToken> tokens;
  std::uint32_t span = 0;  // positions covered
};

struct Alternative {
  double weight = 1;
  std::vector<Piece> pieces;
};

struct Clause {
  bool negated = false;
  bool phrase = false;
  std::uint8_t mask = kAllFields;
  std::vector<Alternative> alts;
  std::vector<QToken> partial;  // distinct tokens present in the index, of the first alternative
};

// Where a piece matches in one document.
struct PieceMatch {
  std::uint32_t doc;
  std::array<std::uint16_t, kFieldCount> tf;
  const std::uint32_t* starts;  // fieldpos of each match, ascending
  std::uint32_t count;
};

// What one clause contributes to one document.
struct ClauseMatch {
  std::uint32_t doc;
  double score;
  bool full;
  double fraction;  // 1 for full matches
  const std::uint32_t* starts;
  std::uint32_t count;
  std::uint32_t span;
};

double idf(std::size_t df, std::size_t n) {
  const double dfd = static_cast<double>(df);
  return std::log(1.0 + (static_cast<double>(n) - dfd + 0.5) / (dfd + 0.5));
}

double bm25f(const FieldWeights& fw, const std::array<std::uint16_t, kFieldCount>& tf, double w) {
  double t = 0;
  for (int f = 0; f < kFieldCount; ++f) t += fw[f] * tf[f];
  return t <= 0 ? 0 : w * t * (kK1 + 1) / (kK1 + t);
}

std::array<std::uint16_t, kFieldCount> unpack(std::uint32_t packed, std::uint8_t mask) {
  std::array<std::uint16_t, kFieldCount> tf{};
  for (int f = 0; f < kFieldCount; ++f) {
    if (mask & (1u << f)) tf[f] = static_cast<std::uint16_t>(tf_in(packed, f));
  }
  return tf;
}

// Galloping search for doc in docs[from..): the first index with docs[i] >= doc.
std::size_t seek(const std::vector<std::uint32_t>& docs, std::size_t from, std::uint32_t doc) {
  std::size_t step = 1;
  std::size_t hi = from;
  while (hi < docs.size() && docs[hi] < doc) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = std::min(hi, docs.size());
  return static_cast<std::size_t>(std::lower_bound(docs.begin() + static_cast<std::ptrdiff_t>(from),
                                                   docs.begin() + static_cast<std::ptrdiff_t>(hi),
                                                   doc) -
                                  docs.begin());
}

// Per-query scratch memory that PieceMatch::starts point into. A deque-like list of blocks so
// that pointers stay valid while more are added.
class StartsPool {
 public:
  std::vector<std::uint32_t>& block() {
    blocks_.emplace_back();
    return blocks_.back();
  }

 private:
  std::vector<std::vector<std::uint32_t>> blocks_;
};

// Merges two lists sorted by doc; for a document in both, the better entry (a full match
// before a partial one, then the higher score).
std::vector<ClauseMatch> merge_best(const std::vector<ClauseMatch>& a,
                                    const std::vector<ClauseMatch>& b) {
  std::vector<ClauseMatch> out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].doc < b[j].doc)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].doc < a[i].doc) {
      out.push_back(b[j++]);
    } else {
      const bool take_a = a[i].full != b[j].full ? a[i].full : a[i].score >= b[j].score;
      out.push_back(take_a ? a[i] : b[j]);
      ++i;
      ++j;
    }
  }
  return out;
}

class Evaluator {
 public:
  Evaluator(const Data& data) : data_(data), n_(data.documents.size()) {}

  // All documents where the piece matches, ascending by doc.
  std::vector<PieceMatch> match_piece(const Piece& piece, std::uint8_t mask) {
    std::vector<PieceMatch> out;
    for (const QToken& t : piece.tokens) {
      if (t.term == Data::kNoTerm) return out;
    }
    if (piece.tokens.empty()) return out;
    if (piece.tokens.size() == 1) {
      const Postings& p = data_.postings[piece.tokens[0].term];
      out.reserve(p.docs.size());
      for (std::size_t i = 0; i < p.docs.size(); ++i) {
        auto tf = unpack(p.tfs[i], mask);
        const std::uint32_t* b = p.positions.data() + p.starts[i];
        const std::uint32_t* e = p.positions.data() + p.starts[i + 1];
        if (mask != kAllFields) {
          if (std::all_of(tf.begin(), tf.end(), [](std::uint16_t v) { return v == 0; })) continue;
          // A restricted clause names one field: its positions are one contiguous run.
          const int f = std::countr_zero(static_cast<unsigned>(mask));
          const std::uint32_t lo = static_cast<std::uint32_t>(f) << kFieldShift;
          b = std::lower_bound(b, e, lo);
          e = std::lower_bound(b, e, lo + (1u << kFieldShift));
        }
        out.push_back(PieceMatch{p.docs[i], tf, b, static_cast<std::uint32_t>(e - b)});
      }
      return out;
    }
    // The rarest token drives; the others are sought in it (cursor per token).
    std::size_t driver = 0;
    for (std::size_t i = 1; i < piece.tokens.size(); ++i) {
      if (data_.postings[piece.tokens[i].term].docs.size() <
          data_.postings[piece.tokens[driver].term].docs.size()) {
        driver = i;
      }
    }
    const Postings& dp = data_.postings[piece.tokens[driver].term];
    const std::uint32_t drel = piece.tokens[driver].rel;
    std::vector<std::size_t> cursor(piece.tokens.size(), 0);
    std::vector<std::uint32_t>& starts = pool_.block();
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // into starts, per match
    std::vector<const std::uint32_t*> pos(piece.tokens.size());
    std::vector<const std::uint32_t*> pos_end(piece.tokens.size());
    for (std::size_t di = 0; di < dp.docs.size(); ++di) {
      const std::uint32_t doc = dp.docs[di];
      if (mask != kAllFields &&
          (unpack(dp.tfs[di], mask) == std::array<std::uint16_t, kFieldCount>{})) {
        continue;
      }
      bool all = true;
      for (std::size_t i = 0; i < piece.tokens.size(); ++i) {
        if (i == driver) {
          pos[i] = dp.positions.data() + dp.starts[di];
          pos_end[i] = dp.positions.data() + dp.starts[di + 1];
          continue;
        }
        const Postings& p = data_.postings[piece.tokens[i].term];
        cursor[i] = seek(p.docs, cursor[i], doc);
        if (cursor[i] >= p.docs.size() || p.docs[cursor[i]] != doc) {
          all = false;
          break;
        }
        pos[i] = p.positions.data() + p.starts[cursor[i]];
        pos_end[i] = p.positions.data() + p.starts[cursor[i] + 1];
      }
      if (!all) continue;
      std::array<std::uint16_t, kFieldCount> tf{};
      const std::size_t first = starts.size();
      for (const std::uint32_t* x = pos[driver]; x != pos_end[driver]; ++x) {
        if ((*x & kPosMask) < drel) continue;
        const std::uint32_t base = *x - drel;
        const auto field = field_of(base);
        if (!(mask & (1u << field))) continue;
        bool ok = true;
        for (std::size_t i = 0; i < piece.tokens.size() && ok; ++i) {
          if (i == driver) continue;
          const std::uint32_t target = base + piece.tokens[i].rel;
          while (pos[i] != pos_end[i] && *pos[i] < target) ++pos[i];
          ok = pos[i] != pos_end[i] && *pos[i] == target;
        }
        if (!ok) continue;
        if (tf[field] < 0xFFFF) ++tf[field];
        starts.push_back(base);
      }
      if (starts.size() > first) {
        out.push_back(PieceMatch{doc, tf, nullptr, 0});
        ranges.emplace_back(first, starts.size() - first);
      }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].starts = starts.data() + ranges[i].first;
      out[i].count = static_cast<std::uint32_t>(ranges[i].second);
    }
    return out;
  }

  // Documents where every piece of an alternative matches, with its score.
  std::vector<ClauseMatch> match_alternative(const Alternative& alt, std::uint8_t mask) {
    std::vector<ClauseMatch> out;
    if (alt.pieces.empty()) return out;
    std::vector<std::vector<PieceMatch>> lists;
    std::vector<double> idfs;
    for (const Piece& p : alt.pieces) {
      lists.push_back(match_piece(p, mask));
      if (lists.back().empty()) return out;
      idfs.push_back(idf(lists.back().size(), n_));
    }
    std::vector<std::size_t> cur(lists.size(), 0);
    for (const PieceMatch& m : lists[0]) {
      double score = bm25f(data_.fw[m.doc], m.tf, idfs[0]);
      bool all = true;
      for (std::size_t i = 1; i < lists.size() && all; ++i) {
        auto& l = lists[i];
        while (cur[i] < l.size() && l[cur[i]].doc < m.doc) ++cur[i];
        all = cur[i] < l.size() && l[cur[i]].doc == m.doc;
        if (all) score += bm25f(data_.fw[m.doc], l[cur[i]].tf, idfs[i]);
      }
      if (!all) continue;
      out.push_back(
          ClauseMatch{m.doc, alt.weight * score, true, 1.0, m.starts, m.count, alt.pieces[0].span});
    }
    return out;
  }

  // Documents the clause matches fully (any alternative, best score) or partially.
  std::vector<ClauseMatch> match_clause(const Clause& c, double* mass) {
    std::vector<ClauseMatch> full;
    double best_idf = 0;
    for (const Alternative& alt : c.alts) {
      auto m = match_alternative(alt, c.mask);
      if (m.empty()) continue;
      best_idf = std::max(best_idf, idf(m.size(), n_));
      full = full.empty() ? std::move(m) : merge_best(full, m);
    }
    // Partial matches: documents holding enough of the clause's bigrams.
    std::vector<ClauseMatch> partial;
    double total = 0;
    if (!c.phrase && c.partial.size() >= 2) {
      std::vector<double> w;
      for (const QToken& t : c.partial) w.push_back(idf(data_.postings[t.term].docs.size(), n_));
      total = std::accumulate(w.begin(), w.end(), 0.0);
      // Tokens too common to qualify a document alone (MaxScore-style): only the others are
      // enumerated; all are probed.
      std::vector<std::size_t> order(c.partial.size());
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(),
                [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
      double prefix = 0;
      std::vector<std::size_t> essential;
      std::vector<std::size_t> probed;
      double probed_mass = 0;
      for (std::size_t k : order) {
        prefix += w[k];
        if (prefix < kMinPartialFraction * total) {
          probed.push_back(k);
          probed_mass += w[k];
        } else {
          essential.push_back(k);
        }
      }
      // Walk the essential lists together (k-way merge by cursor); probe the others only when
      // they could still lift the document over the threshold.
      std::vector<std::size_t> cursor(c.partial.size(), 0);
      std::size_t full_cursor = 0;
      while (true) {
        std::uint32_t doc = UINT32_MAX;
        for (std::size_t k : essential) {
          const auto& docs = data_.postings[c.partial[k].term].docs;
          if (cursor[k] < docs.size()) doc = std::min(doc, docs[cursor[k]]);
        }
        if (doc == UINT32_MAX) break;
        double got = 0;
        double score = 0;
        for (std::size_t k : essential) {
          const Postings& p = data_.postings[c.partial[k].term];
          if (cursor[k] >= p.docs.size() || p.docs[cursor[k]] != doc) continue;
          const double s_k = bm25f(data_.fw[doc], unpack(p.tfs[cursor[k]], c.mask), w[k]);
          ++cursor[k];
          if (s_k <= 0) continue;
          got += w[k];
          score += s_k;
        }
        while (full_cursor < full.size() && full[full_cursor].doc < doc) ++full_cursor;
        if (full_cursor < full.size() && full[full_cursor].doc == doc) continue;  // full anyway
        if (got + probed_mass < kMinPartialFraction * total) continue;
        for (std::size_t k : probed) {
          const Postings& p = data_.postings[c.partial[k].term];
          cursor[k] = seek(p.docs, cursor[k], doc);
          if (cursor[k] >= p.docs.size() || p.docs[cursor[k]] != doc) continue;
          const double s_k = bm25f(data_.fw[doc], unpack(p.tfs[cursor[k]], c.mask), w[k]);
          if (s_k <= 0) continue;
          got += w[k];
          score += s_k;
        }
        const double fraction = got / total;
        if (fraction < kMinPartialFraction) continue;
        partial.push_back(
            ClauseMatch{doc, kPartialWeight * score / static_cast<double>(c.partial.size()), false,
                        fraction, nullptr, 0, 0});
      }
    }
    // The clause's weight in the query: the idf of its best full match, else of its bigrams.
    *mass = best_idf > 0 ? best_idf
                         : (total > 0 ? total / static_cast<double>(c.partial.size()) : idf(0, n_));
    return partial.empty() ? full : merge_best(full, partial);
  }

  // Where a piece matches in one document (for highlighting).
  std::vector<std::uint32_t> piece_starts(const Piece& piece, std::uint8_t mask,
                                          std::uint32_t doc) {
    std::vector<std::uint32_t> out;
    if (piece.tokens.empty()) return out;
    std::vector<std::pair<const std::uint32_t*, const std::uint32_t*>> pos;
    for (const QToken& t : piece.tokens) {
      if (t.term == Data::kNoTerm) return out;
      const Postings& p = data_.postings[t.term];
      auto it = std::lower_bound(p.docs.begin(), p.docs.end(), doc);
      if (it == p.docs.end() || *it != doc) return out;
      const auto i = static_cast<std::size_t>(it - p.docs.begin());
      pos.emplace_back(p.positions.data() + p.starts[i], p.positions.data() + p.starts[i + 1]);
    }
    for (const std::uint32_t* x = pos[0].first; x != pos[0].second; ++x) {
      if ((*x & kPosMask) < piece.tokens[0].rel) continue;
      const std::uint32_t base = *x - piece.tokens[0].rel;
      if (!(mask & (1u << field_of(base)))) continue;
      bool ok = true;
      for (std::size_t i = 1; i < pos.size() && ok; ++i) {
        ok = std::binary_search(pos[i].first, pos[i].second, base + piece.tokens[i].rel);
      }
      if (ok) out.push_back(base);
    }
    return out;
  }

 private:
  const Data& data_;
  std::size_t n_;
  StartsPool pool_;
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
      for (const auto& g : groups) {
        Clause c;
        c.negated = qc.negated;
        c.phrase = qc.phrase;
        c.mask = mask;
        const std::string word = qc.text.substr(g.front().begin, g.back().end - g.front().begin);
        c.alts.push_back(alternative(g, 1.0, !qc.phrase));
        for (const QToken& t : flat(g)) {
          if (t.term == Data::kNoTerm) continue;
          if (std::none_of(c.partial.begin(), c.partial.end(),
                           [&](const QToken& o) { return o.term == t.term; })) {
            c.partial.push_back(t);
          }
        }
        if (!qc.phrase) {
          for (const std::string& syn : data_.synonyms.expand(word, kMaxAlternatives - 1)) {
            const auto st = tokenize(syn, TokenizeMode::query);
            // A synonym is a wording of its own: matched whole, never cut into parts.
            if (!st.empty()) c.alts.push_back(alternative(st, kSynonymWeight, false));
          }
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
      out.push_back(QToken{data_.term(t.term), t.position - tokens.front().position,
                           t.kind == TokenKind::bigram ? 2u : 1u, t.kind == TokenKind::bigram});
    }
    return out;
  }

  Alternative alternative(const std::vector<Token>& tokens, double weight, bool split) const {
    Alternative alt;
    alt.weight = weight;
    const std::vector<QToken> all = flat(tokens);
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
    if (!did_split || pieces.empty()) pieces.assign(1, all);
    for (auto& toks : pieces) {
      Piece p;
      const std::uint32_t first = toks.front().rel;
      for (QToken& t : toks) {
        t.rel -= first;
        p.span = std::max(p.span, t.rel + t.width);
      }
      p.tokens = std::move(toks);
      alt.pieces.push_back(std::move(p));
    }
    return alt;
  }

  const Data& data_;
};

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(s.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}}
      .ok();
}

std::string today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

UserError bad(const std::string& field, const std::string& en, const std::string& zh) {
  return UserError("bad-search-request", en, zh, Location{{}, 0, 0, field});
}

constexpr int kStatusBit = kStoredFacetCount;  // filter bit of the status facet
constexpr std::array<catalog::Status, 5> kStatuses = {
    catalog::Status::active, catalog::Status::expired, catalog::Status::not_yet,
    catalog::Status::long_term, catalog::Status::unknown};

struct Filters {
  std::array<std::vector<std::uint32_t>, kStoredFacetCount> ids;  // sorted
  std::array<bool, kStoredFacetCount + 1> active{};
  std::array<bool, 5> statuses{};
  bool any = false;

  // Bits of the filters the document fails.
  // groups: the document's facet groups (Index::Data::facet_data).
  unsigned failing(const std::uint32_t* groups, catalog::Status status) const {
    if (!any) return 0;
    unsigned bits = 0;
    for (int f = 0; f < kStoredFacetCount; ++f) {
      const std::uint32_t count = *groups++;
      const std::uint32_t* have = groups;
      groups += count;
      if (!active[f]) continue;
      const bool ok = std::any_of(have, have + count, [&](std::uint32_t v) {
        return std::binary_search(ids[f].begin(), ids[f].end(), v);
      });
      if (!ok) bits |= 1u << f;
    }
    if (active[kStatusBit] && !statuses[static_cast<std::size_t>(status)]) bits |= 1u << kStatusBit;
    return bits;
  }
};

Filters make_filters(const Data& data,
                     const std::vector<std::pair<std::string, std::string>>& pairs) {
  Filters out;
  for (const auto& [name, value] : pairs) {
    if (name == "status") {
      out.active[kStatusBit] = true;
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
    out.active[facet] = true;
    auto it = data.facet_ids[facet].find(canonical(value));
    if (it != data.facet_ids[facet].end()) out.ids[facet].push_back(it->second);
  }
  for (auto& v : out.ids) std::sort(v.begin(), v.end());
  out.any = !pairs.empty();
  return out;
}

struct Candidate {
  std::uint32_t doc;
  double score;
  bool strong;
  catalog::Status status;
};

// The bonus for two clauses that stand next to (or near) each other in one field.
double proximity(const ClauseMatch& a, const ClauseMatch& b) {
  bool adjacent = false;
  bool near = false;
  for (std::uint32_t i = 0; i < a.count && !adjacent; ++i) {
    for (std::uint32_t j = 0; j < b.count && !adjacent; ++j) {
      const std::uint32_t x = a.starts[i];
      const std::uint32_t y = b.starts[j];
      if (field_of(x) != field_of(y)) continue;
      // a then b, or b then a, with at most one position between them.
      if ((y >= x + a.span && y <= x + a.span + 1) || (x >= y + b.span && x <= y + b.span + 1)) {
        adjacent = true;
      } else if ((y > x ? y - x : x - y) <= kNearWindow) {
        near = true;
      }
    }
  }
  const double base = std::min(a.score, b.score);
  return adjacent ? kAdjacentBonus * base : near ? kNearBonus * base : 0;
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
  if (!valid_date(as_of)) {
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
  const Filters filters = make_filters(data, filter_pairs);

  bool had_text = false;
  Planner planner(data);
  const std::vector<Clause> clauses = planner.plan(parsed, &had_text);
  Evaluator eval(data);

  // Exclusions.
  std::vector<char> excluded;
  std::vector<const Clause*> positive;
  for (const Clause& c : clauses) {
    if (!c.negated) {
      positive.push_back(&c);
      continue;
    }
    if (excluded.empty()) excluded.assign(n, 0);
    for (const Alternative& alt : c.alts) {
      for (const ClauseMatch& m : eval.match_alternative(alt, c.mask)) excluded[m.doc] = 1;
    }
  }
  auto is_excluded = [&](std::uint32_t d) { return !excluded.empty() && excluded[d] != 0; };

  // Text matching → candidates.
  std::vector<Candidate> candidates;
  if (positive.empty()) {
    // No words to look for: every item (unless the words there were had no searchable text).
    const bool only_noise = had_text && std::none_of(clauses.begin(), clauses.end(),
                                                     [](const Clause& c) { return c.negated; });
    if (!only_noise) {
      for (std::uint32_t d = 0; d < n; ++d) {
        if (!is_excluded(d)) candidates.push_back(Candidate{d, 0, true, catalog::Status::unknown});
      }
    }
  } else {
    std::vector<std::vector<ClauseMatch>> lists;
    std::vector<double> mass;
    for (const Clause* c : positive) {
      double m = 0;
      lists.push_back(eval.match_clause(*c, &m));
      mass.push_back(m);
    }
    const double total_mass = std::accumulate(mass.begin(), mass.end(), 0.0);
    std::vector<std::size_t> cur(lists.size(), 0);
    std::vector<const ClauseMatch*> here(lists.size());
    while (true) {
      std::uint32_t doc = UINT32_MAX;
      for (std::size_t i = 0; i < lists.size(); ++i) {
        if (cur[i] < lists[i].size()) doc = std::min(doc, lists[i][cur[i]].doc);
      }
      if (doc == UINT32_MAX) break;
      double score = 0;
      double covered = 0;
      std::size_t full = 0;
      for (std::size_t i = 0; i < lists.size(); ++i) {
        here[i] = nullptr;
        if (cur[i] < lists[i].size() && lists[i][cur[i]].doc == doc) {
          here[i] = &lists[i][cur[i]++];
          score += here[i]->score;
          if (here[i]->full) {
            ++full;
            covered += mass[i];
          } else {
            covered += kPartialShare * here[i]->fraction * mass[i];
          }
        }
      }
      const bool strong = full == lists.size();
      if (is_excluded(doc) || (!strong && covered < kMinCoverage * total_mass)) continue;
      for (std::size_t i = 0; i + 1 < lists.size(); ++i) {
        if (here[i] && here[i + 1] && here[i]->full && here[i + 1]->full) {
          score += proximity(*here[i], *here[i + 1]);
        }
      }
      candidates.push_back(Candidate{doc, score, strong, catalog::Status::unknown});
    }
  }

  // Status, filters and facets.
  SearchResult result;
  result.as_of = as_of;
  std::array<std::vector<std::size_t>, kStoredFacetCount> counts;
  for (int f = 0; f < kStoredFacetCount; ++f) counts[f].assign(data.facet_values[f].size(), 0);
  std::array<std::size_t, 5> status_counts{};
  std::vector<Candidate> hits;
  hits.reserve(candidates.size());
  const std::int32_t as_of_number = date_number(as_of);
  for (Candidate& c : candidates) {
    const Validity& v = data.validity[c.doc];
    c.status = v.exact ? status_on(v, as_of_number) : data.documents[c.doc].facts.status_on(as_of);
    if (c.status == catalog::Status::active) c.score *= kActiveBonus;
    if (c.status == catalog::Status::long_term) c.score *= kLongTermBonus;
    const std::uint32_t* groups = data.facet_data.data() + data.facet_start[c.doc];
    const unsigned failing = filters.failing(groups, c.status);
    // A document counts in a facet when it passes every filter but (maybe) that facet's own.
    if (failing == 0 || std::has_single_bit(failing)) {
      for (int f = 0; f < kStoredFacetCount; ++f) {
        const std::uint32_t count = *groups++;
        if (failing == 0 || failing == (1u << f)) {
          for (std::uint32_t i = 0; i < count; ++i) ++counts[f][groups[i]];
        }
        groups += count;
      }
      if (failing == 0 || failing == (1u << kStatusBit)) {
        ++status_counts[static_cast<std::size_t>(c.status)];
      }
    }
    if (failing == 0) hits.push_back(c);
  }
  for (int f = 0; f < kStoredFacetCount; ++f) {
    if (f == kList && data.facet_values[f].size() < 2) continue;
    auto& out = result.facets[facet_name(f)];
    for (std::size_t v = 0; v < counts[f].size(); ++v) {
      if (counts[f][v] > 0) out.push_back(FacetCount{data.facet_values[f][v], counts[f][v]});
    }
  }
  auto& status_out = result.facets["status"];
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    if (status_counts[i] > 0)
      status_out.push_back(FacetCount{catalog::to_string(kStatuses[i]), status_counts[i]});
  }
  for (auto& [name, values] : result.facets) {
    std::sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }

  // Order: strong hits before weak ones, then by the requested key.
  result.total = hits.size();
  result.strong = static_cast<std::size_t>(
      std::count_if(hits.begin(), hits.end(), [](const Candidate& c) { return c.strong; }));
  auto before = [&](const Candidate& a, const Candidate& b) {
    if (a.strong != b.strong) return a.strong;
    if (sort == "amount") {
      const double x = data.info[a.doc].amount_cap;
      const double y = data.info[b.doc].amount_cap;
      if (x != y) return x > y;
    } else if (sort == "valid_until") {
      const std::string& x = data.documents[a.doc].facts.valid_until;
      const std::string& y = data.documents[b.doc].facts.valid_until;
      if (x != y) return y.empty() || (!x.empty() && x < y);
    }
    if (sort != "seq" && a.score != b.score) return a.score > b.score;
    return a.doc < b.doc;
  };
  const std::size_t end = std::min(hits.size(), request.offset + request.limit);
  if (request.offset < hits.size()) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
                      before);
    for (std::size_t i = request.offset; i < end; ++i) {
      const Candidate& c = hits[i];
      const catalog::Item& item = data.documents[c.doc].item;
      Hit h;
      h.id = item.id;
      h.list = data.info[c.doc].list;
      h.seq = item.seq;
      h.title = item.title;
      h.category = item.category;
      h.score = std::round(c.score * 1e4) / 1e4;
      h.weak = !c.strong;
      h.status = catalog::to_string(c.status);
      if (request.highlight) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
        for (const Clause* cl : positive) {
          bool any = false;
          for (const Alternative& alt : cl->alts) {
            for (const Piece& p : alt.pieces) {
              for (std::uint32_t s : eval.piece_starts(p, cl->mask, c.doc)) {
                spans.emplace_back(s, s + p.span);
                any = true;
              }
            }
          }
          if (any || cl->phrase) continue;
          for (const QToken& t : cl->partial) {  // a partial match: its bigrams
            Piece one;
            one.tokens = {QToken{t.term, 0, t.width, t.bigram}};
            for (std::uint32_t s : eval.piece_starts(one, cl->mask, c.doc)) {
              spans.emplace_back(s, s + t.width);
            }
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
