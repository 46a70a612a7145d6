//===- Interpreter.cpp - blocks, cores, control flow and scalars ---------===//
//
// Each block runs its cores; a core walks the kernel body in program order,
// skipping the aicore.core regions of the other core type. Cores of one block
// run as threads that hand a single baton around, so execution is sequential
// and deterministic; a core gives the baton away only when it waits for a
// cross-core flag nobody has set yet. When every unfinished core waits, the
// kernel deadlocks and each waiting op is reported.
//
// Values are applied in each core's program order. That is exact for
// kernels whose pipes are correctly synchronised; whether they are is the
// hazard checker's question, not this file's.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Interpreter.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/AICore/TileAccess.h"
#include "CostModel.h"
#include "HbmTimeline.h"
#include "L2Cache.h"
#include "Hazards.h"
#include "ScalarOps.h"
#include "TileOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <atomic>
#include <deque>
#include <numeric>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

using namespace mlir;
using namespace mlir::ascend::runtime;
using aicore::AddressSpace;
using aicore::CoreType;

int64_t mlir::ascend::runtime::getBufferBytes(MemRefType type) {
  return aicore::getTileBytes(type);
}

namespace {

//===----------------------------------------------------------------------===//
// Cross-core flags and the baton
//===----------------------------------------------------------------------===//

/// One block's cores and the cross-core flags between them.
class BlockScheduler {
public:
  explicit BlockScheduler(unsigned numCores) : done(numCores, false),
                                               waiting(numCores) {}

  /// Blocks core `self` until `ready()` holds; false if the block deadlocked.
  bool waitUntil(unsigned self, Operation *op, std::function<bool()> ready) {
    std::unique_lock<std::mutex> lock(mutex);
    if (ready())
      return true;
    waiting[self] = {op, std::move(ready)};
    passBaton(self);
    cv.wait(lock, [&] { return turn == self || deadlocked; });
    if (deadlocked) // keep the op for the report
      return false;
    waiting[self] = {};
    return true;
  }

  void finish(unsigned self) {
    std::unique_lock<std::mutex> lock(mutex);
    done[self] = true;
    passBaton(self);
  }

  void waitForTurn(unsigned self) {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return turn == self || deadlocked; });
  }

  /// Ops the cores were stuck at when the block deadlocked.
  SmallVector<std::pair<unsigned, Operation *>> stuck() const {
    SmallVector<std::pair<unsigned, Operation *>> result;
    for (auto [i, w] : llvm::enumerate(waiting))
      if (w.op)
        result.push_back({static_cast<unsigned>(i), w.op});
    return result;
  }
  bool hasDeadlocked() const { return deadlocked; }

  /// Like intra-core flags, a cross-core flag still set when the block's
  /// cores have finished would satisfy a wait of the next kernel on them
  /// before its own set: every set needs its wait, drains included.
  LogicalResult checkDrained(int64_t blockIdx) const {
    for (auto [forCube, queues] :
         {std::make_pair(false, &toVector), std::make_pair(true, &toCube)})
      for (auto [vector, flags] : llvm::enumerate(*queues))
        for (auto [flag, pending] : llvm::enumerate(flags)) {
          if (pending.empty())
            continue;
          InFlightDiagnostic diag =
              pending.front().op->emitError()
              << "block " << blockIdx << " ends with cross-core flag " << flag
              << " set " << pending.size() << " time"
              << (pending.size() > 1 ? "s" : "") << " more than waited for (";
          if (forCube)
            diag << "by vector core " << vector << " for the cube core";
          else
            diag << "by the cube core for vector core " << vector;
          return diag << "): the next kernel on these cores would find it "
                         "set; every cross_core_set_flag needs its "
                         "cross_core_wait_flag";
        }
    return success();
  }

  /// A cross-core flag set and not yet consumed: when it fired and the
  /// setter's clock for the hazard checker.
  struct Signal {
    double time;
    VectorClock clock;
    unsigned core;       ///< the setter, for the trace's flow arrow
    aicore::Pipe pipe;
    Operation *op; ///< the cross_core_set_flag
  };
  // toVector[v][f]: cube-side sets of flag f not yet consumed by vector core
  // v; toCube[v][f]: vector core v's sets of flag f for the cube.
  std::vector<std::vector<std::deque<Signal>>> toVector, toCube;

private:
  struct Waiter {
    Operation *op = nullptr;
    std::function<bool()> ready;
  };

  /// Hands the baton to the next core (after `self`) that can make progress.
  void passBaton(unsigned self) {
    unsigned n = done.size();
    bool anyUnfinished = false;
    for (unsigned k = 1; k <= n; ++k) {
      unsigned c = (self + k) % n;
      if (done[c])
        continue;
      anyUnfinished = true;
      if (!waiting[c].op || waiting[c].ready()) {
        turn = c;
        cv.notify_all();
        return;
      }
    }
    if (anyUnfinished)
      deadlocked = true;
    turn = n; // nobody
    cv.notify_all();
  }

  std::mutex mutex;
  std::condition_variable cv;
  unsigned turn = 0;
  bool deadlocked = false;
  std::vector<bool> done;
  std::vector<Waiter> waiting;
};

//===----------------------------------------------------------------------===//
// One core
//===----------------------------------------------------------------------===//

struct KernelContext {
  func::FuncOp kernel;
  const aicore::TargetInfo &target;
  std::vector<Storage> &gm;
  int64_t blockDim;
  const RunOptions &options;
  /// GM accesses of all blocks, when checking hazards.
  std::optional<GlobalMemoryTracker> gmAccesses;
  std::mutex statsMutex;
  RunStatistics stats;
  TimingReport report;
  /// The gm entry each kernel argument views.
  ArrayRef<unsigned> argumentStorage;
  /// Per gm entry, the bytes written so far when it is a workspace.
  std::vector<DefinedBytes *> defined;
  /// What the chip's L2 holds; shared by all blocks of the launch.
  L2Cache l2;
  /// HBM bandwidth booked so far by the launch's transfers.
  HbmTimeline hbm;
  /// Per gm entry, GlobalBuffer::stale.
  std::vector<char> stale = {};
  /// Ops executed by all cores so far, against RunOptions::maxOps.
  std::atomic<uint64_t> executed = 0;
};

