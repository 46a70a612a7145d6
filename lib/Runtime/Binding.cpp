//===- Binding.cpp - .npy arrays <-> kernel buffers, comparison ----------===//

#include "AscendDialect/Runtime/Binding.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Runtime/Numerics.h"
#include "Tile.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;
using namespace mlir::ascend::runtime;
namespace nm = mlir::ascend::numerics;

std::optional<NpyDType> mlir::ascend::runtime::getNpyDType(Type type) {
  if (type.isF16())
    return NpyDType::F16;
  if (type.isBF16())
    return NpyDType::U16;
  if (type.isF32())
    return NpyDType::F32;
  if (type.isF64())
    return NpyDType::F64;
  if (type.isInteger(1))
    return NpyDType::Bool;
  if (type.isInteger(4) || type.isInteger(8))
    return NpyDType::I8;
  if (type.isInteger(16))
    return NpyDType::I16;
  if (type.isInteger(32))
    return NpyDType::I32;
  if (type.isInteger(64))
    return NpyDType::I64;
  return std::nullopt;
}

bool mlir::ascend::runtime::acceptsNpyDType(Type type, NpyDType dtype) {
  // ml_dtypes' bfloat16 saves as 2-byte void ('<V2'): the same bits.
  if (type.isBF16() && dtype == NpyDType::V2)
    return true;
  return getNpyDType(type) == dtype;
}

/// The dtype(s) an argument of element type `type` reads, for errors.
static std::string expectedDTypeText(Type type, NpyDType dtype) {
  if (type.isBF16())
    return "uint16 bit patterns or ml_dtypes bfloat16 ('<V2')";
  return dtypeName(dtype).str();
}

/// The dtype a file holds, for errors.
static std::string fileDTypeText(NpyDType dtype) {
  if (dtype == NpyDType::V2)
    return "void16 ('<V2' or '|V2', raw 2-byte elements)";
  return dtypeName(dtype).str();
}

static std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// A view of a GM buffer of `type`, to reuse the packed element access.
static TileRef viewOf(Storage &storage, MemRefType type) {
  TileRef t;
  t.storage = &storage;
  t.elementType = type.getElementType();
  t.bits = getStorageBits(t.elementType);
  t.kind = getElementKind(t.elementType);
  t.shape.assign(type.getShape().begin(), type.getShape().end());
  t.strides.assign(type.getRank(), 1);
  for (int64_t d = type.getRank() - 2; d >= 0; --d)
    t.strides[d] = t.strides[d + 1] * t.shape[d + 1];
  return t;
}

llvm::Expected<GlobalBuffer>
mlir::ascend::runtime::bufferFromNpy(const NpyArray &array, MemRefType type,
                                     llvm::StringRef what) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   what + ": " + why);
  };
  Type element = type.getElementType();
  std::optional<NpyDType> dtype = getNpyDType(element);
  std::string expected;
  llvm::raw_string_ostream os(expected);
  os << type;
  if (!dtype)
    return fail("element type " + os.str() + " cannot be bound to a .npy file");
  if (!acceptsNpyDType(element, array.dtype) ||
      array.shape != std::vector<int64_t>(type.getShape()))
    return fail(llvm::formatv("expects {0}, i.e. {1} with shape {2}; the file "
                              "holds {3} with shape {4}",
                              os.str(), expectedDTypeText(element, *dtype),
                              formatShape(type.getShape()),
                              fileDTypeText(array.dtype),
                              formatShape(array.shape)));
  Storage storage;
  storage.bytes.assign(getBufferBytes(type), 0);
  TileRef view = viewOf(storage, type);
  unsigned size = array.elementBytes();
  for (int64_t i = 0, n = view.numElements(); i < n; ++i) {
    uint64_t raw = 0;
    std::memcpy(&raw, array.data.data() + i * size, size);
    if (element.isInteger(4)) {
      int64_t v = static_cast<int8_t>(raw);
      if (v < -8 || v > 7)
        return fail(llvm::formatv("element {0} is {1}, outside the i4 range "
                                  "[-8, 7]", i, v));
    }
    view.storeRaw(i, raw);
  }
  return GlobalBuffer{std::move(storage.bytes)};
}

