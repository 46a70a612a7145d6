//===- RaiseReductions.cpp - softmax, rms_norm and their reductions -------===//
//
// The ascend dialect has no reduce op, so a sum or max reduction is raised
// only as part of an op that contains it:
//
//   rms_norm: x * rsqrt(sum(x * x, last) / H + eps) [* gamma]
//             (the sum may widen each element with arith.extf first)
//             (or x / sqrt(...)), or cast to x's original type instead of
//             gamma, as HuggingFace's LlamaRMSNorm computes it (its
//             `* weight` then stays an ascend.mul);
//   softmax:  exp(x - max(x, d)) / sum(exp(x - max(x, d)), d)
//             (or exp(...) * reciprocal(sum(...))).
//
// The chains are matched from the reduction forwards, over the ascend ops
// the elementwise parts have already been raised to (the pass repeats until
// nothing changes, so the order in which ops are raised does not matter).
// Intermediate values must have no other users, so raising never duplicates
// work.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "Raising.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

namespace {

enum class ReduceKind { Sum, SumOfSquares, Max };

/// A reduction of one tensor over one dim, with the identity as its init.
struct Reduction {
  ReduceKind kind;
  /// The reduced tensor (for SumOfSquares, the one that is squared).
  Value input;
  unsigned dim;
  linalg::LinalgOp op;
  /// Whether the body widens each element (arith.extf) before squaring it:
  /// PyTorch's mixed-precision RMSNorm sums the squares in f32 of a bf16 or
  /// f16 input.
  bool widened = false;

