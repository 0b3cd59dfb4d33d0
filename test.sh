#!/usr/bin/env bash
# Runs the whole test suite (real silos, real SQLite and PostgreSQL) and ends with "N passed, N failed".
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Cli".
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test Ratio1.Orleans.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# A build failure or a crashed test host leaves no complete results: never report that as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with status $status (build failure or test host crash)"
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ]
