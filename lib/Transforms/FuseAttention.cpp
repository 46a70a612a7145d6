//===- FuseAttention.cpp - unfused attention to ascend.flash_attention ----===//
//
// Finds softmax(scale * Q.K^T [+ mask]) . V in tensor-level ascend IR, as
// ascend-raise-linalg leaves torch-mlir's and StableHLO's attention, and
// replaces it with one ascend.flash_attention. The match starts at the
// ascend.softmax and walks to both batch matmuls; every fact the rewrite
// needs is collected first, so a chain is either rewritten whole or left
// exactly as it was (with the reason for `report-unmatched`). See the pass
// description in Passes.td for the rules.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_FUSEATTENTIONPASS
#include "AscendDialect/Transforms/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;

namespace {

/// Everything the rewrite needs, gathered before the IR is touched.
struct Attention {
  SoftmaxOp softmax;
  Value querySource, keySource, valueSource; // reshaped to 4-D on rewrite
  Value mask;                                // null when absent or causal
  bool reshapeMask = false; // the mask spells the batch dims differently
  bool causal = false;
  double scale = 1.0;
  int64_t batch = 0, heads = 0, kvHeads = 0;
  int64_t sq = 0, skv = 0, d = 0, dv = 0;
  BatchMatmulOp output;        // P . V
  tensor::ExpandShapeOp result; // P . V viewed as [B, Nq, Sq, Dv], or null
  SmallVector<Operation *> chain;
};

LogicalResult fail(std::string &whyNot, const Twine &why) {
  whyNot = why.str();
  return failure();
}

std::string describe(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

std::string describe(Value value) {
  Operation *def = value.getDefiningOp();
  return def ? def->getName().getStringRef().str()
             : std::string("a block argument");
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

SmallVector<int64_t> leadingDims(Value value) {
  ArrayRef<int64_t> shape = shapeOf(value);
  return SmallVector<int64_t>(shape.drop_back(2));
}

/// `value` before tensor.collapse_shape ops that merge only its leading
/// (batch) dims; the last two dims (rows, columns) stay.
Value peelBatchCollapses(Value value) {
  while (auto collapse = value.getDefiningOp<tensor::CollapseShapeOp>()) {
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    int64_t srcRank = collapse.getSrcType().getRank();
    if (groups.size() < 3 || groups[groups.size() - 2].size() != 1 ||
        groups.back().size() != 1 ||
        groups[groups.size() - 2].front() != srcRank - 2)
      break;
    value = collapse.getSrc();
  }
  return value;
}

/// For a copy-only linalg op (linalg.transpose, linalg.broadcast or a
/// generic yielding its input), the map from its result dims to its input
/// dims; otherwise null.
AffineMap getCopyMap(Value value) {
  auto op = value.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
      op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 0 ||
      !op.getBlock())
    return {};
  OpOperand *input = op.getDpsInputOperand(0);
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!isa<RankedTensorType>(input->get().getType()) ||
      yield.getNumOperands() != 1 ||
      yield.getOperand(0) != op.getMatchingBlockArgument(input) ||
      !outputMap.isPermutation())
    return {};
  return op.getMatchingIndexingMap(input).compose(
      inversePermutation(outputMap));
}

Value copySource(Value value) {
  return value.getDefiningOp<linalg::LinalgOp>().getDpsInputOperand(0)->get();
}

/// The source of `value` when `value` is it with the last two dims swapped.
Value getLastTwoDimsTransposeSource(Value value) {
  AffineMap map = getCopyMap(value);
  unsigned rank = map ? map.getNumDims() : 0;
  if (rank < 2 || !map.isPermutation())
    return {};
  SmallVector<unsigned> swapped = llvm::to_vector(llvm::seq(0u, rank));
  std::swap(swapped[rank - 2], swapped[rank - 1]);
  if (map != AffineMap::getPermutationMap(swapped, value.getContext()))
    return {};
  return copySource(value);
}

/// The [B, Nkv, S, D] tensor that `value` ([B, Nkv, rep, S, D]) repeats
/// along dim 2 (HuggingFace's repeat_kv before its reshape), or null. The
/// source may still carry the unit dim 2 ([B, Nkv, 1, S, D]).
Value getRepeatSource(Value value) {
  AffineMap map = getCopyMap(value);
  if (!map || map.getNumDims() != 5)
    return {};
  Value source = copySource(value);
  MLIRContext *ctx = value.getContext();
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  if (map.getResults() == ArrayRef<AffineExpr>{dim(0), dim(1), dim(3), dim(4)})
    return source;
  ArrayRef<int64_t> shape = shapeOf(source);
  if (shape.size() != 5 || shape[2] != 1 ||
      map.getResults() !=
          ArrayRef<AffineExpr>{dim(0), dim(1), getAffineConstantExpr(0, ctx),
                               dim(3), dim(4)})
    return {};
  // Look through the unsqueeze that made the unit dim.
  if (auto expand = source.getDefiningOp<tensor::ExpandShapeOp>())
    if (expand.getSrcType().getRank() == 4 &&
        expand.getReassociationIndices() ==
            SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}})
      return expand.getSrc();
  return source;
}

