#!/usr/bin/env bash
# Runs the whole test suite N times in a row as CI does (3 vitest workers; on the Postgres server too when
# one answers on 127.0.0.1:5432), keeps each run's output and lists every test that failed even once.
#   npm run test:repeat -- 5
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
fi
logs="$(mktemp -d -t telegent-test-repeat-XXXX)"
echo "test:repeat: $runs runs, TEST_DATABASE_URL=${TEST_DATABASE_URL:-(unset: PGlite only)}, logs in $logs"
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if npx vitest run --reporter=default >"$logs/run-$i.log" 2>&1; then
    echo "run $i: passed ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED ($(( $(date +%s) - start )) s); failing tests:"
    sed 's/\x1b\[[0-9;]*m//g' "$logs/run-$i.log" | grep -E '^ *(FAIL|×)' | sort -u | sed 's/^/    /'
  fi
done
echo "test:repeat: $((runs - failed)) of $runs runs passed"
[ "$failed" -eq 0 ]
