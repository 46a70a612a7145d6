//===- AscendOps.cpp - verifiers of the basic ascend ops ------------------===//
//
// Shapes may be dynamic: every check compares only sizes that are known.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendVerifiers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::ascend;

#define GET_OP_CLASSES
#include "AscendDialect/Ascend/AscendOps.cpp.inc"

/// `type`, plus f32 unless `type` is f32: the element types of a tensor that
/// either matches another or holds f32 (accumulators, f32 parameters).
static SmallVector<Type, 2> withF32(Type type) {
  SmallVector<Type, 2> types{type};
  if (!type.isF32())
    types.push_back(Float32Type::get(type.getContext()));
  return types;
}

/// The more precise of two sizes of one dim: a known size wins over `?`.
static int64_t mergeDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) ? b : a;
}

/// Checks that `result` has `x`'s element type and a shape compatible with
/// `x`'s: the result of an op that maps x to a tensor of its own type.
static LogicalResult verifySameTensorType(Operation *op, Value x,
                                          Value result) {
  if (failed(verifyElementTypeIs(op, result, "result", getElementType(x),
                                 "x's element type")))
    return failure();
  return verifyShape(op, result, "result", getTensorType(x).getShape(),
                     "x's shape");
}

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

/// Checks ranks, the contraction dim, batch dims and the result shape of
/// `result[batch..., M, N] = A x B`, where the last two dims of `a` are
/// [M, K] ([K, M] if transposed) and those of `b` [K, N] ([N, K] if
/// transposed). Element types are the caller's business.
static LogicalResult verifyMatmulShapes(Operation *op, Value a, Value b,
                                        Value result, bool transposeA,
                                        bool transposeB, unsigned batchRank) {
  int64_t rank = batchRank + 2;
  for (auto [value, name] :
       {std::pair{a, "a"}, std::pair{b, "b"}, std::pair{result, "result"}})
    if (failed(verifyRank(op, value, name, {rank})))
      return failure();

  ArrayRef<int64_t> aShape = getTensorType(a).getShape();
  ArrayRef<int64_t> bShape = getTensorType(b).getShape();
  unsigned aK = batchRank + (transposeA ? 0 : 1);
  unsigned bK = batchRank + (transposeB ? 1 : 0);
  if (!dimsCompatible(aShape[aK], bShape[bK]))
    return op->emitOpError()
           << "contraction dims differ: a has K = " << aShape[aK] << " (dim "
           << aK << "), b has K = " << bShape[bK] << " (dim " << bK << ")";

  SmallVector<int64_t> expected;
  for (unsigned i = 0; i < batchRank; ++i) {
    if (failed(verifyDim(op, b, "b", i, aShape[i], "a's batch dim")))
      return failure();
    expected.push_back(mergeDims(aShape[i], bShape[i]));
  }
  expected.push_back(aShape[batchRank + (transposeA ? 1 : 0)]);
  expected.push_back(bShape[batchRank + (transposeB ? 0 : 1)]);
  return verifyShape(op, result, "result", expected,
                     batchRank ? "[batch, M, N] of a and b"
                               : "[M, N] of a and b");
}

/// Float matmuls: one f16/bf16/f32 operand type, result that type or f32.
template <typename OpTy>
static LogicalResult verifyFloatMatmul(OpTy op, unsigned batchRank) {
  Type type = getElementType(op.getA());
  if (failed(verifyElementType(op, op.getA(), "a",
                               getFloatTypes(op.getContext()))) ||
      failed(
          verifyElementTypeIs(op, op.getB(), "b", type, "a's element type")) ||
      failed(verifyElementType(op, op.getResult(), "result", withF32(type))))
    return failure();
  return verifyMatmulShapes(op, op.getA(), op.getB(), op.getResult(),
                            op.getTransposeA(), op.getTransposeB(), batchRank);
}

LogicalResult MatmulOp::verify() { return verifyFloatMatmul(*this, 0); }

LogicalResult BatchMatmulOp::verify() { return verifyFloatMatmul(*this, 1); }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// Computes the NumPy broadcast of `lhs` and `rhs` into `shape`, naming the
/// first pair of dims that conflict. A `?` paired with a known size n > 1
/// broadcasts to n (any other runtime size would be an error).
static LogicalResult broadcastShapes(Operation *op, Value lhs, Value rhs,
                                     SmallVectorImpl<int64_t> &shape) {
  ArrayRef<int64_t> l = getTensorType(lhs).getShape();
  ArrayRef<int64_t> r = getTensorType(rhs).getShape();
  size_t rank = std::max(l.size(), r.size());
  shape.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    // Dims are aligned at the end; a missing leading dim acts as 1.
    size_t li = i + l.size(), ri = i + r.size();
    int64_t ld = li >= rank ? l[li - rank] : 1;
    int64_t rd = ri >= rank ? r[ri - rank] : 1;
    if (ld == 1 || rd == 1) {
      shape[i] = ld == 1 ? rd : ld;
      continue;
    }
    if (!dimsCompatible(ld, rd))
      return op->emitOpError()
             << "lhs and rhs are not broadcast-compatible: lhs dim "
             << li - rank << " is " << ld << ", rhs dim " << ri - rank << " is "
             << rd;
    shape[i] = mergeDims(ld, rd);
  }
  return success();
}

