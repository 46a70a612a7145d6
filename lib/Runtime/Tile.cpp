//===- Tile.cpp - element access for strided views ------------------------===//

#include "Tile.h"

#include <cstring>

using namespace mlir;
using namespace mlir::ascend::runtime;
namespace nm = mlir::ascend::numerics;

ElementKind mlir::ascend::runtime::getElementKind(Type type) {
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF64())
    return ElementKind::F64;
  return ElementKind::Int;
}

unsigned mlir::ascend::runtime::getStorageBits(Type type) {
  if (type.isIndex())
    return 64;
  return type.getIntOrFloatBitWidth();
}

int64_t mlir::ascend::runtime::wrapToWidth(int64_t value, unsigned bits) {
  if (bits >= 64)
    return value;
  uint64_t mask = (uint64_t(1) << bits) - 1;
  uint64_t low = static_cast<uint64_t>(value) & mask;
  uint64_t sign = uint64_t(1) << (bits - 1);
  return static_cast<int64_t>((low ^ sign) - sign);
}

double mlir::ascend::runtime::roundToType(double value, ElementKind kind,
                                          nm::RoundMode mode) {
  switch (kind) {
  case ElementKind::F16:
    return nm::f16ToF32(nm::f64ToF16(value, mode));
  case ElementKind::BF16:
    return nm::bf16ToF32(nm::f64ToBF16(value, mode));
  case ElementKind::F32:
    return nm::f64ToF32(value, mode);
  default:
    return value;
  }
}

int64_t TileRef::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t TileRef::linear(ArrayRef<int64_t> index) const {
  int64_t at = offset;
  for (size_t d = 0; d < index.size(); ++d)
    at += index[d] * strides[d];
  return at;
}

int64_t TileRef::linearOfOrdinal(int64_t ordinal) const {
  int64_t at = offset;
  for (int64_t d = rank() - 1; d >= 0; --d) {
    at += (ordinal % shape[d]) * strides[d];
    ordinal /= shape[d];
  }
  return at;
}

uint64_t TileRef::loadRaw(int64_t element) const {
  const uint8_t *base = storage->bytes.data();
  if (bits < 8) { // i1 and i4: packed from the lowest bit of each byte
    int64_t bit = element * bits;
    return (base[bit / 8] >> (bit % 8)) & ((1u << bits) - 1);
  }
  uint64_t value = 0;
  std::memcpy(&value, base + element * (bits / 8), bits / 8);
  return value;
}

void TileRef::storeRaw(int64_t element, uint64_t value) const {
  uint8_t *base = storage->bytes.data();
  if (bits < 8) {
    int64_t bit = element * bits;
    uint8_t mask = static_cast<uint8_t>(((1u << bits) - 1) << (bit % 8));
    base[bit / 8] = static_cast<uint8_t>((base[bit / 8] & ~mask) |
                                         ((value << (bit % 8)) & mask));
    return;
  }
  std::memcpy(base + element * (bits / 8), &value, bits / 8);
}

double TileRef::loadFloat(int64_t element) const {
  uint64_t raw = loadRaw(element);
  switch (kind) {
  case ElementKind::F16:
    return nm::f16ToF32(static_cast<uint16_t>(raw));
  case ElementKind::BF16:
    return nm::bf16ToF32(static_cast<uint16_t>(raw));
  case ElementKind::F32:
    return nm::bitsToF32(static_cast<uint32_t>(raw));
  case ElementKind::F64: {
    double v;
    std::memcpy(&v, &raw, sizeof(v));
    return v;
  }
  case ElementKind::Int:
    return static_cast<double>(loadInt(element));
  }
  return 0;
}

int64_t TileRef::loadInt(int64_t element) const {
  return wrapToWidth(static_cast<int64_t>(loadRaw(element)), bits);
}

void TileRef::storeFloat(int64_t element, double value,
                         nm::RoundMode mode) const {
  switch (kind) {
  case ElementKind::F16:
    return storeRaw(element, nm::f64ToF16(value, mode));
  case ElementKind::BF16:
    return storeRaw(element, nm::f64ToBF16(value, mode));
  case ElementKind::F32:
    return storeRaw(element, nm::f32ToBits(nm::f64ToF32(value, mode)));
  case ElementKind::F64: {
    uint64_t raw;
    std::memcpy(&raw, &value, sizeof(raw));
    return storeRaw(element, raw);
  }
  case ElementKind::Int:
    return storeInt(element, static_cast<int64_t>(value));
  }
}

void TileRef::storeInt(int64_t element, int64_t value) const {
  storeRaw(element, static_cast<uint64_t>(value));
}
