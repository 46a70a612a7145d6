//===- HbmTimeline.h - HBM bandwidth shared over simulated time --*- C++ -*-===//
//
// The chip's HBM moves at most `bytesPerCycle` in any stretch of simulated
// time, whichever cores ask. Each transfer that reaches HBM books its bytes
// from its start, at no more than its own path's rate, into what earlier
// transfers left free, and takes as long as that booking does. Cores that
// are idle or hit L2 leave bandwidth to the others; many cores streaming at
// once share it.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_LIB_RUNTIME_HBMTIMELINE_H
#define ASCEND_LIB_RUNTIME_HBMTIMELINE_H

#include <vector>

namespace mlir::ascend::runtime {

class HbmTimeline {
public:
  explicit HbmTimeline(double bytesPerCycle) : bytesPerCycle(bytesPerCycle) {}

  /// Books `bytes` from cycle `start` at up to `peak` bytes per cycle and
  /// returns the cycles the transfer takes.
  double transfer(double start, double bytes, double peak);

private:
  /// Granularity of the booking, in cycles: short against a tile transfer
  /// (hundreds to thousands of cycles), coarse enough to stay cheap.
  static constexpr double kBucketCycles = 32;

  double bytesPerCycle;
  std::vector<double> booked; ///< bytes per bucket
};

} // namespace mlir::ascend::runtime

#endif
