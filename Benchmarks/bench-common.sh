# Shared by the gateway-level benchmarks (sourced, not run): starts release builds of the
# services on loopback with a throwaway data dir, and measures a route with wrk.
# The caller sets `bench_port` and `bench_prefix` first, and may export extra settings.

bench_bin=${BENCH_BIN:-.build/release}
bench_work=$(mktemp -d "/tmp/${bench_prefix:-bench}-XXXXXX")
bench_admin_token=bench-admin-token-0123456789
export MESH_RUN_DIR=$bench_work/run MESH_DATA_DIR=$bench_work/data MESH_ENV_FILE=/nonexistent LOG_LEVEL=error
export ADMIN_API_TOKEN=$bench_admin_token BOT_API_SECRET=bench-bot-secret-0123456789
export TELEGRAM_BOT_TOKEN=${TELEGRAM_BOT_TOKEN:-123456:BENCH} GATEWAY_PORT=$bench_port

bench_pids=()
bench_cleanup() { kill "${bench_pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$bench_work"; }
trap bench_cleanup EXIT

# Starts users-service, rag-core, ingest-service and the gateway; returns once /health answers.
bench_start_mesh() {
  local service
  for service in users-service rag-core ingest-service gateway; do
    "$bench_bin/$service" 2>>"$bench_work/$service.log" &
    bench_pids+=($!)
  done
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$bench_port/api/v1/health" >/dev/null && return 0
    sleep 0.1
  done
  echo "the mesh did not come up; logs in $bench_work" >&2
  return 1
}

# Prints a member's session token for telegram id $1, from a Login Widget payload signed as
# Telegram signs it.
bench_session_token() {
  python3 - "$TELEGRAM_BOT_TOKEN" "$bench_port" "$1" <<'PY'
import hashlib, hmac, json, sys, time, urllib.request
bot_token, port, telegram_id = sys.argv[1], sys.argv[2], sys.argv[3]
fields = {"id": telegram_id, "first_name": "Bench", "auth_date": str(int(time.time()))}
check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
fields["hash"] = hmac.new(hashlib.sha256(bot_token.encode()).digest(), check.encode(), hashlib.sha256).hexdigest()
request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/telegram", data=json.dumps(fields).encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["token"])
PY
}

# One table row: `| label | connections | requests/s | p50 | p99 | non-2xx |`.
# Usage: bench_wrk_row LABEL CONNECTIONS SECONDS [wrk arguments…] URL
bench_wrk_row() {
  local label=$1 connections=$2 seconds=$3
  shift 3
  local out rps p50 p99 non2xx
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $label | $connections | $rps | $p50 | $p99 | ${non2xx:-0} |"
}
