#include "io/s3/aws_sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/error.h"

namespace ember::s3 {
namespace {

std::string Hex(const unsigned char* bytes, size_t length) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text(length * 2, '0');
  for (size_t i = 0; i < length; ++i) {
    text[2 * i] = kDigits[bytes[i] >> 4];
    text[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return text;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out, &length) == nullptr)
    throw InternalError("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<char*>(out), length);
}

std::string SignedHeaders(const std::map<std::string, std::string>& headers) {
  std::string names;
  for (const auto& [name, value] : headers) names += (names.empty() ? "" : ";") + name;
  return names;
}

std::string Scope(const SigningInput& input) {
  return input.amz_date.substr(0, 8) + "/" + input.region + "/" + input.service + "/aws4_request";
}

std::string TrimValue(const std::string& value) {
  size_t begin = value.find_first_not_of(" \t");
  size_t end = value.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : value.substr(begin, end - begin + 1);
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw InternalError("SHA-256 failed");
  return Hex(digest, length);
}

std::string UriEncode(std::string_view text, bool keep_slash) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kDigits[u >> 4];
      out += kDigits[u & 15];
    }
  }
  return out;
}

std::string CanonicalQuery(const std::map<std::string, std::string>& query) {
  std::map<std::string, std::string> encoded;
  for (const auto& [name, value] : query) encoded[UriEncode(name, false)] = UriEncode(value, false);
  std::string text;
  for (const auto& [name, value] : encoded) text += (text.empty() ? "" : "&") + name + "=" + value;
  return text;
}

std::string CanonicalRequest(const SigningInput& input) {
  std::string headers;
  for (const auto& [name, value] : input.headers) headers += name + ":" + TrimValue(value) + "\n";
  return input.method + "\n" + input.canonical_uri + "\n" + CanonicalQuery(input.query) + "\n" + headers + "\n" +
         SignedHeaders(input.headers) + "\n" + input.payload_sha256;
}

std::string StringToSign(const SigningInput& input) {
  return "AWS4-HMAC-SHA256\n" + input.amz_date + "\n" + Scope(input) + "\n" + Sha256Hex(CanonicalRequest(input));
}

std::string AuthorizationHeader(const SigningInput& input, const AwsCredentials& credentials) {
  std::string key = Hmac("AWS4" + credentials.secret_key, input.amz_date.substr(0, 8));
  key = Hmac(key, input.region);
  key = Hmac(key, input.service);
  key = Hmac(key, "aws4_request");
  std::string signature = Hmac(key, StringToSign(input));
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" + Scope(input) +
         ", SignedHeaders=" + SignedHeaders(input.headers) +
         ", Signature=" + Hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

}  // namespace ember::s3