/// Where a core is in simulated time: the scalar issue point, each pipe's
/// next free cycle and its busy cycles (docs/CycleModel.md).
struct Timeline {
  double issue = 0;
  double pipeFree[kNumPipes] = {};
  double busy[kNumPipes] = {};

  void start(double cycle) {
    issue = cycle;
    std::fill(std::begin(pipeFree), std::end(pipeFree), cycle);
  }
  /// The cycle at which everything issued to `pipe` so far has finished.
  double drained(aicore::Pipe pipe) const {
    return std::max(issue, pipeFree[static_cast<unsigned>(pipe)]);
  }
  double end() const {
    return std::max(issue, *std::max_element(std::begin(pipeFree), std::end(pipeFree)));
  }
};

static std::string flagName(aicore::Pipe src, aicore::Pipe dst, int64_t event) {
  return ("event " + std::to_string(event) + " of <" +
          aicore::stringifyPipe(src) + "> -> <" + aicore::stringifyPipe(dst) +
          ">")
      .str();
}

class CoreExecutor {
public:
  CoreExecutor(KernelContext &kernel, BlockScheduler *scheduler,
               HazardTracker *hazards, unsigned index, CoreType type,
               int64_t blockIdx, int64_t subBlockIdx, bool coupled,
               unsigned slot, double startCycle)
      : kernel(kernel), scheduler(scheduler), hazards(hazards), index(index),
        type(type), blockIdx(blockIdx), subBlockIdx(subBlockIdx),
        coupled(coupled), slot(slot) {
    for (unsigned s = 0; s < aicore::kNumAddressSpaces; ++s)
      nextFree[s] = 0;
    time.start(startCycle);
  }

  const Timeline &getTimeline() const { return time; }
  CoreType getType() const { return type; }

  LogicalResult run() {
    Block &body = kernel.kernel.getBody().front();
    for (auto [arg, storage] :
         llvm::zip(body.getArguments(), kernel.argumentStorage))
      values[arg] =
          makeTile(&kernel.gm[storage], cast<MemRefType>(arg.getType()));
    SmallVector<RtValue> ignored;
    LogicalResult result = runBlock(body, ignored);
    // A flag still set when the kernel ends would satisfy a wait of the
    // next kernel on this core before its own set: the kernel must drain it.
    if (succeeded(result) && kernel.options.checkHazards &&
        !pendingFlags.empty()) {
      auto &[key, set] = *pendingFlags.begin();
      auto [src, dst, event] = key;
      result = set.setOp->emitError()
               << "the kernel ends with "
               << flagName(static_cast<aicore::Pipe>(src),
                           static_cast<aicore::Pipe>(dst), event)
               << " set and never waited for: the next kernel on this core "
                  "would find it set; end with a wait_flag for every "
                  "set_flag";
    }
    std::lock_guard<std::mutex> lock(kernel.statsMutex);
    kernel.stats.operations += operations;
    kernel.stats.tileOperations += tileOperations;
    for (unsigned p = 0; p < kNumPipes; ++p)
      kernel.report.busy[static_cast<unsigned>(type)][p] += time.busy[p];
    return result;
  }

private:
  static TileRef makeTile(Storage *storage, MemRefType type,
                          int64_t offset = 0) {
    TileRef t;
    t.storage = storage;
    t.elementType = type.getElementType();
    t.bits = getStorageBits(t.elementType);
    t.kind = getElementKind(t.elementType);
    t.shape.assign(type.getShape().begin(), type.getShape().end());
    int64_t layoutOffset;
    (void)getStridesAndOffset(type, t.strides, layoutOffset);
    t.base = offset;
    t.offset = offset + (ShapedType::isDynamic(layoutOffset) ? 0 : layoutOffset);
    return t;
  }

  const RtValue &lookup(Value v) { return values.find(v)->second; }
  int64_t getInt(Value v) { return std::get<int64_t>(lookup(v)); }
  double getFloat(Value v) { return std::get<double>(lookup(v)); }
  const TileRef &getTile(Value v) { return std::get<TileRef>(lookup(v)); }

  /// Runs the ops of `block`; `yielded` receives the terminator's operands.
  LogicalResult runBlock(Block &block, SmallVectorImpl<RtValue> &yielded) {
    for (Operation &op : block) {
      if (op.hasTrait<OpTrait::IsTerminator>()) {
        for (Value v : op.getOperands())
          yielded.push_back(lookup(v));
        return success();
      }
      if (failed(execute(op)))
        return failure();
    }
    return success();
  }

  LogicalResult runRegion(Region &region, ArrayRef<RtValue> arguments,
                          SmallVectorImpl<RtValue> &yielded) {
    Block &block = region.front();
    for (auto [arg, value] : llvm::zip(block.getArguments(), arguments))
      values[arg] = value;
    return runBlock(block, yielded);
  }

  void setResults(Operation &op, ArrayRef<RtValue> results) {
    for (auto [r, v] : llvm::zip(op.getResults(), results))
      values[r] = v;
  }

  LogicalResult execute(Operation &op);
  LogicalResult executeMemRef(Operation &op, bool &handled);
  LogicalResult executeAICore(Operation &op, bool &handled);
  LogicalResult allocate(aicore::AllocOp op);
  LogicalResult executeTile(Operation &op);
  LogicalResult checkAccesses(Operation &op, aicore::Pipe pipe);
  LogicalResult checkDynamicAlignment(Operation &op);
  LogicalResult checkCast(memref::CastOp cast, const TileRef &view);
  LogicalResult checkDefined(Operation &op, const TileRef &tile, bool write);
  /// The gm entry `tile` views, if it is a GM tile.
  std::optional<unsigned> gmIndex(const TileRef &tile) const;
  /// Timing-only: `tile` was written without computing it.
  void markStale(const TileRef &tile);
  void recordFlow(aicore::Pipe from, double fromTime, unsigned fromCore,
                  Operation *setOp, aicore::Pipe to, double toTime,
                  Operation *waitOp);
  /// Charges one scalar-pipe op (or one issue) to the timeline.
  void chargeScalar() {
    time.issue += kernel.target.scalarCyclesPerOp;
    time.busy[static_cast<unsigned>(aicore::Pipe::s)] +=
        kernel.target.scalarCyclesPerOp;
  }

