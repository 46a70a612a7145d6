//===- AscendFusedOps.cpp - verifiers of the fused LLM ops ----------------===//
//
// The fused ops take many operands whose shapes are tied together by a few
// model sizes (heads, head dims, LoRA ranks, block size). Rather than compare
// operand pairs ad hoc, each verifier names every dim after the size it
// carries and lets a ShapeBinder check that all known occurrences agree, so
// an error names the operand, the dim, the size found, the size expected and
// where that came from: "key dim 3 is 64, expected 128 (D from query dim 3)".
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendVerifiers.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::ascend;

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

namespace {
/// Binds symbolic sizes ("B", "Nq", "D", ...) to the dims that carry them.
/// The first known dim carrying a symbol fixes its size; every later known
/// one must agree. `?` agrees with anything, so only what is known is
/// checked.
class ShapeBinder {
public:
  explicit ShapeBinder(Operation *op) : op(op) {}

  /// Checks that `value` has one dim per entry of `dims` and binds them. An
  /// entry that is an integer literal requires exactly that size.
  LogicalResult bind(Value value, StringRef name, ArrayRef<StringRef> dims) {
    if (failed(verifyRank(op, value, name,
                          {static_cast<int64_t>(dims.size())})))
      return failure();
    for (auto [i, symbol] : llvm::enumerate(dims)) {
      int64_t literal;
      if (!symbol.getAsInteger(10, literal)) {
        std::string layout = "[" + llvm::join(dims, ", ") + "]";
        if (failed(verifyDim(op, value, name, i, literal, layout)))
          return failure();
        continue;
      }
      auto it = bindings.find(symbol);
      if (it != bindings.end()) {
        if (failed(verifyDim(op, value, name, i, it->second.size,
                             it->second.origin)))
          return failure();
        continue;
      }
      int64_t size = getTensorType(value).getDimSize(i);
      if (!ShapedType::isDynamic(size))
        define(symbol, size,
               llvm::formatv("{0} from {1} dim {2}", symbol, name, i));
    }
    return success();
  }

  /// Fixes `symbol` to a size derived from others; `origin` says how, for
  /// the error of a dim that disagrees.
  void define(StringRef symbol, int64_t size, std::string origin) {
    bindings[symbol] = {size, std::move(origin)};
  }

  /// The size of `symbol`, or nullopt while no known dim carries it.
  std::optional<int64_t> lookup(StringRef symbol) const {
    auto it = bindings.find(symbol);
    if (it == bindings.end())
      return std::nullopt;
    return it->second.size;
  }

  /// How the size of a bound `symbol` was found ("D from query dim 3").
  StringRef origin(StringRef symbol) const {
    return bindings.find(symbol)->second.origin;
  }

private:
  struct Binding {
    int64_t size;
    std::string origin;
  };

  Operation *op;
  llvm::StringMap<Binding> bindings;
};
} // namespace

/// `type` or f32: the element types of norm weights and rotary tables, which
/// the basic ops (`ascend.rms_norm`, `ascend.rope`) accept in either.
static SmallVector<Type, 2> typeOrF32(Type type) {
  return {type, Float32Type::get(type.getContext())};
}

static SmallVector<Type, 2> getHalfTypes(MLIRContext *ctx) {
  return {Float16Type::get(ctx), BFloat16Type::get(ctx)};
}

/// Checks that every `(value, name)` pair has element type `expected`, which
/// is `what` (e.g. "query's element type").
static LogicalResult
verifyElementTypesAre(Operation *op,
                      ArrayRef<std::pair<Value, StringRef>> values,
                      Type expected, StringRef what) {
  for (auto [value, name] : values)
    if (value && failed(verifyElementTypeIs(op, value, name, expected, what)))
      return failure();
  return success();
}

/// Checks that every `(value, name)` pair has one of the `allowed` element
/// types.
static LogicalResult
verifyElementTypesIn(Operation *op,
                     ArrayRef<std::pair<Value, StringRef>> values,
                     ArrayRef<Type> allowed) {
  for (auto [value, name] : values)
    if (failed(verifyElementType(op, value, name, allowed)))
      return failure();
  return success();
}

static LogicalResult verifyIndexTensor(Operation *op, Value value,
                                       StringRef name) {
  return verifyElementType(op, value, name,
                           {IntegerType::get(op->getContext(), 32)});
}

