"""Shared by the bench scripts: lower a tensor-level program and time it.

`lower_and_time(build, source, options, tmp)` writes `source`, lowers it with
`ascend-opt --ascend-lower-to-kernel=<options>` and returns ascend-run's
`--timing-only --no-hazard-check --json` report (simulated time: the numbers
do not depend on the host).
"""
import json
import os
import subprocess


def lower_and_time(build, source, options, tmp):
    src, low = os.path.join(tmp, "k.mlir"), os.path.join(tmp, "k.kernel.mlir")
    with open(src, "w") as f:
        f.write(source)
    subprocess.run([os.path.join(build, "bin", "ascend-opt"), src,
                    f"--ascend-lower-to-kernel={options}", "-o", low],
                   check=True, stderr=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(build, "bin", "ascend-run"), low, "--timing-only",
                          "--no-hazard-check", "--seed", "1", "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)
