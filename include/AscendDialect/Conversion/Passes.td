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
    - `ascend.matmul` (f16, bf16; f32 accumulation; transpose_a/b) on the
      cube core: per output tile of `tile-m x tile-n`, a K loop of
      `tile-k` steps GM -> L1 (ND -> NZ) -> L0A/L0B -> `cube.mmad`
      (init on the first step), then `mte.fixpipe` L0C -> GM converting to
      the result type. Output tiles are spread over blocks. Defaults:
      128 x 128 x 64, so that one A and one B tile take a quarter of L0A and
      L0B (room for double buffering) and the accumulator half of L0C.
      M, N must be multiples of 16 and K of the cube's k0 (16 for f16).
    - elementwise `add, sub, mul, div, max, min` on equal shapes and `exp,
      log, sqrt, rsqrt, reciprocal, abs, relu, neg` (f16, f32; bf16 through
      f32 casts) on the vector cores: the tensor is flattened, cut into tiles
      of `vector-tile` elements (default: the largest multiple of 256 bytes
      such that every operand's tile and its f32 copy fit a quarter of UB),
      spread over blocks round-robin, with one static tail tile.

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

#endif // ASCEND_CONVERSION_PASSES
