//===- RaiseRepeat.cpp - copies that repeat slices -> ascend.repeat -------===//
//
// Grouped-query attention repeats each KV head for its group of query
// heads (HuggingFace's repeat_kv). Frontends write that as a copy whose map
// reads a dim as `d floordiv G`, or as a broadcast along a new dim (or a
// unit dim read at 0) that a reshape then merges into the dim before it.
// Both are `ascend.repeat` (repeat_interleave); the broadcast form becomes
// the repeat expanded back to the broadcast's shape, so the reshape after
// it folds away.
//
//===----------------------------------------------------------------------===//

#include "Raising.h"

#include "AscendDialect/Ascend/AscendDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineExpr.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

namespace {

/// Reassociation of a rank-`rank` shape that merges dims `dim` and
/// `dim + 1` and keeps every other dim.
SmallVector<ReassociationIndices> mergeWithNext(int64_t rank, int64_t dim) {
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < rank; ++d) {
    if (d == dim + 1)
      continue;
    groups.push_back(d == dim ? ReassociationIndices{d, d + 1}
                              : ReassociationIndices{d});
  }
  return groups;
}

} // namespace

std::optional<Decision> raising::decideRepeat(linalg::LinalgOp op) {
  AffineMap map = getCopyMap(op);
  if (!map)
    return std::nullopt;
  Value input = op.getDpsInputOperand(0)->get();
  auto inType = cast<RankedTensorType>(input.getType());
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  if (!inType.hasStaticShape() || !outType.hasStaticShape())
    return std::nullopt;
  ArrayRef<int64_t> in = inType.getShape(), out = outType.getShape();
  int64_t rank = outType.getRank();
  Location loc = op.getLoc();

  // A copy reading result dim h as `h floordiv G` and every other dim as
  // itself.
  auto floorDivDim = [&]() -> std::optional<std::pair<int64_t, int64_t>> {
    if (map.getNumResults() != rank)
      return std::nullopt;
    std::optional<std::pair<int64_t, int64_t>> found;
    for (auto [d, expr] : llvm::enumerate(map.getResults())) {
      if (expr == getAffineDimExpr(d, op.getContext()))
        continue;
      auto div = dyn_cast<AffineBinaryOpExpr>(expr);
      if (found || !div || div.getKind() != AffineExprKind::FloorDiv ||
          div.getLHS() != getAffineDimExpr(d, op.getContext()))
        return std::nullopt;
      auto rhs = dyn_cast<AffineConstantExpr>(div.getRHS());
      if (!rhs || rhs.getValue() < 1 || in[d] * rhs.getValue() != out[d])
        return std::nullopt;
      found = {static_cast<int64_t>(d), rhs.getValue()};
    }
    return found;
  };
  if (auto repeat = floorDivDim())
    return Decision::raise([=](PatternRewriter &rewriter) {
      rewriter.replaceOpWithNewOp<RepeatOp>(op, outType, input, repeat->first,
                                            repeat->second);
    });

  // A broadcast along dim h >= 1: the input lacks it, or has it as a unit
  // dim read at 0; every other dim is read as itself, in order.
  std::optional<int64_t> added;
  bool unitDim = map.getNumResults() == rank;
  unsigned next = 0;
  for (int64_t d = 0; d < rank; ++d) {
    AffineExpr expr =
        next < map.getNumResults() ? map.getResult(next) : AffineExpr();
    if (expr == getAffineDimExpr(d, op.getContext())) {
      ++next;
      continue;
    }
    if (added)
      return std::nullopt;
    added = d;
    if (unitDim) {
      auto zero = dyn_cast_or_null<AffineConstantExpr>(expr);
      if (!zero || zero.getValue() != 0 || in[d] != 1)
        return std::nullopt;
      ++next;
    }
  }
  if (!added || *added == 0 || next != map.getNumResults())
    return std::nullopt;
  int64_t h = *added;
  return Decision::raise([=](PatternRewriter &rewriter) {
    Value source = input;
    if (unitDim) // drop the unit dim into the dim before it
      source = rewriter.create<tensor::CollapseShapeOp>(
          loc, source, mergeWithNext(rank, h - 1));
    SmallVector<int64_t> merged(out.take_front(h));
    merged.back() *= out[h];
    llvm::append_range(merged, out.drop_front(h + 1));
    auto repeatType = RankedTensorType::get(merged, outType.getElementType());
    Value repeat =
        rewriter.create<RepeatOp>(loc, repeatType, source, h - 1, out[h]);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, outType, repeat, mergeWithNext(rank, h - 1));
  });
}
