#!/usr/bin/env python3
"""NumPy references for numerics-kernels.mlir (docs/Numerics.md).

  numerics_numpy.py gen DIR    writes each kernel's inputs to DIR/<kernel>/
  numerics_numpy.py check DIR  compares the outputs ascend-run wrote there

Every check is bit-exact: each reference follows the contract's order and
rounding, not NumPy's defaults where they differ (pairwise np.sum, astype
wrapping instead of saturating). The one thing compared by class only is a
NaN's payload, which the contract fixes for conversions (checked) but not
for arithmetic (sums and max/min of NaN just have to be NaN).
"""
import os
import sys
import numpy as np

from references import vcadd_sum

np.seterr(all="ignore")  # inf, NaN and saturation are the point here

# Rows of 224: three and a half vcadd repeats of f32, one and three
# quarters of f16.
REDUCE_SHAPE = (32, 224)
MODES = ("rint", "round", "floor", "ceil", "trunc")
# The constants of @matmul_i8 (bit patterns of its arith.constant scales).
REQUANT_SCALE, REQUANT_OFFSET = 0x3B4A4587, -37
CHANNEL_OFFSET = 11
DEQUANT_SCALE = 0x3A83126F


def f32(bits):
    return np.uint32(bits).view(np.float32)


#===----------------------------------------------------------------------===#
# Inputs
#===----------------------------------------------------------------------===#

