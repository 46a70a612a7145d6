//===- TileVerification.cpp - checks every tile op shares ----------------===//
//
// The hardware rules that hold for a tile wherever it is used: the space it
// lives in, its alignment, and whether it fits the space on the target.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::aicore;

const TargetInfo &mlir::aicore::getTargetInfo(Operation *op) {
  for (Operation *cur = op; cur; cur = cur->getParentOp())
    if (auto attr = cur->getAttrOfType<TargetAttr>(
            AICoreDialect::getTargetAttrName()))
      return attr.getInfo();
  return getDefaultTarget();
}

std::optional<AddressSpace> mlir::aicore::getAddressSpace(Type type) {
  auto memref = dyn_cast<BaseMemRefType>(type);
  if (!memref)
    return std::nullopt;
  if (auto space = dyn_cast_or_null<AddressSpaceAttr>(memref.getMemorySpace()))
    return space.getValue();
  return std::nullopt;
}

std::optional<CoreType> mlir::aicore::getOwningCoreType(AddressSpace space) {
  switch (space) {
  case AddressSpace::gm:
    return std::nullopt;
  case AddressSpace::ub:
    return CoreType::vector;
  default:
    return CoreType::cube;
  }
}

std::optional<CoreType> mlir::aicore::getOwningCoreType(Pipe pipe) {
  switch (pipe) {
  case Pipe::mte1:
  case Pipe::m:
  case Pipe::fix:
    return CoreType::cube;
  case Pipe::v:
    return CoreType::vector;
  default:
    return std::nullopt;
  }
}

int64_t mlir::aicore::getTileBytes(MemRefType type) {
  // Saturating: a shape like 2^40 x 2^40 must read as "too big", not wrap.
  uint64_t bits = type.getElementTypeBitWidth();
  for (int64_t dim : type.getShape())
    bits = llvm::SaturatingMultiply(bits, static_cast<uint64_t>(dim));
  return static_cast<int64_t>(
      std::min<uint64_t>(llvm::divideCeil(bits, 8), INT64_MAX));
}

static std::string formatSpaces(ArrayRef<AddressSpace> spaces) {
  std::string out;
  for (auto [i, s] : llvm::enumerate(spaces)) {
    if (i)
      out += i + 1 == spaces.size() ? " or " : ", ";
    out += stringifyAddressSpace(s).str();
  }
  return out;
}

bool mlir::aicore::isStorableElementType(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type))
    return integer.isSignless() &&
           llvm::is_contained({1u, 4u, 8u, 16u, 32u, 64u}, integer.getWidth());
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

LogicalResult mlir::aicore::verifyTile(Operation *op, Value value,
                                       StringRef name,
                                       ArrayRef<AddressSpace> allowed) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type)
    return op->emitOpError() << name << " must be a memref tile, got "
                             << value.getType();
  std::optional<AddressSpace> space = getAddressSpace(type);
  if (!space)
    return op->emitOpError()
           << name << " must be a memref in an #aicore.space, got " << type;
  if (!llvm::is_contained(allowed, *space))
    return op->emitOpError() << name << " must be in " << formatSpaces(allowed)
                             << ", got " << stringifyAddressSpace(*space);
  if (!type.hasStaticShape())
    return op->emitOpError() << name << " must have a static shape, got "
                             << type;
  if (!isStorableElementType(type.getElementType()))
    return op->emitOpError()
           << name << " has element type " << type.getElementType()
           << ", which no buffer stores (" << kStorableElementTypes << ")";

  const TargetInfo &target = getTargetInfo(op);
  const BufferInfo &buffer = target.buffer(*space);
  int64_t offset;
  SmallVector<int64_t> strides;
  if (failed(getStridesAndOffset(type, strides, offset)))
    return op->emitOpError() << name << " must have a strided layout, got "
                             << type;
  if (!ShapedType::isDynamic(offset)) {
    int64_t offsetBits = offset * type.getElementTypeBitWidth();
    if (offsetBits % (8 * buffer.alignment) != 0) {
      InFlightDiagnostic diag = op->emitOpError() << name << " is at a ";
      if (offsetBits % 8) // sub-byte element types (i1, i4)
        diag << offsetBits << "-bit offset";
      else
        diag << offsetBits / 8 << "-byte offset";
      return diag << ", not a multiple of the " << buffer.alignment
                  << "-byte alignment of " << stringifyAddressSpace(*space);
    }
  }
  int64_t bytes = getTileBytes(type);
  if (buffer.bytes && static_cast<uint64_t>(bytes) > buffer.bytes)
    return op->emitOpError()
           << name << " needs " << bytes << " bytes but "
           << stringifyAddressSpace(*space) << " holds " << buffer.bytes
           << " bytes on " << target.name;
  return success();
}

std::string mlir::aicore::formatTypeList(ArrayRef<Type> types) {
  std::string out;
  llvm::raw_string_ostream os(out);
  for (auto [i, t] : llvm::enumerate(types)) {
    if (i)
      os << (i + 1 == types.size() ? " or " : ", ");
    os << t;
  }
  return out;
}

LogicalResult mlir::aicore::verifyElementType(Operation *op, Type type,
                                              StringRef name,
                                              ArrayRef<Type> allowed) {
  if (llvm::is_contained(allowed, type))
    return success();
  return op->emitOpError() << name << " has element type " << type
                           << ", expected " << formatTypeList(allowed);
}

const CubeRate *mlir::aicore::getCubeRate(const TargetInfo &target,
                                          Type elementType) {
  if (elementType.isF16() || elementType.isBF16())
    return &target.cubeF16;
  if (elementType.isF32())
    return &target.cubeF32;
  if (elementType.isSignlessInteger(8))
    return &target.cubeI8;
  if (elementType.isSignlessInteger(4))
    return &target.cubeI4;
  return nullptr;
}
