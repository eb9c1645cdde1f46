#!/usr/bin/env python3
"""Stdlib reference of the threads-or-processes study (./orleansproc bench --only threads): multiprocessing.Pool.

    python3 threads_or_processes.py sha ROUNDS PROCESSES FILE...
        CPU-bound: COUNT(*) and MIN(SHA256_ROUNDS(CAST(user_id AS VARCHAR), ROUNDS)) over the sales CSV files, one
        file per task. SHA256_ROUNDS(t, n) is SHA-256 of t's UTF-8 bytes, then n - 1 more rounds over the digest.
    python3 threads_or_processes.py wc PROCESSES FILE...
        CPU-bound: the top 20 words of the comment column (as mp_baseline.py wc).
    python3 threads_or_processes.py blobs PROCESSES BASE_URL QUERY < NAMES
        I/O-bound: GET every blob BASE_URL/NAME?QUERY (names on stdin, one a line), one keep-alive HTTP connection
        per process, blobs split in chunks of 8 among the processes; prints the blobs and bytes read.

Prints one JSON object: {"rows": [...], "max_rss_kb": the largest resident peak of this process or a worker,
"cpu_seconds": user + system CPU of this process and its workers}.
"""
import csv
import hashlib
import http.client
import json
import re
import resource
import sys
import urllib.parse
from collections import Counter
from multiprocessing import Pool

WORD = re.compile(r"[^\W\d_]+")
_connection = None


def sha_file(args):
    path, rounds = args
    count, smallest = 0, None
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        iu = next(reader).index("user_id")
        for row in reader:
            count += 1
            h = hashlib.sha256(row[iu].encode("utf-8")).digest()
            for _ in range(rounds - 1):
                h = hashlib.sha256(h).digest()
            x = h.hex()
            if smallest is None or x < smallest:
                smallest = x
    return count, smallest


def wc_file(path):
    counts = Counter()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        ic = next(reader).index("comment")
        for row in reader:
            counts.update(WORD.findall(row[ic].lower()))
    return counts


def get_blobs(args):
    global _connection
    base, query, names = args
    url = urllib.parse.urlsplit(base)
    if _connection is None:
        _connection = http.client.HTTPConnection(url.hostname, url.port)
    total = 0
    for name in names:
        _connection.request("GET", f"{url.path}/{urllib.parse.quote(name)}?{query}")
        response = _connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {name}: HTTP {response.status}")
        total += len(body)
    return len(names), total


def main():
    job = sys.argv[1]
    if job == "sha":
        rounds, processes, files = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
        with Pool(processes) as pool:
            parts = pool.map(sha_file, [(f, rounds) for f in files], chunksize=1)
        smallest = min((s for _, s in parts if s is not None), default=None)
        rows = [[sum(c for c, _ in parts), smallest]]
    elif job == "wc":
        processes, files = int(sys.argv[2]), sys.argv[3:]
        total = Counter()
        with Pool(processes) as pool:
            for c in pool.imap_unordered(wc_file, files):
                total.update(c)
        rows = [[w, n] for w, n in sorted(total.items(), key=lambda x: (-x[1], x[0]))[:20]]
    elif job == "blobs":
        processes, base, query = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        names = [line.strip() for line in sys.stdin if line.strip()]
        chunks = [(base, query, names[i:i + 8]) for i in range(0, len(names), 8)]
        with Pool(processes) as pool:
            parts = pool.map(get_blobs, chunks, chunksize=1)
        rows = [[sum(n for n, _ in parts), sum(b for _, b in parts)]]
    else:
        sys.exit("usage: threads_or_processes.py sha ROUNDS PROCESSES FILE... | wc PROCESSES FILE... | blobs PROCESSES BASE_URL QUERY < NAMES")
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = max(me.ru_maxrss, workers.ru_maxrss)
    cpu = me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime
    json.dump({"rows": rows, "max_rss_kb": peak, "cpu_seconds": cpu}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
