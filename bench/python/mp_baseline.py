#!/usr/bin/env python3
"""Stdlib baseline for ./orleansproc bench: csv module + multiprocessing.Pool(2), one file per task.

    python3 mp_baseline.py agg FILE...   -> JSON rows [country, count, sum_quantity, avg_amount, min_amount, max_amount]
    python3 mp_baseline.py wc FILE...    -> JSON rows [word, count], the top 20 words of `comment`

The aggregate is SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount)
WHERE quantity >= 2 GROUP BY country. A word is a maximal run of Unicode letters of the lowercased comment.
"""
import csv
import json
import re
import sys
from collections import Counter
from multiprocessing import Pool

WORD = re.compile(r"[^\W\d_]+")


def agg_file(path):
    groups = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        ic, ia, iq = header.index("country"), header.index("amount"), header.index("quantity")
        for row in reader:
            q = int(row[iq])
            if q < 2:
                continue
            g = groups.get(row[ic])
            if g is None:
                g = groups[row[ic]] = [0, 0, 0.0, 0, None, None]
            g[0] += 1
            g[1] += q
            a = row[ia]
            if a:
                a = float(a)
                g[2] += a
                g[3] += 1
                if g[4] is None or a < g[4]:
                    g[4] = a
                if g[5] is None or a > g[5]:
                    g[5] = a
    return groups


def wc_file(path):
    counts = Counter()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        ic = header.index("comment")
        for row in reader:
            counts.update(WORD.findall(row[ic].lower()))
    return counts


def main():
    job, files = sys.argv[1], sys.argv[2:]
    with Pool(2) as pool:
        if job == "agg":
            total = {}
            for groups in pool.imap_unordered(agg_file, files):
                for k, g in groups.items():
                    t = total.get(k)
                    if t is None:
                        total[k] = g
                        continue
                    t[0] += g[0]; t[1] += g[1]; t[2] += g[2]; t[3] += g[3]
                    if g[4] is not None and (t[4] is None or g[4] < t[4]):
                        t[4] = g[4]
                    if g[5] is not None and (t[5] is None or g[5] > t[5]):
                        t[5] = g[5]
            rows = [[k, t[0], t[1], (t[2] / t[3]) if t[3] else None, t[4], t[5]] for k, t in sorted(total.items())]
        elif job == "wc":
            total = Counter()
            for c in pool.imap_unordered(wc_file, files):
                total.update(c)
            rows = [[w, n] for w, n in sorted(total.items(), key=lambda x: (-x[1], x[0]))[:20]]
        else:
            sys.exit("usage: mp_baseline.py agg|wc FILE...")
    json.dump(rows, sys.stdout)
    print()


if __name__ == "__main__":
    main()
