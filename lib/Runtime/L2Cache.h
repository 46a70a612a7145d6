//===- L2Cache.h - which GM bytes the chip's L2 still holds ------*- C++ -*-===//
//
// The cycle model's L2: GM is read through it, so a tile that other blocks
// (or earlier tiles) already brought in does not take HBM bandwidth again.
// Lines of 512 bytes, least recently used out first, empty at each launch.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_LIB_RUNTIME_L2CACHE_H
#define ASCEND_LIB_RUNTIME_L2CACHE_H

#include "Tile.h"
#include "llvm/ADT/DenseMap.h"
#include <list>
#include <utility>

namespace mlir::ascend::runtime {

class L2Cache {
public:
  /// 512 B: the GM alignment the transfer engines reach full speed at.
  static constexpr int64_t kLineBytes = 512;

  explicit L2Cache(int64_t capacityBytes)
      : capacityLines(capacityBytes / kLineBytes) {}

  /// Brings every line the GM view `tile` covers into L2 (most recently
  /// used) and returns the bytes this moved from HBM: whole lines, for each
  /// line that was not there before (so a narrow strided read costs more
  /// HBM traffic than its bytes, and its neighbours then hit).
  int64_t touch(const TileRef &tile);

private:
  using Line = std::pair<const Storage *, int64_t>;
  /// Whether `line` was held; it is held (most recent) afterwards.
  bool touchLine(Line line);
  /// Lines of [lo, hi) of `storage` that were not held.
  int64_t touchLines(const Storage *storage, int64_t lo, int64_t hi);

  int64_t capacityLines;
  std::list<Line> recency; ///< most recent first
  llvm::DenseMap<Line, std::list<Line>::iterator> held;
};

} // namespace mlir::ascend::runtime

#endif
