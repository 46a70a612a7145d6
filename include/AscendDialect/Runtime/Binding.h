//===- Binding.h - .npy arrays <-> kernel buffers, comparison ---*- C++ -*-===//
#ifndef ASCENDDIALECT_RUNTIME_BINDING_H
#define ASCENDDIALECT_RUNTIME_BINDING_H

#include "AscendDialect/Runtime/Interpreter.h"
#include "AscendDialect/Runtime/Npy.h"
#include "llvm/Support/Error.h"
#include <string>

namespace mlir::ascend::runtime {

/// The NumPy dtype that holds elements of `type` (bf16 as uint16 bit
/// patterns, i4 as int8 values in [-8, 7], i1 as bool).
std::optional<NpyDType> getNpyDType(Type elementType);

/// Checks `array` against `type` and packs it into a GM buffer. `what` names
/// the argument in errors (e.g. "argument %x (#0)").
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

/// Compares `got` (a kernel result) with `want` (a reference array of the
/// same dtype and shape; the caller checks them). `elementType` says how to
/// read the elements as numbers (bf16 arrays are uint16 bit patterns).
Comparison compareArrays(const NpyArray &got, const NpyArray &want,
                         Type elementType, const Tolerance &tolerance,
                         unsigned maxReported = 10);

} // namespace mlir::ascend::runtime

#endif
