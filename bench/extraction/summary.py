#!/usr/bin/env python3
"""Summarises bench/extraction.sh's CSV: per rate and method, min/median/max wall time, the ratio to plain FFmpeg
pair by pair and its median, CPU time and peak memory. usage: summary.py CSV MARKDOWN MACHINE"""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
by = defaultdict(dict)  # (rate, method) -> pair -> row
for r in rows:
    by[(r['rate'], r['method'])][int(r['pair'])] = r
rates = list(dict.fromkeys(r['rate'] for r in rows))
methods = list(dict.fromkeys(r['method'] for r in rows if r['method'] != 'plain'))
loads = [float(r['load1']) for r in rows]
lines = ['# Frame extraction benchmark', '',
         f'Machine: {sys.argv[3]}; load average during the runs {min(loads):.1f}-{max(loads):.1f}; '
         f'{rows[0]["time"]} to {rows[-1]["time"]}.', '',
         'Side A is plain `ffmpeg -i in -vf fps=R -q:v 2 %05d.jpg` + `zip -0`; every side ends with `zip -0`. '
         'Ratio = method / plain of the same pair (wall time); CPU = user + system.', '',
         '| rate | method | frames | wall min / median / max (s) | ratio per pair | median ratio | median CPU (s) '
         '| CPU ratio | peak RSS (MiB) |',
         '|---|---|---|---|---|---|---|---|---|']


def cpu(r):
    return float(r['user_s']) + float(r['sys_s'])


for rate in rates:
    plain = by[(rate, 'plain')]
    for method in ['plain'] + methods:
        runs = by.get((rate, method))
        if not runs:
            continue
        walls = [float(r['wall_s']) for r in runs.values()]
        ratios = [float(runs[p]['wall_s']) / float(plain[p]['wall_s']) for p in sorted(runs) if p in plain]
        cpu_ratios = [cpu(runs[p]) / cpu(plain[p]) for p in sorted(runs) if p in plain]
        frames = sorted({r['frames'] for r in runs.values()})
        lines.append(f'| {rate} | {method} | {"/".join(frames)} | {min(walls):.2f} / {statistics.median(walls):.2f} / '
                     f'{max(walls):.2f} | {" ".join(f"{x:.2f}" for x in ratios)} | {statistics.median(ratios):.2f} | '
                     f'{statistics.median(cpu(r) for r in runs.values()):.2f} | {statistics.median(cpu_ratios):.2f} | '
                     f'{max(int(r["max_rss_kb"]) for r in runs.values()) / 1024:.0f} |')
lines.append('')
open(sys.argv[2], 'w').write('\n'.join(lines))
