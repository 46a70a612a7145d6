//===- Binding.h - .npy arrays <-> kernel buffers, comparison ---*- C++ -*-===//
#ifndef ASCENDDIALECT_RUNTIME_BINDING_H
#define ASCENDDIALECT_RUNTIME_BINDING_H

#include "AscendDialect/Runtime/Interpreter.h"
#include "AscendDialect/Runtime/Npy.h"
#include "llvm/Support/Error.h"
#include <string>

namespace mlir::ascend::runtime {

/// The NumPy dtype that holds elements of `type` (bf16 as uint16 bit
/// patterns, i4 as int8 values in [-8, 7], i1 as bool). Outputs are written
/// in it.
std::optional<NpyDType> getNpyDType(Type elementType);

/// Whether a file of `dtype` can be bound to elements of `type`: the dtype
/// getNpyDType names, and for bf16 also 2-byte void (NpyDType::V2), which is
/// how np.save writes ml_dtypes' bfloat16 ('<V2'), with the same bits.
bool acceptsNpyDType(Type elementType, NpyDType dtype);

/// Checks `array` against `type` (dtype as acceptsNpyDType says, shape) and
/// packs it into a GM buffer. `what` names the argument in errors (e.g.
/// "argument %x (#0)").
llvm::Expected<GlobalBuffer> bufferFromNpy(const NpyArray &array,
                                           MemRefType type,
                                           llvm::StringRef what);

/// Unpacks a GM buffer of `type` into an array.
NpyArray npyFromBuffer(const GlobalBuffer &buffer, MemRefType type);

/// Deterministic pseudo-random contents for `type`: floats uniform in
/// [-1, 1) rounded to the type, integers uniform in a small range
/// ([-8, 7] for i4, [-128, 127] for i8, [-1000, 1000] otherwise).
GlobalBuffer randomBuffer(MemRefType type, uint64_t seed);

struct Tolerance {
  bool exact = true; ///< bit-for-bit; otherwise |got - want| <= atol + rtol |want|
  double atol = 0, rtol = 0;
};

struct Comparison {
  int64_t elements = 0, mismatches = 0;
  double maxAbsError = 0, maxRelError = 0;
  /// Up to `maxReported` mismatches: "[1, 7]: got 0.5, expected 0.25".
  std::vector<std::string> firstMismatches;
};

/// Compares `got` (a kernel result) with `want` (a reference array of a
/// dtype that bufferFromNpy accepts for `elementType`, of the same shape;
/// the caller checks them). `elementType` says how to read the elements as
/// numbers (bf16 arrays, uint16 or 2-byte void, are bit patterns).
Comparison compareArrays(const NpyArray &got, const NpyArray &want,
                         Type elementType, const Tolerance &tolerance,
                         unsigned maxReported = 10);

} // namespace mlir::ascend::runtime

#endif
