"""Writes a generated knowledge-base file, or with --check on the command line checks that the committed
file is what a fresh run writes (the test command's kb stage runs each generator with --check)."""
import sys


def write_or_check(path, text, summary):
    """With --check: exit 1 when the file at `path` is not `text`. Else write `text` there and print `summary`."""
    if "--check" in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{path} differs from a fresh run of {sys.argv[0]}: regenerate it")
        print(f"{path}: up to date")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(summary)
