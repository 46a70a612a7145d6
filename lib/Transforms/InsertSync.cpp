//===- InsertSync.cpp - flags and barriers from pipe dependencies ---------===//
//
// ascend-insert-sync (rules in Passes.td). The model of accesses and the
// happens-before replay are in InsertSyncAnalysis; this file decides where
// syncs go: it replays the kernel, inserts a flag for the first dependency
// nothing orders, and repeats until everything is ordered; then it drops
// inserted flags that later ones made redundant, chains the flags of
// consecutive loops, and allocates ids (barriers where none is left). Every
// step that removes or weakens a sync is checked by another replay.
//
//===----------------------------------------------------------------------===//

#include "InsertSyncAnalysis.h"

#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include <map>

namespace mlir::ascend {
#define GEN_PASS_DEF_INSERTSYNCPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::sync;

namespace {

/// A flag the pass inserted, before its event id is chosen: one or more
/// set -> wait hand-overs between the same two pipes sharing one id.
struct InsertedFlag {
  Pipe src, dst;
  /// Each set and the wait that consumes it, in program order of the sets.
  SmallVector<std::pair<Operation *, Operation *>, 2> pending;
  /// For a dependency a loop carries into its next iteration: the set before
  /// the loop that the first iteration's wait consumes, and the wait after
  /// it that consumes the last iteration's set.
  Operation *preSet = nullptr, *postWait = nullptr;

  SmallVector<Operation *, 4> ops() const {
    SmallVector<Operation *, 4> list;
    for (auto [set, wait] : pending) {
      list.push_back(set);
      list.push_back(wait);
    }
    return list;
  }
};

/// A cross-core pair the pass inserted, at the top level of two regions.
struct InsertedCrossFlag {
  aicore::CrossCoreSetFlagOp set;
  aicore::CrossCoreWaitFlagOp wait;
  unsigned from; ///< the domain that sets
};

/// Cross-core sets and waits matched statically: the k-th top-level set of a
/// flag id in one region releases the k-th top-level wait of that id in the
/// other (the flags count). Ids also used inside loops or branches are not
/// matched: their pairing depends on trip counts.
struct CrossCoreTokens {
  DenseMap<Operation *, unsigned> tokens;
  SmallVector<unsigned> sender; ///< per token: the setting domain
  SmallVector<std::pair<Operation *, Operation *>> pairs; ///< (set, wait)
};

/// A barrier standing in for a flag that found no event id.
struct FallbackBarrier {
  aicore::PipeBarrierOp op;
  Pipe src, dst; ///< the flag's pipes
};

/// A dependency between accesses of two cores: earlier -> later.
struct CrossDependency {
  unsigned earlier, later;
};

/// The first thing one replay of every core found unordered.
struct Findings {
  std::optional<Uncovered> flag;
  std::optional<CrossDependency> crossFlag;
  /// A conflict between cores in which both sides write: no order to infer.
  std::optional<CrossDependency> ambiguous;

  bool clean() const { return !flag && !crossFlag && !ambiguous; }
};

class SyncInserter {
public:
  SyncInserter(func::FuncOp func, KernelModel model, unsigned maxEventIds)
      : func(func), model(std::move(model)),
        target(aicore::getTargetInfo(func)),
        eventLimit(maxEventIds ? std::min(maxEventIds, target.numEventIds)
                               : target.numEventIds) {}

  LogicalResult run();

private:
  Findings analyse();
  CrossCoreTokens matchCrossCoreFlags();
  bool crossCovered(unsigned earlier, unsigned later,
                    ArrayRef<ReplayResult> results,
                    const CrossCoreTokens &cross) const;
  std::optional<Uncovered> firstUncovered(ArrayRef<ReplayResult> results) const;
  void findCrossCoreGaps(ArrayRef<ReplayResult> results,
                         const CrossCoreTokens &cross,
                         Findings &findings) const;

