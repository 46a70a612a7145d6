//===- FuseAttention.cpp - unfused attention to ascend.flash_attention ----===//
//
// Finds softmax(scale * Q.K^T [+ mask]) . V in tensor-level ascend IR, as
// ascend-raise-linalg leaves torch-mlir's and StableHLO's attention, and
// replaces it with one ascend.flash_attention. The match starts at the
// ascend.softmax and walks to both batch matmuls; every fact the rewrite
// needs is collected first, so a chain is either rewritten whole or left
// exactly as it was (with the reason for `report-unmatched`). One head
// written with 2-D matmuls is matched as a batched copy of its chain. An attention
// whose K or V is gathered from a paged KV cache is then checked for the
// paged decode form and becomes ascend.paged_attention when it is one. See
// the pass description in Passes.td for the rules.
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
#include "mlir/Transforms/RegionUtils.h"
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
  // repeat_kv as ascend-raise-linalg raises it: [B, Nkv * G, S, D] repeated
  // along dim 1 (or that expanded back to [B, Nkv, G, S, D]).
  Value repeated = peeled;
  if (auto expand = peeled.getDefiningOp<tensor::ExpandShapeOp>();
      expand && shapeOf(peeled).size() == 5 &&
      expand.getReassociationIndices() ==
          SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}})
    repeated = expand.getSrc();
  if (auto repeat = repeated.getDefiningOp<ascend::RepeatOp>();
      repeat && repeat.getDim() == 1 && shapeOf(repeated).size() == 4) {
    ArrayRef<int64_t> shape = shapeOf(repeat.getX());
    return {repeat.getX(), true, shape[0], shape[1],
            static_cast<int64_t>(repeat.getTimes())};
  }
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
  if (users == 0)
    return fail(whyNot, Twine(what) + " is not used");
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

//===----------------------------------------------------------------------===//
// Paged decode: K and V gathered from a paged KV cache
//===----------------------------------------------------------------------===//

/// What turns a matched attention into ascend.paged_attention.
struct PagedAttention {
  Value keyCache, valueCache; // [num_blocks, block_size, Nkv, D]
  Value tableIndices;         // the gathers' [B, max_blocks, 1] i32 indices
  Value contextLens;          // [B] i32
};

/// Whether `value` is read, through views and copies, from a tensor.gather:
/// attention over such K or V is meant as the paged form, so a failure to
/// match it is worth a remark.
bool readsGather(Value value) {
  for (int step = 0; step < 6 && value; ++step) {
    if (value.getDefiningOp<tensor::GatherOp>())
      return true;
    if (auto collapse = value.getDefiningOp<tensor::CollapseShapeOp>())
      value = collapse.getSrc();
    else if (auto expand = value.getDefiningOp<tensor::ExpandShapeOp>())
      value = expand.getSrc();
    else if (getCopyMap(value))
      value = copySource(value);
    else
      return false;
  }
  return false;
}

/// The [B, max_blocks] i32 block table the gather `indices`
/// ([B, max_blocks, 1]) expand, or null when they are not an expansion.
Value getBlockTableSource(Value indices) {
  auto expand = indices.getDefiningOp<tensor::ExpandShapeOp>();
  if (expand && expand.getSrcType().getRank() == 2 &&
      expand.getReassociationIndices() ==
          SmallVector<ReassociationIndices>{{0}, {1, 2}})
    return expand.getSrc();
  return {};
}

/// The block table K or V is gathered with, as a value to compare.
Value blockTableIdentity(Value indices) {
  Value source = getBlockTableSource(indices);
  return source ? source : indices;
}

