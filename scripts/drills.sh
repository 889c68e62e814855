#!/usr/bin/env bash
# Every reliability drill at full size, one after another (npm test runs their CI sizes). Drills that need the
# Postgres server use it when DATABASE_URL or TEST_DATABASE_URL is set, or 127.0.0.1:5432 answers; otherwise they
# print SKIPPED. Exits non-zero if any drill broke a promise; each prints its own table of figures.
#   npm run drills
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}${DATABASE_URL:-}" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
fi
failed=()
for drill in double-click crash-mid-sweep telegent-weather slack-weather bad-input leak-scan kill-after-post kill-after-approve kill-mid-text kill-mid-plan kill-mid-batch db-outage; do
  echo "▶ drill $drill"
  npx tsx "drills/$drill.ts" || failed+=("$drill")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "drills that broke a promise: ${failed[*]}"
  exit 1
fi
echo "every drill kept its promises"
