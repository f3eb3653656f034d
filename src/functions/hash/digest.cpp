// md5, sha1 / sha, sha2 (hex digests of binary values) and crc32.
#include <openssl/evp.h>
#include <zlib.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "functions/executor.h"

namespace ember {
namespace {

using SV = std::string_view;

// Digest algorithms fetched once from OpenSSL's default provider (an implicit fetch per row
// would dominate the cost), freed at exit.
class FetchedDigests {
 public:
  ~FetchedDigests() {
    for (auto& [name, md] : fetched_) EVP_MD_free(md);
  }
  const EVP_MD* Get(const std::string& name) {
    std::lock_guard lock(mutex_);
    EVP_MD*& md = fetched_[name];
    if (md == nullptr) md = EVP_MD_fetch(nullptr, name.c_str(), nullptr);
    return md;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, EVP_MD*> fetched_;
};

const EVP_MD* Fetch(const char* name) {
  static FetchedDigests digests;
  return digests.Get(name);
}

// Hex digests with one reusable context per kernel call.
class Digester {
 public:
  Digester() : ctx_(EVP_MD_CTX_new()) {}
  ~Digester() { EVP_MD_CTX_free(ctx_); }
  Digester(const Digester&) = delete;
  Digester& operator=(const Digester&) = delete;

  void HexDigest(std::string& out, SV in, const EVP_MD* md) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestInit_ex(ctx_, md, nullptr);
    EVP_DigestUpdate(ctx_, in.data(), in.size());
    EVP_DigestFinal_ex(ctx_, digest, &length);
    static const char kHex[] = "0123456789abcdef";
    for (unsigned int k = 0; k < length; ++k) {
      out += kHex[digest[k] >> 4];
      out += kHex[digest[k] & 15];
    }
  }

 private:
  EVP_MD_CTX* ctx_;
};

const EVP_MD* Sha2(int32_t bits) {
  switch (bits) {
    case 0:
    case 256: return Fetch("SHA256");
    case 224: return Fetch("SHA224");
    case 384: return Fetch("SHA384");
    case 512: return Fetch("SHA512");
    default: return nullptr;
  }
}

// A kernel writing the hex digest `name` of each binary value.
ScalarKernel DigestKernel(const char* name) {
  return [name](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    const EVP_MD* md = Fetch(name);
    Digester digester;
    return ExecuteRows<StringResult(SV)>(StringType(), a, rows, [&](std::string& out, SV b) { digester.HexDigest(out, b, md); });
  };
}

}  // namespace

void RegisterDigestFunctions(FunctionRegistry& registry) {
  registry.Add(FixedScalar("md5", "md5(bin): the MD5 digest of bin as 32 hex digits.", {{"md5('Spark')", "8cde774d6f7333752ed72cacddb05126"}},
                           {BinaryType()}, StringType(), DigestKernel("MD5")));
  registry.Add(FixedScalar("sha1", "sha1(bin): the SHA-1 digest of bin as 40 hex digits.", {{"sha1('Spark')", "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"}},
                           {BinaryType()}, StringType(), DigestKernel("SHA1")));
  registry.AddAlias("sha", "sha1");
  registry.Add(FixedScalar("sha2", "sha2(bin, bits): the SHA-2 digest (224, 256 or 0, 384, 512 bits) of bin in hex; null for other bit lengths.",
                           {{"sha2('Spark', 256)", "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b"}, {"sha2('Spark', 1)", "NULL"}},
                           {BinaryType(), IntType()}, StringType(),
                           [](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
                             Digester digester;
                             return ExecuteRows<StringResult(SV, int32_t)>(StringType(), a, rows, [&](std::string& out, SV b, int32_t bits) {
                               const EVP_MD* md = Sha2(bits);
                               if (md == nullptr) return false;
                               digester.HexDigest(out, b, md);
                               return true;
                             });
                           }));
  registry.Add(FixedScalar("crc32", "crc32(bin): the CRC-32 checksum of bin as a bigint.", {{"crc32('Spark')", "1557323817"}},
                           {BinaryType()}, LongType(), RowKernel<int64_t(SV)>([](SV b) {
                             return static_cast<int64_t>(::crc32(0L, reinterpret_cast<const Bytef*>(b.data()), static_cast<uInt>(b.size())));
                           })));
}

void RegisterSparkHashFunctions(FunctionRegistry& registry);

void RegisterAesFunctions(FunctionRegistry& registry);

void RegisterHashFunctions(FunctionRegistry& registry) {
  RegisterSparkHashFunctions(registry);
  RegisterAesFunctions(registry);
  RegisterDigestFunctions(registry);
}

}  // namespace ember