/// Matches `source` ([B, Nkv, T, D], K or V before any GQA repeat) as the
/// [0, 2, 1, 3] transpose of whole cache blocks gathered by a block table
/// and collapsed to [B, T, Nkv, D]; returns the gather.
FailureOr<tensor::GatherOp> matchPagedRead(Value source, StringRef name,
                                           std::string &whyNot) {
  MLIRContext *ctx = source.getContext();
  AffineMap map = getCopyMap(source);
  if (!map ||
      map != AffineMap::getPermutationMap(ArrayRef<unsigned>{0, 2, 1, 3}, ctx))
    return fail(whyNot, name + " [B, Nkv, T, D] is not a [0, 2, 1, 3] "
                               "transpose of the gathered cache rows "
                               "[B, T, Nkv, D]");
  auto collapse = copySource(source).getDefiningOp<tensor::CollapseShapeOp>();
  auto gather =
      collapse ? collapse.getSrc().getDefiningOp<tensor::GatherOp>() : nullptr;
  if (!gather)
    return fail(whyNot, "the transposed " + name +
                            " is not a tensor.collapse_shape of a "
                            "tensor.gather");
  ArrayRef<int64_t> cache = shapeOf(gather.getSource());
  ArrayRef<int64_t> indices = shapeOf(gather.getIndices());
  if (cache.size() != 4)
    return fail(whyNot, name + "'s cache is " +
                            describe(gather.getSource().getType()) +
                            "; a paged cache is [num_blocks, block_size, "
                            "Nkv, D]");
  if (gather.getGatherDims() != ArrayRef<int64_t>{0})
    return fail(whyNot, name + " gathers " +
                            (gather.getGatherDims().size() == 1
                                 ? "dim " + Twine(gather.getGatherDims()[0])
                                 : Twine("several dims")) +
                            " of its cache, not whole blocks (dim 0)");
  if (indices.size() != 3 || indices[2] != 1)
    return fail(whyNot, "the gather indices of " + name + " are " +
                            describe(gather.getIndices().getType()) +
                            "; one block id per [B, max_blocks] entry is "
                            "[B, max_blocks, 1]");
  if (!getElementTypeOrSelf(gather.getIndices().getType()).isInteger(32))
    return fail(whyNot, "the block table of " + name + " is " +
                            describe(gather.getIndices().getType()) +
                            "; paged_attention takes i32");
  // Rank-reducing or rank-preserving (the unit gathered dim kept).
  SmallVector<int64_t> blocks = {indices[0], indices[1], cache[1], cache[2],
                                 cache[3]};
  SmallVector<ReassociationIndices> merge = {{0}, {1, 2}, {3}, {4}};
  if (shapeOf(gather.getResult()).size() == 6) {
    blocks.insert(blocks.begin() + 2, 1);
    merge = {{0}, {1, 2, 3}, {4}, {5}};
  }
  if (shapeOf(gather.getResult()) != ArrayRef<int64_t>(blocks) ||
      collapse.getReassociationIndices() != merge)
    return fail(whyNot, "the gathered blocks of " + name +
                            " are not collapsed into one token dim "
                            "[B, max_blocks * block_size, Nkv, D]");
  return gather;
}

/// `value` before arith.index_cast / index_castui.
Value peelIndexCast(Value value) {
  if (auto cast = value.getDefiningOp<arith::IndexCastOp>())
    return cast.getIn();
  if (auto cast = value.getDefiningOp<arith::IndexCastUIOp>())
    return cast.getIn();
  return value;
}

/// `predicate` with its operands swapped (a < b is b > a).
arith::CmpIPredicate swapOperands(arith::CmpIPredicate predicate) {
  using P = arith::CmpIPredicate;
  switch (predicate) {
  case P::slt: return P::sgt;
  case P::sgt: return P::slt;
  case P::sle: return P::sge;
  case P::sge: return P::sle;
  case P::ult: return P::ugt;
  case P::ugt: return P::ult;
  case P::ule: return P::uge;
  case P::uge: return P::ule;
  default: return predicate;
  }
}

bool isNegativeInfinity(Value value) {
  std::optional<APFloat> constant = getSplatConstant(value);
  return constant && constant->isInfinity() && constant->isNegative();
}

bool isZeroConstant(Value value) {
  std::optional<APFloat> constant = getSplatConstant(value);
  return constant && constant->isZero();
}

