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
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"

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
    if (!alloc.getOffsetAttr() &&
        aicore::getAddressSpace(alloc.getType()) != aicore::AddressSpace::gm)
      buffers.push_back(alloc);
  return buffers;
}

/// The outermost op of the scf nest around `loop`: rings allocated right
/// before it stay live for every iteration of every enclosing loop.
Operation *nestRoot(scf::ForOp loop) {
  Operation *root = loop;
  while (isa_and_nonnull<scf::ForOp, scf::IfOp>(root->getParentOp()))
    root = root->getParentOp();
  return root;
}

/// Why rings of `depth` for `buffers` might not fit their spaces ("" if
/// they fit): counted against every other unplaced buffer of the function,
/// as if all were live at once, so a ring never causes an overflow.
std::string capacityBlocker(scf::ForOp loop, ArrayRef<aicore::AllocOp> buffers,
                            unsigned depth) {
  llvm::SmallDenseMap<aicore::AddressSpace, int64_t> bytes;
  auto func = loop->getParentOfType<func::FuncOp>();
  func.walk([&](aicore::AllocOp alloc) {
    if (!alloc.getOffsetAttr() && alloc->getParentOp() != loop)
      bytes[*aicore::getAddressSpace(alloc.getType())] +=
          aicore::getTileBytes(alloc.getType());
  });
  for (aicore::AllocOp alloc : buffers)
    bytes[*aicore::getAddressSpace(alloc.getType())] +=
        depth * aicore::getTileBytes(alloc.getType());
  const aicore::TargetInfo &target = aicore::getTargetInfo(loop);
  for (auto [space, needed] : bytes) {
    int64_t available = target.buffer(space).bytes;
    if (needed > available)
      return (Twine("rings of ") + Twine(depth) + " would need " +
              Twine(needed) + " bytes of " + aicore::stringifyAddressSpace(space) +
              ", more than the " + Twine(available) + " bytes it has")
          .str();
  }
  return "";
}

bool tooFewIterations(scf::ForOp loop, unsigned depth) {
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!lb || !ub || !step || *step <= 0)
    return false;
  return llvm::divideCeil(std::max<int64_t>(*ub - *lb, 0), *step) < depth;
}

LogicalResult multiBuffer(scf::ForOp loop, unsigned depth) {
  SmallVector<aicore::AllocOp> buffers = iterationBuffers(loop);
  if (buffers.empty() || tooFewIterations(loop, depth))
    return success();
  if (std::string why = capacityBlocker(loop, buffers, depth); !why.empty()) {
    loop.emitRemark("loop left single-buffered: ") << why;
    return success();
  }
  Operation *root = nestRoot(loop);
  // Unrolling may add an epilogue loop next to `root`, or replace `loop`.
  Operation *scope = root->getParentOp();
  MLIRContext *ctx = loop.getContext();
  for (auto [index, alloc] : llvm::enumerate(buffers))
    alloc->setAttr(kBufferAttr, IntegerAttr::get(IndexType::get(ctx), index));

  // The rings, in front of the nest: ring[b][s] is buffer b of copy s.
  OpBuilder builder(root);
  SmallVector<SmallVector<Value>> rings;
  for (aicore::AllocOp alloc : buffers) {
    SmallVector<Value> &ring = rings.emplace_back();
    for (unsigned slot = 0; slot < depth; ++slot)
      ring.push_back(builder.create<aicore::AllocOp>(alloc.getLoc(),
                                                     alloc.getType(),
                                                     IntegerAttr()));
  }

  auto markSlot = [&](unsigned slot, Operation *op, OpBuilder) {
    if (op->hasAttr(kBufferAttr))
      op->setAttr(kSlotAttr, IntegerAttr::get(IndexType::get(ctx), slot));
  };
  if (failed(loopUnrollByFactor(loop, depth, markSlot)))
    return loop.emitError("ascend-multi-buffer could not unroll this loop by ")
           << depth;

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

  void runOnOperation() override {
    if (depth < 1) {
      getOperation().emitError("ascend-multi-buffer: depth must be at least 1");
      return signalPassFailure();
    }
    if (depth == 1)
      return;
    // Post-order: inner loops first, so their rings leave the nest before
    // an outer loop is unrolled.
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      if (failed(multiBuffer(loop, depth)))
        return signalPassFailure();
  }
};

} // namespace
