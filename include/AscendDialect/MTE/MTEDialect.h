//===- MTEDialect.h - the mte dialect -------------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_MTE_MTEDIALECT_H
#define ASCENDDIALECT_MTE_MTEDIALECT_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/MTE/MTEOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/MTE/MTEOps.h.inc"

#endif
