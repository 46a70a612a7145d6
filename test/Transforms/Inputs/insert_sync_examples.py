#!/usr/bin/env python3
"""ascend-insert-sync on the examples, checked by ascend-run.

For each example kernel: strip every flag, barrier and cross-core flag,
let ascend-insert-sync put synchronisation back, run the result with
ascend-run against the example's NumPy reference (the hazard checker is on,
so any unordered pair of accesses fails the run), and time it next to the
hand-written kernel and to the same kernel with an `aicore.pipe_barrier
<all>` after every tile op. The same again after ascend-plan-memory, whose
buffer reuse adds dependencies through shared bytes. Also checks that the
pass leaves the hand-synchronised examples and its own output unchanged.

Usage: insert_sync_examples.py ASCEND_OPT ASCEND_RUN SRC_ROOT WORKDIR
Prints one line per example; exits non-zero on the first failure.
"""
import json
import re
import subprocess
import sys

ascend_opt, ascend_run, src, work = sys.argv[1:5]

# name -> (ascend-run arguments binding inputs/outputs by position,
#          whether the kernel is split: its barrier variant keeps the
#          cross-core flags, which no barrier can replace)
EXAMPLES = {
    "vector_add": (["--input", "0=x.npy", "--input", "1=y.npy",
                    "--compare", "2=z.npy"], False),
    "vector_add_double_buffered": (["--input", "0=x.npy", "--input", "1=y.npy",
                                    "--compare", "2=z.npy"], False),
    "matmul_f16": (["--input", "0=a.npy", "--input", "1=b.npy",
                    "--compare", "2=c.npy"], False),
    "split_matmul_relu": (["--input", "0=a.npy", "--input", "1=b.npy",
                           "--zeros", "2", "--compare", "3=out.npy"], True),
    "softmax_online": (["--input", "0=x.npy", "--compare", "1=y.npy",
                        "--rtol", "0.001953125", "--atol", "1.1920929e-07"],
                       False),
}

SYNC = re.compile(r"aicore\.(set_flag|wait_flag|pipe_barrier|cross_core)")
LOCAL_SYNC = re.compile(r"aicore\.(set_flag|wait_flag|pipe_barrier) ")
TILE_OP = re.compile(r"^( *)((mte|vec|cube)\..*)$")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(args, what):
    result = subprocess.run(args, capture_output=True, text=True, cwd=work)
    if result.returncode != 0:
        fail(f"{what}:\n{result.stdout}{result.stderr}")
    return result.stdout


def cycles(kernel, example, bindings):
    data = [b if "=" not in b else b.split("=")[0] + "=" + f"{example}/" +
            b.split("=")[1] for b in bindings]
    report = json.loads(run([ascend_run, kernel, "--json"] + data,
                            f"ascend-run {kernel}"))
    return round(report["total_cycles"])


def write(path, lines):
    with open(f"{work}/{path}", "w") as f:
        f.write("\n".join(lines) + "\n")


for example, (bindings, split) in EXAMPLES.items():
    source = f"{src}/examples/{example}.mlir"
    lines = open(source).read().splitlines()
    run(["mkdir", "-p", example], "mkdir")
    run(["/usr/bin/python3", f"{src}/examples/{example}.py", example],
        f"{example}.py")

    write(f"{example}.stripped.mlir", [l for l in lines if not SYNC.search(l)])
    synced = f"{example}.synced.mlir"
    run([ascend_opt, f"{example}.stripped.mlir", "-ascend-insert-sync",
         "-o", synced], f"ascend-insert-sync on stripped {example}")
    planned = f"{example}.planned.mlir"
    run([ascend_opt, f"{example}.stripped.mlir", "-ascend-plan-memory",
         "-ascend-insert-sync", "-o", planned],
        f"ascend-plan-memory and ascend-insert-sync on stripped {example}")
    text = open(f"{work}/{synced}").read()
    flags = len(re.findall(r"aicore\.set_flag", text))
    cross = len(re.findall(r"aicore\.cross_core_set_flag", text))
    barriers = len(re.findall(r"aicore\.pipe_barrier", text))

    kept = [l for l in lines if not (split and LOCAL_SYNC.search(l)) and
            not (not split and SYNC.search(l))]
    write(f"{example}.barriers.mlir",
          [TILE_OP.sub(r"\1\2\n\1aicore.pipe_barrier <all>", l) for l in kept])

    synced_cycles = cycles(synced, example, bindings)
    planned_cycles = cycles(planned, example, bindings)
    hand_cycles = cycles(source, example, bindings)
    barrier_cycles = cycles(f"{example}.barriers.mlir", example, bindings)

    # Idempotent: a synchronised kernel comes back as it went in.
    for kernel in (source, synced):
        plain = run([ascend_opt, kernel], f"ascend-opt {kernel}")
        again = run([ascend_opt, kernel, "-ascend-insert-sync"],
                    f"ascend-insert-sync on {kernel}")
        if plain != again:
            fail(f"ascend-insert-sync changed the synchronised {kernel}")

    print(f"{example}: {flags} set_flags, {cross} cross-core flags, {barriers} "
          f"barriers; matches NumPy with a clean hazard check; "
          f"{synced_cycles} cycles (hand-written {hand_cycles}, barrier after "
          f"every op {barrier_cycles}); after ascend-plan-memory "
          f"{planned_cycles} cycles; synchronised kernels unchanged")