/// Matches `generic` as the key-padding mask `t < len[b] ? 0 : -inf`: one
/// [B] i32 input read at one loop dim, an identity output whose last dim is
/// the key `t` (`linalg.index`), compared with `arith.cmpi` (`slt`/`ult`,
/// or the negation `sge`/`uge` with the select's arms swapped; either
/// operand order; index casts allowed) and an `arith.select` of constants
/// 0 and -inf. Returns the loop dim that picks the sequence.
FailureOr<unsigned> matchKeyPaddingGeneric(linalg::GenericOp generic,
                                           std::string &whyNot) {
  auto notLens = [&](const Twine &why) {
    return fail(whyNot, "the mask is not `t < context_lens[b] ? 0 : -inf`: " +
                            why);
  };
  unsigned rank = generic.getNumLoops();
  if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic.getNumReductionLoops() != 0 || rank < 2)
    return notLens("its linalg.generic does not read one tensor into one "
                   "result of rank >= 2 over parallel loops");
  OpOperand *lens = generic.getDpsInputOperand(0);
  auto lensType = dyn_cast<RankedTensorType>(lens->get().getType());
  AffineMap lensMap = generic.getMatchingIndexingMap(lens);
  auto lensDim = lensMap.getNumResults() == 1
                     ? dyn_cast<AffineDimExpr>(lensMap.getResult(0))
                     : nullptr;
  if (!lensType || lensType.getRank() != 1 ||
      !lensType.getElementType().isInteger(32) || !lensDim ||
      lensDim.getPosition() == rank - 1 ||
      !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity())
    return notLens("it does not read a [B] i32 tensor at a batch dim into "
                   "an identity-mapped result");

  auto yield = cast<linalg::YieldOp>(generic.getBlock()->getTerminator());
  auto select = yield.getOperand(0).getDefiningOp<arith::SelectOp>();
  auto compare =
      select ? select.getCondition().getDefiningOp<arith::CmpIOp>() : nullptr;
  if (!compare)
    return notLens("it does not yield an arith.select on an arith.cmpi");
  Value len = generic.getMatchingBlockArgument(lens);
  Value lhs = peelIndexCast(compare.getLhs());
  Value rhs = peelIndexCast(compare.getRhs());
  arith::CmpIPredicate predicate = compare.getPredicate();
  if (lhs == len) {
    std::swap(lhs, rhs);
    predicate = swapOperands(predicate);
  }
  auto token = lhs.getDefiningOp<linalg::IndexOp>();
  if (rhs != len || !token || token.getDim() != rank - 1)
    return notLens("the compare is not between the key index (linalg.index " +
                   Twine(rank - 1) + ") and context_lens");
  using P = arith::CmpIPredicate;
  bool keepsBelow = predicate == P::slt || predicate == P::ult;
  bool hidesFrom = predicate == P::sge || predicate == P::uge;
  if (!keepsBelow && !hidesFrom)
    return notLens("the key index is compared with `" +
                   arith::stringifyCmpIPredicate(predicate) +
                   "`, not `<` (or `>=`) context_lens");
  Value kept = keepsBelow ? select.getTrueValue() : select.getFalseValue();
  Value hidden = keepsBelow ? select.getFalseValue() : select.getTrueValue();
  if (!isZeroConstant(kept) || !isNegativeInfinity(hidden))
    return notLens("the select's values are not the constants 0 for kept "
                   "keys and -inf for hidden ones");
  return lensDim.getPosition();
}

/// Maps coordinates of a view or copy of the mask to those of its source.
using CoordinateMap = std::function<SmallVector<int64_t>(ArrayRef<int64_t>)>;

SmallVector<int64_t> delinearizeRowMajor(int64_t index,
                                         ArrayRef<int64_t> shape) {
  SmallVector<int64_t> coords(shape.size());
  for (int64_t i = shape.size() - 1; i >= 0; --i) {
    coords[i] = index % shape[i];
    index /= shape[i];
  }
  return coords;
}

int64_t linearizeRowMajor(ArrayRef<int64_t> coords, ArrayRef<int64_t> shape) {
  int64_t index = 0;
  for (auto [coord, size] : llvm::zip_equal(coords, shape))
    index = index * size + coord;
  return index;
}

