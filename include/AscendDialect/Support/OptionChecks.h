//===- OptionChecks.h - range checks for numeric pass options --*- C++ -*-===//
//
// Passes check their numeric options in Pass::initialize, which runs for
// every pass of a pipeline before any of them runs: a value out of range
// stops `--ascend-lower-to-kernel` before its first pass, with an error that
// names the option and its legal range, instead of a hang or a crash later.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_SUPPORT_OPTIONCHECKS_H
#define ASCENDDIALECT_SUPPORT_OPTIONCHECKS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

namespace mlir::ascend {

/// Fails with "<pass>: <option> must be in [lo, hi] (why), got value" unless
/// lo <= value <= hi.
inline LogicalResult checkOptionRange(MLIRContext *context, StringRef pass,
                                      StringRef option, int64_t value,
                                      int64_t lo, int64_t hi, StringRef why) {
  if (value >= lo && value <= hi)
    return success();
  return emitError(UnknownLoc::get(context))
         << pass << ": " << option << " must be in [" << lo << ", " << hi
         << "] (" << why << "), got " << value;
}

} // namespace mlir::ascend

#endif
