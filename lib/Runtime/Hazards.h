//===- Hazards.h - races between pipes, by happens-before ---------*- C++ -*-===//
//
// Every pipe of every core of a block is an agent with a vector clock. An
// instruction on a pipe inherits what the scalar pipe knows when it issues
// it (barriers feed that), flags carry the setter's clock to the waiter, and
// two accesses to overlapping bytes, at least one a write, by different
// agents race unless the later one's clock has seen the earlier one. This
// finds a missing flag even when the timing happens to hide it.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_LIB_RUNTIME_HAZARDS_H
#define ASCEND_LIB_RUNTIME_HAZARDS_H

#include "Tile.h"
#include "AscendDialect/AICore/AICoreEnums.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <vector>

namespace mlir::ascend::runtime {

using VectorClock = std::vector<uint32_t>;

class HazardTracker {
public:
  /// `numCores` cores, each with one agent per pipe (the S agent is the
  /// scalar pipe's own accesses).
  explicit HazardTracker(unsigned numCores);

  /// An instruction of `op` on `pipe` of `core` accessing `reads` and
  /// `writes`. Emits a race error and returns false on the first race it
  /// finds for this op.
  bool access(unsigned core, aicore::Pipe pipe, Operation *op,
              llvm::ArrayRef<const TileRef *> reads,
              llvm::ArrayRef<const TileRef *> writes);

  /// The clock a set_flag on `pipe` carries (everything `pipe` and the
  /// issuer have seen).
  VectorClock flagClock(unsigned core, aicore::Pipe pipe);
  /// A wait on `pipe` that received `clock`.
  void receive(unsigned core, aicore::Pipe pipe, const VectorClock &clock);
  /// pipe_barrier: later issues (on any pipe) have seen `pipe` (or all).
  void barrier(unsigned core, aicore::Pipe pipe);

private:
  struct Record {
    int64_t lo, hi; ///< bounding bytes, for a quick reject
    TileRef tile;
    unsigned agent;
    uint32_t seq;
    bool write;
    Operation *op;
  };
  unsigned agent(unsigned core, aicore::Pipe pipe) const;
  VectorClock &clockOf(unsigned core, aicore::Pipe pipe);

  unsigned numCores;
  std::vector<VectorClock> clocks; ///< one per agent
  std::vector<VectorClock> issue;  ///< per core: what its issuer has seen
  llvm::DenseMap<Storage *, std::vector<Record>> records;
};

/// Races between blocks on GM. Blocks have no ordering among themselves
/// (the interpreter runs them one after another, the hardware at once), so a
/// block writing GM bytes another block reads or writes is a race whatever
/// the flags say.
class GlobalMemoryTracker {
public:
  /// Records `block`'s access to a GM tile; emits an error and returns
  /// false if another block wrote the bytes, or reads bytes this write hits.
  bool access(int64_t block, const TileRef &tile, bool write, Operation *op);

private:
  struct Span {
    int64_t hi;
    int64_t block;
    Operation *op;
  };
  /// Disjoint byte spans keyed by their start, per storage.
  using SpanMap = std::map<int64_t, Span>;
  bool conflicts(const SpanMap &spans, int64_t lo, int64_t hi, int64_t block,
                 bool write, bool otherIsWrite, Operation *op);
  static void insert(SpanMap &spans, int64_t lo, int64_t hi, int64_t block,
                     Operation *op);
  llvm::DenseMap<Storage *, SpanMap> reads, writes;
};

/// Whether two tiles share at least one byte (exact for strided tiles whose
/// innermost dimension is contiguous, conservative otherwise).
bool tilesOverlap(const TileRef &a, const TileRef &b);

} // namespace mlir::ascend::runtime

#endif
