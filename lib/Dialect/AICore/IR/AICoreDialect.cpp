//===- AICoreDialect.cpp - aicore dialect, attributes, interface ---------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::aicore;

#include "AscendDialect/AICore/AICoreEnums.cpp.inc"
#include "AscendDialect/AICore/AICoreInterfaces.cpp.inc"
#include "AscendDialect/AICore/AICoreOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/AICore/AICoreAttrs.cpp.inc"

void AICoreDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "AscendDialect/AICore/AICoreOps.cpp.inc"
      >();
  registerAttributes();
}

void AICoreDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "AscendDialect/AICore/AICoreAttrs.cpp.inc"
      >();
}

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name) {
  if (!lookupTarget(name))
    return emitError() << "unknown target '" << name
                       << "'; known targets: " << getKnownTargetNames();
  return success();
}

const TargetInfo &TargetAttr::getInfo() const {
  const TargetInfo *info = lookupTarget(getName());
  return info ? *info : getDefaultTarget();
}

LogicalResult KernelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t blockDim) {
  // The launch API takes block_dim as a 16-bit count (Ascend C <<<>>>).
  if (blockDim < 1 || blockDim > 65535)
    return emitError() << "block_dim must be in [1, 65535], got " << blockDim;
  return success();
}

LogicalResult AICoreDialect::verifyOperationAttribute(Operation *op,
                                                      NamedAttribute attr) {
  if (attr.getName() == getTargetAttrName()) {
    if (!isa<ModuleOp>(op))
      return op->emitError() << "'" << getTargetAttrName()
                             << "' belongs on a builtin.module";
    if (!isa<TargetAttr>(attr.getValue()))
      return op->emitError() << "'" << getTargetAttrName()
                             << "' must be an #aicore.target attribute";
    return success();
  }
  if (attr.getName() == getKernelAttrName()) {
    if (!isa<func::FuncOp>(op))
      return op->emitError() << "'" << getKernelAttrName()
                             << "' belongs on a func.func";
    if (!isa<KernelAttr>(attr.getValue()))
      return op->emitError() << "'" << getKernelAttrName()
                             << "' must be an #aicore.kernel attribute";
    for (auto [i, type] :
         llvm::enumerate(cast<func::FuncOp>(op).getArgumentTypes())) {
      auto memref = dyn_cast<MemRefType>(type);
      if (memref && !isStorableElementType(memref.getElementType()))
        return op->emitError()
               << "kernel argument " << i << " has element type "
               << memref.getElementType() << ", which no buffer stores ("
               << kStorableElementTypes << ")";
    }
    return success();
  }
  return op->emitError() << "unknown aicore attribute '" << attr.getName().getValue()
                         << "'";
}

LogicalResult AICoreDialect::verifyRegionArgAttribute(Operation *op,
                                                      unsigned region,
                                                      unsigned argIndex,
                                                      NamedAttribute attr) {
  if (attr.getName() != getAliasesAttrName())
    return op->emitError() << "unknown aicore argument attribute '"
                           << attr.getName().getValue() << "'";
  auto func = dyn_cast<func::FuncOp>(op);
  auto index = dyn_cast<IntegerAttr>(attr.getValue());
  if (!func || region != 0 || !index)
    return op->emitError() << "'" << getAliasesAttrName()
                           << "' is an integer attribute of a func.func "
                              "argument";
  int64_t other = index.getInt();
  if (other < 0 || other >= argIndex)
    return op->emitError() << "argument " << argIndex << "'s '"
                           << getAliasesAttrName() << "' names argument "
                           << other << "; it must name an earlier argument";
  Type mine = func.getArgumentTypes()[argIndex];
  Type theirs = func.getArgumentTypes()[other];
  if (mine != theirs)
    return op->emitError() << "argument " << argIndex << " (" << mine
                           << ") aliases argument " << other << " (" << theirs
                           << "): one buffer cannot be both";
  return success();
}

bool mlir::aicore::isHostFunction(Operation *op) {
  auto function = dyn_cast<func::FuncOp>(op);
  return function && !function.isExternal() &&
         !function->hasAttr(AICoreDialect::getKernelAttrName()) &&
         !function.getOps<func::CallOp>().empty();
}