/// The mask's value before reshapes and copies that keep its last (key)
/// dim, with the coordinate maps from each view to its source, outermost
/// first; null when something else reshapes the key dim.
Value peelMaskViews(Value mask, SmallVector<CoordinateMap> &maps) {
  while (true) {
    auto reshape = mask.getDefiningOp();
    if (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
            reshape)) {
      Value source = reshape->getOperand(0);
      if (!hasStaticShape(source) ||
          shapeOf(source).back() != shapeOf(mask).back())
        return {};
      SmallVector<int64_t> from(shapeOf(mask)), to(shapeOf(source));
      // Row-major reshapes keep every element's flat index.
      maps.push_back([from, to](ArrayRef<int64_t> coords) {
        return delinearizeRowMajor(linearizeRowMajor(coords, from), to);
      });
      mask = source;
      continue;
    }
    AffineMap map = getCopyMap(mask);
    if (!map)
      return mask;
    unsigned last = map.getNumDims() - 1;
    if (map.getResults().back() != getAffineDimExpr(last, mask.getContext()) ||
        !hasStaticShape(copySource(mask)) ||
        !llvm::all_of(map.getResults(), [](AffineExpr expr) {
          return isa<AffineDimExpr, AffineConstantExpr>(expr);
        }))
      return {};
    maps.push_back([map](ArrayRef<int64_t> coords) {
      SmallVector<int64_t> source;
      for (AffineExpr expr : map.getResults())
        source.push_back(isa<AffineDimExpr>(expr)
                             ? coords[cast<AffineDimExpr>(expr).getPosition()]
                             : cast<AffineConstantExpr>(expr).getValue());
      return source;
    });
    mask = copySource(mask);
  }
}

/// Matches the attention's mask as the key-padding mask of context_lens
/// (see matchKeyPaddingGeneric), seen through reshapes, broadcasts and
/// copies that keep the key dim, such that score (b, h, 0, t) reads the
/// mask computed for sequence b; returns context_lens.
FailureOr<Value> matchContextLensMask(Attention &a,
                                      std::string &whyNot) {
  if (!a.mask)
    return fail(whyNot, a.causal ? "the mask is causal, not the key padding "
                                   "of context_lens"
                                 : "no mask: nothing hides the keys past "
                                   "each sequence's context_lens");
  SmallVector<CoordinateMap> maps;
  Value source = peelMaskViews(a.mask, maps);
  auto generic =
      source ? source.getDefiningOp<linalg::GenericOp>() : nullptr;
  if (!generic)
    return fail(whyNot, "the mask comes from " +
                            (source ? describe(source)
                                    : std::string("a reshape of the key dim")) +
                            ", not a linalg.generic computing "
                            "`t < context_lens[b] ? 0 : -inf`");
  FailureOr<unsigned> lensDim = matchKeyPaddingGeneric(generic, whyNot);
  if (failed(lensDim))
    return failure();
  if (shapeOf(source).back() != a.skv || !hasStaticShape(source) ||
      !hasStaticShape(a.mask))
    return fail(whyNot, "the mask is computed over " +
                            describe(source.getType()) + ", not " +
                            Twine(a.skv) + " keys");
  // Every query head of every sequence must read its sequence's row.
  ArrayRef<int64_t> scores = shapeOf(a.softmax.getX()).drop_back();
  ArrayRef<int64_t> mask = shapeOf(a.mask);
  for (int64_t b = 0; b < a.batch; ++b)
    for (int64_t h = 0; h < a.heads; ++h) {
      SmallVector<int64_t> at =
          delinearizeRowMajor(b * a.heads + h, scores);
      at.push_back(0);
      SmallVector<int64_t> coords;
      for (auto [i, size] : llvm::enumerate(mask))
        coords.push_back(size == 1 ? 0
                                   : at[at.size() - mask.size() + i]);
      for (const CoordinateMap &map : maps)
        coords = map(coords);
      if (coords[*lensDim] != b)
        return fail(whyNot, "query head " + Twine(h) + " of sequence " +
                                Twine(b) + " reads the mask of sequence " +
                                Twine(coords[*lensDim]));
    }
  return generic.getDpsInputOperand(0)->get();
}

