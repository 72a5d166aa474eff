#!/usr/bin/env python3
"""Demarche benchmark harness: demarche vs scikit-learn and Vowpal Wabbit, same rows, one run.

    python3 Benchmarks/run.py --sizes 10000,100000 --reps 3 [--with-1m] [--build]

For every training size N (and 1,000,000 with --with-1m):
  * the corpus is generated with ../shared/bench/gen_corpus.py (train: N rows, --seed 1;
    test: --test-rows rows, --seed 2, the same test rows for every N);
  * rounds alternate between demarche and the peers (odd rounds demarche first, even rounds
    peers first), --reps rounds; every number reported is the median over the rounds;
  * demarche: `demarche train --folds 0 --c 1` (end to end: process start, JSON reading,
    featurising, fitting, writing the model), `demarche eval --format json --predictions FILE` on
    the test rows (end to end text + target -> label: process start, model load, JSON reading,
    featurising, prediction, metrics, every row written back with its prediction as VW's -p does;
    --no-eval-predictions leaves the file out), `demarche score --format jsonl` on articles made of test sentences
    (MB/s = input bytes / wall seconds);
  * demarche "vectorise + fit": the same training run timed in process from its --verbose stamps, from
    "read N rows" to "fitted" (target resolution, features, vocabulary, matrix and fit; no process start,
    JSON reading or model writing): the span peers.py times for its own vectorize + fit (it excludes
    loading and target masking too). Issue 2's ratio is reported both ways;
  * with --core-too, also `demarche train --without window,negation,role,lexicon` + eval: word 1-2-gram
    TF-IDF with the target's mentions replaced by a target token, what the peers get (they replace the
    target by TARGETPARTY): the numerical core's own ratio to TfidfVectorizer + saga;
  * peers: ../shared/bench/peers.py run as a subprocess, one round = `--reps 1`
    (tfidf, sk-lbfgs, sk-saga, vw at 10k/100k; tfidf and vw at 1M unless --peers-1m says more).
    Peer end-to-end numbers are peers.py's: vectorize/prep + fit (train) and vectorize/prep +
    predict (scoring); they exclude Python start-up, JSON loading and target masking, so the
    demarche figures (whole processes) are the conservative ones.
  * peak RSS: each demarche process is run alone and measured with os.wait4 (its own
    ru_maxrss); peers.py reports each worker's own ru_maxrss.  For sk-lbfgs / sk-saga the
    training peak is max(TfidfVectorizer worker, model worker), a lower bound of one process
    doing both.
  * default-model latency: `demarche score Examples/strait-talks.txt` without --model
    (hyperfine -N if installed, else repeated runs), start-up included.

Writes Benchmarks/results/bench-<date>.json (raw + medians) and results/latest.{json,md}.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
LABELS = ("hostile", "conciliatory", "neutral")


# ----------------------------------------------------------------------------- process measurement
def measured(cmd, stdout=None, stdin=None, env=None, timeout=None, cwd=None, check=True):
    """Run cmd alone; return wall seconds, CPU seconds and this process's own peak RSS (os.wait4)."""
    out_f = open(stdout, "wb") if stdout else subprocess.DEVNULL
    in_f = open(stdin, "rb") if stdin else subprocess.DEVNULL
    err_path = (stdout + ".err") if stdout else None
    err_f = open(err_path, "wb") if err_path else subprocess.DEVNULL
    killed = []
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out_f, stdin=in_f, stderr=err_f, env=env, cwd=cwd)
    timer = None
    if timeout:
        def kill():
            killed.append(True)
            try:
                os.kill(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    for f in (out_f, in_f, err_f):
        if f is not subprocess.DEVNULL:
            f.close()
    r = {"wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime,
         "peak_rss_mb": ru.ru_maxrss / 1024.0, "rc": p.returncode, "timeout": bool(killed)}
    if p.returncode != 0 and (check or not killed):
        tail = ""
        if err_path and os.path.exists(err_path):
            tail = open(err_path, errors="replace").read()[-600:]
        raise RuntimeError("command failed (rc=%s%s): %s\n%s" % (
            p.returncode, ", timeout" if killed else "", " ".join(cmd), tail))
    return r


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def count_lines(p):
    with open(p, "rb") as f:
        return sum(1 for _ in f)


def med(vals):
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None


# ----------------------------------------------------------------------------- data
def ensure_corpus(py, n, seed, path):
    if os.path.exists(path) and count_lines(path) == n:
        return path
    log("generating %s (%d rows, seed %d)" % (path, n, seed))
    t0 = time.perf_counter()
    subprocess.run([py, os.path.join(SHARED, "gen_corpus.py"), str(n), "--seed", str(seed), "--out", path + ".tmp"], check=True)
    os.replace(path + ".tmp", path)
    log("  %.1fs" % (time.perf_counter() - t0))
    return path


def ensure_articles(test_path, per_article, path):
    """Articles of `per_article` consecutive test sentences each, as {"id","text"} JSON Lines."""
    if os.path.exists(path):
        return path
    with open(test_path) as f:
        sents = [json.loads(l)["text"] for l in f]
    with open(path + ".tmp", "w") as out:
        for i in range(0, len(sents) - per_article + 1, per_article):
            out.write(json.dumps({"id": "a%d" % (i // per_article), "text": " ".join(sents[i:i + per_article])}) + "\n")
    os.replace(path + ".tmp", path)
    return path


def ensure_example_articles(example, copies, path):
    """`copies` copies of a real-looking article (Examples/strait-talks.txt) as JSON Lines."""
    text = open(example).read()
    with open(path, "w") as out:
        for i in range(copies):
            out.write(json.dumps({"id": "ex%d" % i, "text": text}) + "\n")
    return path


# ----------------------------------------------------------------------------- demarche
def demarche_train(a, train_path, model_path, tag):
    cmd = [a.demarche, "train", "--data", train_path, "--out", model_path, "--verbose"] + a.train_args.split()
    r = measured(cmd, stdout=os.path.join(a.workdir, "train-%s.out" % tag), timeout=a.timeout, check=False)
    if r["timeout"]:
        return r  # killed at --timeout: wall_s is a lower bound, peak RSS is up to then
    summary = open(os.path.join(a.workdir, "train-%s.out" % tag)).read()
    # Vectorise + fit, in process: from the "read N rows" stamp to the "fitted" stamp of --verbose
    # (excludes process start-up, reading the JSON rows and writing the model, as peers.py's fit times do).
    stamps = {}
    for line in open(os.path.join(a.workdir, "train-%s.out.err" % tag), errors="replace"):
        if line.startswith("[") and "s] " in line:
            t, what = line[1:].split("s] ", 1)
            stamps.setdefault(what.split()[0].rstrip(":"), float(t))
    if "read" in stamps and "fitted" in stamps:
        r["vec_fit_s"] = stamps["fitted"] - stamps["read"]
    r["summary"] = summary.strip()
    for line in summary.splitlines():
        if "features:" in line:
            try:
                r["n_features"] = int(line.rsplit("features:", 1)[1].split()[0].replace(",", ""))
            except ValueError:
                pass
        if "iterations" in line:
            r["fit_line"] = line.strip()
    r["model_mb"] = os.path.getsize(model_path) / 2**20
    return r


def demarche_eval(a, test_path, model_path, n_test, tag):
    outp = os.path.join(a.workdir, "eval-%s.json" % tag)
    cmd = [a.demarche, "eval", "--data", test_path, "--model", model_path, "--format", "json"]
    predp = os.path.join(a.workdir, "eval-%s.predictions.jsonl" % tag)
    if not a.no_eval_predictions:
        # Issue 18's measure is `eval --predictions`: every row written back with its prediction,
        # as VW's `-t -p` pass writes its predictions file.
        if os.path.exists(predp):
            os.unlink(predp)
        cmd += ["--predictions", predp]
    r = measured(cmd, stdout=outp, timeout=a.timeout)
    if not a.no_eval_predictions:
        r["prediction_lines"] = count_lines(predp)
        if r["prediction_lines"] != n_test:
            log("  WARNING: %d prediction lines for %d test rows" % (r["prediction_lines"], n_test))
        os.unlink(predp)
    rep = json.load(open(outp))
    r["macro_f1"] = rep.get("macroF1")
    r["accuracy"] = rep.get("accuracy")
    r["rows"] = rep.get("rows")
    r["sent_per_s"] = n_test / r["wall_s"]
    return r


def demarche_score(a, articles_path, model_path, tag, env=None):
    outp = os.path.join(a.workdir, "score-%s.jsonl" % tag)
    cmd = [a.demarche, "score", articles_path, "--format", "jsonl"]
    if model_path:
        cmd += ["--model", model_path]
    r = measured(cmd, stdout=outp, env=env, timeout=a.timeout)
    size = os.path.getsize(articles_path)
    r["input_mb"] = size / 1e6
    r["mb_per_s"] = size / 1e6 / r["wall_s"]
    r["articles"] = count_lines(articles_path)
    r["articles_out"] = count_lines(outp)
    r["articles_per_s"] = r["articles"] / r["wall_s"]
    return r


def demarche_round(a, n, train_path, test_path, n_test, articles_path, rep):
    tag = "%d-%d" % (n, rep)
    model = os.path.join(a.workdir, "model-%d.demarche" % n)
    log("  demarche train  N=%d rep %d ..." % (n, rep))
    tr = demarche_train(a, train_path, model, tag)
    if tr["timeout"]:
        log("    TIMEOUT after %.0fs (peak %.0f MB so far): no eval/score for this size" % (tr["wall_s"], tr["peak_rss_mb"]))
        return {"rep": rep, "train": tr, "eval": None, "score": None}
    log("    %.2fs  peak %.0f MB  %s" % (tr["wall_s"], tr["peak_rss_mb"], tr.get("fit_line", "")))
    ev = demarche_eval(a, test_path, model, n_test, tag)
    log("  demarche eval   %.2fs  %.0f sent/s  macro-F1 %.4f  peak %.0f MB" % (ev["wall_s"], ev["sent_per_s"], ev["macro_f1"], ev["peak_rss_mb"]))
    sc = demarche_score(a, articles_path, model, tag)
    log("  demarche score  %.2fs  %.2f MB/s  peak %.0f MB" % (sc["wall_s"], sc["mb_per_s"], sc["peak_rss_mb"]))
    result = {"rep": rep, "train": tr, "eval": ev, "score": sc}
    if a.core_too and n < 1000000:
        # The numerical core on the features the peers get: word 1-2-grams with the target marked.
        core = os.path.join(a.workdir, "model-core-%d.demarche" % n)
        saved = a.train_args
        a.train_args = saved + " " + CORE_ARGS
        try:
            ptr = demarche_train(a, train_path, core, "core-" + tag)
        finally:
            a.train_args = saved
        log("  demarche train (core)  %.2fs  peak %.0f MB  %s" % (ptr["wall_s"], ptr["peak_rss_mb"], ptr.get("fit_line", "")))
        if not ptr["timeout"]:
            pev = demarche_eval(a, test_path, core, n_test, "core-" + tag)
            log("  demarche eval (core)   macro-F1 %.4f" % pev["macro_f1"])
            result.update(core_train=ptr, core_eval=pev)
    return result


# ----------------------------------------------------------------------------- peers
def peers_round(a, n, train_path, test_path, rep, peers):
    out = os.path.join(a.workdir, "peers-%d-%d.json" % (n, rep))
    cmd = [a.python, os.path.join(SHARED, "peers.py"), "--train", train_path, "--test", test_path,
           "--reps", "1", "--peers", ",".join(peers), "--out", out, "--timeout", str(a.peer_timeout),
           "--workdir", a.workdir]
    log("  peers %s N=%d rep %d ..." % (",".join(peers), n, rep))
    cp = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(cp.stderr)
    if cp.returncode != 0:
        raise RuntimeError("peers.py failed: %s" % cp.stderr[-800:])
    doc = json.load(open(out))
    return doc


# ----------------------------------------------------------------------------- summary
# `demarche train` options leaving the numerical core's job: word n-grams with the target marked.
CORE_ARGS = "--without window,negation,role,lexicon"
PEER_NAMES = {"sk-lbfgs": "sklearn tfidf + LR lbfgs", "sk-saga": "sklearn tfidf + LR saga",
              "vw": "Vowpal Wabbit --oaa 3 --ngram 2", "tfidf": "sklearn TfidfVectorizer alone",
              "sk-linearsvc": "sklearn tfidf + LinearSVC", "ll-s0": "LIBLINEAR -s 0", "ll-s7": "LIBLINEAR -s 7",
              "fasttext": "fastText"}


def summarize_size(n, d_rounds, p_rounds):
    s = {"demarche": {}}
    dm = s["demarche"]
    dm["train_e2e_s"] = med([r["train"]["wall_s"] for r in d_rounds])
    dm["train_cpu_s"] = med([r["train"]["user_s"] + r["train"]["sys_s"] for r in d_rounds])
    dm["vec_fit_s"] = med([r["train"].get("vec_fit_s") for r in d_rounds])
    dm["train_peak_rss_mb"] = med([r["train"]["peak_rss_mb"] for r in d_rounds])
    dm["score_e2e_s"] = med([r["eval"]["wall_s"] for r in d_rounds if r["eval"]])
    dm["score_e2e_sent_per_s"] = med([r["eval"]["sent_per_s"] for r in d_rounds if r["eval"]])
    dm["score_peak_rss_mb"] = med([r["eval"]["peak_rss_mb"] for r in d_rounds if r["eval"]])
    dm["macro_f1"] = med([r["eval"]["macro_f1"] for r in d_rounds if r["eval"]])
    dm["accuracy"] = med([r["eval"]["accuracy"] for r in d_rounds if r["eval"]])
    dm["article_mb_per_s"] = med([r["score"]["mb_per_s"] for r in d_rounds if r["score"]])
    dm["article_peak_rss_mb"] = med([r["score"]["peak_rss_mb"] for r in d_rounds if r["score"]])
    dm["n_features"] = med([r["train"].get("n_features") for r in d_rounds])
    dm["model_mb"] = med([r["train"].get("model_mb") for r in d_rounds])
    dm["train_timeout"] = any(r["train"].get("timeout") for r in d_rounds)
    dm["train_e2e_s_spread"] = [min(r["train"]["wall_s"] for r in d_rounds), max(r["train"]["wall_s"] for r in d_rounds)] if d_rounds else None
    core = [r for r in d_rounds if r.get("core_train")]
    if core:
        s["demarche-core"] = {
            "train_e2e_s": med([r["core_train"]["wall_s"] for r in core]),
            "train_cpu_s": med([r["core_train"]["user_s"] + r["core_train"]["sys_s"] for r in core]),
            "vec_fit_s": med([r["core_train"].get("vec_fit_s") for r in core]),
            "train_peak_rss_mb": med([r["core_train"]["peak_rss_mb"] for r in core]),
            "macro_f1": med([r["core_eval"]["macro_f1"] for r in core]),
            "score_e2e_sent_per_s": med([r["core_eval"]["sent_per_s"] for r in core]),
            "score_peak_rss_mb": med([r["core_eval"]["peak_rss_mb"] for r in core]),
            "n_features": med([r["core_train"].get("n_features") for r in core]),
        }
    peers = {}
    for doc in p_rounds:
        for p, v in doc["summary"].items():
            peers.setdefault(p, []).append(v)
    for p, vs in peers.items():
        ok = [v for v in vs if v.get("reps_ok", 0) > 0]
        e = {"rounds_ok": len(ok), "status": ",".join(sorted({v["status"] for v in vs}))}
        for k in ("vectorize_s", "fit_s", "e2e_fit_s", "predict_per_s", "e2e_predict_per_s", "macro_f1", "accuracy",
                  "peak_rss_mb", "n_features", "vectorize_test_s", "predict_s"):
            e[k] = med([v.get(k) for v in ok])
        e["train_e2e_s"] = e["e2e_fit_s"] if p != "tfidf" else e["vectorize_s"]
        e["score_e2e_sent_per_s"] = e["e2e_predict_per_s"]
        e["train_peak_rss_mb"] = e["peak_rss_mb"]
        if p in ("sk-lbfgs", "sk-saga", "sk-linearsvc", "ll-s0", "ll-s7") and "tfidf" in peers:
            tf = med([v.get("peak_rss_mb") for v in peers["tfidf"] if v.get("reps_ok", 0) > 0])
            if tf is not None and e["peak_rss_mb"] is not None:
                e["train_peak_rss_mb"] = max(tf, e["peak_rss_mb"])
        s[p] = e
    return s


def fmt(v, f):
    return "-" if v is None else f % v


def size_label(n):
    n = int(n)
    return "%dk" % (n // 1000) if n < 1000000 else "%gM" % (n / 1e6)


def fmtc(v):
    return "-" if v is None else "{:,.0f}".format(v)


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def render(doc):
    L = []
    env = doc["env"]
    L.append("Demarche benchmark  %s  (%s, %d cores, %s)" % (doc["date"], env["cpu"], env["ncpu"], env["blas"]))
    L.append("demarche %s; train args: %s; test rows %d (eval%s); reps %s; medians over rounds" % (
        env["demarche_rev"], doc["train_args"], doc["n_test"], "" if doc.get("eval_predictions") is False else " --predictions",
        doc["reps"]))
    L.append("")
    L.append("| rows | tool | train e2e s | vectorise + fit s | score e2e sent/s | macro-F1 | train peak RSS MB | score peak RSS MB |")
    L.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, s in doc["sizes"].items():
        rows = size_label(n)
        for tool in ["demarche", "demarche-core", "sk-lbfgs", "sk-saga", "vw", "tfidf", "sk-linearsvc", "ll-s0", "ll-s7", "fasttext"]:
            if tool not in s:
                continue
            e = s[tool]
            mine = tool.startswith("demarche")
            name = {"demarche": "**demarche**", "demarche-core": "**demarche, n-grams + target mark only**"}.get(tool) or PEER_NAMES.get(tool, tool)
            if not mine and e.get("rounds_ok", 0) == 0:
                L.append("| %s | %s | %s | | | | | |" % (rows, name, e.get("status")))
                continue
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                rows, name, (">" if e.get("train_timeout") else "") + fmt(e.get("train_e2e_s"), "%.2f"),
                fmt(e.get("vec_fit_s") if mine else (e.get("train_e2e_s") if tool != "tfidf" else e.get("vectorize_s")), "%.2f"),
                fmtc(e.get("score_e2e_sent_per_s")),
                fmt(e.get("macro_f1"), "%.4f"), fmt(e.get("train_peak_rss_mb"), "%.0f"),
                fmt(e.get("score_peak_rss_mb") if mine else None, "%.0f")))
    L.append("")
    L.append("Article throughput (`demarche score --format jsonl`, articles of %d test sentences, model of that size):" % doc["sentences_per_article"])
    for n, s in doc["sizes"].items():
        d = s["demarche"]
        if d.get("article_mb_per_s") is None:
            continue
        L.append("  %-4s %6.2f MB/s   peak RSS %4.0f MB   (model: %s features, %.1f MB; train CPU %.1f s for %.1f s wall)" % (
            size_label(n), d["article_mb_per_s"] or 0, d["article_peak_rss_mb"] or 0, fmt(d.get("n_features"), "%.0f"), d.get("model_mb") or 0,
            d.get("train_cpu_s") or 0, d.get("train_e2e_s") or 0))
    lat = doc.get("latency")
    if lat:
        L.append("Default model, `demarche score Examples/strait-talks.txt` (start-up included, %s): median %.1f ms, min %.1f ms, max %.1f ms, CPU (user+sys) %s ms, peak RSS %.0f MB%s" % (
            lat["method"], lat["median_ms"], lat["min_ms"], lat["max_ms"], fmt(lat.get("cpu_ms_mean"), "%.1f"), lat.get("peak_rss_mb") or 0,
            "" if not lat.get("stand_in") else "  [stand-in default model: %s]" % lat["stand_in"]))
        ex = doc.get("example_articles")
        if ex:
            L.append("Real-looking articles with the default model (%d copies of Examples/strait-talks.txt, %.2f MB): %.2f MB/s, %.0f articles/s" % (
                ex["articles"], ex["input_mb"], ex["mb_per_s"], ex["articles_per_s"]))
    L.append("")
    L.append("Ratios (demarche vs peer; time: peer/demarche = x faster; throughput: demarche/peer; RSS: demarche/peer; F1: difference)")
    L.append("| rows | peer | train speed-up | scoring speed-up | macro-F1 diff | train RSS ratio |")
    L.append("| --- | --- | ---: | ---: | ---: | ---: |")
    for n, s in doc["sizes"].items():
      for mine in ["demarche", "demarche-core"]:
        if mine not in s:
            continue
        d = s[mine]
        for p in ["sk-lbfgs", "sk-saga", "vw", "tfidf"]:
            if p not in s or s[p].get("rounds_ok", 0) == 0:
                continue
            e = s[p]
            fdiff = None if e.get("macro_f1") is None or d["macro_f1"] is None else d["macro_f1"] - e["macro_f1"]
            L.append("| %s | %s | %s | %s | %s | %s |" % (
                size_label(n), p + ("" if mine == "demarche" else " (vs core: n-grams + target mark)"), fmt(ratio(e["train_e2e_s"], d["train_e2e_s"]), "%.2fx"),
                fmt(ratio(d["score_e2e_sent_per_s"], e.get("score_e2e_sent_per_s")), "%.2fx"),
                fmt(fdiff, "%+.4f"), fmt(ratio(d["train_peak_rss_mb"], e["train_peak_rss_mb"]), "%.2f")))
    L.append("")
    L.append("Targets")
    for t in doc["targets"]:
        L.append("  [%s] %s: %s" % ({True: "MET", False: "MISSED", None: "n/a"}[t["met"]], t["name"], t["detail"]))
    return "\n".join(L)


def targets(doc):
    T = []
    sz = doc["sizes"]

    def add(name, met, detail):
        T.append({"name": name, "met": met, "detail": detail})

    s = sz.get("100000")
    if s:
        d = s["demarche"]
        vw, lb, sg = s.get("vw", {}), s.get("sk-lbfgs", {}), s.get("sk-saga", {})
        if vw.get("train_e2e_s"):
            add("100k training faster than VW", d["train_e2e_s"] < vw["train_e2e_s"],
                "demarche %.2fs vs vw %.2fs (ratio %.2f; sk-saga %s s)" % (d["train_e2e_s"], vw["train_e2e_s"], d["train_e2e_s"] / vw["train_e2e_s"], fmt(sg.get("train_e2e_s"), "%.2f")))
        if sg.get("train_e2e_s"):
            # Issue 2: vectorise + fit within one fifth of TfidfVectorizer + LogisticRegression(saga).
            for mine, label in (("demarche", "default features"), ("demarche-core", "core: n-grams + target mark")):
                if mine in s:
                    r = s[mine]["train_e2e_s"] / sg["train_e2e_s"]
                    add("100k train e2e <= 1/5 of sk-saga (%s)" % label, r <= 0.2,
                        "%.2fs vs %.2fs = %.2f" % (s[mine]["train_e2e_s"], sg["train_e2e_s"], r))
                    v = s[mine].get("vec_fit_s")
                    if v is not None:
                        add("100k vectorise + fit <= 1/5 of sk-saga's (%s)" % label, v / sg["train_e2e_s"] <= 0.2,
                            "%.2fs vs %.2fs = %.2f (in process, both without data loading)" % (v, sg["train_e2e_s"], v / sg["train_e2e_s"]))
        if lb.get("macro_f1") is not None:
            add("100k macro-F1 >= sk-lbfgs - 0.005", d["macro_f1"] >= lb["macro_f1"] - 0.005,
                "demarche %.4f vs sk-lbfgs %.4f (diff %+.4f)" % (d["macro_f1"], lb["macro_f1"], d["macro_f1"] - lb["macro_f1"]))
        if lb.get("score_e2e_sent_per_s"):
            r = d["score_e2e_sent_per_s"] / lb["score_e2e_sent_per_s"]
            add("scoring >= 20x sklearn e2e (100k model)", r >= 20, "%.0f vs %.0f sent/s = %.2fx" % (d["score_e2e_sent_per_s"], lb["score_e2e_sent_per_s"], r))
        if vw.get("score_e2e_sent_per_s"):
            r = d["score_e2e_sent_per_s"] / vw["score_e2e_sent_per_s"]
            add("scoring >= 1x VW e2e (issue 18; 100k model, %s)" % ("eval" if doc.get("eval_predictions") is False else "eval --predictions"),
                r >= 1, "%.0f vs %.0f sent/s = %.2fx (stretch 2x)" % (d["score_e2e_sent_per_s"], vw["score_e2e_sent_per_s"], r))
            add("scoring >= 4x VW e2e (100k model)", r >= 4, "%.0f vs %.0f sent/s = %.2fx" % (d["score_e2e_sent_per_s"], vw["score_e2e_sent_per_s"], r))
    m = sz.get("1000000")
    if m:
        d = m["demarche"]
        tf = m.get("tfidf", {})
        if tf.get("peak_rss_mb"):
            add("1M training peak RSS <= 1/2 sklearn TfidfVectorizer alone", d["train_peak_rss_mb"] <= tf["peak_rss_mb"] / 2,
                "%.0f MB vs %.0f MB (ratio %.2f)" % (d["train_peak_rss_mb"], tf["peak_rss_mb"], d["train_peak_rss_mb"] / tf["peak_rss_mb"]))
        if s:
            r = d["train_e2e_s"] / s["demarche"]["train_e2e_s"]
            add("1M training time <= 12x 100k", r <= 12, "%s%.1fs vs %.2fs = %s%.1fx" % (
                ">" if d.get("train_timeout") else "", d["train_e2e_s"], s["demarche"]["train_e2e_s"], ">" if d.get("train_timeout") else "", r))
    lat = doc.get("latency")
    if lat:
        add("default-model score of one article < 100 ms", lat["median_ms"] < 100, "median %.1f ms" % lat["median_ms"])
    return T


# ----------------------------------------------------------------------------- latency
def default_model_env(a):
    """Env for the default-model run; trains a stand-in if Models/default.demarche is missing."""
    env = dict(os.environ)
    default = os.path.join(ROOT, "Models", "default.demarche")
    if env.get("DEMARCHE_MODEL") or os.path.exists(default):
        return env, None
    stand_in = os.path.join(a.workdir, "default-stand-in.demarche")
    if not os.path.exists(stand_in):
        data = [os.path.join(ROOT, "TrainingData", "corpus")]
        if os.path.isdir(os.path.join(ROOT, "TrainingData", "dev")):
            data.append(os.path.join(ROOT, "TrainingData", "dev"))
        log("Models/default.demarche missing: training a stand-in with Scripts/train-default-model.sh's settings")
        try:
            measured([a.demarche, "train", "--data"] + data + ["--out", stand_in, "--c-grid", "0.5,1,2,4,8", "--folds", "5", "--seed", "1"],
                     stdout=os.path.join(a.workdir, "default-stand-in.out"), timeout=a.timeout)
        except RuntimeError as e:
            # TrainingData/ not trainable right now: use the smallest benchmark model instead
            models = sorted((int(f[6:-9]), f) for f in os.listdir(a.workdir) if f.startswith("model-") and f.endswith(".demarche"))
            if not models:
                raise
            log("  TrainingData/ did not train (%s); using %s instead" % (str(e).splitlines()[-1][:200], models[0][1]))
            env["DEMARCHE_MODEL"] = os.path.join(a.workdir, models[0][1])
            return env, "DEMARCHE_MODEL=Benchmarks/work/%s (TrainingData/ did not train: %s)" % (models[0][1], str(e).splitlines()[-1][:160])
    env["DEMARCHE_MODEL"] = stand_in
    return env, "DEMARCHE_MODEL=" + os.path.relpath(stand_in, ROOT) + " (trained like Scripts/train-default-model.sh)"


def latency(a):
    env, stand_in = default_model_env(a)
    example = os.path.join(ROOT, "Examples", "strait-talks.txt")
    cmd = [a.demarche, "score", example]
    pk = measured(cmd, stdout=os.path.join(a.workdir, "latency.out"), env=env, cwd=ROOT)
    res = {"command": "demarche score Examples/strait-talks.txt", "stand_in": stand_in, "peak_rss_mb": pk["peak_rss_mb"]}
    hf = shutil.which("hyperfine")
    if hf:
        js = os.path.join(a.workdir, "hyperfine.json")
        subprocess.run([hf, "-N", "--warmup", "5", "--runs", str(a.latency_runs), "--export-json", js, "--style", "none",
                        " ".join([a.demarche, "score", example])], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        hr = json.load(open(js))["results"][0]
        times = hr["times"]
        res["method"] = "hyperfine -N, %d runs" % len(times)
        res["cpu_ms_mean"] = (hr["user"] + hr["system"]) * 1000  # load-independent: user + system CPU
    else:
        for _ in range(5):
            measured(cmd, env=env, cwd=ROOT)
        times = [measured(cmd, env=env, cwd=ROOT)["wall_s"] for _ in range(a.latency_runs)]
        res["method"] = "os.wait4 loop, %d runs" % len(times)
    ms = [t * 1000 for t in times]
    res.update(median_ms=statistics.median(ms), min_ms=min(ms), max_ms=max(ms), mean_ms=statistics.mean(ms))
    # real-looking article throughput with the default model
    exa = ensure_example_articles(example, a.example_copies, os.path.join(a.workdir, "example-articles.jsonl"))
    runs = [demarche_score(a, exa, None, "example-%d" % i, env=env) for i in range(3)]
    best = sorted(runs, key=lambda r: r["wall_s"])[1]
    return res, {k: best[k] for k in ("articles", "input_mb", "mb_per_s", "articles_per_s", "wall_s", "peak_rss_mb")}


# ----------------------------------------------------------------------------- environment
def env_info(a):
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except Exception as e:  # noqa: BLE001
            return "?(%s)" % e
    rev = sh(["git", "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "status", "--porcelain", "--", "Sources", "Package.swift"])
    blas = sh(["readlink", "-f", "/usr/lib/x86_64-linux-gnu/libblas.so.3"]) or "?"
    blas = "OpenBLAS" if "openblas" in blas else ("reference BLAS (libblas3)" if blas.endswith(".so.3") or "blas/" in blas else blas)
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
        "ncpu": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
        "swift": sh([os.path.join(a.swift_bin, "swift"), "--version"]).splitlines()[0] if os.path.exists(os.path.join(a.swift_bin, "swift")) else "?",
        "demarche_rev": rev + ("+uncommitted-changes" if dirty else ""),
        "demarche_binary": a.demarche, "blas": blas, "loadavg_start": os.getloadavg(),
        "mem_total_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


# ----------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="training sizes (comma list)")
    ap.add_argument("--reps", type=int, default=3, help="alternating rounds per size (medians over them)")
    ap.add_argument("--with-1m", action="store_true", help="also 1,000,000 training rows")
    ap.add_argument("--reps-1m", type=int, default=1, help="rounds at 1M (default 1)")
    ap.add_argument("--peers", default="tfidf,sk-lbfgs,sk-saga,vw", help="peers.py peers at the --sizes")
    ap.add_argument("--peers-1m", default="tfidf,vw", help="peers.py peers at 1M (sk-lbfgs/sk-saga take many minutes)")
    ap.add_argument("--test-rows", type=int, default=200000, help="test rows (seed 2), the same for every size (issue 18: 200,000)")
    ap.add_argument("--no-eval-predictions", action="store_true",
                    help="time `demarche eval` without --predictions (the measure before issue 18)")
    ap.add_argument("--sentences-per-article", type=int, default=20)
    ap.add_argument("--train-args", default="--folds 0 --c 1", help="extra `demarche train` arguments")
    ap.add_argument("--core-too", action="store_true",
                    help="also train and evaluate with only n-grams + the target mark (what the peers get) at every size below 1M")
    ap.add_argument("--build", action="store_true", help="swift build -c release --static-swift-stdlib --scratch-path .build-bench first (as Scripts/install.sh builds)")
    ap.add_argument("--demarche", default=os.path.join(ROOT, ".build-bench", "release", "demarche"))
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv", "bin", "python"), help="python with numpy/sklearn/vowpalwabbit")
    ap.add_argument("--swift-bin", default="/opt/swift/usr/bin")
    ap.add_argument("--workdir", default=os.path.join(HERE, "work"), help="corpora, models, scratch (git-ignored)")
    ap.add_argument("--timeout", type=int, default=7200, help="per demarche process, seconds")
    ap.add_argument("--peer-timeout", type=int, default=3600, help="per peers.py worker, seconds")
    ap.add_argument("--latency-runs", type=int, default=30)
    ap.add_argument("--example-copies", type=int, default=2000)
    ap.add_argument("--no-latency", action="store_true")
    ap.add_argument("--no-peers", action="store_true", help="demarche only (quick check)")
    ap.add_argument("--tag", default="", help="suffix of the results file name")
    a = ap.parse_args()

    os.makedirs(a.workdir, exist_ok=True)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    if a.build:
        env = dict(os.environ, PATH=a.swift_bin + ":" + os.environ.get("PATH", ""))
        subprocess.run(["swift", "build", "-c", "release", "--product", "demarche", "--static-swift-stdlib", "--scratch-path", ".build-bench"], cwd=ROOT, env=env, check=True)
    if not os.access(a.demarche, os.X_OK):
        sys.exit("no demarche binary at %s (use --build or --demarche PATH)" % a.demarche)
    if not os.path.exists(a.python):
        sys.exit("no peer python at %s: see Benchmarks/README.md (python3 -m venv .venv ...)" % a.python)

    sizes = [int(x) for x in a.sizes.split(",") if x]
    if a.with_1m and 1000000 not in sizes:
        sizes.append(1000000)
    t_all = time.perf_counter()
    env = env_info(a)
    test_path = ensure_corpus(a.python, a.test_rows, 2, os.path.join(a.workdir, "test-%d.jsonl" % a.test_rows))
    n_test = count_lines(test_path)
    articles = ensure_articles(test_path, a.sentences_per_article, os.path.join(a.workdir, "articles-%d.jsonl" % a.sentences_per_article))

    doc = {"date": env["date"], "env": env, "command": " ".join(["python3", "Benchmarks/run.py"] + sys.argv[1:]),
           "train_args": a.train_args, "n_test": n_test, "eval_predictions": not a.no_eval_predictions, "reps": {}, "sentences_per_article": a.sentences_per_article,
           "articles_file_mb": os.path.getsize(articles) / 1e6, "sizes": {}, "raw": {}}

    for n in sizes:
        train_path = ensure_corpus(a.python, n, 1, os.path.join(a.workdir, "train-%d.jsonl" % n))
        reps = a.reps_1m if n >= 1000000 else a.reps
        peers = (a.peers_1m if n >= 1000000 else a.peers).split(",")
        if any(p.startswith("sk-") or p.startswith("ll-") for p in peers) and "tfidf" not in peers:
            peers = ["tfidf"] + peers
        d_rounds, p_rounds = [], []
        log("== N=%d: %d round(s); peers %s" % (n, reps, "none" if a.no_peers else ",".join(peers)))
        for rep in range(1, reps + 1):
            order = ["demarche", "peers"] if rep % 2 == 1 else ["peers", "demarche"]
            for what in order:
                if what == "demarche":
                    d_rounds.append(demarche_round(a, n, train_path, test_path, n_test, articles, rep))
                elif not a.no_peers:
                    p_rounds.append(peers_round(a, n, train_path, test_path, rep, peers))
        doc["reps"][str(n)] = reps
        doc["sizes"][str(n)] = summarize_size(n, d_rounds, p_rounds)
        doc["raw"][str(n)] = {"demarche": d_rounds, "peers": [{"env": p["env"], "summary": p["summary"]} for p in p_rounds]}
        with open(os.path.join(a.workdir, "partial.json"), "w") as f:
            json.dump(doc, f, indent=1)

    if not a.no_latency:
        log("== default-model latency")
        doc["latency"], doc["example_articles"] = latency(a)
    env["loadavg_end"] = os.getloadavg()
    env["bench_wall_s"] = time.perf_counter() - t_all
    doc["targets"] = targets(doc)
    text = render(doc)
    print(text)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = os.path.join(HERE, "results", "bench-%s%s" % (stamp, ("-" + a.tag) if a.tag else ""))
    with open(base + ".json", "w") as f:
        json.dump(doc, f, indent=1)
    with open(base + ".md", "w") as f:
        f.write("```\n$ %s\n```\n\n%s\n" % (doc["command"], text))
    for ext in (".json", ".md"):
        shutil.copyfile(base + ext, os.path.join(HERE, "results", "latest" + ext))
    print("wrote %s.json and .md (and results/latest.*)" % os.path.relpath(base, ROOT))


if __name__ == "__main__":
    main()
