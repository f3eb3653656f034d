// The manifest of a directory whose writes were committed without a rename (object stores): one
// small file, `_ember_manifest`, naming the directory's committed data files by their paths
// relative to it ("part-0.parquet", "k=1/part-0.parquet"). When a directory holds a manifest,
// Ember's readers see exactly the files it names; files written by a job that
// has not committed (or that died) stay invisible, and the files a committed overwrite replaced
// stay invisible until they are deleted. Replacing the manifest is one atomic single-object PUT,
// so a reader sees the complete old file set or the complete new one. A manifest governs the
// whole tree under its directory: a listing that descends into sub-directories (partitions) must
// keep only the files whose paths relative to the manifest's directory it names.
#pragma once

#include <string>
#include <vector>

namespace ember {

inline constexpr char kManifestName[] = "_ember_manifest";

// The manifest's text for the data files `names` (relative paths, one per line after a header).
std::string FormatManifest(const std::vector<std::string>& names);
// The relative paths a manifest lists; throws FAILED_READ_FILE for text that is not a manifest.
std::vector<std::string> ParseManifest(const std::string& text, const std::string& path);

// Whether the output `directory` holds the commit marker `name`: listed by its manifest when it
// has one (object stores publish the marker with the manifest), else present as a file.
bool HasCommitMarker(const std::string& directory, const std::string& name);

}  // namespace ember
