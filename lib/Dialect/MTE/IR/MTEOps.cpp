//===- MTEOps.cpp - mte op verifiers ---------------------------------===//

#include "AscendDialect/MTE/MTEDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mte;

#define GET_OP_CLASSES
#include "AscendDialect/MTE/MTEOps.cpp.inc"
