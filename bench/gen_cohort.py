#!/usr/bin/env python3
"""Generate a synthetic cohort of ECS7013P scripts for the marking benchmark.

Each script recombines real sample answers (from the sample scripts, as split by
`automark segment --json`): for every leaf part of the questions it attempts,
an answer written by some sample candidate, under one of several label styles,
padded with sentences from other candidates' answers to the same part until the
script is 1,000 to 2,500 words long. Deterministic for a given seed.

usage: gen_cohort.py SEGMENT_JSON OUT_DIR COUNT [--seed N]
"""
import json
import os
import random
import sys


def label(style, leaf):
    q, *rest = leaf.split(".")
    if style == 0:
        return f"{leaf}"
    if style == 1:
        return f"Q{q}" + "".join(f"({p})" for p in rest)
    if style == 2:
        return f"**Question {q}** " + " ".join(f"({p})" for p in rest)
    return f"{q}" + "".join(f"({p})" for p in rest)


def main():
    args = sys.argv[1:]
    seed = 7
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    seg_path, out_dir, count = args[0], args[1], int(args[2])
    with open(seg_path, encoding="utf-8") as f:
        data = json.load(f)
    scripts = data if isinstance(data, list) else data.get("scripts", [data])
    answers = {}
    for s in scripts:
        for pid, p in s.get("parts", {}).items():
            if isinstance(p, list):
                p = p[0]
            text = (p.get("text") or "").strip()
            if text:
                answers.setdefault(pid, []).append(text)
    leaves = sorted(answers, key=lambda x: [int(t) if t.isdigit() else t for t in x.split(".")])
    questions = sorted({l.split(".")[0] for l in leaves}, key=int)
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    for n in range(count):
        target = rng.randint(1000, 2500)
        qs = sorted(rng.sample(questions, min(4, len(questions))), key=int)
        style = rng.randrange(4)
        body = {l: rng.choice(answers[l]) for l in leaves if l.split(".")[0] in qs}
        words = sum(len(t.split()) for t in body.values())
        # Pad with sentences from other candidates' answers to the same part.
        keys = list(body)
        guard = 0
        while words < target and keys and guard < 10000:
            guard += 1
            l = rng.choice(keys)
            extra = rng.choice(answers[l]).split(". ")
            sentence = rng.choice(extra).strip()
            if not sentence:
                continue
            body[l] += " " + sentence + ("" if sentence.endswith(".") else ".")
            words += len(sentence.split())
        lines = [f"Student ID: B{n:06d}", ""]
        last_q = None
        for l in leaves:
            if l not in body:
                continue
            q = l.split(".")[0]
            if style == 3 and q != last_q:
                lines.append(f"Question {q}")
            last_q = q
            lines.append(label(style if style != 3 else 1, l))
            lines.append(body[l])
            lines.append("")
        with open(os.path.join(out_dir, f"B{n:06d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main()
