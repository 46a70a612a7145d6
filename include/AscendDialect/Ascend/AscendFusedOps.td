//===- AscendFusedOps.td - fused LLM ops ------------------*- tablegen -*-===//
//
// Included from AscendOps.td.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_ASCEND_FUSED_OPS
#define ASCEND_ASCEND_FUSED_OPS

#endif // ASCEND_ASCEND_FUSED_OPS
