#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz preset and runs every libFuzzer target for a fixed budget (not part of CI's
# default path). Each target runs on a scratch copy of its committed corpus
# (build/fuzz/run/<target>/), so tests/fuzz/corpus/ only changes with --merge, which adds the
# inputs that reach new coverage. Findings (crash-*, leak-*, timeout-*, oom-*) land in
# build/fuzz/artifacts/<target>/; reproduce one with: build/fuzz/tests/fuzz/<target> FILE
#
# --runs N stops each target after N inputs instead (the time budget then only caps it at 2 h).
#
# Usage: tests/fuzz/run-fuzzers.sh [--time SECONDS | --runs N] [--merge] [--no-build] [TARGET...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build/fuzz
time=60
runs=-1
merge=0
do_build=1
targets=()
while [ $# -gt 0 ]; do
    case $1 in
        --time) time=$2; shift 2 ;;
        --time=*) time=${1#--time=}; shift ;;
        --runs) runs=$2; time=7200; shift 2 ;;
        --runs=*) runs=${1#--runs=}; time=7200; shift ;;
        --merge) merge=1; shift ;;
        --no-build) do_build=0; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
all=(fuzz_shard fuzz_zip fuzz_pickle fuzz_torchfile fuzz_int8ptz fuzz_mixed fuzz_modelfile fuzz_recipe fuzz_metricslog
     fuzz_submission fuzz_bundle)
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# -max_len per target: large enough for the seeds (a tiny checkpoint is ~5 KB), small enough to
# keep mutations fast.
max_len() {
    case $1 in
        fuzz_shard) echo 4096 ;;
        fuzz_recipe|fuzz_submission) echo 8192 ;;
        fuzz_metricslog) echo 16384 ;;
        *) echo 65536 ;;
    esac
}

if [ $do_build -eq 1 ]; then
    (cd "$root" && cmake --preset fuzz >/dev/null && nice -n 10 cmake --build build/fuzz -j2 --target "${targets[@]}") || exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export OMP_NUM_THREADS=1
export GOLF_FUZZ_TMP=${GOLF_FUZZ_TMP:-$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)}

printf '%-16s %6s %10s %8s %8s %6s %6s %s\n' target time execs exec/s corpus cov ft findings
status=0
for t in "${targets[@]}"; do
    bin=$build/tests/fuzz/$t
    run=$build/run/$t
    art=$build/artifacts/$t
    rm -rf "$run"
    mkdir -p "$run" "$art"
    cp -r "$here/corpus/$t/." "$run/" 2>/dev/null
    log=$build/run/$t.log
    started=$SECONDS
    "$bin" "$run" -max_total_time="$time" -rss_limit_mb=4096 -malloc_limit_mb=4096 -timeout=10 \
        -max_len="$(max_len "$t")" -runs="$runs" -print_final_stats=1 -artifact_prefix="$art/" >"$log" 2>&1
    rc=$?
    took=$((SECONDS - started))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(find "$run" -type f | wc -l)
    found=$(find "$art" -type f -newer "$log" 2>/dev/null | wc -l)
    findings=none
    if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
        findings="rc=$rc: $(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|==ERROR|deadly signal|uncaught' "$log" | cut -c1-100) ($art)"
        status=1
    fi
    printf '%-16s %5ss %10s %8s %8s %6s %6s %s\n' "$t" "$took" "${execs:-?}" "${speed:-?}" "$corp" \
        "${cov:-?}" "${ft:-?}" "$findings"
    if [ $merge -eq 1 ] && [ "$rc" -eq 0 ]; then
        "$bin" -merge=1 -max_len="$(max_len "$t")" "$here/corpus/$t" "$run" >"$build/run/$t.merge.log" 2>&1 \
            || echo "  merge of $t failed: $build/run/$t.merge.log"
    fi
done
rm -rf "$GOLF_FUZZ_TMP"
exit $status
