#!/usr/bin/env python3
"""Flat memory over a day of world news: `demarche score --format jsonl` on a stream of articles.

Generates N synthetic news-like articles (standard library only, text made up here: sentences
from templates over party names of the repository's gazetteer, verbs of the stance lexicon's kind,
numbers, and many distinct long words - hyphenated compounds and URLs that are new in every
article, the tokens a process-wide string store would keep forever), pipes them as JSON Lines
through `demarche score --format jsonl -` (standard input: read, scored and written one article at
a time), and samples the process's resident memory (VmRSS in /proc/PID/status) every second.

Reports the RSS after warm-up and at the end, the peak, articles/s (wall), and articles per
CPU-second of the demarche process (user + system time from /proc/PID/stat), which is the rate of
one core: articles/hour per core = that x 3600.

    python3 Benchmarks/stream.py --articles 1000000 --binary .build/release/demarche
    python3 Benchmarks/stream.py --seconds 600            # as many articles as fit in 10 minutes

The generator runs in this process (one thread writing stdin, one reading stdout), so on a busy
machine it competes with demarche for a core; the per-core rate uses demarche's own CPU time.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SYLLABLES = ["ka", "lo", "mer", "dan", "vi", "sto", "rin", "pa", "tel", "gor", "shu", "ven", "ol", "bra", "qui",
             "zel", "mon", "tra", "ex", "sa", "dor", "fi", "lu", "nak", "por", "re", "ut", "wim", "yas", "cen"]
VERBS_HOSTILE = ["condemned", "accused", "threatened", "warned", "denounced", "sanctioned", "attacked",
                 "rejected the demands of", "expelled diplomats of", "blamed"]
VERBS_CONCILIATORY = ["thanked", "welcomed", "praised", "signed an agreement with", "pledged support for",
                      "agreed to cooperate with", "congratulated", "offered aid to", "reached a deal with"]
VERBS_NEUTRAL = ["met", "held talks with", "visited", "spoke with", "hosted", "called", "received a delegation of",
                 "discussed trade with"]
TOPICS = ["trade", "border security", "energy prices", "the ceasefire", "fishing rights", "grain exports",
          "the election", "the summit", "a water dispute", "the refugee crisis", "nuclear talks", "tariffs"]
FILLER = ["Officials said", "Analysts noted that", "According to the ministry,", "State media reported that",
          "In a statement,", "Diplomats said", "Earlier this week,", "On Monday,", "Late on Friday,"]
TAILS = ["on {topic}.", "over {topic} on {day}.", "after a dispute over {topic}.", "in a statement on {topic}.",
         "ahead of talks on {topic}.", "and called for {word} measures.", "citing {word} concerns, {url} said.",
         "during a visit to {place}.", "saying the {word} plan would cost {num} million dollars."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def party_names(path):
    """Names and first aliases of the gazetteer's states and organisations."""
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[0] == "id":
                continue
            if cols[1] in ("state", "organization", "organisation", "group", "alliance"):
                names.append(cols[2])
                names.extend(a for a in cols[3].split("|")[:2] if a and a != cols[2])
    return names or ["China", "Japan", "Russia", "Ukraine", "France", "Germany", "Brazil", "India"]


