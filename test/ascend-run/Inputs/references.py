"""NumPy references shared by the Inputs/*.py generators.

They follow docs/Numerics.md: bf16 arrays are uint16 bit patterns (as
ascend-run binds them), matmuls accumulate in f32 sequentially in k, row
sums add in the vector unit's order (vcadd_sum), and composite ops compute
in f32 and round once. NumPy's exp and 1/sqrt are not
the contract's, so tests that use softmax32 / rms_norm32 state a tolerance.
"""
import numpy as np


def to_bf16(x32):
    """f32 -> bf16 bits, round to nearest even (finite inputs)."""
    bits = x32.astype(np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def from_bf16(b):
    return (b.astype(np.uint32) << 16).view(np.float32)


def random_half(rng, shapes, bf16):
    """N(0, 1) arrays of `shapes` as stored (bf16 bits or f16) and as their
    exact f32 values."""
    arrays = [rng.standard_normal(shape).astype(np.float32) for shape in shapes]
    if bf16:
        stored = [to_bf16(a) for a in arrays]
        return stored, [from_bf16(a) for a in stored]
    stored = [a.astype(np.float16) for a in arrays]
    return stored, [a.astype(np.float32) for a in stored]


def rounded(x32, bf16):
    """f32 results rounded once to the element type as stored."""
    return to_bf16(x32) if bf16 else x32.astype(np.float16)


def sequential_matmul(a32, b32):
    """[..., M, K] x [..., K, N] in f32, sequential in k."""
    acc = np.zeros(a32.shape[:-1] + b32.shape[-1:], np.float32)
    for k in range(a32.shape[-1]):
        acc = acc + a32[..., :, k:k + 1] * b32[..., k:k + 1, :]
    return acc


def vcadd_sum(x, axis=-1, keepdims=True):
    """Sums along `axis` in the vector unit's order (docs/Numerics.md,
    vec.reduce_rows): repeats of 256 bytes (64 f32 or 128 f16 elements),
    each summed by a tree of adjacent pairs ((x0+x1), (x2+x3), ..., then
    those pairwise, a last odd one passing through), the repeats' sums then
    added in order. Every addition rounds to x.dtype."""
    x = np.moveaxis(np.asarray(x), axis, -1)
    lanes = 256 // x.dtype.itemsize
    acc = None
    for start in range(0, x.shape[-1], lanes):
        level = x[..., start:start + lanes]
        while level.shape[-1] > 1:
            pairs = level.shape[-1] // 2
            summed = level[..., 0:2 * pairs:2] + level[..., 1:2 * pairs:2]
            level = np.concatenate([summed, level[..., 2 * pairs:]], axis=-1)
        acc = level[..., 0] if acc is None else acc + level[..., 0]
    return np.expand_dims(acc, axis) if keepdims else acc


def softmax32(x32):
    e = np.exp(x32 - x32.max(axis=-1, keepdims=True))
    return e / vcadd_sum(e.astype(np.float32))


def attention32(q, k, v, scale, causal, mask=None):
    """Unfused attention in f32: [B, Nq, Sq, D] x [B, Nkv, Skv, D] (GQA when
    Nkv < Nq), optional additive mask, causal -inf aligned bottom right."""
    group = q.shape[1] // k.shape[1]
    k = np.repeat(k, group, axis=1)
    v = np.repeat(v, group, axis=1)
    s = np.matmul(q, np.swapaxes(k, -1, -2)) * np.float32(scale)
    if mask is not None:
        s = s + mask.astype(np.float32)
    if causal:
        sq, skv = q.shape[2], k.shape[2]
        hidden = np.arange(skv)[None, :] > np.arange(sq)[:, None] + skv - sq
        s = np.where(hidden, np.float32(-np.inf), s)
    return np.matmul(softmax32(s), v)


def rms_norm32(x32, g32, eps):
    x32 = x32.astype(np.float32)
    ms = vcadd_sum(x32 * x32) * np.float32(1.0 / x32.shape[-1])
    return x32 / np.sqrt(ms + np.float32(eps)) * g32


def rope_half32(x32, c32, s32):
    """Rotate halves; c32/s32 are [..., D/2] per position, broadcast over heads."""
    h = x32.shape[-1] // 2
    x1, x2 = x32[..., :h], x32[..., h:]
    c, s = c32[..., None, :], s32[..., None, :]
    return np.concatenate([x1 * c - x2 * s, x2 * c + x1 * s], axis=-1)


def exp32(x32):
    """The contract's exp on f32 (f64 exp rounded once: the same bits as
    docs/Numerics.md's algorithm on every input the tests use)."""
    return np.exp(x32.astype(np.float64)).astype(np.float32)


def tanh32(x32):
    """ascend.tanh's f32 steps (docs/Numerics.md, Composite ops)."""
    f32 = np.float32
    e = exp32(np.maximum(np.minimum(x32, f32(8.8)), f32(-8.8)) * f32(2))
    return (e - f32(1)) / (e + f32(1))


ERF_P = [0.053443748819, 0.75517016694e1, 0.10162808918e3, 0.13938061484e4,
         0.50637915060e4, 0.29639384698e5]
ERF_Q = [0.31212858877e2, 0.39856963806e3, 0.30231248150e4, 0.13243365831e5,
         0.26267224157e5]


def erf32(x32):
    """ascend.erf's f32 steps: x P(x^2) / Q(x^2) on x clamped to +-3.92."""
    f32 = np.float32
    c = np.maximum(np.minimum(x32, f32(3.92)), f32(-3.92))
    x2 = c * c
    p = x2 * f32(ERF_P[0])
    for k in ERF_P[1:-1]:
        p = x2 * (p + f32(k))
    p = c * (p + f32(ERF_P[-1]))
    q = x2 + f32(ERF_Q[0])
    for k in ERF_Q[1:]:
        q = x2 * q + f32(k)
    return p / q


def quiet_nan(x):
    """NaN -> the quiet NaN with its sign, as the contract's conversions
    give (NumPy keeps payloads)."""
    return np.where(np.isnan(x), np.copysign(np.array(np.nan, x.dtype), x), x)


def f16_ties_away(x32):
    """f32 -> f16, nearest with ties away from zero (CAST_ROUND)."""
    h = x32.astype(np.float16)
    d = x32 - h.astype(np.float32)
    inf = np.float16(np.inf)
    other = np.nextafter(h, np.where(d > 0, inf, -inf))
    tie = (d != 0) & (np.abs(other.astype(np.float32) - x32) == np.abs(d))
    away = np.abs(other.astype(np.float32)) > np.abs(h.astype(np.float32))
    return np.where(tie & away, other, h)


class Saver:
    """save(name, array) writes OUTDIR/name.npy."""

    def __init__(self, out):
        self.out = out

    def __call__(self, name, array):
        np.save(f"{self.out}/{name}.npy", array)
