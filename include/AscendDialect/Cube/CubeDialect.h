//===- CubeDialect.h - the cube dialect -------------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_CUBE_CUBEDIALECT_H
#define ASCENDDIALECT_CUBE_CUBEDIALECT_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/Cube/CubeOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/Cube/CubeOps.h.inc"

#endif
