//===- AscendDialect.cpp - the ascend dialect and its attributes ----------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ascend;

#include "AscendDialect/Ascend/AscendEnums.cpp.inc"
#include "AscendDialect/Ascend/AscendOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/Ascend/AscendAttrs.cpp.inc"

void AscendDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/Ascend/AscendOps.cpp.inc"
      >();
  registerAttributes();
}

void AscendDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "AscendDialect/Ascend/AscendAttrs.cpp.inc"
      >();
}
