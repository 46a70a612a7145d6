//===- CubeDialect.cpp - the cube dialect ----------------------------------===//

#include "AscendDialect/Cube/CubeDialect.h"

using namespace mlir;
using namespace mlir::cube;

#include "AscendDialect/Cube/CubeOpsDialect.cpp.inc"

void CubeDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/Cube/CubeOps.cpp.inc"
      >();
}
