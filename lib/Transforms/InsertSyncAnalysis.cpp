//===- InsertSyncAnalysis.cpp - accesses, aliasing, happens-before --------===//

#include "InsertSyncAnalysis.h"
#include "AscendDialect/AICore/TileAccess.h"
#include "AscendDialect/Support/LoopUtils.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"
#include <algorithm>
#include <map>

using namespace mlir;
using namespace mlir::ascend::sync;
using aicore::AddressSpace;

//===----------------------------------------------------------------------===//
// Footprints
//===----------------------------------------------------------------------===//

static unsigned elementBits(MemRefType type) {
  Type element = type.getElementType();
  return element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
}

/// The whole of a statically laid out memref, as its layout describes it.
static void setWholeView(Footprint &f, MemRefType type) {
  f.bits = elementBits(type);
  SmallVector<int64_t> strides;
  int64_t offset;
  f.exact = type.hasStaticShape() &&
            succeeded(getStridesAndOffset(type, strides, offset)) &&
            !ShapedType::isDynamic(offset) &&
            llvm::none_of(strides, ShapedType::isDynamic);
  if (!f.exact)
    return;
  f.offset = offset;
  f.shape.assign(type.getShape().begin(), type.getShape().end());
  f.strides.assign(strides.begin(), strides.end());
}

static void applySubview(Footprint &f, memref::SubViewOp view) {
  ArrayRef<int64_t> offsets = view.getStaticOffsets();
  ArrayRef<int64_t> sizes = view.getStaticSizes();
  ArrayRef<int64_t> steps = view.getStaticStrides();
  auto dynamic = [](ArrayRef<int64_t> values) {
    return llvm::any_of(values, ShapedType::isDynamic);
  };
  if (!f.exact || f.shape.size() != offsets.size() || dynamic(offsets) ||
      dynamic(sizes) || dynamic(steps)) {
    f.exact = false;
    return;
  }
  llvm::SmallBitVector dropped = view.getDroppedDims();
  SmallVector<int64_t, 4> shape, strides;
  for (size_t d = 0; d < offsets.size(); ++d) {
    f.offset += offsets[d] * f.strides[d];
    if (dropped.test(d))
      continue;
    shape.push_back(sizes[d]);
    strides.push_back(f.strides[d] * steps[d]);
  }
  f.shape = std::move(shape);
  f.strides = std::move(strides);
}

/// collapse_shape / expand_shape of a row-major contiguous view keep its
/// offset and get row-major strides (the only reshapes ascend-run runs).
static void applyReshape(Footprint &f, MemRefType result) {
  int64_t expected = 1;
  for (int64_t d = static_cast<int64_t>(f.shape.size()) - 1; f.exact && d >= 0;
       --d) {
    if (f.shape[d] != 1 && f.strides[d] != expected)
      f.exact = false;
    expected *= f.shape[d];
  }
  if (!f.exact || !result.hasStaticShape()) {
    f.exact = false;
    return;
  }
  f.shape.assign(result.getShape().begin(), result.getShape().end());
  f.strides.assign(f.shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(f.shape.size()) - 2; d >= 0; --d)
    f.strides[d] = f.strides[d + 1] * f.shape[d + 1];
}

Footprint mlir::ascend::sync::getFootprint(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type) {
    Footprint unknown;
    unknown.space = aicore::getAddressSpace(value.getType());
    return unknown;
  }
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    Footprint f;
    f.space = aicore::getAddressSpace(type);
    if (arg.getOwner()->isEntryBlock() &&
        isa<func::FuncOp>(arg.getOwner()->getParentOp())) {
      f.kind = Footprint::Root::argument;
      f.root = value;
      setWholeView(f, type);
    }
    return f;
  }
  Operation *def = value.getDefiningOp();
  if (auto alloc = dyn_cast<aicore::AllocOp>(def)) {
    Footprint f;
    f.kind = Footprint::Root::alloc;
    f.root = value;
    f.space = aicore::getAddressSpace(type);
    f.allocOffset = alloc.getOffset();
    f.rootBytes = aicore::getTileBytes(type);
    setWholeView(f, type);
    return f;
  }
  if (auto view = dyn_cast<memref::SubViewOp>(def)) {
    Footprint f = getFootprint(view.getSource());
    applySubview(f, view);
    return f;
  }
  if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp>(def)) {
    Footprint f = getFootprint(def->getOperand(0));
    applyReshape(f, type);
    return f;
  }
  if (auto cast = dyn_cast<memref::CastOp>(def))
    return getFootprint(cast.getSource());
  Footprint unknown;
  unknown.space = aicore::getAddressSpace(type);
  return unknown;
}