/// A K or V operand of a batch matmul traced back to the tensor the fused
/// op reads: full heads (any split of the batch dim) or KV heads repeated
/// for grouped-query attention.
struct KVSource {
  Value value;
  bool grouped = false;
  int64_t batch = 0, kvHeads = 0, repeats = 1;
};

KVSource traceKV(Value operand) {
  Value peeled = peelBatchCollapses(operand);
  if (shapeOf(peeled).size() == 5)
    if (Value source = getRepeatSource(peeled)) {
      ArrayRef<int64_t> shape = shapeOf(peeled);
      return {source, true, shape[0], shape[1], shape[2]};
    }
  return {peeled};
}

/// The splat float constant `value` holds.
std::optional<APFloat> getSplatConstant(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  if (auto splat = dyn_cast<SplatElementsAttr>(attr))
    if (isa<FloatType>(splat.getElementType()))
      return splat.getSplatValue<APFloat>();
  if (auto scalar = dyn_cast<FloatAttr>(attr))
    return scalar.getValue();
  return std::nullopt;
}

/// Whether `mask` is the constant 0 / -inf mask that hides key `j` from
/// query `i` exactly when `j > i + skv - sq` (flash_attention's causal),
/// with unit leading dims.
bool isBottomRightCausal(Value mask, int64_t sq, int64_t skv) {
  DenseElementsAttr attr;
  ArrayRef<int64_t> shape = shapeOf(mask);
  if (!matchPattern(mask, m_Constant(&attr)) || attr.isSplat() ||
      shape.size() < 2 || sq > skv ||
      shape.take_back(2) != ArrayRef<int64_t>{sq, skv} ||
      llvm::any_of(shape.drop_back(2), [](int64_t d) { return d != 1; }))
    return false;
  int64_t index = 0;
  for (const APFloat &element : attr.getValues<APFloat>()) {
    int64_t i = index / skv, j = index % skv;
    ++index;
    bool hidden = j > i + skv - sq;
    if (hidden ? !(element.isInfinity() && element.isNegative())
               : !element.isZero())
      return false;
  }
  return true;
}

bool hasStaticShape(Value value) {
  return cast<RankedTensorType>(value.getType()).hasStaticShape();
}

/// Whether `value` has one user; otherwise says which intermediate is shared.
LogicalResult checkSoleUse(Value value, StringRef what, std::string &whyNot) {
  size_t users = llvm::range_size(value.getUsers());
  if (users == 1)
    return success();
  return fail(whyNot, Twine(what) + " has " + Twine(users) +
                          " users; fusing would compute it twice");
}

/// Matches the scale applied to `scaled`: a multiplication by a splat
/// constant (either side) or a division by one. Returns the scaled tensor.
FailureOr<Value> matchScale(Value scaled, double &scale, std::string &whyNot) {
  Operation *def = scaled.getDefiningOp();
  auto keepsShape = [&](Value other) {
    return other.getType() == scaled.getType();
  };
  if (auto mul = dyn_cast_or_null<MulOp>(def)) {
    for (auto [constant, other] : {std::pair(mul.getRhs(), mul.getLhs()),
                                   std::pair(mul.getLhs(), mul.getRhs())})
      if (std::optional<APFloat> value = getSplatConstant(constant);
          value && keepsShape(other)) {
        scale = value->convertToDouble();
        return other;
      }
    return fail(whyNot, "the scores are multiplied by a tensor that is not a "
                        "constant splat; the only mask flash_attention takes "
                        "is additive");
  }
  if (auto div = dyn_cast_or_null<DivOp>(def)) {
    std::optional<APFloat> value = getSplatConstant(div.getRhs());
    if (!value || !keepsShape(div.getLhs()))
      return fail(whyNot, "the scores are divided by something other than a "
                          "constant splat");
    scale = 1.0 / value->convertToDouble();
    return div.getLhs();
  }
  return fail(whyNot, "no scale: the scores come from " + describe(scaled) +
                          ", not ascend.mul or ascend.div by a constant; "
                          "unscaled softmax(Q.K^T).V is not fused");
}

