//===- VecDialect.h - the vec dialect -------------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_VEC_VECDIALECT_H
#define ASCENDDIALECT_VEC_VECDIALECT_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/Vec/VecOpsDialect.h.inc"

#include "AscendDialect/Vec/VecEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/Vec/VecAttrs.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/Vec/VecOps.h.inc"

#endif
