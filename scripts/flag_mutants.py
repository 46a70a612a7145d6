#!/usr/bin/env python3
"""Deletes the synchronisation of a lowered program, one piece at a time, and
checks that ascend-run's hazard checker rejects every mutant.

Usage:
  /usr/bin/python3 scripts/flag_mutants.py PROGRAM.mlir KERNEL
      [--lower-options OPTS] [--bin DIR] [-j N] [--require-all]
      -- [ascend-run arguments binding the inputs]

PROGRAM is tensor-level (lowered here with --ascend-lower-to-kernel=OPTS) or
kernel-level (used as it is). KERNEL is a host function or kernel; the
kernels it launches (@KERNEL_*) are mutated too. The unmutated program runs
once with --trace, whose flag arrows name the set and the wait that consumed
it; the mutants are then:
  pair    a set and a wait that consumed it, both deleted (intra-core
          set_flag/wait_flag or cross-core)
  set     one executed set alone
  wait    one executed wait alone
  barrier one aicore.barrier
Each mutant runs with the same arguments and the hazard checker on (add
--timing-only for speed: the checker still runs). A mutant is "reported" when
the run fails (race, never-satisfied wait, flag misuse, deadlock); the score
is reported / mutants. A mutant that runs clean is either a miss of the
checker or a flag the kernel does not need (every ordering it gives is also
given by others); both are defects, which is why --require-all exits 1 on any.
Sync ops the run never executed are listed as not exercised: pick shapes
whose loops run at least twice and whose tails are taken.

Example:
  /usr/bin/python3 scripts/flag_mutants.py examples/vector_add.mlir vector_add -- --seed 1
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SYNC = re.compile(r"aicore\.(set_flag|wait_flag|cross_core_set_flag|"
                  r"cross_core_wait_flag|barrier)\b")
VERDICTS = [("race", re.compile(r"error: race")),
            ("deadlock", re.compile(r"error: deadlock|never satisfied")),
            ("flag misuse", re.compile(r"set again|ends with"))]


def find_bin(explicit):
    if explicit:
        return explicit
    found = shutil.which("ascend-run")
    if found:
        return os.path.dirname(found)
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "build", "bin")


def verdict(stderr):
    for name, pattern in VERDICTS:
        if pattern.search(stderr):
            return name
    return "other error"


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
    parser.add_argument("-j", type=int, default=os.cpu_count() or 1,
                        help="mutants run at once (default: one per CPU)")
    parser.add_argument("--require-all", action="store_true",
                        help="exit 1 if any mutant runs clean")
    args = parser.parse_args(argv)
    bin_dir = find_bin(args.bin)
    text = open(args.program).read()
    if "aicore.kernel" not in text or args.lower_options is not None:
        text = subprocess.run(
            [os.path.join(bin_dir, "ascend-opt"), args.program,
             "--ascend-lower-to-kernel=" + (args.lower_options or "")],
            capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    run = [os.path.join(bin_dir, "ascend-run"), "-", "--kernel", args.kernel]

    def execute(source, extra=()):
        return subprocess.run(run + list(extra) + run_args, input=source,
                              capture_output=True, text=True)

    # The unmutated run: which set each wait consumed, by line (1-based).
    with tempfile.TemporaryDirectory() as scratch:
        trace = os.path.join(scratch, "trace.json")
        base = execute(text, ["--trace", trace])
        if base.returncode != 0:
            sys.exit("error: the unmutated program fails; fix the inputs "
                     "first:\n" + base.stderr)
        events = json.load(open(trace))["traceEvents"]
    line_of = lambda location: int(location.rsplit(":", 2)[1])
    pairs = sorted({(line_of(e["args"]["set"]), line_of(e["args"]["wait"]))
                    for e in events if e.get("ph") == "s"})
    executed = {line for pair in pairs for line in pair}

    # Sync ops of KERNEL and the kernels it launches.
    owner, sites = None, {}
    for number, line in enumerate(lines, 1):
        match = re.match(r"\s*func\.func (?:private )?@(\w+)", line)
        if match:
            owner = match.group(1)
        sync = SYNC.search(line)
        if sync and owner and (owner == args.kernel or
                               owner.startswith(args.kernel + "_")):
            sites[number] = sync.group(1)

    mutants = [("pair", (s, w)) for s, w in pairs if s in sites and w in sites]
    mutants += [(("set" if "set" in sites[n] else "wait"), (n,))
                for n in sorted(executed) if n in sites]
    mutants += [("barrier", (n,)) for n, kind in sorted(sites.items())
                if kind == "barrier"]
    unexercised = [n for n, kind in sorted(sites.items())
                   if kind != "barrier" and n not in executed]

    def judge(mutant):
        deleted = set(mutant[1])
        source = "\n".join(l for n, l in enumerate(lines, 1)
                           if n not in deleted)
        result = execute(source)
        return None if result.returncode == 0 else verdict(result.stderr)

    with concurrent.futures.ThreadPoolExecutor(max(1, args.j)) as pool:
        verdicts = list(pool.map(judge, mutants))

    counts = collections.Counter(v for v in verdicts if v)
    clean = [m for m, v in zip(mutants, verdicts) if v is None]
    reported = len(mutants) - len(clean)
    score = 100.0 * reported / len(mutants) if mutants else 100.0
    per_kind = collections.Counter(kind for kind, _ in mutants)
    print(f"@{args.kernel}: {len(mutants)} mutants ("
          + ", ".join(f"{per_kind[k]} {k}" for k in
                      ("pair", "set", "wait", "barrier") if per_kind[k])
          + f"), {reported} reported ({score:.1f}%)"
          + (": " + ", ".join(f"{counts[v]} {v}" for v, _ in VERDICTS +
                              [("other error", None)] if counts[v])
             if counts else ""))
    for kind, where in clean:
        print(f"  runs clean without the {kind} at line"
              f"{'s' if len(where) > 1 else ''} "
              + " and ".join(str(n) for n in where) + ": "
              + " / ".join(lines[n - 1].strip() for n in where))
    if unexercised:
        print(f"  not exercised by these inputs: {len(unexercised)} sync ops "
              "(lines " + ", ".join(map(str, unexercised)) + ")")
    if args.require_all and clean:
        sys.exit(1)


if __name__ == "__main__":
    main()
