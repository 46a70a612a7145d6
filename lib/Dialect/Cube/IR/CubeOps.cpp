//===- CubeOps.cpp - cube op verifiers ---------------------------------===//

#include "AscendDialect/Cube/CubeDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::cube;
using aicore::AddressSpace;
using aicore::CoreType;
using aicore::Pipe;

#define GET_OP_CLASSES
#include "AscendDialect/Cube/CubeOps.cpp.inc"

//===----------------------------------------------------------------------===//
// MmadOp
//===----------------------------------------------------------------------===//

Pipe MmadOp::getPipe() { return Pipe::m; }

CoreType MmadOp::getCoreType() { return CoreType::cube; }

static LogicalResult verifyMatrix(MmadOp op, Value value, StringRef name) {
  auto type = cast<MemRefType>(value.getType());
  if (type.getRank() == 2)
    return success();
  return op.emitOpError() << name << " must be a 2-D tile, got rank "
                          << type.getRank();
}

/// The (rows, cols) of a 2-D tile read as its logical (outer, inner) matrix.
static std::pair<int64_t, int64_t> logicalDims(Value value, bool transposed) {
  ArrayRef<int64_t> shape = cast<MemRefType>(value.getType()).getShape();
  return transposed ? std::pair(shape[1], shape[0])
                    : std::pair(shape[0], shape[1]);
}

static LogicalResult verifyFractalDim(MmadOp op, StringRef dim, int64_t size,
                                      unsigned step, Type elementType) {
  if (size % step == 0)
    return success();
  return op.emitOpError() << dim << " = " << size << " is not a multiple of "
                          << step << ", the cube's " << StringRef(dim).lower()
                          << "0 for " << elementType << " on "
                          << aicore::getTargetInfo(op).name;
}

LogicalResult MmadOp::verify() {
  if (failed(aicore::verifyTile(*this, getA(), "a", {AddressSpace::l0a})) ||
      failed(aicore::verifyTile(*this, getB(), "b", {AddressSpace::l0b})) ||
      failed(aicore::verifyTile(*this, getC(), "c", {AddressSpace::l0c})) ||
      failed(verifyMatrix(*this, getA(), "a")) ||
      failed(verifyMatrix(*this, getB(), "b")) ||
      failed(verifyMatrix(*this, getC(), "c")))
    return failure();

  Builder b(getContext());
  Type aType = getA().getType().getElementType();
  Type bType = getB().getType().getElementType();
  Type cType = getC().getType().getElementType();
  if (failed(aicore::verifyElementType(*this, aType, "a",
                                       {b.getF16Type(), b.getBF16Type(),
                                        b.getF32Type(), b.getI8Type(),
                                        b.getIntegerType(4)})))
    return failure();
  if (bType != aType)
    return emitOpError() << "b has element type " << bType << ", expected "
                         << aType << " (the a element type)";
  Type accType =
      isa<FloatType>(aType) ? Type(b.getF32Type()) : Type(b.getI32Type());
  if (cType != accType)
    return emitOpError() << "c has element type " << cType << ", expected "
                         << accType << " to accumulate " << aType
                         << " products";

  auto [m, k] = logicalDims(getA(), getTransposeA());
  auto [kb, n] = logicalDims(getB(), getTransposeB());
  if (kb != k)
    return emitOpError() << "a has K = " << k << " but b has K = " << kb
                         << " (a is " << (getTransposeA() ? "KxM" : "MxK")
                         << ", b is " << (getTransposeB() ? "NxK" : "KxN")
                         << ")";
  ArrayRef<int64_t> cShape = getC().getType().getShape();
  if (cShape[0] != m || cShape[1] != n)
    return emitOpError() << "c has shape " << cShape[0] << "x" << cShape[1]
                         << ", expected " << m << "x" << n << " (M x N)";

  const aicore::CubeRate &rate =
      *aicore::getCubeRate(aicore::getTargetInfo(*this), aType);
  if (failed(verifyFractalDim(*this, "M", m, rate.m0, aType)) ||
      failed(verifyFractalDim(*this, "K", k, rate.k0, aType)))
    return failure();
  return verifyFractalDim(*this, "N", n, rate.n0, aType);
}