  LogicalResult insertFlag(const Uncovered &dependency);
  void insertCrossFlag(const CrossDependency &dependency);
  LogicalResult reportAmbiguous(const CrossDependency &dependency);

  void removeRedundantFlags();
  void fuseLoopFlags();
  std::optional<size_t> nextLoopFlag(size_t index) const;
  bool tryFuse(size_t first, size_t second);
  void assignEventIds();
  void fallBackToBarriers(const InsertedFlag &flag,
                          SmallVectorImpl<FallbackBarrier> &barriers);
  void pruneBarriers(ArrayRef<FallbackBarrier> barriers);
  LogicalResult assignCrossCoreIds();
  LogicalResult checkCrossCoreDeadlock();

  int64_t crossKey(Operation *op) const;
  Operation *topLevelOp(unsigned domain, Operation *op) const {
    return model.domains[domain].body->findAncestorOpInBlock(*op);
  }

  func::FuncOp func;
  KernelModel model;
  const aicore::TargetInfo &target;
  unsigned eventLimit;

  SmallVector<InsertedFlag> flags;
  SmallVector<InsertedCrossFlag> crossFlags;
  /// Placeholder keys of inserted flag ops (see kFirstPlaceholderKey).
  DenseMap<Operation *, int64_t> flagKeys;
  /// Inserted flags tentatively removed.
  DenseSet<Operation *> disabled;
};

} // namespace

//===----------------------------------------------------------------------===//
// Analysis
//===----------------------------------------------------------------------===//

int64_t SyncInserter::crossKey(Operation *op) const {
  if (auto it = flagKeys.find(op); it != flagKeys.end())
    return it->second;
  if (auto set = dyn_cast<aicore::CrossCoreSetFlagOp>(op))
    return set.getFlagId();
  return cast<aicore::CrossCoreWaitFlagOp>(op).getFlagId();
}

CrossCoreTokens SyncInserter::matchCrossCoreFlags() {
  CrossCoreTokens cross;
  // Domains 1 and 2 are the two regions; a cube -> vector set and a
  // vector -> cube set of one id are different counters.
  if (model.domains.size() != 3 ||
      model.domains[1].coreType == model.domains[2].coreType)
    return cross;
  DenseSet<int64_t> unmatched;
  func.walk([&](Operation *op) {
    if (isa<aicore::CrossCoreSetFlagOp, aicore::CrossCoreWaitFlagOp>(op) &&
        !isa<aicore::CoreOp>(op->getParentOp()))
      unmatched.insert(crossKey(op));
  });
  for (unsigned from = 1; from <= 2; ++from) {
    std::map<int64_t, SmallVector<Operation *>> sets, waits;
    for (Operation &op : *model.domains[from].body)
      if (isa<aicore::CrossCoreSetFlagOp>(op))
        sets[crossKey(&op)].push_back(&op);
    for (Operation &op : *model.domains[3 - from].body)
      if (isa<aicore::CrossCoreWaitFlagOp>(op))
        waits[crossKey(&op)].push_back(&op);
    for (auto &[key, setOps] : sets) {
      if (unmatched.contains(key))
        continue;
      SmallVector<Operation *> &waitOps = waits[key];
      for (size_t k = 0; k < std::min(setOps.size(), waitOps.size()); ++k) {
        unsigned token = cross.sender.size();
        cross.tokens[setOps[k]] = token;
        cross.tokens[waitOps[k]] = token;
        cross.sender.push_back(from);
        cross.pairs.push_back({setOps[k], waitOps[k]});
      }
    }
  }
  return cross;
}

/// Whether some matched cross-core set that had seen `earlier`'s last
/// instance was waited for on a path every instance of `later` has seen.
bool SyncInserter::crossCovered(unsigned earlier, unsigned later,
                                ArrayRef<ReplayResult> results,
                                const CrossCoreTokens &cross) const {
  unsigned from = model.accesses[earlier].domain;
  unsigned to = model.accesses[later].domain;
  auto seq = results[from].finalSeq.find(earlier);
  auto seen = results[to].tokensSeen.find(later);
  if (seq == results[from].finalSeq.end() ||
      seen == results[to].tokensSeen.end())
    return true; // one of them never runs
  unsigned pipe = static_cast<unsigned>(model.accesses[earlier].pipe);
  for (unsigned token : seen->second.set_bits()) {
    if (cross.sender[token] != from)
      continue;
    auto exported = results[from].exported.find(token);
    if (exported != results[from].exported.end() &&
        exported->second[pipe] >= seq->second)
      return true;
  }
  return false;
}

/// The unordered pair to fix first: the one whose later access comes first
/// in the trace and, among those, the latest earlier access, so that one
/// flag after the last of several producers covers them all.
std::optional<Uncovered>
SyncInserter::firstUncovered(ArrayRef<ReplayResult> results) const {
  std::optional<Uncovered> best;
  for (const ReplayResult &result : results) {
    for (const Uncovered &u : result.uncovered) {
      if (best && (u.laterOrder > best->laterOrder ||
                   (u.laterOrder == best->laterOrder &&
                    u.earlierOrder <= best->earlierOrder)))
        continue;
      best = u;
    }
    if (best)
      return best; // domains are independent: finish one first
  }
  return best;
}

/// The cross-core flag ids set after `op` in its loop body (`set`), or
/// waited for before it (`!set`), in each enclosing scf.for body up to its
/// aicore.core region.
static SmallVector<std::pair<int64_t, aicore::Pipe>> loopFlags(Operation *op,
                                                               bool set) {
  SmallVector<std::pair<int64_t, aicore::Pipe>> flags; // (flag id, its pipe)
  if (!op->getParentOfType<aicore::CoreOp>())
    return flags; // outside the core regions: no tile loops of theirs
  for (Operation *inner = op; !isa<aicore::CoreOp>(inner->getParentOp());
       inner = inner->getParentOp()) {
    auto loop = dyn_cast<scf::ForOp>(inner->getParentOp());
    if (!loop)
      continue;
    Block *body = loop.getBody();
    auto range = set ? llvm::make_range(std::next(Block::iterator(inner)),
                                        body->end())
                     : llvm::make_range(body->begin(), Block::iterator(inner));
    for (Operation &candidate : range) {
      if (auto s = dyn_cast<aicore::CrossCoreSetFlagOp>(candidate); s && set)
        flags.push_back({s.getFlagId(), s.getPipe()});
      if (auto w = dyn_cast<aicore::CrossCoreWaitFlagOp>(candidate); w && !set)
        flags.push_back({w.getFlagId(), w.getPipe()});
    }
  }
  return flags;
}

/// Whether a cross-core flag inside the regions' tile loops orders
/// `earlier` (on pipe `from`) before `later` (on pipe `to`): a loop body
/// around `earlier` sets a flag on `from` after it (the set fires once
/// `from` has drained) that a loop body around `later` waits for on `to`
/// before it. Flags are counters taken in order, so when the two loops
/// walk the same tiles (as ascend-software-pipeline makes them) tile i's
/// wait takes tile i's set. That pairing is the kernel's promise, not
/// proved here: ascend-run's hazard checker verifies it at run time.
static bool orderedByLoopFlags(Operation *earlier, aicore::Pipe from,
                               Operation *later, aicore::Pipe to) {
  for (auto [setId, setPipe] : loopFlags(earlier, /*set=*/true))
    for (auto [waitId, waitPipe] : loopFlags(later, /*set=*/false))
      if (setId == waitId && setPipe == from && waitPipe == to)
        return true;
  return false;
}

void SyncInserter::findCrossCoreGaps(ArrayRef<ReplayResult> results,
                                     const CrossCoreTokens &cross,
                                     Findings &findings) const {
  for (unsigned later = 0; later < model.accesses.size(); ++later) {
    for (unsigned earlier : llvm::reverse(model.crossConflicts[later])) {
      const Access &a = model.accesses[earlier], &b = model.accesses[later];
      bool aWrites = writesInto(a, b), bWrites = writesInto(b, a);
      if (aWrites && bWrites) {
        if (earlier < later && !findings.ambiguous &&
            !crossCovered(earlier, later, results, cross) &&
            !crossCovered(later, earlier, results, cross))
          findings.ambiguous = CrossDependency{earlier, later};
        continue;
      }
      // The writing region goes first: `earlier` must write into `later`.
      if (!aWrites || crossCovered(earlier, later, results, cross) ||
          orderedByLoopFlags(a.op, a.pipe, b.op, b.pipe))
        continue;
      findings.crossFlag = CrossDependency{earlier, later};
      return;
    }
  }
}

Findings SyncInserter::analyse() {
  CrossCoreTokens cross = matchCrossCoreFlags();
  ReplayConfig config;
  config.disabled = &disabled;
  config.flagKeys = &flagKeys;
  config.tokens = &cross.tokens;
  config.numTokens = cross.sender.size();
  std::vector<ReplayResult> results;
  for (const Domain &domain : model.domains)
    results.push_back(replay(model, domain, config));
  Findings findings;
  findings.flag = firstUncovered(results);
  findCrossCoreGaps(results, cross, findings);
  return findings;
}

//===----------------------------------------------------------------------===//
// Insertion
//===----------------------------------------------------------------------===//

/// The innermost block holding both ops.
static Block *commonBlock(Operation *a, Operation *b) {
  for (Block *block = a->getBlock(); block;) {
    if (block->findAncestorOpInBlock(*b))
      return block;
    Operation *parent = block->getParentOp();
    block = parent ? parent->getBlock() : nullptr;
  }
  return nullptr;
}

static std::string describe(Pipe pipe) {
  return ("<" + aicore::stringifyPipe(pipe) + ">").str();
}

LogicalResult SyncInserter::insertFlag(const Uncovered &dependency) {
  const Access &a = model.accesses[dependency.earlier];
  const Access &b = model.accesses[dependency.later];
  auto loop = dyn_cast_or_null<scf::ForOp>(dependency.carrier);
  Block *block = loop ? loop.getBody() : commonBlock(a.op, b.op);
  Operation *from = block ? block->findAncestorOpInBlock(*a.op) : nullptr;
  Operation *to = block ? block->findAncestorOpInBlock(*b.op) : nullptr;
  // Within one iteration the earlier op comes first; around the back edge
  // it comes last (or holds both).
  bool placeable = from && to &&
                   (loop ? (from == to || to->isBeforeInBlock(from))
                         : from->isBeforeInBlock(to));
  if (!placeable)
    return b.op->emitError() << "ascend-insert-sync found no place for a "
                                "flag ordering this op after "
                             << a.op->getName() << " (internal error)";

  OpBuilder builder(func.getContext());
  auto makeSet = [&](Location loc) {
    return builder.create<aicore::SetFlagOp>(loc, a.pipe, b.pipe, 0)
        .getOperation();
  };
  auto makeWait = [&](Location loc) {
    return builder.create<aicore::WaitFlagOp>(loc, a.pipe, b.pipe, 0)
        .getOperation();
  };
  InsertedFlag flag{a.pipe, b.pipe, {}, {}};
  builder.setInsertionPointAfter(from);
  Operation *set = makeSet(a.op->getLoc());
  builder.setInsertionPoint(to);
  Operation *wait = makeWait(b.op->getLoc());
  if (loop) {
    builder.setInsertionPoint(loop);
    flag.preSet = makeSet(loop.getLoc());
    builder.setInsertionPointAfter(loop);
    flag.postWait = makeWait(loop.getLoc());
    flag.pending = {{flag.preSet, wait}, {set, flag.postWait}};
  } else {
    flag.pending = {{set, wait}};
  }
  for (Operation *op : flag.ops())
    flagKeys[op] = kFirstPlaceholderKey + flags.size();
  flags.push_back(flag);
  return success();
}

void SyncInserter::insertCrossFlag(const CrossDependency &dependency) {
  const Access &a = model.accesses[dependency.earlier];
  const Access &b = model.accesses[dependency.later];
  // At the regions' top level each sync runs once, so sets and waits pair
  // up whatever the loops inside do.
  OpBuilder builder(func.getContext());
  builder.setInsertionPointAfter(topLevelOp(a.domain, a.op));
  auto set =
      builder.create<aicore::CrossCoreSetFlagOp>(a.op->getLoc(), a.pipe, 0);
  builder.setInsertionPoint(topLevelOp(b.domain, b.op));
  auto wait =
      builder.create<aicore::CrossCoreWaitFlagOp>(b.op->getLoc(), b.pipe, 0);
  int64_t key = kFirstPlaceholderKey + crossFlags.size();
  flagKeys[set] = key;
  flagKeys[wait] = key;
  crossFlags.push_back({set, wait, a.domain});
}

LogicalResult SyncInserter::reportAmbiguous(const CrossDependency &dependency) {
  InFlightDiagnostic diag =
      model.accesses[dependency.later].op->emitError()
      << "writes GM bytes that the other core type's region also writes (see "
         "the note), so which goes first is ambiguous; ascend-insert-sync "
         "orders a region that writes a GM buffer before a region that only "
         "reads it. Expected these ordered by aicore.cross_core_set_flag / "
         "aicore.cross_core_wait_flag";
  diag.attachNote(model.accesses[dependency.earlier].op->getLoc())
      << "the other write";
  return failure();
}

LogicalResult SyncInserter::run() {
  DenseSet<std::tuple<unsigned, unsigned, Operation *>> fixed;
  for (;;) {
    Findings findings = analyse();
    if (findings.flag) {
      const Uncovered &u = *findings.flag;
      if (!fixed.insert({u.earlier, u.later, u.carrier}).second)
        return model.accesses[u.later].op->emitError()
               << "ascend-insert-sync inserted a flag that did not order this "
                  "op (internal error)";
      if (failed(insertFlag(u)))
        return failure();
      continue;
    }
    if (findings.ambiguous)
      return reportAmbiguous(*findings.ambiguous);
    if (findings.crossFlag) {
      const CrossDependency &d = *findings.crossFlag;
      if (!fixed.insert({d.earlier, d.later, func.getOperation()}).second)
        return model.accesses[d.later].op->emitError()
               << "ascend-insert-sync inserted a cross-core flag that did not "
                  "order this op (internal error)";
      insertCrossFlag(d);
      continue;
    }
    break;
  }
  removeRedundantFlags();
  fuseLoopFlags();
  if (failed(assignCrossCoreIds()) || failed(checkCrossCoreDeadlock()))
    return failure();
  assignEventIds();
  return success();
}

//===----------------------------------------------------------------------===//
// Redundancy
//===----------------------------------------------------------------------===//

/// A flag inserted early may be covered by later ones (e.g. transitively
/// through another pipe): drop every flag without which all stays ordered.
void SyncInserter::removeRedundantFlags() {
  for (size_t i = 0; i < flags.size();) {
    SmallVector<Operation *, 4> ops = flags[i].ops();
    disabled.insert(ops.begin(), ops.end());
    bool redundant = analyse().clean();
    for (Operation *op : ops)
      disabled.erase(op);
    if (!redundant) {
      ++i;
      continue;
    }
    for (Operation *op : ops) {
      flagKeys.erase(op);
      op->erase();
    }
    flags.erase(flags.begin() + i);
  }
}

/// Two loops in a row that hand buffers between the same two pipes (e.g.
/// softmax's two passes over one UB tile) each get a set before and a wait
/// after. Dropping the first loop's wait-after and the second loop's
/// set-before lets the second loop's first wait consume the first loop's
/// last set, so the second loop starts as soon as that hand-over happened
/// instead of after everything issued before it on the source pipe. Kept
/// only where the replay finds everything still ordered.
void SyncInserter::fuseLoopFlags() {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < flags.size() && !changed; ++i)
      if (std::optional<size_t> next = nextLoopFlag(i))
        changed = tryFuse(i, *next);
  }
}

