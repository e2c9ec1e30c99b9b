#!/usr/bin/env bash
# The yardstick of the gateway's goals, measured on this machine in the same way as the
# gateway: FastAPI + uvicorn with 2 workers answering a trivial GET /api/v1/health, wrk -t2 at
# 16 and 64 connections. Two set-ups: plain `pip install fastapi uvicorn` (asyncio and h11,
# what the goals' ~12,000/s figure matches) and uvicorn's C speed-ups (uvloop, httptools).
# Needs python3 with venv and PyPI; installs into a throwaway virtualenv under /tmp.
# Usage: Benchmarks/fastapi-baseline.sh [seconds per row, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "fastapi-baseline needs wrk (apt-get install wrk)" >&2; exit 1; }

bench_port=${FASTAPI_BENCH_PORT:-18210}
bench_prefix=fastapibench
source Benchmarks/bench-common.sh
python3 -m venv "$bench_work/venv"
"$bench_work/venv/bin/pip" install -q fastapi uvicorn uvloop httptools

echo "fastapi-baseline: ${duration}s per row, wrk -t2 on loopback, $(nproc) cores, uvicorn --workers 2"
echo "| set-up | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for setup in "asyncio h11" "uvloop httptools"; do
  read -r loop http <<<"$setup"
  (cd Benchmarks/FastAPIBaseline && exec "$bench_work/venv/bin/uvicorn" app:app --host 127.0.0.1 --port "$bench_port" \
    --workers 2 --loop "$loop" --http "$http" --log-level warning) &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$bench_port/api/v1/health" >/dev/null && break; sleep 0.1; done
  for connections in 16 64; do bench_wrk_row "$loop + $http" "$connections" "$duration" "http://127.0.0.1:$bench_port/api/v1/health"; done
  kill "$server"; wait "$server" 2>/dev/null || true
done