/// Grouped-query attention maps query head h to KV head h / (Nq / Nkv).
static LogicalResult verifyHeadGroups(Operation *op,
                                      const ShapeBinder &shapes) {
  std::optional<int64_t> nq = shapes.lookup("Nq"), nkv = shapes.lookup("Nkv");
  // Empty tensors are legal; only 0 is a multiple of 0 heads.
  if (!nq || !nkv || (*nkv == 0 ? *nq == 0 : *nq % *nkv == 0))
    return success();
  return op->emitOpError() << "query heads (" << shapes.origin("Nq") << " = "
                           << *nq << ") must be a multiple of KV heads ("
                           << shapes.origin("Nkv") << " = " << *nkv << ")";
}

//===----------------------------------------------------------------------===//
// FlashAttentionOp
//===----------------------------------------------------------------------===//

/// The mask broadcasts NumPy-style to [B, Nq, Sq, Skv]: dims aligned at the
/// end, each either 1 or the dim it stands for.
//===----------------------------------------------------------------------===//
// Vector-vector fusion
//===----------------------------------------------------------------------===//

OperandRange FusedVectorOp::getYielded() {
  return cast<YieldOp>(getBody()->getTerminator()).getValues();
}

LogicalResult FusedVectorOp::verify() {
  Block *body = getBody();
  if (body->getNumArguments() != getInputs().size())
    return emitOpError() << "body has " << body->getNumArguments()
                         << " arguments, expected one per input ("
                         << getInputs().size() << ")";
  for (auto [i, arg, input] :
       llvm::enumerate(body->getArguments(), getInputs()))
    if (arg.getType() != input.getType())
      return emitOpError() << "body argument " << i << " has type "
                           << arg.getType() << ", expected input " << i
                           << "'s type " << input.getType();
  if (!isa_and_nonnull<YieldOp>(body->getTerminator()))
    return emitOpError() << "body must end with ascend.yield";
  if (getResults().empty())
    return emitOpError() << "must have at least one result";
  if (getYielded().size() != getNumResults())
    return emitOpError() << "body yields " << getYielded().size()
                         << " values, expected one per result ("
                         << getNumResults() << ")";
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(getResult(0).getType()).getShape();
  for (auto [i, yielded, result] :
       llvm::enumerate(getYielded(), getResults())) {
    if (isa<BlockArgument>(yielded))
      return emitOpError() << "body yields an input unchanged; it must yield "
                              "the result of an op in the body";
    if (yielded.getType() != result.getType())
      return emitOpError() << "body yields " << yielded.getType()
                           << " as result " << i << ", expected its type "
                           << result.getType();
    if (failed(verifyShape(*this, result, "result " + std::to_string(i), shape,
                           "result 0's shape")))
      return failure();
  }
  for (Operation &member : getMembers()) {
    auto softmax = dyn_cast<SoftmaxOp>(member);
    bool rowwise = isa<RmsNormOp>(member) ||
                   (softmax && softmax.getDim() + 1 == shape.size());
    if (!member.hasTrait<ElementwiseOp>() && !rowwise)
      return member.emitOpError()
             << "cannot be in an ascend.fused_vector body: only the "
                "elementwise ascend ops (add, sub, mul, div, max, min, exp, "
                "log, sqrt, rsqrt, reciprocal, abs, neg, relu, silu, gelu, "
                "tanh, erf, cast), softmax over the last dim and rms_norm can";
    if (failed(verifyShape(&member, member.getResult(0), "result", shape,
                           "the enclosing ascend.fused_vector's result shape")))
      return failure();
  }
  return success();
}

static LogicalResult verifyMaskBroadcast(Operation *op, Value mask,
                                         const ShapeBinder &shapes) {
  static constexpr StringRef target[] = {"B", "Nq", "Sq", "Skv"};
  if (failed(verifyRank(op, mask, "mask", {1, 2, 3, 4})))
    return failure();
  ArrayRef<int64_t> shape = getTensorType(mask).getShape();
  size_t lead = std::size(target) - shape.size();
  for (auto [i, size] : llvm::enumerate(shape)) {
    StringRef symbol = target[lead + i];
    std::optional<int64_t> expected = shapes.lookup(symbol);
    if (size == 1 || !expected)
      continue;
    if (failed(verifyDim(op, mask, "mask", i, *expected,
                         (shapes.origin(symbol) + ", or 1 to broadcast").str())))
      return failure();
  }
  return success();
}

