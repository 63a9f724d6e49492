#!/usr/bin/env python3
"""Latency of the story-event reads (issue 15) on a large store, through the HTTP API of a real `attache serve`.

  1. writes ARTICLES generated articles as JSON Lines (store_bench.py's generator: dev-corpus article i % 25 under a
     distinct id, its date moved by i // 25 days, a paragraph dropped from the second round on) and loads them with
     `attache ingest` (resumable: a store that already holds them is reused, e.g. with --workdir);
  2. picks the entity with the most story events (the heaviest relations and timeline) and its first counterpart;
  3. measures p50/p99 of GET /v1/entities/{id}/relations, of its timeline filtered by type and a one-year window,
     of its timeline with `with=` the counterpart, and of the dyad GET /v1/relations?a=&b=.

Results are printed as one JSON line on stdout; progress goes to stderr.

  python3 scripts/bench/story_latency.py --binary .build/release/attache                       # SQLite in a temp dir
  scripts/ci/with-postgres.sh sh -c 'python3 scripts/bench/story_latency.py --binary .build/release/attache \\
      --database "$ATTACHE_TEST_POSTGRES_URL" --backend postgres'

Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import store_bench as sb  # noqa: E402  (the generator, server runner, client and percentiles)

# Reads per measurement after WARMUP unmeasured ones (page cache, statement caches).
WARMUP = 20


def write_articles(path, corpus, count, prefix):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            f.write(json.dumps(sb.article(corpus, i, prefix), ensure_ascii=False) + "\n")


def ingest(binary, jsonl, database):
    """Loads the articles with `attache ingest` (articles already stored are skipped by id); returns seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHE_")}
    t0 = time.perf_counter()
    subprocess.run([binary, "ingest", jsonl, "--database", database], check=True, env=env, stdout=sys.stderr)
    return time.perf_counter() - t0


def heaviest_entity(database):
    """The entity in the most story events, its story-event count, and the counterpart it shares most with."""
    top = sb.run_sql(database, None, """
        SELECT entity_id, count(*) FROM story_participants GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1
        """)
    entity, stories = top[0][0], int(top[0][1])
    other = sb.run_sql(database, None, f"""
        SELECT q.entity_id FROM story_participants p JOIN story_participants q ON q.story_id = p.story_id
        WHERE p.entity_id = '{entity}' AND q.entity_id <> p.entity_id
        GROUP BY q.entity_id ORDER BY count(*) DESC, q.entity_id LIMIT 1
        """)
    return entity, stories, other[0][0]


def measure(client, path, n):
    sb.timed(client, path, WARMUP)
    return dict(path=path, **sb.summary(sb.timed(client, path, n)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(sb.ROOT, ".build/release/attache"))
    p.add_argument("--corpus", default=os.path.join(sb.ROOT, "..", "shared/corpus/dev.jsonl"))
    p.add_argument("--database", help="store URL (default: a SQLite file in the work directory)")
    p.add_argument("--backend", default="sqlite", help="label for the output")
    p.add_argument("--articles", type=int, default=100000, help="store size (default 100000)")
    p.add_argument("--requests", type=int, default=300, help="measured requests per query (default 300)")
    p.add_argument("--type", default="consult", help="event type of the filtered timeline (default consult)")
    p.add_argument("--workdir", help="keep the articles file and the SQLite store here (reused when rerun)")
    args = p.parse_args()
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"no executable {args.binary}; run swift build -c release --product attache")
    workdir = args.workdir or tempfile.mkdtemp(prefix="attache-story-latency-")
    os.makedirs(workdir, exist_ok=True)
    database = args.database or "sqlite:" + os.path.join(workdir, "stories.sqlite")

    jsonl = os.path.join(workdir, f"articles-{args.articles}.jsonl")
    if not os.path.exists(jsonl):
        write_articles(jsonl, sb.load_corpus(args.corpus), args.articles, "story")
    sb.log(f"ingesting {args.articles} articles into {args.backend}")
    seconds = ingest(args.binary, jsonl, database)
    entity, stories, other = heaviest_entity(database)
    sb.log(f"entity {entity}: {stories} story events; counterpart {other}")

    server = sb.Server(args.binary, database, os.path.join(workdir, "serve.log"))
    try:
        c = sb.Client(server.port)
        status, body = c.request("GET", "/v1/entities/" + entity)
        detail = json.loads(body)
        year = (int((detail.get("firstSeen") or "2000")[:4]) + int((detail.get("lastSeen") or "2000")[:4])) // 2
        base = "/v1/entities/" + quote(entity)
        sb.wait_for_quiet()
        load_before = sb.loadavg()
        results = dict(
            relations=measure(c, base + "/relations", args.requests),
            timeline_type_year=measure(c, f"{base}/timeline?type={args.type}&from={year}&to={year}", args.requests),
            timeline_with=measure(c, f"{base}/timeline?with={quote(other)}", args.requests),
            dyad=measure(c, f"/v1/relations?a={quote(entity)}&b={quote(other)}", args.requests),
        )
        sb.emit(bench="story-latency", backend=args.backend, articles=args.articles, ingest_seconds=round(seconds, 1),
                entity=entity, entity_story_events=stories, counterpart=other, load_before=load_before,
                load_after=sb.loadavg(), **results)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
