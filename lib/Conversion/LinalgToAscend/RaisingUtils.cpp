//===- RaisingUtils.cpp - helpers shared by the raising decisions ---------===//

#include "Raising.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

bool raising::isAscendFloat(Type type) {
  return type.isF16() || type.isBF16() || type.isF32();
}

static llvm::RoundingMode
toLLVMRoundingMode(std::optional<arith::RoundingMode> mode) {
  switch (mode.value_or(arith::RoundingMode::to_nearest_even)) {
  case arith::RoundingMode::to_nearest_even:
    return llvm::RoundingMode::NearestTiesToEven;
  case arith::RoundingMode::downward:
    return llvm::RoundingMode::TowardNegative;
  case arith::RoundingMode::upward:
    return llvm::RoundingMode::TowardPositive;
  case arith::RoundingMode::toward_zero:
    return llvm::RoundingMode::TowardZero;
  case arith::RoundingMode::to_nearest_away:
    return llvm::RoundingMode::NearestTiesToAway;
  }
  llvm_unreachable("every rounding mode is handled");
}

/// Folds `value` to an attribute through at most `depth` arith ops.
static Attribute foldToAttr(Value value, unsigned depth) {
  Attribute attr;
  if (matchPattern(value, m_Constant(&attr)))
    return attr;
  Operation *def = value.getDefiningOp();
  // Only arith: with constant operands its folders build a new attribute and
  // never update the op in place, so asking them cannot change the IR.
  if (depth == 0 || !def || def->getNumResults() != 1 ||
      def->getNumRegions() != 0 || !isa<arith::ArithDialect>(def->getDialect()))
    return {};
  // arith.truncf folds only exact conversions, but torch-mlir truncates f64
  // literals such as 1e-6: round them as the op would.
  if (auto trunc = dyn_cast<arith::TruncFOp>(def)) {
    auto source =
        dyn_cast_or_null<FloatAttr>(foldToAttr(trunc.getIn(), depth - 1));
    auto type = dyn_cast<FloatType>(trunc.getType());
    if (!source || !type)
      return {};
    APFloat value = source.getValue();
    bool losesInfo;
    value.convert(type.getFloatSemantics(),
                  toLLVMRoundingMode(trunc.getRoundingmode()), &losesInfo);
    return FloatAttr::get(type, value);
  }
  SmallVector<Attribute> operands;
  for (Value operand : def->getOperands()) {
    operands.push_back(foldToAttr(operand, depth - 1));
    if (!operands.back())
      return {};
  }
  SmallVector<OpFoldResult> results;
  if (failed(def->fold(operands, results)) || results.size() != 1)
    return {};
  return dyn_cast<Attribute>(results.front());
}

/// Deep enough for `mulf(truncf(f64 literal), sitofp(i64 literal))`.
static constexpr unsigned kFoldDepth = 4;

std::optional<APFloat> raising::getConstantFloat(Value value) {
  Attribute attr = foldToAttr(value, kFoldDepth);
  if (auto scalar = dyn_cast_or_null<FloatAttr>(attr))
    return scalar.getValue();
  if (auto splat = dyn_cast_or_null<SplatElementsAttr>(attr))
    if (isa<FloatType>(splat.getElementType()))
      return splat.getSplatValue<APFloat>();
  return std::nullopt;
}

std::optional<int64_t> raising::getConstantInt(Value value) {
  if (auto scalar =
          dyn_cast_or_null<IntegerAttr>(foldToAttr(value, kFoldDepth)))
    return scalar.getValue().getSExtValue();
  return std::nullopt;
}

bool raising::isConstantFloat(Value value, double expected) {
  std::optional<APFloat> constant = getConstantFloat(value);
  return constant && constant->convertToDouble() == expected;
}

bool raising::isConstantInType(Value value, double expected, Type type) {
  std::optional<APFloat> constant = getConstantFloat(value);
  if (!constant || !isa<FloatType>(type))
    return false;
  APFloat rounded(expected);
  bool losesInfo;
  rounded.convert(cast<FloatType>(type).getFloatSemantics(),
                  APFloat::rmNearestTiesToEven, &losesInfo);
  return constant->convertToDouble() == rounded.convertToDouble();
}