class Generator:
    """Deterministic article stream; every article has new long words.

    Sentences are drawn from a pool made once (templates over the gazetteer's names), each with
    slots for long words; an article picks ~20 of them and fills every slot with a compound that
    no article before had (a base-30 counter spelt in syllables), so the stream's vocabulary of
    long words grows without end while generating stays cheap (the generator must outrun demarche).
    Pool sentences are JSON-escaped once, so an article's line is assembled without json.dumps.
    """

    POOL = 4000

    def __init__(self, seed, parties):
        self.rng = random.Random(seed)
        self.parties = parties
        self.counter = 0
        r = self.rng
        self.pool = []
        for _ in range(self.POOL):
            a, b = r.sample(parties, 2)
            verb = r.choice(r.choice([VERBS_HOSTILE, VERBS_CONCILIATORY, VERBS_NEUTRAL]))
            tail = r.choice(TAILS).format(topic=r.choice(TOPICS), day=r.choice(DAYS), word="\x00",
                                          url=f"https://news{r.randrange(1000)}.example.org/\x01",
                                          place=r.choice(parties), num=r.randrange(1, 900))
            lead = r.choice(FILLER) + " " if r.random() < 0.4 else ""
            s = f"{lead}{a} {verb} {b} {tail}"
            s = s[0].upper() + s[1:]
            if "\x00" not in s and "\x01" not in s:
                s += " The \x00 group did not comment."
            self.pool.append(json.dumps(s, ensure_ascii=False)[1:-1].split("\\u0000"))
        self.headlines = [json.dumps(f"{r.choice(parties)} and {r.choice(parties)} in \x00 row over {r.choice(TOPICS)}",
                                     ensure_ascii=False)[1:-1] for _ in range(200)]
        self.suffixes = ["minded", "backed", "oriented", "style", "linked"]
        self.heads = ["".join(r.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(300)]

    def long_word(self):
        # A compound never seen before (longer than 16 bytes): syllables + a base-30 counter.
        self.counter += 1
        n, tag = self.counter, []
        while n:
            n, r = divmod(n, 30)
            tag.append(SYLLABLES[r])
        return f"{self.heads[self.counter % 300]}-{''.join(tag)}-{self.suffixes[self.counter % 5]}"

    def fill(self, parts):
        out = [parts[0]]
        for part in parts[1:]:
            out.append(self.long_word())
            out.append(part)
        text = "".join(out)
        if "\\u0001" in text:
            text = text.replace("\\u0001", self.long_word().lower())
        return text

    def article_line(self, k):
        r = self.rng
        n = r.randint(16, 24)
        picks = r.choices(self.pool, k=n)
        paragraphs, i = [], 0
        while i < n:
            m = r.randint(2, 4)
            paragraphs.append(" ".join(self.fill(p) for p in picks[i:i + m]))
            i += m
        headline = self.fill(r.choice(self.headlines).split("\\u0000"))
        return f'{{"id": "a{k}", "text": "{headline}\\n\\n' + "\\n\\n".join(paragraphs) + '"}\n'


def read_status(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1_000_000, help="articles to stream (default 1,000,000)")
    p.add_argument("--seconds", type=float, default=0, help="stop generating after this many seconds (0: no limit)")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/release/demarche"))
    p.add_argument("--model", help="--model for demarche (default: the bundled model)")
    p.add_argument("--parties", default=os.path.join(ROOT, "TrainingData/parties.tsv"), help="names to draw from")
    p.add_argument("--warmup", type=float, default=0.05, help="fraction of the run counted as warm-up (default 0.05)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", help="also write the summary as JSON to this file")
    p.add_argument("--save-input", help="write the generated articles to this JSON Lines file instead of running")
    args = p.parse_args()

    gen = Generator(args.seed, party_names(args.parties))
    if args.save_input:
        with open(args.save_input, "w", encoding="utf-8") as f:
            for k in range(args.articles):
                f.write(gen.article_line(k))
        return 0

    cmd = [args.binary, "score", "--format", "jsonl", "--input", "jsonl", "-"]
    if args.model:
        cmd[2:2] = ["--model", args.model]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 16)
    start = time.monotonic()
    state = {"written": 0, "read": 0, "bytes_in": 0, "bad": 0, "error": None}

    def writer():
        try:
            for k in range(args.articles):
                if args.seconds and time.monotonic() - start > args.seconds:
                    break
                line = gen.article_line(k).encode()
                proc.stdin.write(line)
                state["written"] += 1
                state["bytes_in"] += len(line)
            proc.stdin.close()
        except BrokenPipeError as e:
            state["error"] = f"demarche closed its input: {e}"

    def reader():
        for line in proc.stdout:
            n = state["read"]
            if n % 1000 == 0:  # spot-check the output: one JSON object per article, in order
                try:
                    if json.loads(line).get("id") != f"a{n}":
                        state["bad"] += 1
                except ValueError:
                    state["bad"] += 1
            state["read"] = n + 1

    tw, tr = threading.Thread(target=writer), threading.Thread(target=reader)
    tw.start()
    tr.start()
    samples = []  # (seconds, articles out, rss MB, cpu s)
    while proc.poll() is None:
        rss, cpu = read_status(proc.pid), cpu_seconds(proc.pid)
        if rss is not None:
            samples.append((time.monotonic() - start, state["read"], rss, cpu))
            if len(samples) % 30 == 0:
                t, n, m, c = samples[-1]
                print(f"  {t:7.0f} s  {n:9,d} articles  RSS {m:7.1f} MB  cpu {c:7.1f} s", file=sys.stderr, flush=True)
        time.sleep(1)
    tw.join()
    tr.join()
    wall = time.monotonic() - start
    if proc.returncode != 0 or state["error"] or state["read"] != state["written"] or not samples:
        print(f"demarche failed: status {proc.returncode}, {state['written']} articles in, {state['read']} out, "
              f"{state['error'] or ''}", file=sys.stderr)
        return 1
    # The last sample with CPU time is the end of the run (the process is gone after it).
    cpu = max((s[3] for s in samples if s[3] is not None), default=None)
    n = state["read"]
    warm = [s for s in samples if s[1] >= args.warmup * n] or samples
    rss_warm, rss_end, rss_peak = warm[0][2], samples[-1][2], max(s[2] for s in samples)
    # RSS growth per 100k articles after warm-up (least squares over the samples).
    xs, ys = [s[1] for s in warm], [s[2] for s in warm]
    slope = 0.0
    if len(xs) > 2 and max(xs) > min(xs):
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs) * 100_000
    summary = {
        "binary": args.binary, "articles": n, "input_mb": round(state["bytes_in"] / 1e6, 1),
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1) if cpu else None,
        "articles_per_s": round(n / wall, 1),
        "articles_per_cpu_s": round(n / cpu, 1) if cpu else None,
        "articles_per_hour_per_core": round(n / cpu * 3600) if cpu else None,
        "rss_after_warmup_mb": round(rss_warm, 1), "rss_end_mb": round(rss_end, 1), "rss_peak_mb": round(rss_peak, 1),
        "rss_growth_mb_per_100k_articles": round(slope, 2),
        "warmup_articles": warm[0][1], "spot_check_failures": state["bad"],
        "load_average": os.getloadavg(),
    }
    print(f"{n:,} articles ({summary['input_mb']} MB) in {wall:.0f} s: {n / wall:,.0f} articles/s wall"
          + (f", {n / cpu:,.0f} per CPU-second of demarche = {n / cpu * 3600:,.0f} articles/hour per core" if cpu else ""))
    print(f"RSS after warm-up ({warm[0][1]:,} articles) {rss_warm:.1f} MB, at the end {rss_end:.1f} MB, "
          f"peak {rss_peak:.1f} MB; growth {slope:+.2f} MB per 100k articles after warm-up")
    if state["bad"]:
        print(f"{state['bad']} spot-checked output lines were not the expected article", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
    return 0 if not state["bad"] else 1


if __name__ == "__main__":
    sys.exit(main())
