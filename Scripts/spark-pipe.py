#!/usr/bin/env python3
"""Runs `demarche score` as a Spark `rdd.pipe()` stage (pyspark, local mode) and checks that its
output equals the single-process run on the same input.

    .venv/bin/python Scripts/spark-pipe.py                         # 2,000 generated articles
    .venv/bin/python Scripts/spark-pipe.py --input articles.jsonl --partitions 8 --cores 2

The input is JSON Lines of {"id", "text"} (with --articles N and no --input, N articles made by
Benchmarks/stream.py's generator). Spark reads it with `sc.textFile` (contiguous partitions, in
file order), pipes each partition through

    demarche score --format jsonl --input jsonl -

(one process per partition: standard input in, one JSON line per article out, an empty partition
is zero articles), and `collect()` returns the partitions in order. The script then runs
`demarche score --format jsonl FILE` once, in a single process, and compares: the Spark output
must be the same lines IN THE SAME ORDER (no sorting needed: partitions are contiguous slices of
the file and collect keeps their order). Exit status 0 if equal, 1 if not (with the first
difference), 2 if something could not run.

Needs pyspark (and Java 17+) in the Python that runs the script; the demarche binary (default
.build/release/demarche, built with `swift build -c release --product demarche`) finds its bundled
model beside it, so Spark's workers need nothing else.
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", help="JSON Lines of articles (default: generate --articles of them)")
    p.add_argument("--articles", type=int, default=2000, help="articles to generate without --input (default 2,000)")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/release/demarche"))
    p.add_argument("--model", help="--model for demarche (default: the bundled model)")
    p.add_argument("--partitions", type=int, default=4, help="minimum partitions of the input (default 4)")
    p.add_argument("--cores", default="2", help="local[N] cores for Spark (default 2; '*' for all)")
    args = p.parse_args()

    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        print("spark-pipe: pyspark is not installed in this Python; run it with a Python that has pyspark (e.g. .venv/bin/python after .venv/bin/pip install pyspark) "
              "(or pip install pyspark; Java 17+ is needed)", file=sys.stderr)
        return 2
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"spark-pipe: {binary}: no such executable; build it: swift build -c release --product demarche",
              file=sys.stderr)
        return 2

    work = tempfile.mkdtemp(prefix="demarche-spark-")
    path = args.input
    if not path:
        path = os.path.join(work, "articles.jsonl")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/stream.py"), "--articles", str(args.articles),
                        "--save-input", path], check=True)
    path = os.path.abspath(path)
    model = ["--model", os.path.abspath(args.model)] if args.model else []
    with open(path, "rb") as f:
        articles = sum(1 for line in f if line.strip())

    # 1. The single-process run.
    t0 = time.monotonic()
    single = subprocess.run([binary, "score", *model, "--format", "jsonl", path], capture_output=True)
    single_s = time.monotonic() - t0
    if single.returncode != 0:
        print(f"spark-pipe: the single-process run failed: {single.stderr.decode(errors='replace')}", file=sys.stderr)
        return 2
    expected = single.stdout.decode("utf-8").splitlines()

    # 2. The same binary as a pipe() stage.
    command = " ".join(shlex.quote(a) for a in [binary, "score", *model, "--format", "jsonl", "--input", "jsonl", "-"])
    conf = (SparkConf().setMaster(f"local[{args.cores}]").setAppName("demarche-pipe")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.memory", "1g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        t0 = time.monotonic()
        rdd = sc.textFile("file://" + path, minPartitions=args.partitions)
        partitions = rdd.getNumPartitions()
        got = rdd.pipe(command, checkCode=True).collect()
        spark_s = time.monotonic() - t0
    except Exception as e:  # a failed task: show the causes, not the whole JVM trace
        lines = str(e).splitlines()
        causes = [l.strip() for l in lines if "Error" in l or "Exception" in l or "Caused by" in l][:8]
        print("spark-pipe: the Spark job failed:\n  " + "\n  ".join(causes or lines[:8]), file=sys.stderr)
        return 2
    finally:
        sc.stop()

    print(f"{articles:,} articles; single process: {single_s:.1f} s ({articles / single_s * 3600:,.0f} articles/hour); "
          f"Spark local[{args.cores}], {partitions} partitions: {spark_s:.1f} s ({articles / spark_s * 3600:,.0f} articles/hour, "
          f"JVM start-up excluded, Spark's scheduling included)")
    if got == expected:
        print(f"equal: {len(got):,} output lines, same lines in the same order")
        return 0
    if sorted(got) == sorted(expected):
        print(f"DIFFERENT ORDER: the same {len(got):,} lines, in another order", file=sys.stderr)
        return 1
    print(f"DIFFERENT: Spark gave {len(got):,} lines, the single process {len(expected):,}", file=sys.stderr)
    for k, (a, b) in enumerate(zip(got, expected)):
        if a != b:
            print(f"first difference at line {k + 1}:\n  spark:  {a[:200]}\n  single: {b[:200]}", file=sys.stderr)
            break
    return 1


if __name__ == "__main__":
    sys.exit(main())
