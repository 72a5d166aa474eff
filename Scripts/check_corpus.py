#!/usr/bin/env python3
"""Checks labeled corpus files: JSON Lines rows {"text","target","label"}.

    python3 Scripts/check_corpus.py TrainingData/corpus/*.jsonl

Reports, per file and in total: rows, distinct sentences, label shares, and every problem
(bad JSON, missing keys, unknown label, target not a substring of text, duplicate row,
same (text, target) with two labels; a `source` that is not a string, sits on a neutral row, or is
neither "none" nor a name, id or alias of TrainingData/parties.tsv; "" counts as absent). Exit 1 when any problem is found.
"""
import json, sys, collections, os

LABELS = {"hostile", "conciliatory", "neutral"}

# --- optional "source" field (issue 14): "none" or a party's name, id or alias in the gazetteer ---
def load_party_names():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TrainingData", "parties.tsv")
    names = {"none"}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 4 or cols[0] == "id" or cols[1] == "nonparty":
                continue
            names.update([cols[0], cols[2]] + [a for a in cols[3].split("|") if a])
    return names
PARTY_NAMES = load_party_names()

def source_problem(row):
    if "source" not in row:
        return None
    src = row["source"]
    if not isinstance(src, str):
        return f"source must be a string, got {src!r}"
    if src == "":
        return None  # empty = unknown, like an absent field
    if row["label"] not in ("hostile", "conciliatory"):
        return f"source {src!r} on a {row['label']} row (only hostile or conciliatory rows carry one)"
    if src not in PARTY_NAMES:
        return f"source {src!r} is neither 'none' nor a name, id or alias in TrainingData/parties.tsv"
    return None
# --- end of source check ---

problems = 0
total = collections.Counter(); sentences_all = set(); seen_all = {}
for path in sys.argv[1:]:
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
            problem = source_problem(row)
            if problem:
                print(f"{path}:{n}: {problem}"); problems += 1
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
