//===- VecOps.td - vec ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_VEC_OPS
#define ASCEND_VEC_OPS

include "AscendDialect/Vec/VecDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

#endif // ASCEND_VEC_OPS
