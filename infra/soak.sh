#!/usr/bin/env bash
# Runs each end-to-end fault case N times (each run on a fresh cluster: Azurite and two silo processes) and prints a
# table: case, runs, correct (the test passed: the exact answer, or the clear failure it expects), wrong (it failed),
# hung (it did not end within --timeout seconds, or a wait of the test timed out: a job that never finished). Exits non-zero unless every run was correct.
# The real-host cases (LinkCut_, LinkRestored_, Freeze_, Sigterm_) need root and iproute2 (`ip netns`); elsewhere they are
# skipped, and a skipped run counts as wrong here (no "Passed: 1").
#   infra/soak.sh [--repeat N] [--timeout SECONDS] [--case NAME]...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

repeat=5
limit=600
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    --case) cases+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ ${#cases[@]} -eq 0 ]; then
  cases=(
    KillSilo_RunningPartitionsNotCoordinator
    KillSilo_HostingCoordinator
    JobCancel_MidJob
    PoisonBlob_FailsEveryAttempt
    KillClient_MidJob
    KillAllSilos_MidJobThenStartNewOnes
    StorageOutage_TenSecondsMidJob
    StorageOutage_PastTheLimit
    DatasetGenerate_MidJob_Fails
    DatasetGenerate_MidJobWithSnapshotRetry
    Straggler_PartitionTimeout
    Straggler_Speculation
    LinkCut_WorkerSilo
    LinkRestored_CoordinatorSilo
    Freeze_WorkerSilo
    Sigterm_WorkerSilo
  )
fi

if [ ! -x infra/node_modules/.bin/azurite ]; then
  (cd infra && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build OrleansProc.sln -c Release --nologo -v q -clp:ErrorsOnly  # the tests start the silo and the client too

logs="$(mktemp -d)"
declare -A correct wrong hung
for name in "${cases[@]}"; do
  correct[$name]=0; wrong[$name]=0; hung[$name]=0
done
for run in $(seq 1 "$repeat"); do
  for name in "${cases[@]}"; do
    log="$logs/$name-$run.log"
    set +e
    timeout --kill-after=30 "$limit" dotnet test tests/EndToEnd.Tests/EndToEnd.Tests.csproj -c Release --no-build --nologo \
      --filter "FullyQualifiedName~Faults.&FullyQualifiedName~$name" >"$log" 2>&1
    status=$?
    set -e
    if [ "$status" -eq 0 ] && grep -q "Passed: *1" "$log"; then
      correct[$name]=$((correct[$name] + 1)); verdict=correct
    elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ] || grep -q "TimeoutException" "$log"; then
      hung[$name]=$((hung[$name] + 1)); verdict=hung
    else
      wrong[$name]=$((wrong[$name] + 1)); verdict="wrong (log $log)"
    fi
    echo "run $run/$repeat $name: $verdict" >&2
  done
done

printf '%-45s %5s %8s %6s %5s\n' case runs correct wrong hung
bad=0
for name in "${cases[@]}"; do
  printf '%-45s %5d %8d %6d %5d\n' "$name" "$repeat" "${correct[$name]}" "${wrong[$name]}" "${hung[$name]}"
  bad=$((bad + wrong[$name] + hung[$name]))
done
[ "$bad" -eq 0 ]