/// Whether `value` is an ascend.mul or ascend.div of a batch matmul's result
/// (or of its 4-D view).
bool isScaledProduct(Value value) {
  Operation *def = value.getDefiningOp();
  if (!isa_and_nonnull<MulOp, DivOp>(def))
    return false;
  return llvm::any_of(def->getOperands(), [](Value operand) {
    return isa_and_nonnull<BatchMatmulOp, tensor::ExpandShapeOp>(
        operand.getDefiningOp());
  });
}

/// The (B, N) split of the batch dim that `value` spells, if it is 4-D.
std::optional<std::pair<int64_t, int64_t>> getBatchHeads(Value value) {
  if (!value || shapeOf(value).size() != 4)
    return std::nullopt;
  return std::pair(shapeOf(value)[0], shapeOf(value)[1]);
}

class AttentionMatcher {
public:
  explicit AttentionMatcher(SoftmaxOp softmax) { a.softmax = softmax; }
  FailureOr<Attention> match(std::string &whyNot);

private:
  LogicalResult matchScores(std::string &whyNot);
  LogicalResult matchOutput(std::string &whyNot);
  LogicalResult matchOperands(std::string &whyNot);
  LogicalResult matchMask(std::string &whyNot);

  Attention a;
  Value scores;                 // the softmax's input: scaled [+ mask]
  Value maskOperand;            // the added tensor, if any
  Value scores4;                // Q.K^T viewed as 4-D, if it is
  BatchMatmulOp scoresMatmul;   // Q.K^T
};

FailureOr<Attention> AttentionMatcher::match(std::string &whyNot) {
  SoftmaxOp softmax = a.softmax;
  auto type = cast<RankedTensorType>(softmax.getX().getType());
  int64_t rank = type.getRank();
  if (rank != 3 && rank != 4)
    return fail(whyNot, "the softmax input has rank " + Twine(rank) +
                            "; attention scores are [B*N, Sq, Skv] or "
                            "[B, N, Sq, Skv]");
  if (softmax.getDim() != static_cast<uint64_t>(rank - 1))
    return fail(whyNot, "the softmax is over dim " + Twine(softmax.getDim()) +
                            ", not the key axis (the last dim, " +
                            Twine(rank - 1) + ")");
  Type element = type.getElementType();
  if (!element.isF16() && !element.isBF16())
    return fail(whyNot, "the scores are " + describe(element) +
                            "; flash_attention takes f16 or bf16");
  if (failed(matchScores(whyNot)) || failed(matchOutput(whyNot)) ||
      failed(matchOperands(whyNot)) || failed(matchMask(whyNot)))
    return failure();
  return a;
}