using aicore::ByteRange;

/// Above this many rows a view is compared by its bounding range.
static constexpr int64_t kMaxRows = 4096;

/// The bytes of `f`, `base` bytes into its space, as sorted ranges (compared
/// the way the hazard checker compares tiles).
static SmallVector<ByteRange> byteRanges(const Footprint &f, int64_t base) {
  if (!f.exact)
    return {{base, base + f.rootBytes}};
  SmallVector<ByteRange> ranges = aicore::getRowByteRanges(
      {f.offset, f.shape, f.strides, f.bits}, kMaxRows);
  for (ByteRange &r : ranges)
    r = {r.first + base, r.second + base};
  return ranges;
}

bool mlir::ascend::sync::mayOverlap(const Footprint &a, const Footprint &b) {
  using Root = Footprint::Root;
  if (a.space != b.space)
    return false;
  if (a.kind == Root::unknown || b.kind == Root::unknown)
    return true;
  if (a.root == b.root)
    return !a.exact || !b.exact ||
           aicore::rangesOverlap(byteRanges(a, 0), byteRanges(b, 0));
  // Different function arguments are assumed not to alias (the documented
  // contract of a kernel's GM arguments).
  if (a.kind != Root::alloc || b.kind != Root::alloc)
    return false;
  if (!a.allocOffset && !b.allocOffset)
    return false;
  if (!a.allocOffset || !b.allocOffset)
    return true;
  return aicore::rangesOverlap(byteRanges(a, *a.allocOffset),
                    byteRanges(b, *b.allocOffset));
}

bool mlir::ascend::sync::writesInto(const Access &a, const Access &b) {
  for (const Footprint &w : a.writes) {
    for (const Footprint &r : b.reads)
      if (mayOverlap(w, r))
        return true;
    for (const Footprint &o : b.writes)
      if (mayOverlap(w, o))
        return true;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// The kernel model
//===----------------------------------------------------------------------===//

namespace {
class ModelBuilder {
public:
  explicit ModelBuilder(KernelModel &model) : model(model) {}

  LogicalResult collect(Block &block, unsigned domain);
  void findConflicts();

private:
  LogicalResult collectOp(Operation &op, unsigned domain);
  LogicalResult collectAccess(Operation &op, unsigned domain);

  KernelModel &model;
};
} // namespace

static bool hasMemRefOperand(Operation &op) {
  return llvm::any_of(op.getOperandTypes(),
                      [](Type t) { return isa<BaseMemRefType>(t); });
}

LogicalResult ModelBuilder::collectAccess(Operation &op, unsigned domain) {
  std::optional<Pipe> pipe;
  if (auto tile = dyn_cast<aicore::TileOpInterface>(op))
    pipe = tile.getPipe();
  else if (isa<memref::LoadOp, memref::StoreOp>(op))
    pipe = Pipe::s; // as ascend-run runs them
  bool effects = isa<MemoryEffectOpInterface>(op);
  Access access{&op, pipe.value_or(Pipe::s), {}, {}, domain};
  SmallVector<Value> reads, writes;
  aicore::getTileAccesses(&op, reads, writes);
  for (Value v : reads)
    access.reads.push_back(getFootprint(v));
  for (Value v : writes)
    access.writes.push_back(getFootprint(v));
  bool touchesMemory = !access.reads.empty() || !access.writes.empty();
  bool unknownEffects = !effects && hasMemRefOperand(op) &&
                        op.getName().getDialectNamespace() != "aicore";
  if (!pipe && (touchesMemory || unknownEffects))
    return op.emitError()
           << "accesses memory on no pipe ascend-insert-sync knows; expected "
              "tile ops (aicore::TileOpInterface) and memref.load/store";
  if (!touchesMemory)
    return success();
  model.accessOf[&op] = model.accesses.size();
  model.domains[domain].accesses.push_back(model.accesses.size());
  model.accesses.push_back(std::move(access));
  return success();
}

LogicalResult ModelBuilder::collectOp(Operation &op, unsigned domain) {
  if (auto core = dyn_cast<aicore::CoreOp>(op)) {
    if (!isa<func::FuncOp>(op.getParentOp()))
      return op.emitError() << "ascend-insert-sync expects aicore.core "
                               "regions directly in the function body";
    model.domains.push_back({&core.getBody().front(), core.getCoreType(), {}});
    return collect(core.getBody().front(), model.domains.size() - 1);
  }
  if (isa<scf::ForOp, scf::IfOp>(op)) {
    for (Region &region : op.getRegions())
      for (Block &block : region)
        if (failed(collect(block, domain)))
          return failure();
    return success();
  }
  if (op.getNumRegions() != 0)
    return op.emitError() << "ascend-insert-sync orders code in scf.for and "
                             "scf.if only; cannot look into '"
                          << op.getName() << "'";
  return collectAccess(op, domain);
}

LogicalResult ModelBuilder::collect(Block &block, unsigned domain) {
  for (Operation &op : block)
    if (failed(collectOp(op, domain)))
      return failure();
  return success();
}

void ModelBuilder::findConflicts() {
  size_t n = model.accesses.size();
  model.conflicts.assign(n, {});
  model.crossConflicts.assign(n, {});
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      const Access &a = model.accesses[i], &b = model.accesses[j];
      bool sameCore = a.domain == b.domain;
      // One pipe is in order with itself; other cores never are.
      if (sameCore && a.pipe == b.pipe)
        continue;
      if (!writesInto(a, b) && !writesInto(b, a))
        continue;
      auto &lists = sameCore ? model.conflicts : model.crossConflicts;
      lists[i].push_back(j);
      lists[j].push_back(i);
    }
  }
}

