//===- AscendDialect.cpp - the ascend dialect ----------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"

using namespace mlir;
using namespace mlir::ascend;

#include "AscendDialect/Ascend/AscendOpsDialect.cpp.inc"

void AscendDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/Ascend/AscendOps.cpp.inc"
      >();
}
