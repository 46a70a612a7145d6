//===- VecDialect.cpp - the vec dialect ----------------------------------===//

#include "AscendDialect/Vec/VecDialect.h"

using namespace mlir;
using namespace mlir::vec;

#include "AscendDialect/Vec/VecOpsDialect.cpp.inc"

void VecDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/Vec/VecOps.cpp.inc"
      >();
}
