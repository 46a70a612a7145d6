//===- TileAccess.h - which bytes an op touches -----------------*- C++ -*-===//
//
// The hazard checker (ascend-run) and sync insertion ask the same questions:
// which memrefs does an op read and write, and do two strided views share a
// byte. They answer them here, the same way.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_AICORE_TILEACCESS_H
#define ASCENDDIALECT_AICORE_TILEACCESS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <limits>
#include <utility>

namespace mlir::aicore {

/// The memrefs `op` reads and writes, from its memory effects.
void getTileAccesses(Operation *op, SmallVectorImpl<Value> &reads,
                     SmallVectorImpl<Value> &writes);

/// [first byte, one past the last byte).
using ByteRange = std::pair<int64_t, int64_t>;

/// A strided view: offset and strides in elements of `bits` bits.
struct StridedRegion {
  int64_t offset;
  ArrayRef<int64_t> shape;
  ArrayRef<int64_t> strides;
  unsigned bits;
};

/// The bytes between the region's first and last element.
ByteRange getBoundingBytes(const StridedRegion &region);

/// The region's bytes as sorted, disjoint ranges: one per row when the
/// innermost dimension is contiguous (rows that touch merge), otherwise - or
/// beyond `maxRows` rows - the bounding range. Empty for an empty region.
SmallVector<ByteRange>
getRowByteRanges(const StridedRegion &region,
                 int64_t maxRows = std::numeric_limits<int64_t>::max());

/// Whether two sorted lists of disjoint ranges share a byte.
bool rangesOverlap(ArrayRef<ByteRange> a, ArrayRef<ByteRange> b);

} // namespace mlir::aicore

#endif
