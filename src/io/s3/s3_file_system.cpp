#include "io/s3/s3_file_system.h"

#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/error.h"
#include "common/file_system.h"
#include "io/s3/s3_client.h"

namespace ember {
namespace {

using s3::S3Client;
using s3::S3Request;
using s3::S3Response;
using s3::S3Settings;

struct S3Path {
  std::string root;    // "s3a://bucket/"
  std::string bucket;
  std::string key;     // without leading or trailing '/'
};

S3Path ParsePath(const std::string& path) {
  size_t scheme_end = path.find("://");
  size_t bucket_start = scheme_end + 3;
  size_t slash = path.find('/', bucket_start);
  S3Path parsed;
  parsed.bucket = path.substr(bucket_start, slash == std::string::npos ? std::string::npos : slash - bucket_start);
  parsed.root = path.substr(0, bucket_start) + parsed.bucket + "/";
  if (slash != std::string::npos) parsed.key = path.substr(slash + 1);
  while (!parsed.key.empty() && parsed.key.back() == '/') parsed.key.pop_back();
  if (parsed.bucket.empty()) throw SparkError("INVALID_URL", "22000", "The S3 path " + path + " names no bucket.", {{"url", path}});
  return parsed;
}

S3Client ClientFor(const S3Path& path) { return S3Client(path.bucket, S3Settings::ForBucket(path.bucket)); }

[[noreturn]] void ThrowPathNotFound(const std::string& path) {
  throw SparkError("PATH_NOT_FOUND", {{"path", path}});
}

// An S3 error answer as a user error naming the path.
[[noreturn]] void ThrowS3Error(const std::string& what, const std::string& path, const S3Response& response) {
  std::string code = response.ErrorCode();
  size_t from = 0;
  std::string message;
  s3::NextXmlValue(response.body, "Message", &from, &message);
  std::string detail = "HTTP " + std::to_string(response.status) + (code.empty() ? "" : " " + code) +
                       (message.empty() ? "" : ": " + message);
  throw SparkError(what == "read" ? "FAILED_READ_FILE.NO_HINT" : "TASK_WRITE_FAILED",
                   what == "read" ? "KD001" : "58030",
                   "Cannot " + what + " " + path + " on S3 (" + detail + ").", {{"path", path}});
}

bool Ok(const S3Response& response) { return response.status >= 200 && response.status < 300; }

// "2024-01-02T03:04:05.000Z" (listings) or "Tue, 02 Jan 2024 03:04:05 GMT" (HEAD) as ms since the
// epoch; 0 when unreadable.
int64_t ParseTimestampMs(const std::string& text) {
  std::tm time{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &time);
  if (end == nullptr) end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &time);
  if (end == nullptr) return 0;
  int64_t ms = static_cast<int64_t>(timegm(&time)) * 1000;
  if (*end == '.') ms += std::atoi(std::string(end + 1, std::min<size_t>(3, std::strlen(end + 1))).c_str());
  return ms;
}

// Sizes (and times) of objects seen by recent listings and HEADs, so that planning a query (listing, splits,
// statistics) and opening its splits do not ask again for each file. Entries expire after a few
// seconds; this process's own writes and deletes drop theirs at once.
class StatusCache {
 public:
  static StatusCache& Instance() {
    static StatusCache cache;
    return cache;
  }
  void Put(const FileStatus& status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (sizes_.size() > kMaxEntries) sizes_.clear();
    sizes_[status.path] = {status, Clock::now()};
  }
  std::optional<FileStatus> Get(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = sizes_.find(path);
    if (found == sizes_.end()) return std::nullopt;
    if (Clock::now() - found->second.seen > kLifetime) {
      sizes_.erase(found);
      return std::nullopt;
    }
    return found->second.status;
  }
  void Drop(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    sizes_.erase(path);
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kLifetime = std::chrono::seconds(5);
  static constexpr size_t kMaxEntries = 200000;
  struct Entry {
    FileStatus status;
    Clock::time_point seen;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> sizes_;
};

class S3ReadableFile : public ReadableFile {
 public:
  S3ReadableFile(std::string path, S3Client client, std::string key, int64_t size)
      : path_(std::move(path)), client_(std::move(client)), key_(std::move(key)), size_(size) {}
  int64_t size() const override { return size_; }
  int64_t ReadAt(int64_t offset, int64_t length, char* out) const override {
    length = std::min(length, size_ - offset);
    if (length <= 0) return 0;
    S3Request request;
    request.key = key_;
    request.headers["range"] = "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1);
    request.out = out;
    request.out_capacity = length;
    S3Response response = client_.Send(request);
    if (!Ok(response)) {
      if (response.status == 404) ThrowPathNotFound(path_);
      ThrowS3Error("read", path_, response);
    }
    return response.received;
  }

 private:
  std::string path_;
  S3Client client_;
  std::string key_;
  int64_t size_;
};

class S3WritableFile : public WritableFile {
 public:
  S3WritableFile(std::string path, S3Client client, std::string key)
      : path_(std::move(path)), client_(std::move(client)), key_(std::move(key)) {}
  ~S3WritableFile() override {
    if (upload_id_.empty() || closed_) return;
    try {
      S3Request abort{"DELETE", key_, {{"uploadId", upload_id_}}};
      client_.Send(abort);
    } catch (const std::exception&) {
      // The store expires abandoned uploads; nothing visible was created.
    }
  }
  void Append(std::string_view bytes) override {
    buffer_.append(bytes);
    if (static_cast<int64_t>(buffer_.size()) >= client_.settings().multipart_size) UploadPart();
  }
  void Close() override {
    closed_ = true;
    StatusCache::Instance().Drop(path_);
    if (upload_id_.empty()) {
      S3Request put{"PUT", key_};
      put.body = buffer_;
      Check(client_.Send(put));
      return;
    }
    if (!buffer_.empty()) UploadPart();
    std::string xml = "<CompleteMultipartUpload>";
    for (size_t i = 0; i < etags_.size(); ++i) {
      xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" + etags_[i] + "</ETag></Part>";
    }
    xml += "</CompleteMultipartUpload>";
    S3Request complete{"POST", key_, {{"uploadId", upload_id_}}};
    complete.body = xml;
    S3Response response = client_.Send(complete);
    Check(response);
    // S3 may report a failed completion inside a 200 answer.
    if (response.body.find("<Error>") != std::string::npos) ThrowS3Error("write", path_, response);
  }

 private:
  void Check(const S3Response& response) const {
    if (!Ok(response)) ThrowS3Error("write", path_, response);
  }

  void UploadPart() {
    if (upload_id_.empty()) {
      S3Request create{"POST", key_, {{"uploads", ""}}};
      S3Response response = client_.Send(create);
      Check(response);
      size_t from = 0;
      if (!s3::NextXmlValue(response.body, "UploadId", &from, &upload_id_)) ThrowS3Error("write", path_, response);
    }
    S3Request part{"PUT", key_, {{"partNumber", std::to_string(etags_.size() + 1)}, {"uploadId", upload_id_}}};
    part.body = buffer_;
    S3Response response = client_.Send(part);
    Check(response);
    etags_.push_back(response.headers["etag"]);
    buffer_.clear();
  }

  std::string path_;
  S3Client client_;
  std::string key_;
  std::string buffer_;
  std::string upload_id_;
  std::vector<std::string> etags_;
  bool closed_ = false;
};

class S3FileSystem : public FileSystem {
 public:
  std::optional<FileStatus> Stat(const std::string& path) override {
    if (std::optional<FileStatus> cached = StatusCache::Instance().Get(path)) return cached;
    S3Path parsed = ParsePath(path);
    S3Client client = ClientFor(parsed);
    if (!parsed.key.empty() && path.back() != '/') {
      S3Response head = client.Send(S3Request("HEAD", parsed.key));
      if (Ok(head)) {
        FileStatus status{path, std::stoll(head.headers["content-length"]), false,
                          ParseTimestampMs(head.headers["last-modified"])};
        StatusCache::Instance().Put(status);
        return status;
      }
      // Other failures carry no body to explain them; the listing below reports them.
    }
    std::string prefix = parsed.key.empty() ? "" : parsed.key + "/";
    S3Request list{"GET", "", {{"list-type", "2"}, {"prefix", prefix}, {"max-keys", "1"}}};
    S3Response response = client.Send(list);
    if (!Ok(response)) {
      if (response.status == 404) return std::nullopt;  // no such bucket
      ThrowS3Error("read", path, response);
    }
    size_t from = 0;
    std::string key;
    // The bucket root exists with the bucket; a prefix while some key lies under it.
    if (parsed.key.empty() || s3::NextXmlValue(response.body, "Key", &from, &key)) return FileStatus{path, 0, true, 0};
    return std::nullopt;
  }

  std::vector<FileStatus> List(const std::string& directory) override { return ListUnder(directory, true); }

  std::vector<FileStatus> ListRecursively(const std::string& directory) override {
    return ListUnder(directory, false);
  }

  std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) override {
    std::optional<FileStatus> status = Stat(path);
    if (!status || status->is_directory) ThrowPathNotFound(path);
    S3Path parsed = ParsePath(path);
    return std::make_unique<S3ReadableFile>(path, ClientFor(parsed), parsed.key, status->size);
  }

  // One GET of the whole object: no size known beforehand, so no stale size can cut it short.
  std::string ReadAll(const std::string& path) override {
    S3Path parsed = ParsePath(path);
    S3Response response = ClientFor(parsed).Send(S3Request("GET", parsed.key));
    if (response.status == 404) ThrowPathNotFound(path);
    if (!Ok(response)) ThrowS3Error("read", path, response);
    return std::move(response.body);
  }

  std::unique_ptr<WritableFile> Create(const std::string& path) override {
    S3Path parsed = ParsePath(path);
    return std::make_unique<S3WritableFile>(path, ClientFor(parsed), parsed.key);
  }

  void Delete(const std::string& path) override {
    S3Path parsed = ParsePath(path);
    StatusCache::Instance().Drop(path);
    S3Response response = ClientFor(parsed).Send(S3Request("DELETE", parsed.key));
    if (!Ok(response) && response.status != 404) ThrowS3Error("delete", path, response);
  }

  void DeleteRecursively(const std::string& directory) override {
    for (const FileStatus& file : ListRecursively(directory)) Delete(file.path);
  }

  bool CreatesAtomically() const override { return true; }

 private:
  // The objects (and, with a delimiter, the sub-directories) under `directory`, page by page.
  std::vector<FileStatus> ListUnder(const std::string& directory, bool one_level) {
    S3Path parsed = ParsePath(directory);
    S3Client client = ClientFor(parsed);
    std::string prefix = parsed.key.empty() ? "" : parsed.key + "/";
    std::vector<FileStatus> entries;
    std::string token;
    while (true) {
      S3Request list{"GET", "", {{"list-type", "2"}, {"prefix", prefix}}};
      if (auto page = FileSystemSetting("fs.s3a.paging.maximum")) list.query["max-keys"] = *page;
      if (one_level) list.query["delimiter"] = "/";
      if (!token.empty()) list.query["continuation-token"] = token;
      S3Response response = client.Send(list);
      if (!Ok(response)) {
        if (response.status == 404) return entries;  // no such bucket: nothing listed
        ThrowS3Error("read", directory, response);
      }
      size_t from = 0;
      std::string contents;
      while (s3::NextXmlValue(response.body, "Contents", &from, &contents)) {
        size_t at = 0;
        std::string key, size, modified;
        s3::NextXmlValue(contents, "Key", &at, &key);
        at = 0;
        s3::NextXmlValue(contents, "Size", &at, &size);
        at = 0;
        s3::NextXmlValue(contents, "LastModified", &at, &modified);
        if (key.empty() || key.back() == '/') continue;  // directory markers
        entries.push_back({parsed.root + key, size.empty() ? 0 : std::stoll(size), false, ParseTimestampMs(modified)});
        StatusCache::Instance().Put(entries.back());
      }
      from = 0;
      std::string common;
      while (s3::NextXmlValue(response.body, "CommonPrefixes", &from, &common)) {
        size_t at = 0;
        std::string sub;
        if (!s3::NextXmlValue(common, "Prefix", &at, &sub)) continue;
        while (!sub.empty() && sub.back() == '/') sub.pop_back();
        entries.push_back({parsed.root + sub, 0, true, 0});
      }
      from = 0;
      std::string truncated;
      s3::NextXmlValue(response.body, "IsTruncated", &from, &truncated);
      from = 0;
      if (truncated != "true" || !s3::NextXmlValue(response.body, "NextContinuationToken", &from, &token)) break;
    }
    return entries;
  }
};

}  // namespace

void RegisterS3FileSystem() {
  auto s3 = std::make_shared<S3FileSystem>();
  for (const char* scheme : {"s3", "s3a", "s3n"}) RegisterFileSystem(scheme, s3);
}

}  // namespace ember
