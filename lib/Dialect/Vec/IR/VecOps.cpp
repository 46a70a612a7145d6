//===- VecOps.cpp - vec op verifiers ---------------------------------===//

#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::vec;

#define GET_OP_CLASSES
#include "AscendDialect/Vec/VecOps.cpp.inc"