/// Matches attention `a`, whose K or V is read from a gather, as the paged
/// decode form (see the pass description).
FailureOr<PagedAttention> matchPaged(Attention &a, std::string &whyNot) {
  FailureOr<tensor::GatherOp> key = matchPagedRead(a.keySource, "K", whyNot);
  if (failed(key))
    return failure();
  FailureOr<tensor::GatherOp> value =
      matchPagedRead(a.valueSource, "V", whyNot);
  if (failed(value))
    return failure();
  if (blockTableIdentity(key->getIndices()) !=
      blockTableIdentity(value->getIndices()))
    return fail(whyNot, "K and V are gathered with different block tables");
  ArrayRef<int64_t> tables = shapeOf(key->getIndices());
  ArrayRef<int64_t> cache = shapeOf(key->getSource());
  if (tables[0] != a.batch || cache[2] != a.kvHeads)
    return fail(whyNot, "the attention's heads [B = " + Twine(a.batch) +
                            ", Nkv = " + Twine(a.kvHeads) +
                            "] are not the gathered cache's [B = " +
                            Twine(tables[0]) + ", Nkv = " + Twine(cache[2]) +
                            "]");
  if (a.sq != 1)
    return fail(whyNot, "Sq = " + Twine(a.sq) +
                            "; paged_attention decodes one query per "
                            "sequence");
  ArrayRef<int64_t> valueCache = shapeOf(value->getSource());
  if (valueCache.take_front(3) != cache.take_front(3))
    return fail(whyNot, "the K and V caches differ in [num_blocks, "
                        "block_size, Nkv]");
  FailureOr<Value> lens = matchContextLensMask(a, whyNot);
  if (failed(lens))
    return failure();
  if (shapeOf(*lens) != ArrayRef<int64_t>{a.batch})
    return fail(whyNot, "context_lens is not one length per sequence (" +
                            Twine(a.batch) + " of them)");
  return PagedAttention{key->getSource(), value->getSource(),
                        key->getIndices(), *lens};
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
      // A generic's body may read constants defined above it (the mask's
      // 0 and -inf).
      llvm::SetVector<Value> used(op->operand_begin(), op->operand_end());
      getUsedValuesDefinedAbove(op->getRegions(), used);
      for (Value operand : used)
        if (Operation *def = operand.getDefiningOp())
          candidates.insert(def);
      erased.insert(op);
      rewriter.eraseOp(op);
      changed = true;
    }
  }
}

/// The op whose result the fused op replaces: P.V or its 4-D view.
Operation *replacedOp(Attention &a) {
  return a.result ? a.result.getOperation() : a.output.getOperation();
}

/// Replaces the chain's result with `fused` ([B, Nq, Sq, Dv]) reshaped as
/// its users read it and erases what the chain leaves dead.
void replaceChain(RewriterBase &rewriter, Attention &a, Value fused,
                  DenseSet<Operation *> &erased) {
  Operation *replaced = replacedOp(a);
  Value replacement = reshapeTo(rewriter, fused.getLoc(), fused,
                                shapeOf(replaced->getResult(0)));
  // Replaced, not erased yet, so that the chain erasure follows P.V's
  // operands back to V too.
  rewriter.replaceAllUsesWith(replaced->getResult(0), replacement);
  SmallVector<Operation *> chain = a.chain;
  chain.append({a.softmax, a.output, replaced});
  eraseChain(rewriter, chain, erased);
}

Value buildFlashAttention(RewriterBase &rewriter, Attention &a) {
  rewriter.setInsertionPoint(replacedOp(a));
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
  return rewriter.create<FlashAttentionOp>(
      loc, resultType, query, key, value, mask,
      rewriter.getF32FloatAttr(static_cast<float>(a.scale)),
      a.causal ? rewriter.getUnitAttr() : nullptr);
}

/// `query` ([B, Nq, 1, D]) without its unit query dim.
Value dropQueryDim(OpBuilder &builder, Location loc, Value query) {
  SmallVector<ReassociationIndices> unitQuery = {{0}, {1}, {2, 3}};
  if (auto expand = query.getDefiningOp<tensor::ExpandShapeOp>();
      expand && expand.getReassociationIndices() == unitQuery)
    return expand.getSrc();
  ArrayRef<int64_t> shape = shapeOf(query);
  auto type = RankedTensorType::get({shape[0], shape[1], shape[3]},
                                    getElementTypeOrSelf(query.getType()));
  return builder.create<tensor::CollapseShapeOp>(loc, type, query, unitQuery);
}

