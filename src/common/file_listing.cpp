#include "common/file_listing.h"

#include <fnmatch.h>
#include <glob.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/commit_manifest.h"
#include "common/error.h"
#include "common/file_system.h"

namespace ember {
namespace {

// What a listing found: files with their status, and the directories partitions start below.
struct Found {
  std::vector<FileStatus> files;
  std::vector<std::string> base_directories;
};

[[noreturn]] void ThrowPathNotFound(const std::string& path) {
  throw SparkError("PATH_NOT_FOUND", {{"path", QualifiedPath(path)}});
}

bool IsHiddenName(const std::string& name) {
  return name.empty() || name[0] == '_' || name[0] == '.';
}

// Directories are skipped as files are, except `_k=v` ones (partition values may start with '_').
bool IsHiddenDirectory(const std::string& name) {
  return name.empty() || name[0] == '.' || (name[0] == '_' && name.find('=') == std::string::npos);
}

bool HasGlobCharacters(const std::string& path) {
  return path.find_first_of("*?[{") != std::string::npos;
}

std::string ParentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The base names of the files the manifest of `directory` commits.
std::set<std::string> CommittedNames(const std::string& directory) {
  std::string manifest = JoinPath(directory, kManifestName);
  std::vector<std::string> names = ParseManifest(ReadWholeFile(manifest), QualifiedPath(manifest));
  return {names.begin(), names.end()};
}

// The visible files of `directory` (its manifest honoured) and of its visible sub-directories.
// The manifest that decides which files of a tree are visible: its directory and the paths,
// relative to it, that it names.
struct Governing {
  std::string directory;
  std::set<std::string> committed;
};

void AddTree(FileStatus directory, Found& found, const Governing* governing = nullptr);

void AddTreeOnce(const std::string& directory, Found& found, const Governing* governing) {
  std::vector<FileStatus> entries = FileSystemFor(directory)->List(directory);
  Governing own;
  for (const auto& entry : entries) {
    if (!entry.is_directory && BaseName(entry.path) == kManifestName) {
      own = {directory, CommittedNames(directory)};
      governing = &own;
    }
  }
  for (const auto& entry : entries) {
    std::string name = BaseName(entry.path);
    if (entry.is_directory) {
      if (!IsHiddenDirectory(name)) AddTree(entry, found, governing);
      continue;
    }
    if (IsHiddenName(name)) continue;
    if (governing) {
      std::string relative = entry.path.substr(governing->directory.size());
      while (!relative.empty() && relative[0] == '/') relative.erase(0, 1);
      if (!governing->committed.contains(relative)) continue;
    }
    found.files.push_back(entry);
  }
}

// A commit puts a new tree in the place of a local directory with one rename, then deletes the old
// tree, which a listing begun before the rename may still be reading: it would find only some of
// the old files. A tree whose directory was replaced while it was listed is listed again. (Object
// stores give no identity; their commits name the visible files in a manifest.)
void AddTree(FileStatus directory, Found& found, const Governing* governing) {
  constexpr int kAttempts = 100;
  for (int attempt = 1;; ++attempt) {
    Found listed;
    AddTreeOnce(directory.path, listed, governing);
    std::optional<FileStatus> now = directory;
    if (directory.identity != 0 && attempt < kAttempts) now = FileSystemFor(directory.path)->Stat(directory.path);
    if (!now || now->identity == directory.identity) {
      found.files.insert(found.files.end(), listed.files.begin(), listed.files.end());
      return;
    }
    directory = *now;
  }
}

// Adds `path` if it is a file (its directory is a base), or the files under it if it is a
// directory (a base itself).
void AddFileOrDirectory(const std::string& path, Found& found) {
  std::optional<FileStatus> status = FileSystemFor(path)->Stat(path);
  if (!status) ThrowPathNotFound(path);
  if (!status->is_directory) {
    found.files.push_back(*status);
    found.base_directories.push_back(ParentOf(path));
    return;
  }
  found.base_directories.push_back(path);
  AddTree(*status, found);
}

// Adds the files a glob matched, except those a manifest in their directory leaves out.
void AddCommittedFiles(const std::vector<std::string>& matched, Found& found) {
  std::map<std::string, std::optional<std::set<std::string>>> committed;  // by directory
  for (const std::string& file : matched) {
    std::string parent = ParentOf(file);
    if (!committed.contains(parent)) {
      std::string manifest = JoinPath(parent, kManifestName);
      committed[parent] = std::nullopt;
      if (FileSystemFor(manifest)->Stat(manifest)) committed[parent] = CommittedNames(parent);
    }
    if (committed[parent] && !committed[parent]->contains(BaseName(file))) continue;
    std::optional<FileStatus> status = FileSystemFor(file)->Stat(file);
    if (!status) continue;
    found.files.push_back(*status);
    found.base_directories.push_back(parent);
  }
}

// "a{b,c}d" -> "abd", "acd" (shell brace expansion, which Hadoop's globs share).
void ExpandBraces(const std::string& pattern, std::vector<std::string>& out) {
  size_t open = pattern.find('{');
  if (open == std::string::npos) {
    out.push_back(pattern);
    return;
  }
  int depth = 0;
  std::vector<size_t> commas;
  size_t close = std::string::npos;
  for (size_t i = open; i < pattern.size() && close == std::string::npos; ++i) {
    if (pattern[i] == '{') ++depth;
    if (pattern[i] == '}' && --depth == 0) close = i;
    if (pattern[i] == ',' && depth == 1) commas.push_back(i);
  }
  if (close == std::string::npos) {
    out.push_back(pattern);
    return;
  }
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t comma : commas) {
    ExpandBraces(pattern.substr(0, open) + pattern.substr(start, comma - start) + pattern.substr(close + 1), out);
    start = comma + 1;
  }
}

// The first `slashes` '/'-separated parts of `path`, or empty when it has fewer.
std::string LeadingParts(const std::string& path, size_t slashes) {
  size_t position = 0;
  for (size_t i = 0; i < slashes; ++i) {
    position = path.find('/', position);
    if (position == std::string::npos) return "";
    ++position;
  }
  size_t end = path.find('/', position);
  return end == std::string::npos ? path : path.substr(0, end);
}

// Globs on a file system without glob(): one recursive listing under the pattern's literal
// directory, matched part by part against the pattern.
void GlobRemote(const std::string& pattern, Found& found) {
  std::string root = ParentOf(pattern.substr(0, pattern.find_first_of("*?[{")));
  std::vector<FileStatus> entries = FileSystemFor(pattern)->ListRecursively(root);
  std::vector<std::string> patterns;
  ExpandBraces(pattern, patterns);
  std::set<std::string> matched_files, matched_directories;
  for (const std::string& expanded : patterns) {
    size_t slashes = std::count(expanded.begin(), expanded.end(), '/');
    for (const auto& entry : entries) {
      std::string candidate = LeadingParts(entry.path, slashes);
      if (candidate.empty() || IsHiddenName(BaseName(candidate))) continue;
      if (fnmatch(expanded.c_str(), candidate.c_str(), FNM_PATHNAME) != 0) continue;
      if (candidate.size() == entry.path.size()) {
        matched_files.insert(candidate);
      } else {
        matched_directories.insert(candidate);
      }
    }
  }
  if (matched_files.empty() && matched_directories.empty()) ThrowPathNotFound(pattern);
  AddCommittedFiles({matched_files.begin(), matched_files.end()}, found);
  for (const std::string& directory : matched_directories) {
    found.base_directories.push_back(directory);
    AddTree(FileStatus{directory, 0, true}, found);
  }
}

void GlobLocal(const std::string& path, Found& found) {
  glob_t matches{};
  int status = glob(path.c_str(), GLOB_BRACE, nullptr, &matches);
  if (status != 0 || matches.gl_pathc == 0) {
    globfree(&matches);
    ThrowPathNotFound(path);
  }
  std::vector<std::string> matched(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
  globfree(&matches);
  std::vector<std::string> matched_files;
  for (const std::string& match : matched) {
    std::optional<FileStatus> status = FileSystemFor(match)->Stat(match);
    if (status && !status->is_directory) {
      matched_files.push_back(match);
    } else {
      AddFileOrDirectory(match, found);
    }
  }
  AddCommittedFiles(matched_files, found);
}

}  // namespace

std::vector<std::string> ListVisibleFiles(const std::string& directory) {
  std::vector<FileStatus> entries = FileSystemFor(directory)->List(directory);
  std::vector<std::string> files;
  bool has_manifest = false;
  for (const auto& entry : entries) {
    if (entry.is_directory) continue;
    std::string name = BaseName(entry.path);
    has_manifest |= name == kManifestName;
    if (!IsHiddenName(name)) files.push_back(entry.path);
  }
  if (has_manifest) {
    std::set<std::string> committed = CommittedNames(directory);
    std::erase_if(files, [&](const std::string& file) { return !committed.contains(BaseName(file)); });
  }
  return files;
}

InputListing ListInputs(const std::vector<std::string>& paths, const InputFilter& filter) {
  Found found;
  for (const std::string& raw : paths) {
    std::string path = NormalizePath(raw);
    if (!HasGlobCharacters(path)) {
      AddFileOrDirectory(path, found);
    } else if (IsRemotePath(path)) {
      GlobRemote(path, found);
    } else {
      GlobLocal(path, found);
    }
  }
  InputListing listing;
  for (const FileStatus& file : found.files) {
    if (!filter.name_glob.empty() && fnmatch(filter.name_glob.c_str(), BaseName(file.path).c_str(), 0) != 0) continue;
    if (filter.modified_before_ms && file.modified_ms >= *filter.modified_before_ms) continue;
    if (filter.modified_after_ms && file.modified_ms <= *filter.modified_after_ms) continue;
    listing.files.push_back(file.path);
  }
  std::sort(listing.files.begin(), listing.files.end());
  listing.files.erase(std::unique(listing.files.begin(), listing.files.end()), listing.files.end());
  listing.base_directories = std::move(found.base_directories);
  for (std::string& base : listing.base_directories) {
    while (base.size() > 1 && base.back() == '/' && base[base.size() - 2] != '/') base.pop_back();
  }
  std::sort(listing.base_directories.begin(), listing.base_directories.end());
  listing.base_directories.erase(std::unique(listing.base_directories.begin(), listing.base_directories.end()),
                                 listing.base_directories.end());
  return listing;
}

std::vector<std::string> ListInputFiles(const std::vector<std::string>& paths) {
  InputListing listing = ListInputs(paths, {});
  std::set<std::string> bases(listing.base_directories.begin(), listing.base_directories.end());
  std::erase_if(listing.files, [&](const std::string& file) { return !bases.contains(ParentOf(file)); });
  return listing.files;
}

}  // namespace ember