/// Shared by every elementwise binary op.
static LogicalResult verifyBinaryOp(Operation *op) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Value result = op->getResult(0);
  Type type = getElementType(lhs);
  if (failed(
          verifyElementType(op, lhs, "lhs", getFloatTypes(op->getContext()))) ||
      failed(verifyElementTypeIs(op, rhs, "rhs", type, "lhs's element type")) ||
      failed(verifyElementTypeIs(op, result, "result", type,
                                 "lhs's element type")))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(op, lhs, rhs, shape)))
    return failure();
  return verifyShape(op, result, "result", shape,
                     "the broadcast of lhs and rhs");
}

/// Shared by every elementwise unary op.
static LogicalResult verifyUnaryOp(Operation *op) {
  Value x = op->getOperand(0);
  if (failed(verifyElementType(op, x, "x", getFloatTypes(op->getContext()))))
    return failure();
  return verifySameTensorType(op, x, op->getResult(0));
}

LogicalResult AddOp::verify() { return verifyBinaryOp(*this); }
LogicalResult SubOp::verify() { return verifyBinaryOp(*this); }
LogicalResult MulOp::verify() { return verifyBinaryOp(*this); }
LogicalResult DivOp::verify() { return verifyBinaryOp(*this); }
LogicalResult MaxOp::verify() { return verifyBinaryOp(*this); }
LogicalResult MinOp::verify() { return verifyBinaryOp(*this); }

LogicalResult ExpOp::verify() { return verifyUnaryOp(*this); }
LogicalResult LogOp::verify() { return verifyUnaryOp(*this); }
LogicalResult SqrtOp::verify() { return verifyUnaryOp(*this); }
LogicalResult RsqrtOp::verify() { return verifyUnaryOp(*this); }
LogicalResult ReciprocalOp::verify() { return verifyUnaryOp(*this); }
LogicalResult AbsOp::verify() { return verifyUnaryOp(*this); }
LogicalResult NegOp::verify() { return verifyUnaryOp(*this); }
LogicalResult ReluOp::verify() { return verifyUnaryOp(*this); }
LogicalResult SiluOp::verify() { return verifyUnaryOp(*this); }
LogicalResult GeluOp::verify() { return verifyUnaryOp(*this); }
LogicalResult TanhOp::verify() { return verifyUnaryOp(*this); }
LogicalResult ErfOp::verify() { return verifyUnaryOp(*this); }

LogicalResult CastOp::verify() {
  SmallVector<Type, 3> floats = getFloatTypes(getContext());
  if (failed(verifyElementType(*this, getX(), "x", floats)) ||
      failed(verifyElementType(*this, getResult(), "result", floats)))
    return failure();
  Type type = getElementType(getX());
  if (getElementType(getResult()) == type)
    return emitOpError() << "result has element type " << type
                         << ", the same as x; a cast must change it";
  return verifyShape(*this, getResult(), "result",
                     getTensorType(getX()).getShape(), "x's shape");
}

//===----------------------------------------------------------------------===//
// Normalization, positional encoding, softmax
//===----------------------------------------------------------------------===//

LogicalResult RmsNormOp::verify() {
  Value x = getX();
  if (failed(verifyMinRank(*this, x, "x", 1)) ||
      failed(verifyElementType(*this, x, "x", getFloatTypes(getContext()))) ||
      failed(verifyRank(*this, getGamma(), "gamma", {1})) ||
      failed(verifyElementType(*this, getGamma(), "gamma",
                               withF32(getElementType(x)))) ||
      failed(verifyDim(*this, getGamma(), "gamma", 0,
                       getTensorType(x).getShape().back(), "x's last dim")))
    return failure();
  APFloat epsilon = getEpsilon();
  if (epsilon.isNegative() || !epsilon.isFinite())
    return emitOpError() << "epsilon must be finite and non-negative, got "
                         << epsilon.convertToDouble();
  return verifySameTensorType(*this, x, getResult());
}

