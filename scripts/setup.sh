#!/usr/bin/env bash
# Installs every build and test dependency from Debian packages and npm.
# Idempotent: returns quickly when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache mold pkg-config clang
  libsimdjson-dev libthrift-dev thrift-compiler libsnappy-dev libzstd-dev liblz4-dev libbrotli-dev zlib1g-dev
  libabsl-dev libfmt-dev libxxhash-dev libdouble-conversion-dev libfast-float-dev
  libpcre2-dev libicu-dev libxml2-dev libssl-dev libcpp-httplib-dev libcurl4-openssl-dev
  libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev pybind11-dev python3-dev
  python3-pytest python3-numpy python3-pandas python3-sklearn python3-boto3
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node packages used as independent oracles and benchmark peers.
# Reinstall when a package is missing or the lock file changed since the last install.
if [ -f tools/node/package.json ] && ! cmp -s tools/node/package-lock.json tools/node/node_modules/.package-lock.json.installed; then
  echo "setup: installing npm packages"
  (cd tools/node && npm install --no-audit --no-fund --loglevel=error >/dev/null &&
    cp package-lock.json node_modules/.package-lock.json.installed)
fi
