#!/usr/bin/env python3
"""Store benchmarks of issue 5, through the HTTP API of a real `attache serve` (run by scripts/bench/store-bench.sh).

  ingest    throughput (articles/s) of POST /v1/articles with N concurrent keep-alive clients on a fresh store
  timeline  builds a store of S articles with POST /v1/articles:batch (batches of 500, C concurrent batch clients),
            picks the entity whose event count is closest to 10,000 and measures GET /v1/entities/{id}/timeline
            latency p50/p99: first page, random deep pages (keyset cursors collected by walking the whole timeline),
            and a one-year from/to window

Articles are generated from the dev corpus (shared/corpus/dev.jsonl) like the Swift reliability tests do: article i
is corpus article i % 25 under a distinct id, its publication date moved by i // 25 days (and months), and from the
second round on without one of its paragraphs, so analyses vary. Results are printed as JSON lines (one per
measurement) on stdout; progress goes to stderr.

Standard library only (http.client, threads, sqlite3, subprocess).
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- articles

def load_corpus(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows.sort(key=lambda r: r["id"])
    return rows


def article(corpus, i, prefix):
    a = corpus[i % len(corpus)]
    rnd = i // len(corpus)
    text = a["text"]
    if rnd > 0:
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 2:
            del paragraphs[1 + (rnd - 1) % (len(paragraphs) - 1)]
            text = "\n\n".join(paragraphs)
    date = a.get("publishedAt") or a.get("published")
    if date and len(date) >= 10:
        year, month, day = int(date[0:4]), int(date[5:7]), int(date[8:10])
        day = (day - 1 + rnd) % 28 + 1
        month = (month - 1 + rnd // 28) % 12 + 1
        date = f"{year:04d}-{month:02d}-{day:02d}" + date[10:]
    out = {"id": f"{prefix}-{i}-{a['id']}", "text": text}
    if a.get("title"):
        out["title"] = a["title"]
    if date:
        out["publishedAt"] = date
    if a.get("source"):
        out["source"] = a["source"]
    return out


# ---------------------------------------------------------------- server

class Server:
    """`attache serve` on 127.0.0.1, port chosen by the kernel (--port 0) and read from its log."""

    def __init__(self, binary, database, logpath, workers=None):
        args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--database", database]
        if workers:
            args += ["--workers", str(workers)]
        env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHE_")}
        self.log = open(logpath, "ab")
        self.logpath = logpath
        start = self.log.tell()
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        deadline = time.time() + 60
        self.port = None
        while self.port is None:
            with open(logpath, "rb") as f:
                f.seek(start)
                for line in f.read().decode("utf-8", "replace").splitlines():
                    m = re.search(r" port=(\d+).*attache listening", line)
                    if m:
                        self.port = int(m.group(1))
            if self.port is None:
                if self.proc.poll() is not None:
                    raise SystemExit(f"attache serve exited: see {logpath}")
                if time.time() > deadline:
                    self.proc.kill()
                    raise SystemExit(f"attache serve did not start: see {logpath}")
                time.sleep(0.05)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Client:
    def __init__(self, port, timeout=600):
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed while idle: reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                if attempt == 1:
                    raise


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def emit(**fields):
    print(json.dumps(fields), flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_for_quiet():
    """Waits until the 1-minute load is below MAX_LOAD (default 1.0) or LOAD_WAIT seconds (default 1800) passed:
    generating a store loads the machine, and its load average decays slowly."""
    limit = float(os.environ.get("MAX_LOAD", "1.0"))
    deadline = time.time() + float(os.environ.get("LOAD_WAIT", "1800"))
    while loadavg() >= limit and time.time() < deadline:
        time.sleep(10)
    log(f"load {loadavg()} before measuring")


# ---------------------------------------------------------------- ingest

def bench_ingest(args, corpus):
    with tempfile.TemporaryDirectory(prefix="attache-bench-") as tmp:
        database = args.database or "sqlite:" + os.path.join(tmp, "bench.sqlite")
        # --processes N: N servers on one database (PostgreSQL), client t talking to server t % N.
        servers = [Server(args.binary, database, os.path.join(tmp, f"serve-{n}.log")) for n in range(args.processes)]
        try:
            # Warm-up outside the measurement (first connections, statement caches).
            for n, server in enumerate(servers):
                warm = Client(server.port)
                for i in range(25):
                    status, _ = warm.request("POST", "/v1/articles", json.dumps(article(corpus, i, f"warm{n}")).encode())
                    assert status == 201, status
            bodies = [json.dumps(article(corpus, i, f"ingest{os.getpid()}")).encode() for i in range(args.articles)]
            latencies = [[] for _ in range(args.clients)]
            failures = []
            load_before = loadavg()
            barrier = threading.Barrier(args.clients + 1)

            def worker(t):
                c = Client(servers[t % len(servers)].port)
                barrier.wait()
                for i in range(t, len(bodies), args.clients):
                    t0 = time.perf_counter()
                    status, body = c.request("POST", "/v1/articles", bodies[i])
                    latencies[t].append(time.perf_counter() - t0)
                    if status != 201:
                        failures.append((status, body[:200]))

            threads = [threading.Thread(target=worker, args=(t,)) for t in range(args.clients)]
            for th in threads:
                th.start()
            barrier.wait()
            t0 = time.perf_counter()
            for th in threads:
                th.join()
            elapsed = time.perf_counter() - t0
            if failures:
                raise SystemExit(f"{len(failures)} failed ingests, e.g. {failures[:3]}")
            all_lat = [x for l in latencies for x in l]
            emit(bench="ingest", backend=args.backend, clients=args.clients, processes=args.processes, articles=args.articles,
                 seconds=round(elapsed, 2), articles_per_s=round(args.articles / elapsed, 1),
                 articles_per_s_per_process=round(args.articles / elapsed / args.processes, 1),
                 latency_p50_ms=round(percentile(all_lat, 50) * 1000, 1),
                 latency_p99_ms=round(percentile(all_lat, 99) * 1000, 1),
                 load_before=load_before, load_after=loadavg())
        finally:
            for server in servers:
                server.stop()


# ---------------------------------------------------------------- timeline

def generate(server, corpus, total, batch, clients, prefix):
    """Ingests articles 0..<total through the batch endpoint; returns seconds."""
    next_batch = [0]
    lock = threading.Lock()
    failures = []
    done = [0]

    def worker():
        c = Client(server.port)
        while True:
            with lock:
                start = next_batch[0]
                next_batch[0] += batch
            if start >= total:
                return
            items = [article(corpus, i, prefix) for i in range(start, min(total, start + batch))]
            status, body = c.request("POST", "/v1/articles:batch", json.dumps({"articles": items}).encode())
            if status != 200:
                failures.append((status, body[:300]))
                return
            report = json.loads(body)
            if report.get("failed"):
                failures.append(("items failed", report["failed"]))
            with lock:
                done[0] += len(items)
                if done[0] % 10000 < batch:
                    log(f"generated {done[0]} / {total}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if failures:
        raise SystemExit(f"generation failed: {failures[:3]}")
    return time.perf_counter() - t0


def run_sql(database, script, query=None):
    """Runs `script` (statements separated by ';') against the store, then returns the rows of `query`."""
    if database.startswith("sqlite:"):
        db = sqlite3.connect(database[len("sqlite:"):], timeout=60)
        try:
            if script:
                db.executescript(script)
                db.commit()
            return [tuple(r) for r in db.execute(query)] if query else []
        finally:
            db.close()
    if script:
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", database, "-c", script], check=True, capture_output=True)
    if not query:
        return []
    out = subprocess.run(["psql", "-At", "-F", "\t", database, "-c", query], check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines()]


# The analyzer of this snapshot extracts no events, so a timeline "with 10,000 events" cannot come from analyses
# alone. This adds one `consult` event to each of `n` stored articles of entity E, with E as source and the
# article's first other entity (by id) as target, written exactly as StoreOperations.insertRows writes an analysed
# event: an `events` row, its `event_participants`, and an `event` timeline item for each participant. The
# articles' stored analysis JSON is left as it was (reads of the timeline never look at it).
INJECT_SQL = """
CREATE TEMP TABLE bench_ev AS
  SELECT ae.article_id AS aid,
         (SELECT min(o.entity_id) FROM article_entities o WHERE o.article_id = ae.article_id AND o.entity_id <> '{e}') AS other,
         coalesce(ae.first_sentence, '') AS sentence, a.published_at AS pub
  FROM article_entities ae JOIN articles a ON a.id = ae.article_id
  WHERE ae.entity_id = '{e}' ORDER BY ae.article_id LIMIT {n};
