#!/usr/bin/env python3
"""benches/fts_engines.py — issue 14: field-standard full-text engines over the bodies of a
`juan gen` archive, to weigh juan's own n-gram body index against.

    python3 benches/fts_engines.py [ARCHIVE] [--limit N] [--engines sqlite,tantivy]
                                   [--work DIR] [--runs 5] [--no-truth]

ARCHIVE defaults to /tmp/juan-bench/gen-1m.jsonl (`juan gen 1000000 -o ...`). Each JSON line is
decoded and only its "body" is indexed (plus "date", to list the newest hits). The terms are
benches/body_terms.txt (20 terms of 1–8 characters). Engines, built under --work (default
/tmp/juan-bench/fts; never in the repo):

  sqlite   SQLite FTS5 with the `trigram` tokenizer (case-insensitive; needs SQLite ≥ 3.34).
           Terms of ≥ 3 characters: `body MATCH '"T"'` (exact substring through the trigram
           index). Terms of 1–2 characters have no trigram: `body LIKE '%T%'`, which FTS5
           answers by scanning every stored body (reported as such).
           Size: the index proper (the FTS5 shadow tables `_data` + `_idx`, measured with
           dbstat) and the whole file, which also holds a copy of every body (`_content`).
  tantivy  tantivy (the official Python binding) with one token per character and positions
           (regex tokenizer `(?s).`, lowercased); a term is a phrase query of its characters
           (one character: a term query), i.e. an exact substring. The binding's n-gram
           tokenizer gives every gram position 0, so phrase queries over bigrams cannot work
           with it: unigrams + positions is the standard exact set-up that it allows.
           Bodies are not stored; the date is a fast field.

Each query is "how many articles match" plus "the 50 newest of them" (by date). Queries run
warm: one untimed run, then --runs timed runs per term; p50/p99 are over all timed runs, and
each term's median is printed with its count. Build time is the engine's own time (JSON
decoding is timed apart and left out); MB/s is of body text (UTF-8 bytes). --no-truth skips
the brute-force count (Python `in`, case-insensitive for Latin terms) that checks the engines.
Run it with `nice` on the shared machine; one engine at a time.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 10_000


def read_terms(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def batches(archive, limit):
    """Yields (decode seconds, [(rowid, date, body)]) batches of at most BATCH records."""
    batch, rowid, spent = [], 0, 0.0
    with open(archive, "rb") as f:
        for line in f:
            if limit is not None and rowid >= limit:
                break
            start = time.perf_counter()
            record = json.loads(line)
            body = record.get("body") or ""
            date = record.get("date") or ""
            spent += time.perf_counter() - start
            rowid += 1
            batch.append((rowid, date, body))
            if len(batch) == BATCH:
                yield spent, batch
                batch, spent = [], 0.0
    if batch:
        yield spent, batch


def date_key(date):
    """'2012-05-21 11:21' -> 201205211121, a sortable integer (0 when unparsable)."""
    digits = "".join(c for c in date if c.isdigit())[:12]
    return int(digits.ljust(12, "0")) if digits else 0


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def percentile(values, q):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[k]


class Sqlite:
    name = "sqlite-fts5-trigram"

    def __init__(self, work):
        self.path = os.path.join(work, "fts5.db")

    def version(self):
        return f"SQLite {sqlite3.sqlite_version}"

    def create(self):
        if os.path.exists(self.path):
            os.remove(self.path)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-262144")  # 256 MB
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, date UNINDEXED, tokenize='trigram')"
        )
        self.db.execute("BEGIN")

    def add(self, batch):
        self.db.executemany(
            "INSERT INTO docs(rowid, body, date) VALUES (?, ?, ?)",
            ((rowid, body, date) for rowid, date, body in batch),
        )

    def finish(self):
        self.db.execute("COMMIT")
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")

    def open(self):
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA cache_size=-262144")
        self.db.execute("PRAGMA mmap_size=8589934592")

    def sizes(self):
        """(index bytes, whole file bytes): the index is the FTS5 b-tree and its directory."""
        rows = dict(
            self.db.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name"
            ).fetchall()
        )
        index = rows.get("docs_data", 0) + rows.get("docs_idx", 0)
        return index, os.path.getsize(self.path)

    def how(self, term):
        return "MATCH" if len(term) >= 3 else "LIKE scan"

    def query(self, term):
        if len(term) >= 3:
            where, arg = "docs MATCH ?", '"' + term.replace('"', '""') + '"'
        else:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where, arg = "body LIKE ? ESCAPE '\\'", "%" + escaped + "%"
        count = self.db.execute(f"SELECT count(*) FROM docs WHERE {where}", (arg,)).fetchone()[0]
        newest = self.db.execute(
            f"SELECT rowid FROM docs WHERE {where} ORDER BY date DESC LIMIT 50", (arg,)
        ).fetchall()
        return count, [r[0] for r in newest]


class Tantivy:
    name = "tantivy-unigram-positions"

    def __init__(self, work):
        self.path = os.path.join(work, "tantivy")

    def version(self):
        import tantivy

        return f"tantivy-py {getattr(tantivy, '__version__', '?')}"

    def _schema(self):
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", stored=False, tokenizer_name="char1", index_option="position")
        builder.add_integer_field("date", stored=False, indexed=False, fast=True)
        return builder.build()

    def _index(self):
        import tantivy

        self.schema = self._schema()
        index = tantivy.Index(self.schema, path=self.path)
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"(?s)."))
            .filter(tantivy.Filter.lowercase())
            .build()
        )
        index.register_tokenizer("char1", analyzer)
        return index

    def create(self):
        import tantivy

        shutil.rmtree(self.path, ignore_errors=True)
        os.makedirs(self.path)
        self.index = self._index()
        self.writer = self.index.writer(heap_size=512_000_000, num_threads=2)
        self.Document = tantivy.Document

    def add(self, batch):
        for rowid, date, body in batch:
            self.writer.add_document(self.Document(body=body, date=date_key(date)))

    def finish(self):
        self.writer.commit()
        self.writer.wait_merging_threads()

    def open(self):
        self.index = self._index()
        self.index.reload()
        self.searcher = self.index.searcher()

    def sizes(self):
        size = dir_bytes(self.path)
        return size, size

    def how(self, term):
        return "term" if len(term) == 1 else "phrase"

    def query(self, term):
        import tantivy

        chars = list(term.lower())
        if len(chars) == 1:
            q = tantivy.Query.term_query(self.schema, "body", chars[0])
        else:
            q = tantivy.Query.phrase_query(self.schema, "body", chars)
        result = self.searcher.search(
            q, limit=50, count=True, order_by_field="date", order=tantivy.Order.Desc
        )
        return result.count, [address for _, address in result.hits]


ENGINES = {"sqlite": Sqlite, "tantivy": Tantivy}


def truth_counts(archive, limit, terms):
    """Articles whose body contains each term (Latin terms compared lowercased, as the engines do)."""
    counts = {t: 0 for t in terms}
    folded = {t: t.lower() for t in terms}
    body_bytes = articles = 0
    for _, batch in batches(archive, limit):
        for _, _, body in batch:
            articles += 1
            body_bytes += len(body.encode("utf-8"))
            lowered = None
            for t in terms:
                if t.isascii() or any(c.isascii() and c.isalpha() for c in t):
                    if lowered is None:
                        lowered = body.lower()
                    hit = folded[t] in lowered
                else:
                    hit = t in body
                if hit:
                    counts[t] += 1
    return counts, body_bytes, articles


def build(engine, archive, limit):
    engine.create()
    engine_s = decode_s = 0.0
    body_bytes = articles = 0
    wall = time.perf_counter()
    for spent, batch in batches(archive, limit):
        decode_s += spent
        body_bytes += sum(len(b.encode("utf-8")) for _, _, b in batch)
        articles += len(batch)
        start = time.perf_counter()
        engine.add(batch)
        engine_s += time.perf_counter() - start
        if articles % 100_000 == 0:
            print(f"  {engine.name}: {articles} articles, {engine_s:.1f} s", file=sys.stderr, flush=True)
    start = time.perf_counter()
    engine.finish()
    finish_s = time.perf_counter() - start
    engine_s += finish_s
    return {
        "articles": articles,
        "body_bytes": body_bytes,
        "engine_s": engine_s,
        "finish_s": finish_s,
        "decode_s": decode_s,
        "wall_s": time.perf_counter() - wall,
    }


def measure(engine, terms, runs):
    engine.open()
    rows, all_ms = [], []
    for term in terms:
        count, _ = engine.query(term)  # untimed warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            c, newest = engine.query(term)
            times.append((time.perf_counter() - start) * 1000)
            assert c == count
        all_ms += times
        rows.append((term, engine.how(term), count, len(newest), statistics.median(times)))
    return rows, all_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", default="/tmp/juan-bench/gen-1m.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="index only the first N articles")
    parser.add_argument("--engines", default="sqlite,tantivy")
    parser.add_argument("--work", default="/tmp/juan-bench/fts")
    parser.add_argument("--terms", default=os.path.join(HERE, "body_terms.txt"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-truth", action="store_true")
    parser.add_argument("--query-only", action="store_true", help="reuse the indexes in --work")
    args = parser.parse_args()
    if sqlite3.sqlite_version_info < (3, 34, 0):
        sys.exit(f"SQLite {sqlite3.sqlite_version} has no trigram tokenizer (needs 3.34)")
    os.makedirs(args.work, exist_ok=True)
    terms = read_terms(args.terms)
    print(f"archive {args.archive}, limit {args.limit or 'none'}, {len(terms)} terms, {args.runs} runs each")

    truth = None
    if not args.no_truth:
        start = time.perf_counter()
        truth, body_bytes, articles = truth_counts(args.archive, args.limit, terms)
        print(
            f"brute force: {articles} articles, {body_bytes} body bytes ({body_bytes / 1e6:.1f} MB), "
            f"{time.perf_counter() - start:.1f} s"
        )

    for key in args.engines.split(","):
        engine = ENGINES[key](args.work)
        print(f"\n== {engine.name} ({engine.version()})")
        if not args.query_only:
            b = build(engine, args.archive, args.limit)
            mb = b["body_bytes"] / 1e6
            print(
                f"build: {b['articles']} articles, {mb:.1f} MB of body text; engine {b['engine_s']:.1f} s "
                f"({mb / b['engine_s']:.1f} MB/s; final commit/merge {b['finish_s']:.1f} s), "
                f"JSON decoding apart {b['decode_s']:.1f} s, wall {b['wall_s']:.1f} s"
            )
        rows, all_ms = measure(engine, terms, args.runs)
        index, whole = engine.sizes()
        if args.query_only:
            print(f"size: index {index / 1e6:.1f} MB, on disk {whole / 1e6:.1f} MB")
        else:
            print(
                f"size: index {index / 1e6:.1f} MB ({index / b['body_bytes']:.2f}x body bytes), "
                f"on disk {whole / 1e6:.1f} MB ({whole / b['body_bytes']:.2f}x)"
            )
        print(f"query p50 {percentile(all_ms, 50):.1f} ms, p99 {percentile(all_ms, 99):.1f} ms "
              f"(over {len(all_ms)} timed queries: count + 50 newest)")
        print(f"{'term':<12} {'how':<9} {'count':>8} {'truth':>8} {'median_ms':>10}")
        for term, how, count, shown, median in rows:
            expected = truth[term] if truth else "-"
            flag = "" if truth is None or truth[term] == count else "  MISMATCH"
            print(f"{term:<12} {how:<9} {count:>8} {expected!s:>8} {median:>10.1f}{flag}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