FailureOr<KernelModel> mlir::ascend::sync::buildKernelModel(func::FuncOp func) {
  KernelModel model;
  model.domains.push_back({&func.getBody().front(), std::nullopt, {}});
  ModelBuilder builder(model);
  if (failed(builder.collect(func.getBody().front(), 0)))
    return failure();
  if (model.domains.size() > 1 && !model.domains[0].accesses.empty())
    return model.accesses[model.domains[0].accesses.front()].op->emitError()
           << "tile op outside the aicore.core regions of a kernel that has "
              "them; ascend-insert-sync expected every tile op inside the "
              "region of its core type";
  builder.findConflicts();
  return model;
}

//===----------------------------------------------------------------------===//
// Happens-before replay
//===----------------------------------------------------------------------===//

namespace {
using Clock = SmallVector<uint32_t, 16>;

void join(Clock &into, const Clock &from) {
  for (size_t i = 0; i < into.size(); ++i)
    into[i] = std::max(into[i], from[i]);
}

/// What one path knows at a point (the hazard checker's state).
struct State {
  SmallVector<Clock, kNumPipes> clocks; ///< per pipe
  Clock issue;                          ///< what the issuer has seen
  std::map<std::tuple<unsigned, unsigned, int64_t>, Clock> pending;
  struct Instance {
    uint32_t seq;
    uint64_t order;
    unsigned context;
  };
  DenseMap<unsigned, Instance> last; ///< latest instance of each access
};

/// On one path, knowing every instruction a pipe has issued so far is the
/// same as knowing all of them up to `count`, for any larger count: the
/// numbers in between belong to instructions only the other path issued,
/// and instructions after the meet are numbered past `count`. Without this
/// a loop that may run zero times would forget what its flags ordered.
void liftCompleteKnowledge(State &s, ArrayRef<uint32_t> count) {
  SmallVector<uint32_t, kNumPipes> own;
  for (unsigned p = 0; p < kNumPipes; ++p)
    own.push_back(s.clocks[p][p]);
  auto lift = [&](Clock &clock) {
    for (unsigned p = 0; p < kNumPipes; ++p)
      if (clock[p] >= own[p])
        clock[p] = count[p];
  };
  for (Clock &clock : s.clocks)
    lift(clock);
  lift(s.issue);
  for (auto &entry : s.pending)
    lift(entry.second);
}

void meetClock(Clock &into, const Clock &other) {
  for (size_t i = 0; i < into.size(); ++i)
    into[i] = std::min(into[i], other[i]);
}

/// A pipe acts on what it has seen joined with what the issuer has seen
/// (every access and every set joins the two), so fold the issuer's
/// knowledge in before taking what holds on both paths: one path may know
/// through a barrier what the other knows through a flag.
void foldIssue(State &s) {
  for (Clock &clock : s.clocks)
    join(clock, s.issue);
}

/// What holds on both paths.
State meet(State a, State b) {
  foldIssue(a);
  foldIssue(b);
  SmallVector<uint32_t, kNumPipes> count;
  for (unsigned p = 0; p < kNumPipes; ++p)
    count.push_back(std::max(a.clocks[p][p], b.clocks[p][p]));
  liftCompleteKnowledge(a, count);
  liftCompleteKnowledge(b, count);
  for (unsigned p = 0; p < kNumPipes; ++p)
    meetClock(a.clocks[p], b.clocks[p]);
  meetClock(a.issue, b.issue);
  for (const auto &[key, clock] : b.pending) {
    auto [it, inserted] = a.pending.insert({key, clock});
    if (!inserted)
      meetClock(it->second, clock);
  }
  for (const auto &[id, instance] : b.last) {
    auto [it, inserted] = a.last.insert({id, instance});
    if (!inserted && instance.order > it->second.order)
      it->second = instance;
  }
  return a;
}

class Replayer {
public:
  Replayer(const KernelModel &model, const ReplayConfig &config)
      : model(model), config(config), width(kNumPipes + config.numTokens) {
    state.clocks.assign(kNumPipes, Clock(width, 0));
    state.issue.assign(width, 0);
    contexts.push_back({0, nullptr, 0});
  }

