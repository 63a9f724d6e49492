#!/usr/bin/env python3
"""Soak driver for `attache serve` (standard library only), run by scripts/ci/soak.sh.

Drives moderate load from a few threads, each with its own keep-alive http.client connection,
mixing valid requests (health, analyze, ingest, article, entity search, timeline) with invalid
ones (bad JSON, wrong method, unknown path, oversized, bad UTF-8, bad content type). Samples the
server's RSS from /proc/<pid>/status every few seconds.

Fails (exit 1) when the server dies, when a valid request gets an unexpected status (or no
answer), when an invalid request gets a 5xx, or when the RSS at the end exceeds the RSS after
warm-up by more than --rss-tolerance (default 10%). Prints a summary either way.
"""
import argparse
import collections
import http.client
import json
import os
import random
import sys
import threading
import time

ARTICLES = [
    "MOSCOW (AFP) - U.S. Secretary of State John Kerry met Russian President Vladimir Putin in the Kremlin on "
    "Tuesday to narrow differences over Syria ahead of talks in New York on Friday. Foreign Minister Sergei "
    "Lavrov said Russia and the United States agreed on the need to fight the Islamic State group.",
    "GENEVA - UN envoy Staffan de Mistura opened talks between the Syrian government and the opposition on "
    "Monday, a day after Iran's Foreign Minister Mohammad Javad Zarif met his Saudi counterpart in Riyadh. "
    "The European Union and NATO welcomed the meeting.",
    "BEIJING - Chinese President Xi Jinping received Indian Prime Minister Narendra Modi in Wuhan last week "
    "for an informal summit. The two leaders agreed to strengthen communication between their armies along "
    "the border, India's Ministry of External Affairs said on Saturday.",
    "ADDIS ABABA - Ethiopian Prime Minister Abiy Ahmed and Eritrean President Isaias Afwerki signed a joint "
    "declaration in Asmara on July 9, 2018, formally ending two decades of conflict. The African Union "
    "and the United Nations praised the accord.",
]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = collections.Counter()        # kind -> requests
        self.status = collections.Counter()       # (kind, status) -> n
        self.errors = collections.Counter()       # error kind -> n
        self.examples = []                        # first few failures
        self.latency_ms = collections.defaultdict(list)

    def record(self, kind, status, ms):
        with self.lock:
            self.count[kind] += 1
            self.status[(kind, status)] += 1
            lat = self.latency_ms[kind]
            if len(lat) < 20000:
                lat.append(ms)

    def fail(self, what, detail):
        with self.lock:
            self.errors[what] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{what}: {detail}")


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except OSError:
        return False


