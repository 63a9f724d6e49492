#!/usr/bin/env python3
"""HTTP benchmark of Attache against the Hummingbird and FlyingFox apps of Benchmarks/ (driven by
scripts/bench/bench.sh, which builds everything and writes the wrk scripts first).

Starts the three servers on 127.0.0.1, warms each, then runs `wrk` with pinned parameters in rounds
interleaved across servers (for each round, for each endpoint: Attache, Hummingbird, FlyingFox). Before
each endpoint's round it waits until the 1-minute load average is below --max-load (up to --load-wait
seconds) and records the load. Per run: requests/s, p50/p99 (wrk --latency), errors, the server's CPU
seconds (utime+stime of /proc/PID/stat, all threads), the CPU seconds of the rest of the machine (wrk
included) from /proc/stat, and the server's peak RSS (VmHWM, reset through /proc/PID/clear_refs before the
run, so it is the peak of that run). Then the idle-connection test against Attache: hold_idle.py opens and
holds N keep-alive connections while wrk measures /health.

Writes results.json and report.md in --out; prints the report.
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# ---------- /proc ----------

def proc_cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is state (field 3); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_status_kb(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def reset_peak_rss(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def machine_busy_seconds() -> tuple[float, float]:
    """(all busy CPU seconds, user-mode CPU seconds) of the machine since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    v = [int(x) for x in parts]
    # user nice system idle iowait irq softirq steal ...
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)
    return busy / CLK_TCK, (v[0] + v[1]) / CLK_TCK


def proc_user_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLK_TCK


