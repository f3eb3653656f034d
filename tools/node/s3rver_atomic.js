// Starts s3rver (the local S3-compatible server of the S3 tests) with S3's atomic PUT: s3rver
// rewrites an object's file in place, so a GET during a PUT could see it half written, which real
// S3 never shows. Here each object is written to a temporary file and renamed into place.
//   node --openssl-legacy-provider s3rver_atomic.js <directory> <address> <port> <service-endpoint>
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

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

const [directory, address, port, serviceEndpoint] = process.argv.slice(2);
new S3rver({ directory, address, port: Number(port), serviceEndpoint, silent: true })
  .run()
  .then(({ port: bound }) => console.log(`listening ${bound}`))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
