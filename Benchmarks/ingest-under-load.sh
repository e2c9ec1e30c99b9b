#!/usr/bin/env bash
# Query latency while a large ingestion runs: p50/p99 of concurrent POST /api/v1/rag/query
# idle, then while ingest-service works through a ~48 MB upload (a stored .zip of Markdown
# files), against release builds of the real executables on loopback. Goal: p99 under
# load at most 3x idle.
# Usage: Benchmarks/ingest-under-load.sh [seconds per row, default 20] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=${2:-8}
command -v wrk >/dev/null || { echo "ingest-under-load needs wrk (apt-get install wrk)" >&2; exit 1; }

[ -n "${INGEST_BENCH_SKIP_BUILD:-}" ] || swift build -c release >/dev/null

bench_port=${INGEST_BENCH_PORT:-18081}
bench_prefix=ingestbench
BENCH_BIN=${INGEST_BENCH_BIN:-.build/release}
source Benchmarks/bench-common.sh
export DEMO_DOCS_DIR=/nonexistent INGEST_WORKERS=${INGEST_WORKERS:-2}
bench_start_mesh
port=$bench_port
work=$bench_work
token=$bench_admin_token
api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }

# A knowledge base with the project's own docs, for questions with real answers.
kb=$(api -H 'Content-Type: application/json' -d '{"slug":"bench","name":"Bench"}' "http://127.0.0.1:$port/api/v1/knowledge-bases" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["knowledge_base"]["id"])')
(cd docs && zip -q -r "$work/docs.zip" . -i '*.md')
task=$(api --data-binary @"$work/docs.zip" "http://127.0.0.1:$port/api/v1/ingestion/files?knowledge_base=$kb&filename=docs.zip" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
wait_task() {
  while :; do
    state=$(api "http://127.0.0.1:$port/api/v1/ingestion/tasks/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [ "$state" = queued ] || [ "$state" = running ] || break
    sleep 0.5
  done
}
wait_task "$task"

# ~48 MB of Markdown in 1,200 files of 40 KB, stored uncompressed so the upload is that size too.
python3 - "$work/big.zip" <<'PY'
import random, sys, zipfile
random.seed(7)
words = [w.strip() for w in open("/usr/share/dict/words")] if __import__("os").path.exists("/usr/share/dict/words") else None
if not words:
    syllables = ["ka", "ri", "to", "men", "sol", "var", "den", "lo", "tri", "pan", "gor", "el", "an", "mi", "sta", "ber"]
    words = ["".join(random.choice(syllables) for _ in range(random.randint(2, 4))) for _ in range(20000)]
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as archive:
    for n in range(1200):
        parts = [f"# Report {n}\n"]
        size = 0
        section = 0
        while size < 40_000:
            if size // 4000 >= section:
                section += 1
                parts.append(f"\n## Section {section}\n\n")
            sentence = " ".join(random.choice(words) for _ in range(random.randint(8, 18))).capitalize() + ". "
            parts.append(sentence)
            size += len(sentence)
        archive.writestr(f"reports/report-{n:04d}.md", "".join(parts))
PY

cat > "$work/query.lua" <<'LUA'
local questions = {"How do I back up the databases?", "Which port does the gateway listen on?", "How are users approved?",
  "What does the mesh restart?", "How is a bot request signed?", "Where do sockets live?"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/rag/query", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer TOKEN"},
    '{"question":"' .. questions[(n % #questions) + 1] .. '","knowledge_base_ids":[KB]}')
end
LUA
sed -i "s/TOKEN/$token/; s/KB/$kb/" "$work/query.lua"

measure() {  # label
  bench_wrk_row "$1" "$connections" "$duration" -s "$work/query.lua" "http://127.0.0.1:$port"
}

echo "ingest-under-load: ${duration}s per row, wrk -t2 on loopback, $(nproc) cores, INGEST_WORKERS=$INGEST_WORKERS, upload $(du -h "$work/big.zip" | cut -f1)"
echo "| queries | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
measure "idle"
started=$(date +%s.%N)
big=$(api --data-binary @"$work/big.zip" "http://127.0.0.1:$port/api/v1/ingestion/files?knowledge_base=$kb&filename=reports.zip" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
uploaded=$(date +%s.%N)
measure "during the ingestion"
progress=$(api "http://127.0.0.1:$port/api/v1/ingestion/tasks/$big" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t["state"], t["items"]["done"], "/", t["items"]["total"])')
wait_task "$big"
finished=$(date +%s.%N)
summary=$(api "http://127.0.0.1:$port/api/v1/ingestion/tasks/$big" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t["state"], "indexed", t["items"]["indexed"], "failed", t["items"]["failed"])')
echo
echo "upload took $(python3 -c "print(round($uploaded - $started, 2))") s; after the loaded row the task was at: $progress"
echo "the ingestion ended $summary after $(python3 -c "print(round($finished - $started, 1))") s"