LogicalResult FlashAttentionOp::verify() {
  ShapeBinder shapes(*this);
  if (failed(shapes.bind(getQuery(), "query", {"B", "Nq", "Sq", "D"})) ||
      failed(shapes.bind(getKey(), "key", {"B", "Nkv", "Skv", "D"})) ||
      failed(shapes.bind(getValue(), "value", {"B", "Nkv", "Skv", "Dv"})) ||
      failed(shapes.bind(getResult(), "result", {"B", "Nq", "Sq", "Dv"})) ||
      (getMask() && failed(verifyMaskBroadcast(*this, getMask(), shapes))) ||
      failed(verifyHeadGroups(*this, shapes)))
    return failure();

  std::optional<int64_t> sq = shapes.lookup("Sq"), skv = shapes.lookup("Skv");
  if (getCausal() && sq && skv && *sq > *skv)
    return emitOpError() << "causal attention needs Sq <= Skv, but "
                         << shapes.origin("Sq") << " = " << *sq << " and "
                         << shapes.origin("Skv") << " = " << *skv
                         << ": the first queries would see no key";

  Value query = getQuery();
  if (failed(verifyElementType(*this, query, "query",
                               getHalfTypes(getContext()))))
    return failure();
  return verifyElementTypesAre(*this,
                               {{getKey(), "key"},
                                {getValue(), "value"},
                                {getMask(), "mask"},
                                {getResult(), "result"}},
                               getElementType(query), "query's element type");
}

//===----------------------------------------------------------------------===//
// PagedAttentionOp
//===----------------------------------------------------------------------===//

LogicalResult PagedAttentionOp::verify() {
  ShapeBinder shapes(*this);
  if (failed(shapes.bind(getQuery(), "query", {"B", "Nq", "D"})) ||
      failed(shapes.bind(getKeyCache(), "key_cache",
                         {"num_blocks", "block_size", "Nkv", "D"})) ||
      failed(shapes.bind(getValueCache(), "value_cache",
                         {"num_blocks", "block_size", "Nkv", "Dv"})) ||
      failed(shapes.bind(getBlockTables(), "block_tables",
                         {"B", "max_blocks"})) ||
      failed(shapes.bind(getContextLens(), "context_lens", {"B"})) ||
      failed(shapes.bind(getResult(), "result", {"B", "Nq", "Dv"})) ||
      failed(verifyHeadGroups(*this, shapes)))
    return failure();

  Value query = getQuery();
  if (failed(verifyElementType(*this, query, "query",
                               getHalfTypes(getContext()))) ||
      failed(verifyElementTypesAre(*this,
                                   {{getKeyCache(), "key_cache"},
                                    {getValueCache(), "value_cache"},
                                    {getResult(), "result"}},
                                   getElementType(query),
                                   "query's element type")) ||
      failed(verifyIndexTensor(*this, getBlockTables(), "block_tables")))
    return failure();
  return verifyIndexTensor(*this, getContextLens(), "context_lens");
}

//===----------------------------------------------------------------------===//
// ReshapeAndCacheOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeAndCacheOp::verify() {
  ShapeBinder shapes(*this);
  if (failed(shapes.bind(getKey(), "key", {"T", "Nkv", "D"})) ||
      failed(shapes.bind(getValue(), "value", {"T", "Nkv", "Dv"})) ||
      failed(shapes.bind(getKeyCache(), "key_cache",
                         {"num_blocks", "block_size", "Nkv", "D"})) ||
      failed(shapes.bind(getValueCache(), "value_cache",
                         {"num_blocks", "block_size", "Nkv", "Dv"})) ||
      failed(shapes.bind(getSlotMapping(), "slot_mapping", {"T"})))
    return failure();

  // The cache holds whatever the model stores, quantized or not; the copy
  // never converts.
  MLIRContext *ctx = getContext();
  SmallVector<Type> cacheTypes = {Float16Type::get(ctx), BFloat16Type::get(ctx),
                                  IntegerType::get(ctx, 8)};
  if (failed(verifyElementType(*this, getKey(), "key", cacheTypes)) ||
      failed(verifyElementType(*this, getValue(), "value", cacheTypes)) ||
      failed(verifyElementTypeIs(*this, getKeyCache(), "key_cache",
                                 getElementType(getKey()),
                                 "key's element type")) ||
      failed(verifyElementTypeIs(*this, getValueCache(), "value_cache",
                                 getElementType(getValue()),
                                 "value's element type")))
    return failure();
  return verifyIndexTensor(*this, getSlotMapping(), "slot_mapping");
}

//===----------------------------------------------------------------------===//
// MlaPreprocessOp
//===----------------------------------------------------------------------===//

