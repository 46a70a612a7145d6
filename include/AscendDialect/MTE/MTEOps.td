//===- MTEOps.td - mte ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_MTE_OPS
#define ASCEND_MTE_OPS

include "AscendDialect/MTE/MTEDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

#endif // ASCEND_MTE_OPS
