#!/usr/bin/env python3
"""Two `demarche` binaries, interleaved in one run: training, scoring and one-article latency.

    python3 Benchmarks/compare.py BEFORE AFTER [--rounds 3] [--train-rows 100000] [--test-rows 200000]

Used for issue 15 (the -Ounchecked build against the build without unsafe flags), e.g.

    swift build -c release --product demarche --scratch-path .build-before   # from the old commit
    swift build -c release --product demarche --scratch-path .build-after
    python3 Benchmarks/compare.py .build-before/release/demarche .build-after/release/demarche

Each round runs every step with both binaries, alternating which goes first, so drifting load on a
shared machine hits both. Steps (the same as `run.py`'s demarche side):
  - `train --data train.jsonl --folds 0 --c 1 --verbose`: end to end, and "vectorise + fit" from
    the `--verbose` stamps ("read N rows" to "fitted");
  - `eval --data test.jsonl --model M --predictions P`: test rows / wall seconds;
  - `score articles.jsonl --format jsonl --model M`: input MB / wall seconds;
  - `score Examples/strait-talks.txt` with the bundled model: `hyperfine -N` of both binaries in
    one invocation (start-up included), its median.
Prints each round's AFTER/BEFORE ratio of time (below 1: AFTER is faster) and their median.
The corpus comes from ../shared/bench/gen_corpus.py into Benchmarks/work/ (git-ignored).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")
sys.path.insert(0, HERE)
from run import ensure_articles, ensure_corpus  # noqa: E402  (the harness's own corpus makers)


CPU = {}  # the last command's user + system CPU seconds (less sensitive to other load than wall time)


def wall(cmd, stdout=None, stderr=None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(stdout or os.devnull, "w") as out, open(stderr or os.devnull, "w") as err:
        subprocess.run(cmd, stdout=out, stderr=err, check=True, cwd=ROOT)
    t = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t


def train(binary, data, model, work, tag):
    err = os.path.join(work, "cmp-train-%s.err" % tag)
    e2e = wall([binary, "train", "--data", data, "--out", model, "--folds", "0", "--c", "1", "--verbose"], stderr=err)
    stamps = {}
    for line in open(err, errors="replace"):
        if line.startswith("[") and "s] " in line:
            t, what = line[1:].split("s] ", 1)
            stamps.setdefault(what.split()[0].rstrip(":"), float(t))
    return e2e, stamps["fitted"] - stamps["read"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--train-rows", type=int, default=100000)
    ap.add_argument("--test-rows", type=int, default=200000)
    ap.add_argument("--latency-runs", type=int, default=30)
    ap.add_argument("--python", default=sys.executable, help="python with numpy, for gen_corpus.py")
    ap.add_argument("--workdir", default=os.path.join(HERE, "work"))
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    bins = {"before": os.path.abspath(a.before), "after": os.path.abspath(a.after)}
    train_path = ensure_corpus(a.python, a.train_rows, 1, os.path.join(a.workdir, "train-%d.jsonl" % a.train_rows))
    test_path = ensure_corpus(a.python, a.test_rows, 2, os.path.join(a.workdir, "test-%d.jsonl" % a.test_rows))
    articles = ensure_articles(test_path, 20, os.path.join(a.workdir, "articles-%d.jsonl" % a.test_rows))
    article_mb = os.path.getsize(articles) / 1e6
    example = os.path.join(ROOT, "Examples", "strait-talks.txt")
    hyperfine = shutil.which("hyperfine")
    rounds = []
    for r in range(a.rounds):
        order = ["before", "after"] if r % 2 == 0 else ["after", "before"]
        res = {k: {} for k in bins}
        for k in order:
            model = os.path.join(a.workdir, "cmp-%s.demarche" % k)
            res[k]["train_e2e_s"], res[k]["vec_fit_s"] = train(bins[k], train_path, model, a.workdir, k)
            res[k]["train_cpu_s"] = CPU["last"]
        for k in order:
            model = os.path.join(a.workdir, "cmp-%s.demarche" % k)
            s = wall([bins[k], "eval", "--data", test_path, "--model", model, "--format", "json",
                      "--predictions", os.path.join(a.workdir, "cmp-pred-%s.jsonl" % k)])
            res[k]["eval_sent_per_s"] = a.test_rows / s
            res[k]["eval_cpu_s"] = CPU["last"]
        for k in order:
            model = os.path.join(a.workdir, "cmp-%s.demarche" % k)
            s = wall([bins[k], "score", articles, "--format", "jsonl", "--model", model],
                     stdout=os.path.join(a.workdir, "cmp-score-%s.jsonl" % k))
            res[k]["score_mb_per_s"] = article_mb / s
            res[k]["score_cpu_s"] = CPU["last"]
        if hyperfine:
            js = os.path.join(a.workdir, "cmp-hyperfine.json")
            subprocess.run([hyperfine, "-N", "--warmup", "5", "--runs", str(a.latency_runs), "--export-json", js,
                            "--style", "none"] + ["%s score %s" % (bins[k], example) for k in order],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            for k, hr in zip(order, json.load(open(js))["results"]):
                res[k]["latency_ms"] = statistics.median(hr["times"]) * 1000
                res[k]["latency_cpu_ms"] = (hr["user"] + hr["system"]) * 1000
        # Same model bytes from both binaries (the arithmetic must not change).
        same = open(os.path.join(a.workdir, "cmp-before.demarche"), "rb").read() == open(os.path.join(a.workdir, "cmp-after.demarche"), "rb").read()
        res["same_model_bytes"] = same
        rounds.append(res)
        print("round %d (%s first): %s" % (r + 1, order[0], json.dumps(res)), flush=True)

    # after/before as a time ratio (rates inverted): below 1 means AFTER is faster.
    metrics = [("train e2e s", "train_e2e_s", False), ("vectorise + fit s", "vec_fit_s", False),
               ("eval %d rows, sent/s" % a.test_rows, "eval_sent_per_s", True),
               ("score articles, MB/s", "score_mb_per_s", True), ("one article, ms (hyperfine median)", "latency_ms", False),
               ("train CPU s (user + sys)", "train_cpu_s", False), ("eval CPU s", "eval_cpu_s", False),
               ("score articles CPU s", "score_cpu_s", False), ("one article CPU ms (hyperfine mean)", "latency_cpu_ms", False)]
    print("\n| metric | before (median) | after (median) | after/before time, per round | median ratio |")
    print("| --- | ---: | ---: | --- | ---: |")
    for name, key, is_rate in metrics:
        if key not in rounds[0]["before"]:
            continue
        b = [x["before"][key] for x in rounds]
        f = [x["after"][key] for x in rounds]
        ratios = [(bb / ff) if is_rate else (ff / bb) for bb, ff in zip(b, f)]
        print("| %s | %.3g | %.3g | %s | **%.3f** |" % (name, statistics.median(b), statistics.median(f),
                                                       ", ".join("%.3f" % x for x in ratios), statistics.median(ratios)))
    print("\nsame model bytes in every round: %s" % all(x["same_model_bytes"] for x in rounds))


if __name__ == "__main__":
    main()
