#!/usr/bin/env bash
# Runs one reader's libFuzzer target for some seconds: its corpus grows in <build>/corpus/<format>
# from the seeds in tests/fuzz/seeds/<format>; a crashing input is saved as <build>/crash-<format>-*
# (add it to tests/fuzz/regressions/<format> with the fix).
# Usage: scripts/run_fuzz.sh BUILD_DIR FORMAT SECONDS
set -euo pipefail
build=$1 format=$2 seconds=$3
cd "$(dirname "$0")/.."
mkdir -p "$build/corpus/$format"
echo "fuzz: $format for ${seconds}s"
"$build/tests/fuzz/ember_${format}_fuzz" "$build/corpus/$format" "tests/fuzz/seeds/$format" \
  "tests/fuzz/regressions/$format" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -malloc_limit_mb=512 -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crash-$format-" \
  2>"$build/fuzz-$format.log" || { tail -60 "$build/fuzz-$format.log"; exit 1; }
grep -E "^stat::number_of_executed_units|^Done" "$build/fuzz-$format.log" || true
