#!/usr/bin/env python3
"""Check that Package.swift declares exactly what each target's sources import.

For every target in Package.swift (regular, executable and test targets) the declared dependencies
(target names and products, a product standing for its modules) are compared with the modules the
target's Swift files import. It fails on drift either way:
  - a declared dependency that no source file of the target imports (it links for nothing);
  - an imported project module or product module that the target does not declare (it builds only
    because another dependency happens to bring it in).
System modules (Foundation, Glibc, Dispatch, XCTest, Testing, ...) are ignored. A module that is neither
a system module, nor a target of the package, nor a known product's module is reported, so that a new
external product is added to PRODUCT_MODULES below rather than slipping through.

Run: python3 scripts/ci/check_imports.py [ROOT]   (exit 1 and a list of the problems on drift)
     python3 scripts/ci/check_imports.py --self-test   (checks the checker on small fixtures)
Needs only python3.
"""
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Modules of the toolchain and the platform: importing them needs no declared dependency.
SYSTEM_MODULES = {
    "Swift", "_Concurrency", "_StringProcessing", "Foundation", "FoundationEssentials",
    "FoundationInternationalization", "FoundationNetworking", "FoundationXML", "CoreFoundation",
    "Dispatch", "Glibc", "Musl", "Darwin", "Android", "WinSDK", "ucrt", "os", "XCTest", "Testing",
    "Synchronization", "Observation", "RegexBuilder", "Distributed", "Cxx", "CxxStdlib",
}

# The modules each external product provides (a product not listed provides the module of its name).
PRODUCT_MODULES = {
    "ArgumentParser": {"ArgumentParser"},
    "Logging": {"Logging"},
}

TARGET_KINDS = {
    "target": "Sources", "executableTarget": "Sources", "testTarget": "Tests",
    "systemLibrary": "Sources", "binaryTarget": None, "plugin": "Plugins", "macro": "Sources",
}

IMPORT_RE = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+|(?:public|package|internal|fileprivate|private)\s+)*import\s+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|let|var)\s+)?([A-Za-z_][A-Za-z0-9_]*)",
    re.MULTILINE)


