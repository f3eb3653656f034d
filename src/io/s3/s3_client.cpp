#include "io/s3/s3_client.h"

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>

#include "common/error.h"

namespace ember::s3 {
namespace {

// curl_global_init before the first handle, once per process.
void InitCurl() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!done) throw InternalError("curl_global_init failed");
}

// The calling thread's handle: reusing it keeps its connections open between requests.
CURL* ThreadHandle() {
  struct Holder {
    CURL* handle = nullptr;
    ~Holder() {
      if (handle != nullptr) curl_easy_cleanup(handle);
    }
  };
  static thread_local Holder holder;
  if (holder.handle == nullptr) {
    InitCurl();
    holder.handle = curl_easy_init();
    if (holder.handle == nullptr) throw InternalError("curl_easy_init failed");
  } else {
    curl_easy_reset(holder.handle);
  }
  return holder.handle;
}

std::string AmzDate() {
  std::time_t now = std::time(nullptr);
  std::tm utc;
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

struct Receiver {
  CURL* handle;
  S3Response* response;
  char* out;
  int64_t capacity;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* receiver = static_cast<Receiver*>(user);
  size_t bytes = size * count;
  long status = 0;
  curl_easy_getinfo(receiver->handle, CURLINFO_RESPONSE_CODE, &status);
  if (receiver->out != nullptr && status >= 200 && status < 300) {
    int64_t room = receiver->capacity - receiver->response->received;
    if (static_cast<int64_t>(bytes) > room) return 0;  // more than asked for: abort the transfer
    std::memcpy(receiver->out + receiver->response->received, data, bytes);
    receiver->response->received += static_cast<int64_t>(bytes);
  } else {
    receiver->response->body.append(data, bytes);
  }
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<S3Response*>(user);
  std::string_view line(data, size * count);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
    response->headers[name] = std::string(value);
  }
  return size * count;
}

// A request that did not get an answer; `permanent` when trying again cannot help.
class TransportError : public SparkError {
 public:
  TransportError(const std::string& url, CURLcode code)
      : SparkError("FAILED_READ_FILE.NO_HINT", "KD001",
                   "Cannot reach S3 at " + url + ": " + curl_easy_strerror(code) + ".", {{"path", url}}),
        permanent(code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_URL_MALFORMAT ||
                  code == CURLE_UNSUPPORTED_PROTOCOL) {}
  bool permanent;
};

bool Retryable(long status, const std::string& code) {
  return status == 429 || status >= 500 || code == "SlowDown" || code == "RequestTimeout" ||
         code == "Throttling" || code == "ThrottlingException";
}

std::string DecodeEntities(const std::string& text) {
  if (text.find('&') == std::string::npos) return text;
  static const std::pair<const char*, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.compare(i, std::strlen(entity), entity) == 0) {
          out += c;
          i += std::strlen(entity);
          replaced = true;
          break;
        }
      }
      if (!replaced && text.compare(i, 2, "&#") == 0) {
        size_t end = text.find(';', i);
        if (end != std::string::npos) {
          bool hex = text[i + 2] == 'x';
          long code = std::strtol(text.c_str() + i + (hex ? 3 : 2), nullptr, hex ? 16 : 10);
          if (code > 0 && code < 128) {
            out += static_cast<char>(code);
            i = end + 1;
            replaced = true;
          }
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace

bool NextXmlValue(const std::string& xml, const std::string& tag, size_t* from, std::string* value) {
  std::string open = "<" + tag + ">";
  size_t start = xml.find(open, *from);
  if (start == std::string::npos) return false;
  start += open.size();
  size_t end = xml.find("</" + tag + ">", start);
  if (end == std::string::npos) return false;
  *value = DecodeEntities(xml.substr(start, end - start));
  *from = end + tag.size() + 3;
  return true;
}

std::string S3Response::ErrorCode() const {
  size_t from = 0;
  std::string code;
  if (status >= 300 && NextXmlValue(body, "Code", &from, &code)) return code;
  return "";
}

S3Client::S3Client(std::string bucket, S3Settings settings) : bucket_(std::move(bucket)), settings_(std::move(settings)) {}

S3Response S3Client::Send(const S3Request& request) const {
  std::mt19937_64 jitter(std::random_device{}());
  for (int attempt = 0;; ++attempt) {
    S3Response response;
    std::string failure;
    try {
      response = SendOnce(request);
    } catch (const TransportError& e) {
      if (e.permanent || attempt >= settings_.retry_limit) throw;
      failure = e.what();
    }
    if (failure.empty() && (!Retryable(response.status, response.ErrorCode()) || attempt >= settings_.retry_limit))
      return response;
    // Exponential backoff with jitter, at most 20 s between attempts.
    int64_t delay = std::min<int64_t>(settings_.retry_interval_ms << std::min(attempt, 10), 20000);
    delay = delay / 2 + static_cast<int64_t>(jitter() % static_cast<uint64_t>(delay / 2 + 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  }
}

S3Response S3Client::SendOnce(const S3Request& request) const {
  std::string host = settings_.path_style ? settings_.host : bucket_ + "." + settings_.host;
  std::string path = settings_.path_style ? "/" + bucket_ : "";
  path += "/" + request.key;
  std::string uri = UriEncode(path, true);
  std::string query = CanonicalQuery(request.query);
  std::string url = settings_.scheme + "://" + host + uri + (query.empty() ? "" : "?" + query);

  SigningInput signing{request.method, uri, request.query, request.headers, Sha256Hex(request.body), AmzDate(),
                       settings_.region};
  signing.headers["host"] = host;
  signing.headers["x-amz-content-sha256"] = signing.payload_sha256;
  signing.headers["x-amz-date"] = signing.amz_date;
  if (!settings_.credentials.session_token.empty())
    signing.headers["x-amz-security-token"] = settings_.credentials.session_token;

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : signing.headers) {
    if (name != "host") headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  if (!settings_.credentials.empty())
    headers = curl_slist_append(headers, ("Authorization: " + AuthorizationHeader(signing, settings_.credentials)).c_str());
  headers = curl_slist_append(headers, "Expect:");
  headers = curl_slist_append(headers, "Content-Type: application/octet-stream");

  S3Response response;
  CURL* handle = ThreadHandle();
  Receiver receiver{handle, &response, request.out, request.out_capacity};
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &receiver);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);  // a stalled transfer fails after 60 s
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, 60L);
  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.empty() ? "" : request.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  CURLcode code = curl_easy_perform(handle);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) throw TransportError(url, code);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace ember::s3