Value buildPagedAttention(RewriterBase &rewriter, Attention &a,
                          const PagedAttention &p) {
  rewriter.setInsertionPoint(replacedOp(a));
  Location loc = a.softmax.getLoc();
  Type element = getElementTypeOrSelf(a.softmax.getType());
  Value query = dropQueryDim(
      rewriter, loc,
      reshapeTo(rewriter, loc, a.querySource, {a.batch, a.heads, 1, a.d}));
  Value tables = getBlockTableSource(p.tableIndices);
  if (!tables) {
    ArrayRef<int64_t> shape = shapeOf(p.tableIndices);
    tables = rewriter.create<tensor::CollapseShapeOp>(
        loc,
        RankedTensorType::get({shape[0], shape[1]},
                              getElementTypeOrSelf(p.tableIndices.getType())),
        p.tableIndices, SmallVector<ReassociationIndices>{{0}, {1, 2}});
  }
  auto resultType = RankedTensorType::get({a.batch, a.heads, a.dv}, element);
  Value fused = rewriter.create<PagedAttentionOp>(
      loc, resultType, query, p.keyCache, p.valueCache, tables, p.contextLens,
      rewriter.getF32FloatAttr(static_cast<float>(a.scale)));
  return rewriter.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({a.batch, a.heads, 1, a.dv}, element), fused,
      SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
}

//===----------------------------------------------------------------------===//
// Single-head attention written with 2-D matmuls
//===----------------------------------------------------------------------===//

/// The 2-D form: matmul(Q, K^T) -> mul/div -> [add] -> softmax(dim 1) ->
/// matmul(P, V), as a frontend writes one head without a batch dim.
struct SingleHead {
  MatmulOp scores, output;
  SmallVector<Operation *> between; ///< the scale and mask ops, in order
};

/// The single-head chain around the 2-D `softmax`, by structure and sole
/// uses (the attention matcher checks the rest on the batched copy, whose
/// ops have no other users); otherwise says why not in `whyNot`.
FailureOr<SingleHead> findSingleHead(SoftmaxOp softmax, std::string &whyNot) {
  if (softmax.getDim() != 1)
    return fail(whyNot, "the softmax is over dim 0, not the key axis (the "
                        "last dim, 1)");
  if (failed(checkSoleUse(softmax.getResult(), "the softmax result", whyNot)))
    return failure();
  SingleHead chain;
  chain.output = dyn_cast<MatmulOp>(*softmax->getUsers().begin());
  if (!chain.output || chain.output.getA() != softmax.getResult())
    return fail(whyNot, "the softmax result is not the left operand of an "
                        "ascend.matmul (P.V)");
  Value x = softmax.getX();
  if (x.getDefiningOp<MatmulOp>()) {
    // Unscaled: matchScale says why that is not fused.
    double unused;
    (void)matchScale(x, unused, whyNot);
    return failure();
  }
  StringRef what = "the softmax input";
  for (int step = 0; step < 2 && !chain.scores; ++step) {
    if (failed(checkSoleUse(x, what, whyNot)))
      return failure();
    Operation *def = x.getDefiningOp();
    if (!isa_and_nonnull<AddOp, MulOp, DivOp>(def))
      return fail(whyNot, "the scores come from " + describe(x) +
                              ", not a scale or mask of ascend.matmul (Q.K^T)");
    chain.between.insert(chain.between.begin(), def);
    // Towards Q.K^T: the operand that is a product (or, under an add, a
    // scaled one).
    Value lhs = def->getOperand(0), rhs = def->getOperand(1);
    auto leads = [&](Value v) {
      return isa_and_nonnull<MatmulOp, MulOp, DivOp>(v.getDefiningOp());
    };
    x = leads(lhs) || !leads(rhs) ? lhs : rhs;
    chain.scores = x.getDefiningOp<MatmulOp>();
    what = isa<AddOp>(def) ? "the scaled tensor" : "the masked tensor";
  }
  if (!chain.scores)
    return fail(whyNot, "the scores come from " + describe(x) +
                            ", not ascend.matmul (Q.K^T) under a scale and "
                            "a mask");
  if (failed(checkSoleUse(x, "Q.K^T", whyNot)))
    return failure();
  return chain;
}

/// `value` [M, N] as [1, M, N].
Value withUnitBatch(OpBuilder &builder, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  return builder.create<tensor::ExpandShapeOp>(
      loc,
      RankedTensorType::get({1, type.getDimSize(0), type.getDimSize(1)},
                            type.getElementType()),
      value, SmallVector<ReassociationIndices>{{0, 1}, {2}});
}