  ReplayResult run(Block &body) {
    replayBlock(body);
    for (const auto &[id, instance] : state.last)
      result.finalSeq[id] = instance.seq;
    return std::move(result);
  }

private:
  struct Context {
    unsigned parent;
    Operation *loop; ///< null for the root
    unsigned copy;   ///< which replayed iteration
  };

  void replayBlock(Block &block) {
    for (Operation &op : block)
      replayOp(op);
  }
  void replayOp(Operation &op);
  void replayAccess(unsigned id);
  void replayLoop(scf::ForOp loop);
  void replayBranches(scf::IfOp branch);
  void replayFlag(Operation *op, Pipe src, Pipe dst, int64_t eventId, bool set);
  void replayBarrier(Pipe pipe);
  void replayCrossCore(Operation *op, Pipe pipe, bool set);
  Operation *carrier(unsigned earlier, unsigned later) const;
  Clock flagClock(Pipe pipe) const {
    Clock c = state.clocks[static_cast<unsigned>(pipe)];
    join(c, state.issue);
    return c;
  }
  int64_t keyOf(Operation *op, int64_t id) const {
    if (config.flagKeys)
      if (auto it = config.flagKeys->find(op); it != config.flagKeys->end())
        return it->second;
    return id;
  }

  const KernelModel &model;
  const ReplayConfig &config;
  unsigned width;
  State state;
  SmallVector<Context> contexts;
  unsigned current = 0;
  uint64_t order = 0;
  ReplayResult result;
  DenseSet<std::tuple<unsigned, unsigned, Operation *>> reported;
};
} // namespace

void Replayer::replayOp(Operation &op) {
  if (config.disabled && config.disabled->contains(&op))
    return;
  if (auto it = model.accessOf.find(&op); it != model.accessOf.end())
    return replayAccess(it->second);
  llvm::TypeSwitch<Operation *>(&op)
      .Case([&](scf::ForOp loop) { replayLoop(loop); })
      .Case([&](scf::IfOp branch) { replayBranches(branch); })
      .Case([&](aicore::SetFlagOp o) {
        replayFlag(o, o.getSrcPipe(), o.getDstPipe(), o.getEventId(), true);
      })
      .Case([&](aicore::WaitFlagOp o) {
        replayFlag(o, o.getSrcPipe(), o.getDstPipe(), o.getEventId(), false);
      })
      .Case([&](aicore::PipeBarrierOp o) { replayBarrier(o.getPipe()); })
      .Case([&](aicore::CrossCoreSetFlagOp o) {
        replayCrossCore(o, o.getPipe(), true);
      })
      .Case([&](aicore::CrossCoreWaitFlagOp o) {
        replayCrossCore(o, o.getPipe(), false);
      });
}

/// The outermost loop both instances ran in, in different iterations: the
/// loop that carries the dependency from one iteration to the next.
Operation *Replayer::carrier(unsigned earlier, unsigned later) const {
  auto chain = [&](unsigned c) {
    SmallVector<unsigned, 4> path;
    for (; c != 0; c = contexts[c].parent)
      path.push_back(c);
    std::reverse(path.begin(), path.end());
    return path;
  };
  SmallVector<unsigned, 4> a = chain(earlier), b = chain(later);
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (contexts[a[i]].loop != contexts[b[i]].loop)
      return nullptr;
    if (contexts[a[i]].copy != contexts[b[i]].copy)
      return contexts[a[i]].loop;
  }
  return nullptr;
}