NpyArray mlir::ascend::runtime::npyFromBuffer(const GlobalBuffer &buffer,
                                              MemRefType type) {
  NpyArray array;
  array.dtype = *getNpyDType(type.getElementType());
  array.shape.assign(type.getShape().begin(), type.getShape().end());
  Storage storage{buffer.bytes};
  TileRef view = viewOf(storage, type);
  unsigned size = array.elementBytes();
  array.data.assign(view.numElements() * size, 0);
  for (int64_t i = 0, n = view.numElements(); i < n; ++i) {
    // Sign-extend sub-byte and narrow integers into their npy element.
    uint64_t raw = view.isFloat() ? view.loadRaw(i)
                                  : static_cast<uint64_t>(view.loadInt(i));
    std::memcpy(array.data.data() + i * size, &raw, size);
  }
  return array;
}

GlobalBuffer mlir::ascend::runtime::randomBuffer(MemRefType type,
                                                 uint64_t seed) {
  Storage storage;
  storage.bytes.assign(getBufferBytes(type), 0);
  TileRef view = viewOf(storage, type);
  std::mt19937_64 rng(seed);
  int64_t lo = -1000, hi = 1000;
  if (view.bits == 4)
    lo = -8, hi = 7;
  else if (view.bits == 8)
    lo = -128, hi = 127;
  else if (view.bits == 1)
    lo = 0, hi = 1;
  for (int64_t i = 0, n = view.numElements(); i < n; ++i) {
    if (view.isFloat()) {
      // 53 random bits -> [0, 1) exactly, then [-1, 1).
      double u = static_cast<double>(rng() >> 11) * 0x1p-53;
      view.storeFloat(i, 2 * u - 1);
    } else {
      view.storeInt(i, lo + static_cast<int64_t>(rng() % uint64_t(hi - lo + 1)));
    }
  }
  return GlobalBuffer{std::move(storage.bytes)};
}

/// Element `i` of `array` as a number, and its raw bits.
static double numberAt(const NpyArray &array, int64_t i, bool bf16,
                       uint64_t &raw) {
  raw = 0;
  std::memcpy(&raw, array.data.data() + i * array.elementBytes(),
              array.elementBytes());
  if (bf16)
    return nm::bf16ToF32(static_cast<uint16_t>(raw));
  switch (array.dtype) {
  case NpyDType::F16:
    return nm::f16ToF32(static_cast<uint16_t>(raw));
  case NpyDType::F32:
    return nm::bitsToF32(static_cast<uint32_t>(raw));
  case NpyDType::F64: {
    double d;
    std::memcpy(&d, &raw, sizeof(d));
    return d;
  }
  case NpyDType::I8:
    return static_cast<int8_t>(raw);
  case NpyDType::I16:
    return static_cast<int16_t>(raw);
  case NpyDType::I32:
    return static_cast<int32_t>(raw);
  case NpyDType::I64:
    return static_cast<double>(static_cast<int64_t>(raw));
  default: // unsigned and bool
    return static_cast<double>(raw);
  }
}

static std::string indexOf(int64_t i, llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> index(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    index[d] = i % shape[d];
    i /= shape[d];
  }
  std::string s = "[";
  for (auto [k, v] : llvm::enumerate(index))
    s += (k ? ", " : "") + std::to_string(v);
  return s + "]";
}

Comparison mlir::ascend::runtime::compareArrays(const NpyArray &got,
                                                const NpyArray &want,
                                                Type elementType,
                                                const Tolerance &tolerance,
                                                unsigned maxReported) {
  Comparison c;
  c.elements = want.numElements();
  bool bf16 = elementType.isBF16();
  for (int64_t i = 0; i < c.elements; ++i) {
    uint64_t rawGot, rawWant;
    double g = numberAt(got, i, bf16, rawGot), w = numberAt(want, i, bf16, rawWant);
    bool bothNaN = std::isnan(g) && std::isnan(w);
    double abs = bothNaN || g == w ? 0 : std::fabs(g - w);
    double rel = abs == 0 ? 0 : abs / std::fabs(w);
    if (!std::isnan(abs)) {
      c.maxAbsError = std::max(c.maxAbsError, abs);
      c.maxRelError = std::max(c.maxRelError, rel);
    } else {
      c.maxAbsError = c.maxRelError = abs;
    }
    bool ok = tolerance.exact
                  ? rawGot == rawWant
                  : bothNaN || g == w ||
                        abs <= tolerance.atol + tolerance.rtol * std::fabs(w);
    if (ok)
      continue;
    ++c.mismatches;
    if (c.firstMismatches.size() < maxReported)
      c.firstMismatches.push_back(
          llvm::formatv("{0}: got {1}, expected {2}", indexOf(i, want.shape),
                        llvm::format("%.9g", g), llvm::format("%.9g", w))
              .str());
  }
  return c;
}