/// A copy of `chain` with a unit batch dim (batch matmuls, scale, mask and
/// softmax on [1, Sq, Skv]) beside the original, which it does not touch:
/// the attention matcher then reads it as the batched form. Returns the
/// copy's softmax and the [Sq, Dv] view of its result.
std::pair<SoftmaxOp, Value> batchedCopy(RewriterBase &rewriter,
                                        SingleHead chain,
                                        SoftmaxOp softmax) {
  rewriter.setInsertionPoint(chain.output);
  Location loc = softmax.getLoc();
  auto batched = [&](Value v) { return withUnitBatch(rewriter, loc, v); };
  auto unitBatchType = [](Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape{1};
    llvm::append_range(shape, type.getShape());
    return RankedTensorType::get(shape, type.getElementType());
  };
  auto product = [&](MatmulOp op, Value a, Value b) {
    return rewriter.create<BatchMatmulOp>(
        loc, unitBatchType(op.getResult()), a, b, op.getTransposeAAttr(),
        op.getTransposeBAttr());
  };
  IRMapping map;
  map.map(chain.scores.getResult(),
          product(chain.scores, batched(chain.scores.getA()),
                  batched(chain.scores.getB())));
  for (Operation *op : chain.between) {
    Operation *copy = rewriter.clone(*op, map);
    copy->getResult(0).setType(unitBatchType(op->getResult(0)));
  }
  auto copy = cast<SoftmaxOp>(rewriter.clone(*softmax, map));
  copy.getResult().setType(unitBatchType(softmax.getResult()));
  copy.setDim(2);
  Value output =
      product(chain.output, copy.getResult(), batched(chain.output.getB()));
  Value flat = rewriter.create<tensor::CollapseShapeOp>(
      loc, chain.output.getType(), output,
      SmallVector<ReassociationIndices>{{0, 1}, {2}});
  return {copy, flat};
}

/// Remembers the ops a rewriter creates, to take them back.
struct CreatedOps : OpBuilder::Listener {
  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint) override {
    ops.push_back(op);
  }
  SmallVector<Operation *> ops;
};

/// Whether `value` is a product, or comes from one within `depth`
/// elementwise ops, views or casts (through any operand).
bool nearProduct(Value value, int depth) {
  Operation *def = value.getDefiningOp();
  if (isa_and_nonnull<BatchMatmulOp, MatmulOp>(def))
    return true;
  if (depth == 0 || !isa_and_nonnull<AddOp, SubOp, MulOp, DivOp, CastOp,
                                     tensor::ExpandShapeOp>(def))
    return false;
  return llvm::any_of(def->getOperands(), [&](Value operand) {
    return nearProduct(operand, depth - 1);
  });
}

/// Whether `value` is read by a product, directly or through views and
/// casts.
bool feedsProduct(Value value, int depth) {
  return llvm::any_of(value.getUsers(), [&](Operation *user) {
    if (isa<BatchMatmulOp, MatmulOp>(user))
      return true;
    return depth > 0 && isa<CastOp, tensor::CollapseShapeOp>(user) &&
           feedsProduct(user->getResult(0), depth - 1);
  });
}

/// Whether a softmax sits where attention's would (a product within a few
/// ops before it and one reading it), so that a remark about it being left
/// alone is worth reading; a classifier's softmax over logits, read by no
/// product, is not.
bool looksLikeAttention(SoftmaxOp softmax) {
  return nearProduct(softmax.getX(), 4) && feedsProduct(softmax.getResult(), 2);
}