/// The loop-carried flag between the same pipes whose set-before comes
/// first after flag `index`'s wait-after, in the same block.
std::optional<size_t> SyncInserter::nextLoopFlag(size_t index) const {
  const InsertedFlag &first = flags[index];
  if (!first.postWait)
    return std::nullopt;
  std::optional<size_t> best;
  for (auto [j, flag] : llvm::enumerate(flags)) {
    if (j == index || !flag.preSet || flag.src != first.src ||
        flag.dst != first.dst ||
        flag.preSet->getBlock() != first.postWait->getBlock() ||
        !first.postWait->isBeforeInBlock(flag.preSet))
      continue;
    if (!best || flag.preSet->isBeforeInBlock(flags[*best].preSet))
      best = j;
  }
  return best;
}

bool SyncInserter::tryFuse(size_t firstIndex, size_t secondIndex) {
  InsertedFlag &first = flags[firstIndex], &second = flags[secondIndex];
  int64_t key = flagKeys.lookup(first.postWait);
  SmallVector<std::pair<Operation *, int64_t>> savedKeys;
  for (Operation *op : second.ops()) {
    savedKeys.push_back({op, flagKeys[op]});
    flagKeys[op] = key;
  }
  disabled.insert(first.postWait);
  disabled.insert(second.preSet);
  bool ordered = analyse().clean();
  disabled.erase(first.postWait);
  disabled.erase(second.preSet);
  if (!ordered) {
    for (auto [op, k] : savedKeys)
      flagKeys[op] = k;
    return false;
  }
  SmallVector<std::pair<Operation *, Operation *>, 2> pending;
  Operation *lastSet = nullptr, *firstWait = nullptr;
  for (auto [set, wait] : first.pending) {
    if (wait == first.postWait)
      lastSet = set;
    else
      pending.push_back({set, wait});
  }
  for (auto [set, wait] : second.pending) {
    if (set == second.preSet)
      firstWait = wait;
    else
      pending.push_back({set, wait});
  }
  pending.push_back({lastSet, firstWait});
  for (Operation *op : {first.postWait, second.preSet}) {
    flagKeys.erase(op);
    op->erase();
  }
  first.pending = std::move(pending);
  first.postWait = second.postWait;
  flags.erase(flags.begin() + secondIndex);
  return true;
}

