//===- CubeOps.td - cube ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_CUBE_OPS
#define ASCEND_CUBE_OPS

include "AscendDialect/Cube/CubeDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

#endif // ASCEND_CUBE_OPS
