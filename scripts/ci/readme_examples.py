#!/usr/bin/env python3
"""Regenerates the example outputs in README.md from a real server (scripts/ci/readme-examples.sh runs it).

Starts `attache serve` on a free port with a temporary SQLite database, runs the README's examples in
order in a temporary directory (B is the server's URL; `attache` is on PATH), and puts what they print
under them:

- In a ```sh block, a line starting with `$ ` is a command (continued over the next lines until bash
  reads it as complete); the lines after it, up to the next command or the end of the block, are its
  output and are replaced.
- A code block right after a line `<!-- readme-examples[ --pretty][ --select PATH]: COMMAND -->` is
  replaced by what COMMAND prints. --select keeps one member (`events.0`); --pretty lays JSON out
  over lines.
- `$ cat FILE` of a file that does not exist yet creates it from the README's block: that is how an
  example's input file (art.json) is written once, in the README, and used by the commands after it.

Outputs are made stable and short by fixed rules: volatile values (createdAt, the Date header) become
`…`; a JSON value longer than a budget loses its deepest levels and its long arrays' tails (shown as
`…`), and is wrapped at commas to the README's width; text longer than a few lines keeps its head.

--write rewrites README.md; --check (the default) exits 1 when README.md differs from what the
server prints, with a diff and the command that fixes it.
"""
import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

WIDTH = 100                 # the README's code blocks wrap at this column
COMPACT_BUDGET = 420        # characters of a one-line JSON output before it is trimmed
PRETTY_BUDGET_LINES = 60    # lines of a --pretty JSON block before it is trimmed
TEXT_HEAD_LINES = 4         # a long text output keeps this many lines, then "…"
TEXT_MAX_LINES = 6          # ... when it has more than this many
ELLIPSIS = "…"
# (depth, items): nesting kept, and items kept per array, tried in order until the output fits its budget:
# fewer items first (the first entity in full says more than every entity cut short), then less depth.
TRIM_STEPS = [(None, None), (None, 3), (None, 2), (None, 1), (5, 1), (4, 1), (3, 1), (2, 1), (1, 1)]
VOLATILE = [
    (re.compile(r'("createdAt":\s*")[^"]*(")'), r"\1" + ELLIPSIS + r"\2"),
    (re.compile(r"^(Date: ).*$", re.M), r"\1" + ELLIPSIS),
]
DIRECTIVE = re.compile(r"^\s*<!-- readme-examples(?P<opts>[^:]*): (?P<cmd>.*) -->\s*$")
SERVER_START_SECONDS = 120
COMMAND_SECONDS = 120


# --- running ----------------------------------------------------------------------------------