//===----------------------------------------------------------------------===//
// Event ids
//===----------------------------------------------------------------------===//

namespace {
using Segment = std::pair<unsigned, unsigned>; ///< closed, in program order
} // namespace

static bool segmentsMeet(ArrayRef<Segment> a, ArrayRef<Segment> b) {
  for (const Segment &x : a)
    for (const Segment &y : b)
      if (x.first <= y.second && y.first <= x.second)
        return true;
  return false;
}

static void setEventId(Operation *op, int64_t id) {
  if (auto set = dyn_cast<aicore::SetFlagOp>(op))
    set.setEventId(id);
  else
    cast<aicore::WaitFlagOp>(op).setEventId(id);
}

/// A barrier on the source pipe where each wait was orders everything the
/// wait did: later issues on every pipe see all the source pipe did before
/// it, which includes what the matching set had seen. Every wait gets one,
/// also a wait after a loop that only pairs a set: later ops may rely on
/// what it passed on.
void SyncInserter::fallBackToBarriers(
    const InsertedFlag &flag, SmallVectorImpl<FallbackBarrier> &barriers) {
  // The scalar pipe cannot be a barrier's pipe; only <all> drains it.
  Pipe pipe = flag.src == Pipe::s ? Pipe::all : flag.src;
  for (const auto &handOver : flag.pending) {
    Operation *wait = handOver.second;
    OpBuilder builder(wait);
    barriers.push_back(
        {builder.create<aicore::PipeBarrierOp>(wait->getLoc(), pipe), flag.src,
         flag.dst});
  }
  for (Operation *op : flag.ops()) {
    flagKeys.erase(op);
    op->erase();
  }
}

