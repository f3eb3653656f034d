// aes_encrypt(input, key[, mode[, padding[, iv[, aad]]]]), aes_decrypt(input, key[, mode[,
// padding[, aad]]]) and try_aes_decrypt (null instead of an error), with Spark's layouts: GCM
// (the default; no padding) writes a 12-byte IV, the ciphertext and a 16-byte tag, and takes AAD;
// CBC (PKCS padding) a 16-byte IV and the ciphertext; ECB (PKCS padding) the ciphertext. The IV is
// random unless given. Keys of 16, 24 or 32 bytes; a null argument gives null.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "functions/executor.h"

namespace ember {
namespace {

enum class AesMode { kGcm, kCbc, kEcb };

struct AesCall {
  std::string_view input, key, iv, aad;
  AesMode mode;
};

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

[[noreturn]] void ThrowCryptoError(const std::string& detail) {
  throw SparkError("INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR",
                   {{"parameter", "`expr`"}, {"functionName", "`aes_encrypt`/`aes_decrypt`"}, {"detailMessage", detail}});
}

AesMode ModeOf(const std::string& function, std::string_view mode_text, std::string_view padding_text) {
  std::string mode = absl::AsciiStrToUpper(std::string(mode_text)), padding = absl::AsciiStrToUpper(std::string(padding_text));
  if (mode == "GCM" && (padding == "NONE" || padding == "DEFAULT")) return AesMode::kGcm;
  if (mode == "CBC" && (padding == "PKCS" || padding == "DEFAULT")) return AesMode::kCbc;
  if (mode == "ECB" && (padding == "PKCS" || padding == "DEFAULT")) return AesMode::kEcb;
  throw SparkError("UNSUPPORTED_FEATURE.AES_MODE", {{"mode", mode}, {"padding", padding}, {"functionName", "`" + function + "`"}});
}

const EVP_CIPHER* CipherOf(AesMode mode, size_t key_bytes) {
  if (key_bytes != 16 && key_bytes != 24 && key_bytes != 32) {
    throw SparkError("INVALID_PARAMETER_VALUE.AES_KEY_LENGTH", {{"parameter", "`key`"},
                                                                {"functionName", "`aes_encrypt`/`aes_decrypt`"},
                                                                {"actualLength", std::to_string(key_bytes)}});
  }
  int bits = static_cast<int>(key_bytes) * 8;
  switch (mode) {
    case AesMode::kGcm: return bits == 128 ? EVP_aes_128_gcm() : bits == 192 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
    case AesMode::kCbc: return bits == 128 ? EVP_aes_128_cbc() : bits == 192 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
    default: return bits == 128 ? EVP_aes_128_ecb() : bits == 192 ? EVP_aes_192_ecb() : EVP_aes_256_ecb();
  }
}

const char* ModeName(AesMode mode) { return mode == AesMode::kGcm ? "GCM" : mode == AesMode::kCbc ? "CBC" : "ECB"; }
size_t IvBytes(AesMode mode) { return mode == AesMode::kGcm ? 12 : mode == AesMode::kCbc ? 16 : 0; }
const auto* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Runs the cipher over `in` after the IV and AAD are set; appends to `out`.
bool RunCipher(EVP_CIPHER_CTX* ctx, std::string_view aad, std::string_view in, std::string* out) {
  int length = 0;
  if (!aad.empty() && EVP_CipherUpdate(ctx, nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) != 1) return false;
  size_t start = out->size();
  out->resize(start + in.size() + 16);
  auto* dest = reinterpret_cast<unsigned char*>(out->data() + start);
  if (EVP_CipherUpdate(ctx, dest, &length, Bytes(in), static_cast<int>(in.size())) != 1) return false;
  int final_length = 0;
  if (EVP_CipherFinal_ex(ctx, dest + length, &final_length) != 1) return false;
  out->resize(start + length + final_length);
  return true;
}

std::string Encrypt(const AesCall& call) {
  const EVP_CIPHER* cipher = CipherOf(call.mode, call.key.size());
  std::string iv(call.iv);
  if (!iv.empty() && call.mode == AesMode::kEcb) {
    throw SparkError("UNSUPPORTED_FEATURE.AES_MODE_IV", {{"mode", "ECB"}, {"functionName", "`aes_encrypt`"}});
  }
  if (!call.aad.empty() && call.mode != AesMode::kGcm) {
    throw SparkError("UNSUPPORTED_FEATURE.AES_MODE_AAD", {{"mode", ModeName(call.mode)}, {"functionName", "`aes_encrypt`"}});
  }
  if (!iv.empty() && iv.size() != IvBytes(call.mode)) {
    throw SparkError("INVALID_PARAMETER_VALUE.AES_IV_LENGTH", {{"parameter", "`mode`"}, {"functionName", "`aes_encrypt`"},
                                                               {"mode", ModeName(call.mode)}, {"actualLength", std::to_string(iv.size())}});
  }
  if (iv.empty() && IvBytes(call.mode) > 0) {
    iv.resize(IvBytes(call.mode));
    if (RAND_bytes(reinterpret_cast<unsigned char*>(iv.data()), static_cast<int>(iv.size())) != 1) ThrowCryptoError("no random IV");
  }
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out = iv;
  bool ok = EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, Bytes(call.key), iv.empty() ? nullptr : Bytes(iv)) == 1 &&
            RunCipher(ctx.get(), call.aad, call.input, &out);
  if (ok && call.mode == AesMode::kGcm) {
    out.resize(out.size() + 16);
    ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.data() + out.size() - 16) == 1;
  }
  if (!ok) ThrowCryptoError("encryption failed");
  return out;
}

