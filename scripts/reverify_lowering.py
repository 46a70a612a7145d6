#!/usr/bin/env python3
"""Lowers every tensor-level input of the repository's tests and examples with
--ascend-lower-to-kernel and parses the output again: a pass must never emit
IR that its own verifier (or an attribute's parser) rejects on re-parse.

Usage: reverify_lowering.py ASCEND_OPT ROOT
Prints one line per input and a summary; exits 1 if any output fails to
re-parse. Inputs whose lowering fails (tests of lowering errors) are counted
and skipped.
"""
import pathlib
import subprocess
import sys


def tensor_level(text):
    return ("ascend." in text or "linalg." in text) and "aicore.kernel" not in text


def main():
    ascend_opt, root = sys.argv[1], pathlib.Path(sys.argv[2])
    inputs = sorted(
        p for pattern in ("examples/*.mlir", "test/**/*.mlir", "test/**/Inputs/*.mlir")
        for p in root.glob(pattern))
    lowered = refused = bad = 0
    for path in dict.fromkeys(inputs):
        text = path.read_text()
        if not tensor_level(text):
            continue
        lower = subprocess.run(
            [ascend_opt, "--ascend-lower-to-kernel", "-split-input-file", str(path)],
            capture_output=True, text=True)
        if lower.returncode != 0:
            refused += 1
            continue
        again = subprocess.run([ascend_opt, "-split-input-file", "-"],
                               input=lower.stdout, capture_output=True, text=True)
        lowered += 1
        name = path.relative_to(root)
        if again.returncode != 0:
            bad += 1
            print(f"FAIL {name}: its lowered IR does not parse again:")
            print(again.stderr)
        else:
            print(f"ok   {name}")
    print(f"{lowered} inputs lowered and parsed again, {bad} failed; "
          f"{refused} refused by the lowering (error tests)")
    return 1 if bad or not lowered else 0


if __name__ == "__main__":
    sys.exit(main())