  Value getResult() const { return op->getResult(0); }
  std::string describe() const {
    std::string what = kind == ReduceKind::Sum            ? "a sum"
                       : kind == ReduceKind::SumOfSquares ? "a sum of squares"
                                                          : "a max";
    return what + " over dim " + std::to_string(dim);
  }
};

FailureOr<Reduction> failWith(std::string &whyNot, const Twine &why) {
  whyNot = why.str();
  return failure();
}

/// Whether the reduction's output drops `dim` (or keeps it as a unit dim,
/// torch-mlir's keepdim) and keeps every other loop dim in order.
bool isReducedOutputMap(AffineMap map, unsigned dim) {
  unsigned numLoops = map.getNumDims();
  bool keepDim = map.getNumResults() == numLoops;
  if (!keepDim && map.getNumResults() + 1 != numLoops)
    return false;
  unsigned result = 0;
  for (unsigned loop = 0; loop < numLoops; ++loop) {
    AffineExpr expr = map.getResult(result < map.getNumResults() ? result : 0);
    if (loop == dim) {
      if (keepDim) {
        auto constant = dyn_cast<AffineConstantExpr>(expr);
        if (!constant || constant.getValue() != 0)
          return false;
        ++result;
      }
      continue;
    }
    auto dimExpr = dyn_cast<AffineDimExpr>(expr);
    if (!dimExpr || dimExpr.getPosition() != loop)
      return false;
    ++result;
  }
  return true;
}

/// Whether `init` is a fill with the identity of `kind`: 0 for sums, -inf
/// or the lowest finite value for maxima.
bool hasIdentityInit(Value init, ReduceKind kind) {
  Value fill = getFillValue(init);
  std::optional<APFloat> value = fill ? getConstantFloat(fill) : std::nullopt;
  if (!value)
    return false;
  if (kind != ReduceKind::Max)
    return value->isZero();
  return value->isNegative() && (value->isInfinity() || value->isLargest());
}

/// Whether `value` is `x * x`, `powf(x, 2)` or `fpowi(x, 2)` (torch-mlir's
/// `x.pow(2)`).
bool isSquareOf(Value value, Value x) {
  Operation *def = value.getDefiningOp();
  if (auto mul = dyn_cast_or_null<arith::MulFOp>(def))
    return mul.getLhs() == x && mul.getRhs() == x;
  if (auto pow = dyn_cast_or_null<math::PowFOp>(def))
    return pow.getLhs() == x && isConstantFloat(pow.getRhs(), 2.0);
  if (auto pow = dyn_cast_or_null<math::FPowIOp>(def))
    return pow.getLhs() == x && getConstantInt(pow.getRhs()) == 2;
  return false;
}

FailureOr<Reduction> matchReduction(linalg::LinalgOp op, std::string &whyNot) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1)
    return failWith(whyNot, "it has " + Twine(op.getNumDpsInputs()) +
                                " inputs and " + Twine(op.getNumDpsInits()) +
                                " inits, not one of each");
  SmallVector<unsigned> reductionDims;
  op.getReductionDims(reductionDims);
  if (reductionDims.size() != 1)
    return failWith(whyNot, "it reduces " + Twine(reductionDims.size()) +
                                " dims, not one");
  unsigned dim = reductionDims.front();
  OpOperand *input = op.getDpsInputOperand(0);
  OpOperand *init = op.getDpsInitOperand(0);
  auto inputType = dyn_cast<RankedTensorType>(input->get().getType());
  if (!inputType || !isAscendFloat(inputType.getElementType()))
    return failWith(whyNot, "its input is " +
                                raising::describe(input->get().getType()) +
                                ", not a tensor of f16, bf16 or f32");
  if (!op.getMatchingIndexingMap(input).isIdentity() ||
      !isReducedOutputMap(op.getMatchingIndexingMap(init), dim))
    return failWith(whyNot,
                    "its indexing maps do more than reduce dim " + Twine(dim));

  // The body must be `combine(x, acc)` or, for sums, `x * x + acc`.
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  Operation *combine = yield.getOperand(0).getDefiningOp();
  Value in = op.getMatchingBlockArgument(input);
  Value acc = op.getMatchingBlockArgument(init);
  if (!combine || combine->getNumOperands() != 2 ||
      !llvm::is_contained(combine->getOperands(), acc))
    return failWith(whyNot, "its body does not combine each element with the "
                            "accumulator in one op");
  Value element = combine->getOperand(combine->getOperand(0) == acc ? 1 : 0);
  ReduceKind kind;
  bool widened = false;
  if (isa<arith::AddFOp>(combine)) {
    Operation *square = element.getDefiningOp();
    auto extf = square && square->getNumOperands() > 0
                    ? square->getOperand(0).getDefiningOp<arith::ExtFOp>()
                    : nullptr;
    if (element == in) {
      kind = ReduceKind::Sum;
    } else if (isSquareOf(element, in)) {
      kind = ReduceKind::SumOfSquares;
    } else if (extf && extf.getIn() == in && isSquareOf(element, extf)) {
      kind = ReduceKind::SumOfSquares;
      widened = true;
    } else {
      return failWith(whyNot, "its body sums something other than the input, "
                              "its square or the square of its arith.extf");
    }
  } else if (isa<arith::MaximumFOp, arith::MaxNumFOp>(combine) &&
             element == in) {
    kind = ReduceKind::Max;
  } else {
    return failWith(whyNot, "its body combines with " +
                                raising::describe(combine) +
                                "; only sums (arith.addf) and maxima "
                                "(arith.maximumf, arith.maxnumf) are raised");
  }
  if (!hasIdentityInit(init->get(), kind))
    return failWith(whyNot, kind == ReduceKind::Max
                                ? "its init is not a fill with -inf or the "
                                  "lowest finite value"
                                : "its init is not a fill with 0");
  return Reduction{kind, input->get(), dim, op, widened};
}

/// A use of a value: the op and the operand it reads (the value itself, or
/// the value with unit dims inserted).
struct Use {
  Operation *user = nullptr;
  Value operand;
};

/// Whether `expand` only inserts unit dims.
bool insertsUnitDimsOnly(tensor::ExpandShapeOp expand) {
  ArrayRef<int64_t> shape = expand.getResultType().getShape();
  return llvm::all_of(expand.getReassociationIndices(),
                      [&](const ReassociationIndices &group) {
                        return llvm::count_if(group, [&](int64_t dim) {
                                 return shape[dim] != 1;
                               }) <= 1;
                      });
}

