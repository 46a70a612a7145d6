//===- AscendToAICore.h - tiling ascend ops onto the AI Core ----*- C++ -*-===//
#ifndef ASCENDDIALECT_CONVERSION_ASCENDTOAICORE_H
#define ASCENDDIALECT_CONVERSION_ASCENDTOAICORE_H

#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir::ascend {

/// Tile sizes and launch shape; 0 means "derive from the target".
struct AscendTilingOptions {
  int64_t blockDim = 0;
  int64_t vectorTile = 0;
  int64_t tileM = 128, tileN = 128, tileK = 64;
};

/// Patterns that lower an ascend op whose operands are
/// `bufferization.to_tensor` of GM memrefs and whose result is only
/// materialized into a GM memref, into tiled kernel code. Each pattern
/// raises the enclosing function's `aicore.kernel` block_dim to what it
/// needs.
void populateAscendToAICorePatterns(RewritePatternSet &patterns,
                                    const AscendTilingOptions &options);

/// Why the patterns cannot lower `op` with `options` ("" if they can, or if
/// `op` is not an op they handle).
std::string explainUnlowerable(Operation *op,
                               const AscendTilingOptions &options);

/// Why `op` cannot be an op of an `ascend.fused_vector` chain ("" if it
/// can): it must be an elementwise op or a row-wise one (softmax over the
/// last dim, rms_norm) that the patterns lower on its own, a row-wise one
/// with rows that fit UB whole. For an `ascend.fused_vector`, why the
/// patterns cannot lower the chain as one kernel. ascend-fuse-vector asks
/// before fusing.
std::string explainUnfusable(Operation *op);

} // namespace mlir::ascend

#endif