Value raising::getFillValue(Value tensor) {
  auto op = tensor.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op->getNumResults() != 1 ||
      op.getNumReductionLoops() != 0)
    return {};
  if (auto fill = dyn_cast<linalg::FillOp>(*op))
    return fill.getInputs().front();
  // A generic that writes one scalar everywhere (a generalized fill): it
  // yields a scalar input or a value from outside its body.
  if (!op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isPermutation())
    return {};
  Value yielded = op.getBlock()->getTerminator()->getOperand(0);
  if (auto arg = dyn_cast<BlockArgument>(yielded);
      arg && arg.getOwner() == op.getBlock()) {
    Value operand = op.getMatchingOpOperand(arg)->get();
    return isa<ShapedType>(operand.getType()) ? Value() : operand;
  }
  return op->getRegion(0).isAncestor(yielded.getParentRegion()) ? Value()
                                                                : yielded;
}

AffineMap raising::getCopyMap(linalg::LinalgOp op) {
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
      op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 0 ||
      op.getBlock() == nullptr)
    return {};
  OpOperand *input = op.getDpsInputOperand(0);
  if (!isa<RankedTensorType>(input->get().getType()))
    return {};
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  if (yield.getNumOperands() != 1 ||
      yield.getOperand(0) != op.getMatchingBlockArgument(input))
    return {};
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isPermutation())
    return {};
  return op.getMatchingIndexingMap(input).compose(
      inversePermutation(outputMap));
}

Value raising::getLastTwoDimsTransposeSource(Value value) {
  auto op = value.getDefiningOp<linalg::LinalgOp>();
  AffineMap map = getCopyMap(op);
  unsigned rank = map ? map.getNumDims() : 0;
  if (rank < 2 || !map.isPermutation())
    return {};
  SmallVector<unsigned> swapLastTwo = llvm::to_vector(llvm::seq(0u, rank));
  std::swap(swapLastTwo[rank - 2], swapLastTwo[rank - 1]);
  if (map != AffineMap::getPermutationMap(swapLastTwo, op.getContext()))
    return {};
  return op.getDpsInputOperand(0)->get();
}

Value raising::insertUnitDims(OpBuilder &builder, Location loc, Value value,
                              ArrayRef<int64_t> positions,
                              ArrayRef<int64_t> resultShape) {
  auto type = cast<RankedTensorType>(value.getType());
  // Source dim i takes the result dims after source dim i-1's position up to
  // its own; the last also takes the trailing ones.
  SmallVector<ReassociationIndices> groups;
  int64_t next = 0;
  for (auto [i, position] : llvm::enumerate(positions)) {
    int64_t end = i + 1 == positions.size()
                      ? static_cast<int64_t>(resultShape.size())
                      : position + 1;
    groups.push_back(llvm::to_vector(llvm::seq<int64_t>(next, end)));
    next = end;
  }
  auto resultType = RankedTensorType::get(resultShape, type.getElementType());
  return builder.create<tensor::ExpandShapeOp>(loc, resultType, value, groups);
}

Value raising::scalarToTensor(OpBuilder &builder, Location loc, Value scalar,
                              Type element) {
  auto type = RankedTensorType::get({}, element);
  if (std::optional<APFloat> constant = getConstantFloat(scalar)) {
    bool losesInfo;
    constant->convert(cast<FloatType>(element).getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &losesInfo);
    return builder.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(type, *constant));
  }
  return builder.create<tensor::FromElementsOp>(loc, type, scalar);
}

void raising::eraseDeadOps(PatternRewriter &rewriter,
                           ArrayRef<Operation *> chain) {
  llvm::SmallPtrSet<Operation *, 8> erased;
  for (Operation *op : llvm::reverse(chain)) {
    if (!op || erased.contains(op))
      continue;
    // The tensor.dim ops that sized a dynamic tensor.expand_shape of the
    // result outlive the expand.
    for (Operation *user : llvm::make_early_inc_range(op->getUsers()))
      if (isa<tensor::DimOp>(user) && user->use_empty())
        rewriter.eraseOp(user);
    if (op->use_empty()) {
      erased.insert(op);
      rewriter.eraseOp(op);
    }
  }
}

std::string raising::describe(Operation *op) {
  return op->getName().getStringRef().str();
}

std::string raising::describe(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}
