#!/usr/bin/env python3
"""Plans frame-accurate partial decoding from a packet index, for the FFmpeg command-line methods.

usage: plan.py INDEX START RATE_NUM RATE_DEN COUNT MODE [SOURCE]
  INDEX   FFmpeg framecrc listing of the picture stream, copied with -copyts (raw timestamps, decode order)
  START   the file's start time in seconds (the 'start:' of ffmpeg -i)
  COUNT   number of samples, or 'auto': the sampling times before the last picture ends
  MODE    runs     one line per run 'first last' (decode-order packet numbers)
          bsfexpr  the noise bitstream filter's drop expression that keeps only the runs' packets
          concat   an ffconcat list of SOURCE with inpoint/outpoint/duration per run; prints on standard
                   error the fps filter's start_time for a decoding run with -copyts
Sample n (time START + n * RATE_DEN / RATE_NUM) takes the last picture whose timestamp is at most that time,
or the first picture, as fps=RATE_NUM/RATE_DEN:round=up:start_time=0 does. That picture needs decoding from
the keyframe before it in decode order (one keyframe earlier if it is shown before that keyframe, a leading
picture of an open GOP). Overlapping or touching runs are merged; a summary goes to standard error.
"""
import math
import re
import sys
from fractions import Fraction


def read_index(path):
    tb, pkts = None, []  # (dts, pts, duration, key)
    with open(path) as f:
        for line in f:
            if line.startswith('#'):
                m = re.match(r'#tb 0: (\d+)/(\d+)', line)
                if m:
                    tb = Fraction(int(m.group(1)), int(m.group(2)))
                continue
            fields = [x.strip() for x in line.split(',')]
            if len(fields) < 6:
                continue
            flags = re.search(r'F=0x([0-9A-Fa-f]+)', line)
            key = flags is None or (int(flags.group(1), 16) & 1) == 1
            pkts.append((int(fields[1]), int(fields[2]), max(0, int(fields[3])), key))
    return tb, pkts


def plan(tb, pkts, start, rate, count):
    order = sorted(range(len(pkts)), key=lambda i: pkts[i][1])
    targets, j = [], -1
    for s in range(count):
        t = start + Fraction(s) / rate
        while j + 1 < len(order) and pkts[order[j + 1]][1] * tb <= t:
            j += 1
        targets.append(order[max(j, 0)])
    runs = []
    for d in sorted(set(targets)):
        s = d
        while s > 0 and not pkts[s][3]:
            s -= 1
        if pkts[d][1] < pkts[s][1]:
            s -= 1
            while s > 0 and not pkts[s][3]:
                s -= 1
        s = max(s, 0)
        if runs and s <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], d)
        else:
            runs.append([s, d])
    return targets, runs


def main():
    tb, pkts = read_index(sys.argv[1])
    start = Fraction(sys.argv[2])
    rate = Fraction(int(sys.argv[3]), int(sys.argv[4]))
    if sys.argv[5] == 'auto':
        end = max(p[1] + p[2] for p in pkts) * tb
        count = max(1, math.ceil((end - start) * rate))
    else:
        count = int(sys.argv[5])
    mode = sys.argv[6]
    targets, runs = plan(tb, pkts, start, rate, count)
    needed = sum(e - s + 1 for s, e in runs)
    print(f'packets={len(pkts)} keyframes={sum(1 for p in pkts if p[3])} samples={count} '
          f'targets={len(set(targets))} runs={len(runs)} packets_decoded={needed}', file=sys.stderr)
    if mode == 'runs':
        for s, e in runs:
            print(s, e)
    elif mode == 'bsfexpr':
        print('not(' + '+'.join(f'between(n\\,{s}\\,{e})' for s, e in runs) + ')')
    elif mode == 'concat':
        source = sys.argv[7]
        first = pkts[runs[0][0]][1] * tb
        print('ffconcat version 1.0')
        for i, (s, e) in enumerate(runs):
            inpoint = pkts[s][1] * tb
            print(f"file '{source}'")
            print(f'inpoint {float(inpoint):.9f}')
            # the demuxer stops at the first packet whose dts reaches the outpoint (which must follow the inpoint)
            print(f'outpoint {float(max(pkts[e][0], pkts[s][1]) * tb + tb / 2):.9f}')
            if i + 1 < len(runs):
                # a duration up to the next run's inpoint keeps every timestamp as in the file, less the first inpoint
                print(f'duration {float(pkts[runs[i + 1][0]][1] * tb - inpoint):.9f}')
        print(f'fps_start_time={float(start - first):.9f}', file=sys.stderr)


if __name__ == '__main__':
    main()