/// The sole user of `value`, past tensor.expand_shape ops that only insert
/// unit dims (appended to `chain`); a null user if there are several users
/// or none.
/// The users of `value` that read its elements: tensor.dim only reads the
/// shape (to size a dynamic tensor.expand_shape).
auto getElementUsers(Value value) {
  return llvm::make_filter_range(value.getUsers(), [](Operation *user) {
    return !isa<tensor::DimOp>(user);
  });
}

Use getSoleUser(Value value, SmallVectorImpl<Operation *> &chain) {
  while (true) {
    auto users = getElementUsers(value);
    if (llvm::range_size(users) != 1)
      return {};
    Operation *user = *users.begin();
    auto expand = dyn_cast<tensor::ExpandShapeOp>(user);
    if (!expand || !insertsUnitDimsOnly(expand))
      return {user, value};
    chain.push_back(expand);
    value = expand.getResult();
  }
}

std::string describeUser(const Use &use) {
  return use.user ? "feeds " + raising::describe(use.user)
                  : std::string("has several users");
}

/// The operand of binary `op` other than `value`, if `op` is an `OpTy` that
/// reads `value`.
template <typename OpTy> Value getOtherOperand(Operation *op, Value value) {
  auto binary = dyn_cast_or_null<OpTy>(op);
  if (!binary)
    return {};
  if (binary.getLhs() == value)
    return binary.getRhs();
  return binary.getRhs() == value ? binary.getLhs() : Value();
}

/// The dividend of `op` if `op` is an ascend.div by `divisor`.
Value getDividend(Operation *op, Value divisor) {
  auto div = dyn_cast_or_null<DivOp>(op);
  return div && div.getRhs() == divisor ? div.getLhs() : Value();
}

/// The divisor of `op` if `op` is an ascend.div of `dividend`.
Value getDivisor(Operation *op, Value dividend) {
  auto div = dyn_cast_or_null<DivOp>(op);
  return div && div.getLhs() == dividend ? div.getRhs() : Value();
}

/// Whether `a` and `b` hold the same tensor: the same value, or the same
/// ascend.cast of one value (frontends that do not CSE cast twice).
bool isSameTensor(Value a, Value b) {
  if (a == b)
    return true;
  auto castA = a.getDefiningOp<CastOp>(), castB = b.getDefiningOp<CastOp>();
  return castA && castB && castA.getX() == castB.getX() &&
         castA.getType() == castB.getType() &&
         castA.getRoundMode() == castB.getRoundMode();
}

/// Whether `reduced` is `x`'s shape with dim `dim` reduced to 1: the shape a
/// reduction's result has where it is broadcast back against `x`.
bool isReducedShape(Value reduced, Value x, unsigned dim) {
  auto reducedType = cast<RankedTensorType>(reduced.getType());
  auto xType = cast<RankedTensorType>(x.getType());
  if (reducedType.getRank() != xType.getRank() ||
      reducedType.getDimSize(dim) != 1)
    return false;
  for (unsigned i = 0; i < xType.getRank(); ++i)
    if (i != dim && !ShapedType::isDynamic(reducedType.getDimSize(i)) &&
        !ShapedType::isDynamic(xType.getDimSize(i)) &&
        reducedType.getDimSize(i) != xType.getDimSize(i))
      return false;
  return true;
}

/// The ops that only feed a reduction's init, for erasure with it.
void appendInitProducers(const Reduction &reduction,
                         SmallVectorImpl<Operation *> &chain) {
  linalg::LinalgOp op = reduction.op;
  Value init = op.getDpsInitOperand(0)->get();
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    if (Operation *empty = fill.getOutputs().front().getDefiningOp())
      chain.push_back(empty);
    chain.push_back(fill);
  }
}

//===----------------------------------------------------------------------===//
// rms_norm
//===----------------------------------------------------------------------===//