void Replayer::replayAccess(unsigned id) {
  const Access &access = model.accesses[id];
  unsigned self = static_cast<unsigned>(access.pipe);
  Clock &clock = state.clocks[self];
  join(clock, state.issue);
  uint32_t seq = ++clock[self];
  uint64_t now = order++;
  for (unsigned other : model.conflicts[id]) {
    auto it = state.last.find(other);
    if (it == state.last.end())
      continue;
    unsigned pipe = static_cast<unsigned>(model.accesses[other].pipe);
    if (clock[pipe] >= it->second.seq)
      continue;
    Operation *loop = carrier(it->second.context, current);
    if (reported.insert({other, id, loop}).second)
      result.uncovered.push_back({other, id, loop, now, it->second.order});
  }
  if (!model.crossConflicts[id].empty()) {
    llvm::SmallBitVector seen(config.numTokens);
    for (unsigned t = 0; t < config.numTokens; ++t)
      if (clock[kNumPipes + t])
        seen.set(t);
    auto [it, inserted] = result.tokensSeen.insert({id, seen});
    if (!inserted)
      it->second &= seen;
  }
  state.last[id] = {seq, now, current};
}

void Replayer::replayLoop(scf::ForOp loop) {
  std::optional<int64_t> trips = ascend::getStaticTripCount(loop);
  if (trips && *trips <= 0)
    return;
  // Two iterations show every dependency from one iteration to the next;
  // a third would repeat the second.
  int64_t copies = trips ? std::min<int64_t>(*trips, 2) : 2;
  std::optional<State> skipped;
  if (!trips)
    skipped = state;
  unsigned outer = current;
  for (int64_t c = 0; c < copies; ++c) {
    contexts.push_back({outer, loop, static_cast<unsigned>(c)});
    current = contexts.size() - 1;
    replayBlock(*loop.getBody());
  }
  current = outer;
  if (skipped)
    state = meet(std::move(state), *skipped);
}

void Replayer::replayBranches(scf::IfOp branch) {
  State before = state;
  replayBlock(branch.getThenRegion().front());
  if (branch.getElseRegion().empty()) {
    state = meet(std::move(state), before);
    return;
  }
  State taken = std::move(state);
  state = std::move(before);
  replayBlock(branch.getElseRegion().front());
  state = meet(std::move(taken), state);
}

void Replayer::replayFlag(Operation *op, Pipe src, Pipe dst, int64_t eventId,
                          bool set) {
  auto key = std::make_tuple(static_cast<unsigned>(src),
                             static_cast<unsigned>(dst), keyOf(op, eventId));
  if (set) {
    state.pending[key] = flagClock(src);
    return;
  }
  auto it = state.pending.find(key);
  if (it == state.pending.end())
    return; // a deadlock; ascend-run reports it
  join(state.clocks[static_cast<unsigned>(dst)], it->second);
  state.pending.erase(it);
}

void Replayer::replayBarrier(Pipe pipe) {
  for (unsigned p = 0; p < kNumPipes; ++p)
    if (pipe == Pipe::all || p == static_cast<unsigned>(pipe))
      join(state.issue, state.clocks[p]);
  // The scalar pipe stalls at a barrier too, so its own accesses follow.
  join(state.clocks[static_cast<unsigned>(Pipe::s)], state.issue);
}

void Replayer::replayCrossCore(Operation *op, Pipe pipe, bool set) {
  if (!config.tokens)
    return;
  auto it = config.tokens->find(op);
  if (it == config.tokens->end())
    return;
  if (set) {
    Clock clock = flagClock(pipe);
    result.exported[it->second].assign(clock.begin(), clock.end());
    return;
  }
  uint32_t &entry =
      state.clocks[static_cast<unsigned>(pipe)][kNumPipes + it->second];
  entry = std::max<uint32_t>(entry, 1);
}

ReplayResult mlir::ascend::sync::replay(const KernelModel &model,
                                        const Domain &domain,
                                        const ReplayConfig &config) {
  return Replayer(model, config).run(*domain.body);
}
