#!/usr/bin/env python3
"""Accuracy on real articles: rows (demarche eval) and per-party verdicts (demarche score).

    python3 Scripts/articles_eval.py [--model FILE] [--bin .build/release/demarche]
                                     [--articles ../shared/eval/articles-dev] [--table] [--quiet]

Rows: `demarche eval` on every *.gold.jsonl row of the articles set (text + target → label),
on each ../shared/eval/dev-*.jsonl set and on the seed article's gold rows: macro-F1, per-class
F1, neutral recall, ECE. Verdicts: `demarche score --format json` on each article's .txt, each
party of its *.parties.json matched by canonical name (the tool's party names and the gazetteer's
aliases mapped onto the reader's names, as ../shared/tools/article_verdicts.py does), the tool's
`overall` against the reader's `stance`. --table prints the per-party table (tool vs reader).
"""
import argparse, json, os, subprocess, sys, tempfile, glob

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--model"); ap.add_argument("--bin", default=os.path.join(root, ".build/release/demarche"))
ap.add_argument("--articles", default=os.path.join(root, "..", "shared", "eval", "articles-dev"))
ap.add_argument("--table", action="store_true"); ap.add_argument("--quiet", action="store_true")
ap.add_argument("--json", help="write all numbers to this file")
a = ap.parse_args()
base = [a.bin]
def run(args):
    cmd = base + args + (["--model", a.model] if a.model else [])
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

# Historical and alternative names (as the reference scorer maps them).
ALIAS = {"European Community": ["European Community", "European Communities", "European Economic Community", "European Union"],
         "Soviet Union": ["Soviet Union", "Union of Soviet Socialist Republics", "USSR", "Russia"],
         "GATT": ["General Agreement on Tariffs and Trade", "GATT", "World Trade Organization"]}
canon = {}
for l in open(os.path.join(root, "TrainingData", "parties.tsv"), encoding="utf-8"):
    c = l.rstrip("\n").split("\t")
    if l.startswith("#") or len(c) < 4 or c[0] == "id": continue
    for x in [c[2]] + [y for y in c[3].split("|") if y]: canon.setdefault(x, c[2])

out = {"rows": {}, "verdicts": {}}
def rows_report(name, paths):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for p in paths:
            for line in open(p, encoding="utf-8"):
                if line.strip(): f.write(line if line.endswith("\n") else line + "\n")
        tmp = f.name
    try:
        r = run(["eval", "--data", tmp, "--format", "json"])
    finally:
        os.unlink(tmp)
    per = r["perClass"]
    rec = {"rows": r["rows"], "accuracy": r["accuracy"], "macroF1": r["macroF1"],
           "f1": {k: v["f1"] for k, v in per.items()}, "neutralRecall": per["neutral"]["recall"],
           "right": round(r["accuracy"] * r["rows"]), "ece": r.get("calibration", {}).get("ece")}
    out["rows"][name] = rec
    return rec

sets = [("articles-dev", sorted(glob.glob(os.path.join(a.articles, "*.gold.jsonl"))))]
for p in sorted(glob.glob(os.path.join(a.articles, "..", "dev-*.jsonl"))):
    sets.append((os.path.basename(p)[:-6], [p]))
seed = os.path.join(root, "..", "shared", "examples", "korea-2022.gold.jsonl")
if os.path.exists(seed): sets.append(("seed gold", [seed]))
if not a.quiet:
    print("| data | rows | accuracy | macro-F1 | F1 hostile | F1 conciliatory | F1 neutral | neutral recall | ECE |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, paths in sets:
    r = rows_report(name, paths)
    ece = "%.3f" % r["ece"] if r["ece"] is not None else "-"
    line = f"| {name} | {r['rows']} | {r['accuracy']:.3f} ({r['right']}) | **{r['macroF1']:.3f}** | {r['f1']['hostile']:.3f} | {r['f1']['conciliatory']:.3f} | {r['f1']['neutral']:.3f} | {r['neutralRecall']:.3f} | {ece} |"
    print(line if not a.quiet else f"{name}: macro-F1 {r['macroF1']:.3f} neutral-recall {r['neutralRecall']:.3f} right {r['right']}/{r['rows']}")

def rule(h, c, n):
    t = h + c + n
    if t == 0 or (h + c) * 3 < t: return "neutral"
    if h >= 2 * c: return "hostile"
    if c >= 2 * h: return "conciliatory"
    return "mixed"
table = []; tot = found = right = rule_right = 0
for f in sorted(glob.glob(os.path.join(a.articles, "*.parties.json"))):
    slug = os.path.basename(f)[:-len(".parties.json")]
    gold = json.load(open(f, encoding="utf-8"))
    score = run(["score", "--format", "json", os.path.join(a.articles, slug + ".txt")])
    tool = {p["name"]: p for p in score["parties"]}
    for g in gold:
        tot += 1
        names = ALIAS.get(g["party"], [g["party"]]); names = names + [canon[n] for n in names if n in canon]
        p = next((tool[n] for n in names if n in tool), None)
        if p is None:
            table.append((slug, g["party"], g["stance"], "MISSING", "-", "")); continue
        found += 1
        r = rule(p["hostileSentences"], p["conciliatorySentences"], p["neutralSentences"])
        right += p["overall"] == g["stance"]; rule_right += r == g["stance"]
        table.append((slug, g["party"], g["stance"], p["overall"], r,
                       f"{p['hostileSentences']}/{p['conciliatorySentences']}/{p['neutralSentences']} of gold {g['hostile']}/{g['conciliatory']}/{g['neutral']}"))
out["verdicts"] = {"parties": tot, "found": found, "right": right, "rightByLabelCounts": rule_right}
if a.table:
    print("\n| article | party | reader | tool | tool's labels by the rule | H/C/N tool vs reader |")
    print("| --- | --- | --- | --- | --- | --- |")
    for t in table:
        mark = "✓" if t[2] == t[3] else "✗"
        print(f"| {t[0]} | {t[1]} | {t[2]} | {t[3]} {mark} | {t[4]} | {t[5]} |")
print(f"\nverdicts: {tot} parties; found {found}; overall right {right}/{tot}; the rule on the tool's label counts {rule_right}/{tot}")
if a.json: json.dump(out, open(a.json, "w"), indent=1)