INSERT INTO events (article_id, event_id, type, event_date, date_sort, date_text, date_source, trigger_text, trigger_start,
                    sentence, sentence_text, location_id, status, negated)
  SELECT aid, 'bench-1', 'consult', pub, coalesce(pub, '~'), NULL, 'published', 'met', 0, 0, sentence, NULL, 'reported', 0
  FROM bench_ev;
INSERT INTO event_participants (article_id, event_id, ord, entity_id, role, name)
  SELECT aid, 'bench-1', 0, '{e}', 'source', (SELECT name FROM entities WHERE id = '{e}') FROM bench_ev;
INSERT INTO event_participants (article_id, event_id, ord, entity_id, role, name)
  SELECT b.aid, 'bench-1', 1, b.other, 'target', x.name FROM bench_ev b JOIN entities x ON x.id = b.other;
INSERT INTO timeline_items (entity_id, article_id, ord, date_sort, pos, kind, type_key, item_date, event_id, event_type,
                            trigger_text, role, sentence, mention_text, mention_count)
  SELECT '{e}', aid, 'e:bench-1', coalesce(pub, '~'), 0, 'event', 'consult', pub, 'bench-1', 'consult', 'met', 'source',
         sentence, NULL, NULL FROM bench_ev;
INSERT INTO timeline_items (entity_id, article_id, ord, date_sort, pos, kind, type_key, item_date, event_id, event_type,
                            trigger_text, role, sentence, mention_text, mention_count)
  SELECT other, aid, 'e:bench-1', coalesce(pub, '~'), 0, 'event', 'consult', pub, 'bench-1', 'consult', 'met', 'target',
         sentence, NULL, NULL FROM bench_ev WHERE other IS NOT NULL;
