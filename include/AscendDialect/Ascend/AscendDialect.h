//===- AscendDialect.h - the ascend dialect -------------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_ASCEND_ASCENDDIALECT_H
#define ASCENDDIALECT_ASCEND_ASCENDDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/Ascend/AscendOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/Ascend/AscendOps.h.inc"

#endif
