"""Inputs for npy-bf16.test: the same bf16 values as uint16 bit patterns
(x_u16.npy, y_u16.npy) and as 2-byte void in both descrs ascend-run reads:
'<V2' (x_lt.npy, y_lt.npy: what np.save writes for ml_dtypes' bfloat16) and
'|V2' (x_pipe.npy, y_pipe.npy: what it writes for a plain 'V2' view).
Also a '<V2' file of 16384 elements for the f16 vector_add example (an
error) and a float32 file for the bf16 kernel (an error).

usage: npy_bf16.py OUT_DIR
"""
import io
import sys

import numpy as np


def to_bf16_bits(x):
    """f32 -> bf16 bits, round to nearest even; NaN -> quiet NaN. The
    README's snippet."""
    f = np.asarray(x, np.float32)
    u = f.view(np.uint32).astype(np.uint64)
    rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return np.where(np.isnan(f), 0x7FC0, rounded).astype(np.uint16)


def save_void(path, bits, descr):
    """Saves uint16 `bits` as 2-byte void with header descr `descr`."""
    f = io.BytesIO()
    np.save(f, bits.view('V2'))
    data = f.getvalue()
    # NumPy 1.24 writes '|V2' for plain void; ml_dtypes' bfloat16 ('V' kind,
    # native byte order) gets '<V2'. Either way the descr is 4 characters, so
    # the other one replaces it in place.
    written = next(d for d in (b"'|V2'", b"'<V2'") if d in data[:128])
    data = data.replace(written, ("'%s'" % descr).encode(), 1)
    assert ("'descr': '%s'" % descr).encode() in data[:128], data[:128]
    with open(path, 'wb') as out:
        out.write(data)


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(7)
    shape = (16, 128)
    for name in ('x', 'y'):
        v = rng.standard_normal(shape).astype(np.float32)
        # Values whose bits show byte order, rounding and specials.
        v.flat[:8] = [1.0, -2.0, np.inf, -np.inf, np.nan, -0.0,
                      3.4e38, 1.00390625]
        bits = to_bf16_bits(v)
        np.save('%s/%s_u16.npy' % (out, name), bits)
        save_void('%s/%s_lt.npy' % (out, name), bits, '<V2')
        save_void('%s/%s_pipe.npy' % (out, name), bits, '|V2')
        # Both read back as the same bits in NumPy.
        for suffix in ('lt', 'pipe'):
            back = np.load('%s/%s_%s.npy' % (out, name, suffix))
            assert back.dtype == np.dtype('V2')
            assert (back.view(np.uint16) == bits).all()
    save_void('%s/f16_lt.npy' % out, np.zeros(16384, np.uint16), '<V2')
    np.save('%s/f32.npy' % out, np.zeros(shape, np.float32))


if __name__ == '__main__':
    main()
