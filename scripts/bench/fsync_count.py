#!/usr/bin/env python3
"""Counts the fsync/fdatasync calls `attache serve` makes for N articles posted by 8 keep-alive clients, under
`strace -f` (issue 18: group commit shares one fsync among the articles of a group). Unlike articles/s, the count
does not depend on how loaded the machine is.

  python3 scripts/bench/fsync_count.py BINARY N
"""
import json, os, re, subprocess, sys, threading, time, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import store_bench as sb
corpus = sb.load_corpus(os.path.join(sb.ROOT, "..", "shared/corpus/dev.jsonl"))
N = int(sys.argv[2]); binary = sys.argv[1]
tmp = tempfile.mkdtemp()
log = os.path.join(tmp, "serve.log"); trace = os.path.join(tmp, "trace")
proc = subprocess.Popen(["strace", "-f", "-e", "trace=fsync,fdatasync", "-o", trace, binary, "serve", "--host", "127.0.0.1",
                         "--port", "0", "--database", os.path.join(tmp, "s.sqlite")], stdout=open(log, "w"), stderr=subprocess.STDOUT)
port = None
while port is None:
    time.sleep(0.2)
    m = re.search(r" port=(\d+).*attache listening", open(log).read())
    if m: port = int(m.group(1))
def before():
    return sum(1 for l in open(trace) if "fsync" in l or "fdatasync" in l)
b = before()
bodies = [json.dumps(sb.article(corpus, i, "fs")).encode() for i in range(N)]
def worker(t):
    c = sb.Client(port)
    for i in range(t, N, 8):
        s, _ = c.request("POST", "/v1/articles", bodies[i]); assert s == 201, s
ths = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
[t.start() for t in ths]; [t.join() for t in ths]
a = before()
# SIGTERM to the server itself (strace's child); strace exits with it.
for child in open(f"/proc/{proc.pid}/task/{proc.pid}/children").read().split():
    os.kill(int(child), 15)
proc.wait()
print(f"{binary}: {N} articles, {a - b} fsync/fdatasync calls, {(a - b) / N:.2f} per article")
