// hash (Murmur3 x86_32, seed 42) and xxhash64 (XXH64, seed 42) of any number of arguments, with
// Spark's values: each non-null argument is hashed with the previous hash as its seed; integers up
// to int as 4 bytes, bigint and timestamps as 8, floats with -0.0 as 0, decimals up to 18 digits
// by their unscaled bigint, wider ones by the big-endian bytes of the unscaled value, strings by
// their UTF-8 bytes (Murmur3 with Spark's byte-at-a-time tail). Nested values (approx_count_distinct
// hashes them) fold their parts in order as Spark's InterpretedHashFunction does: struct fields,
// array elements, each map entry's key then value, nulls leaving the hash as it is; a calendar
// interval its microseconds, then days, then months.
#include <bit>
#include <cstring>

#include "common/calendar_interval.h"
#include "functions/executor.h"
#include "functions/hash/spark_hash.h"
#include "xxhash.h"

namespace ember {
namespace {

uint32_t MixK1(uint32_t k1) { return std::rotl(k1 * 0xcc9e2d51u, 15) * 0x1b873593u; }
uint32_t MixH1(uint32_t h1, uint32_t k1) { return std::rotl(h1 ^ k1, 13) * 5 + 0xe6546b64u; }
uint32_t Fmix(uint32_t h1, uint32_t length) {
  h1 ^= length;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6bu;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35u;
  return h1 ^ (h1 >> 16);
}

struct Murmur3 {
  static uint32_t Int(int32_t v, uint32_t seed) { return Fmix(MixH1(seed, MixK1(static_cast<uint32_t>(v))), 4); }
  static uint32_t Long(int64_t v, uint32_t seed) {
    uint32_t h1 = MixH1(seed, MixK1(static_cast<uint32_t>(v)));
    h1 = MixH1(h1, MixK1(static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32)));
    return Fmix(h1, 8);
  }
  static uint32_t Bytes(std::string_view b, uint32_t seed) {
    uint32_t h1 = seed;
    size_t aligned = b.size() - b.size() % 4;
    for (size_t k = 0; k < aligned; k += 4) {
      uint32_t word;
      std::memcpy(&word, b.data() + k, 4);
      h1 = MixH1(h1, MixK1(word));
    }
    for (size_t k = aligned; k < b.size(); ++k) h1 = MixH1(h1, MixK1(static_cast<uint32_t>(static_cast<int8_t>(b[k]))));
    return Fmix(h1, static_cast<uint32_t>(b.size()));
  }
};

struct XxHash64 {
  static uint64_t Int(int32_t v, uint64_t seed) { return XXH64(&v, 4, seed); }
  static uint64_t Long(int64_t v, uint64_t seed) { return XXH64(&v, 8, seed); }
  static uint64_t Bytes(std::string_view b, uint64_t seed) { return XXH64(b.data(), b.size(), seed); }
};

// Big-endian two's complement bytes of v, as Java's BigInteger.toByteArray (shortest form).
std::string BigEndianBytes(int128_t v) {
  std::string bytes;
  for (int k = 15; k >= 0; --k) bytes += static_cast<char>(static_cast<uint8_t>(static_cast<unsigned __int128>(v) >> (8 * k)));
  size_t skip = 0;
  while (skip + 1 < bytes.size()) {
    uint8_t b = static_cast<uint8_t>(bytes[skip]), next = static_cast<uint8_t>(bytes[skip + 1]);
    if ((b == 0 && !(next & 0x80)) || (b == 0xFF && (next & 0x80))) ++skip;
    else break;
  }
  return bytes.substr(skip);
}

// Folds the hash of row i of `v` into `seed`.
template <typename H, typename S>
S HashValue(const Vector& v, int64_t i, S seed) {
  const DataType& t = *v.type();
  switch (t.id) {
    case TypeId::kBoolean: return H::Int(v.Data<uint8_t>()[i], seed);
    case TypeId::kByte: return H::Int(v.Data<int8_t>()[i], seed);
    case TypeId::kShort: return H::Int(v.Data<int16_t>()[i], seed);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval: return H::Int(v.Data<int32_t>()[i], seed);
    case TypeId::kLong:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval: return H::Long(v.Data<int64_t>()[i], seed);
    case TypeId::kFloat: {
      float f = v.Data<float>()[i];
      int32_t bits = f == 0.0f ? 0 : std::isnan(f) ? 0x7fc00000 : std::bit_cast<int32_t>(f);
      return H::Int(bits, seed);
    }
    case TypeId::kDouble: {
      double d = v.Data<double>()[i];
      int64_t bits = d == 0.0 ? 0 : std::isnan(d) ? 0x7ff8000000000000LL : std::bit_cast<int64_t>(d);
      return H::Long(bits, seed);
    }
    case TypeId::kDecimal:
      if (t.precision <= 18) return H::Long(t.IsWideDecimal() ? static_cast<int64_t>(v.Data<int128_t>()[i]) : v.Data<int64_t>()[i], seed);
      return H::Bytes(BigEndianBytes(t.IsWideDecimal() ? v.Data<int128_t>()[i] : v.Data<int64_t>()[i]), seed);
    case TypeId::kString:
    case TypeId::kBinary: return H::Bytes(v.GetString(i), seed);
    case TypeId::kNull: return seed;
    case TypeId::kArray:
    case TypeId::kMap: {  // children: [elements] or [keys, values]
      S h = seed;
      for (int32_t k = v.Offsets()[i]; k < v.Offsets()[i + 1]; ++k) {
        for (const auto& child : v.children()) {
          if (child->IsValid(k)) h = HashValue<H, S>(*child, k, h);
        }
      }
      return h;
    }
    case TypeId::kStruct: {
      if (IsCalendarInterval(t)) {
        CalendarInterval c = ReadCalendarInterval(v, i);
        return H::Int(c.months, H::Int(c.days, H::Long(c.micros, seed)));
      }
      S h = seed;
      for (const auto& field : v.children()) {
        if (field->IsValid(i)) h = HashValue<H, S>(*field, i, h);
      }
      return h;
    }
    default: throw SparkError("UNSUPPORTED_FEATURE", {{"feature", "hashing values of type " + t.ToString()}});
  }
}

template <typename H, typename Out>
ScalarFunction HashFunction(const std::string& name, TypePtr result, std::string doc, std::vector<FunctionExample> examples) {
  return MakeScalar(
      name, std::move(doc),
      [name, result](const std::vector<BindArg>& args, const EvalContext&) {
        if (args.empty()) CheckArgCount(name, args, 1, 1);
        std::vector<TypePtr> types;
        for (size_t k = 0; k < args.size(); ++k) {
          if (args[k].type->IsNested()) ThrowUnexpectedType(name, k, "an atomic type (arrays, maps and structs are not supported yet)", *args[k].type);
          types.push_back(args[k].type);
        }
        BoundScalar bound = FixedBinding(types, result, nullptr);
        bound.result_nullable = false;
        bound.kernel = [result](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
          VectorPtr out = Vector::Make(result, rows);
          Out* o = out->Data<Out>();
          using S = std::make_unsigned_t<Out>;
          for (int64_t i = 0; i < rows; ++i) o[i] = 42;
          for (const auto& v : a) {
            for (int64_t i = 0; i < rows; ++i) {
              if (v->IsValid(i)) o[i] = static_cast<Out>(HashValue<H, S>(*v, i, static_cast<S>(o[i])));
            }
          }
          return out;
        };
        return bound;
      },
      std::move(examples));
}

}  // namespace

uint64_t SparkXxHash64(const Vector& v, int64_t i, uint64_t seed) { return HashValue<XxHash64, uint64_t>(v, i, seed); }

uint32_t SparkMurmur3Bytes(std::string_view bytes, uint32_t seed) { return Murmur3::Bytes(bytes, seed); }

void RegisterSparkHashFunctions(FunctionRegistry& registry) {
  registry.Add(HashFunction<Murmur3, int32_t>("hash", IntType(), "hash(expr, ...): Spark's Murmur3 hash (seed 42) of the arguments, as an int.",
                                              {{"hash(1)", "-559580957"}, {"hash(NULL)", "42"}}));
  registry.Add(HashFunction<XxHash64, int64_t>("xxhash64", LongType(), "xxhash64(expr, ...): Spark's 64-bit xxHash (seed 42) of the arguments, as a bigint.",
                                               {{"xxhash64(NULL)", "42"}}));
}

}  // namespace ember