def reduce_input(dtype, rng):
    """Values whose sums round at almost every step, plus the special cases."""
    lo, hi = (-20, 20) if dtype == np.float32 else (-8, 8)
    x = rng.standard_normal(REDUCE_SHAPE) * np.exp2(rng.integers(lo, hi, REDUCE_SHAPE))
    x = x.astype(dtype)
    x[1, 5] = np.nan                          # NaN wins max, min and sum
    x[2, 7], x[2, 9] = np.inf, -np.inf        # inf + -inf = NaN
    x[3, :] = np.where(rng.random(REDUCE_SHAPE[1]) < 0.5, -0.0, 0.0)  # +0 > -0 for max/min
    x[4, :] = -0.0                            # a sum of -0s stays -0
    big = np.finfo(dtype).max / 4
    x[5, :REDUCE_SHAPE[1] // 2] = big         # row 5's sum overflows
    x[6, :] = 1                               # 1 + 1 + ... is exact, then not
    if dtype == np.float16:
        x[6, :] = 1000                        # f16 spacing 32 from 2048 up
    x[:, 10] = -0.0
    x[:, 11] = np.where(rng.random(REDUCE_SHAPE[0]) < 0.5, -0.0, 0.0)
    x[8, :] = np.finfo(dtype).tiny * rng.standard_normal(REDUCE_SHAPE[1])  # subnormals
    return x.astype(dtype)


def cast_f32_f16_input(rng):
    n = 4096
    x = (rng.standard_normal(n) * np.exp2(rng.integers(-30, 18, n))).astype(np.float32)
    special = np.array([
        65504, 65519.996, 65520, 65536, 1e30, -65504, -65520, -1e30,
        np.inf, -np.inf, 0.0, -0.0,
        2.0**-24, 2.0**-25, -2.0**-25, 3 * 2.0**-25, 2.0**-25 * 1.0000001,
        2.0**-26, 2.0**-14, 2.0**-14 - 2.0**-25, 1e-45, -1e-45,
        1 + 2.0**-11, 1 + 3 * 2.0**-11, -(1 + 2.0**-11), 2049, 2051,
    ], dtype=np.float32)
    x[:len(special)] = special
    nans = np.array([0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FC01234, 0xFFFFFFFF],
                    dtype=np.uint32).view(np.float32)
    x[len(special):len(special) + len(nans)] = nans
    return x


def cast_f32_i32_input(rng):
    n = 4096
    x = (rng.standard_normal(n) * np.exp2(rng.integers(-3, 40, n))).astype(np.float32)
    # Halves exercise ties; they are exact in f32 up to 2^23.
    x[100:600] = (rng.integers(-2**22, 2**22, 500) + 0.5).astype(np.float32)
    special = np.array([
        2.0**31, -2.0**31, 2.0**31 - 128, -2.0**31 - 256, 1e10, -1e10, 3e38,
        np.inf, -np.inf, np.nan, -np.nan, 0.0, -0.0,
        0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, -0.49999997,
        8388607.5, -8388607.5, 1e-40,
    ], dtype=np.float32)
    x[:len(special)] = special
    return x


def generate(out):
    rng = np.random.default_rng(7)
    def save(kernel, **arrays):
        os.makedirs(f"{out}/{kernel}", exist_ok=True)
        for name, a in arrays.items():
            np.save(f"{out}/{kernel}/{name}.npy", a)

    save("reduce_f32", x=reduce_input(np.float32, rng))
    save("reduce_f16", x=reduce_input(np.float16, rng))
    save("cast_f32_f16", x=cast_f32_f16_input(rng))
    save("cast_f16_i8", x=np.arange(65536, dtype=np.uint16).view(np.float16))
    save("cast_f32_i32", x=cast_f32_i32_input(rng))
    # Per-channel scales: both signs (relu then matters), random low bits.
    scale = (rng.uniform(0.001, 0.01, 64) * rng.choice([-1, 1], 64)).astype(np.float32)
    save("matmul_i8",
         a=rng.integers(-128, 128, (64, 128), dtype=np.int8),
         b=rng.integers(-128, 128, (128, 64), dtype=np.int8),
         channel_scale=scale)


#===----------------------------------------------------------------------===#
# References
#===----------------------------------------------------------------------===#

def sequential_sum(x, axis):
    """Column sums (Numerics.md): from index 0, in the operand type,
    rounding each add."""
    x = np.moveaxis(x, axis, 0)
    acc = x[0].copy()
    for k in range(1, x.shape[0]):
        acc = acc + x[k]  # one correctly rounded add in x.dtype
    return np.expand_dims(acc, axis)


def ieee_extreme(x, axis, is_max):
    """IEEE 754-2019 maximum/minimum: NaN wins, -0 < +0 (vec.max/vec.min)."""
    x = np.moveaxis(x, axis, 0)
    acc = x[0].copy()
    for k in range(1, x.shape[0]):
        b = x[k]
        pick_b = (b > acc) if is_max else (b < acc)
        # Equal values differ at most in the sign of zero.
        pick_b |= (acc == b) & (np.signbit(acc) if is_max else np.signbit(b))
        acc = np.where(pick_b, b, acc)
        acc = np.where(np.isnan(acc) | np.isnan(b), np.nan, acc).astype(x.dtype)
    return np.expand_dims(acc, axis)


def round_mode(v, mode):
    """Round float64 values to integers in an #aicore.round mode."""
    return {
        "rint": np.rint,
        "round": lambda t: np.sign(t) * np.floor(np.abs(t) + 0.5),
        "floor": np.floor,
        "ceil": np.ceil,
        "trunc": np.trunc,
    }[mode](v)


def to_int(x, mode, dtype):
    """Float -> integer: round, NaN -> 0, saturate (astype alone would wrap)."""
    info = np.iinfo(dtype)
    v = round_mode(x.astype(np.float64), mode)
    v = np.where(np.isnan(v), 0, v)
    return np.clip(v, info.min, info.max).astype(np.int64).astype(dtype)


def f32_to_f16(x):
    """RNE with overflow to inf; NaN -> quiet 0x7E00 with the sign kept."""
    y = x.astype(np.float16).view(np.uint16)
    nan = np.isnan(x)
    sign = (x.view(np.uint32) >> 16).astype(np.uint16) & 0x8000
    y = np.where(nan, 0x7E00 | sign, y).astype(np.uint16)
    return y.view(np.float16)


def truncate_scale(s):
    """The fixpipe keeps the top 19 bits of an f32 scale."""
    s = np.asarray(s, dtype=np.float32)
    return (s.view(np.uint32) & np.uint32(0xFFFFE000)).view(np.float32)


def requant(acc, scale, offset, relu):
    """saturate_i8(rint(f32(acc) * scale + offset)), each step in f32."""
    v = acc.astype(np.float32) * scale
    v = (v + np.float32(offset)).astype(np.float32)
    q = to_int(v, "rint", np.int8)
    return np.maximum(q, 0).astype(np.int8) if relu else q


def dequant(acc, scale, relu):
    """f16_rint(f32(acc) * scale), the product rounded to f32 first."""
    h = (acc.astype(np.float32) * scale).astype(np.float32).astype(np.float16)
    return np.where(h < 0, np.float16(0), h).astype(np.float16) if relu else h


#===----------------------------------------------------------------------===#
# Checks
#===----------------------------------------------------------------------===#

failures = 0


def same_bits(got, want):
    """Per element: identical bits, or NaN on both sides."""
    assert got.dtype == want.dtype and got.shape == want.shape, (
        got.dtype, got.shape, want.dtype, want.shape)
    if want.dtype.kind != "f":
        return got == want
    uint = {2: np.uint16, 4: np.uint32}[want.dtype.itemsize]
    return (got.view(uint) == want.view(uint)) | (np.isnan(got) & np.isnan(want))


def check(label, got, want):
    """Prints one line per output; details of the first mismatches."""
    global failures
    ok = same_bits(got, want)
    bad = np.argwhere(~ok)
    if len(bad) == 0:
        print(f"{label}: {want.size} values bit-exact")
        return
    failures += 1
    print(f"{label}: {len(bad)} of {want.size} values differ")
    for idx in bad[:5]:
        i = tuple(idx)
        print(f"  at {list(i)}: got {got[i]!r}, expected {want[i]!r}")


def load(out, kernel, name):
    return np.load(f"{out}/{kernel}/{name}.npy")


def check_reductions(out, kernel):
    x = load(out, kernel, "x")
    differ = {}
    for axis, where in ((1, "row"), (0, "col")):
        # Rows add in vcadd's order, columns sequentially; each must differ
        # somewhere from the other order, or the data proves nothing.
        want, other = vcadd_sum(x, axis), sequential_sum(x, axis)
        if axis == 0:
            want, other = other, want
        check(f"{kernel} {where}_sum", load(out, kernel, f"{where}_sum"), want)
        differ[where] = int((~same_bits(other, want)).sum())
        check(f"{kernel} {where}_max", load(out, kernel, f"{where}_max"), ieee_extreme(x, axis, True))
        check(f"{kernel} {where}_min", load(out, kernel, f"{where}_min"), ieee_extreme(x, axis, False))
    print(f"{kernel}: {differ['row']} row sums differ from the sequential order, "
          f"{differ['col']} column sums from vcadd's")
    if 0 in differ.values():
        global failures
        failures += 1


def check_casts(out):
    x = load(out, "cast_f32_f16", "x")
    check("cast_f32_f16 rint", load(out, "cast_f32_f16", "y"), f32_to_f16(x))

    kernel = "cast_f16_i8"
    x = load(out, kernel, "x")
    for mode in MODES:
        check(f"{kernel} {mode}", load(out, kernel, mode), to_int(x, mode, np.int8))
    # NumPy's astype would wrap these (and map NaN arbitrarily).
    t = np.trunc(x.astype(np.float64))
    outside = int((~((t >= -128) & (t <= 127))).sum())
    print(f"{kernel}: {outside} of 65536 inputs are NaN or beyond the i8 range")

    kernel = "cast_f32_i32"
    x = load(out, kernel, "x")
    for mode in MODES:
        check(f"{kernel} {mode}", load(out, kernel, mode), to_int(x, mode, np.int32))


def check_matmul(out):
    kernel = "matmul_i8"
    a, b = load(out, kernel, "a"), load(out, kernel, "b")
    scale = load(out, kernel, "channel_scale")
    acc = a.astype(np.int32) @ b.astype(np.int32)  # exact: |acc| < 2^22
    check(f"{kernel} none (i32)", load(out, kernel, "c"), acc)

    s = truncate_scale(f32(REQUANT_SCALE))
    want = requant(acc, s, REQUANT_OFFSET, relu=False)
    check(f"{kernel} requant", load(out, kernel, "q"), want)
    full = requant(acc, f32(REQUANT_SCALE), REQUANT_OFFSET, relu=False)
    saturated = int(((want == 127) | (want == -128)).sum())
    print(f"{kernel} requant: {saturated} saturated, "
          f"{int((full != want).sum())} would differ without scale truncation")

    check(f"{kernel} requant per-channel relu", load(out, kernel, "q_channel"),
          requant(acc, truncate_scale(scale)[None, :], CHANNEL_OFFSET, relu=True))

    s = truncate_scale(f32(DEQUANT_SCALE))
    want = dequant(acc, s, relu=False)
    check(f"{kernel} dequant", load(out, kernel, "h"), want)
    full = dequant(acc, f32(DEQUANT_SCALE), relu=False)
    print(f"{kernel} dequant: {int((~same_bits(full, want)).sum())} would "
          f"differ without scale truncation")
    check(f"{kernel} dequant per-channel relu", load(out, kernel, "h_channel"),
          dequant(acc, truncate_scale(scale)[None, :], relu=True))


def main():
    command, out = sys.argv[1], sys.argv[2]
    if command == "gen":
        generate(out)
        return 0
    check_reductions(out, "reduce_f32")
    check_reductions(out, "reduce_f16")
    check_casts(out)
    check_matmul(out)
    print("FAILED" if failures else "all bit-exact")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
