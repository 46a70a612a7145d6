//===- CubeOps.cpp - cube op verifiers ---------------------------------===//

#include "AscendDialect/Cube/CubeDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::cube;

#define GET_OP_CLASSES
#include "AscendDialect/Cube/CubeOps.cpp.inc"
