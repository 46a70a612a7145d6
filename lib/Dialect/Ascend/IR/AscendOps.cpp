//===- AscendOps.cpp - ascend op verifiers ---------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::ascend;

#define GET_OP_CLASSES
#include "AscendDialect/Ascend/AscendOps.cpp.inc"