class Client:
    """One keep-alive connection; reconnects after the server closes it."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, path, body=None, headers=None, declared_length=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        try:
            if declared_length is not None:
                # Head only: a huge Content-Length and no body, as a hostile client would.
                self.conn.putrequest(method, path)
                for k, v in headers.items():
                    self.conn.putheader(k, v)
                self.conn.putheader("Content-Length", str(declared_length))
                self.conn.endheaders()
            else:
                self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
            data = resp.read()
            if resp.getheader("Connection", "").lower() == "close" or resp.will_close:
                self.close()
            return resp.status, data
        except Exception:
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None


def worker(port, stats, stop, seed, state):
    rnd = random.Random(seed)
    client = Client(port)
    json_headers = {"Content-Type": "application/json"}
    while not stop.is_set():
        r = rnd.random()
        # (kind, valid?, expected statuses, callable)
        if r < 0.20:
            kind, valid, expect = "health", True, {200}
            call = lambda: client.request("GET", "/health")
        elif r < 0.45:
            kind, valid, expect = "analyze", True, {200}
            body = json.dumps({"text": rnd.choice(ARTICLES), "publishedAt": "2016-01-12"})
            call = lambda: client.request("POST", "/v1/analyze", body, json_headers)
        elif r < 0.55:
            kind, valid, expect = "ingest", True, {200, 201}
            # Mostly known ids (200, no re-analysis), some new ones (201, analysed and stored).
            with state["lock"]:
                if rnd.random() < 0.25 or not state["ids"]:
                    state["next"] += 1
                    n = state["next"]
                    state["ids"].append(n)
                else:
                    n = rnd.choice(state["ids"])
            body = json.dumps({"id": f"soak-{n}", "text": ARTICLES[n % len(ARTICLES)] + f" (Ref. {n}.)",
                               "publishedAt": f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"})
            call = lambda: client.request("POST", "/v1/articles", body, json_headers)
        elif r < 0.60:
            kind, valid, expect = "timeline", True, {200}
            with state["lock"]:
                entity = rnd.choice(state["entities"]) if state["entities"] else None
            if entity is None:
                continue
            call = lambda: client.request("GET", f"/v1/entities/{entity}/timeline?limit=20")
        elif r < 0.64:
            kind, valid, expect = "search", True, {200}
            q = rnd.choice(["Putin", "Kerry", "Syria", "NATO", "Modi", "Geneva"])
            call = lambda: client.request("GET", f"/v1/entities?q={q}&limit=10")
        elif r < 0.67:
            kind, valid, expect = "article", True, {200}
            with state["lock"]:
                # Only ids already acknowledged: another thread may still be storing a new one.
                n = rnd.choice(state["acked"]) if state["acked"] else None
            if n is None:
                continue
            call = lambda: client.request("GET", f"/v1/articles/soak-{n}")
        elif r < 0.74:
            kind, valid, expect = "bad_json", False, {400}
            body = rnd.choice(['{"text": "Kerry",}', '{"text": ', "[1, 2", '{"text": 01}', "nul", '{"text":"a"} x'])
            call = lambda: client.request("POST", "/v1/analyze", body, json_headers)
        elif r < 0.79:
            kind, valid, expect = "wrong_method", False, {405}
            m, p = rnd.choice([("DELETE", "/health"), ("GET", "/v1/analyze"), ("PUT", "/v1/articles")])
            call = lambda: client.request(m, p)
        elif r < 0.84:
            kind, valid, expect = "unknown_path", False, {404}
            call = lambda: client.request("GET", f"/v1/nothing/{rnd.randrange(10**6)}")
        elif r < 0.89:
            kind, valid, expect = "bad_utf8", False, {400}
            body = b'{"text":"Kerry met \xff\xfe Putin \xed\xa0\x80"}'
            call = lambda: client.request("POST", "/v1/analyze", body, json_headers)
        elif r < 0.93:
            kind, valid, expect = "bad_content_type", False, {415}
            call = lambda: client.request("POST", "/v1/analyze", "<text/>", {"Content-Type": "application/xml"})
        elif r < 0.97:
            kind, valid, expect = "oversized_declared", False, {413}
            call = lambda: client.request("POST", "/v1/analyze", headers=json_headers, declared_length=200_000_000)
        else:
            kind, valid, expect = "oversized_body", False, {413}
            body = json.dumps({"text": "Kerry met Putin. " * 70000})  # ~1.2 MB > the 1 MiB article limit
            call = lambda: client.request("POST", "/v1/analyze", body, json_headers)
        t0 = time.monotonic()
        try:
            status, data = call()
        except Exception as e:  # no answer at all
            stats.record(kind, "no answer", (time.monotonic() - t0) * 1000)
            if valid:
                stats.fail(f"{kind}: no answer", repr(e))
            elif kind.startswith("oversized") and isinstance(e, (ConnectionError, BrokenPipeError)):
                pass  # the server may close before reading an oversized body: allowed
            else:
                stats.fail(f"{kind}: no answer", repr(e))
            time.sleep(0.005)
            continue
        stats.record(kind, status, (time.monotonic() - t0) * 1000)
        if status not in expect:
            if valid or status >= 500:
                stats.fail(f"{kind}: unexpected {status}", data[:200])
            else:
                with stats.lock:
                    stats.errors[f"{kind}: other 4xx {status}"] += 1
        if kind in ("analyze", "ingest") and status in (200, 201):
            try:
                entities = [e.get("id") for e in json.loads(data).get("entities", [])]
            except ValueError:
                stats.fail(f"{kind}: invalid JSON answer", data[:200])
                entities = []
            # Only stored articles' entities have timelines.
            if kind == "ingest":
                with state["lock"]:
                    if n not in state["acked_set"]:
                        state["acked_set"].add(n)
                        state["acked"].append(n)
                    for e in entities:
                        if e and e not in state["entities"] and len(state["entities"]) < 200:
                            state["entities"].append(e)
        time.sleep(state["think"])
    client.close()


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--think", type=float, default=0.005, help="seconds each thread waits between requests")
    ap.add_argument("--sample", type=float, default=0, help="seconds between RSS samples (default: 1 up to 120 s runs, else 3)")
    ap.add_argument("--rss-tolerance", type=float, default=0.10)
    args = ap.parse_args()

    warmup = max(5.0, min(60.0, 0.2 * args.seconds))
    if not args.sample:
        args.sample = 1.0 if args.seconds <= 120 else 3.0
    # RSS under load jitters by a few MB (a 1.2 MB oversized body is read before its 413), so the
    # level after warm-up and the level at the end are each the median of a window of samples.
    window = max(3.0 * args.sample, 0.05 * args.seconds)
    stats = Stats()
    stop = threading.Event()
    state = {"lock": threading.Lock(), "ids": [], "next": 0, "acked": [], "acked_set": set(), "entities": [],
             "think": args.think}
    threads = [threading.Thread(target=worker, args=(args.port, stats, stop, 1000 + i, state), daemon=True)
               for i in range(args.threads)]
    start = time.monotonic()
    for t in threads:
        t.start()

    samples = []  # (seconds since start, RSS kB)
    warm_rss = None
    died = False
    while True:
        elapsed = time.monotonic() - start
        if not alive(args.pid):
            died = True
            break
        kb = rss_kb(args.pid)
        if kb is not None:
            samples.append((elapsed, kb))
        if elapsed >= args.seconds:
            break
        time.sleep(min(args.sample, max(0.05, args.seconds - elapsed)))
    stop.set()
    for t in threads:
        t.join(timeout=35)
    def median(values):
        values = sorted(values)
        return values[len(values) // 2] if values else None
    warm_rss = median([kb for t, kb in samples if warmup <= t < warmup + window])
    end_rss = median([kb for t, kb in samples if t >= samples[-1][0] - window]) if samples else None
    idle_rss = None
    if not died:
        time.sleep(1)
        idle_rss = rss_kb(args.pid)
        died = not alive(args.pid)

    total = sum(stats.count.values())
    dur = time.monotonic() - start
    print(f"soak summary: {dur:.0f} s, {args.threads} threads, {total} requests ({total / max(dur, 1e-9):.0f}/s)")
    kinds = sorted(stats.count)
    for k in kinds:
        codes = ", ".join(f"{s}: {n}" for (kk, s), n in sorted(stats.status.items(), key=lambda x: str(x[0][1])) if kk == k)
        lat = stats.latency_ms[k]
        print(f"  {k:20s} {stats.count[k]:7d}  [{codes}]  p50 {percentile(lat, 50):.1f} ms  p99 {percentile(lat, 99):.1f} ms")
    if stats.errors:
        print("errors by kind:")
        for k, n in sorted(stats.errors.items()):
            print(f"  {k}: {n}")
        for e in stats.examples:
            print(f"  e.g. {e}")
    else:
        print("errors by kind: none")
    step = max(1, len(samples) // 30)
    shown = samples[::step] + ([samples[-1]] if samples and (len(samples) - 1) % step else [])
    print(f"RSS samples (s: MB, every {step * args.sample:.0f} s of {len(samples)}): "
          + ", ".join(f"{t:.0f}: {kb / 1024:.1f}" for t, kb in shown))
    failures = []
    if died:
        failures.append("the server died")
    hard = {k: n for k, n in stats.errors.items() if "other 4xx" not in k}
    if hard:
        failures.append(f"{sum(hard.values())} failed requests ({', '.join(sorted(hard))})")
    if warm_rss is None:
        failures.append("no RSS sample after warm-up")
    elif end_rss is not None:
        growth = (end_rss - warm_rss) / warm_rss
        print(f"RSS after warm-up (median of {warmup:.0f}-{warmup + window:.0f} s): {warm_rss / 1024:.1f} MB; "
              f"at the end (median of the last {window:.0f} s): {end_rss / 1024:.1f} MB "
              f"({growth * 100:+.1f}%, limit +{args.rss_tolerance * 100:.0f}%); idle 1 s later: "
              f"{(idle_rss or 0) / 1024:.1f} MB")
        if growth > args.rss_tolerance:
            failures.append(f"RSS grew {growth * 100:.1f}% after warm-up")
    if failures:
        print("SOAK FAILED: " + "; ".join(failures))
        return 1
    print("SOAK PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
