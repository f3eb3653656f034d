#include "functions/datetime/zone_cache.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/civil_time.h"

namespace ember {

namespace {

constexpr int64_t kDay = 86400;
const absl::CivilSecond kEpoch(1970, 1, 1, 0, 0, 0);
constexpr int64_t kCycle = 146097 * kDay;  // 400 Gregorian years: dates and weekdays repeat
// A zone with a rule reports transitions ~400 years past its last listed one (2037 at the latest);
// one whose transitions stop before this has no rule and keeps its last offset.
const int64_t kRuleHorizon = absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2200, 1, 1), absl::UTCTimeZone()));

// How many of the sorted `keys` are at or before each bucket's first second.
std::vector<uint32_t> BucketIndex(const std::vector<int64_t>& keys, int64_t start, uint64_t span, int bits) {
  std::vector<uint32_t> index((span >> bits) + 1);
  for (size_t b = 0; b < index.size(); ++b) {
    int64_t first = start + static_cast<int64_t>(b << bits);
    index[b] = static_cast<uint32_t>(std::upper_bound(keys.begin(), keys.end(), first) - keys.begin());
  }
  return index;
}

}  // namespace

ZoneCache::ZoneCache(const absl::TimeZone& tz) : tz_(tz) {
  absl::TimeZone::CivilTransition transition;
  absl::Time at = absl::InfinitePast();
  while (tz_.NextTransition(at, &transition)) {
    absl::Time next = tz_.At(transition.to).trans;
    if (next <= at) break;  // never expected: the zone database reports increasing instants
    at = next;
    int64_t seconds = absl::ToUnixSeconds(at);
    int32_t before = tz_.At(absl::FromUnixSeconds(seconds - 1)).offset;
    int32_t after = tz_.At(at).offset;
    if (before == after) continue;  // only the abbreviation or the DST flag changed
    if (offsets_.empty()) offsets_.push_back(before);
    utc_times_.push_back(seconds);
    offsets_.push_back(after);
  }
  if (utc_times_.empty()) {
    fixed_ = true;
    fixed_offset_ = tz_.At(absl::UnixEpoch()).offset;
    return;
  }
  periodic_ = utc_times_.back() >= kRuleHorizon;
  start_ = utc_times_.front() - 2 * kDay;
  end_ = utc_times_.back() + 1;
  utc_span_ = static_cast<uint64_t>(end_ - start_);
  // A wall-clock second before a transition's instant plus the larger of its two offsets is read
  // with the offset before (that includes the gap and the overlap), from there with the one after.
  bool sorted = true;
  for (size_t k = 0; k < utc_times_.size(); ++k) {
    local_keys_.push_back(utc_times_[k] + std::max(offsets_[k], offsets_[k + 1]));
    sorted = sorted && (k == 0 || local_keys_[k] >= local_keys_[k - 1]);
  }
  // Wall-clock times up to two days past end_ come from the table (a rule's next transition is
  // months away); transitions so close that their keys are out of order are left to the database.
  local_span_ = sorted ? utc_span_ + 2 * kDay : 0;
  utc_index_ = BucketIndex(utc_times_, start_, utc_span_, kBucketBits);
  local_index_ = BucketIndex(local_keys_, start_, local_span_, kBucketBits);
  utc_times_.push_back(std::numeric_limits<int64_t>::max());
  local_keys_.push_back(std::numeric_limits<int64_t>::max());
}

int32_t ZoneCache::OffsetAtUtcOutside(int64_t utc_seconds) const {
  if (utc_seconds < start_) return offsets_.front();
  if (!periodic_) return offsets_.back();
  // The same instant of the cycle inside the table's last 400 years.
  int64_t cycles = (utc_seconds - (end_ - kCycle)) / kCycle;
  return OffsetAtUtc(utc_seconds - cycles * kCycle);
}

int64_t ZoneCache::LocalToUtcOutside(int64_t local_seconds) const {
  if (local_span_ == 0) {
    // absl's `pre` instant is java.time's choice for gaps and overlaps.
    return absl::ToUnixSeconds(tz_.At(kEpoch + local_seconds).pre);
  }
  if (local_seconds < start_) return local_seconds - offsets_.front();
  if (!periodic_) return local_seconds - offsets_.back();
  int64_t local_end = start_ + static_cast<int64_t>(local_span_);
  int64_t cycles = (local_seconds - (local_end - kCycle)) / kCycle;
  return LocalToUtc(local_seconds - cycles * kCycle) + cycles * kCycle;
}

int64_t ZoneCache::GapEnd(int64_t local_seconds) const {
  return absl::ToUnixSeconds(tz_.At(absl::CivilSecond(1970, 1, 1, 0, 0, 0) + local_seconds).trans);
}

// Tables live as long as the process (zones are few); each thread remembers the last two it used.
ZoneCache& ZoneCacheFor(const absl::TimeZone& tz) {
  thread_local ZoneCache* recent[2] = {nullptr, nullptr};
  for (ZoneCache* cache : recent) {
    if (cache && cache->zone() == tz) return *cache;
  }
  static std::mutex mutex;
  static auto* tables = new std::unordered_map<std::string, std::unique_ptr<ZoneCache>>();
  ZoneCache* cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::unique_ptr<ZoneCache>& slot = (*tables)[tz.name()];
    if (!slot) slot = std::make_unique<ZoneCache>(tz);
    cache = slot.get();
  }
  recent[1] = recent[0];
  recent[0] = cache;
  return *cache;
}

}  // namespace ember