/// softmax <- [add mask] <- mul/div scale <- [expand to 4-D] <- Q.K^T.
LogicalResult AttentionMatcher::matchScores(std::string &whyNot) {
  Value x = a.softmax.getX();
  if (failed(checkSoleUse(x, "the softmax input", whyNot)))
    return failure();
  Value scaled = x;
  if (auto add = x.getDefiningOp<AddOp>()) {
    // The scaled scores are the side that is a multiplication or division
    // of Q.K^T (or, failing that, of anything).
    bool lhsScaled = isScaledProduct(add.getLhs()) ||
                     (!isScaledProduct(add.getRhs()) &&
                      isa_and_nonnull<MulOp, DivOp>(add.getLhs().getDefiningOp()));
    scaled = lhsScaled ? add.getLhs() : add.getRhs();
    maskOperand = lhsScaled ? add.getRhs() : add.getLhs();
    if (scaled.getType() != x.getType())
      return fail(whyNot, "the mask broadcasts the scores to a larger shape");
    if (failed(checkSoleUse(scaled, "the scaled scores", whyNot)))
      return failure();
    a.chain.push_back(add);
  }
  FailureOr<Value> product = matchScale(scaled, a.scale, whyNot);
  if (failed(product))
    return failure();
  if (!std::isfinite(a.scale))
    return fail(whyNot, "the scale is not finite");
  a.chain.push_back(scaled.getDefiningOp());
  if (failed(checkSoleUse(*product, "Q.K^T", whyNot)))
    return failure();

  Value product3 = *product;
  if (auto expand = product3.getDefiningOp<tensor::ExpandShapeOp>();
      expand && expand.getSrcType().getRank() == 3 &&
      expand.getReassociationIndices() ==
          SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}}) {
    scores4 = product3;
    product3 = expand.getSrc();
    a.chain.push_back(expand);
    if (failed(checkSoleUse(product3, "Q.K^T", whyNot)))
      return failure();
  }
  scoresMatmul = product3.getDefiningOp<BatchMatmulOp>();
  if (!scoresMatmul)
    return fail(whyNot, "the scaled tensor comes from " + describe(product3) +
                            ", not ascend.batch_matmul (Q.K^T)" +
                            (maskOperand ? "; a mask added before the scale "
                                           "is not flash_attention's"
                                         : ""));
  if (scoresMatmul.getTransposeA())
    return fail(whyNot, "Q.K^T reads Q transposed");
  if (getElementTypeOrSelf(scoresMatmul.getA().getType()) !=
      getElementTypeOrSelf(product3.getType()))
    return fail(whyNot, "Q.K^T returns another type than Q's");
  a.chain.push_back(scoresMatmul);
  scores = x;
  return success();
}

/// softmax -> [collapse to 3-D] -> P.V [-> expand to 4-D].
LogicalResult AttentionMatcher::matchOutput(std::string &whyNot) {
  Value p = a.softmax.getResult();
  if (failed(checkSoleUse(p, "the softmax result", whyNot)))
    return failure();
  Operation *user = *p.getUsers().begin();
  if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(user);
      collapse && shapeOf(p).size() == 4 &&
      collapse.getReassociationIndices() ==
          SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}}) {
    a.chain.push_back(collapse);
    p = collapse.getResult();
    if (failed(checkSoleUse(p, "the softmax result", whyNot)))
      return failure();
    user = *p.getUsers().begin();
  }
  a.output = dyn_cast<BatchMatmulOp>(user);
  if (!a.output || a.output.getA() != p)
    return fail(whyNot, "the softmax result feeds " +
                            user->getName().getStringRef() +
                            ", not ascend.batch_matmul as its left operand "
                            "(P.V)");
  if (a.output.getTransposeA() || a.output.getTransposeB())
    return fail(whyNot, "P.V has a transpose flag; V must be [.., Skv, Dv]");
  if (getElementTypeOrSelf(a.output.getType()) != getElementTypeOrSelf(p))
    return fail(whyNot, "P.V returns " +
                            describe(getElementTypeOrSelf(a.output.getType())) +
                            "; flash_attention returns its inputs' type");
  if (a.output.getResult().hasOneUse())
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(
            *a.output.getResult().getUsers().begin());
        expand && expand.getReassociationIndices() ==
                      SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}})
      a.result = expand;
  return success();
}

