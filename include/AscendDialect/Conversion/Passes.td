//===- Passes.td - conversions between levels -------------*- tablegen -*-===//
//
// Kept in alphabetical order of the def names.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_CONVERSION_PASSES
#define ASCEND_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertAscendToAICorePass : Pass<"convert-ascend-to-aicore", "ModuleOp"> {
  let summary = "Tile tensor-level ascend ops into aicore/mte/cube/vec kernels";
  let description = [{
    Turns every function whose body is ascend ops on its arguments into a
    kernel: tensor arguments become GM memrefs, results become extra GM
    arguments written by the kernel, and each ascend op becomes tiled
    kernel-level IR placed on the unit that runs it. No flags and no buffer
    offsets are emitted: `ascend-insert-sync` and `ascend-plan-memory` add
    them (the `ascend-lower-to-kernel` pipeline runs all three).

    Lowered so far:
    - `ascend.matmul` and `ascend.batch_matmul` (f16, bf16; f32
      accumulation; transpose_a/b; a batch is one more dimension of output
      tiles) on the cube core: per output tile of `tile-m x tile-n`, a loop over K chunks
      GM -> L1 (ND -> NZ) and inside it `tile-k` steps L1 -> L0A/L0B ->
      `cube.mmad` (init on the first step), then `mte.fixpipe` L0C -> GM
      converting to the result type. Output tiles are spread over blocks.
      Any M, N, K: partial tiles (the last tile row and column, a K tail,
      M = 1) are loaded with `mte.copy pad` into fractal-sized L1 tiles (K
      padding zeroed), computed on whole fractals and written back from the
      valid corner of L0C; tile-k must be a multiple of the cube's k0 (16
      for f16 and bf16). The last tile row and column get their own static
      code under an `scf.if`; the K tail (K minus the whole tile-k steps) is
      one more padded chunk and step after the chunk loop.
    - elementwise `add, sub, mul, div, max, min`, `exp, log, sqrt, rsqrt,
      reciprocal, abs, relu, neg`, `silu`, `gelu` and `cast` (f16, f32;
      bf16 through f32 casts) on the vector cores: the result is cut into
      tiles of at most `vector-tile` elements, spread over blocks
      round-robin, with static tails. A binary op's operand has the
      result's shape or broadcasts (NumPy alignment) as a row along the
      last dim (`[C]`, `[1, ..., 1, C]`), one value per row (`[..., R, 1]`)
      or a single element (rank 0 or all dims 1); it is copied to UB at its
      own size and expanded with `vec.broadcast`, once per block when every
      tile sees the same values (a single element; a row, when tiles are
      whole rows). Without row or per-row operands the tensor is flattened;
      with them it is viewed as [rows, C] and tiles are whole rows if a row
      is whole 32-byte blocks and fits a tile, else one row at a time in
      chunks with a tail chunk per row. Any other broadcast is an error
      naming the shapes. `silu` (`x / (1 + exp(-x))`), `gelu` (tanh form,
      as `x / (1 + exp(x * (c0 + c1 * x^2)))`) and `cast` compute in f32
      between two casts (docs/Numerics.md); `cast` converts between f16,
      bf16 and f32 (f16 <-> bf16 through f32) with the rounding modes
      `vec.cast` has on the target (Ascend910B*: every mode to f16, all
      but `odd` to bf16; Ascend310P: `rint` and `odd` to f16), any other
      mode is an error.
    - `ascend.softmax` along the last dim and `ascend.rms_norm` (f16, bf16,
      f32; gamma of x's type or f32) on the vector cores: x is viewed as
      [rows, C] and cut into [R, C] UB tiles, cast to f32 (rint, exact),
      computed in f32 with `vec.reduce_rows <max>/<sum>` into [R, 1] row
      values and `vec.broadcast` back to [R, C] (softmax: max, sub, exp,
      sum, div; rms_norm: mul, sum, muls 1/C, adds epsilon, rsqrt, mul, mul
      by gamma, which is loaded and cast once per block) and cast back once
      (rint). R is spread over blocks round-robin with one static tail. A
      row must be whole 32-byte blocks (C * element bytes a multiple of 32).
    - `ascend.rope` (f16, bf16, f32; cos/sin of x's type or f32) on the
      vector cores, one position (token, or batch x sequence index) at a
      time, round-robin over blocks: the position's [heads, D] slice of x
      and its cos/sin rows are loaded and cast to f32, computed in f32 and
      cast back once (rint). `<half>`: cos/sin are broadcast to
      [heads, D/2], and the two halves of the tile (subviews at columns 0
      and D/2) give `y1 = x1*c - x2*s`, `y2 = x2*c + x1*s` (vec.mul, sub,
      add). `<interleaved>` pairs neighbours (x[2i], x[2i+1]): `vec.gather`
      swaps each pair of the slice and repeats cos and sin per pair (sin
      negated for the first element), so `y = x*c' + swap(x)*s'` (vec.mul,
      add), which rounds as `<half>` does for the same pair; the i32 gather
      offsets are built once per block by the scalar unit. The cycle model
      does not cost `vec.gather` yet (reports list it as unsupported). D
      must be a multiple of 16 in both modes (each half row whole 32-byte
      f32 blocks), and one position's tiles must fit UB.

    Default tile sizes follow from the module target's buffers
    (Ascend910B2: UB 192 KiB, L1 512 KiB, L0A/L0B 64 KiB, L0C 128 KiB):
    - Vector tiles take at most a quarter of UB, leaving the rest for the
      rings of `ascend-multi-buffer`. Elementwise: `vector-tile` = UB / 4
      divided by the UB bytes one result element needs (the result and
      every operand in their types, plus their f32 copies when the op
      computes in f32, an f32 tile per broadcast operand and two f32
      scratch tiles for silu and gelu), rounded down to whole 256-byte
      repeats of the narrowest element type: 8192 elements for an f16 add,
      2688 for a bf16 add, 8 rows of 256 for a bf16 add of a `[256]` bias.
      softmax and rms_norm: R = the most rows whose tiles fit a quarter of
      UB (per row: the input, two f32 scratch rows, an f32 copy and the
      output when x is not f32, three f32 row values; rms_norm's gamma and
      its f32 copy counted once), a multiple of 8 when above 8; a row too
      long for a quarter of UB runs one row at a time if it fits UB.
      `vector-tile` set: that many elements, or vector-tile / C rows.
      rope needs no tile size: one position at a time.
    - Matmul: 128 x 128 x 64 are the options' fixed defaults, not computed
      from the target; on Ascend910B2 they make an f16/bf16 A step
      (128 x 64) and B step (64 x 128) 16 KiB, a quarter of L0A and L0B,
      and the f32 accumulator (128 x 128) 64 KiB, half of L0C. Each is
      clamped to the problem (tile-m to M, tile-n to N, tile-k to K
      rounded up to k0); a tile that does not fit its buffer is the
      `aicore.alloc` verifier's error (`tile-m=256 tile-n=256`: "result
      needs 262144 bytes but l0c holds 131072 bytes on Ascend910B2"). The
      K chunk staged in L1 is computed: the largest multiple of tile-k that
      divides the whole K steps (K rounded down to a multiple of tile-k)
      and whose A and B chunks, (tile rows + tile columns, each rounded up
      to 16) x chunk x element bytes, fit half of L1 (the other half for
      double buffering); tile-k if none does. 512 x 1024 x 512 f16:
      (128 + 128) x 512 x 2 B = 256 KiB, two chunks of 512.
    - Blocks: one per unit of work (output tile; vector tile, row group or
      position) up to the target's cube cores for matmul and vector cores
      otherwise (24 and 48 on Ascend910B2), unless `block-dim` is set.

    Functions of several ops. A function whose body is one ascend op on
    its arguments, returning its results, is lowered in place as above. Any
    other function holding ascend ops becomes a *host function*: the same
    GM signature (inputs, then one GM argument per result), no
    `aicore.kernel` attribute, and a body that launches one kernel per
    ascend op with `func.call`, in program order. Each kernel,
    `@<function>_<index>_<op>` (private: only the host launches it, but
    ascend-run runs it alone with `--kernel`), takes GM memrefs for the
    op's distinct operands and its results, and holds the op bracketed
    exactly as a single-op function, so the patterns above lower it and
    choose its block_dim. Between launches, the host
    - gives every intermediate a GM workspace (`memref.alloc` in
      `#aicore.space<gm>`, `memref.dealloc` after the last launch);
    - turns `tensor.collapse_shape` / `expand_shape` into the memref ops
      of the same reassociation, and `tensor.reshape` (static shapes)
      into a collapse to 1-D and an expand: views, no data moves;
    - writes a returned value's op straight into its result argument,
      through the inverse views when reshapes stand between them, also
      when the value is used later (later launches read the result
      argument); a value returned a second time, a returned argument, or
      a returned reshape of one is copied with `memref.copy` after the
      last launch.
    Fused cube -> vector kernels (`fuse-epilogues`, on by default): on
    split targets a matmul or batch_matmul whose only user is a lowered
    elementwise op keeping its shape (unary, or binary whose other operand
    has that shape or is a row such as a bias) is launched with it as one
    kernel `@<function>_<index>_<matmul>_<op>`, where the epilogue stands;
    the host passes a GM workspace of the matmul's result type (after the
    other operands, before the results). The kernel holds an
    `aicore.core <cube>` region (the matmul tiling above, each tile
    fixpiped into the workspace, rounded as the matmul's own kernel rounds
    it) and an `aicore.core <vector>` region that walks the same output
    tiles over the same blocks; the first vector core takes ceil(rows / 2)
    rows of a tile (`aicore.sub_block_idx`), the second the rest, in chunks
    that fit a quarter of UB (one row at a time when a row is not whole
    32-byte blocks), computed as the elementwise op's own kernel computes
    them: results are bit-identical to the two launches. A function of just
    the two ops is a host with one launch. `ascend-insert-sync` orders the
    workspace between the regions.
    `ascend.flash_attention` (split targets; f16 / bf16; MHA, GQA, MQA;
    `causal`; Sq and Skv multiples of 64, head dims multiples of 16 up to
    256; no explicit mask yet) is always launched from a host, which passes
    three GM workspaces after its operands: per block one 64-row slot for
    S and the PV partial (f32) and for P (the input type). Work items
    (batch, head, 64 query rows) go round-robin over blocks; per KV tile
    the cube computes S = Q K^T and P V, the vector cores (32 rows each)
    keep the online softmax in f32, and cross-core flags inside the KV
    loops hand S, P and PV over; causal tiles above the diagonal are
    skipped (FlashAttention.cpp).
    Any other op between ascend ops (constants feeding ops, slices, casts,
    control flow) is an error naming it; an op the patterns cannot lower
    reports why from its kernel, as for single-op functions.
    `ascend-plan-memory` and `ascend-insert-sync` leave hosts alone.

    ```mlir
    func.func @scores(%q: tensor<64x128xf16>, %k: tensor<128x256xf16>) -> tensor<64x256xf16> {
      %s = ascend.matmul %q, %k : tensor<64x128xf16>, tensor<128x256xf16> -> tensor<64x256xf16>
      %p = ascend.softmax %s dim 1 : tensor<64x256xf16> -> tensor<64x256xf16>
      return %p : tensor<64x256xf16>
    }
    // becomes
    func.func @scores(%q: memref<64x128xf16, #aicore.space<gm>>, %k: ..., %p: ...) {
      %s = memref.alloc() : memref<64x256xf16, #aicore.space<gm>>
      call @scores_0_matmul(%q, %k, %s) : (...) -> ()
      call @scores_1_softmax(%s, %p) : (...) -> ()
      memref.dealloc %s : memref<64x256xf16, #aicore.space<gm>>
      return
    }
    func.func private @scores_0_matmul(...) attributes {aicore.kernel = ...} { ... }
    func.func private @scores_1_softmax(...) attributes {aicore.kernel = ...} { ... }
    ```

    Before:
    ```mlir
    func.func @add(%a: tensor<4096xf16>, %b: tensor<4096xf16>) -> tensor<4096xf16> {
      %c = ascend.add %a, %b : tensor<4096xf16>, tensor<4096xf16> -> tensor<4096xf16>
      return %c : tensor<4096xf16>
    }
    ```
    After (abridged):
    ```mlir
    func.func @add(%a: memref<4096xf16, #aicore.space<gm>>, %b: ..., %c: ...)
        attributes {aicore.kernel = #aicore.kernel<block_dim = ...>} {
      scf.for %t = %block to %tiles step %blocks {
        mte.copy %a_tile, %ub_a ...
        vec.add %ub_a, %ub_b, %ub_c ...
        mte.copy %ub_c, %c_tile ...
      }
    }
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "Set the module's target SoC (e.g. Ascend910B2) before lowering; "
           "empty: keep the module's aicore.target (default Ascend910B2)">,
    Option<"blockDim", "block-dim", "int64_t", /*default=*/"0",
           "Blocks to launch (0: as many as the work and the target's cores allow)">,
    Option<"vectorTile", "vector-tile", "int64_t", /*default=*/"0",
           "Elements per vector tile (0: from the UB size)">,
    Option<"tileM", "tile-m", "int64_t", /*default=*/"128", "Matmul output tile rows">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"128", "Matmul output tile columns">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"64", "Matmul K step">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", /*default=*/"true",
           "On split targets, lower a matmul whose only user is an "
           "elementwise op as one cube -> vector kernel (false: one launch "
           "per op)">,
  ];
  let dependentDialects = [
    "::mlir::aicore::AICoreDialect", "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect", "::mlir::cube::CubeDialect",
    "::mlir::memref::MemRefDialect", "::mlir::mte::MTEDialect",
    "::mlir::scf::SCFDialect", "::mlir::vec::VecDialect"
  ];
}

def RaiseLinalgToAscendPass : Pass<"ascend-raise-linalg"> {
  let summary = "Raise upstream linalg on tensors (torch-mlir, StableHLO) into ascend ops";
  let description = [{
    Rewrites the linalg forms that torch-mlir and StableHLO->linalg produce
    into tensor-level `ascend` ops, so their programs enter the toolchain.
    Every linalg op the pass does not recognise stays exactly as it was;
    `report-unmatched` attaches a remark saying why to each of them. The
    same text is the patterns' match-failure reason and the
    `-debug-only=ascend-raise-linalg` output, which needs an LLVM with
    assertions (Debian's has none, so use the option there).

    Rules:
    - `linalg.matmul`, `batch_matmul` and their `_transpose_a` /
      `_transpose_b` forms, and `linalg.generic` ops with their indexing
      maps and a multiply-add body (operands optionally widened by
      `arith.extf`), become `ascend.matmul` / `ascend.batch_matmul`
      with the transpose flags; a `linalg.transpose` (or copying
      `linalg.generic`) that swaps the last two dims of an operand is folded
      into the flag. Operands are f16, bf16 or f32 of one type; the result
      is that type or f32. linalg accumulates into its init (C += A x B): a
      zero fill or a `tensor.empty` init (undefined contents) adds nothing,
      any other init is added with `ascend.add init, product`.
    - An elementwise op (all loops parallel: `linalg.generic`,
      `linalg.map`, `linalg.add`/`sub`/`mul`/`div`/`max`/`min`/`exp`/
      `log`/`sqrt`/`rsqrt`/`reciprocal`/`abs`/`negf`/`square`) has its body
      translated, op by op, into ascend ops on whole tensors: `arith.addf,
      subf, mulf, divf, maximumf, minimumf, negf, extf, truncf`, `math.exp,
      log, sqrt, rsqrt, absf, tanh, erf`; `divf(1, x)` is `reciprocal`, `maximumf(x,
      +0)` and torch-mlir's `select(cmpf(ugt, x, +0), x, +0)` are `relu`,
      `powf(x, 2)` / `fpowi(x, 2)` are `mul(x, x)`, multiplications by 1
      (torch-mlir's `alpha`) vanish and casts become `ascend.cast` (rounding
      mode from `truncf`'s, default rint). Constants and scalars become
      rank-0 tensors, a fill (`linalg.fill` or a generic writing one
      scalar) read as an operand becomes its scalar. Indexing
      maps must be broadcasts (loop dims dropped, or a unit dim read at 0);
      they become NumPy broadcasting, with `tensor.expand_shape` inserting
      unit dims where NumPy's alignment at the trailing dims needs them, and
      broadcasts (`linalg.broadcast`, copying generics) feeding the op are
      folded in. `maxnumf`/`minnumf` stay (they drop NaN; ascend's max and
      min return it).
    - A copy that repeats slices along one dim (grouped-query attention's
      repeat_kv) becomes `ascend.repeat` (repeat_interleave): a copying
      generic reading dim `d` as `d floordiv G`, or a broadcast
      (`linalg.broadcast`, or a generic reading a unit dim at 0) along a
      new dim `h >= 1`, which becomes the repeat along dim `h - 1` expanded
      back to the broadcast's shape (the reshape merging `h - 1` and `h`
      after it then folds away). Other copies stay.
    - `linalg.softmax` becomes `ascend.softmax`.
    - The ascend dialect has no reduce op, so a sum or max over one dim
      (`linalg.reduce` or a generic with one reduction loop, init a fill
      with the identity) is raised only as part of:
      rms_norm: `x * rsqrt(sum(x^2, last) / H + eps)` (or `x / sqrt(..)`,
      `* (1/H)` for `/ H`, the square as a separate op or fused into the
      sum, each element widened with `arith.extf` in the sum's body as
      PyTorch's mixed precision writes it), optionally times gamma `[H]`
      (ones otherwise) ->
      `ascend.rms_norm` with epsilon; or cast to x's original type
      (LlamaRMSNorm) -> `ascend.rms_norm` with ones, its `* weight` left as
      the `ascend.mul` it is, so the program's rounding before the weight
      stays;
      softmax: `exp(x - max(x, d)) / sum(exp(x - max(x, d)), d)` (or `*
      reciprocal(sum)`) -> `ascend.softmax` dim d. The chains are matched
      over the ascend ops their elementwise parts become, so the pass
      repeats until nothing changes; intermediates must have no other users.
    - Only linalg ops are visited: other ops are neither folded nor erased
      (the constants, tensor.empty and tensor.dim ops a raised op leaves
      unused are), and a linalg op that is already dead is left alone.

    Precision: ascend's fused ops compute in f32 and round once, so a raised
    f16 or bf16 matmul (linalg accumulates in the result type) or rms_norm
    (rounded after each step) is usually more accurate than the linalg it
    replaces, and not bit-identical to it.

    ```mlir
    // Before: nn.Linear without bias, as torch-mlir emits it
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<4096x11008xbf16>
    %wt = linalg.transpose ins(%w : tensor<11008x4096xbf16>)
        outs(%e : tensor<4096x11008xbf16>) permutation = [1, 0]
    %e1 = tensor.empty() : tensor<16x11008xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16x11008xf32>) -> tensor<16x11008xf32>
    %y = linalg.matmul ins(%x, %wt : tensor<16x4096xbf16>, tensor<4096x11008xbf16>)
        outs(%acc : tensor<16x11008xf32>) -> tensor<16x11008xf32>
    // After
    %y = ascend.matmul %x, %w {transpose_b}
        : tensor<16x4096xbf16>, tensor<11008x4096xbf16> -> tensor<16x11008xf32>
    ```

    With `report-unmatched`, an op left alone gets e.g.
    `remark: not raised: its body computes math.tanh, which no ascend op computes`.
  }];
  let options = [
    Option<"reportUnmatched", "report-unmatched", "bool", /*default=*/"false",
           "Emit a remark at every linalg op left alone, saying why">,
  ];
  let dependentDialects = [
    "::mlir::ascend::AscendDialect", "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // ASCEND_CONVERSION_PASSES