/// Drops the fallback barriers nothing needs (typically the ones that only
/// replaced pairing waits) and says where the others are.
void SyncInserter::pruneBarriers(ArrayRef<FallbackBarrier> barriers) {
  for (FallbackBarrier barrier : barriers) {
    disabled.insert(barrier.op);
    bool needed = !analyse().clean();
    disabled.erase(barrier.op);
    if (!needed) {
      barrier.op.erase();
      continue;
    }
    barrier.op.emitRemark()
        << "no free event id for " << describe(barrier.src) << " -> "
        << describe(barrier.dst) << " (" << eventLimit
        << " per pipe pair): ordered by a barrier on "
        << describe(barrier.op.getPipe()) << " instead";
  }
}

/// A flag is pending from each set to the wait that consumes it, in
/// program order (around a loop: from the set before it to the wait in the
/// body, and from the set in the body to the wait after it). Flags whose
/// segments do not meet never pend together, so they may share an id.
void SyncInserter::assignEventIds() {
  DenseMap<Operation *, unsigned> position;
  std::map<std::pair<Pipe, Pipe>, DenseSet<int64_t>> reserved;
  func.walk<WalkOrder::PreOrder>([&](Operation *op) {
    position[op] = position.size();
    if (flagKeys.contains(op))
      return;
    if (auto set = dyn_cast<aicore::SetFlagOp>(op))
      reserved[{set.getSrcPipe(), set.getDstPipe()}].insert(set.getEventId());
    else if (auto wait = dyn_cast<aicore::WaitFlagOp>(op))
      reserved[{wait.getSrcPipe(), wait.getDstPipe()}].insert(
          wait.getEventId());
  });
  auto segments = [&](const InsertedFlag &f) {
    SmallVector<Segment, 2> list;
    for (auto [set, wait] : f.pending)
      list.push_back({position[set], position[wait]});
    llvm::sort(list);
    return list;
  };
  SmallVector<size_t> order(flags.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  llvm::stable_sort(order, [&](size_t x, size_t y) {
    return segments(flags[x]).front().first < segments(flags[y]).front().first;
  });

  struct Colored {
    std::pair<Pipe, Pipe> pipes;
    SmallVector<Segment, 2> segments;
    int64_t id;
  };
  SmallVector<Colored> colored;
  SmallVector<size_t> fallBacks;
  for (size_t index : order) {
    const InsertedFlag &flag = flags[index];
    std::pair<Pipe, Pipe> pipes{flag.src, flag.dst};
    SmallVector<Segment, 2> mine = segments(flag);
    DenseSet<int64_t> taken = reserved[pipes];
    for (const Colored &other : colored)
      if (other.pipes == pipes && segmentsMeet(other.segments, mine))
        taken.insert(other.id);
    int64_t id = 0;
    while (id < eventLimit && taken.contains(id))
      ++id;
    if (id == eventLimit) {
      fallBacks.push_back(index);
      continue;
    }
    colored.push_back({pipes, mine, id});
    for (Operation *op : flag.ops())
      setEventId(op, id);
  }
  SmallVector<FallbackBarrier> barriers;
  for (size_t index : fallBacks)
    fallBackToBarriers(flags[index], barriers);
  pruneBarriers(barriers);
}

//===----------------------------------------------------------------------===//
// Cross-core flag ids
//===----------------------------------------------------------------------===//

/// Pairs in one direction between the same two pipes share an id when their
/// sets and waits come in the same order (the flag counts, first set to
/// first wait); other ids come from those no existing cross-core op uses.
LogicalResult SyncInserter::assignCrossCoreIds() {
  DenseSet<int64_t> used;
  func.walk([&](Operation *op) {
    if (isa<aicore::CrossCoreSetFlagOp, aicore::CrossCoreWaitFlagOp>(op) &&
        !flagKeys.contains(op))
      used.insert(crossKey(op));
  });
  llvm::stable_sort(crossFlags,
                    [](const InsertedCrossFlag &x, const InsertedCrossFlag &y) {
                      if (x.from != y.from)
                        return x.from < y.from;
                      return x.set->isBeforeInBlock(y.set);
                    });
  struct Chain {
    unsigned from;
    Pipe setPipe, waitPipe;
    Operation *lastWait;
    int64_t id;
  };
  SmallVector<Chain> chains;
  int64_t nextId = 0;
  for (InsertedCrossFlag &pair : crossFlags) {
    Chain *chain = llvm::find_if(chains, [&](const Chain &c) {
      return c.from == pair.from && c.setPipe == pair.set.getPipe() &&
             c.waitPipe == pair.wait.getPipe() &&
             c.lastWait->isBeforeInBlock(pair.wait);
    });
    if (chain == chains.end()) {
      while (used.contains(nextId))
        ++nextId;
      if (nextId >= target.numCrossCoreFlags)
        return pair.wait.emitError()
               << "ascend-insert-sync needs more cross-core flags than the "
               << target.numCrossCoreFlags << " of " << target.name;
      chains.push_back({pair.from, pair.set.getPipe(), pair.wait.getPipe(),
                        pair.wait, nextId++});
      chain = &chains.back();
    }
    chain->lastWait = pair.wait;
    pair.set.setFlagId(chain->id);
    pair.wait.setFlagId(chain->id);
    flagKeys.erase(pair.set);
    flagKeys.erase(pair.wait);
  }
  return success();
}

/// A region that waits for the other before signalling it, while the other
/// does the same, waits forever. Ordering whole top-level ops can produce
/// that when both regions read what the other writes.
LogicalResult SyncInserter::checkCrossCoreDeadlock() {
  CrossCoreTokens cross = matchCrossCoreFlags();
  for (auto [t1, p1] : llvm::enumerate(cross.pairs)) {
    for (auto [t2, p2] : llvm::enumerate(cross.pairs)) {
      if (cross.sender[t1] == cross.sender[t2])
        continue;
      auto [set1, wait1] = p1;
      auto [set2, wait2] = p2;
      // wait2 and set1 are in the first pair's setting region.
      if (!wait2->isBeforeInBlock(set1) || !wait1->isBeforeInBlock(set2))
        continue;
      InFlightDiagnostic diag =
          wait2->emitError()
          << "cross-core deadlock: this region would wait before this op for "
             "the other region, which waits for this region's signal first "
             "(see the notes); each region reads GM data the other writes, "
             "and ascend-insert-sync orders such dependencies only between "
             "whole top-level ops, so they must be synchronised by hand";
      diag.attachNote(set1->getLoc()) << "this region's signal, after this op";
      diag.attachNote(wait1->getLoc())
          << "the other region's wait, before this op";
      diag.attachNote(set2->getLoc())
          << "the other region's signal, after this op";
      return failure();
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

namespace {
struct InsertSyncPass : ascend::impl::InsertSyncPassBase<InsertSyncPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // A host function (convert-ascend-to-aicore's multi-op output) only
    // launches kernels, one after another; each kernel is synchronised on
    // its own, and the host has no pipes to order.
    if (func.isExternal() || aicore::isHostFunction(func))
      return;
    FailureOr<KernelModel> model = buildKernelModel(func);
    if (failed(model))
      return signalPassFailure();
    if (model->accesses.empty())
      return;
    if (failed(SyncInserter(func, std::move(*model), maxEventIds).run()))
      signalPassFailure();
  }
};
} // namespace
