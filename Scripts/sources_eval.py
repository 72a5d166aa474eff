#!/usr/bin/env python3
"""Source accuracy on real articles (issue 14), two ways, per article and overall.

    python3 Scripts/sources_eval.py [--model FILE] [--bin .build/release/demarche]
                                    [--articles ../shared/eval/articles-dev]

eval: `demarche eval --format json` on each *.gold.jsonl (single sentences, the gold label; rows
that carry a source and a non-neutral label): the model, the baseline (first other party named in
the sentence, else none), the rows whose source is in the sentence or none, and the rows whose
source is named only in an earlier sentence (the rows' ids `<slug>-NN` make them one article, so
eval reads each row with the article's earlier sentences).
score: `demarche score --format json` on each article's .txt (whole article: context, the
predicted label): each gold row with a source and a non-neutral label is matched to the tool's
sentence (same text) and party (same canonical name); the row counts when the tool gave that pair
a source (it labeled it hostile or conciliatory); `found` is how many rows matched such a pair.
"""
import argparse, glob, json, os, subprocess

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--model"); ap.add_argument("--bin", default=os.path.join(root, ".build/release/demarche"))
ap.add_argument("--articles", default=os.path.join(root, "..", "shared", "eval", "articles-dev"))
a = ap.parse_args()


def run(args):
    cmd = [a.bin] + args + (["--model", a.model] if a.model else [])
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


# Canonical names from the gazetteer: name and every alias map to the name.
canon = {}
for l in open(os.path.join(root, "TrainingData", "parties.tsv"), encoding="utf-8"):
    c = l.rstrip("\n").split("\t")
    if l.startswith("#") or len(c) < 4 or c[0] == "id": continue
    for x in [c[2]] + [y for y in c[3].split("|") if y]: canon.setdefault(x, c[2])

def norm(s):
    return " ".join(s.split())

tot = {"eval": [0, 0, 0, 0, 0], "score": [0, 0, 0]}
print(f"{'article':45} {'rows':>4} {'eval':>6} {'base':>6} {'in-sent':>9} {'earlier':>9} | {'found':>5} {'score':>6}")
for gold_path in sorted(glob.glob(os.path.join(a.articles, "*.gold.jsonl"))):
    slug = os.path.basename(gold_path)[:-len(".gold.jsonl")]
    rows = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    rows = [r for r in rows if r.get("source") and r["label"] != "neutral"]
    s = run(["eval", "--format", "json", "--data", gold_path]).get("source") or {"rows": 0, "accuracy": 0, "baselineAccuracy": 0, "inSentenceRows": 0, "inSentenceAccuracy": 0}
    e = tot["eval"]
    e[0] += s["rows"]; e[1] += round(s["accuracy"] * s["rows"]); e[2] += round(s["baselineAccuracy"] * s["rows"])
    e[3] += s["inSentenceRows"]; e[4] += round(s["inSentenceAccuracy"] * s["inSentenceRows"])
    score = run(["score", "--format", "json", os.path.join(a.articles, slug + ".txt")])
    by_text = {}
    for sen in score["sentences"]:
        by_text.setdefault(norm(sen["sentence"]["text"]), []).append(sen)
    found = right = 0
    for r in rows:
        want = "none" if r["source"] == "none" else canon.get(r["source"], r["source"])
        for sen in by_text.get(norm(r["text"]), []):
            for p in sen["parties"]:
                if "source" not in p: continue
                names = {canon.get(m["surface"], m["surface"]) for m in p["mentions"]}
                party_name = canon.get(r["party"], r["party"])
                if party_name not in names and not any(canon.get(x) == party_name for x in names):
                    # Match the rolled-up party by id through the tool's summary names.
                    summary = {q["partyID"]: q["name"] for q in score["parties"]}
                    if summary.get(p["partyID"]) != party_name: continue
                got = p["source"]["name"] or "none"
                found += 1; right += got == want
                break
            else:
                continue
            break
    t = tot["score"]; t[0] += len(rows); t[1] += found; t[2] += right
    acc = f"{right / found:.3f}" if found else "  -  "
    er = s["rows"] - s["inSentenceRows"]
    ea = (round(s["accuracy"] * s["rows"]) - round(s["inSentenceAccuracy"] * s["inSentenceRows"])) / er if er else 0
    print(f"{slug:45} {s['rows']:4d} {s['accuracy']:6.3f} {s['baselineAccuracy']:6.3f} {s['inSentenceAccuracy']:5.3f}/{s['inSentenceRows']:<3d} {ea:5.3f}/{er:<3d} | {found:5d} {acc:>6}")
e, t = tot["eval"], tot["score"]
er = e[0] - e[3]
print(f"{'all':45} {e[0]:4d} {e[1] / e[0]:6.3f} {e[2] / e[0]:6.3f} {e[4] / max(1, e[3]):5.3f}/{e[3]:<3d} {(e[1] - e[4]) / max(1, er):5.3f}/{er:<3d} | {t[1]:5d} {t[2] / max(1, t[1]):6.3f}")