LogicalResult RopeOp::verify() {
  Value x = getX();
  if (failed(verifyRank(*this, x, "x", {3, 4})) ||
      failed(verifyElementType(*this, x, "x", getFloatTypes(getContext()))))
    return failure();
  ArrayRef<int64_t> shape = getTensorType(x).getShape();
  int64_t headDim = shape.back();
  if (!ShapedType::isDynamic(headDim) && headDim % 2 != 0)
    return emitOpError() << "x's head dim (dim " << shape.size() - 1
                         << ") must be even to form pairs, got " << headDim;

  // Positions index the token dim of [T, Nh, D] and the sequence dim of
  // [B, S, Nh, D]; the batch shares the table.
  unsigned posDim = shape.size() - 3;
  StringRef posWhat = shape.size() == 3 ? "x's token dim" : "x's sequence dim";
  int64_t pairs =
      ShapedType::isDynamic(headDim) ? ShapedType::kDynamic : headDim / 2;
  for (auto [table, name] :
       {std::pair{getCos(), "cos"}, std::pair{getSin(), "sin"}})
    if (failed(verifyRank(*this, table, name, {2})) ||
        failed(verifyElementType(*this, table, name,
                                 withF32(getElementType(x)))) ||
        failed(verifyDim(*this, table, name, 0, shape[posDim], posWhat)) ||
        failed(verifyDim(*this, table, name, 1, pairs, "half of x's head dim")))
      return failure();
  return verifySameTensorType(*this, x, getResult());
}

