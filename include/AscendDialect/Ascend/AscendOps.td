//===- AscendOps.td - ascend ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_ASCEND_OPS
#define ASCEND_ASCEND_OPS

include "AscendDialect/Ascend/AscendDialect.td"


include "mlir/Interfaces/SideEffectInterfaces.td"

#endif // ASCEND_ASCEND_OPS
