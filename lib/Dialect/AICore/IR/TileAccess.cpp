//===- TileAccess.cpp - which bytes an op touches -------------------------===//

#include "AscendDialect/AICore/TileAccess.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::aicore;

void mlir::aicore::getTileAccesses(Operation *op,
                                   SmallVectorImpl<Value> &reads,
                                   SmallVectorImpl<Value> &writes) {
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return;
  SmallVector<MemoryEffects::EffectInstance> list;
  effects.getEffects(list);
  for (const MemoryEffects::EffectInstance &e : list) {
    Value v = e.getValue();
    if (!v || !isa<BaseMemRefType>(v.getType()))
      continue;
    if (isa<MemoryEffects::Read>(e.getEffect()))
      reads.push_back(v);
    else if (isa<MemoryEffects::Write>(e.getEffect()))
      writes.push_back(v);
  }
}

ByteRange mlir::aicore::getBoundingBytes(const StridedRegion &r) {
  int64_t lo = r.offset, hi = r.offset;
  for (size_t d = 0; d < r.shape.size(); ++d) {
    int64_t span = (r.shape[d] - 1) * r.strides[d];
    (span < 0 ? lo : hi) += span;
  }
  return {lo * r.bits / 8, ((hi + 1) * r.bits + 7) / 8};
}

SmallVector<ByteRange> mlir::aicore::getRowByteRanges(const StridedRegion &r,
                                                      int64_t maxRows) {
  int64_t elements = 1;
  for (int64_t d : r.shape)
    elements *= d;
  if (elements == 0)
    return {};
  int64_t inner = r.shape.empty() ? 1 : r.shape.back();
  int64_t rows = elements / inner;
  if (r.shape.empty() || r.strides.back() != 1 || rows > maxRows)
    return {getBoundingBytes(r)};
  SmallVector<ByteRange> ranges;
  ranges.reserve(rows);
  for (int64_t row = 0; row < rows; ++row) {
    int64_t at = r.offset, rest = row;
    for (int64_t d = static_cast<int64_t>(r.shape.size()) - 2; d >= 0; --d) {
      at += (rest % r.shape[d]) * r.strides[d];
      rest /= r.shape[d];
    }
    ranges.push_back({at * r.bits / 8, ((at + inner) * r.bits + 7) / 8});
  }
  llvm::sort(ranges);
  // Rows that touch (a contiguous view) become one range.
  size_t out = 0;
  for (size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].first <= ranges[out].second)
      ranges[out].second = std::max(ranges[out].second, ranges[i].second);
    else
      ranges[++out] = ranges[i];
  }
  ranges.resize(out + 1);
  return ranges;
}

bool mlir::aicore::rangesOverlap(ArrayRef<ByteRange> a, ArrayRef<ByteRange> b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].second <= b[j].first)
      ++i;
    else if (b[j].second <= a[i].first)
      ++j;
    else
      return true;
  }
  return false;
}
