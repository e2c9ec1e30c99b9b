#!/usr/bin/env bash
# Gateway load test on loopback with wrk: requests/s and p50/p99 latency of
#   GET /api/v1/health  (every service's sys.health over Wire; concurrent requests share a round)
#   GET /api/v1/me      (session token: auth, rate limiter and a users.get on every request)
# at 16 and 64 connections, against release builds of the real executables.
# Usage: Benchmarks/gateway-bench.sh [seconds per row, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "gateway-bench needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -n "${GATEWAY_BENCH_SKIP_BUILD:-}" ] || swift build -c release >/dev/null

bench_port=${GATEWAY_BENCH_PORT:-18080}
bench_prefix=gwbench
source Benchmarks/bench-common.sh
# The limiter runs on every request but never refuses: its cost is measured, not its verdicts.
export RATE_LIMIT_PER_MINUTE=1000000 RATE_LIMIT_BURST=1000000
bench_start_mesh
token=$(bench_session_token 4242)
url=http://127.0.0.1:$bench_port

echo "gateway-bench: ${duration}s per row, wrk -t2 on loopback, $(nproc) cores"
echo "| route | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for connections in 16 64; do bench_wrk_row '`GET /api/v1/health`' "$connections" "$duration" "$url/api/v1/health"; done
for connections in 16 64; do
  bench_wrk_row '`GET /api/v1/me`' "$connections" "$duration" -H "Authorization: Bearer $token" "$url/api/v1/me"
done
