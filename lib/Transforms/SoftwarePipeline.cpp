//===- SoftwarePipeline.cpp - cube -> vector tiles handed over one by one -===//
//
// A split kernel whose cube region writes GM tiles that its vector region
// reads is ordered by ascend-insert-sync region against region: the vector
// cores start when the cube core has finished every tile. This pass hands
// the tiles over one at a time with cross-core flags in the two tile loops,
// so the vector cores work on tile i while the cube core computes tile
// i + 1. See the pass description in Passes.td for the rules.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/AICore/TileAccess.h"
#include "AscendDialect/Support/OptionChecks.h"
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_SOFTWAREPIPELINEPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;

namespace {

/// The function argument `memref` views, through subviews, casts and
/// reshapes (null if it is not a view of one).
BlockArgument rootArgument(Value memref) {
  while (Operation *def = memref.getDefiningOp()) {
    if (!isa<ViewLikeOpInterface>(def))
      return {};
    memref = def->getOperand(0);
  }
  return dyn_cast<BlockArgument>(memref);
}

/// GM arguments the tile ops under `loop` write (`writes`) or read, and
/// whether all those accesses run on `pipe` (the pipe the flag drains).
llvm::SmallDenseSet<BlockArgument> gmArguments(scf::ForOp loop, bool writes,
                                               aicore::Pipe pipe,
                                               bool &allOnPipe) {
  llvm::SmallDenseSet<BlockArgument> args;
  allOnPipe = true;
  loop->walk([&](Operation *op) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (!effects || !isa<aicore::TileOpInterface>(op))
      return;
    SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffects(instances);
    for (auto &effect : instances) {
      bool isWrite = isa<MemoryEffects::Write>(effect.getEffect());
      if (isWrite != writes || !effect.getValue())
        continue;
      if (aicore::getAddressSpace(effect.getValue().getType()) !=
          aicore::AddressSpace::gm)
        continue;
      if (BlockArgument arg = rootArgument(effect.getValue())) {
        args.insert(arg);
        allOnPipe &= cast<aicore::TileOpInterface>(op).getPipe() == pipe;
      }
    }
  });
  return args;
}

/// Whether `a` and `b` compute the same value the same way (the two regions
/// compute their loop bounds separately: the same ops on the same constants
/// and block indices).
bool sameValue(Value a, Value b, int depth = 8) {
  if (a == b)
    return true;
  Operation *da = a.getDefiningOp(), *db = b.getDefiningOp();
  // A sub-block index differs between the cube and the vector cores.
  if (!da || !db || depth == 0 || da->getName() != db->getName() ||
      isa<aicore::SubBlockIdxOp>(da) ||
      cast<OpResult>(a).getResultNumber() != cast<OpResult>(b).getResultNumber() ||
      da->getAttrDictionary() != db->getAttrDictionary() ||
      da->getNumOperands() != db->getNumOperands() || da->getNumRegions() ||
      !isPure(da))
    return false;
  for (auto [x, y] : llvm::zip(da->getOperands(), db->getOperands()))
    if (!sameValue(x, y, depth - 1))
      return false;
  return true;
}

bool sameIterations(scf::ForOp x, scf::ForOp y) {
  return sameValue(x.getLowerBound(), y.getLowerBound()) &&
         sameValue(x.getUpperBound(), y.getUpperBound()) &&
         sameValue(x.getStep(), y.getStep());
}

/// The top-level loops of a core region.
SmallVector<scf::ForOp> tileLoops(aicore::CoreOp core) {
  return llvm::to_vector(core.getBody().front().getOps<scf::ForOp>());
}

/// The lowest cross-core flag ids the function does not use yet.
FailureOr<std::pair<int64_t, int64_t>> freeFlags(func::FuncOp func) {
  llvm::SmallDenseSet<int64_t> used;
  func.walk([&](Operation *op) {
    if (auto set = dyn_cast<aicore::CrossCoreSetFlagOp>(op))
      used.insert(set.getFlagId());
    if (auto wait = dyn_cast<aicore::CrossCoreWaitFlagOp>(op))
      used.insert(wait.getFlagId());
  });
  SmallVector<int64_t, 2> free;
  unsigned limit = aicore::getTargetInfo(func).numCrossCoreFlags;
  for (int64_t id = 0; id < limit && free.size() < 2; ++id)
    if (!used.contains(id))
      free.push_back(id);
  if (free.size() < 2)
    return failure();
  return std::make_pair(free[0], free[1]);
}

