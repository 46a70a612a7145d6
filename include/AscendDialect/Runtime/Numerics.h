//===- Numerics.h - the numerics contract, in code --------------*- C++ -*-===//
//
// Every value the interpreter computes goes through these functions, so that
// results follow docs/Numerics.md bit for bit and never depend on the host
// compiler's _Float16 handling or the host libm. f16 and bf16 values are held
// as their 16-bit patterns; each conversion names its rounding mode.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_RUNTIME_NUMERICS_H
#define ASCENDDIALECT_RUNTIME_NUMERICS_H

#include "AscendDialect/AICore/AICoreEnums.h"
#include <cstdint>

namespace mlir::ascend::numerics {

using aicore::RoundMode;

/// A binary floating-point format: 1 sign bit, `expBits`, `manBits`.
struct FloatFormat {
  int expBits;
  int manBits;
};
inline constexpr FloatFormat kF16{5, 10};
inline constexpr FloatFormat kBF16{8, 7};
inline constexpr FloatFormat kF32{8, 23};

/// Rounds the exact value (-1)^negative * magnitude * 2^exponent to `format`
/// with `mode` and returns its bit pattern (low bits of the result).
/// Overflow gives infinity for rint/round, the largest finite value for
/// trunc/odd and for the side floor/ceil round towards zero.
uint32_t roundToFormat(bool negative, uint64_t magnitude, int exponent,
                       FloatFormat format, RoundMode mode);

//===----------------------------------------------------------------------===//
// Float <-> float
//===----------------------------------------------------------------------===//

float bitsToF32(uint32_t bits);
uint32_t f32ToBits(float value);

/// Exact widening conversions.
float f16ToF32(uint16_t bits);
float bf16ToF32(uint16_t bits);

/// Narrowing conversions. NaN becomes the quiet NaN of the format with the
/// sign kept (f16 0x7E00, bf16 0x7FC0); infinities stay infinities.
uint16_t f32ToF16(float value, RoundMode mode = RoundMode::rint);
uint16_t f32ToBF16(float value, RoundMode mode = RoundMode::rint);

/// Rounds `value` to an integral f32 value (vec.cast f32 -> f32).
float roundF32ToIntegral(float value, RoundMode mode);

/// Rounds an f64 value to f32 with `mode` (the last step of every vector
/// transcendental, which evaluates in f64).
float f64ToF32(double value, RoundMode mode = RoundMode::rint);
uint16_t f64ToF16(double value, RoundMode mode = RoundMode::rint);
uint16_t f64ToBF16(double value, RoundMode mode = RoundMode::rint);

//===----------------------------------------------------------------------===//
// Float <-> integer
//===----------------------------------------------------------------------===//

/// Float to integer: round with `mode`, then saturate to [min, max]; NaN -> 0
/// (Ascend C Cast documentation).
int64_t f32ToInt(float value, RoundMode mode, int64_t min, int64_t max);
inline int32_t f32ToI32(float v, RoundMode m) {
  return static_cast<int32_t>(f32ToInt(v, m, INT32_MIN, INT32_MAX));
}
inline int16_t f32ToI16(float v, RoundMode m) {
  return static_cast<int16_t>(f32ToInt(v, m, INT16_MIN, INT16_MAX));
}
inline int8_t f32ToI8(float v, RoundMode m) {
  return static_cast<int8_t>(f32ToInt(v, m, INT8_MIN, INT8_MAX));
}
/// int4 values are held sign-extended in an int8.
inline int8_t f32ToI4(float v, RoundMode m) {
  return static_cast<int8_t>(f32ToInt(v, m, -8, 7));
}

/// Integer to float, rounded once with `mode`.
uint16_t intToF16(int64_t value, RoundMode mode = RoundMode::rint);
float intToF32(int64_t value, RoundMode mode = RoundMode::rint);

/// Saturating integer narrowing (e.g. i32 -> i8).
int64_t saturate(int64_t value, int64_t min, int64_t max);

//===----------------------------------------------------------------------===//
// Transcendentals. Evaluated in f64 with the algorithms of docs/Numerics.md
// (no libm), then rounded once to the operand type.
//===----------------------------------------------------------------------===//

double expF64(double x);
double lnF64(double x);
/// sqrt, 1/x and 1/sqrt use IEEE f64 operations only (correctly rounded
/// sqrt and division), so they are the same on every host.
double sqrtF64(double x);
double reciprocalF64(double x);
double rsqrtF64(double x);

} // namespace mlir::ascend::numerics

#endif