DROP TABLE bench_ev;
"""


def inject_events(database, target):
    """Picks the entity in the fewest articles that still has >= target of them (else the one in most articles) and,
    unless it already has event items, gives `target` of its articles one event each. Returns (entity, seconds)."""
    rows = [(e, int(n)) for e, n in run_sql(database, None, "SELECT id, article_count FROM entities")]
    enough = [r for r in rows if r[1] >= target]
    entity = min(enough, key=lambda r: (r[1], r[0]))[0] if enough else max(rows, key=lambda r: (r[1], r[0]))[0]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", entity), entity
    have = int(run_sql(database, None, f"SELECT count(*) FROM timeline_items WHERE entity_id = '{entity}' AND kind = 'event'")[0][0])
    if have:
        return entity, 0.0
    t0 = time.perf_counter()
    run_sql(database, INJECT_SQL.format(e=entity, n=target))
    return entity, time.perf_counter() - t0


COPY_TABLES = ["articles", "entities", "entity_aliases", "entity_roles", "article_entities", "mentions", "events",
               "event_participants", "timeline_items"]


def csv_field(v):
    """PostgreSQL CSV: NULL is an unquoted empty field, strings are quoted (so '' stays an empty string), BLOBs are
    bytea hex."""
    if v is None:
        return ""
    if isinstance(v, bytes):
        return '"\\x' + v.hex() + '"'
    if isinstance(v, str):
        return '"' + v.replace('"', '""') + '"'
    return str(v)


def copy_sqlite_to_postgres(sqlite_path, database):
    """Copies every store table of a SQLite store into an empty PostgreSQL store whose schema the server has just
    migrated (COPY ... FROM STDIN, CSV). Both schemas have the same tables and columns. Returns seconds."""
    import io
    t0 = time.perf_counter()
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        for table in COPY_TABLES:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            copy = f"COPY {table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)"
            proc = subprocess.Popen(["psql", "-q", "-v", "ON_ERROR_STOP=1", database, "-c", copy], stdin=subprocess.PIPE)
            out = io.TextIOWrapper(proc.stdin, encoding="utf-8", newline="")
            n = 0
            for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                out.write(",".join(csv_field(v) for v in row) + "\n")
                n += 1
            out.close()
            if proc.wait() != 0:
                raise SystemExit(f"COPY {table} failed")
            log(f"copied {n} rows of {table}")
        run_sql(database, "ANALYZE")
    finally:
        src.close()
    return time.perf_counter() - t0


def event_counts(database):
    """(entity id, event items, all items) for every entity, from the store's timeline_items table."""
    sql = ("SELECT entity_id, sum(CASE WHEN kind = 'event' THEN 1 ELSE 0 END), count(*) "
           "FROM timeline_items GROUP BY entity_id")
    if database.startswith("sqlite:"):
        db = sqlite3.connect(f"file:{database[len('sqlite:'):]}?mode=ro", uri=True)
        try:
            return [(r[0], int(r[1]), int(r[2])) for r in db.execute(sql)]
        finally:
            db.close()
    out = subprocess.run(["psql", "-At", "-F", "\t", database, "-c", sql], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        e, n, m = line.split("\t")
        rows.append((e, int(n), int(m)))
    return rows


def timed(client, path, n, expect=200):
    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        status, body = client.request("GET", path)
        lat.append(time.perf_counter() - t0)
        if status != expect:
            raise SystemExit(f"GET {path}: {status} {body[:200]}")
    return lat


def summary(lat):
    return dict(requests=len(lat), p50_ms=round(percentile(lat, 50) * 1000, 2), p99_ms=round(percentile(lat, 99) * 1000, 2),
                mean_ms=round(statistics.mean(lat) * 1000, 2))


def bench_generate(args, corpus):
    """Batch-ingest rate alone: --store-articles articles into a fresh store, as the timeline store is generated."""
    with tempfile.TemporaryDirectory(prefix="attache-bench-") as tmp:
        database = args.database or "sqlite:" + os.path.join(tmp, "generate.sqlite")
        server = Server(args.binary, database, os.path.join(tmp, "serve.log"))
        try:
            load_before = loadavg()
            seconds = generate(server, corpus, args.store_articles, args.batch, args.batch_clients, "sample")
            emit(bench="generate", backend=args.backend, articles=args.store_articles, batch=args.batch,
                 batch_clients=args.batch_clients, seconds=round(seconds, 1),
                 articles_per_s=round(args.store_articles / seconds, 1), load_before=load_before, load_after=loadavg())
        finally:
            server.stop()


def bench_timeline(args, corpus):
    workdir = args.workdir or tempfile.mkdtemp(prefix="attache-bench-")
    os.makedirs(workdir, exist_ok=True)
    database = args.database or "sqlite:" + os.path.join(workdir, "timeline.sqlite")
    server = Server(args.binary, database, os.path.join(workdir, "serve-timeline.log"))
    try:
        c = Client(server.port)
        status, body = c.request("GET", "/metrics")
        have = 0
        m = re.search(rb"^attache_articles_stored (\d+)", body, re.M)
        if m:
            have = int(m.group(1))
        if have == 0 and args.copy_from:
            log(f"copying the store {args.copy_from} into {args.backend}")
            seconds = copy_sqlite_to_postgres(args.copy_from, database)
            status, body = c.request("GET", "/metrics")
            have = int(re.search(rb"^attache_articles_stored (\d+)", body, re.M).group(1))
            emit(bench="copy", backend=args.backend, source=args.copy_from, articles=have, seconds=round(seconds, 1))
        if have < args.store_articles:
            log(f"store has {have} articles; generating up to {args.store_articles}")
            load_before = loadavg()
            seconds = generate(server, corpus, args.store_articles, args.batch, args.batch_clients, "store")
            emit(bench="generate", backend=args.backend, articles=args.store_articles, batch=args.batch,
                 batch_clients=args.batch_clients, seconds=round(seconds, 1),
                 articles_per_s=round((args.store_articles - have) / seconds, 1), load_before=load_before, load_after=loadavg(),
                 note="already stored ids answer 200 without analysis" if have else "")
        if args.inject_events:
            injected, seconds = inject_events(database, args.target_events)
            log(f"events for {injected}: {'already there' if not seconds else f'added in {seconds:.1f} s'}")
        counts = event_counts(database)
        entity, events, items = min(counts, key=lambda r: (abs(r[1] - args.target_events), r[0]))
        log(f"entity {entity}: {events} event items, {items} timeline items")
        path = "/v1/entities/" + entity + "/timeline"
        wait_for_quiet()
        load_before = loadavg()

        warm = timed(c, path, 20)
        first = timed(c, path, args.requests)  # default limit 50
        first500 = timed(c, path + "?limit=500", max(50, args.requests // 5))

        # Walk the whole timeline (limit 50), keeping each page's cursor.
        cursors, walk = [], []
        cursor = None
        walked = 0
        while True:
            p = path + ("?cursor=" + cursor if cursor else "")
            t0 = time.perf_counter()
            status, body = c.request("GET", p)
            walk.append(time.perf_counter() - t0)
            page = json.loads(body)
            walked += len(page["items"])
            cursor = page.get("nextCursor")
            if not cursor:
                break
            cursors.append(cursor)
        rnd = random.Random(5)
        deep = []
        for _ in range(args.requests):
            cur = rnd.choice(cursors)
            deep += timed(c, path + "?cursor=" + cur, 1)
        # A one-year window in the middle of the entity's range.
        status, body = c.request("GET", "/v1/entities/" + entity)
        detail = json.loads(body)
        first_year = int((detail.get("firstSeen") or "2000")[:4])
        last_year = int((detail.get("lastSeen") or "2020")[:4])
        year = (first_year + last_year) // 2
        window = timed(c, f"{path}?from={year}&to={year}", args.requests)
        events_only = timed(c, path + "?types=" + ",".join(sorted(args.event_types)), args.requests) if args.event_types else []

        result = dict(bench="timeline", backend=args.backend, store_articles=args.store_articles, entity=entity,
                      event_items=events, timeline_items=items, walked_items=walked,
                      first_page_limit50=summary(first), first_page_limit500=summary(first500),
                      full_walk_pages_limit50=summary(walk), random_deep_page_limit50=summary(deep),
                      one_year_window=dict(year=year, **summary(window)),
                      load_before=load_before, load_after=loadavg())
        if events_only:
            result["events_only_limit50"] = summary(events_only)
        emit(**result)
    finally:
        server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bench", choices=["ingest", "generate", "timeline"])
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/release/attache"))
    p.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared/corpus/dev.jsonl"))
    p.add_argument("--database", help="store URL (default: a SQLite file in a temporary directory)")
    p.add_argument("--backend", default="sqlite", help="label for the output")
    p.add_argument("--clients", type=int, default=8, help="ingest: concurrent clients (default 8)")
    p.add_argument("--articles", type=int, default=2000, help="ingest: articles to send (default 2000)")
    p.add_argument("--processes", type=int, default=1,
                   help="ingest: attache serve processes on the one database, clients spread over them (default 1)")
    p.add_argument("--store-articles", type=int, default=100000, help="timeline: store size (default 100000)")
    p.add_argument("--batch", type=int, default=500, help="timeline: articles per batch request (default 500)")
    p.add_argument("--batch-clients", type=int, default=2, help="timeline: concurrent batch clients (default 2)")
    p.add_argument("--target-events", type=int, default=10000, help="timeline: wanted event items of the entity")
    p.add_argument("--requests", type=int, default=500, help="timeline: requests per measurement (default 500)")
    p.add_argument("--event-types", default="", help="timeline: comma-separated types for an events-only measurement")
    p.add_argument("--inject-events", action=argparse.BooleanOptionalAction, default=True,
                   help="timeline: add --target-events synthetic events by SQL (default on; the analyzer extracts none yet)")
    p.add_argument("--copy-from", help="timeline: fill an empty PostgreSQL store by copying this SQLite store file")
    p.add_argument("--workdir", help="timeline: keep the store here (reused if it already has enough articles)")
    args = p.parse_args()
    args.event_types = [t for t in args.event_types.split(",") if t]
    corpus = load_corpus(args.corpus)
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"no executable {args.binary}; run swift build -c release --product attache")
    if args.bench == "ingest":
        bench_ingest(args, corpus)
    elif args.bench == "generate":
        bench_generate(args, corpus)
    else:
        bench_timeline(args, corpus)


if __name__ == "__main__":
    main()