  KernelContext &kernel;
  BlockScheduler *scheduler;
  HazardTracker *hazards;
  unsigned index;
  CoreType type;
  int64_t blockIdx, subBlockIdx;
  bool coupled;
  unsigned slot;
  Timeline time;
  /// An intra-core flag set and not yet waited for.
  struct PendingFlag {
    double fired;      ///< when every earlier op of the source pipe ended
    VectorClock clock; ///< the setter's, for the hazard checker
    Operation *setOp;
  };
  /// By (src, dst, event). A flag is one bit on the hardware, so at most
  /// one set is pending per key.
  std::map<std::tuple<unsigned, unsigned, int64_t>, PendingFlag> pendingFlags;
  DenseMap<Value, RtValue> values;
  Storage spaces[aicore::kNumAddressSpaces];
  int64_t nextFree[aicore::kNumAddressSpaces];
  DenseMap<Operation *, int64_t> allocOffsets;
  uint64_t operations = 0, tileOperations = 0;

public:
  /// Sizes the on-chip spaces this core owns.
  void initSpaces() {
    for (unsigned s = 1; s < aicore::kNumAddressSpaces; ++s) {
      auto space = static_cast<AddressSpace>(s);
      if (coupled || aicore::getOwningCoreType(space) == type)
        spaces[s].bytes.assign(kernel.target.buffer(space).bytes, 0);
    }
  }
};

LogicalResult CoreExecutor::execute(Operation &op) {
  ++operations;
  uint64_t budget = kernel.options.maxOps;
  if (budget &&
      kernel.executed.fetch_add(1, std::memory_order_relaxed) >= budget)
    return op.emitError() << "stopped here: the run has executed as many "
                             "operations as --max-ops allows (block "
                          << blockIdx << ", " << aicore::stringifyCoreType(type)
                          << " core); a run this long may never end; raise "
                             "--max-ops if it should";
  // The other core type's region.
  if (auto region = dyn_cast<aicore::CoreOp>(op)) {
    if (!coupled && region.getCoreType() != type)
      return success();
    SmallVector<RtValue> ignored;
    return runBlock(region.getBody().front(), ignored);
  }
  if (auto forOp = dyn_cast<scf::ForOp>(op)) {
    int64_t lb = getInt(forOp.getLowerBound());
    int64_t ub = getInt(forOp.getUpperBound());
    int64_t step = getInt(forOp.getStep());
    if (step <= 0)
      return op.emitError() << "scf.for step must be positive, got " << step;
    SmallVector<RtValue> iters;
    for (Value init : forOp.getInitArgs())
      iters.push_back(lookup(init));
    for (int64_t iv = lb; iv < ub;) {
      chargeScalar(); // the loop's compare and branch
      SmallVector<RtValue> args{RtValue(iv)};
      args.append(iters.begin(), iters.end());
      SmallVector<RtValue> next;
      if (failed(runRegion(forOp.getRegion(), args, next)))
        return failure();
      iters = std::move(next);
      if (llvm::AddOverflow(iv, step, iv)) // past INT64_MAX: past ub too
        break;
    }
    setResults(op, iters);
    return success();
  }
  if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
    bool cond = getInt(ifOp.getCondition()) != 0;
    SmallVector<RtValue> results;
    Region &region = cond ? ifOp.getThenRegion() : ifOp.getElseRegion();
    if (!region.empty() && failed(runRegion(region, {}, results)))
      return failure();
    setResults(op, results);
    return success();
  }

  if (isa<aicore::TileOpInterface>(op))
    return executeTile(op);
  bool handled = false;
  LogicalResult result = success();
  chargeScalar();
  if (!handled) {
    SmallVector<RtValue, 1> results;
    result = evaluateScalarOp(
        op, [&](Value v) -> const RtValue & { return lookup(v); }, results,
        handled);
    setResults(op, results);
  }
  if (!handled)
    result = executeMemRef(op, handled);
  if (!handled)
    result = executeAICore(op, handled);
  if (!handled)
    return op.emitError() << "ascend-run cannot execute '" << op.getName()
                          << "' yet";
  return result;
}

//===----------------------------------------------------------------------===//
// Tile ops: time, hazards, values
//===----------------------------------------------------------------------===//

/// The verifier checks that on-chip tiles start on their buffer's
/// alignment when the offset is static; a view with a dynamic offset is
/// checked here, when the offset is known, with the verifier's message.
LogicalResult CoreExecutor::checkDynamicAlignment(Operation &op) {
  for (auto [index, operand] : llvm::enumerate(op.getOperands())) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    std::optional<AddressSpace> space =
        type ? aicore::getAddressSpace(type) : std::nullopt;
    if (!space || *space == AddressSpace::gm)
      continue;
    int64_t staticOffset;
    SmallVector<int64_t> strides;
    if (failed(getStridesAndOffset(type, strides, staticOffset)) ||
        !ShapedType::isDynamic(staticOffset))
      continue;
    int64_t alignment = kernel.target.buffer(*space).alignment;
    int64_t offsetBits = getTile(operand).offset * getTile(operand).bits;
    if (offsetBits % (8 * alignment) == 0)
      continue;
    InFlightDiagnostic diag = op.emitError()
                              << "operand #" << index << " is at a ";
    if (offsetBits % 8)
      diag << offsetBits << "-bit offset";
    else
      diag << offsetBits / 8 << "-byte offset";
    return diag << " at run time, not a multiple of the " << alignment
                << "-byte alignment of " << stringifyAddressSpace(*space)
                << " (a view with a dynamic offset; the verifier checks "
                   "static ones)";
  }
  return success();
}

