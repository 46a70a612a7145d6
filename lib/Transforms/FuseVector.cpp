//===- FuseVector.cpp - vector chains into ascend.fused_vector ------------===//
//
// Vector-vector fusion. Chains are grown from each block's end: an
// elementwise or row-wise op joins the chain of its users when those in
// chains belong to one chain and it has the chain's shape; its other users
// must come after the chain, and its value becomes one more result. See the
// pass description in Passes.td for the rules.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/AscendToAICore.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Transforms/Passes.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_FUSEVECTORPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;

namespace {

/// Ops of one chain in reverse program order: the root (last op) first.
using Chain = SmallVector<Operation *>;

bool isElementwise(Operation *op) { return op->hasTrait<ElementwiseOp>(); }

/// The ops a chain may hold: elementwise ones, and row-wise ones whose rows
/// a tile holds whole.
bool isCandidate(Operation *op) {
  if (isElementwise(op) || isa<RmsNormOp>(op))
    return true;
  auto softmax = dyn_cast<SoftmaxOp>(op);
  return softmax && static_cast<int64_t>(softmax.getDim()) ==
                        cast<ShapedType>(softmax.getType()).getRank() - 1;
}

/// Why `op` does not join the chain its users are in ("" if it does);
/// `chainOf` maps the ops already in chains to their chain. Users outside
/// every chain are fine if they come after the chain's last op: the op's
/// value is then one more result of the fused op.
std::string whyNotJoined(Operation *op,
                         const DenseMap<Operation *, unsigned> &chainOf,
                         const SmallVector<Chain> &chains, unsigned &chain) {
  Value result = op->getResult(0);
  if (result.use_empty())
    return "its result is not used";
  std::optional<unsigned> found;
  SmallVector<Operation *> outside;
  for (Operation *user : result.getUsers()) {
    auto it = chainOf.find(user);
    if (it == chainOf.end()) {
      outside.push_back(user);
      continue;
    }
    if (found && *found != it->second)
      return "its result is read by two different fused chains";
    found = it->second;
  }
  auto describe = [](Operation *user) {
    return "'" + user->getName().getStringRef().str() +
           (isCandidate(user) ? "', which is left unfused"
                              : "', which is not in a fused chain");
  };
  if (!found)
    return "its result is only read by " + describe(outside.front());
  chain = *found;
  Operation *root = chains[chain].front();
  for (Operation *user : outside) {
    Operation *inBlock = op->getBlock()->findAncestorOpInBlock(*user);
    if (!inBlock || !root->isBeforeInBlock(inBlock))
      return "its result is also read by " + describe(user) +
             ", before the chain that reads it ends";
  }
  auto shapeOf = [](Value v) {
    return cast<ShapedType>(v.getType()).getShape();
  };
  if (shapeOf(result) != shapeOf(root->getResult(0)))
    return "its result broadcasts in the chain that reads it (only ops of "
           "the chain's shape fuse)";
  return "";
}

/// Replaces `chain` (root first) by one ascend.fused_vector at the root,
/// unless the lowering says that kernel cannot be (its rows do not fit UB
/// whole): then nothing changes and the reason is returned. The chain's ops
/// are only touched once the fused op is accepted. Its results: the root's,
/// then those of the other ops read outside the chain, in program order.
std::string fuse(ArrayRef<Operation *> chain) {
  Operation *root = chain.front();
  DenseSet<Operation *> members(chain.begin(), chain.end());
  SmallVector<Operation *> ordered(chain.begin(), chain.end());
  llvm::sort(ordered,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  SetVector<Value> inputs;
  SmallVector<Value> outputs{root->getResult(0)};
  for (Operation *op : ordered) {
    for (Value v : op->getOperands())
      if (!members.contains(v.getDefiningOp()))
        inputs.insert(v);
    if (op != root && llvm::any_of(op->getUsers(), [&](Operation *user) {
          return !members.contains(user);
        }))
      outputs.push_back(op->getResult(0));
  }

  OpBuilder b(root);
  auto fused = b.create<FusedVectorOp>(
      root->getLoc(), ValueRange(outputs).getTypes(), inputs.getArrayRef());
  Block *body = b.createBlock(&fused.getRegion());
  IRMapping map;
  for (Value v : inputs)
    map.map(v, body->addArgument(v.getType(), v.getLoc()));
  for (Operation *op : ordered)
    b.clone(*op, map);
  b.create<YieldOp>(root->getLoc(), llvm::map_to_vector(outputs, [&](Value v) {
                      return map.lookup(v);
                    }));
  if (std::string why = explainUnfusable(fused); !why.empty()) {
    fused->erase();
    return why;
  }
  for (auto [output, result] : llvm::zip(outputs, fused.getResults()))
    output.replaceUsesWithIf(result, [&](OpOperand &use) {
      return !members.contains(use.getOwner());
    });
  for (Operation *op : llvm::reverse(ordered))
    op->erase();
  return "";
}

struct FuseVectorPass : mlir::ascend::impl::FuseVectorPassBase<FuseVectorPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Block *> blocks;
    getOperation().walk([&](Block *block) {
      if (!isa<FusedVectorOp>(block->getParentOp()))
        blocks.push_back(block);
    });
    for (Block *block : blocks) {
      SmallVector<Operation *> ops;
      for (Operation &op : llvm::reverse(*block))
        ops.push_back(&op);
      for (Chain &chain : buildChains(ops, /*rowwise=*/true, reportSkipped))
        fuseOrSplit(chain);
    }
  }

  /// Fuses `chain`; a chain the lowering refuses is fused again without its
  /// row-wise ops, whose rows are what did not fit.
  void fuseOrSplit(Chain &chain) {
    if (chain.size() < 2)
      return;
    std::string why = fuse(chain);
    if (why.empty() || llvm::all_of(chain, isElementwise))
      return;
    remark(chain.front(), "its chain was refused (" + why +
                              "); fused again without its row-wise ops");
    for (Chain &part : buildChains(chain, /*rowwise=*/false, false))
      if (part.size() > 1)
        (void)fuse(part);
  }

  /// The chains among `ops` (in reverse program order), each root first;
  /// with `explain`, remarks on the ops left out next to a chain.
  SmallVector<Chain> buildChains(ArrayRef<Operation *> ops, bool rowwise,
                                 bool explain) {
    SmallVector<Chain> chains;
    DenseMap<Operation *, unsigned> chainOf;
    for (Operation *op : ops) {
      if (!isCandidate(op) || (!rowwise && !isElementwise(op)))
        continue;
      if (std::string why = explainUnfusable(op); !why.empty()) {
        if (explain && (llvm::any_of(op->getOperands(),
                                     [](Value v) {
                                       return v.getDefiningOp() &&
                                              isCandidate(v.getDefiningOp());
                                     }) ||
                        feedsCandidate(op)))
          remark(op, "it cannot be in a fused kernel: " + why);
        continue;
      }
      unsigned chain = 0;
      std::string why = whyNotJoined(op, chainOf, chains, chain);
      if (why.empty()) {
        chains[chain].push_back(op);
        chainOf[op] = chain;
        continue;
      }
      if (explain && feedsCandidate(op))
        remark(op, why);
      chainOf[op] = chains.size();
      chains.push_back({op});
    }
    return chains;
  }

  static bool feedsCandidate(Operation *op) {
    return llvm::any_of(op->getResult(0).getUsers(), isCandidate);
  }

  /// Says why `op`, next to an elementwise op, was left out of its chain.
  void remark(Operation *op, const std::string &why) {
    if (reportSkipped)
      op->emitRemark() << "not fused into a vector chain: " << why;
  }
};

} // namespace
