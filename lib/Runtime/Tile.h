//===- Tile.h - buffers and strided views the interpreter works on -*- C++ -*-===//
//
// A Storage is the byte array of one buffer (a GM argument or one on-chip
// space of one core). A TileRef is a strided view into it, the runtime value
// of a memref. Element access goes through one pair of raw load/store
// functions so sub-byte types (i1, i4) are packed the same way everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_LIB_RUNTIME_TILE_H
#define ASCEND_LIB_RUNTIME_TILE_H

#include "AscendDialect/Runtime/Numerics.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <variant>
#include <cmath>
#include <cstdint>
#include <vector>

namespace mlir::ascend::runtime {

struct Storage {
  std::vector<uint8_t> bytes;
  /// Element capacity for elements of `bits` width.
  int64_t capacity(unsigned bits) const {
    return static_cast<int64_t>(bytes.size()) * 8 / bits;
  }
};

/// How an element type is stored and computed with.
enum class ElementKind { F16, BF16, F32, F64, Int };

struct TileRef {
  Storage *storage = nullptr;
  int64_t offset = 0; ///< in elements
  /// Where the viewed memref's layout offset 0 is (its allocation's start),
  /// in elements: `offset - base` is the offset its type states.
  int64_t base = 0;
  llvm::SmallVector<int64_t, 4> shape;
  llvm::SmallVector<int64_t, 4> strides; ///< in elements
  Type elementType;
  unsigned bits = 0;
  ElementKind kind = ElementKind::Int;

  int64_t numElements() const;
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  /// Absolute element index of the element at multi-index `index`.
  int64_t linear(llvm::ArrayRef<int64_t> index) const;
  /// Absolute element index of the i-th element in row-major order.
  int64_t linearOfOrdinal(int64_t ordinal) const;

  uint64_t loadRaw(int64_t element) const;
  void storeRaw(int64_t element, uint64_t value) const;

  /// Float elements as the exact f64 value; integers sign-extended.
  double loadFloat(int64_t element) const;
  int64_t loadInt(int64_t element) const;
  /// Rounds `value` to the element type with `mode` and stores it.
  void storeFloat(int64_t element, double value,
                  numerics::RoundMode mode = numerics::RoundMode::rint) const;
  /// Stores the low `bits` bits of `value` (integers wrap).
  void storeInt(int64_t element, int64_t value) const;
  bool isFloat() const { return kind != ElementKind::Int; }
};

ElementKind getElementKind(Type type);
unsigned getStorageBits(Type type);

/// Rounds an exact f64 value to a float type's precision (f64: unchanged).
double roundToType(double value, ElementKind kind,
                   numerics::RoundMode mode = numerics::RoundMode::rint);

/// Sign-extends the low `bits` bits of `value`.
int64_t wrapToWidth(int64_t value, unsigned bits);

/// IEEE 754-2019 maximum/minimum when `nanWins` (a NaN operand gives NaN,
/// -0 < +0), maxNum/minNum otherwise (a NaN operand loses).
inline double selectExtreme(double a, double b, bool isMax, bool nanWins) {
  if (a != a || b != b)
    return nanWins ? (a != a ? a : b) : (a != a ? b : a);
  if (a == b) // equal values differ at most in the sign of zero
    return (std::signbit(a) != isMax) ? a : b;
  return (a > b) == isMax ? a : b;
}

/// The runtime value of an SSA value: an integer (sign-extended from its
/// width; i1 true is -1), a float (the exact value, already rounded to its
/// type) or a tile.
using RtValue = std::variant<int64_t, double, TileRef>;

/// How executors read the runtime value of an SSA operand.
using Lookup = llvm::function_ref<const RtValue &(Value)>;

} // namespace mlir::ascend::runtime

#endif