/// A memref.cast to a static offset or stride must state what the view
/// has at run time (otherwise it is undefined behaviour).
LogicalResult CoreExecutor::checkCast(memref::CastOp cast,
                                      const TileRef &view) {
  auto type = dyn_cast<MemRefType>(cast.getType());
  int64_t offset;
  SmallVector<int64_t> strides;
  if (!type || failed(getStridesAndOffset(type, strides, offset)))
    return success();
  if (!ShapedType::isDynamic(offset) && offset != view.offset - view.base)
    return cast.emitError() << "the cast states offset " << offset
                            << ", but the view is at offset "
                            << view.offset - view.base << " at run time";
  for (auto [d, stride] : llvm::enumerate(strides))
    if (!ShapedType::isDynamic(stride) && stride != view.strides[d])
      return cast.emitError()
             << "the cast states stride " << stride << " for dimension " << d
             << ", but the view's is " << view.strides[d] << " at run time";
  return success();
}

LogicalResult CoreExecutor::checkAccesses(Operation &op, aicore::Pipe pipe) {
  if (!hazards)
    return success();
  SmallVector<Value> readValues, writeValues;
  aicore::getTileAccesses(&op, readValues, writeValues);
  SmallVector<const TileRef *> reads, writes;
  for (Value v : readValues)
    reads.push_back(&getTile(v));
  for (Value v : writeValues)
    writes.push_back(&getTile(v));
  if (!hazards->access(index, pipe, &op, reads, writes))
    return failure();
  // Blocks are unordered, so their GM accesses are checked against each
  // other regardless of flags.
  auto isGM = [&](const TileRef *t) { return gmIndex(*t).has_value(); };
  std::lock_guard<std::mutex> lock(kernel.statsMutex);
  for (auto [list, write] : {std::make_pair(&reads, false), std::make_pair(&writes, true)})
    for (const TileRef *t : *list)
      if (isGM(t) && (!kernel.gmAccesses->access(blockIdx, *t, write, &op) ||
                      failed(checkDefined(op, *t, write))))
        return failure();
  return success();
}

std::optional<unsigned> CoreExecutor::gmIndex(const TileRef &tile) const {
  if (tile.storage < kernel.gm.data() ||
      tile.storage >= kernel.gm.data() + kernel.gm.size())
    return std::nullopt;
  return static_cast<unsigned>(tile.storage - kernel.gm.data());
}

void CoreExecutor::markStale(const TileRef &tile) {
  if (std::optional<unsigned> buffer = gmIndex(tile))
    kernel.stale[*buffer] = 1;
}

LogicalResult CoreExecutor::checkDefined(Operation &op, const TileRef &tile,
                                         bool write) {
  DefinedBytes *defined = kernel.defined[tile.storage - kernel.gm.data()];
  if (!defined)
    return success();
  for (auto [lo, hi] : aicore::getRowByteRanges(
           {tile.offset, tile.shape, tile.strides, tile.bits})) {
    if (write) {
      defined->define(lo, hi);
      continue;
    }
    if (std::optional<int64_t> first = defined->firstUndefined(lo, hi)) {
      InFlightDiagnostic diag =
          op.emitError() << "reads GM byte " << *first
                         << " of a workspace that no earlier launch or "
                            "instruction wrote: a new workspace's contents "
                            "are undefined";
      diag.attachNote(defined->getOrigin()->getLoc()) << "the workspace";
      return failure();
    }
  }
  return success();
}

void CoreExecutor::recordFlow(aicore::Pipe from, double fromTime,
                              unsigned fromCore, Operation *setOp,
                              aicore::Pipe to, double toTime,
                              Operation *waitOp) {
  if (!kernel.options.collectTrace)
    return;
  std::lock_guard<std::mutex> lock(kernel.statsMutex);
  kernel.report.flows.push_back(
      {slot, fromCore, index, from, to, fromTime, toTime, setOp, waitOp});
}

LogicalResult CoreExecutor::executeTile(Operation &op) {
  ++tileOperations;
  auto tileOp = cast<aicore::TileOpInterface>(op);
  aicore::Pipe pipe = tileOp.getPipe();
  auto get = [&](Value v) -> const RtValue & { return lookup(v); };
  chargeScalar(); // the issue
  unsigned p = static_cast<unsigned>(pipe);
  double start = std::max(time.issue, time.pipeFree[p]);
  double end = start;
  {
    // Under the lock: the L2 is shared by every core of the launch.
    std::lock_guard<std::mutex> lock(kernel.statsMutex);
    std::optional<OpCost> cost =
        estimateCost(&op, get, kernel.target, &kernel.l2);
    if (cost) {
      end = start + cost->cycles +
            kernel.hbm.transfer(start, cost->hbmTimedBytes, cost->hbmPeak);
      kernel.report.cubeFlops += cost->cubeFlops;
      kernel.report.vectorFlops += cost->vectorFlops;
      kernel.report.gmBytes += cost->gmBytes;
      kernel.report.hbmBytes += cost->hbmBytes;
    } else {
      ++kernel.report.unsupported[op.getName().getStringRef().str()];
    }
    if (kernel.options.collectTrace && cost) {
      if (kernel.report.events.size() < kMaxTraceEvents)
        kernel.report.events.push_back({op.getName().getStringRef().str(),
                                        slot, index, pipe, start, end});
      else
        kernel.report.traceTruncated = true;
    }
  }
  time.pipeFree[p] = end;
  time.busy[p] += end - start;

  if (failed(checkDynamicAlignment(op)) || failed(checkAccesses(op, pipe)))
    return failure();
  if (!kernel.options.computeValues) {
    SmallVector<Value> reads, writes;
    aicore::getTileAccesses(&op, reads, writes);
    for (Value v : writes)
      markStale(getTile(v));
    return success();
  }
  bool handled = false;
  LogicalResult result = executeTileOp(&op, get, handled);
  if (!handled)
    return op.emitError() << "ascend-run cannot execute '" << op.getName()
                          << "' yet";
  return result;
}

