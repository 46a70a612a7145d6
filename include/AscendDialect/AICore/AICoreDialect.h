//===- AICoreDialect.h - the aicore dialect ---------------------*- C++ -*-===//
#ifndef ASCENDDIALECT_AICORE_AICOREDIALECT_H
#define ASCENDDIALECT_AICORE_AICOREDIALECT_H

#include "AscendDialect/AICore/AICoreEnums.h"
#include "AscendDialect/Target/TargetInfo.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "AscendDialect/AICore/AICoreOpsDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "AscendDialect/AICore/AICoreAttrs.h.inc"

#include "AscendDialect/AICore/AICoreInterfaces.h.inc"

#define GET_OP_CLASSES
#include "AscendDialect/AICore/AICoreOps.h.inc"

namespace mlir::aicore {

//===----------------------------------------------------------------------===//
// Helpers shared by the verifiers of every kernel-level dialect.
//===----------------------------------------------------------------------===//

/// The target of the module enclosing `op` (Ascend910B2 when none is set).
const TargetInfo &getTargetInfo(Operation *op);

/// The aicore space of a memref type, or nullopt if it has none.
std::optional<AddressSpace> getAddressSpace(Type type);

/// The core type that owns `space` on a split target (L1/L0x: cube, UB:
/// vector); nullopt for GM, which every core reaches.
std::optional<CoreType> getOwningCoreType(AddressSpace space);

/// The core type a pipe belongs to on a split target; nullopt for pipes both
/// core types have (S, MTE2, MTE3 - the cube core writes L1 to GM on MTE3 -
/// and ALL).
std::optional<CoreType> getOwningCoreType(Pipe pipe);

/// Bytes a statically shaped memref occupies (i1 and i4 are packed).
int64_t getTileBytes(MemRefType type);

/// Whether `func` (a func.func) is a host function: defined, no
/// `aicore.kernel` attribute, launching kernels with func.call. Hosts have
/// no pipes; passes over kernels leave them alone and ascend-run runs their
/// launches in order.
bool isHostFunction(Operation *func);

/// Whether the buffers can hold elements of `type`: i1, i4, i8, i16, i32,
/// i64, f16, bf16, f32 or f64 (index and other widths have no layout in
/// memory the hardware defines).
bool isStorableElementType(Type type);
inline constexpr llvm::StringLiteral kStorableElementTypes =
    "i1, i4, i8, i16, i32, i64, f16, bf16, f32 or f64";

/// Verifies that `value` is a tile `op` may use as `name`: a memref of a
/// storable element type in one of
/// `allowed` spaces, statically shaped, with a static layout offset aligned to
/// the space's alignment, fitting the space's capacity on the target.
LogicalResult verifyTile(Operation *op, Value value, StringRef name,
                         ArrayRef<AddressSpace> allowed);

/// Verifies that `type` is one of `allowed`, naming the operand in the error.
LogicalResult verifyElementType(Operation *op, Type type, StringRef name,
                                ArrayRef<Type> allowed);

/// "f16, bf16 and f32", for diagnostics.
std::string formatTypeList(ArrayRef<Type> types);

/// The cube unit's fractal step for operands of `elementType` on `target`
/// (f16 and bf16 share one rate), or null if the cube does not take that type.
/// Both L0 tile shapes (mte.copy) and mmad dimensions are fractal multiples.
const CubeRate *getCubeRate(const TargetInfo &target, Type elementType);

} // namespace mlir::aicore

#endif
