#!/usr/bin/env bash
# POST /api/v1/rag/query through the gateway at 16 and 64 connections: authenticated (a member's
# session token), rate limited, over Wire to rag-core, retrieval over >= 20,000 chunks of real
# text, built-in extractive answer, every query written to the query log. Release builds of the
# real executables on loopback, wrk with a Lua script cycling through real questions.
# Usage: Benchmarks/rag-query-bench.sh [seconds per row, default 10] [minimum chunks, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
min_chunks=${2:-20000}
command -v wrk >/dev/null || { echo "rag-query-bench needs wrk (apt-get install wrk)" >&2; exit 1; }

[ -n "${RAG_BENCH_SKIP_BUILD:-}" ] || swift build -c release >/dev/null

bench_port=${RAG_BENCH_PORT:-18082}
bench_prefix=ragquerybench
source Benchmarks/bench-common.sh
export DEMO_DOCS_DIR=/nonexistent ACCESS_MODE=open
# The limiter runs on every request but never refuses: its cost is measured, not its verdicts.
export RATE_LIMIT_PER_MINUTE=1000000 RATE_LIMIT_BURST=1000000
bench_start_mesh
port=$bench_port
work=$bench_work

# Load real text until the knowledge base holds min_chunks chunks: the retrieval datasets'
# corpora (English and Russian), then the Markdown and Swift sources of the package checkouts
# (the kind of documentation an operator loads), one document per record or file.
python3 - "$port" "$bench_admin_token" "$min_chunks" "$work/questions.json" <<'PY'
import concurrent.futures, glob, json, os, sys, urllib.error, urllib.request
port, admin, minimum, questions_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
base = f"http://127.0.0.1:{port}/api/v1"
def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {admin}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path}: {error.code} {error.read().decode()[:300]}")
kb = call("POST", "/knowledge-bases", {"slug": "bench", "name": "Bench", "language": "auto"})["knowledge_base"]["id"]
datasets = "../shared/datasets"
def documents():
    for name in ["cranfield", "xquad-en", "xquad-r-en", "xquad-ru"]:
        path = os.path.join(datasets, name, "corpus.jsonl")
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            if record["text"].strip():
                yield f"{name}/{record['_id']}", record.get("title") or record["_id"], record["text"]
    for pattern in [".build/checkouts/**/*.md", ".build/checkouts/**/*.swift"]:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            if text.strip():
                yield path, os.path.basename(path), text
chunks = 0
put = lambda doc: call("POST", f"/knowledge-bases/{kb}/documents", {"source_uri": doc[0], "title": doc[1], "text": doc[2]})
source = documents()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    while chunks < minimum:
        batch = [doc for _, doc in zip(range(64), source)]
        if not batch:
            break
        for result in pool.map(put, batch):
            chunks += result["document"]["chunk_count"]
print(f"loaded {chunks} chunks into knowledge base {kb}", file=sys.stderr)
questions = []
for name in ["cranfield", "xquad-en", "xquad-ru"]:
    path = os.path.join(datasets, name, "queries.jsonl")
    if os.path.exists(path):
        questions += [json.loads(line)["text"] for line in list(open(path, encoding="utf-8"))[:100]]
json.dump({"kb": kb, "chunks": chunks, "questions": questions}, open(questions_path, "w"))
PY
chunks=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chunks"])' "$work/questions.json")

token=$(bench_session_token 4243)

# wrk's Lua script: one JSON body per question, cycled.
python3 - "$work/questions.json" "$token" > "$work/query.lua" <<'PY'
import json, sys
data, token = json.load(open(sys.argv[1])), sys.argv[2]
bodies = [json.dumps({"question": q, "knowledge_base_ids": [data["kb"]]}) for q in data["questions"]]
print("local bodies = {" + ",".join(json.dumps(b) for b in bodies) + "}")
print("local n = 0")
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print(f'wrk.headers["Authorization"] = "Bearer {token}"')
print("request = function() n = n + 1; return wrk.format(nil, \"/api/v1/rag/query\", nil, bodies[(n % #bodies) + 1]) end")
PY

echo "rag-query-bench: $chunks chunks, ${duration}s per row, wrk -t2 on loopback, $(nproc) cores"
echo "| route | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for connections in 16 64; do
  bench_wrk_row '`POST /api/v1/rag/query`' "$connections" "$duration" -s "$work/query.lua" "http://127.0.0.1:$port/api/v1/rag/query"
done
