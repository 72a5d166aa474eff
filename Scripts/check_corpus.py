#!/usr/bin/env python3
"""Checks labeled corpus files: JSON Lines rows {"text","target","label"} with an optional "source".

    python3 Scripts/check_corpus.py TrainingData/corpus/*.jsonl
    python3 Scripts/check_corpus.py --parties other/parties.tsv FILE...

Reports, per file and in total: rows, distinct sentences, label shares, and every problem
(bad JSON, missing keys, unknown label, target not a substring of text, duplicate row,
same (text, target) with two labels, a bad "source"). Exit 1 when any problem is found.

"source" (the holder of the attitude, LABELING.md rule 9) may be absent or "" on any row; when it
is non-empty it must be a string on a hostile or conciliatory row and be "none" or a party's id,
name or alias in the gazetteer (TrainingData/parties.tsv unless --parties names another).
"""
import json, os, sys, collections

args = sys.argv[1:]
parties_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TrainingData", "parties.tsv")
if len(args) >= 2 and args[0] == "--parties":
    parties_path, args = args[1], args[2:]
known_sources = {"none"}
try:
    with open(parties_path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 4 or cols[0] == "id" or cols[1] == "nonparty":
                continue
            known_sources.update([cols[0], cols[2]] + [a for a in cols[3].split("|") if a])
except OSError as e:
    print(f"{parties_path}: cannot read the gazetteer: {e.strerror}"); sys.exit(1)

LABELS = {"hostile", "conciliatory", "neutral"}


problems = 0
total = collections.Counter(); sentences_all = set(); seen_all = {}
for path in args:
    counts = collections.Counter(); sentences = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path}:{n}: not JSON: {e}"); problems += 1; continue
            if not isinstance(row, dict) or not {"text", "target", "label"} <= row.keys():
                print(f"{path}:{n}: expected keys text, target, label"); problems += 1; continue
            text, target, label = row["text"], row["target"], row["label"]
            if label not in LABELS:
                print(f"{path}:{n}: unknown label {label!r}"); problems += 1
            if not target or target not in text:
                print(f"{path}:{n}: target {target!r} is not in the text"); problems += 1
            if "source" in row and row["source"] not in ("", None):
                source = row["source"]
                if not isinstance(source, str):
                    print(f"{path}:{n}: source must be a string, not {source!r}"); problems += 1
                elif label not in ("hostile", "conciliatory"):
                    print(f"{path}:{n}: source {source!r} on a {label} row (only hostile or conciliatory rows name a source)"); problems += 1
                elif source not in known_sources:
                    print(f"{path}:{n}: source {source!r} is neither 'none' nor a party of {os.path.basename(parties_path)}"); problems += 1
            key = (text, target)
            if key in seen_all:
                prev = seen_all[key]
                kind = "duplicate row" if prev[2] == label else f"conflicting labels ({prev[2]} vs {label})"
                print(f"{path}:{n}: {kind}, first at {prev[0]}:{prev[1]}"); problems += 1
            else:
                seen_all[key] = (path, n, label)
            counts[label] += 1; sentences.add(text); sentences_all.add(text)
    rows = sum(counts.values()); total.update(counts)
    share = " ".join(f"{l}={counts[l]} ({counts[l]/max(rows,1):.0%})" for l in sorted(LABELS))
    print(f"{path}: {rows} rows, {len(sentences)} sentences, {share}")
rows = sum(total.values())
print(f"TOTAL: {rows} rows, {len(sentences_all)} sentences, " + " ".join(f"{l}={total[l]} ({total[l]/max(rows,1):.0%})" for l in sorted(LABELS)))
print(f"problems: {problems}")
sys.exit(1 if problems else 0)
