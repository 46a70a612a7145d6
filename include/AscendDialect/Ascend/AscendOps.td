//===- AscendOps.td - ascend ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_ASCEND_OPS
#define ASCEND_ASCEND_OPS

include "AscendDialect/Ascend/AscendDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// The fused LLM ops (attention, MLA preprocess, KV-cache update) live in their
// own file; they share this dialect and its helpers.
include "AscendDialect/Ascend/AscendFusedOps.td"

#endif // ASCEND_ASCEND_OPS