def strip_comments(text):
    """Swift source without comments (string literals holding `//` are rare in import lines and harmless)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return re.sub(r"//[^\n]*", "", text)


def balanced(text, start):
    """The text between the bracket at `start` and its matching closer (strings skipped)."""
    pairs = {"(": ")", "[": "]"}
    stack = [pairs[text[start]]]
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == '"':
            i = text.index('"', i + 1)
        elif c in pairs:
            stack.append(pairs[c])
        elif c in ")]":
            if c != stack.pop():
                raise ValueError(f"unbalanced {c!r} at offset {i} of Package.swift")
            if not stack:
                return text[start + 1:i]
        i += 1
    raise ValueError("unterminated bracket in Package.swift")


def argument(body, label):
    """The text of a labelled argument of a call (a string literal or a bracketed list), or None."""
    m = re.search(r"\b" + label + r"\s*:\s*", body)
    if not m:
        return None
    rest = body[m.end():]
    if rest.startswith('"'):
        return rest[1:rest.index('"', 1)]
    if rest[:1] in "([":
        return balanced(body, m.end())
    return None


def parse_targets(manifest):
    """[(kind, name, path or None, declared targets, declared products, excluded paths)] from Package.swift."""
    text = strip_comments(manifest)
    targets = []
    end = 0
    for m in re.finditer(r"\.(" + "|".join(TARGET_KINDS) + r")\s*\(", text):
        if m.start() < end:
            continue  # a `.target(name:)` dependency inside the target just read
        body = balanced(text, m.end() - 1)
        end = m.end() + len(body)
        name = argument(body, "name")
        if name is None:
            continue
        deps = argument(body, "dependencies") or ""
        products, plain, i = set(), "", 0
        for p in re.finditer(r"\.product\s*\(", deps):
            if p.start() < i:
                continue
            call = balanced(deps, p.end() - 1)
            products.add(argument(call, "name"))
            plain += deps[i:p.start()]
            i = p.end() + len(call) + 1
        plain += deps[i:]
        declared = set(re.findall(r'"([^"]+)"', plain))
        exclude = set(re.findall(r'"([^"]+)"', argument(body, "exclude") or ""))
        targets.append((m.group(1), name, argument(body, "path"), declared, products, exclude))
    return targets


def imports_of(directory, exclude):
    """{module: first file importing it} over the Swift files under `directory`, excluded paths skipped."""
    found = {}
    for base, dirs, files in os.walk(directory):
        rel = os.path.relpath(base, directory)
        dirs[:] = sorted(d for d in dirs if os.path.normpath(os.path.join(rel, d)) not in exclude)
        for f in sorted(files):
            if not f.endswith(".swift") or os.path.normpath(os.path.join(rel, f)) in exclude:
                continue
            path = os.path.join(base, f)
            with open(path, encoding="utf-8") as fh:
                for module in IMPORT_RE.findall(strip_comments(fh.read())):
                    found.setdefault(module, path)
    return found


def check(root):
    """The list of drift problems of the package at `root` (empty when the manifest matches the imports)."""
    with open(os.path.join(root, "Package.swift"), encoding="utf-8") as fh:
        targets = parse_targets(fh.read())
    if not targets:
        return ["no targets found in Package.swift"]
    project = {name for _, name, *_ in targets}
    problems = []
    for kind, name, path, declared, products, exclude in targets:
        folder = TARGET_KINDS[kind]
        if folder is None or kind == "systemLibrary":
            continue
        directory = os.path.join(root, path or os.path.join(folder, name))
        if not os.path.isdir(directory):
            problems.append(f"{name}: source folder {os.path.relpath(directory, root)} is missing")
            continue
        imported = imports_of(directory, exclude)
        product_modules = {}
        for p in products:
            for module in PRODUCT_MODULES.get(p, {p}):
                product_modules[module] = p
        for dep in sorted(declared):
            if dep not in project:
                problems.append(f"{name}: declares {dep!r}, which is no target of this package")
            elif dep not in imported:
                problems.append(f"{name}: declares {dep!r} but never imports it")
        for p in sorted(products):
            if not any(m in imported for m in PRODUCT_MODULES.get(p, {p})):
                problems.append(f"{name}: declares product {p!r} but never imports its modules")
        known_products = {m for ms in PRODUCT_MODULES.values() for m in ms}
        for module, where in sorted(imported.items()):
            rel = os.path.relpath(where, root)
            if module in SYSTEM_MODULES or module == name or module in declared or module in product_modules:
                continue
            if module in project or module in known_products:
                problems.append(f"{name}: imports {module} ({rel}) without declaring it")
            else:
                problems.append(f"{name}: imports {module} ({rel}), neither a system module, a target, "
                                "nor a known product (add it to PRODUCT_MODULES in scripts/ci/check_imports.py)")
    return problems


FIXTURE_MANIFEST = """// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "Fixture", targets: [
    .systemLibrary(name: "CLib"),
    .target(name: "Base"),
    // .target(name: "Commented", dependencies: ["Nowhere"]),
    .target(name: "Mid", dependencies: ["Base", "CLib", .product(name: "Logging", package: "swift-log")]),
    .executableTarget(name: "tool", dependencies: ["Mid"], path: "Sources/Tool"),
    .testTarget(name: "MidTests", dependencies: [.target(name: "Mid"), .product(name: "Logging", package: "swift-log",
                condition: .when(platforms: [.linux]))], exclude: ["Fixtures"]),
])
"""

FIXTURE_FILES = {
    "Sources/Base/Base.swift": "import Foundation\npublic let base = 1\n",
    "Sources/Mid/Mid.swift": "import Base\n@preconcurrency import Logging\n#if canImport(Glibc)\nimport Glibc\n#endif\n",
    "Sources/Mid/C.swift": "internal import CLib\n// import Hidden\n/* import Hidden2 */\n",
    "Sources/Tool/main.swift": "import Mid\nimport struct Foundation.URL\n",
    "Tests/MidTests/MidTests.swift": "import Testing\n@testable import Mid\nimport Logging\n",
    "Tests/MidTests/Fixtures/Sample.swift": "import Unknown\n",
}


def self_test():
    """Runs the checker on a clean fixture (no problem) and on drifted copies (each problem found)."""
    def run(edits):
        with tempfile.TemporaryDirectory() as d:
            files = dict(FIXTURE_FILES, **{"Package.swift": FIXTURE_MANIFEST})
            for path, (old, new) in edits.items():
                assert old in files[path], (path, old)
                files[path] = files[path].replace(old, new)
            for path, content in files.items():
                os.makedirs(os.path.dirname(os.path.join(d, path)), exist_ok=True)
                with open(os.path.join(d, path), "w", encoding="utf-8") as fh:
                    fh.write(content)
            return check(d)

    cases = [
        ({}, []),
        ({"Sources/Mid/C.swift": ("internal import CLib", "")}, ["Mid: declares 'CLib' but never imports it"]),
        ({"Sources/Tool/main.swift": ("import Mid", "import Base\nimport Mid")},
         ["tool: imports Base (Sources/Tool/main.swift) without declaring it"]),
        ({"Sources/Mid/Mid.swift": ("@preconcurrency import Logging", "")},
         ["Mid: declares product 'Logging' but never imports its modules"]),
        ({"Tests/MidTests/MidTests.swift": ("import Logging", "import Base")},
         ["MidTests: declares product 'Logging' but never imports its modules",
          "MidTests: imports Base (Tests/MidTests/MidTests.swift) without declaring it"]),
        ({"Sources/Tool/main.swift": ("import Mid", "import Mid\nimport Logging")},
         ["tool: imports Logging (Sources/Tool/main.swift) without declaring it"]),
        ({"Sources/Base/Base.swift": ("import Foundation", "import Mystery")},
         ["Base: imports Mystery (Sources/Base/Base.swift), neither a system module, a target, nor a known "
          "product (add it to PRODUCT_MODULES in scripts/ci/check_imports.py)"]),
        ({"Package.swift": ('dependencies: ["Mid"], path', 'dependencies: ["Mid", "Gone"], path')},
         ["tool: declares 'Gone', which is no target of this package"]),
    ]
    failures = 0
    for edits, expected in cases:
        got = run(edits)
        if got != expected:
            failures += 1
            print(f"self-test FAILED for {edits or 'the clean fixture'}:\n  expected {expected}\n  got      {got}")
    if failures:
        return 1
    print(f"check_imports self-test: {len(cases)} cases passed")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = argv[1] if len(argv) > 1 else ROOT
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"Package.swift and the imports disagree ({len(problems)} problems)")
        return 1
    print("Package.swift declares exactly what each target imports")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