//===----------------------------------------------------------------------===//
// memref
//===----------------------------------------------------------------------===//

/// Checks that every index is inside the tile's shape.
static LogicalResult checkIndices(Operation *op, const TileRef &tile,
                                  ArrayRef<int64_t> indices) {
  for (auto [d, i] : llvm::enumerate(indices))
    if (i < 0 || i >= tile.shape[d])
      return op->emitError() << "out-of-bounds access: index " << i
                             << " in dimension " << d << " of size "
                             << tile.shape[d];
  return success();
}

LogicalResult CoreExecutor::executeMemRef(Operation &op, bool &handled) {
  handled = true;
  auto indicesOf = [&](ValueRange operands) {
    SmallVector<int64_t> indices;
    for (Value v : operands)
      indices.push_back(getInt(v));
    return indices;
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(&op)
      .Case([&](memref::SubViewOp view) -> LogicalResult {
        const TileRef &source = getTile(view.getSource());
        auto resolve = [&](ArrayRef<OpFoldResult> mixed) {
          SmallVector<int64_t> out;
          for (OpFoldResult r : mixed)
            out.push_back(r.is<Attribute>()
                              ? cast<IntegerAttr>(r.get<Attribute>()).getInt()
                              : getInt(r.get<Value>()));
          return out;
        };
        SmallVector<int64_t> offsets = resolve(view.getMixedOffsets());
        SmallVector<int64_t> sizes = resolve(view.getMixedSizes());
        SmallVector<int64_t> steps = resolve(view.getMixedStrides());
        TileRef result = source;
        result.shape.clear();
        result.strides.clear();
        llvm::SmallBitVector dropped = view.getDroppedDims();
        for (int64_t d = 0; d < source.rank(); ++d) {
          int64_t last = offsets[d] + (sizes[d] - 1) * steps[d];
          if (sizes[d] > 0 && (offsets[d] < 0 || last >= source.shape[d] || last < 0))
            return op.emitError()
                   << "out-of-bounds subview: dimension " << d << " takes "
                   << sizes[d] << " elements from offset " << offsets[d]
                   << " with stride " << steps[d] << " of a dimension of size "
                   << source.shape[d];
          result.offset += offsets[d] * source.strides[d];
          if (dropped.test(d))
            continue;
          result.shape.push_back(sizes[d]);
          result.strides.push_back(source.strides[d] * steps[d]);
        }
        values[view.getResult()] = result;
        return success();
      })
      // A cast only changes what the type knows statically, not the view;
      // what it makes static must hold, since the verifier (alignment) and
      // the passes trust the type from there on.
      .Case([&](memref::CastOp cast) -> LogicalResult {
        // Copied first: values[] may grow and move the source's entry.
        TileRef source = getTile(cast.getSource());
        values[cast.getResult()] = source;
        return checkCast(cast, source);
      })
      .Case<memref::CollapseShapeOp, memref::ExpandShapeOp>(
          [&](Operation *reshape) -> LogicalResult {
            // Reshapes of row-major contiguous tiles only: the new view
            // keeps the offset and gets row-major strides.
            const TileRef &source = getTile(reshape->getOperand(0));
            int64_t expected = 1;
            for (int64_t d = source.rank() - 1; d >= 0; --d) {
              if (source.shape[d] != 1 && source.strides[d] != expected)
                return op.emitError() << "ascend-run reshapes contiguous "
                                         "tiles only";
              expected *= source.shape[d];
            }
            TileRef result = source;
            auto type = cast<MemRefType>(reshape->getResult(0).getType());
            result.shape.assign(type.getShape().begin(), type.getShape().end());
            result.strides.assign(type.getRank(), 1);
            for (int64_t d = type.getRank() - 2; d >= 0; --d)
              result.strides[d] = result.strides[d + 1] * result.shape[d + 1];
            values[reshape->getResult(0)] = result;
            return success();
          })
      .Case([&](memref::LoadOp load) -> LogicalResult {
        const TileRef &tile = getTile(load.getMemRef());
        if (!kernel.options.computeValues) {
          std::optional<unsigned> buffer = gmIndex(tile);
          StringRef what = tile.isFloat() ? "float data"
                           : !buffer      ? "an on-chip buffer"
                           : kernel.stale[*buffer]
                               ? "a GM buffer this run wrote without "
                                 "computing it"
                               : "";
          if (!what.empty())
            return op.emitError()
                   << "timing-only mode cannot run a kernel whose scalar code "
                      "reads tile data: the value may steer control flow, "
                      "and timing-only keeps only integer GM data as bound "
                      "(--input, --seed, --zeros); this load reads "
                   << what;
        }
        SmallVector<int64_t> idx = indicesOf(load.getIndices());
        if (failed(checkIndices(&op, tile, idx)) ||
            failed(checkAccesses(op, aicore::Pipe::s)))
          return failure();
        int64_t at = tile.linear(idx);
        if (tile.isFloat())
          values[load.getResult()] = tile.loadFloat(at);
        else
          values[load.getResult()] = tile.loadInt(at);
        return success();
      })
      .Case([&](memref::StoreOp store) -> LogicalResult {
        const TileRef &tile = getTile(store.getMemRef());
        SmallVector<int64_t> idx = indicesOf(store.getIndices());
        if (failed(checkIndices(&op, tile, idx)) ||
            failed(checkAccesses(op, aicore::Pipe::s)))
          return failure();
        if (!kernel.options.computeValues) {
          markStale(tile);
          return success();
        }
        const RtValue &v = lookup(store.getValue());
        if (tile.isFloat())
          tile.storeFloat(tile.linear(idx), std::get<double>(v));
        else
          tile.storeInt(tile.linear(idx), std::get<int64_t>(v));
        return success();
      })
      .Default([&](Operation *) {
        handled = false;
        return success();
      });
}

//===----------------------------------------------------------------------===//
// aicore
//===----------------------------------------------------------------------===//

LogicalResult CoreExecutor::allocate(aicore::AllocOp op) {
  MemRefType type = op.getType();
  AddressSpace space = *aicore::getAddressSpace(type);
  Storage &storage = spaces[static_cast<unsigned>(space)];
  if (storage.bytes.empty())
    return op.emitError() << "the " << aicore::stringifyCoreType(this->type)
                          << " core has no " << aicore::stringifyAddressSpace(space)
                          << " buffer";
  auto it = allocOffsets.find(op);
  if (it == allocOffsets.end()) {
    int64_t bytes = aicore::getTileBytes(type);
    int64_t align = kernel.target.buffer(space).alignment;
    int64_t &next = nextFree[static_cast<unsigned>(space)];
    int64_t start = op.getOffset() ? *op.getOffset()
                                   : (next + align - 1) / align * align;
    int64_t capacity = static_cast<int64_t>(storage.bytes.size());
    if (start + bytes > capacity)
      return op.emitError()
             << aicore::stringifyAddressSpace(space) << " overflow: this "
             << bytes << "-byte buffer would end at byte " << start + bytes
             << " but " << aicore::stringifyAddressSpace(space) << " holds "
             << capacity << " bytes on " << kernel.target.name
             << " (buffers without an offset are placed one after another)";
    if (!op.getOffset())
      next = start + bytes;
    it = allocOffsets.insert({op, start}).first;
  }
  unsigned bits = getStorageBits(type.getElementType());
  values[op.getResult()] = makeTile(&storage, type, it->second * 8 / bits);
  return success();
}

LogicalResult CoreExecutor::executeAICore(Operation &op, bool &handled) {
  handled = true;
  double latency = kernel.target.syncLatencyCycles;
  return llvm::TypeSwitch<Operation *, LogicalResult>(&op)
      .Case([&](aicore::BlockIdxOp o) {
        values[o.getResult()] = blockIdx;
        return success();
      })
      .Case([&](aicore::BlockDimOp o) {
        values[o.getResult()] = kernel.blockDim;
        return success();
      })
      .Case([&](aicore::SubBlockIdxOp o) {
        values[o.getResult()] = subBlockIdx;
        return success();
      })
      .Case([&](aicore::AllocOp o) { return allocate(o); })
      // A set fires once every earlier instruction of its source pipe has
      // finished; the wait holds its pipe until then plus the sync latency.
      .Case([&](aicore::SetFlagOp o) -> LogicalResult {
        auto key = std::make_tuple(static_cast<unsigned>(o.getSrcPipe()),
                                   static_cast<unsigned>(o.getDstPipe()),
                                   o.getEventId());
        if (pendingFlags.count(key) && kernel.options.checkHazards)
          return op.emitError()
                 << flagName(o.getSrcPipe(), o.getDstPipe(), o.getEventId())
                 << " is set again before a wait_flag consumed it: the flag "
                    "is one bit, so the first set is lost";
        VectorClock clock;
        if (hazards)
          clock = hazards->flagClock(index, o.getSrcPipe());
        pendingFlags[key] = {time.drained(o.getSrcPipe()), std::move(clock),
                             &op};
        return success();
      })
      .Case([&](aicore::WaitFlagOp o) -> LogicalResult {
        auto key = std::make_tuple(static_cast<unsigned>(o.getSrcPipe()),
                                   static_cast<unsigned>(o.getDstPipe()),
                                   o.getEventId());
        auto it = pendingFlags.find(key);
        if (it == pendingFlags.end()) {
          if (!kernel.options.checkHazards)
            return success();
          return op.emitError()
                 << "deadlock: this wait for "
                 << flagName(o.getSrcPipe(), o.getDstPipe(), o.getEventId())
                 << " is never satisfied: no set_flag for it is pending";
        }
        PendingFlag set = std::move(it->second);
        pendingFlags.erase(it);
        double &free = time.pipeFree[static_cast<unsigned>(o.getDstPipe())];
        free = std::max(free, set.fired + latency);
        if (hazards)
          hazards->receive(index, o.getDstPipe(), set.clock);
        recordFlow(o.getSrcPipe(), set.fired, index, set.setOp, o.getDstPipe(),
                   set.fired + latency, &op);
        return success();
      })
      .Case([&](aicore::PipeBarrierOp o) {
        if (o.getPipe() == aicore::Pipe::all)
          time.issue = time.end();
        else
          time.issue = time.drained(o.getPipe());
        if (hazards)
          hazards->barrier(index, o.getPipe());
        return success();
      })
      .Case([&](aicore::CrossCoreSetFlagOp o) -> LogicalResult {
        if (!scheduler)
          return op.emitError() << "cross-core flags need a kernel with "
                                   "aicore.core regions";
        int64_t f = o.getFlagId();
        BlockScheduler::Signal signal{
            time.drained(o.getPipe()), {}, index, o.getPipe(), &op};
        if (hazards)
          signal.clock = hazards->flagClock(index, o.getPipe());
        SmallVector<std::deque<BlockScheduler::Signal> *, 2> counters;
        if (type == CoreType::cube)
          for (auto &perCore : scheduler->toVector)
            counters.push_back(&perCore[f]);
        else
          counters.push_back(&scheduler->toCube[subBlockIdx][f]);
        unsigned limit = kernel.target.maxCrossCoreFlagCount;
        for (std::deque<BlockScheduler::Signal> *counter : counters) {
          if (hazards && counter->size() >= limit)
            return op.emitError()
                   << "cross-core flag " << f << " is set a " << limit + 1
                   << "th time with none of the " << limit
                   << " sets before it waited for: its counter holds at most "
                   << limit << " (the chip aborts or hangs); let the setter "
                   << "wait for the other side before it runs further ahead";
          counter->push_back(signal);
        }
        return success();
      })
      .Case([&](aicore::CrossCoreWaitFlagOp o) -> LogicalResult {
        if (!scheduler)
          return op.emitError() << "cross-core flags need a kernel with "
                                   "aicore.core regions";
        int64_t f = o.getFlagId();
        BlockScheduler &s = *scheduler;
        SmallVector<BlockScheduler::Signal> received;
        bool ok;
        if (type == CoreType::cube) {
          ok = s.waitUntil(index, &op, [&s, f] {
            return llvm::all_of(s.toCube, [f](auto &c) { return !c[f].empty(); });
          });
          if (ok)
            for (auto &c : s.toCube) {
              received.push_back(c[f].front());
              c[f].pop_front();
            }
        } else {
          int64_t v = subBlockIdx;
          ok = s.waitUntil(index, &op, [&s, v, f] { return !s.toVector[v][f].empty(); });
          if (ok) {
            received.push_back(s.toVector[v][f].front());
            s.toVector[v][f].pop_front();
          }
        }
        if (!ok) // the deadlock is reported by the block's runner
          return failure();
        double &free = time.pipeFree[static_cast<unsigned>(o.getPipe())];
        for (const BlockScheduler::Signal &signal : received) {
          free = std::max(free, signal.time + latency);
          recordFlow(signal.pipe, signal.time, signal.core, signal.op,
                     o.getPipe(), signal.time + latency, &op);
          if (hazards)
            hazards->receive(index, o.getPipe(), signal.clock);
        }
        return success();
      })
      .Default([&](Operation *) {
        handled = false;
        return success();
      });
}

//===----------------------------------------------------------------------===//
// Kernels and blocks
//===----------------------------------------------------------------------===//

/// Which cores a block of `kernel` needs: cube + vector cores for kernels
/// with aicore.core regions, otherwise one core of the type its tile ops use.
static FailureOr<SmallVector<CoreType>>
getBlockCores(func::FuncOp kernel, const aicore::TargetInfo &target) {
  bool hasRegions = false, usesCube = false, usesVector = false;
  kernel.walk([&](Operation *op) {
    if (isa<aicore::CoreOp>(op))
      hasRegions = true;
    else if (auto tile = dyn_cast<aicore::TileOpInterface>(op))
      (tile.getCoreType() == CoreType::cube ? usesCube : usesVector) = true;
  });
  if (!target.split)
    return SmallVector<CoreType>{CoreType::cube};
  if (hasRegions) {
    SmallVector<CoreType> cores{CoreType::cube};
    cores.append(target.vectorCoresPerBlock, CoreType::vector);
    return cores;
  }
  if (usesCube && usesVector) {
    kernel.emitError() << "kernel uses both cube and vector ops outside "
                          "aicore.core regions; on "
                       << target.name
                       << " put each side in its own aicore.core region";
    return failure();
  }
  return SmallVector<CoreType>{usesCube ? CoreType::cube : CoreType::vector};
}

/// Runs block `blockIdx` on physical slot `slot` starting at `startCycle`;
/// returns the cycle its last core finishes in `endCycle`.
static LogicalResult runOneBlock(KernelContext &context,
                                 ArrayRef<CoreType> coreTypes,
                                 int64_t blockIdx, unsigned slot,
                                 double startCycle, double &endCycle) {
  bool coupled = !context.target.split;
  bool threaded = coreTypes.size() > 1;
  BlockScheduler scheduler(coreTypes.size());
  unsigned vectors = llvm::count(coreTypes, CoreType::vector);
  unsigned flags = std::max(1u, context.target.numCrossCoreFlags);
  scheduler.toVector.assign(
      vectors, std::vector<std::deque<BlockScheduler::Signal>>(flags));
  scheduler.toCube = scheduler.toVector;
  std::optional<HazardTracker> hazards;
  if (context.options.checkHazards)
    hazards.emplace(coreTypes.size());

  SmallVector<std::unique_ptr<CoreExecutor>> cores;
  int64_t nextSub = 0;
  for (auto [i, t] : llvm::enumerate(coreTypes)) {
    int64_t sub = t == CoreType::vector ? nextSub++ : 0;
    cores.push_back(std::make_unique<CoreExecutor>(
        context, threaded ? &scheduler : nullptr,
        hazards ? &*hazards : nullptr, i, t, blockIdx, sub, coupled, slot,
        startCycle));
    cores.back()->initSpaces();
  }
  auto finish = [&](LogicalResult result) {
    endCycle = startCycle;
    for (auto &core : cores)
      endCycle = std::max(endCycle, core->getTimeline().end());
    return result;
  };
  if (!threaded)
    return finish(cores.front()->run());

  SmallVector<LogicalResult> results(cores.size(), success());
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < cores.size(); ++i)
    threads.emplace_back([&, i] {
      scheduler.waitForTurn(i);
      if (!scheduler.hasDeadlocked())
        results[i] = cores[i]->run();
      scheduler.finish(i);
    });
  for (std::thread &t : threads)
    t.join();
  if (scheduler.hasDeadlocked()) {
    for (auto [core, op] : scheduler.stuck()) {
      auto wait = cast<aicore::CrossCoreWaitFlagOp>(op);
      InFlightDiagnostic diag = op->emitError() << "deadlock: block " << blockIdx;
      if (coreTypes[core] == CoreType::cube)
        diag << ", cube core";
      else // vector cores follow the cube core
        diag << ", vector core " << core - 1;
      diag << " waits for cross-core flag " << wait.getFlagId()
           << ", which no running core sets any more";
    }
    return finish(failure());
  }
  if (!llvm::all_of(results, [](LogicalResult r) { return succeeded(r); }))
    return finish(failure());
  if (context.options.checkHazards)
    return finish(scheduler.checkDrained(blockIdx));
  return finish(success());
}

} // namespace

