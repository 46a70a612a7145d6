//===- HbmTimeline.cpp - HBM bandwidth shared over simulated time ---------===//

#include "HbmTimeline.h"
#include <algorithm>
#include <cstddef>

using namespace mlir::ascend::runtime;

double HbmTimeline::transfer(double start, double bytes, double peak) {
  double time = start, left = bytes;
  double perBucket = bytesPerCycle * kBucketCycles;
  while (left > 0) {
    auto bucket = static_cast<size_t>(time / kBucketCycles);
    if (bucket >= booked.size())
      booked.resize(bucket + 1024, 0);
    double bucketEnd = (bucket + 1) * kBucketCycles;
    double span = bucketEnd - time;
    double free = std::max(0.0, perBucket - booked[bucket]);
    // This core's rate here: its path's peak, or what HBM has left.
    double rate = std::min(peak, free / span);
    if (rate <= 0) {
      time = bucketEnd;
      continue;
    }
    double taken = std::min(left, rate * span);
    booked[bucket] += taken;
    left -= taken;
    time += taken / rate;
  }
  return time - start;
}