std::string Decrypt(const AesCall& call) {
  const EVP_CIPHER* cipher = CipherOf(call.mode, call.key.size());
  if (!call.aad.empty() && call.mode != AesMode::kGcm) {
    throw SparkError("UNSUPPORTED_FEATURE.AES_MODE_AAD", {{"mode", ModeName(call.mode)}, {"functionName", "`aes_decrypt`"}});
  }
  size_t iv_bytes = IvBytes(call.mode), tag_bytes = call.mode == AesMode::kGcm ? 16 : 0;
  if (call.input.size() < iv_bytes + tag_bytes) ThrowCryptoError("Input too short to contain the initialization vector and tag");
  std::string_view iv = call.input.substr(0, iv_bytes);
  std::string_view body = call.input.substr(iv_bytes, call.input.size() - iv_bytes - tag_bytes);
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  bool ok = EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, Bytes(call.key), iv.empty() ? nullptr : Bytes(iv)) == 1;
  if (ok && tag_bytes > 0) {
    std::string tag(call.input.substr(call.input.size() - tag_bytes));
    ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1;
  }
  std::string out;
  if (!ok || !RunCipher(ctx.get(), call.aad, body, &out)) {
    ThrowCryptoError(call.mode == AesMode::kGcm ? "Tag mismatch" : "Given final block not properly padded");
  }
  return out;
}

// Binds aes_encrypt (is_encrypt) or aes_decrypt / try_aes_decrypt (null on errors when `try_mode`).
BoundScalar BindAes(const std::string& name, bool is_encrypt, bool try_mode, const std::vector<BindArg>& args) {
  CheckArgCount(name, args, 2, is_encrypt ? 6 : 5);
  // input, key, mode, padding, then iv (encrypt only) and aad.
  std::vector<TypePtr> arg_types = {BinaryType(), BinaryType(), StringType(), StringType(), BinaryType(), BinaryType()};
  arg_types.resize(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    TypeId id = args[i].type->id;
    bool ok = id == TypeId::kNull || id == TypeId::kString || (arg_types[i]->id == TypeId::kBinary && id == TypeId::kBinary);
    if (!ok) ThrowUnexpectedType(name, i, arg_types[i]->id == TypeId::kBinary ? "\"BINARY\"" : "\"STRING\"", *args[i].type);
  }
  size_t aad_index = is_encrypt ? 5 : 4;
  return FixedBinding(arg_types, BinaryType(), [=](const std::vector<VectorPtr>& a, int64_t rows, EvalContext&) {
    VectorBuilder out(BinaryType(), rows);
    for (int64_t i = 0; i < rows; ++i) {
      bool null = false;
      for (const auto& v : a) null |= v->IsNull(i);
      if (null) {
        out.AppendNull();
        continue;
      }
      auto text = [&](size_t k, std::string_view fallback) { return k < a.size() ? a[k]->GetString(i) : fallback; };
      AesCall call{a[0]->GetString(i), a[1]->GetString(i), is_encrypt ? text(4, "") : "", text(aad_index, ""),
                   ModeOf(name, text(2, "GCM"), text(3, "DEFAULT"))};
      if (!try_mode) {
        out.AppendString(is_encrypt ? Encrypt(call) : Decrypt(call));
        continue;
      }
      try {
        out.AppendString(Decrypt(call));
      } catch (const SparkError&) {
        out.AppendNull();
      }
    }
    return out.Finish();
  });
}

}  // namespace

void RegisterAesFunctions(FunctionRegistry& registry) {
  registry.Add(MakeScalar("aes_encrypt",
                          "aes_encrypt(input, key[, mode[, padding[, iv[, aad]]]]): AES encryption in GCM (default), CBC "
                          "or ECB mode with a 16, 24 or 32-byte key; the IV leads the result.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindAes("aes_encrypt", true, false, a); },
                          {{"length(aes_encrypt('abc', '0123456789abcdef'))", "31"},
                           {"CAST(aes_decrypt(aes_encrypt('x', '0123456789abcdef', 'CBC'), '0123456789abcdef', 'CBC') AS STRING)", "x"}}));
  registry.Add(MakeScalar("aes_decrypt", "aes_decrypt(input, key[, mode[, padding[, aad]]]): decrypts what aes_encrypt wrote.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindAes("aes_decrypt", false, false, a); },
                          {{"CAST(aes_decrypt(aes_encrypt('hi', '0123456789abcdef'), '0123456789abcdef') AS STRING)", "hi"}}));
  registry.Add(MakeScalar("try_aes_decrypt", "try_aes_decrypt(input, key[, mode[, padding[, aad]]]): aes_decrypt, null on errors.",
                          [](const std::vector<BindArg>& a, const EvalContext&) { return BindAes("try_aes_decrypt", false, true, a); },
                          {{"try_aes_decrypt(X'00', '0123456789abcdef')", "NULL"}}));
}

}  // namespace ember
