//===- Interpreter.h - run kernel-level IR on the CPU -----------*- C++ -*-===//
//
// The values part of ascend-run: executes a kernel (aicore/mte/cube/vec with
// func, scf, arith, memref) on every block of its block_dim, each block with
// its cube core and vector cores and their own on-chip buffers, GM shared.
// Results follow docs/Numerics.md bit for bit.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_RUNTIME_INTERPRETER_H
#define ASCENDDIALECT_RUNTIME_INTERPRETER_H

#include "AscendDialect/AICore/AICoreEnums.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LogicalResult.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mlir::ascend::runtime {

/// The contents of one GM buffer (a kernel argument): elements in C order as
/// they sit in memory - f16/bf16 as 16-bit patterns, i1 one bit each and i4
/// one nibble each, packed from the lowest bit of each byte.
/// Which bytes of a GM workspace hold data a launch wrote. A host's
/// memref.alloc starts with none; reading any other byte is an error when
/// hazards are checked.
class DefinedBytes {
public:
  explicit DefinedBytes(Operation *origin) : origin(origin) {}
  /// The first byte of [lo, hi) nobody wrote, if any.
  std::optional<int64_t> firstUndefined(int64_t lo, int64_t hi) const;
  void define(int64_t lo, int64_t hi);
  Operation *getOrigin() const { return origin; }

private:
  Operation *origin; ///< the allocation, for diagnostics
  std::map<int64_t, int64_t> spans; ///< disjoint [lo, hi), keyed by lo
};

struct GlobalBuffer {
  std::vector<uint8_t> bytes;
  /// Set for workspaces, whose contents start undefined; unset: every byte
  /// holds data (an input, or an output that starts as zeros).
  std::optional<DefinedBytes> defined;
  /// Timing-only runs: set once something wrote the buffer without
  /// computing the values (a tile op, a host's copy) or it is a host
  /// workspace; scalar code may read only integer buffers not set.
  bool stale = false;
};

struct RunStatistics {
  uint64_t operations = 0;     ///< every op executed, scalar ones included
  uint64_t tileOperations = 0; ///< ops with a TileOpInterface
  uint64_t blocks = 0;
};

inline constexpr unsigned kNumPipes = 8; ///< aicore::Pipe values
/// Chrome traces beyond this many events open too slowly to be useful.
inline constexpr size_t kMaxTraceEvents = 500000;

/// One instruction on one pipe of one core, for the Chrome trace.
struct TraceEvent {
  std::string name;     ///< e.g. "mte.copy"
  unsigned slot;        ///< physical block slot the block ran on
  unsigned core;        ///< core within the block (cube first, then vector)
  aicore::Pipe pipe;
  double start, end;    ///< cycles
};

/// A flag from the pipe that set it to the pipe that waited for it.
struct TraceFlow {
  unsigned slot;
  unsigned fromCore, toCore;
  aicore::Pipe fromPipe, toPipe;
  double fromTime, toTime;
  /// The set and the wait that consumed it (the trace names their
  /// locations, so a tool can tell which wait each set pairs with).
  Operation *setOp, *waitOp;
};

/// What the cycle model measured (docs/CycleModel.md).
struct TimingReport {
  std::string target;
  double clockMHz = 0;
  double totalCycles = 0;
  /// Physical cores the kernel used, per core type.
  unsigned cubeCores = 0, vectorCores = 0;
  /// The cores of one block, in TraceEvent::core order.
  std::vector<aicore::CoreType> blockCores;
  /// Busy cycles summed over all cores, by core type and pipe.
  double busy[2][kNumPipes] = {};
  double cubeFlops = 0, vectorFlops = 0, gmBytes = 0;
  /// GM bytes that went to or came from HBM (the rest were L2 read hits).
  double hbmBytes = 0;
  /// When each block slot the launch used had finished its last block, in
  /// cycles: their spread is the launch's load imbalance.
  std::vector<double> slotEnds;
  double peakCubeFlopsPerCycle = 0; ///< whole chip, f16
  double peakGmBytesPerCycle = 0;
  /// Tile ops the target data has no cost for, by op name.
  std::map<std::string, uint64_t> unsupported;
  std::vector<TraceEvent> events;
  std::vector<TraceFlow> flows;
  bool traceTruncated = false;

  double microseconds() const { return totalCycles / clockMHz; }
  /// Busy cycles / (total cycles x cores of that type), in [0, 1].
  double utilization(aicore::CoreType type, aicore::Pipe pipe) const;
};

struct RunOptions {
  /// false: timing-only - skip tile values. Scalar code may still read
  /// (memref.load) integer GM buffers that hold their bound values (see
  /// GlobalBuffer::stale): block tables, sequence lengths; anything else it
  /// reads is an error, since the value may steer control flow.
  bool computeValues = true;
  bool collectTrace = false;
  /// Report races, never-satisfied waits and flag misuse (on by default).
  bool checkHazards = true;
  /// Stop with an error after this many executed ops over all cores and
  /// launches (0: no limit), so a runaway kernel ends with a message naming
  /// where it was instead of running for hours.
  uint64_t maxOps = 0;
  /// Refuse to allocate GM buffers and workspaces beyond this many bytes in
  /// all (0: no limit).
  uint64_t maxMemoryBytes = 0;
};

/// Bytes a GM buffer of `type` (statically shaped) occupies.
int64_t getBufferBytes(MemRefType type);

/// Runs `kernel` on all its blocks. `arguments` holds one buffer per kernel
/// argument, sized by getBufferBytes; on success they hold GM after the run.
/// Errors (unsupported ops, out-of-bounds accesses, buffer overflow,
/// deadlocks, hazards) are emitted as diagnostics at the op responsible.
LogicalResult runKernel(func::FuncOp kernel,
                        std::vector<GlobalBuffer> &arguments,
                        const RunOptions &options,
                        RunStatistics *statistics = nullptr,
                        TimingReport *timing = nullptr);

/// The same with kernel argument i bound to `buffers[argumentBuffer[i]]`:
/// several arguments may view one buffer (a host's launch), and buffers no
/// argument names are left alone.
LogicalResult runKernel(func::FuncOp kernel, std::vector<GlobalBuffer> &buffers,
                        ArrayRef<unsigned> argumentBuffer,
                        const RunOptions &options,
                        RunStatistics *statistics = nullptr,
                        TimingReport *timing = nullptr);

} // namespace mlir::ascend::runtime

#endif
