// Starts s3rver (the local S3-compatible server of the S3 tests) with S3's atomic PUT and GET:
// s3rver rewrites an object's file in place, so a GET during a PUT could see it half written,
// which real S3 never shows. Here each object is written to a temporary file and renamed into
// place, and a GET serves the one file it opened.
//   node --openssl-legacy-provider s3rver_atomic.js <directory> <address> <port> <service-endpoint>
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');
const S3Object = require('s3rver/lib/models/object');

FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
  const temporary = `${objectPath}.writing-${crypto.randomBytes(8).toString('hex')}`;
  const md5 = crypto.createHash('md5');
  let size = 0;
  await new Promise((resolve, reject) => {
    const out = fs.createWriteStream(temporary);
    out.on('error', reject).on('close', resolve);
    if (Buffer.isBuffer(object.content)) {
      md5.update(object.content);
      size = object.content.length;
      out.end(object.content);
    } else {
      object.content
        .on('error', reject)
        .on('data', chunk => {
          md5.update(chunk);
          size += chunk.length;
        })
        .pipe(out);
    }
  });
  const digest = md5.digest('hex');
  await fs.promises.rm(`${objectPath}.md5`, { force: true });
  await fs.promises.rename(temporary, objectPath);
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};

// A GET reads one version of the object: s3rver takes the size from one stat and the bytes from a
// later open, which may meet a newer file. Here the size and the bytes come from one open file.
FilesystemStore.prototype.getObject = async function getObject(bucket, key, options) {
  let handle;
  try {
    handle = await fs.promises.open(this.getResourcePath(bucket, key, 'object'), 'r');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  try {
    const metadata = await this.getMetadata(bucket, key);
    const { size } = await handle.stat();
    metadata['content-length'] = String(size);
    const lastByte = Math.max(0, size - 1);
    const ranged = options && (options.start !== undefined || options.end);
    const range = {
      start: (options && options.start) || 0,
      end: Math.min((options && options.end) || Infinity, lastByte),
    };
    if (range.start < 0 || range.end < range.start) {
      await handle.close();
      const object = new S3Object(bucket, key, null, metadata);
      if (ranged) object.range = range;
      return object;
    }
    const content = handle.createReadStream({ start: range.start, end: range.end });
    const object = new S3Object(bucket, key, content, metadata);
    if (ranged) object.range = range;
    return object;
  } catch (err) {
    await handle.close();
    if (err.code === 'ENOENT') return null;
    throw err;
  }
};

const [directory, address, port, serviceEndpoint] = process.argv.slice(2);
new S3rver({ directory, address, port: Number(port), serviceEndpoint, silent: true })
  .run()
  .then(({ port: bound }) => console.log(`listening ${bound}`))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
