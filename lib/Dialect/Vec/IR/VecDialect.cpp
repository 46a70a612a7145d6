//===- VecDialect.cpp - the vec dialect ----------------------------------===//

#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::vec;

#include "AscendDialect/Vec/VecEnums.cpp.inc"
#include "AscendDialect/Vec/VecOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/Vec/VecAttrs.cpp.inc"

void VecDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/Vec/VecOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "AscendDialect/Vec/VecAttrs.cpp.inc"
      >();
}
