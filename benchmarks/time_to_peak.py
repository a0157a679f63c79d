#!/usr/bin/env python3
"""Turns a single-shot JMH run of TimeToPeak*Benchmark (-rf json) into BENCHMARKS.md's table.

For each benchmark: the median over forks of the 1st, 2nd, 5th, 10th and last shot, and the
worst shot from the 3rd on divided by the benchmark's own peak (the median of each fork's best
shot): issue 15's target for W5 is at most 1.5.
"""
import json
import statistics
import sys


def main(path):
    print("| benchmark | forks | shot 1 | shot 2 | shot 5 | shot 10 | last shot | peak | worst from shot 3 ÷ peak |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for entry in json.load(open(path)):
        name = entry["benchmark"].split(".")[-1]
        forks = entry["primaryMetric"]["rawData"]
        shots = min(len(f) for f in forks)

        def shot(k):
            return statistics.median(f[k - 1] for f in forks) if k <= shots else None

        peak = statistics.median(min(f) for f in forks)
        worst = max(max(f[2:]) for f in forks) if shots > 2 else None
        cells = [shot(1), shot(2), shot(5), shot(10), shot(shots), peak]
        ratio = f"{worst / peak:.2f}" if worst is not None else "—"
        print(f"| {name} | {len(forks)} | " + " | ".join("—" if c is None else f"{c:,.1f}" for c in cells) + f" | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
