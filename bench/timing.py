"""Shared by the bench scripts: lower a tensor-level program and time it.

`lower_and_time(build, source, options, tmp)` writes `source`, lowers it with
`ascend-opt --ascend-lower-to-kernel=<options>` and returns ascend-run's
`--timing-only --no-hazard-check --json` report (simulated time: the numbers
do not depend on the host). Arguments come from `--seed 1` except those in
`inputs` ("index=file.npy"): scalar code that reads an argument (block
tables, lengths) needs real values.
"""
import json
import os
import subprocess

DEFAULT_BUILD = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build")


def lower_and_time(build, source, options, tmp, inputs=()):
    src, low = os.path.join(tmp, "k.mlir"), os.path.join(tmp, "k.kernel.mlir")
    with open(src, "w") as f:
        f.write(source)
    subprocess.run([os.path.join(build, "bin", "ascend-opt"), src,
                    f"--ascend-lower-to-kernel={options}", "-o", low],
                   check=True, stderr=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(build, "bin", "ascend-run"), low, "--timing-only",
                          "--no-hazard-check", "--seed", "1", "--json"]
                         + [f"--input={i}" for i in inputs],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def pipes(report):
    """Per-pipe rows of a report: a kernel's own, or every launch's of a host."""
    return report.get("pipes") or [p for launch in report["launches"] for p in launch["pipes"]]
