//===- AICoreEnums.h - address spaces, pipes, modes -------------*- C++ -*-===//
//
// The enums alone, so that code which only needs the vocabulary (the target
// tables) does not pull in the dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_AICORE_AICOREENUMS_H
#define ASCENDDIALECT_AICORE_AICOREENUMS_H

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

#include "AscendDialect/AICore/AICoreEnums.h.inc"

namespace mlir::aicore {
/// Number of values of AddressSpace, for tables indexed by space.
inline constexpr unsigned kNumAddressSpaces = 6;
} // namespace mlir::aicore

#endif