/// Defines `symbol` as `formula` of the sizes of `operands` when all are
/// known; the origin lists them so that a mismatch explains itself:
/// "Cq + Ckv + Dr, with Cq = 1536, Ckv = 512, Dr = 64".
static void defineDerived(ShapeBinder &shapes, StringRef symbol,
                          StringRef spelled, ArrayRef<StringRef> operands,
                          function_ref<int64_t(ArrayRef<int64_t>)> formula) {
  SmallVector<int64_t> sizes;
  std::string origin = (spelled + ", with ").str();
  for (auto [i, operand] : llvm::enumerate(operands)) {
    std::optional<int64_t> size = shapes.lookup(operand);
    if (!size)
      return;
    sizes.push_back(*size);
    origin += llvm::formatv("{0}{1} = {2}", i ? ", " : "", operand, *size);
  }
  shapes.define(symbol, formula(sizes), origin);
}

LogicalResult MlaPreprocessOp::verify() {
  ShapeBinder shapes(*this);
  // Sizes first from the operands that carry them alone (gammas, w_uk,
  // caches), then the concatenated weights, whose widths are sums of them.
  if (failed(shapes.bind(getHidden(), "hidden", {"T", "H"})) ||
      failed(shapes.bind(getHiddenGamma(), "hidden_gamma", {"H"})) ||
      failed(shapes.bind(getQGamma(), "q_gamma", {"Cq"})) ||
      failed(shapes.bind(getKvGamma(), "kv_gamma", {"Ckv"})) ||
      failed(shapes.bind(getWUk(), "w_uk", {"N", "Dn", "Ckv"})) ||
      failed(shapes.bind(getKvCache(), "kv_cache",
                         {"num_blocks", "block_size", "1", "Ckv"})) ||
      failed(shapes.bind(getKRopeCache(), "k_rope_cache",
                         {"num_blocks", "block_size", "1", "Dr"})) ||
      failed(shapes.bind(getSlotMapping(), "slot_mapping", {"T"})) ||
      failed(shapes.bind(getQAbsorbed(), "q_absorbed", {"T", "N", "Ckv"})) ||
      failed(shapes.bind(getQRope(), "q_rope", {"T", "N", "Dr"})))
    return failure();

  if (std::optional<int64_t> dr = shapes.lookup("Dr"); dr && *dr % 2 != 0)
    return emitOpError() << "the rotary head dim (" << shapes.origin("Dr")
                         << ") must be even to form pairs, got " << *dr;
  defineDerived(shapes, "Dr/2", "Dr / 2", {"Dr"},
                [](ArrayRef<int64_t> s) { return s[0] / 2; });
  defineDerived(shapes, "Cq+Ckv+Dr", "Cq + Ckv + Dr", {"Cq", "Ckv", "Dr"},
                [](ArrayRef<int64_t> s) { return s[0] + s[1] + s[2]; });
  defineDerived(shapes, "N*(Dn+Dr)", "N * (Dn + Dr)", {"N", "Dn", "Dr"},
                [](ArrayRef<int64_t> s) { return s[0] * (s[1] + s[2]); });
  if (failed(shapes.bind(getCos(), "cos", {"T", "Dr/2"})) ||
      failed(shapes.bind(getSin(), "sin", {"T", "Dr/2"})) ||
      failed(shapes.bind(getWDqkv(), "w_dqkv", {"H", "Cq+Ckv+Dr"})) ||
      failed(shapes.bind(getWUq(), "w_uq", {"Cq", "N*(Dn+Dr)"})))
    return failure();

  Value hidden = getHidden();
  if (failed(verifyElementType(*this, hidden, "hidden",
                               getHalfTypes(getContext()))))
    return failure();
  Type x = getElementType(hidden);
  // Norm weights and rotary tables may stay f32, as the basic ops allow.
  if (failed(verifyElementTypesIn(*this,
                                  {{getHiddenGamma(), "hidden_gamma"},
                                   {getQGamma(), "q_gamma"},
                                   {getKvGamma(), "kv_gamma"},
                                   {getCos(), "cos"},
                                   {getSin(), "sin"}},
                                  typeOrF32(x))))
    return failure();
  if (failed(verifyElementTypesAre(*this,
                                   {{getWDqkv(), "w_dqkv"},
                                    {getWUq(), "w_uq"},
                                    {getWUk(), "w_uk"},
                                    {getKvCache(), "kv_cache"},
                                    {getKRopeCache(), "k_rope_cache"},
                                    {getQAbsorbed(), "q_absorbed"},
                                    {getQRope(), "q_rope"}},
                                   x, "hidden's element type")) ||
      failed(verifyIndexTensor(*this, getSlotMapping(), "slot_mapping")))
    return failure();

  APFloat epsilon = getEpsilon();
  if (epsilon.isNegative() || !epsilon.isFinite())
    return emitOpError() << "epsilon must be finite and non-negative, got "
                         << epsilon.convertToDouble();
  return success();
}