/// Q, K and V, and the split of the batch dim into batch and heads.
LogicalResult AttentionMatcher::matchOperands(std::string &whyNot) {
  Value q3 = scoresMatmul.getA(), k3 = scoresMatmul.getB();
  Value v3 = a.output.getB();
  for (Value value : {q3, k3, v3, Value(a.output.getResult()), scores})
    if (!hasStaticShape(value))
      return fail(whyNot, "dynamic shapes: the batch dim cannot be split "
                          "into batch and heads");
  Value keyOperand = k3;
  if (!scoresMatmul.getTransposeB()) {
    keyOperand = getLastTwoDimsTransposeSource(peelBatchCollapses(k3));
    if (!keyOperand)
      return fail(whyNot, "Q.K^T has no transpose_b and K is not a transpose "
                          "of its last two dims");
  }
  a.querySource = peelBatchCollapses(q3);
  KVSource key = traceKV(keyOperand), value = traceKV(v3);
  for (Value source : {a.querySource, key.value, value.value})
    if (!hasStaticShape(source))
      return fail(whyNot, "dynamic shapes: the batch dim cannot be split "
                          "into batch and heads");
  a.keySource = key.value;
  a.valueSource = value.value;

  ArrayRef<int64_t> qShape = shapeOf(q3), outShape = shapeOf(a.output);
  int64_t batchHeads = qShape[0];
  a.sq = qShape[1];
  a.d = qShape[2];
  a.skv = shapeOf(v3)[1];
  a.dv = outShape[2];

  if (key.grouped || value.grouped) {
    if (!key.grouped || !value.grouped || key.batch != value.batch ||
        key.kvHeads != value.kvHeads || key.repeats != value.repeats)
      return fail(whyNot, Twine(key.grouped ? "K" : "V") +
                              " repeats KV heads (grouped-query attention) "
                              "but " +
                              (key.grouped ? "V" : "K") +
                              " does not repeat them the same way");
    a.batch = key.batch;
    a.heads = key.kvHeads * key.repeats;
    a.kvHeads = key.kvHeads;
    return success();
  }
  // Full heads: every split of the batch dim computes the same, so take the
  // first one the program spells (the mask's first, as it is written
  // against it) and reshape the others.
  std::optional<std::pair<int64_t, int64_t>> split;
  for (Value candidate :
       {scores4, a.querySource, a.keySource, a.valueSource,
        a.result ? a.result.getResult() : Value()})
    if ((split = getBatchHeads(candidate)))
      break;
  std::tie(a.batch, a.heads) = split.value_or(std::pair(1, batchHeads));
  a.kvHeads = a.heads;
  return success();
}

/// The added tensor: bottom-right causal, or an explicit mask that
/// broadcasts to [B, Nq, Sq, Skv] (reshaped when it spells the batch dims
/// another way).
LogicalResult AttentionMatcher::matchMask(std::string &whyNot) {
  if (!maskOperand)
    return success();
  if (isBottomRightCausal(maskOperand, a.sq, a.skv)) {
    a.causal = true;
    return success();
  }
  a.mask = maskOperand;
  if (!hasStaticShape(maskOperand))
    return fail(whyNot, "the mask has a dynamic shape");
  ArrayRef<int64_t> shape = shapeOf(maskOperand);
  // Dims of the mask that line up with the scores' batch dims.
  int64_t scoresRank = shapeOf(scores).size();
  int64_t batchDims = scoresRank - 2;
  int64_t rank = shape.size();
  SmallVector<int64_t> lead;
  for (int64_t i = 0; i < batchDims; ++i) {
    int64_t dim = rank - scoresRank + i;
    lead.push_back(dim >= 0 ? shape[dim] : 1);
  }
  if (llvm::all_of(lead, [](int64_t d) { return d == 1; }))
    return success();
  // The scores' add already checked the broadcast against their dims.
  if (ArrayRef<int64_t>(leadingDims(scores)) ==
      ArrayRef<int64_t>{a.batch, a.heads})
    return success();
  // Every batch dim present: the mask is reshaped like Q.
  if (rank == scoresRank && leadingDims(scores) == lead) {
    a.reshapeMask = true;
    return success();
  }
  return fail(whyNot, "the mask " + describe(maskOperand.getType()) +
                          " broadcasts over part of the batch dims, which "
                          "the chosen split [B = " +
                          Twine(a.batch) + ", Nq = " + Twine(a.heads) +
                          "] cannot express");
}

/// `value` ([..., rows, cols], row-major) reshaped to `shape`, which has the
/// same last two dims and splits the product of the leading dims another
/// way: through the 3-D form, which keeps every element's flat batch index.
Value reshapeTo(OpBuilder &builder, Location loc, Value value,
                ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  int64_t rank = type.getRank();
  if (rank > 3) {
    ReassociationIndices lead = llvm::to_vector(llvm::seq<int64_t>(0, rank - 2));
    int64_t batch = ShapedType::getNumElements(type.getShape().drop_back(2));
    auto flat = RankedTensorType::get(
        {batch, type.getDimSize(rank - 2), type.getDimSize(rank - 1)},
        type.getElementType());
    value = builder.create<tensor::CollapseShapeOp>(
        loc, flat, value,
        SmallVector<ReassociationIndices>{lead, {rank - 2}, {rank - 1}});
  }
  if (shape.size() == 3)
    return value;
  return builder.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), value,
      SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
}