struct SoftwarePipelinePass
    : mlir::ascend::impl::SoftwarePipelinePassBase<SoftwarePipelinePass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    // Ascend C: a cross-core flag counts at most 15 pending sets.
    return ascend::checkOptionRange(
        context, getArgument(), "depth", depth, 1, 15,
        "a cross-core flag holds at most 15 pending sets");
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    aicore::CoreOp cube, vector;
    for (auto core : func.getBody().front().getOps<aicore::CoreOp>())
      (core.getCoreType() == aicore::CoreType::cube ? cube : vector) = core;
    if (!cube || !vector)
      return;
    SmallVector<scf::ForOp> producers = tileLoops(cube),
                            consumers = tileLoops(vector);
    auto skip = [&](const Twine &why) {
      if (reportSkipped)
        func.emitRemark("not pipelined: ") << why;
    };
    if (producers.size() != 1 || consumers.size() != 1)
      return skip("expected one tile loop in each of the cube and vector "
                  "regions");
    scf::ForOp producer = producers.front(), consumer = consumers.front();
    auto hasCrossCoreFlags = [](scf::ForOp loop) {
      return loop
          ->walk([](Operation *op) {
            return isa<aicore::CrossCoreSetFlagOp, aicore::CrossCoreWaitFlagOp>(op)
                       ? WalkResult::interrupt()
                       : WalkResult::advance();
          })
          .wasInterrupted();
    };
    // A kernel that already hands data over inside its loops (e.g. a
    // FlashAttention ping-pong) orders itself; another hand-over around it
    // could wait for a whole iteration the other region cannot finish alone.
    if (hasCrossCoreFlags(producer) || hasCrossCoreFlags(consumer))
      return skip("the tile loops already hold cross-core flags");
    if (!sameIterations(producer, consumer))
      return skip("the cube and vector tile loops do not walk the same tiles");
    bool writesOnFix, readsOnMte2;
    auto written = gmArguments(producer, /*writes=*/true, aicore::Pipe::fix,
                               writesOnFix);
    auto read = gmArguments(consumer, /*writes=*/false, aicore::Pipe::mte2,
                            readsOnMte2);
    if (!llvm::any_of(read, [&](BlockArgument a) { return written.contains(a); }))
      return skip("the vector tile loop reads no GM buffer the cube tile "
                  "loop writes");
    // The flags drain FIX (cube) and MTE2 (vector): other pipes' accesses
    // would not be ordered by them.
    if (!writesOnFix || !readsOnMte2)
      return skip("the cube loop writes GM other than by fixpipe, or the "
                  "vector loop reads it other than on MTE2");
    FailureOr<std::pair<int64_t, int64_t>> ids = freeFlags(func);
    if (failed(ids)) {
      func.emitError("ascend-software-pipeline needs two free cross-core "
                     "flag ids");
      return signalPassFailure();
    }
    auto [ready, consumed] = *ids;
    Location loc = func.getLoc();
    OpBuilder b(func.getContext());
    auto set = [&](aicore::Pipe pipe, int64_t id) {
      b.create<aicore::CrossCoreSetFlagOp>(loc, pipe, id);
    };
    auto wait = [&](aicore::Pipe pipe, int64_t id) {
      b.create<aicore::CrossCoreWaitFlagOp>(loc, pipe, id);
    };

    // Cube: tile i may start its results only when the vector cores have
    // taken tile i - depth; then it tells them tile i is ready.
    b.setInsertionPointToStart(producer.getBody());
    wait(aicore::Pipe::fix, consumed);
    b.setInsertionPoint(producer.getBody()->getTerminator());
    set(aicore::Pipe::fix, ready);
    // The credits the vector cores gave and the cube did not use.
    b.setInsertionPointAfter(producer);
    for (unsigned i = 0; i < depth; ++i)
      wait(aicore::Pipe::fix, consumed);

    // Vector: `depth` credits up front; each tile waits until it is ready
    // and gives a credit back once its loads are done.
    b.setInsertionPoint(consumer);
    for (unsigned i = 0; i < depth; ++i)
      set(aicore::Pipe::mte2, consumed);
    b.setInsertionPointToStart(consumer.getBody());
    wait(aicore::Pipe::mte2, ready);
    b.setInsertionPoint(consumer.getBody()->getTerminator());
    set(aicore::Pipe::mte2, consumed);
  }
};

} // namespace
