//===- Passes.h - conversions between levels --------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_CONVERSION_PASSES_H
#define ASCENDDIALECT_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::ascend {

#define GEN_PASS_DECL
#include "AscendDialect/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "AscendDialect/Conversion/Passes.h.inc"

} // namespace mlir::ascend

#endif
