//===- L2Cache.cpp - which GM bytes the chip's L2 still holds -------------===//

#include "L2Cache.h"

using namespace mlir::ascend::runtime;

bool L2Cache::touchLine(Line line) {
  auto it = held.find(line);
  if (it != held.end()) {
    recency.splice(recency.begin(), recency, it->second);
    return true;
  }
  recency.push_front(line);
  held[line] = recency.begin();
  if (static_cast<int64_t>(held.size()) > capacityLines) {
    held.erase(recency.back());
    recency.pop_back();
  }
  return false;
}

int64_t L2Cache::touchLines(const Storage *storage, int64_t lo, int64_t hi) {
  int64_t missed = 0;
  for (int64_t line = lo / kLineBytes; line * kLineBytes < hi; ++line)
    missed += !touchLine({storage, line});
  return missed;
}

int64_t L2Cache::touch(const TileRef &tile) {
  int64_t elements = tile.numElements();
  if (elements == 0)
    return 0;
  // Rows along the innermost dim are contiguous when its stride is 1;
  // otherwise every element is a segment of its own.
  bool contiguous = tile.strides.empty() || tile.strides.back() == 1;
  int64_t rowLength = contiguous && !tile.shape.empty() ? tile.shape.back() : 1;
  int64_t missed = 0;
  for (int64_t first = 0; first < elements; first += rowLength) {
    int64_t lo = tile.linearOfOrdinal(first) * tile.bits / 8;
    int64_t hi = lo + (rowLength * tile.bits + 7) / 8;
    missed += touchLines(tile.storage, lo, hi);
  }
  return missed * kLineBytes;
}