LogicalResult SoftmaxOp::verify() {
  Value x = getX();
  if (failed(verifyElementType(*this, x, "x", getFloatTypes(getContext()))))
    return failure();
  // I64Attr's accessor is unsigned; read the attribute to see negative dims.
  int64_t dim = getDimAttr().getInt();
  int64_t rank = getTensorType(x).getRank();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dim " << dim << " is out of range [0, " << rank
                         << ") for x of rank " << rank;
  return verifySameTensorType(*this, x, getResult());
}

LogicalResult RepeatOp::verify() {
  RankedTensorType x = getTensorType(getX());
  int64_t dim = getDimAttr().getInt(), times = getTimesAttr().getInt();
  if (dim < 0 || dim >= x.getRank())
    return emitOpError() << "dim " << dim << " is out of range [0, "
                         << x.getRank() << ") for x of rank " << x.getRank();
  if (times < 1)
    return emitOpError() << "times must be at least 1, got " << times;
  Type element = getTensorType(getResult()).getElementType();
  if (element != x.getElementType())
    return emitOpError() << "result has element type " << element
                         << ", expected x's (" << x.getElementType() << ")";
  SmallVector<int64_t> expected(x.getShape());
  if (!ShapedType::isDynamic(expected[dim]))
    expected[dim] *= times;
  return verifyShape(*this, getResult(), "result", expected,
                     "x's shape, dim " + std::to_string(dim) + " times " +
                         std::to_string(times));
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

/// i4 elements are packed two per byte along the last dim, so an i4 tensor
/// must fill whole bytes row by row.
static LogicalResult verifyInt4Packing(Operation *op, Value value,
                                       StringRef name) {
  RankedTensorType type = getTensorType(value);
  if (!type.getElementType().isInteger(4) || type.getRank() == 0)
    return success();
  int64_t last = type.getShape().back();
  if (ShapedType::isDynamic(last) || last % 2 == 0)
    return success();
  return op->emitOpError() << name
                           << " holds i4, packed two per byte, so its last dim "
                              "must be even, got "
                           << last;
}

/// Checks `group_size` against the granularity and the size `c` of x's last
/// dim.
static LogicalResult verifyGroupSize(Operation *op,
                                     QuantGranularity granularity,
                                     std::optional<int64_t> groupSize,
                                     int64_t c) {
  if (granularity != QuantGranularity::per_group) {
    if (groupSize)
      return op->emitOpError()
             << "group_size is only valid with per_group granularity, got "
             << stringifyQuantGranularity(granularity);
    return success();
  }
  if (!groupSize)
    return op->emitOpError() << "per_group granularity requires a group_size";
  if (*groupSize <= 0)
    return op->emitOpError()
           << "group_size must be positive, got " << *groupSize;
  if (!ShapedType::isDynamic(c) && c % *groupSize != 0)
    return op->emitOpError()
           << "x's last dim " << c << " is not a multiple of group_size "
           << *groupSize;
  return success();
}

/// Checks the scale and optional offset of a (de)quantization of `x`: the
/// granularity rules, their shapes and their element types.
static LogicalResult verifyQuantParams(Operation *op, Value x, Value scale,
                                       Value offset,
                                       QuantGranularity granularity,
                                       std::optional<int64_t> groupSize,
                                       ArrayRef<Type> paramTypes) {
  if (failed(verifyMinRank(op, x, "x", 1)))
    return failure();
  ArrayRef<int64_t> shape = getTensorType(x).getShape();
  int64_t c = shape.back();
  if (failed(verifyGroupSize(op, granularity, groupSize, c)))
    return failure();

  SmallVector<int64_t> expected;
  StringRef what;
  switch (granularity) {
  case QuantGranularity::per_tensor:
    expected = {1};
    what = "per_tensor: one value";
    break;
  case QuantGranularity::per_channel:
    expected = {c};
    what = "per_channel: x's last dim";
    break;
  case QuantGranularity::per_token:
    if (shape.size() < 2)
      return op->emitOpError()
             << "per_token granularity needs x of rank at least 2, got "
             << shape.size();
    expected.assign(shape.begin(), shape.end() - 1);
    what = "per_token: x's leading dims";
    break;
  case QuantGranularity::per_group:
    expected.assign(shape.begin(), shape.end() - 1);
    expected.push_back(ShapedType::isDynamic(c) ? c : c / *groupSize);
    what = "per_group: x's leading dims, then its last dim / group_size";
    break;
  }

  for (auto [value, name] :
       {std::pair{scale, "scale"}, std::pair{offset, "offset"}})
    if (value && (failed(verifyElementType(op, value, name, paramTypes)) ||
                  failed(verifyShape(op, value, name, expected, what))))
      return failure();
  return success();
}

LogicalResult QuantizeOp::verify() {
  Builder b(getContext());
  Value x = getX();
  if (failed(verifyElementType(*this, x, "x", getFloatTypes(getContext()))) ||
      failed(verifyElementType(*this, getResult(), "result",
                               {b.getI8Type(), b.getIntegerType(4)})) ||
      failed(verifyQuantParams(*this, x, getScale(), getOffset(),
                               getGranularity(), getGroupSize(),
                               withF32(getElementType(x)))) ||
      failed(verifyShape(*this, getResult(), "result",
                         getTensorType(x).getShape(), "x's shape")))
    return failure();
  return verifyInt4Packing(*this, getResult(), "result");
}

LogicalResult DequantizeOp::verify() {
  Builder b(getContext());
  Value x = getX();
  if (failed(verifyElementType(
          *this, x, "x",
          {b.getI8Type(), b.getIntegerType(4), b.getI32Type()})) ||
      failed(verifyElementType(*this, getResult(), "result",
                               getFloatTypes(getContext()))) ||
      failed(verifyQuantParams(*this, x, getScale(), getOffset(),
                               getGranularity(), getGroupSize(),
                               withF32(getElementType(getResult())))) ||
      failed(verifyShape(*this, getResult(), "result",
                         getTensorType(x).getShape(), "x's shape")))
    return failure();
  return verifyInt4Packing(*this, x, "x");
}

LogicalResult QuantMatmulOp::verify() {
  Builder b(getContext());
  Type i8 = b.getI8Type(), f32 = b.getF32Type();
  if (failed(verifyElementType(*this, getA(), "a", {i8})) ||
      failed(verifyElementType(*this, getB(), "b", {i8})) ||
      failed(verifyElementType(*this, getResult(), "result",
                               {b.getF16Type(), b.getBF16Type()})) ||
      failed(verifyMatmulShapes(*this, getA(), getB(), getResult(),
                                /*transposeA=*/false, getTransposeB(),
                                /*batchRank=*/0)))
    return failure();

  ArrayRef<int64_t> aShape = getTensorType(getA()).getShape();
  ArrayRef<int64_t> bShape = getTensorType(getB()).getShape();
  int64_t m = aShape[0], n = bShape[getTransposeB() ? 0 : 1];

  if (failed(verifyRank(*this, getScale(), "scale", {1})) ||
      failed(verifyElementType(*this, getScale(), "scale", {f32})))
    return failure();
  int64_t scaleSize = getTensorType(getScale()).getDimSize(0);
  if (scaleSize != 1 && !dimsCompatible(scaleSize, n))
    return emitOpError() << "scale has " << scaleSize
                         << " elements, expected 1 (per-tensor) or " << n
                         << " (per-channel: N of b)";

  if (Value t = getPerTokenScale())
    if (failed(verifyRank(*this, t, "per_token_scale", {1})) ||
        failed(verifyElementType(*this, t, "per_token_scale", {f32})) ||
        failed(verifyDim(*this, t, "per_token_scale", 0, m, "M of a")))
      return failure();
  if (Value bias = getBias())
    if (failed(verifyRank(*this, bias, "bias", {1})) ||
        failed(verifyElementType(*this, bias, "bias", {b.getI32Type()})) ||
        failed(verifyDim(*this, bias, "bias", 0, n, "N of b")))
      return failure();
  return success();
}