Decision decideRmsNorm(const Reduction &sum) {
  SmallVector<Operation *> chain;
  Value x = sum.input;
  if (sum.kind == ReduceKind::Sum) {
    auto square = x.getDefiningOp<MulOp>();
    if (!square || square.getLhs() != square.getRhs())
      return Decision::keep(
          "its input is not a square (ascend.mul of a tensor by itself); "
          "other sums are raised only as a softmax's denominator, matched "
          "from the softmax's max");
    chain.push_back(square);
    x = square.getLhs();
  }
  auto xType = cast<RankedTensorType>(x.getType());
  unsigned last = xType.getRank() - 1;
  if (sum.dim != last)
    return Decision::keep("rms_norm normalizes the last dim (" + Twine(last) +
                          ")");
  int64_t rowLength = xType.getShape().back();
  if (ShapedType::isDynamic(rowLength))
    return Decision::keep("the row length is dynamic, so the divisor of the "
                          "mean cannot be checked");
  appendInitProducers(sum, chain);
  chain.push_back(sum.op);
  // The type the squares are summed and the mean is computed in.
  Type type = getElementTypeOrSelf(sum.getResult().getType());
  // A widened sum reads x itself; the chain scales x's f32 copy.
  auto isScaledTensor = [&](Value scaled) {
    if (!sum.widened)
      return isSameTensor(scaled, x);
    auto wide = scaled.getDefiningOp<CastOp>();
    return wide && wide.getX() == x &&
           getElementTypeOrSelf(wide.getType()) == type;
  };

  // mean = sum / H, or sum * (1 / H).
  Use mean = getSoleUser(sum.getResult(), chain);
  Value divisor = getDivisor(mean.user, mean.operand);
  Value factor = getOtherOperand<MulOp>(mean.user, mean.operand);
  if (!(divisor && isConstantInType(divisor, rowLength, type)) &&
      !(factor && isConstantInType(factor, 1.0 / rowLength, type)))
    return Decision::keep("its result " + describeUser(mean) +
                          ", not a division by the row length " +
                          Twine(rowLength) + " (the mean)");
  chain.push_back(mean.user);

  // variance + epsilon.
  Use add = getSoleUser(mean.user->getResult(0), chain);
  Value epsilonValue = getOtherOperand<AddOp>(add.user, add.operand);
  std::optional<APFloat> epsilon =
      epsilonValue ? getConstantFloat(epsilonValue) : std::nullopt;
  if (!epsilon || epsilon->isNegative() || !epsilon->isFinite())
    return Decision::keep("the mean " + describeUser(add) +
                          ", not ascend.add of a constant epsilon >= 0");
  chain.push_back(add.user);

  // x * rsqrt(...) or x / sqrt(...).
  Use root = getSoleUser(add.user->getResult(0), chain);
  if (!isa_and_nonnull<RsqrtOp, SqrtOp>(root.user))
    return Decision::keep("the mean plus epsilon " + describeUser(root) +
                          ", not ascend.rsqrt or ascend.sqrt");
  chain.push_back(root.user);
  Use scale = getSoleUser(root.user->getResult(0), chain);
  Value scaled = isa<RsqrtOp>(root.user)
                     ? getOtherOperand<MulOp>(scale.user, scale.operand)
                     : getDividend(scale.user, scale.operand);
  if (!scaled || !isScaledTensor(scaled) ||
      !isReducedShape(scale.operand, x, last))
    return Decision::keep("the root " + describeUser(scale) +
                          ", not the scaling of the squared tensor by it");
  chain.push_back(scale.user);

  // Optionally a cast to x's original type (LlamaRMSNorm normalizes in f32),
  // else optionally gamma. After a cast the program rounds the normalized
  // value before `* gamma` (LlamaRMSNorm's bf16 `weight * hidden`): gamma
  // then stays its own multiply so that rounding is kept (ascend-fuse-vector
  // puts the two in one kernel again).
  Operation *result = scale.user;
  bool rounded = false;
  if (result->getResult(0).hasOneUse())
    if (auto cast = dyn_cast<CastOp>(*result->getUsers().begin());
        cast && cast.getRoundMode() == aicore::RoundMode::rint) {
      result = cast;
      chain.push_back(cast);
      rounded = true;
    }
  Value gamma;
  if (!rounded && result->getResult(0).hasOneUse()) {
    Operation *user = *result->getUsers().begin();
    Value other = getOtherOperand<MulOp>(user, result->getResult(0));
    auto otherType =
        other ? dyn_cast<RankedTensorType>(other.getType()) : nullptr;
    if (otherType && otherType.getRank() == 1 &&
        otherType.getDimSize(0) == rowLength) {
      gamma = other;
      chain.push_back(result);
      result = user;
    }
  }

  // rms_norm returns its input's type: the squared tensor's, or that of the
  // tensor it was cast from.
  Type resultElement =
      cast<RankedTensorType>(result->getResult(0).getType()).getElementType();
  Value input = x;
  if (sum.widened) {
    // rms_norm widens its input itself: x when the result has x's type,
    // else the f32 copy the chain scales.
    if (resultElement != xType.getElementType()) {
      if (resultElement != type)
        return Decision::keep("the normalized result is " +
                              raising::describe(resultElement) +
                              ", neither the input's type nor the sum's");
      input = scaled;
    } else {
      chain.insert(chain.begin(), scaled.getDefiningOp());
    }
  } else if (type != resultElement) {
    auto cast = x.getDefiningOp<CastOp>();
    if (!cast || getElementTypeOrSelf(cast.getX().getType()) != resultElement)
      return Decision::keep("the normalized result is " +
                            raising::describe(resultElement) +
                            ", but the squared tensor is " +
                            raising::describe(type) + " and not a cast of a " +
                            raising::describe(resultElement) + " tensor");
    input = cast.getX();
    chain.insert(chain.begin(), cast);
  }

  // The final op is replaced, not erased as dead.
  chain.erase(std::remove(chain.begin(), chain.end(), result), chain.end());
  APFloat epsilonF32 = *epsilon;
  bool losesInfo;
  epsilonF32.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                     &losesInfo);
  return Decision::raise([=](PatternRewriter &rewriter) {
    rewriter.setInsertionPoint(result);
    Location loc = result->getLoc();
    Value scaleBy = gamma;
    if (!scaleBy) {
      auto onesType = RankedTensorType::get({rowLength}, resultElement);
      scaleBy = rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(
                   onesType, rewriter.getFloatAttr(resultElement, 1.0)));
    }
    Value norm = rewriter.create<RmsNormOp>(loc, result->getResult(0).getType(),
                                            input, scaleBy, epsilonF32);
    rewriter.replaceOp(result, norm);
    eraseDeadOps(rewriter, chain);
  });
}

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

