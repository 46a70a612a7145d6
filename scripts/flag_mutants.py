#!/usr/bin/env python3
"""Deletes each synchronisation op of a lowered program, one at a time, and
checks that ascend-run's hazard checker then fails the run.

Usage:
  /usr/bin/python3 scripts/flag_mutants.py PROGRAM.mlir KERNEL [--lower-options OPTS]
      [--bin DIR] -- [ascend-run arguments binding the inputs, by position]

PROGRAM is tensor-level (lowered here with --ascend-lower-to-kernel=OPTS) or
kernel-level (used as it is). Every aicore.wait_flag, aicore.barrier and
cross-core wait inside KERNEL and the kernels it launches is deleted in turn;
a mutant the run does not reject (exit 0) is listed as missed. A miss is a
place to look, not a verdict: the deleted wait may guard code the given
inputs never execute (a loop that runs once, a tail branch), so run it with
inputs (and e.g. block-dim=1) that exercise every loop. Add --timing-only
to the ascend-run arguments for speed (the hazard checker still runs).

Example:
  /usr/bin/python3 scripts/flag_mutants.py examples/vector_add.mlir vector_add -- --seed 1
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

SYNC = re.compile(r"aicore\.(wait_flag|barrier|cross_core_wait)")


def main():
    argv = sys.argv[1:]
    run_args = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("kernel")
    parser.add_argument("--lower-options", default=None)
    parser.add_argument("--bin", help="where ascend-opt and ascend-run are "
                        "(default: on PATH, else build/bin)")
    args = parser.parse_args(argv)
    found = shutil.which("ascend-run")
    bin_dir = args.bin or (os.path.dirname(found) if found else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin"))
    text = open(args.program).read()
    if "aicore.kernel" not in text or args.lower_options is not None:
        text = subprocess.run(
            [os.path.join(bin_dir, "ascend-opt"), args.program,
             "--ascend-lower-to-kernel=" + (args.lower_options or "")],
            capture_output=True, text=True, check=True).stdout
    run = [os.path.join(bin_dir, "ascend-run"), "-", "--kernel", args.kernel]

    def rejected(source):
        return subprocess.run(run + run_args, input=source, capture_output=True,
                              text=True).returncode != 0

    lines = text.splitlines()
    if rejected(text):
        sys.exit("error: the unmutated program fails; fix the inputs first")
    owner, sites = None, []
    for i, line in enumerate(lines):
        match = re.match(r"\s*func\.func (?:private )?@(\w+)", line)
        if match:
            owner = match.group(1)
        if owner and (owner == args.kernel or owner.startswith(args.kernel + "_")) \
                and SYNC.search(line):
            sites.append(i)
    missed = [i for i in sites
              if not rejected("\n".join(lines[:i] + lines[i + 1:]))]
    print(f"@{args.kernel}: {len(sites)} waits and barriers deleted one at a "
          f"time, {len(sites) - len(missed)} rejected")
    for i in missed:
        print(f"  missed (line {i + 1} of the lowered program): {lines[i].strip()}")


if __name__ == "__main__":
    main()