/// Erases the ops of `chain` and, recursively, the producers they leave
/// dead (the collapses, transposes and constants that only fed them). Ops
/// that were dead before are not touched: only producers of erased ops are.
void eraseChain(RewriterBase &rewriter, ArrayRef<Operation *> chain,
                DenseSet<Operation *> &erased) {
  llvm::SetVector<Operation *> candidates(chain.begin(), chain.end());
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation *op : llvm::to_vector(candidates)) {
      if (!op->use_empty() || !isMemoryEffectFree(op))
        continue;
      candidates.remove(op);
      for (Value operand : op->getOperands())
        if (Operation *def = operand.getDefiningOp())
          candidates.insert(def);
      erased.insert(op);
      rewriter.eraseOp(op);
      changed = true;
    }
  }
}

void rewrite(RewriterBase &rewriter, Attention a,
             DenseSet<Operation *> &erased) {
  Operation *replaced = a.result ? a.result.getOperation() : a.output;
  rewriter.setInsertionPoint(replaced);
  Location loc = a.softmax.getLoc();
  Type element = getElementTypeOrSelf(a.softmax.getType());
  Value query = reshapeTo(rewriter, loc, a.querySource,
                          {a.batch, a.heads, a.sq, a.d});
  Value key = reshapeTo(rewriter, loc, a.keySource,
                        {a.batch, a.kvHeads, a.skv, a.d});
  Value value = reshapeTo(rewriter, loc, a.valueSource,
                          {a.batch, a.kvHeads, a.skv, a.dv});
  Value mask = a.mask;
  if (mask && a.reshapeMask) {
    ArrayRef<int64_t> shape = shapeOf(mask);
    mask = reshapeTo(rewriter, loc, mask,
                     {a.batch, a.heads, shape[shape.size() - 2],
                      shape.back()});
  }
  auto resultType =
      RankedTensorType::get({a.batch, a.heads, a.sq, a.dv}, element);
  Value fused = rewriter.create<FlashAttentionOp>(
      loc, resultType, query, key, value, mask,
      rewriter.getF32FloatAttr(static_cast<float>(a.scale)),
      a.causal ? rewriter.getUnitAttr() : nullptr);
  Value replacement = reshapeTo(rewriter, loc, fused,
                                shapeOf(replaced->getResult(0)));
  rewriter.replaceOp(replaced, replacement);
  SmallVector<Operation *> chain = a.chain;
  chain.push_back(a.softmax);
  if (a.result)
    chain.push_back(a.output);
  eraseChain(rewriter, chain, erased);
}

/// Whether a softmax sits where attention's would (a batch matmul within a
/// few elementwise ops before it, or one reading it), so that a remark about
/// it being left alone is worth reading.
bool looksLikeAttention(SoftmaxOp softmax) {
  Value x = softmax.getX();
  for (int step = 0; step < 4 && x; ++step) {
    Operation *def = x.getDefiningOp();
    if (isa_and_nonnull<BatchMatmulOp>(def))
      return true;
    if (!isa_and_nonnull<AddOp, MulOp, DivOp, tensor::ExpandShapeOp>(def))
      break;
    // Follow the operand that is not a constant.
    x = def->getOperand(0);
    if (def->getNumOperands() == 2 && matchPattern(x, m_Constant()))
      x = def->getOperand(1);
  }
  for (Operation *user : softmax->getUsers()) {
    if (isa<tensor::CollapseShapeOp>(user) && user->hasOneUse())
      user = *user->getUsers().begin();
    if (isa<BatchMatmulOp>(user))
      return true;
  }
  return false;
}

struct FuseAttentionPass
    : ascend::impl::FuseAttentionPassBase<FuseAttentionPass> {
  using FuseAttentionPassBase::FuseAttentionPassBase;

  void runOnOperation() override {
    SmallVector<SoftmaxOp> softmaxes;
    getOperation()->walk([&](SoftmaxOp op) { softmaxes.push_back(op); });
    IRRewriter rewriter(&getContext());
    DenseSet<Operation *> erased;
    for (SoftmaxOp softmax : softmaxes) {
      if (erased.contains(softmax))
        continue;
      std::string whyNot;
      FailureOr<Attention> attention = AttentionMatcher(softmax).match(whyNot);
      if (succeeded(attention)) {
        rewrite(rewriter, *attention, erased);
        continue;
      }
      if (reportUnmatched && looksLikeAttention(softmax))
        softmax.emitRemark() << "not fused into ascend.flash_attention: "
                             << whyNot;
    }
  }
};

} // namespace
