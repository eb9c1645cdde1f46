#!/usr/bin/env bash
# Runs every test of OrleansProc on a fresh machine with only the .NET SDK and Node.js:
# installs Azurite (npm, pinned in infra/package.json) and, as root, Debian's Chromium when missing (the jobs page's
# browser test), restores and builds the solution in Release,
# and runs all test projects. The end-to-end tests start Azurite and silo processes themselves.
# Prints a last line "N passed, M failed"; exits non-zero when a test failed or nothing ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -x infra/node_modules/.bin/azurite ] || [ ! -d infra/node_modules/vega-datasets/data ]; then
  echo "installing Azurite and vega-datasets (npm ci in infra/)" >&2
  (cd infra && npm ci --no-audit --no-fund --loglevel=error)
fi

# The jobs page's browser test drives Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ]; then
  echo "installing Chromium (apt-get install chromium) for the jobs page's browser test" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

dotnet build OrleansProc.sln -c Release --nologo -v q -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test OrleansProc.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one "Failed: a, Passed: b, Skipped: c, Total: d" summary per test project.
read -r passed failed skipped < <(sed -n 's/.*Failed:[[:space:]]*\([0-9]*\), Passed:[[:space:]]*\([0-9]*\), Skipped:[[:space:]]*\([0-9]*\).*/\2 \1 \3/p' "$log" \
  | awk '{p += $1; f += $2; s += $3} END {print p + 0, f + 0, s + 0}')
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
