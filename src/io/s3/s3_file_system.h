// S3 as a FileSystem for s3://, s3a:// and s3n:// paths ("s3a://bucket/key"). A directory is a key
// prefix: it exists while some object lies under it. Reads are ranged GETs of the sizes the
// readers ask for; writes buffer one part in memory and upload it as a single PUT on Close, or,
// past fs.s3a.multipart.size, as a multipart upload completed on Close (aborted when the file is
// abandoned), so an object appears only complete. Settings per bucket: io/s3/s3_settings.h.
#pragma once

namespace ember {

// Registers the S3 file system for its schemes (called with the built-in formats).
void RegisterS3FileSystem();

}  // namespace ember