struct FuseAttentionPass
    : ascend::impl::FuseAttentionPassBase<FuseAttentionPass> {
  using FuseAttentionPassBase::FuseAttentionPassBase;
  FuseAttentionPass(const FuseAttentionPassOptions &options,
                    std::function<std::string(Operation *)> whyNotLowerable)
      : FuseAttentionPassBase(options),
        whyNotLowerable(std::move(whyNotLowerable)) {}

  void runOnOperation() override {
    SmallVector<SoftmaxOp> softmaxes;
    getOperation()->walk([&](SoftmaxOp op) { softmaxes.push_back(op); });
    IRRewriter rewriter(&getContext());
    DenseSet<Operation *> erased;
    for (SoftmaxOp softmax : softmaxes) {
      if (erased.contains(softmax))
        continue;
      std::string whyNot;
      if (shapeOf(softmax.getX()).size() != 2) {
        fuse(rewriter, softmax, erased, whyNot);
      } else if (FailureOr<SingleHead> chain = findSingleHead(softmax, whyNot);
                 succeeded(chain)) {
        fuseSingleHead(rewriter, *chain, softmax, erased, whyNot);
      } else {
        whyNot = "not fused into ascend.flash_attention: " + whyNot;
      }
      if (!whyNot.empty() && reportUnmatched && looksLikeAttention(softmax))
        softmax.emitRemark() << whyNot;
    }
  }

  /// Fuses the attention ending in `softmax`; otherwise says why not in
  /// `whyNot` and leaves the IR as it was.
  bool fuse(IRRewriter &rewriter, SoftmaxOp softmax,
            DenseSet<Operation *> &erased, std::string &whyNot) {
    auto notFused = [&](StringRef why) {
      whyNot = ("not fused into ascend.flash_attention: " + why).str();
      return false;
    };
    std::string why;
    FailureOr<Attention> attention = AttentionMatcher(softmax).match(why);
    if (failed(attention))
      return notFused(why);
    if (readsGather(attention->keySource) ||
        readsGather(attention->valueSource)) {
      std::string whyNotPaged;
      FailureOr<PagedAttention> paged = matchPaged(*attention, whyNotPaged);
      if (succeeded(paged) &&
          tryReplace(rewriter, *attention, erased, whyNotPaged, [&] {
            return buildPagedAttention(rewriter, *attention, *paged);
          }))
        return true;
      if (reportUnmatched)
        softmax.emitRemark()
            << "not fused into ascend.paged_attention (fused into "
               "ascend.flash_attention instead): "
            << whyNotPaged;
    }
    if (!tryReplace(rewriter, *attention, erased, why, [&] {
          return buildFlashAttention(rewriter, *attention);
        }))
      return notFused(why);
    return true;
  }

  /// Fuses single-head attention through a batched copy of its chain:
  /// fused, the copy's [Sq, Dv] view replaces the chain's result and the
  /// chain goes; otherwise the copy goes and the chain stays.
  void fuseSingleHead(IRRewriter &rewriter, SingleHead chain,
                      SoftmaxOp softmax, DenseSet<Operation *> &erased,
                      std::string &whyNot) {
    CreatedOps created;
    rewriter.setListener(&created);
    auto [copy, flat] = batchedCopy(rewriter, chain, softmax);
    rewriter.setListener(nullptr);
    if (!fuse(rewriter, copy, erased, whyNot)) {
      // The reason is about the copy's batch matmuls; the user wrote
      // matmuls.
      for (size_t at;
           (at = whyNot.find("ascend.batch_matmul")) != std::string::npos;)
        whyNot.replace(at, strlen("ascend.batch_matmul"), "ascend.matmul");
      // A failed fuse erases only what it created itself.
      for (Operation *op : llvm::reverse(created.ops))
        rewriter.eraseOp(op);
      return;
    }
    rewriter.replaceAllUsesWith(chain.output.getResult(), flat);
    SmallVector<Operation *> ops{chain.scores};
    llvm::append_range(ops, chain.between);
    ops.append({softmax, chain.output});
    eraseChain(rewriter, ops, erased);
  }

  /// Replaces the chain of `a` by what `build` creates, unless the hook
  /// says the fused op cannot be lowered (then it says why in `whyNot` and
  /// takes back what `build` created).
  bool tryReplace(IRRewriter &rewriter, Attention &a,
                  DenseSet<Operation *> &erased, std::string &whyNot,
                  function_ref<Value()> build) {
    CreatedOps created;
    rewriter.setListener(&created);
    Value fused = build();
    rewriter.setListener(nullptr);
    if (whyNotLowerable)
      for (Operation *op : created.ops)
        if (isa<FlashAttentionOp, PagedAttentionOp>(op))
          whyNot = whyNotLowerable(op);
    if (!whyNot.empty() && whyNotLowerable) {
      whyNot = "its lowering would refuse it: " + whyNot;
      for (Operation *op : llvm::reverse(created.ops))
        rewriter.eraseOp(op);
      return false;
    }
    replaceChain(rewriter, a, fused, erased);
    return true;
  }

  std::function<std::string(Operation *)> whyNotLowerable;
};

} // namespace

std::unique_ptr<Pass> mlir::ascend::createFuseAttentionPass(
    const FuseAttentionPassOptions &options,
    std::function<std::string(Operation *)> whyNotLowerable) {
  return std::make_unique<FuseAttentionPass>(options,
                                             std::move(whyNotLowerable));
}