double TimingReport::utilization(CoreType type, aicore::Pipe pipe) const {
  unsigned cores = type == CoreType::cube ? cubeCores : vectorCores;
  if (!cores || totalCycles <= 0)
    return 0;
  return busy[static_cast<unsigned>(type)][static_cast<unsigned>(pipe)] /
         (totalCycles * cores);
}

LogicalResult mlir::ascend::runtime::runKernel(func::FuncOp kernel,
                                               std::vector<GlobalBuffer> &arguments,
                                               const RunOptions &options,
                                               RunStatistics *statistics,
                                               TimingReport *timing) {
  SmallVector<unsigned> own(arguments.size());
  std::iota(own.begin(), own.end(), 0u);
  return runKernel(kernel, arguments, own, options, statistics, timing);
}

LogicalResult mlir::ascend::runtime::runKernel(
    func::FuncOp kernel, std::vector<GlobalBuffer> &arguments,
    ArrayRef<unsigned> argumentBuffer, const RunOptions &options,
    RunStatistics *statistics, TimingReport *timing) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(kernel);
  auto kernelAttr = kernel->getAttrOfType<aicore::KernelAttr>(
      aicore::AICoreDialect::getKernelAttrName());
  int64_t blockDim = kernelAttr ? kernelAttr.getBlockDim() : 1;

  FunctionType fnType = kernel.getFunctionType();
  if (fnType.getNumInputs() != argumentBuffer.size())
    return kernel.emitError() << "kernel takes " << fnType.getNumInputs()
                              << " arguments, " << argumentBuffer.size()
                              << " given";
  for (auto [i, type] : llvm::enumerate(fnType.getInputs())) {
    auto memref = dyn_cast<MemRefType>(type);
    if (!memref || !memref.hasStaticShape() ||
        aicore::getAddressSpace(memref) != AddressSpace::gm)
      return kernel.emitError() << "argument " << i << " has type " << type
                                << "; ascend-run binds statically shaped GM "
                                   "memrefs only";
    size_t bytes = arguments[argumentBuffer[i]].bytes.size();
    if (static_cast<int64_t>(bytes) != getBufferBytes(memref))
      return kernel.emitError() << "argument " << i << " needs "
                                << getBufferBytes(memref) << " bytes, got "
                                << bytes;
  }
  std::vector<Storage> gm(arguments.size());
  std::vector<DefinedBytes *> defined;
  std::vector<char> stale;
  for (auto [storage, buffer] : llvm::zip(gm, arguments)) {
    storage.bytes = std::move(buffer.bytes);
    defined.push_back(buffer.defined ? &*buffer.defined : nullptr);
    stale.push_back(buffer.stale);
  }

  FailureOr<SmallVector<CoreType>> cores = getBlockCores(kernel, target);
  if (failed(cores))
    return failure();
  // Blocks run in waves on the physical slots: a block is a whole AI core
  // pair on split targets with core regions, one vector or cube core
  // otherwise (docs/CycleModel.md).
  unsigned perBlockVector = llvm::count(*cores, CoreType::vector);
  unsigned perBlockCube = cores->size() - perBlockVector;
  unsigned slots = target.numBlocks;
  if (target.split && cores->size() == 1 && perBlockVector == 1)
    slots = target.numBlocks * target.vectorCoresPerBlock;
  unsigned slotsUsed = static_cast<unsigned>(std::min<int64_t>(blockDim, slots));

  KernelContext context{kernel,
                        target,
                        gm,
                        blockDim,
                        options,
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        L2Cache(target.l2Bytes),
                        HbmTimeline(target.gmBytesPerCycle)};
  context.argumentStorage = argumentBuffer;
  context.defined = std::move(defined);
  context.stale = std::move(stale);
  if (options.checkHazards)
    context.gmAccesses.emplace();
  context.report.target = target.name.str();
  context.report.clockMHz = target.clockMHz;
  context.report.blockCores.assign(cores->begin(), cores->end());
  context.report.cubeCores = slotsUsed * perBlockCube;
  context.report.vectorCores = slotsUsed * perBlockVector;
  const aicore::CubeRate &f16 = target.cubeF16;
  context.report.peakCubeFlopsPerCycle = 2.0 * target.numBlocks * f16.m0 *
                                         f16.k0 * f16.n0 / f16.cyclesPerFractal;
  context.report.peakGmBytesPerCycle = target.gmBytesPerCycle;

  std::vector<double> slotFree(slots, 0);
  LogicalResult result = success();
  for (int64_t b = 0; b < blockDim && succeeded(result); ++b) {
    unsigned slot = static_cast<unsigned>(b % slots);
    double end;
    result = runOneBlock(context, *cores, b, slot, slotFree[slot], end);
    slotFree[slot] = end;
  }
  context.report.slotEnds.assign(slotFree.begin(),
                                 slotFree.begin() + slotsUsed);
  context.report.totalCycles = *std::max_element(
      context.report.slotEnds.begin(), context.report.slotEnds.end());
  // The chip cannot move HBM data faster than HBM allows, whatever the
  // per-core estimates say.
  context.report.totalCycles = std::max(
      context.report.totalCycles, context.report.hbmBytes / target.gmBytesPerCycle);
  context.stats.blocks = blockDim;
  for (auto [arg, storage, isStale] : llvm::zip(arguments, gm, context.stale)) {
    arg.bytes = std::move(storage.bytes);
    arg.stale = isStale;
  }
  if (statistics)
    *statistics = context.stats;
  if (timing)
    *timing = std::move(context.report);
  return result;
}

std::optional<int64_t> DefinedBytes::firstUndefined(int64_t lo,
                                                    int64_t hi) const {
  auto it = spans.upper_bound(lo);
  if (it != spans.begin() && std::prev(it)->second > lo)
    lo = std::prev(it)->second; // covered up to there
  while (lo < hi) {
    if (it == spans.end() || it->first > lo)
      return lo;
    lo = std::max(lo, it->second);
    ++it;
  }
  return std::nullopt;
}

void DefinedBytes::define(int64_t lo, int64_t hi) {
  if (lo >= hi)
    return;
  auto it = spans.upper_bound(lo);
  if (it != spans.begin() && std::prev(it)->second >= lo) {
    --it;
    lo = it->first;
    hi = std::max(hi, it->second);
    it = spans.erase(it);
  }
  while (it != spans.end() && it->first <= hi) {
    hi = std::max(hi, it->second);
    it = spans.erase(it);
  }
  spans[lo] = hi;
}