def fsync_latency_ms(folder: str, n: int = 50) -> float:
    """Mean time of a 4 KiB write plus fsync in folder: the floor under each durable SQLite commit."""
    path = os.path.join(folder, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        t0 = time.perf_counter()
        for _ in range(n):
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
        return (time.perf_counter() - t0) / n * 1000
    finally:
        os.close(fd)
        os.remove(path)


def loadavg() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_for_quiet(max_load: float, max_wait: float, log) -> tuple[float, float]:
    """Polls until load1 < max_load or max_wait passes; returns (load, seconds waited)."""
    t0 = time.monotonic()
    load = loadavg()
    while load >= max_load and time.monotonic() - t0 < max_wait:
        time.sleep(5)
        load = loadavg()
    waited = time.monotonic() - t0
    if load >= max_load:
        log(f"  load {load:.2f} still >= {max_load} after {waited:.0f} s: measuring anyway (flagged)")
    return load, waited


# ---------- servers ----------

class Server:
    def __init__(self, key, name, argv, port, log_path, env=None):
        self.key, self.name, self.argv, self.port = key, name, argv, port
        self.log_path = log_path
        self.env = env
        self.proc = None

    def start(self):
        logf = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.argv, stdout=logf, stderr=subprocess.STDOUT, env=self.env,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log_path}")
            if http_get_ok(self.port, "/health"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer /health within 60 s")

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def http_get_ok(port: int, path: str) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


# ---------- wrk ----------

def parse_duration_ms(s: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", s.strip())
    if not m:
        return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v if u == "ms" else v * 1000 if u == "s" else v * 60000


def parse_wrk(out: str) -> dict:
    r = {"rps": float("nan"), "p50_ms": float("nan"), "p75_ms": float("nan"), "p90_ms": float("nan"),
         "p99_ms": float("nan"), "requests": 0, "non2xx": 0, "socket_errors": 0, "max_ms": float("nan")}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        r["rps"] = float(m.group(1))
    m = re.search(r"(\d+) requests in", out)
    if m:
        r["requests"] = int(m.group(1))
    for pct, key in (("50", "p50_ms"), ("75", "p75_ms"), ("90", "p90_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        if m:
            r[key] = parse_duration_ms(m.group(1))
    m = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", out, re.M)
    if m:
        r["max_ms"] = parse_duration_ms(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        r["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        r["socket_errors"] = sum(int(x) for x in m.groups())
    return r


def run_wrk(args, port, endpoint, lua_dir, duration=None, env_extra=None):
    """Runs wrk; returns (argv, output, wrk CPU seconds, wrk user-mode CPU seconds)."""
    path = {"health": "/health", "analyze": "/v1/analyze", "articles": "/v1/articles"}[endpoint]
    argv = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", duration or args.duration,
            "--timeout", "5s", "--latency"]
    if endpoint in ("analyze", "articles"):
        argv += ["-s", os.path.join(lua_dir, f"{endpoint}.lua")]
    argv.append(f"http://127.0.0.1:{port}{path}")
    env = dict(os.environ, **(env_extra or {}))
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = p.stdout.read().decode(errors="replace")
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return argv, out, ru.ru_utime + ru.ru_stime, ru.ru_utime


def measure(args, server, endpoint, lua_dir, round_no, load, log):
    reset_ok = reset_peak_rss(server.pid)
    cpu0 = proc_cpu_seconds(server.pid)
    user0 = proc_user_seconds(server.pid)
    busy0, muser0 = machine_busy_seconds()
    t0 = time.monotonic()
    argv, out, wrk_cpu, wrk_user = run_wrk(args, server.port, endpoint, lua_dir,
                                 env_extra={"BENCH_ID_PREFIX": f"r{round_no}{server.key}{int(time.time())}"})
    wall = time.monotonic() - t0
    busy1, muser1 = machine_busy_seconds()
    busy = busy1 - busy0
    cpu = proc_cpu_seconds(server.pid) - cpu0
    # User-mode CPU of every other process: other people's builds (the kernel's loopback work, which
    # may be charged to no process, is system/softirq time and stays out of this figure).
    foreign_user = max(0.0, (muser1 - muser0) - (proc_user_seconds(server.pid) - user0) - wrk_user)
    r = parse_wrk(out)
    r.update({
        "server": server.key, "endpoint": endpoint, "round": round_no, "load1": load,
        "server_cpu_s": cpu, "wrk_cpu_s": wrk_cpu, "other_cpu_s": max(0.0, busy - cpu - wrk_cpu), "foreign_user_cpu_s": foreign_user,
        "wall_s": wall, "peak_rss_kb": proc_status_kb(server.pid, "VmHWM"),
        "rss_kb": proc_status_kb(server.pid, "VmRSS"), "peak_reset": reset_ok,
        "cmd": " ".join(argv),
    })
    log(f"  r{round_no} {server.name:<12} {endpoint:<8} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.2f} ms  "
        f"p99 {r['p99_ms']:.2f} ms  cpu {cpu:.1f}+wrk {wrk_cpu:.1f}+other {r['other_cpu_s']:.1f} s (foreign user {foreign_user:.1f})  "
        f"peak {r['peak_rss_kb'] / 1024:.0f} MB  load {load:.2f}"
        + (f"  non2xx {r['non2xx']}" if r["non2xx"] else "") + (f"  sockerr {r['socket_errors']}" if r["socket_errors"] else ""))
    if r["requests"] == 0:
        log(out)
    return r


# ---------- idle connections ----------

def idle_test(args, server, lua_dir, log):
    load, _ = wait_for_quiet(args.max_load, args.load_wait, log)
    base_rss = proc_status_kb(server.pid, "VmRSS")
    reset_peak_rss(server.pid)
    holder = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "hold_idle.py"),
                               "--port", str(server.port), "--connections", str(args.idle_connections),
                               "--hold", "300"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = holder.stdout.readline().strip()
    log(f"  idle holder: {line}")
    m = re.match(r"holding (\d+)", line)
    held = int(m.group(1)) if m else 0
    time.sleep(2)
    rss_holding = proc_status_kb(server.pid, "VmRSS")
    cpu0 = proc_cpu_seconds(server.pid)
    argv, out, wrk_cpu, _ = run_wrk(args, server.port, "health", lua_dir)
    cpu = proc_cpu_seconds(server.pid) - cpu0
    r = parse_wrk(out)
    rss_after = proc_status_kb(server.pid, "VmRSS")
    peak = proc_status_kb(server.pid, "VmHWM")
    holder.send_signal(signal.SIGTERM)
    try:
        rest, err = holder.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        holder.kill()
        rest, err = holder.communicate()
    time.sleep(2)
    rss_released = proc_status_kb(server.pid, "VmRSS")
    result = {
        "connections_requested": args.idle_connections, "connections_held": held,
        "holder_end": rest.strip(), "holder_errors": err.strip()[-2000:],
        "rss_before_kb": base_rss, "rss_holding_kb": rss_holding, "rss_during_wrk_end_kb": rss_after,
        "peak_rss_kb": peak, "rss_after_release_kb": rss_released,
        "health_rps": r["rps"], "health_p50_ms": r["p50_ms"], "health_p99_ms": r["p99_ms"],
        "health_non2xx": r["non2xx"], "health_socket_errors": r["socket_errors"],
        "server_cpu_s": cpu, "load1": load, "cmd": " ".join(argv),
    }
    log(f"  idle: held {held}, RSS {base_rss / 1024:.0f} -> {rss_holding / 1024:.0f} MB (peak {peak / 1024:.0f} MB), "
        f"/health {r['rps']:.0f} req/s p99 {r['p99_ms']:.2f} ms; {rest.strip()}")
    return result


# ---------- report ----------

NAMES = {"attache": "Attache", "hummingbird": "Hummingbird 2.28.1", "flyingfox": "FlyingFox 0.27.1"}
ENDPOINTS = {"health": "GET /health", "analyze": "POST /v1/analyze", "articles": "POST /v1/articles (SQLite)"}


def summarize(runs):
    """Median over rounds per (server, endpoint); peak RSS is the maximum."""
    out = {}
    for key in sorted({(r["server"], r["endpoint"]) for r in runs}):
        rs = [r for r in runs if (r["server"], r["endpoint"]) == key]
        med = lambda k: statistics.median(r[k] for r in rs)
        reqs = sum(r["requests"] for r in rs)
        out[key] = {
            "rounds": len(rs), "rps": med("rps"), "rps_min": min(r["rps"] for r in rs),
            "rps_max": max(r["rps"] for r in rs), "p50_ms": med("p50_ms"), "p99_ms": med("p99_ms"),
            "p99_max_ms": max(r["p99_ms"] for r in rs), "peak_rss_mb": max(r["peak_rss_kb"] for r in rs) / 1024,
            "cpu_s": med("server_cpu_s"),
            "cpu_us_per_req": 1e6 * sum(r["server_cpu_s"] for r in rs) / reqs if reqs else float("nan"),
            "errors": sum(r["non2xx"] + r["socket_errors"] for r in rs),
            "load_max": max(r["load1"] for r in rs), "other_cpu_s": med("other_cpu_s"),
            "foreign_user_cpu_s": med("foreign_user_cpu_s") if all("foreign_user_cpu_s" in r for r in rs) else float("nan"),
        }
    return out


def report(meta, runs, idle):
    s = summarize(runs)
    L = []
    L.append(f"Run {meta['date']} on {meta['machine']}; wrk {meta['wrk']}: {meta['params']}. "
             f"Medians over {meta['rounds']} interleaved rounds (range of req/s in brackets); peak RSS is the "
             "highest VmHWM of any round; CPU is the server's utime+stime per 10 s run; CPU/req = server CPU "
             "microseconds per request.")
    L.append("")
    L.append(f"A 4 KiB write plus fsync on the disk of the SQLite file took {meta['fsync_ms']:.2f} ms "
             f"(so at most {1000 / meta['fsync_ms']:,.0f} durable commits/s one after another).")
    L.append("")
    L.append("| endpoint | server | req/s [min-max] | p50 ms | p99 ms (worst) | peak RSS MB | server CPU s | CPU/req µs | errors | load1 max |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ep in ("health", "analyze", "articles"):
        for sv in ("attache", "hummingbird", "flyingfox"):
            v = s.get((sv, ep))
            if not v:
                continue
            L.append(f"| {ENDPOINTS[ep]} | {NAMES[sv]} | {v['rps']:,.0f} [{v['rps_min']:,.0f}-{v['rps_max']:,.0f}] | "
                     f"{v['p50_ms']:.2f} | {v['p99_ms']:.2f} ({v['p99_max_ms']:.2f}) | {v['peak_rss_mb']:.1f} | "
                     f"{v['cpu_s']:.1f} | {v['cpu_us_per_req']:.0f} | {v['errors']} | {v['load_max']:.2f} |")
    L.append("")
    L.append("| endpoint | Attache / Hummingbird req/s | p99 | Attache / FlyingFox req/s | p99 |")
    L.append("|---|---:|---:|---:|---:|")
    for ep in ("health", "analyze"):
        a = s.get(("attache", ep))
        if not a:
            continue
        cells = []
        for other in ("hummingbird", "flyingfox"):
            o = s.get((other, ep))
            cells += [f"{a['rps'] / o['rps']:.2f}×", f"{a['p99_ms'] / o['p99_ms']:.2f}×"] if o else ["-", "-"]
        L.append(f"| {ENDPOINTS[ep]} | " + " | ".join(cells) + " |")
    if idle:
        L.append("")
        L.append(f"Idle keep-alive connections against Attache: {idle['connections_held']} of "
                 f"{idle['connections_requested']} held; RSS {idle['rss_before_kb'] / 1024:.1f} MB before, "
                 f"{idle['rss_holding_kb'] / 1024:.1f} MB holding them, peak {idle['peak_rss_kb'] / 1024:.1f} MB, "
                 f"{idle['rss_after_release_kb'] / 1024:.1f} MB after release; GET /health meanwhile "
                 f"(64 connections): {idle['health_rps']:,.0f} req/s, p50 {idle['health_p50_ms']:.2f} ms, "
                 f"p99 {idle['health_p99_ms']:.2f} ms, errors {idle['health_non2xx'] + idle['health_socket_errors']}; "
                 f"holder: {idle['holder_end']} (load1 {idle['load1']:.2f}).")
    L.append("")
    L.append("Per run (order of measurement):")
    L.append("")
    L.append("Other CPU s: busy CPU time of the machine (of 2 × run seconds) charged to neither the server nor wrk: "
             "other people's processes plus kernel loopback work; foreign user s: the user-mode part of it, "
             "which is other processes only.")
    L.append("")
    L.append("| round | endpoint | server | req/s | p50 ms | p99 ms | server CPU s | wrk CPU s | other CPU s | foreign user s | peak RSS MB | load1 |")
    L.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        L.append(f"| {r['round']} | {r['endpoint']} | {r['server']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
                 f"{r['p99_ms']:.2f} | {r['server_cpu_s']:.1f} | {r['wrk_cpu_s']:.1f} | {r['other_cpu_s']:.1f} | "
                 f"{r.get('foreign_user_cpu_s', float('nan')):.1f} | "
                 f"{r['peak_rss_kb'] / 1024:.1f} | {r['load1']:.2f} |")
    return "\n".join(L) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attache", required=True, help="path of the release attache binary")
    ap.add_argument("--hummingbird", help="path of bench-hummingbird (skipped when absent)")
    ap.add_argument("--flyingfox", help="path of bench-flyingfox (skipped when absent)")
    ap.add_argument("--inputs", required=True, help="folder written by make_inputs.py")
    ap.add_argument("--out", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", default="10s")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-load", type=float, default=1.0)
    ap.add_argument("--load-wait", type=float, default=240)
    ap.add_argument("--idle-connections", type=int, default=5000)
    ap.add_argument("--endpoints", default="health,analyze,articles")
    ap.add_argument("--skip-idle", action="store_true")
    ap.add_argument("--base-port", type=int, default=18080)
    ap.add_argument("--machine", default="")
    a = ap.parse_args()

    os.makedirs(a.out, exist_ok=True)
    logf = open(os.path.join(a.out, "log.txt"), "a")

    def log(msg):
        print(msg, flush=True)
        logf.write(msg + "\n")
        logf.flush()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    except ValueError:
        pass
    log(f"open-file limit {resource.getrlimit(resource.RLIMIT_NOFILE)}")

    tmpdir = tempfile.mkdtemp(prefix="attache-bench-")
    db = os.path.join(tmpdir, "attache.sqlite")
    fsync_ms = fsync_latency_ms(tmpdir)
    log(f"database {db}; write+fsync of 4 KiB there: {fsync_ms:.2f} ms")
    env = dict(os.environ, ATTACHE_LOG_LEVEL="warning")
    servers = [Server("attache", "Attache", [a.attache, "serve", "--host", "127.0.0.1", "--port", str(a.base_port),
                                             "--database", db, "--log-level", "warning"],
                      a.base_port, os.path.join(a.out, "attache.log"), env)]
    if a.hummingbird:
        servers.append(Server("hummingbird", "Hummingbird", [a.hummingbird, "--host", "127.0.0.1", "--port", str(a.base_port + 1)],
                              a.base_port + 1, os.path.join(a.out, "hummingbird.log")))
    if a.flyingfox:
        servers.append(Server("flyingfox", "FlyingFox", [a.flyingfox, "--host", "127.0.0.1", "--port", str(a.base_port + 2)],
                              a.base_port + 2, os.path.join(a.out, "flyingfox.log")))
    endpoints = a.endpoints.split(",")
    runs, idle = [], None
    try:
        for s in servers:
            s.start()
            log(f"{s.name} pid {s.pid} on port {s.port}: RSS at start {proc_status_kb(s.pid, 'VmRSS') / 1024:.1f} MB")
        # Sanity: every server answers the analyse body with 200 and JSON; print the sizes.
        body = open(os.path.join(a.inputs, "seed.json"), "rb").read()
        for s in servers:
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
                c.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                          + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                data = b""
                while True:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            head, _, resp = data.partition(b"\r\n\r\n")
            log(f"  {s.name}: {head.split(b' ', 2)[1].decode()} with {len(resp)} bytes of analysis")
        log("warm-up: 2 s of each endpoint on each server (not counted)")
        for s in servers:
            for ep in endpoints:
                if ep == "articles" and s.key != "attache":
                    continue
                run_wrk(a, s.port, ep, a.inputs, duration="2s", env_extra={"BENCH_ID_PREFIX": f"warm{s.key}"})
        for rnd in range(1, a.rounds + 1):
            for ep in endpoints:
                load, waited = wait_for_quiet(a.max_load, a.load_wait, log)
                log(f"round {rnd} {ep}: load1 {load:.2f} (waited {waited:.0f} s)")
                for s in servers:
                    if ep == "articles" and s.key != "attache":
                        continue
                    runs.append(measure(a, s, ep, a.inputs, rnd, loadavg(), log))
                    time.sleep(1)
        if not a.skip_idle:
            log(f"idle connections: {a.idle_connections} against Attache")
            idle = idle_test(a, servers[0], a.inputs, log)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(tmpdir, ignore_errors=True)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": a.machine,
            "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip(),
            "params": f"-t{a.threads} -c{a.connections} -d{a.duration} --timeout 5s --latency",
            "rounds": a.rounds, "fsync_ms": fsync_ms}
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"meta": meta, "runs": runs, "idle": idle,
                   "summary": {f"{k[0]}/{k[1]}": v for k, v in summarize(runs).items()}}, f, indent=1)
    text = report(meta, runs, idle)
    with open(os.path.join(a.out, "report.md"), "w") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
