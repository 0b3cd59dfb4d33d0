#!/usr/bin/env bash
# Runs the whole test suite (real silos, real SQLite and PostgreSQL) and ends with "N passed, N failed".
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Cli".
#
# First it checks what the tests need besides .NET. A missing prerequisite is installed with apt-get when this
# user may (root, or passwordless sudo); otherwise, or with R1_TEST_INSTALL=no, it stops before building and
# prints the command that installs it.
set -uo pipefail
cd "$(dirname "$0")"

# The prerequisites: name, the check that it is there, the Debian package that brings it, what the tests use it for.
has_ffmpeg() { command -v ffmpeg >/dev/null 2>&1; }
has_postgresql_server() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
has_chromium() { command -v chromium >/dev/null 2>&1; }
prerequisites=(
  "ffmpeg|has_ffmpeg|ffmpeg|the capture tests decode and make video and images with it"
  "PostgreSQL server binaries|has_postgresql_server|postgresql|the tests start private clusters with initdb and pg_ctl (no server has to run)"
  "chromium|has_chromium|chromium|the dashboard's browser tests drive it with Playwright (no browser is downloaded)"
)

missing_prerequisites() {
  local entry name check package purpose
  for entry in "${prerequisites[@]}"; do
    IFS='|' read -r name check package purpose <<<"$entry"
    "$check" || echo "$name|$package|$purpose"
  done
}

# Installs with apt-get as root, or through sudo when it asks no password; fails when neither is possible.
install_packages() {
  local as=()
  [ "${R1_TEST_INSTALL:-yes}" != "no" ] || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1
    as=(sudo -n)
  fi
  echo "test.sh: installing $*"
  # A stale package index makes the install fail to find the packages: refresh it and try once more.
  "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    { "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

missing=$(missing_prerequisites)
if [ -n "$missing" ]; then
  packages=$(cut -d'|' -f2 <<<"$missing" | tr '\n' ' ')
  install_packages $packages
  missing=$(missing_prerequisites)
fi
if [ -n "$missing" ]; then
  echo "test.sh: missing prerequisites, nothing was built:"
  while IFS='|' read -r name package purpose; do
    echo "  $name ($purpose)"
  done <<<"$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo "
  echo "Install them with:"
  echo "  ${sudo}apt-get install -y $(cut -d'|' -f2 <<<"$missing" | tr '\n' ' ' | sed 's/ $//')"
  echo "then run ./test.sh again."
  echo "0 passed, 1 failed"
  exit 1
fi

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
