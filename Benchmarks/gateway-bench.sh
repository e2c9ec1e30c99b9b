#!/usr/bin/env bash
# Gateway load test on loopback with wrk: requests/s and p50/p99 latency of
#   GET /api/v1/health  (every service's sys.health over Wire)
#   GET /api/v1/me      (session token: auth, rate limiter and a users.get on every request)
# at 16 and 64 connections, against release builds of the real executables.
# Usage: Benchmarks/gateway-bench.sh [seconds per row, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "gateway-bench needs wrk (apt-get install wrk)" >&2; exit 1; }

[ -n "${GATEWAY_BENCH_SKIP_BUILD:-}" ] || swift build -c release >/dev/null
bin=.build/release
work=$(mktemp -d /tmp/gwbench-XXXXXX)
port=${GATEWAY_BENCH_PORT:-18080}
export MESH_RUN_DIR=$work/run MESH_DATA_DIR=$work/data MESH_ENV_FILE=/nonexistent LOG_LEVEL=error
export ADMIN_API_TOKEN=bench-admin-token-0123456789 BOT_API_SECRET=bench-bot-secret-0123456789
export TELEGRAM_BOT_TOKEN=123456:BENCH GATEWAY_PORT=$port
# The limiter runs on every request but never refuses: its cost is measured, not its verdicts.
export RATE_LIMIT_PER_MINUTE=1000000 RATE_LIMIT_BURST=1000000

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for service in users-service rag-core ingest-service gateway; do
  "$bin/$service" 2>>"$work/$service.log" &
  pids+=($!)
done
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
  sleep 0.1
done

# A session token from a Login Widget payload signed as Telegram signs it.
token=$(python3 - "$TELEGRAM_BOT_TOKEN" "$port" <<'PY'
import hashlib, hmac, json, sys, time, urllib.request
bot_token, port = sys.argv[1], sys.argv[2]
fields = {"id": "4242", "first_name": "Bench", "auth_date": str(int(time.time()))}
check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
fields["hash"] = hmac.new(hashlib.sha256(bot_token.encode()).digest(), check.encode(), hashlib.sha256).hexdigest()
request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/telegram", data=json.dumps(fields).encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["token"])
PY
)

run() {  # path connections [header]
  local out
  out=$(wrk -t2 -c"$2" -d"${duration}s" --latency ${3:+-H "$3"} "http://127.0.0.1:$port$1")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| \`GET $1\` | $2 | $rps | $p50 | $p99 | ${non2xx:-0} |"
}

echo "gateway-bench: ${duration}s per row, wrk -t2 on loopback, $(nproc) cores"
echo "| route | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for connections in 16 64; do run /api/v1/health "$connections"; done
for connections in 16 64; do run /api/v1/me "$connections" "Authorization: Bearer $token"; done