class Server:
    """`attache serve` on a free port with a temporary SQLite database, in a temporary directory."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="attache-readme-")
        env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHE_") and k != "PORT"}
        self.log = open(os.path.join(self.dir, "server.log"), "w+")
        self.proc = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", "0",
             "--database", os.path.join(self.dir, "readme.sqlite"), "--log-level", "info"],
            cwd=self.dir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = self._wait_for_url()

    def _wait_for_url(self):
        deadline = time.time() + SERVER_START_SECONDS
        while time.time() < deadline:
            self.log.seek(0)
            m = re.search(r"port=(\d+)\b.*attache listening", self.log.read())
            if m:
                return "http://127.0.0.1:" + m.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        log = self.log.read()
        self.close()
        sys.exit("readme-examples: the server did not start:\n" + log)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Shell:
    """Runs example commands in one working directory with B and PATH set."""

    def __init__(self, url, binary):
        self.cwd = tempfile.mkdtemp(prefix="attache-readme-work-")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHE_")}
        self.env.update(B=url, ATTACHE_URL=url, COLUMNS="100",
                        PATH=os.path.dirname(os.path.abspath(binary)) + os.pathsep + os.environ.get("PATH", ""))

    def run(self, command):
        try:
            r = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=self.cwd, env=self.env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=COMMAND_SECONDS)
        except subprocess.TimeoutExpired:
            sys.exit(f"readme-examples: this README command did not end within {COMMAND_SECONDS} s:\n{command}")
        return r.stdout.decode("utf-8", "replace")

    def exists(self, name):
        return os.path.exists(os.path.join(self.cwd, name))

    def write(self, name, text):
        with open(os.path.join(self.cwd, name), "w", encoding="utf-8") as f:
            f.write(text)

    def close(self):
        shutil.rmtree(self.cwd, ignore_errors=True)


def complete(command):
    """True when bash reads `command` as a whole command (no open quote, no trailing pipe or backslash)."""
    return subprocess.run(["bash", "-n", "-c", command], stderr=subprocess.DEVNULL).returncode == 0 \
        and not command.rstrip().endswith(("\\", "|"))


# --- formatting -------------------------------------------------------------------------------

def trimmed(value, depth, items, level=0):
    """`value` with objects and arrays below `depth` levels shown as {…} / […], and arrays cut to `items`."""
    if isinstance(value, dict):
        if depth is not None and level >= depth:
            return Elided("{" + ELLIPSIS + "}")
        return {k: trimmed(v, depth, items, level + 1) for k, v in value.items()}
    if isinstance(value, list):
        if depth is not None and level >= depth and value:
            return Elided("[" + ELLIPSIS + "]")
        kept = [trimmed(v, depth, items, level + 1) for v in (value if items is None else value[:items])]
        return kept + ([Elided(ELLIPSIS)] if items is not None and len(value) > items else [])
    return value


class Elided(str):
    """Printed as is, not as a JSON string."""


def compact(value, comma=",", colon=":"):
    """On one line; with comma=", " and colon=": " as the README's one-line objects are written."""
    if isinstance(value, Elided):
        return str(value)
    if isinstance(value, dict):
        return "{" + comma.join(json.dumps(k, ensure_ascii=False) + colon + compact(v, comma, colon)
                                for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + comma.join(compact(v, comma, colon) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def pretty(value, indent=0, column=None):
    """One line when it fits in WIDTH from `column` (where it starts), else one member per line, indented by
    two spaces a level (the README's layout)."""
    column = indent if column is None else column
    one = compact(value, ", ", ": ")
    if column + len(one) <= WIDTH or not isinstance(value, (dict, list)) or isinstance(value, Elided) or not value:
        return one
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        inner = []
        for k, v in value.items():
            key = json.dumps(k, ensure_ascii=False) + ": "
            inner.append(pad + key + pretty(v, indent + 2, indent + 2 + len(key)))
        return "{\n" + ",\n".join(inner) + "\n" + " " * indent + "}"
    inner = [pad + pretty(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(inner) + "\n" + " " * indent + "]"


def wrap(text):
    """Breaks compact JSON after commas outside strings so that lines stay within WIDTH where they can."""
    pieces, start, in_string, escaped = [], 0, False, False
    for i, c in enumerate(text):
        if in_string:
            escaped = not escaped and c == "\\"
            if c == '"' and not escaped:
                in_string = False
            continue
        if c == '"':
            in_string = True
        elif c == ",":
            pieces.append(text[start:i + 1])
            start = i + 1
    pieces.append(text[start:])
    lines, line = [], ""
    for p in pieces:
        if line and len(line) + len(p) > WIDTH:
            lines.append(line)
            line = ""
        line += p
    return lines + ([line] if line else [])


def format_json(value, as_pretty):
    for depth, items in TRIM_STEPS:
        t = trimmed(value, depth, items)
        if as_pretty:
            out = pretty(t).split("\n")
            if len(out) <= PRETTY_BUDGET_LINES:
                return out
        else:
            out = compact(t)
            if len(out) <= COMPACT_BUDGET:
                return wrap(out)
    return pretty(t).split("\n") if as_pretty else wrap(out)


def parse_json(text):
    try:
        return json.loads(text), True
    except ValueError:
        return None, False


def format_output(raw, as_pretty=False, select=None):
    text = raw.replace("\r\n", "\n").rstrip("\n")
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    head, body = "", text
    if text.startswith("HTTP/"):                          # curl -i: the head, a blank line, the body
        head, _, body = text.partition("\n\n")
    value, ok = parse_json(body)
    if ok and select:
        try:
            for key in select.split("."):
                value = value[int(key)] if isinstance(value, list) else value[key]
        except (KeyError, IndexError, ValueError, TypeError):
            sys.exit(f"readme-examples: --select {select}: no such member in this output:\n{body[:300]}")
    if ok and isinstance(value, (dict, list)):
        lines = format_json(value, as_pretty)
    elif body and all(parse_json(line)[1] for line in body.split("\n")):   # JSON Lines
        lines = [l for line in body.split("\n") for l in format_json(json.loads(line), as_pretty)]
    else:
        lines = body.split("\n") if body else []
        if len(lines) > TEXT_MAX_LINES:
            lines = lines[:TEXT_HEAD_LINES] + [ELLIPSIS]
    head_lines = head.split("\n") if head else []
    if head_lines and lines:
        head_lines.append("")           # the blank line between an HTTP head and its body
    return head_lines + lines


# --- the README -------------------------------------------------------------------------------

def regenerate(readme, shell):
    src = readme.split("\n")
    out = []
    i = 0
    while i < len(src):
        line = src[i]
        m = DIRECTIVE.match(line)
        if m and i + 1 < len(src) and src[i + 1].lstrip().startswith("```"):
            opts = m.group("opts").split()
            select = opts[opts.index("--select") + 1] if "--select" in opts else None
            fence = src[i + 1]
            indent = fence[:len(fence) - len(fence.lstrip())]
            end = next(j for j in range(i + 2, len(src)) if src[j].strip() == "```")
            out += [line, fence]
            out += [indent + l for l in format_output(shell.run(m.group("cmd")), "--pretty" in opts, select)]
            out.append(src[end])
            i = end + 1
            continue
        if line.strip() == "```sh":
            end = next(j for j in range(i + 1, len(src)) if src[j].strip() == "```")
            out.append(line)
            out += sh_block(src[i + 1:end], shell)
            out.append(src[end])
            i = end + 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def sh_block(lines, shell):
    """A ```sh block with each `$ ` command's output replaced."""
    out, i = [], 0
    if not any(l.startswith("$ ") for l in lines):
        return lines
    while i < len(lines):
        if not lines[i].startswith("$ "):
            out.append(lines[i])
            i += 1
            continue
        cmd_lines = [lines[i]]
        i += 1
        while not complete("\n".join(cmd_lines)[2:]) and i < len(lines):
            cmd_lines.append(lines[i])
            i += 1
        command = "\n".join(cmd_lines)[2:]
        old_end = i
        while old_end < len(lines) and not lines[old_end].startswith("$ "):
            old_end += 1
        old_output = lines[i:old_end]
        while old_output and not old_output[-1].strip():
            old_output.pop()
        m = re.match(r"cat (\S+)\s*$", command)
        if m and not shell.exists(m.group(1)):
            shell.write(m.group(1), "\n".join(old_output) + "\n")
        out += cmd_lines + format_output(shell.run(command))
        if old_end < len(lines):
            out.append("")
        i = old_end
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite README.md")
    mode.add_argument("--check", action="store_true", help="fail when README.md differs (the default)")
    ap.add_argument("--bin", required=True, help="the attache binary")
    ap.add_argument("--readme", default="README.md")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    with open(args.readme, encoding="utf-8") as f:
        readme = f.read()
    server = Server(args.bin)
    shell = Shell(server.url, args.bin)
    try:
        fresh = regenerate(readme, shell)
    finally:
        shell.close()
        server.close()
    if fresh == readme:
        print("readme-examples: README.md matches the server")
        return
    if args.write:
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write(fresh)
        print("readme-examples: README.md rewritten")
        return
    diff = list(difflib.unified_diff(readme.split("\n"), fresh.split("\n"), "README.md", "server", lineterm=""))
    print("\n".join(diff[:60] + (["…"] if len(diff) > 60 else [])), file=sys.stderr)
    sys.exit("readme-examples: README.md's examples differ from what the server prints: "
             "run scripts/ci/readme-examples.sh --write")


if __name__ == "__main__":
    main()
