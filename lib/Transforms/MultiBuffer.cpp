//===- MultiBuffer.cpp - N-deep rings for the buffers of tile loops -------===//
//
// Unrolls a tile loop by the ring depth and gives each unrolled copy of the
// body its own buffers, allocated above the loop nest. Different bytes per
// iteration are what let ascend-insert-sync order iteration i only with
// iteration i + depth, so transfers and compute overlap. See the pass
// description in Passes.td for the rules.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Support/LoopUtils.h"
#include "AscendDialect/Support/OptionChecks.h"
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_MULTIBUFFERPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;

namespace {

// Temporary marks that survive unrolling (clones copy attributes): which
// buffer of the loop body an alloc is, and which unrolled copy holds it.
constexpr StringLiteral kBufferAttr = "ascend.multi_buffer.buffer";
constexpr StringLiteral kSlotAttr = "ascend.multi_buffer.slot";

/// The on-chip buffers `loop` allocates afresh every iteration.
SmallVector<aicore::AllocOp> iterationBuffers(scf::ForOp loop) {
  SmallVector<aicore::AllocOp> buffers;
  for (auto alloc : loop.getBody()->getOps<aicore::AllocOp>())
    // An inner loop's ring is not a buffer of this loop's iterations.
    if (!alloc.getOffsetAttr() && !alloc.getRingAttr() &&
        aicore::getAddressSpace(alloc.getType()) != aicore::AddressSpace::gm)
      buffers.push_back(alloc);
  return buffers;
}

/// Why rings of `depth` for `loop` might not fit their spaces ("" if they
/// fit). Counted: everything the unrolled body allocates (every buffer
/// `depth` times) and the buffers allocated in the blocks around the loop,
/// all as if live at once, so a ring never causes an overflow. Buffers of
/// sibling branches and loops, which cannot be live during the loop, are
/// not counted.
std::string capacityBlocker(scf::ForOp loop, unsigned depth) {
  llvm::SmallDenseMap<aicore::AddressSpace, int64_t> bytes;
  auto add = [&](aicore::AllocOp alloc, int64_t copies) {
    if (!alloc.getOffsetAttr())
      bytes[*aicore::getAddressSpace(alloc.getType())] +=
          copies * aicore::getTileBytes(alloc.getType());
  };
  loop.getBody()->walk([&](aicore::AllocOp alloc) { add(alloc, depth); });
  for (Operation *scope = loop; !isa<func::FuncOp>(scope);
       scope = scope->getParentOp())
    for (auto alloc : scope->getBlock()->getOps<aicore::AllocOp>())
      // Rings here belong to loops already made (inner loops come first):
      // siblings, dead before this loop runs.
      if (!alloc.getRingAttr())
        add(alloc, 1);
  const aicore::TargetInfo &target = aicore::getTargetInfo(loop);
  for (auto [space, needed] : bytes) {
    int64_t available = target.buffer(space).bytes;
    if (needed > available)
      return (Twine("rings of ") + Twine(depth) + " would need " +
              Twine(needed) + " bytes of " +
              aicore::stringifyAddressSpace(space) + ", more than the " +
              Twine(available) + " bytes it has")
          .str();
  }
  return "";
}

bool tooFewIterations(scf::ForOp loop, unsigned depth) {
  std::optional<int64_t> trips = ascend::getStaticTripCount(loop);
  return trips && *trips < depth;
}

LogicalResult multiBuffer(scf::ForOp loop, unsigned depth, bool reportSkipped,
                          int64_t &nextRing) {
  SmallVector<aicore::AllocOp> buffers = iterationBuffers(loop);
  if (buffers.empty() || tooFewIterations(loop, depth))
    return success();
  // Unrolling divides by a constant step (MLIR 19's scf.for accepts 0).
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (step && *step <= 0) {
    if (reportSkipped)
      loop.emitRemark("loop left single-buffered: its step is ")
          << *step << ", so it never ends";
    return success();
  }
  if (std::string why = capacityBlocker(loop, depth); !why.empty()) {
    if (reportSkipped)
      loop.emitRemark("loop left single-buffered: ") << why;
    return success();
  }
  // Unrolling may add an epilogue loop next to `loop`, or replace it.
  Operation *scope = loop->getParentOp();
  MLIRContext *ctx = loop.getContext();
  for (auto [index, alloc] : llvm::enumerate(buffers))
    alloc->setAttr(kBufferAttr, IntegerAttr::get(IndexType::get(ctx), index));

  // The rings, in front of the loop: ring[b][s] is buffer b of copy s.
  OpBuilder builder(loop);
  SmallVector<SmallVector<Value>> rings;
  for (aicore::AllocOp alloc : buffers) {
    SmallVector<Value> &ring = rings.emplace_back();
    IntegerAttr id = builder.getI64IntegerAttr(nextRing++);
    for (unsigned slot = 0; slot < depth; ++slot)
      ring.push_back(builder.create<aicore::AllocOp>(
          alloc.getLoc(), alloc.getType(), IntegerAttr(), id));
  }

  // Rings of inner loops are cloned with the body; each copy, and the
  // epilogue, must get rings of its own, or the copies of one ring would be
  // planned as live together.
  DenseSet<uint64_t> innerRings;
  loop.getBody()->walk([&](aicore::AllocOp alloc) {
    if (std::optional<uint64_t> ring = alloc.getRing())
      innerRings.insert(*ring);
  });
  auto isInnerRing = [&](aicore::AllocOp alloc) {
    std::optional<uint64_t> ring = alloc.getRing();
    return ring && innerRings.contains(*ring);
  };
  auto markSlot = [&](unsigned slot, Operation *op, OpBuilder) {
    op->walk([&](aicore::AllocOp alloc) {
      if (alloc->hasAttr(kBufferAttr) || isInnerRing(alloc))
        alloc->setAttr(kSlotAttr, IntegerAttr::get(IndexType::get(ctx), slot));
    });
  };
  if (failed(loopUnrollByFactor(loop, depth, markSlot)))
    return loop.emitError("ascend-multi-buffer could not unroll this loop by ")
           << depth;

  // Copy 0 keeps the inner rings' ids; other copies and the epilogue
  // (unmarked: it was cloned before unrolling) get fresh ones.
  DenseMap<std::pair<uint64_t, int64_t>, IntegerAttr> renamed;
  scope->walk([&](aicore::AllocOp alloc) {
    if (!isInnerRing(alloc))
      return;
    auto slotAttr = alloc->getAttrOfType<IntegerAttr>(kSlotAttr);
    int64_t copy = slotAttr ? slotAttr.getInt() : depth;
    alloc->removeAttr(kSlotAttr);
    if (copy == 0)
      return;
    IntegerAttr &id = renamed[{*alloc.getRing(), copy}];
    if (!id)
      id = builder.getI64IntegerAttr(nextRing++);
    alloc.setRingAttr(id);
  });

  // Every copy of a marked alloc (in the unrolled loop and in the epilogue
  // loop, whose copies keep slot 0) becomes its ring buffer.
  SmallVector<aicore::AllocOp> marked;
  scope->walk([&](aicore::AllocOp alloc) {
    if (alloc->hasAttr(kBufferAttr))
      marked.push_back(alloc);
  });
  for (aicore::AllocOp alloc : marked) {
    int64_t index = alloc->getAttrOfType<IntegerAttr>(kBufferAttr).getInt();
    auto slotAttr = alloc->getAttrOfType<IntegerAttr>(kSlotAttr);
    int64_t slot = slotAttr ? slotAttr.getInt() : 0;
    alloc.replaceAllUsesWith(rings[index][slot]);
    alloc.erase();
  }
  return success();
}

struct MultiBufferPass
    : mlir::ascend::impl::MultiBufferPassBase<MultiBufferPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    // Each ring slot is a copy of the loop body: deeper rings cost compile
    // time (~8x per doubling) for overlap two or three slots already give.
    return ascend::checkOptionRange(context, getArgument(), "depth", depth, 1,
                                    16, "buffers per ring; 1: off");
  }

  void runOnOperation() override {
    if (depth == 1)
      return;
    // Post-order: inner loops first; an outer loop that allocates buffers
    // of its own then unrolls with the inner rings (if they all fit).
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    // Ring ids continue after those the function already uses.
    int64_t nextRing = 0;
    getOperation().walk([&](aicore::AllocOp alloc) {
      if (std::optional<uint64_t> ring = alloc.getRing())
        nextRing = std::max<int64_t>(nextRing, *ring + 1);
    });
    for (scf::ForOp loop : loops)
      if (failed(multiBuffer(loop, depth, reportSkipped, nextRing)))
        return signalPassFailure();
  }
};

} // namespace
