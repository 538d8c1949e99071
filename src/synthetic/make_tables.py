#!/usr/bin/env python3
"""Derives the generator's frequency tables from real Chinese news (run once; output committed).

Usage: python3 src/synthetic/make_tables.py tests/fixtures/corpus

Reads THUCNews titles (`thucnews-titles-20k.tsv`) and the Sohu bodies of the Sogou sample
(`sogou-sohusite-200.dat`), counts CJK characters and character n-grams, and writes:
- `src/synthetic/chars.tsv`: `CHAR<TAB>TITLE_COUNT<TAB>BODY_COUNT`, the 2,500 most common characters;
- `src/synthetic/words.tsv`: `WORD<TAB>TITLE_COUNT<TAB>BODY_COUNT`, the 3,000 most common 2- and 3-character n-grams
  (a cheap stand-in for a word list: frequent n-grams of news text are mostly words).
"""
import collections
import os
import re
import sys

CJK = re.compile(r"[\u4e00-\u9fff]+")


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/corpus"
    out_dir = os.path.dirname(os.path.abspath(__file__))
    titles = []
    with open(os.path.join(corpus, "thucnews-titles-20k.tsv"), encoding="utf-8") as f:
        for line in f:
            titles.append(line.split("\t")[0])
    with open(os.path.join(corpus, "sogou-sohusite-200.dat"), encoding="utf-8", errors="replace") as f:
        bodies = re.findall(r"<content>(.*?)</content>", f.read(), re.S)

    def count(texts):
        chars, grams = collections.Counter(), collections.Counter()
        for text in texts:
            for run in CJK.findall(text):
                chars.update(run)
                for n in (2, 3):
                    grams.update(run[i : i + n] for i in range(len(run) - n + 1))
        return chars, grams

    title_chars, title_grams = count(titles)
    body_chars, body_grams = count(bodies)
    # Rank by the sum of each text kind's relative frequency, so neither kind dominates.
    def share(counter):
        total = sum(counter.values()) or 1
        return lambda k: counter[k] / total

    t, b = share(title_chars), share(body_chars)
    ranked = sorted(set(title_chars) | set(body_chars), key=lambda c: (-(t(c) + b(c)), c))
    top = ranked[:2500]
    with open(os.path.join(out_dir, "chars.tsv"), "w", encoding="utf-8") as f:
        for c in top:
            f.write(f"{c}\t{title_chars[c]}\t{body_chars[c]}\n")

    keep = set(top)
    words = []
    for grams, minimum in ((title_grams, 8), (body_grams, 8)):
        for g, n in grams.items():
            if n >= minimum and all(c in keep for c in g):
                words.append(g)
    words = sorted(set(words), key=lambda g: (-(title_grams[g] + body_grams[g]), g))[:3000]
    with open(os.path.join(out_dir, "words.tsv"), "w", encoding="utf-8") as f:
        for g in words:
            f.write(f"{g}\t{title_grams[g]}\t{body_grams[g]}\n")
    print(f"{len(top)} chars, {len(words)} words; {len(titles)} titles, {len(bodies)} bodies")


if __name__ == "__main__":
    main()