Decision decideSoftmaxChain(const Reduction &max) {
  SmallVector<Operation *> chain;
  Value x = max.input;
  unsigned dim = max.dim;
  appendInitProducers(max, chain);
  chain.push_back(max.op);

  Use sub = getSoleUser(max.getResult(), chain);
  auto subOp = dyn_cast_or_null<SubOp>(sub.user);
  if (!subOp || subOp.getRhs() != sub.operand ||
      !isSameTensor(subOp.getLhs(), x) || !isReducedShape(sub.operand, x, dim))
    return Decision::keep("its result " + describeUser(sub) +
                          ", not ascend.sub of it from the reduced tensor");
  chain.push_back(subOp);
  Use exp = getSoleUser(subOp.getResult(), chain);
  if (!isa_and_nonnull<ExpOp>(exp.user))
    return Decision::keep("x - max " + describeUser(exp) + ", not ascend.exp");
  chain.push_back(exp.user);
  Value numerator = exp.user->getResult(0);

  // exp(x - max) feeds exactly its sum and the normalization.
  std::optional<Reduction> sum;
  for (Operation *user : getElementUsers(numerator)) {
    auto reduction = dyn_cast<linalg::LinalgOp>(user);
    if (!reduction || !reduction.hasPureTensorSemantics() ||
        reduction.getNumReductionLoops() == 0)
      continue;
    std::string ignored;
    FailureOr<Reduction> match = matchReduction(reduction, ignored);
    if (succeeded(match) && match->kind == ReduceKind::Sum &&
        match->input == numerator && match->dim == dim)
      sum = *match;
  }
  if (!sum || llvm::range_size(getElementUsers(numerator)) != 2)
    return Decision::keep("exp(x - max) is not used exactly by its sum over "
                          "dim " +
                          Twine(dim) + " and one other op");
  appendInitProducers(*sum, chain);
  chain.push_back(sum->op);

  // exp / sum, or exp * reciprocal(sum).
  Use norm = getSoleUser(sum->getResult(), chain);
  Value denominator = norm.operand;
  if (isa_and_nonnull<ReciprocalOp>(norm.user)) {
    chain.push_back(norm.user);
    norm = getSoleUser(norm.user->getResult(0), chain);
    denominator = norm.operand;
    if (getOtherOperand<MulOp>(norm.user, denominator) != numerator)
      norm.user = nullptr;
  } else if (getDividend(norm.user, denominator) != numerator) {
    norm.user = nullptr;
  }
  if (!norm.user || !isReducedShape(denominator, x, dim))
    return Decision::keep(
        "the sum of exp(x - max) does not divide it (as "
        "ascend.div, or ascend.mul by its ascend.reciprocal)");

  Operation *result = norm.user;
  return Decision::raise([=](PatternRewriter &rewriter) {
    rewriter.setInsertionPoint(result);
    Value softmax = rewriter.create<SoftmaxOp>(
        result->getLoc(), result->getResult(0).getType(), x, dim);
    rewriter.replaceOp(result, softmax);
    eraseDeadOps(rewriter, chain);
  });
}

