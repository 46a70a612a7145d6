//===- TargetInfo.h - Ascend SoC descriptions as data -----------*- C++ -*-===//
//
// One description per SoC: topology, clock, buffers, transfer paths, cube
// rates and sync limits. Verifiers read buffer sizes, alignments, legal paths
// and limits from here; the cycle model reads the rest. Every number in
// lib/Target/Targets.cpp carries its source.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_TARGET_TARGETINFO_H
#define ASCENDDIALECT_TARGET_TARGETINFO_H

#include "AscendDialect/AICore/AICoreEnums.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace mlir::aicore {

/// An on-chip (or global) buffer. `bytes == 0` means unbounded (GM).
struct BufferInfo {
  uint64_t bytes;
  unsigned alignment; ///< bytes
};

/// A data path between two spaces and the pipe that drives it.
struct PathInfo {
  AddressSpace src;
  AddressSpace dst;
  Pipe pipe;
  double bytesPerCycle; ///< peak bandwidth of one core on this path
  /// Transfer size (bytes) at which half the peak is reached:
  /// bw(B) = peak * B / (halfPeakBytes + B). 0 means always at peak.
  double halfPeakBytes;
};

/// Latency of one vector instruction class: head + repeats * perRepeat + tail
/// cycles, a repeat being one vectorBytesPerRepeat-wide step.
struct VectorCost {
  llvm::StringLiteral instruction; ///< e.g. "vadd"
  unsigned head, perRepeat, tail;
};

/// Multiply-accumulates the cube unit retires per cycle for one operand type.
struct CubeRate {
  unsigned m0, k0, n0; ///< one fractal step: m0 x k0 x n0 MACs
  unsigned cyclesPerFractal;
};

/// The AI Core generation, which fixes the instruction set (e.g. the legal
/// vector casts). Named as the CCE compiler's --cce-aicore-arch values.
enum class CoreArch {
  davC220, ///< 910B (Atlas A2): split cube / vector cores
  davM200, ///< 310P: coupled core
};

struct TargetInfo {
  llvm::StringLiteral name;
  CoreArch arch;
  /// Split targets (910B) put the cube unit and the vector unit in separate
  /// cores; coupled targets (310P) have both in one core.
  bool split;
  unsigned numBlocks;           ///< cube cores (= AI cores when coupled)
  unsigned vectorCoresPerBlock; ///< 2 on 910B, 1 when coupled
  double clockMHz;
  BufferInfo buffers[kNumAddressSpaces]; ///< indexed by AddressSpace
  llvm::ArrayRef<PathInfo> paths;
  double gmBytesPerCycle; ///< whole-chip HBM bandwidth in B/cycle
  /// The chip's L2 in front of HBM: GM reads of bytes it still holds are
  /// served at up to `l2ReadBytesPerCycle` per core instead of sharing HBM.
  int64_t l2Bytes;
  double l2ReadBytesPerCycle;
  CubeRate cubeF16, cubeI8, cubeI4, cubeF32;
  unsigned mmadHeadCycles;
  unsigned vectorBytesPerRepeat;
  llvm::ArrayRef<VectorCost> vectorCosts;
  /// Cycles from a set_flag (or cross-core set) firing to the wait releasing.
  unsigned syncLatencyCycles;
  /// Cycles the scalar pipe spends on one scalar op or one issue.
  unsigned scalarCyclesPerOp;
  /// Efficiency of a GM transfer whose GM address is 32-byte but not
  /// 512-byte aligned, and of one not even 32-byte aligned.
  double gmAlign32Efficiency, gmUnalignedEfficiency;
  unsigned numEventIds;       ///< per ordered pipe pair
  unsigned numCrossCoreFlags; ///< split targets only
  /// Sets of one cross-core flag a core may have pending (not yet waited
  /// for); one more overflows the flag's counter.
  unsigned maxCrossCoreFlagCount;

  const BufferInfo &buffer(AddressSpace space) const {
    return buffers[static_cast<unsigned>(space)];
  }
  /// The path from `src` to `dst`, or null if the target has none.
  const PathInfo *findPath(AddressSpace src, AddressSpace dst) const;
  /// The cost of a vector instruction class, or null if the table has none.
  const VectorCost *findVectorCost(llvm::StringRef instruction) const;
};

/// The description named `name` (e.g. "Ascend910B2"), or null.
const TargetInfo *lookupTarget(llvm::StringRef name);
/// Ascend910B2, used when a module names no target.
const TargetInfo &getDefaultTarget();
/// Every known target, primary first.
llvm::ArrayRef<const TargetInfo *> getKnownTargets();
/// "Ascend910B2, Ascend910B4, Ascend310P", for diagnostics.
std::string getKnownTargetNames();

} // namespace mlir::aicore

#endif
