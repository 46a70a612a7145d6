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
      Defaults: 128 x 128 x 64, so that one A and one B step take a quarter
      of L0A and L0B (room for double buffering) and the accumulator half of
      L0C; the K chunk is the largest multiple of tile-k dividing K whose A
      and B chunks fill at most half of L1, so GM transfers are large.
      M, N must be multiples of 16 and K of the cube's k0 (16 for f16).
    - elementwise `add, sub, mul, div, max, min` on equal shapes and `exp,
      log, sqrt, rsqrt, reciprocal, abs, relu, neg` (f16, f32; bf16 through
      f32 casts) on the vector cores: the tensor is flattened, cut into tiles
      of `vector-tile` elements (default: the largest multiple of 256 bytes
      such that every operand's tile and its f32 copy fit a quarter of UB),
      spread over blocks round-robin, with one static tail tile.
    - `ascend.softmax` along the last dim and `ascend.rms_norm` (f16, bf16,
      f32; gamma of x's type or f32) on the vector cores: x is viewed as
      [rows, C] and cut into [R, C] UB tiles, cast to f32 (rint, exact),
      computed in f32 with `vec.reduce_rows <max>/<sum>` into [R, 1] row
      values and `vec.broadcast` back to [R, C] (softmax: max, sub, exp,
      sum, div; rms_norm: mul, sum, muls 1/C, adds epsilon, rsqrt, mul, mul
      by gamma, which is loaded and cast once per block) and cast back once
      (rint). R (default: the most rows, a multiple of 8 when above 8, whose
      tiles fit a quarter of UB; `vector-tile` / C when set) is spread over
      blocks round-robin with one static tail. A row must be whole 32-byte
      blocks (C * element bytes a multiple of 32); a row whose working set
      does not fit a quarter of UB runs one row at a time if it fits UB.
    - `ascend.rope <half>` (f16, bf16, f32; cos/sin of x's type or f32) on
      the vector cores, one position (token, or batch x sequence index) at
      a time, round-robin over blocks: the position's [heads, D] slice of x
      and its cos/sin rows are loaded and cast to f32, cos/sin broadcast to
      [heads, D/2], and the two halves of the tile (subviews at columns 0
      and D/2) give `y1 = x1*c - x2*s`, `y2 = x2*c + x1*s` (vec.mul, sub,
      add), cast back once (rint). D must be a multiple of 16 (each half row
      whole 32-byte f32 blocks). `<interleaved>` is not lowered yet.

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
      log, sqrt, rsqrt, absf`; `divf(1, x)` is `reciprocal`, `maximumf(x,
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
    - `linalg.softmax` becomes `ascend.softmax`.
    - The ascend dialect has no reduce op, so a sum or max over one dim
      (`linalg.reduce` or a generic with one reduction loop, init a fill
      with the identity) is raised only as part of:
      rms_norm: `x * rsqrt(sum(x^2, last) / H + eps)` (or `x / sqrt(..)`,
      `* (1/H)` for `/ H`, the square as a separate op or fused into the
      sum), optionally cast to x's original type (LlamaRMSNorm), optionally
      times gamma `[H]` (ones otherwise) -> `ascend.rms_norm` with epsilon;
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
