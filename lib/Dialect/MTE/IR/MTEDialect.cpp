//===- MTEDialect.cpp - the mte dialect ----------------------------------===//

#include "AscendDialect/MTE/MTEDialect.h"

using namespace mlir;
using namespace mlir::mte;

#include "AscendDialect/MTE/MTEOpsDialect.cpp.inc"

void MTEDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/MTE/MTEOps.cpp.inc"
      >();
}
