//===- AscendVerifiers.h - shape and dtype checks of ascend ops -*- C++ -*-===//
//
// Checks every tensor-level op needs, shared by the basic ops (AscendOps.cpp)
// and the fused ops (AscendFusedOps.cpp). Dimensions may be dynamic; a check
// only fails on what is known, so `?` is compatible with any size.
//
// Messages follow one pattern so users can rely on it:
//   "'ascend.rope' op cos dim 1 is 32, expected 64 (half of x's head dim)".
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_LIB_ASCEND_ASCENDVERIFIERS_H
#define ASCENDDIALECT_LIB_ASCEND_ASCENDVERIFIERS_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace mlir::ascend {

/// f16, bf16 and f32: the element types of the floating-point ops.
inline SmallVector<Type, 3> getFloatTypes(MLIRContext *ctx) {
  Builder b(ctx);
  return {b.getF16Type(), b.getBF16Type(), b.getF32Type()};
}

/// The type of a tensor operand or result; ODS has already checked that it is
/// a ranked tensor.
inline RankedTensorType getTensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

inline Type getElementType(Value value) {
  return getTensorType(value).getElementType();
}

/// "[4, ?, 8]"; brackets keep rank-0 shapes visible ("[]").
inline std::string formatShape(ArrayRef<int64_t> shape) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << '[';
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << '?';
        else
          os << d;
      },
      ", ");
  os << ']';
  return out;
}

/// Two sizes conflict only when both are known and differ.
inline bool dimsCompatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Verifies that `value`'s element type is one of `allowed`:
/// "x has element type 'i8', expected f16, bf16 or f32".
inline LogicalResult verifyElementType(Operation *op, Value value,
                                       StringRef name, ArrayRef<Type> allowed) {
  return aicore::verifyElementType(op, getElementType(value), name, allowed);
}

/// Verifies that `value`'s element type is `expected`, where `what` names the
/// source of the expectation: "rhs has element type 'bf16', expected f16
/// (lhs's element type)", worded like aicore::verifyElementType.
inline LogicalResult verifyElementTypeIs(Operation *op, Value value,
                                         StringRef name, Type expected,
                                         StringRef what) {
  Type actual = getElementType(value);
  if (actual == expected)
    return success();
  return op->emitOpError() << name << " has element type " << actual
                           << ", expected " << aicore::formatTypeList(expected)
                           << " (" << what << ")";
}

/// Verifies that `value` has one of `ranks`: "x must have rank 3 or 4, got 2".
inline LogicalResult verifyRank(Operation *op, Value value, StringRef name,
                                ArrayRef<int64_t> ranks) {
  int64_t rank = getTensorType(value).getRank();
  if (llvm::is_contained(ranks, rank))
    return success();
  InFlightDiagnostic diag = op->emitOpError() << name << " must have rank ";
  for (auto [i, r] : llvm::enumerate(ranks))
    diag << (i == 0 ? "" : i + 1 == ranks.size() ? " or " : ", ") << r;
  return diag << ", got " << rank;
}

/// Verifies that `value` has rank `minRank` or more:
/// "x must have rank at least 1, got 0".
inline LogicalResult verifyMinRank(Operation *op, Value value, StringRef name,
                                   int64_t minRank) {
  int64_t rank = getTensorType(value).getRank();
  if (rank >= minRank)
    return success();
  return op->emitOpError() << name << " must have rank at least " << minRank
                           << ", got " << rank;
}

/// Verifies dimension `dim` of `value` against `expected` where both are
/// known; `what` says where `expected` comes from:
/// "cos dim 0 is 16, expected 32 (x's token dim)".
inline LogicalResult verifyDim(Operation *op, Value value, StringRef name,
                               unsigned dim, int64_t expected, StringRef what) {
  int64_t actual = getTensorType(value).getDimSize(dim);
  if (dimsCompatible(actual, expected))
    return success();
  return op->emitOpError() << name << " dim " << dim << " is " << actual
                           << ", expected " << expected << " (" << what << ")";
}

/// Verifies that `value` has `expected`'s rank and a compatible size in
/// every dimension: "result has shape [4, 9], expected [4, 8] (the broadcast
/// of lhs and rhs)".
inline LogicalResult verifyShape(Operation *op, Value value, StringRef name,
                                 ArrayRef<int64_t> expected, StringRef what) {
  ArrayRef<int64_t> actual = getTensorType(value).getShape();
  if (actual.size() == expected.size() &&
      llvm::all_of(llvm::zip_equal(actual, expected), [](auto pair) {
        return dimsCompatible(std::get<0>(pair), std::get<1>(pair));
      }))
    return success();
  return op->emitOpError() << name << " has shape " << formatShape(actual)
                           << ", expected " << formatShape(expected) << " ("
                           << what << ")";
}

} // namespace mlir::ascend

#endif // ASCENDDIALECT_LIB_ASCEND_ASCENDVERIFIERS_H
