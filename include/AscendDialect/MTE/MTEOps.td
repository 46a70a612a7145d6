//===- MTEOps.td - mte ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_MTE_OPS
#define ASCEND_MTE_OPS

include "AscendDialect/MTE/MTEDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Transfers move numbers; index or complex memrefs never live in a buffer.
def MTE_Tile : MemRefOf<[AnySignlessInteger, AnyFloat]>;

//===----------------------------------------------------------------------===//
// CopyOp
//===----------------------------------------------------------------------===//

def MTE_CopyOp : MTE_Op<"copy", [
    DeclareOpInterfaceMethods<AICore_TileOpInterface>]> {
  let summary = "copy a tile between two address spaces";
  let description = [{
    Copies the tile `src` into the tile `dst`, element by element. Both have
    the same element type and the same shape; mte.copy never converts types
    (use `vec.cast`, or `mte.fixpipe` for cube results).

    **The pipe follows from the pair.** The (source space, destination
    space) pair must be a path of the module's target, and the op runs on
    that path's pipe; the op answers it through `TileOpInterface`:

    | pair        | pipe  | Ascend910B2 / 910B4 | Ascend310P |
    |-------------|-------|---------------------|------------|
    | gm -> l1    | mte2  | yes                 | yes        |
    | gm -> ub    | mte2  | yes                 | yes        |
    | l1 -> gm    | mte3  | yes                 | yes        |
    | ub -> gm    | mte3  | yes                 | yes        |
    | l1 -> l0a   | mte1  | yes                 | yes        |
    | l1 -> l0b   | mte1  | yes                 | yes        |
    | ub -> ub    | v     | yes                 | yes        |
    | l1 -> ub    | mte1  | no                  | yes        |
    | ub -> l1    | mte3  | no                  | yes        |

    On the split 910B targets L1 belongs to the cube core and UB to a vector
    core, so there is no L1 <-> UB path: data crosses through GM. L0C is
    never a source; cube results leave it through `mte.fixpipe`. The op runs
    on the core that owns its non-GM space (cube for L1/L0A/L0B, vector for
    UB).

    **Layout.** `src_layout` and `dst_layout` name the storage layout of
    each side (`nd`, row-major, when omitted). The memref shape is always
    the logical matrix shape; an `nz` tile stores it as 16-row x 32-byte
    fractals, fractals column-major, so it must be 2-D with rows a multiple
    of 16 and columns a multiple of 32 B / element size (16 for f16, 8 for
    f32, 32 for i8). `nd -> nz` converts on the way into L1 or UB (from GM
    or UB); `nz -> nd` converts on the way out of L1 or UB (into GM or UB);
    `nz -> nz` copies fractals unchanged (e.g. NZ weights from GM to L1).
    Layouts describe storage only: they never change the logical matrix.
    Into L0A/L0B only `src_layout` applies (normally `nz`: load2d reads L1
    fractals); those buffers always hold the cube's own fractal formats
    (zZ, nZ), so `dst_layout` stays `nd`, meaning "the buffer's format".

    **L0A / L0B destinations** (`load2d`) are always fractal: the tile is
    2-D and a whole number of the cube's fractals for its element type on
    the target (m0/n0 x k0: 16x16 for f16/bf16, 16x8 for f32, 16x32 for i8,
    16x64 for i4), in either orientation, and the element type must be one
    the cube takes. `transpose` (L1 -> L0A/L0B only) transposes the tile on
    the way: `dst` has the transposed shape of `src`.

    **Padding** (`pad`, gm -> l1 with `dst_layout <nz>` only) loads a
    partial block, e.g. the tail of a matmul operand, into fractals. `src`
    is any [rows, cols] block; `dst` has `cols` rounded up to whole 32-byte
    fractal rows (16 f16/bf16 elements) and either `rows` (the fractals'
    remaining rows are not written) or `rows` rounded up to a multiple of
    16 (they are written). Every element of `dst` outside `src` is zero.
    This is the ND -> NZ engine, which zero-fills each row up to 32 bytes
    (CANN `copy_gm_to_cbuf_multi_nd2nz`: a lowest dimension not aligned to
    32 B is padded with zeros in L1), plus, for the padding rows, an L1
    fill (Ascend C `InitConstValue`, i.e. `create_cbuf_matrix`), as
    catlass-style block mmads zero a K tail. The cycle model charges the
    fill to this op: the padding rows' bytes at pto-isa's L1 fill rate
    (`L1_FILL`, 32 GiB/s; pto-isa files it under MTE1, Ascend C kernels
    order it with MTE2 flags, and we keep it on the copy's MTE2).
    Zero K padding keeps `cube.mmad`, which always multiplies whole
    fractals, exact (0 x 0 adds +0); padding M rows or N columns need not
    be zero, since the results they produce are never read back (a
    fixpipe from the valid corner of L0C).

    ```mlir
    mte.copy %gm, %l1 : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<l1>>
    mte.copy %w, %l1 dst_layout <nz> : memref<128x64xf16, #aicore.space<gm>>, memref<128x64xf16, #aicore.space<l1>>
    mte.copy %l1, %l0b src_layout <nz> transpose : memref<64x128xf16, #aicore.space<l1>>, memref<128x64xf16, #aicore.space<l0b>>
    // 7 rows of a 33-wide K tail: columns padded to 48, rows to 16.
    mte.copy %a, %l1 dst_layout <nz> pad : memref<7x33xf16, strided<[100, 1], offset: ?>, #aicore.space<gm>>, memref<16x48xf16, #aicore.space<l1>>
    ```
  }];
  let arguments = (ins
    Arg<MTE_Tile, "tile to read", [MemRead]>:$src,
    Arg<MTE_Tile, "tile to write", [MemWrite]>:$dst,
    DefaultValuedAttr<AICore_LayoutAttr, "::mlir::aicore::Layout::nd">:$src_layout,
    DefaultValuedAttr<AICore_LayoutAttr, "::mlir::aicore::Layout::nd">:$dst_layout,
    UnitAttr:$transpose,
    UnitAttr:$pad);
  let assemblyFormat = [{
    $src `,` $dst (`src_layout` $src_layout^)? (`dst_layout` $dst_layout^)?
    (`transpose` $transpose^)? (`pad` $pad^)? attr-dict `:` type($src) `,` type($dst)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// FixpipeOp
//===----------------------------------------------------------------------===//

def MTE_FixpipeOp : MTE_Op<"fixpipe", [
    DeclareOpInterfaceMethods<AICore_TileOpInterface>,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "move cube results out of L0C, converting them on the way";
  let description = [{
    Reads the 2-D L0C tile `src` (f32 or i32 results of `cube.mmad`, rows
    and columns multiples of 16) and writes it to `dst`, which has the same
    shape. `src` may instead be the valid [m, n] corner of such a tile, any
    m and n: a view whose row stride is a multiple of 16. The fixpipe then
    reads only those rows and columns (Ascend C `FixpipeParamsV220`'s
    `mSize` / `nSize`, the source stride staying whole fractals), which is
    how a matmul tile padded to whole fractals leaves L0C. Each element is
    first converted by `quant`:

    | mode          | src -> dst             | result                              |
    |---------------|------------------------|-------------------------------------|
    | `none`        | f32 -> f32, i32 -> i32 | unchanged                           |
    | `f32_to_f16`  | f32 -> f16             | rounded to nearest even             |
    | `f32_to_bf16` | f32 -> bf16            | rounded to nearest even             |
    | `requant`     | i32 -> i8              | x * scale + offset, rounded, saturated |
    | `dequant`     | i32 -> f16             | x * scale, rounded to nearest even  |

    `requant` and `dequant` need `scale`: a scalar f32, or a per-channel
    `memref<N x f32>` in L1 with N = dst columns (channel j scales column
    j). The other modes take no scale. `requant` may add an `offset` in
    [-256, 255] (the hardware's 9-bit offset field). docs/Numerics.md fixes
    the exact rounding.

    Then `relu`, when set, replaces negative converted values by zero, and
    the fractal (NZ) layout of L0C is converted to row-major (ND) unless
    `dst_layout <nz>` keeps it, which is only allowed when writing L1 (where the
    next `cube.mmad` operand is staged in NZ).

    The destination must be a path of the module's target from L0C, and the
    op runs on that path's pipe: on Ascend910B2/910B4 `dst` is in GM or L1
    and the pipe is FIX; on Ascend310P (no fixpipe unit) `dst` is in UB and
    the pipe is V. It runs on the cube core.

    ```mlir
    mte.fixpipe %c, %out quant <f32_to_f16> relu : memref<128x256xf32, #aicore.space<l0c>>, memref<128x256xf16, #aicore.space<gm>>
    mte.fixpipe %acc, %q quant <requant> scale(%s : f32) offset -3 : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xi8, #aicore.space<gm>>
    mte.fixpipe %acc, %h quant <dequant> scale(%per_ch : memref<64xf32, #aicore.space<l1>>) : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xf16, #aicore.space<gm>>
    mte.fixpipe %c, %l1 dst_layout <nz> : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<l1>>
    // The valid 7 x 20 corner of a 16 x 32 tile.
    mte.fixpipe %valid, %out quant <f32_to_f16> : memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>, memref<7x20xf16, strided<[130, 1], offset: ?>, #aicore.space<gm>>
    ```
  }];
  let arguments = (ins
    MTE_Tile:$src,
    MTE_Tile:$dst,
    Optional<AnyTypeOf<[F32, MemRefOf<[F32]>]>>:$scale,
    DefaultValuedAttr<AICore_QuantModeAttr, "::mlir::aicore::QuantMode::none">:$quant,
    OptionalAttr<I64Attr>:$offset,
    UnitAttr:$relu,
    DefaultValuedAttr<AICore_LayoutAttr, "::mlir::aicore::Layout::nd">:$dst_layout);
  let assemblyFormat = [{
    $src `,` $dst (`quant` $quant^)? (`scale` `(` $scale^ `:` type($scale) `)`)?
    (`offset` $offset^)? (`relu` $relu^)? (`dst_layout` $dst_layout^)?
    attr-dict `:` type($src) `,` type($dst)
  }];
  let hasVerifier = 1;
}

#endif // ASCEND_MTE_OPS
