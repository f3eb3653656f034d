// A time zone's UTC offsets as a table built once per process, so that converting between UTC
// and wall-clock seconds is an index load and, in buckets holding a transition, a comparison or
// two. The table lists every transition the zone database reports (from local mean time up to
// the ~400 years its rule is extended by); later instants repeat the table's last 400 years (the
// Gregorian cycle the rule repeats with, as the zone database itself does), or keep the last
// offset in a zone without rule; earlier ones take the zone's first offset.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace ember {

class ZoneCache {
 public:
  explicit ZoneCache(const absl::TimeZone& tz);
  const absl::TimeZone& zone() const { return tz_; }

  int32_t OffsetAtUtc(int64_t utc_seconds) const {
    if (fixed_) return fixed_offset_;
    uint64_t from_start = static_cast<uint64_t>(utc_seconds - start_);
    if (from_start >= utc_span_) return OffsetAtUtcOutside(utc_seconds);
    uint32_t i = utc_index_[from_start >> kBucketBits];
    while (utc_times_[i] <= utc_seconds) ++i;  // ends at the sentinel
    return offsets_[i];
  }
  // java.time semantics: gap times move forward by the gap, ambiguous times take the earlier offset
  // (both are wall-clock seconds minus the offset before the transition).
  int64_t LocalToUtc(int64_t local_seconds) const {
    if (fixed_) return local_seconds - fixed_offset_;
    uint64_t from_start = static_cast<uint64_t>(local_seconds - start_);
    if (from_start >= local_span_) return LocalToUtcOutside(local_seconds);
    uint32_t i = local_index_[from_start >> kBucketBits];
    while (local_keys_[i] <= local_seconds) ++i;  // ends at the sentinel
    return local_seconds - offsets_[i];
  }
  // The first instant of a local date (days since 1970-01-01), as java.time's atStartOfDay gives it:
  // midnight, or the end of a gap that midnight falls in (LocalToUtc would move it by the gap).
  int64_t StartOfDay(int64_t days) const {
    int64_t midnight = days * 86400;
    int64_t utc = LocalToUtc(midnight);
    if (fixed_ || utc + OffsetAtUtc(utc) == midnight) return utc;
    return GapEnd(midnight);
  }

 private:
  static constexpr int kBucketBits = 22;  // ~48.5 days
  int32_t OffsetAtUtcOutside(int64_t utc_seconds) const;
  int64_t LocalToUtcOutside(int64_t local_seconds) const;
  int64_t GapEnd(int64_t local_seconds) const;

  absl::TimeZone tz_;
  bool fixed_ = false;  // a zone without transitions (UTC, fixed offsets): no lookups at all
  int32_t fixed_offset_ = 0;
  bool periodic_ = false;  // the zone has a rule: times past the table repeat its last 400 years
  int64_t start_ = 0;      // two days before the first transition
  int64_t end_ = 0;        // just after the last transition
  uint64_t utc_span_ = 0;    // UTC seconds from start_ the table answers (end_ - start_)
  uint64_t local_span_ = 0;  // the same for wall-clock seconds; 0 when the zone database answers
  // offsets_[i] holds after the first i transitions; utc_times_ are the transitions' instants and
  // local_keys_ the first wall-clock second that takes the offset after each one; both end with a
  // sentinel (INT64_MAX). The indexes hold, per bucket, how many times or keys are at or before its
  // first second.
  std::vector<int32_t> offsets_;
  std::vector<int64_t> utc_times_;
  std::vector<int64_t> local_keys_;
  std::vector<uint32_t> utc_index_;
  std::vector<uint32_t> local_index_;
};

// The table of `tz`, built on first use and shared by all threads for the life of the process.
ZoneCache& ZoneCacheFor(const absl::TimeZone& tz);

}  // namespace ember
