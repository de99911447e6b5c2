"""Markdown summary of an alternating A/B benchmark CSV.

usage: pairs-summary.py CSV MD TITLE MACHINE EXPLANATION REFERENCE_SIDE

The CSV has at least the columns time, pair, side, wall_s, cpu_s, load1, and optionally rate or backlog (one table
section per value) and further numeric columns ending in _s or _mibps (their medians are reported per side). Ratios are
taken pair by pair against REFERENCE_SIDE.
"""
import csv
import statistics
import sys

path, md_path, title, machine, explanation, reference = sys.argv[1:7]
rows = list(csv.DictReader(open(path)))
group_by = next((c for c in ("rate", "backlog") if c in rows[0]), None)
fixed = {"time", "pair", "side", "wall_s", "cpu_s", "load1", "frames", group_by}
extra = [c for c in rows[0].keys() if c not in fixed and (c.endswith("_s") or c.endswith("_mibps"))]


def num(value):
    return float(value) if value not in (None, "") else None


def fmt(value, digits=2):
    return "" if value is None else f"{value:.{digits}f}"


loads = [float(r["load1"]) for r in rows]
lines = [f"# {title}", "",
         f"Machine: {machine}; load average during the runs {min(loads):.1f}-{max(loads):.1f}; "
         f"{rows[0]['time']} to {rows[-1]['time']}.", "", explanation, ""]
header = [group_by] if group_by else []
header += ["side", "runs", "wall min / median / max (s)", "ratio per pair", "median ratio", "max / median",
           "median CPU (s)", "CPU ratio"] + [f"median {c}" for c in extra]
lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
groups = sorted({r.get(group_by, "") for r in rows}, key=lambda g: -float(g) if g else 0)
for group in groups:
    in_group = [r for r in rows if r.get(group_by, "") == group]
    sides = list(dict.fromkeys(r["side"] for r in in_group))
    sides.sort(key=lambda s: s != reference)
    by_pair = {}
    for r in in_group:
        by_pair.setdefault(r["pair"], {})[r["side"]] = r
    for side in sides:
        runs = [r for r in in_group if r["side"] == side]
        walls = [float(r["wall_s"]) for r in runs]
        cpus = [float(r["cpu_s"]) for r in runs]
        ratios, cpu_ratios = [], []
        for pair in sorted(by_pair, key=int):
            p = by_pair[pair]
            if side in p and reference in p:
                ratios.append(float(p[side]["wall_s"]) / float(p[reference]["wall_s"]))
                cpu_ratios.append(float(p[side]["cpu_s"]) / float(p[reference]["cpu_s"]))
        median = statistics.median(walls)
        cells = [group] if group_by else []
        cells += [side, str(len(runs)), f"{min(walls):.2f} / {median:.2f} / {max(walls):.2f}",
                  " ".join(f"{x:.2f}" for x in ratios), fmt(statistics.median(ratios)),
                  fmt(max(walls) / median), fmt(statistics.median(cpus)), fmt(statistics.median(cpu_ratios))]
        for column in extra:
            values = [num(r[column]) for r in runs if num(r[column]) is not None]
            cells.append(fmt(statistics.median(values)) if values else "")
        lines.append("| " + " | ".join(cells) + " |")
open(md_path, "w").write("\n".join(lines) + "\n")
