#!/usr/bin/env bash
# The engine alone (issue 10, memory): a WooCommerce simulator with N customers in its own process, then the engine
# bench against it (--engine-only --store URL), so the peaks the bench prints are the engine's, not the simulator's.
# Usage: bench/SyncOps.Bench.Engine/engine-alone.sh N [gcdump-dir]
# With gcdump-dir (needs dotnet-gcdump on PATH or in /tmp/dtools): a heap snapshot of the bench process when the end to
# end run has written half and nine tenths of the records (the same phase at every N, so snapshots can be diffed).
# Builds nothing: build bench/SyncOps.Bench.Engine and src/SyncOps.Cli in Release first. Run it under the bench lock.
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
customers="${1:?usage: engine-alone.sh N [gcdump-dir]}"
dumps="${2:-}"
work="$(mktemp -d)"
trap 'kill "$simulator" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet "$repo/src/SyncOps.Cli/bin/Release/net10.0/SyncOps.Cli.dll" simulate woocommerce \
    --customers "$customers" --products 0 --orders 0 >"$work/simulator.log" 2>&1 &
simulator=$!
until url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/simulator.log" 2>/dev/null | head -1)" && [ -n "$url" ]; do
    kill -0 "$simulator" || { cat "$work/simulator.log"; exit 1; }
    sleep 0.5
done

uptime
dotnet "$repo/bench/SyncOps.Bench.Engine/bin/Release/net10.0/SyncOps.Bench.Engine.dll" "$customers" 0 ${ENGINE_ONLY---engine-only} --store "$url" \
    > >(tee "$work/bench.log") &
bench=$!
if [ -n "$dumps" ]; then
    mkdir -p "$dumps"
    gcdump="$(command -v dotnet-gcdump || echo /tmp/dtools/dotnet-gcdump)"
    # The rate-by-tenths lines of the end to end run: "  500,000 written after ..." (the 5th) and the 9th.
    for tenth in 5 9; do
        until [ "$(grep -c 'written after' "$work/bench.log" || true)" -ge "$tenth" ] || ! kill -0 "$bench" 2>/dev/null; do sleep 0.2; done
        "$gcdump" collect -p "$bench" \
            -o "$dumps/engine-$customers-tenth$tenth.gcdump" >/dev/null && echo "heap snapshot: $dumps/engine-$customers-tenth$tenth.gcdump"
    done
fi
wait "$bench"
echo "simulator process peak (VmHWM): $(grep VmHWM "/proc/$simulator/status" | awk '{print $2 / 1024 " MiB"}')"
uptime