/// Whether the body's yielded value comes from an op with several operands
/// once unary, effect-free ops are skipped, as a reduction's does. If it is
/// a block argument instead (e.g. `linalg.yield` of `arith.negf %in`),
/// nothing is combined; MLIR 19's contraction check must not see such a
/// body: it dereferences the op it reaches and crashes (mlir-opt-19 too,
/// docs/Robustness.md).
bool combinesValues(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (body->empty() || body->back().getNumOperands() != 1)
    return true; // the check rejects these before the dereference
  Value value = body->back().getOperand(0);
  Operation *def = value.getDefiningOp();
  while (def && def->getNumOperands() == 1) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(def);
    if (!effects || !effects.hasNoEffect())
      break;
    value = def->getOperand(0);
    def = value.getDefiningOp();
  }
  return def != nullptr;
}

} // namespace

Decision raising::decideReduction(linalg::LinalgOp op) {
  if (!combinesValues(op))
    return Decision::keep("its body yields an argument through unary ops "
                          "only, so its reduction loop combines nothing");
  if (linalg::isaContractionOpInterface(op))
    return Decision::keep("a contraction other than the matmuls ascend.matmul "
                          "and ascend.batch_matmul cover");
  if (linalg::isaConvolutionOpInterface(op))
    return Decision::keep("a convolution; the ascend dialect has none");
  std::string whyNot;
  FailureOr<Reduction> reduction = matchReduction(op, whyNot);
  if (failed(reduction))
    return Decision::keep("a reduction, but not a sum or max over one dim "
                          "the pass recognises: " +
                          whyNot);

  bool isMax = reduction->kind == ReduceKind::Max;
  Decision decision =
      isMax ? decideSoftmaxChain(*reduction) : decideRmsNorm(*reduction);
  if (!decision.raises())
    decision.prefix(reduction->describe() +
                    " (the ascend dialect has no reduce op) that does not "
                    "start " +
                    (isMax ? "a softmax" : "an rms_norm"));
  return decision;
}

Decision raising::decideSoftmax(linalg::SoftmaxOp op) {
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type)
    return Decision::keep("it works on memrefs; ascend ops take tensors");
  if (!isAscendFloat(type.getElementType()))
    return Decision::keep("its input is " + raising::describe(type) +
                          "; ascend.softmax takes f16, bf16 or f32");
  return Decision::raise([op](PatternRewriter &rewriter) mutable {
    rewriter.setInsertionPoint(op);
    Value softmax =
        rewriter.create<SoftmaxOp>(op.getLoc(), op->getResult(0).getType(),
                                   op.getInput(), op.getDimension());
    rewriter.replaceOp(op, softmax);
  });
}
