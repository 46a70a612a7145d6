//===- LoopUtils.h - facts about scf.for loops our passes rely on -*- C++
//-*-===//
//
// MLIR 19's scf.for verifier accepts a constant step of 0 (or less), and
// upstream's constantTripCount divides by it. Our passes ask for trip counts
// through this one function, which answers only for loops that terminate.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_SUPPORT_LOOPUTILS_H
#define ASCENDDIALECT_SUPPORT_LOOPUTILS_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace mlir::ascend {

/// The number of iterations of `loop` when its bounds and step are constants
/// and the step is positive; std::nullopt otherwise (unknown, or a loop that
/// never ends, which the interpreter reports when it reaches it).
inline std::optional<int64_t> getStaticTripCount(scf::ForOp loop) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!step || *step <= 0)
    return std::nullopt;
  return constantTripCount(loop.getLowerBound(), loop.getUpperBound(),
                           loop.getStep());
}

} // namespace mlir::ascend

#endif
