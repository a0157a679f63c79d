#!/usr/bin/env python3
"""Turns a JMH JSON result (-rf json) into the Markdown table of BENCHMARKS.md.

Medians are taken over every measured iteration of every fork; ratios compare Weft with the
baselines measured in the same run.
"""
import json
import statistics
import sys

# W4's 100 ms floor spread over its 100,000 sleepers.
W4_FLOOR_NS = 1_000

WORKLOADS = [
    # (row, Weft benchmark, CompletableFuture, virtual threads, plain not inlined, plain inlined, target vs CF, unit)
    ("W1 spawn", "W1SpawnBenchmark.weft", "W1SpawnBenchmark.completableFuture",
     "VirtualThreadBenchmark.w1Spawn", None, None, 0.40, "ns/task"),
    ("W1 spawn, eager task start", "W1SpawnBenchmark.weftEagerTasks", "W1SpawnBenchmark.completableFuture",
     "VirtualThreadBenchmark.w1Spawn", None, None, 0.40, "ns/task"),
    ("W2 chain", "W2ChainBenchmark.weft", "W2ChainBenchmark.completableFuture",
     "VirtualThreadBenchmark.w2Chain", "W2ChainBenchmark.plainNotInlined", "W2ChainBenchmark.plainInlined", None, "ns/await"),
    ("W3 ping-pong", "W3PingPongBenchmark.weft", "W3PingPongBenchmark.completableFuture",
     "VirtualThreadBenchmark.w3PingPong", None, None, 0.45, "ns/round trip"),
    ("W4 sleepers", "W4SleepersBenchmark.weft", "W4SleepersBenchmark.completableFuture",
     "VirtualThreadBenchmark.w4Sleepers", None, None, 0.70, "ns/sleeper"),
    ("W5 deep", "W5DeepBenchmark.weft", "W5DeepBenchmark.completableFuture",
     "VirtualThreadBenchmark.w5Deep", None, None, 0.35, "ns/level"),
]


def load(path):
    scores, allocs = {}, {}
    for entry in json.load(open(path)):
        name = ".".join(entry["benchmark"].split(".")[-2:])
        raw = [s for fork in entry["primaryMetric"]["rawData"] for s in fork]
        scores[name] = statistics.median(raw)
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if alloc:
            allocs[name] = statistics.median(s for fork in alloc["rawData"] for s in fork)
    return scores, allocs


def fmt(value):
    if value is None:
        return "—"
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def main(path):
    scores, allocs = load(path)
    print("| workload | Weft | CompletableFuture | virtual threads (1 carrier) | plain, not inlined | plain, inlined "
          "| Weft ÷ CF (target) | Weft ÷ VT | Weft ÷ plain not inlined | bytes/op Weft · CF · VT |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row, weft, cf, vt, plain, inlined, target, unit in WORKLOADS:
        w = scores.get(weft)
        c, v = scores.get(cf), scores.get(vt)
        p = scores.get(plain) if plain else None
        i = scores.get(inlined) if inlined else None
        to_cf = f"{w / c:.2f}" + (f" (≤ {target})" if target else "") if w and c else "—"
        if row.startswith("W4") and w and c:
            to_cf += f"; above the floor {(w - W4_FLOOR_NS) / (c - W4_FLOOR_NS):.2f}"
        to_vt = f"{w / v:.2f}" if w and v else "—"
        to_plain = f"{w / p:.2f} (≤ 2)" if w and p else "—"
        alloc = " · ".join(fmt(allocs.get(b)) for b in (weft, cf, vt))
        print(f"| {row} ({unit}) | {fmt(w)} | {fmt(c)} | {fmt(v)} | {fmt(p)} | {fmt(i)} | {to_cf} | {to_vt} | {to_plain} | {alloc} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results.json")
