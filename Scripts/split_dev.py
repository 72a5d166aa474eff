#!/usr/bin/env python3
"""Fixes the corpus's dev split: every row whose sentence hashes into bucket 0 of 10 goes to
TrainingData/dev/<file>, the rest to TrainingData/corpus/<file>.

    python3 Scripts/split_dev.py

The split is by sentence (all rows of one sentence land on the same side), by a hash of the text
(MD5, so it never changes when rows are added), and idempotent: run it after adding rows.
"""
import hashlib, json, os, collections

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TrainingData")
train_dir, dev_dir = os.path.join(root, "corpus"), os.path.join(root, "dev")
os.makedirs(dev_dir, exist_ok=True)
names = sorted({f for d in (train_dir, dev_dir) for f in os.listdir(d) if f.endswith(".jsonl")})
for name in names:
    lines = []
    for d in (train_dir, dev_dir):
        p = os.path.join(d, name)
        if os.path.exists(p):
            lines += [l for l in open(p, encoding="utf-8") if l.strip()]
    sides = collections.defaultdict(list)
    for line in lines:
        text = json.loads(line)["text"]
        bucket = int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 10
        sides["dev" if bucket == 0 else "train"].append(line if line.endswith("\n") else line + "\n")
    for side, d in (("train", train_dir), ("dev", dev_dir)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.writelines(sides[side])
    print(f"{name}: {len(sides['train'])} train rows, {len(sides['dev'])} dev rows")
