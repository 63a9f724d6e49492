#!/usr/bin/env python3
"""Opens N keep-alive connections to a server, sends one `GET /health` on each and reads its answer,
then keeps all of them open and idle until SIGTERM/SIGINT or --hold seconds pass.

Prints "holding N" (flushed) once every connection has had its answer, then on exit how many the server
closed while they were idle. Raise the open-file limit first (this script raises its own soft limit to
the hard limit). Loopback only: the host must be 127.0.0.0/8 or ::1.
"""
import argparse
import ipaddress
import resource
import selectors
import signal
import socket
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=250, help="connections opened before waiting for them")
    ap.add_argument("--hold", type=float, default=120.0, help="seconds to hold at most")
    a = ap.parse_args()
    if not ipaddress.ip_address(a.host).is_loopback:
        print("loopback addresses only", file=sys.stderr)
        return 2
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = a.connections + 100
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(want, soft)), hard))

    request = f"GET /health HTTP/1.1\r\nHost: {a.host}:{a.port}\r\n\r\n".encode()
    socks = []
    t0 = time.monotonic()
    failed = 0
    for start in range(0, a.connections, a.batch):
        batch = []
        for _ in range(min(a.batch, a.connections - start)):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                s.settimeout(10)
                s.connect((a.host, a.port))
                s.sendall(request)
                batch.append(s)
            except OSError:
                failed += 1
                s.close()
        # Read each answer in full: head, then Content-Length bytes.
        for s in batch:
            buf = b""
            try:
                while b"\r\n\r\n" not in buf:
                    chunk = s.recv(4096)
                    if not chunk:
                        raise OSError("closed")
                    buf += chunk
                head, _, body = buf.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        length = int(v.strip())
                while len(body) < length:
                    chunk = s.recv(4096)
                    if not chunk:
                        raise OSError("closed")
                    body += chunk
                if not head.startswith(b"HTTP/1.1 200"):
                    raise OSError(head.split(b"\r\n")[0].decode(errors="replace"))
                s.setblocking(False)
                socks.append(s)
            except OSError as e:
                failed += 1
                print(f"connection failed: {e}", file=sys.stderr)
                s.close()
    print(f"holding {len(socks)} (failed {failed}, opened in {time.monotonic() - t0:.1f} s)", flush=True)

    stop = False

    def on_signal(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sel = selectors.DefaultSelector()
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
    closed = 0
    deadline = time.monotonic() + a.hold
    while not stop and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                closed += 1
                sel.unregister(s)
                s.close()
    print(f"released {len(socks)}: {closed} closed by the server while idle", flush=True)
    for s in socks:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
