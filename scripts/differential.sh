#!/usr/bin/env bash
# The randomized differential against the real Nova 26.2.2 (test/parity/differential.parity.test.ts):
# seeded step lists over the compute API run on nova-live and novamock through the parity
# harness, compared after every settled step. Exits non-zero on a hard difference (one not in
# test/parity/known-differences.ts).
#
#   bash scripts/differential.sh                    # the CI seeds
#   DIFF_SEEDS="4 5 6 7" DIFF_SHRINK=1 bash scripts/differential.sh   # more seeds, shrink failures
#
# Env: DIFF_SEEDS (default "1 2 3"), DIFF_LENGTH (ops per seed, default 12), DIFF_SHRINK=1,
# PYTHONHASHSEED (default 0: the real scheduler orders equal weights by a Python set), and
# scripts/parity.sh's REAL_PORT / MOCK_PORT / SHARED / PARITY_RESULTS.
set -euo pipefail
export DIFF_SEEDS="${DIFF_SEEDS:-1 2 3}"
export PYTHONHASHSEED="${PYTHONHASHSEED:-0}"
export PARITY_TEST=differential
export PARITY_RESULTS="${PARITY_RESULTS:-$(cd "$(dirname "$0")/.." && pwd)/.parity-results}"
# the hand-written flows' report is not this run's
rm -f "$PARITY_RESULTS/report.md"
exec bash "$(dirname "$0")/parity.sh"
