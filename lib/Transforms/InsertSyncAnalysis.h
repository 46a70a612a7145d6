//===- InsertSyncAnalysis.h - accesses, aliases, happens-before -*- C++ -*-===//
//
// The model ascend-insert-sync reasons with: which bytes each tile op of a
// kernel reads and writes on which pipe, and which pairs of conflicting
// accesses the kernel's flags and barriers already order. The replay of the
// happens-before relation follows ascend-run's hazard checker
// (lib/Runtime/Hazards.cpp) rule for rule, so that what this analysis calls
// ordered the checker finds ordered too; where it has to approximate (loops,
// branches) it errs towards "not ordered", which costs a flag, never a race.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_LIB_TRANSFORMS_INSERTSYNCANALYSIS_H
#define ASCEND_LIB_TRANSFORMS_INSERTSYNCANALYSIS_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallBitVector.h"
#include <vector>

namespace mlir::ascend::sync {

using aicore::Pipe;

/// Agents of one core, indexed by Pipe (S..FIX); Pipe::all is never an
/// agent but keeps the enum usable as an index.
inline constexpr unsigned kNumPipes = 8;

/// The bytes a memref value may touch: the buffer it views (its root) and,
/// when every view on the way has static offsets, sizes and strides,
/// exactly which elements of it.
struct Footprint {
  enum class Root { alloc, argument, unknown };
  Root kind = Root::unknown;
  Value root; ///< the aicore.alloc result or function argument
  std::optional<aicore::AddressSpace> space;
  std::optional<int64_t> allocOffset; ///< bytes, when the alloc is placed
  int64_t rootBytes = 0;              ///< size of an alloc root
  bool exact = false;                 ///< offset, shape, strides are known
  int64_t offset = 0;                 ///< in elements from the root's start
  SmallVector<int64_t, 4> shape, strides;
  unsigned bits = 8; ///< element width
};

Footprint getFootprint(Value memref);

/// Whether two footprints may share a byte. Different function arguments
/// are assumed not to alias; allocs without an offset get bytes of their own.
bool mayOverlap(const Footprint &a, const Footprint &b);

/// One op that touches tile memory, and the pipe it runs on.
struct Access {
  Operation *op;
  Pipe pipe;
  SmallVector<Footprint, 2> reads, writes;
  unsigned domain;
};

/// Whether `a` writes bytes that `b` reads or writes.
bool writesInto(const Access &a, const Access &b);

/// The code of one core: the function body, or one aicore.core region.
struct Domain {
  Block *body;
  std::optional<aicore::CoreType> coreType; ///< set for aicore.core regions
  SmallVector<unsigned> accesses;
};

struct KernelModel {
  std::vector<Access> accesses; ///< in program order
  DenseMap<Operation *, unsigned> accessOf;
  SmallVector<Domain> domains; ///< [0] is the function body
  /// Per access: accesses of its own core, on another pipe, that touch a
  /// byte it touches with at least one of the two writing.
  SmallVector<SmallVector<unsigned>> conflicts;
  /// Per access: such accesses of the other core type (through GM).
  SmallVector<SmallVector<unsigned>> crossConflicts;
};

/// Builds the model of `func`, or emits an error at the first op it cannot
/// model (an unknown region op, memory effects on no known pipe).
FailureOr<KernelModel> buildKernelModel(func::FuncOp func);

/// Key under which the replay pairs flags the pass inserted (their event ids
/// are placeholders until ids are allocated). Above every real id.
inline constexpr int64_t kFirstPlaceholderKey = 1 << 20;

struct ReplayConfig {
  /// Sync ops to ignore (flags tentatively removed).
  const DenseSet<Operation *> *disabled = nullptr;
  /// Flag ops keyed other than by their event / flag id.
  const DenseMap<Operation *, int64_t> *flagKeys = nullptr;
  /// Cross-core set and wait ops matched with each other: the token the set
  /// exports and the wait receives, an index past the pipes in every clock.
  const DenseMap<Operation *, unsigned> *tokens = nullptr;
  unsigned numTokens = 0;
};

/// A conflicting pair nothing orders: `earlier` -> `later`.
struct Uncovered {
  unsigned earlier, later; ///< access ids
  /// The scf.for whose next iteration holds `later` when `earlier` ran in
  /// the previous one; null when both ran in the same iteration.
  Operation *carrier;
  uint64_t laterOrder, earlierOrder; ///< positions in the replayed trace
};

struct ReplayResult {
  /// Distinct (earlier, later, carrier), in trace order of `later`.
  SmallVector<Uncovered> uncovered;
  /// Sequence number of each access's last instance on its pipe.
  DenseMap<unsigned, uint32_t> finalSeq;
  /// The clock each matched cross-core set carries, by token.
  DenseMap<unsigned, SmallVector<uint32_t>> exported;
  /// For accesses with cross-core conflicts: the tokens their pipe had seen
  /// at every one of their instances.
  DenseMap<unsigned, llvm::SmallBitVector> tokensSeen;
};

/// Replays `domain` once: loops run two iterations (and, when the trip
/// count may be zero, none; the two outcomes meet), branches both (meet).
ReplayResult replay(const KernelModel &model, const Domain &domain,
                    const ReplayConfig &config);

} // namespace mlir::ascend::sync

#endif
