//===- AscendDialect.h - the ascend dialect ---------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_ASCEND_ASCENDDIALECT_H
#define ASCENDDIALECT_ASCEND_ASCENDDIALECT_H

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/Ascend/AscendOpsDialect.h.inc"

namespace mlir::ascend {
/// The elementwise ops (add ... cast): each result element depends only on
/// the operand elements at its broadcast position, so `ascend.fused_vector`
/// may chain them on one tile.
template <typename ConcreteType>
class ElementwiseOp : public OpTrait::TraitBase<ConcreteType, ElementwiseOp> {};
} // namespace mlir::ascend

#include "AscendDialect/Ascend/AscendEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/Ascend/AscendAttrs.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/Ascend/AscendOps.h.inc"

#endif
