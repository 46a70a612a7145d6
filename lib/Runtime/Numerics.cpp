//===- Numerics.cpp - conversions and transcendentals ---------------------===//
//
// One rounding routine (roundToFormat) serves every conversion: a value is
// first split into an exact (sign, integer magnitude, power of two) triple,
// then rounded once. That keeps the six rounding modes in one place and makes
// every conversion exact-then-round by construction.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Numerics.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir::ascend::numerics;

namespace {

/// An exactly represented finite value: (-1)^negative * magnitude * 2^exponent.
struct Exact {
  bool negative;
  uint64_t magnitude;
  int exponent;
};

enum class Kind { Finite, Infinity, NaN };

Kind decompose(float value, Exact &out) {
  uint32_t bits = f32ToBits(value);
  out.negative = bits >> 31;
  uint32_t e = (bits >> 23) & 0xFF, frac = bits & 0x7FFFFF;
  if (e == 0xFF)
    return frac ? Kind::NaN : Kind::Infinity;
  out.magnitude = e ? (frac | 0x800000u) : frac;
  out.exponent = (e ? e : 1) - 150;
  return Kind::Finite;
}

Kind decompose(double value, Exact &out) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  out.negative = bits >> 63;
  uint64_t e = (bits >> 52) & 0x7FF, frac = bits & ((uint64_t(1) << 52) - 1);
  if (e == 0x7FF)
    return frac ? Kind::NaN : Kind::Infinity;
  out.magnitude = e ? (frac | (uint64_t(1) << 52)) : frac;
  out.exponent = static_cast<int>(e ? e : 1) - 1075;
  return Kind::Finite;
}

/// magnitude / 2^shift rounded to an integer with `mode` (shift > 0).
/// `negative` is the sign of the value, which floor and ceil need.
uint64_t roundShifted(uint64_t magnitude, int shift, bool negative,
                      RoundMode mode) {
  uint64_t kept = 0;
  bool inexact = magnitude != 0;
  int vsHalf = -1; // the dropped part compared with half a unit: -1, 0, 1
  if (shift == 64) {
    const uint64_t half = uint64_t(1) << 63;
    vsHalf = magnitude < half ? -1 : magnitude == half ? 0 : 1;
  } else if (shift < 64) {
    const uint64_t rem = magnitude & ((uint64_t(1) << shift) - 1);
    const uint64_t half = uint64_t(1) << (shift - 1);
    kept = magnitude >> shift;
    inexact = rem != 0;
    vsHalf = rem < half ? -1 : rem == half ? 0 : 1;
  } // shift > 64: magnitude < 2^64 <= half, everything is dropped
  switch (mode) {
  case RoundMode::rint:
    return kept + (vsHalf > 0 || (vsHalf == 0 && (kept & 1)));
  case RoundMode::round:
    return kept + (vsHalf >= 0);
  case RoundMode::floor:
    return kept + (inexact && negative);
  case RoundMode::ceil:
    return kept + (inexact && !negative);
  case RoundMode::trunc:
    return kept;
  case RoundMode::odd:
    return kept | (inexact ? 1 : 0);
  }
  return kept;
}

uint32_t infinityBits(FloatFormat f) {
  return ((uint32_t(1) << f.expBits) - 1) << f.manBits;
}

uint32_t signBit(FloatFormat f) { return uint32_t(1) << (f.expBits + f.manBits); }

/// Quiet NaN with the sign kept: exponent all ones, top mantissa bit set.
uint32_t quietNaNBits(FloatFormat f, bool negative) {
  return (negative ? signBit(f) : 0) | infinityBits(f) |
         (uint32_t(1) << (f.manBits - 1));
}

/// Converts a host float or double to `f`: NaN and infinities by rule, finite
/// values through one rounding.
template <typename From>
uint32_t convert(From value, FloatFormat f, RoundMode mode) {
  Exact x;
  switch (decompose(value, x)) {
  case Kind::NaN:
    return quietNaNBits(f, x.negative);
  case Kind::Infinity:
    return (x.negative ? signBit(f) : 0) | infinityBits(f);
  case Kind::Finite:
    break;
  }
  return roundToFormat(x.negative, x.magnitude, x.exponent, f, mode);
}

uint32_t convertInteger(int64_t value, FloatFormat f, RoundMode mode) {
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value)
                                : static_cast<uint64_t>(value);
  return roundToFormat(negative, magnitude, 0, f, mode);
}

} // namespace

uint32_t mlir::ascend::numerics::roundToFormat(bool negative,
                                               uint64_t magnitude, int exponent,
                                               FloatFormat f, RoundMode mode) {
  uint32_t sign = negative ? signBit(f) : 0;
  if (magnitude == 0)
    return sign;
  const int bias = (1 << (f.expBits - 1)) - 1;
  const int emin = 1 - bias;
  const int lead = 63 - __builtin_clzll(magnitude);
  // The quantum (weight of the last kept bit): that of a normal number with
  // the value's leading exponent, but never below the subnormal quantum.
  int quantum = std::max(exponent + lead - f.manBits, emin - f.manBits);
  int shift = quantum - exponent;
  uint64_t kept = shift <= 0 ? magnitude << -shift
                             : roundShifted(magnitude, shift, negative, mode);
  if (kept == (uint64_t(1) << (f.manBits + 1))) { // rounded up a binade
    kept >>= 1;
    ++quantum;
  }
  if (kept == 0)
    return sign;
  if (kept < (uint64_t(1) << f.manBits)) // subnormal: biased exponent 0
    return sign | static_cast<uint32_t>(kept);
  if (quantum + f.manBits > bias) { // overflow
    bool toInfinity = mode == RoundMode::rint || mode == RoundMode::round ||
                      (mode == RoundMode::floor && negative) ||
                      (mode == RoundMode::ceil && !negative);
    return sign | (toInfinity ? infinityBits(f) : infinityBits(f) - 1);
  }
  uint32_t biased = static_cast<uint32_t>(quantum + f.manBits + bias);
  return sign | (biased << f.manBits) |
         static_cast<uint32_t>(kept & ((uint64_t(1) << f.manBits) - 1));
}

float mlir::ascend::numerics::bitsToF32(uint32_t bits) {
  float v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}

uint32_t mlir::ascend::numerics::f32ToBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

float mlir::ascend::numerics::f16ToF32(uint16_t h) {
  uint32_t sign = uint32_t(h >> 15) << 31;
  uint32_t e = (h >> 10) & 0x1F, frac = h & 0x3FF;
  if (e == 0x1F) // infinity or NaN; the payload moves with the mantissa
    return bitsToF32(sign | 0x7F800000u | (frac << 13));
  if (e == 0) // subnormal (or zero): frac * 2^-24, exact in f32
    return bitsToF32(roundToFormat(h >> 15, frac, -24, kF32, RoundMode::rint));
  return bitsToF32(sign | ((e + 112) << 23) | (frac << 13));
}

float mlir::ascend::numerics::bf16ToF32(uint16_t b) {
  return bitsToF32(uint32_t(b) << 16);
}

uint16_t mlir::ascend::numerics::f32ToF16(float value, RoundMode mode) {
  return static_cast<uint16_t>(convert(value, kF16, mode));
}

uint16_t mlir::ascend::numerics::f32ToBF16(float value, RoundMode mode) {
  return static_cast<uint16_t>(convert(value, kBF16, mode));
}

float mlir::ascend::numerics::f64ToF32(double value, RoundMode mode) {
  return bitsToF32(convert(value, kF32, mode));
}

uint16_t mlir::ascend::numerics::f64ToF16(double value, RoundMode mode) {
  return static_cast<uint16_t>(convert(value, kF16, mode));
}

uint16_t mlir::ascend::numerics::f64ToBF16(double value, RoundMode mode) {
  return static_cast<uint16_t>(convert(value, kBF16, mode));
}

float mlir::ascend::numerics::roundF32ToIntegral(float value, RoundMode mode) {
  Exact x;
  if (decompose(value, x) != Kind::Finite || x.exponent >= 0)
    return value; // NaN, infinities and large values are already integral
  uint64_t integer = roundShifted(x.magnitude, -x.exponent, x.negative, mode);
  float magnitude = static_cast<float>(integer); // < 2^24 + 1: exact
  return x.negative ? -magnitude : magnitude;    // keeps -0.0
}

int64_t mlir::ascend::numerics::saturate(int64_t value, int64_t min,
                                         int64_t max) {
  return value < min ? min : value > max ? max : value;
}

int64_t mlir::ascend::numerics::f32ToInt(float value, RoundMode mode,
                                         int64_t min, int64_t max) {
  Exact x;
  switch (decompose(value, x)) {
  case Kind::NaN:
    return 0;
  case Kind::Infinity:
    return x.negative ? min : max;
  case Kind::Finite:
    break;
  }
  uint64_t integer;
  if (x.exponent >= 0) {
    if (x.exponent + 24 >= 63) // beyond any int64: saturate
      return x.negative ? min : max;
    integer = x.magnitude << x.exponent;
  } else {
    integer = roundShifted(x.magnitude, -x.exponent, x.negative, mode);
  }
  int64_t signedValue = x.negative ? -static_cast<int64_t>(integer)
                                   : static_cast<int64_t>(integer);
  return saturate(signedValue, min, max);
}

uint16_t mlir::ascend::numerics::intToF16(int64_t value, RoundMode mode) {
  return static_cast<uint16_t>(convertInteger(value, kF16, mode));
}

float mlir::ascend::numerics::intToF32(int64_t value, RoundMode mode) {
  return bitsToF32(convertInteger(value, kF32, mode));
}

//===----------------------------------------------------------------------===//
// Transcendentals (docs/Numerics.md, "Transcendental functions")
//===----------------------------------------------------------------------===//

namespace {
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (Cody-Waite).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

/// 2^k for any k a double can scale by, built from bits (no libm).
double powerOfTwo(int k) {
  uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
  double v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}

/// x * 2^k in at most three exact multiplications by normal powers of two,
/// so only the last one can round (into the subnormal range).
double scaleByPowerOfTwo(double x, int k) {
  while (k > 1023) {
    x *= powerOfTwo(1023);
    k -= 1023;
  }
  while (k < -1022) {
    x *= powerOfTwo(-1022);
    k += 1022;
  }
  return x * powerOfTwo(k);
}
} // namespace

double mlir::ascend::numerics::expF64(double x) {
  if (x != x)
    return x;
  if (x > 709.782712893384)
    return std::numeric_limits<double>::infinity();
  if (x < -745.2)
    return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; exp(x) = 2^k exp(r).
  double kf = x * kInvLn2;
  int k = static_cast<int>(kf < 0 ? kf - 0.5 : kf + 0.5);
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series of exp(r) to r^16 in Horner form: the first dropped term
  // is below 2^-60 relative for |r| <= 0.347.
  double p = 1.0;
  for (int n = 16; n >= 1; --n)
    p = 1.0 + p * r / n;
  return scaleByPowerOfTwo(p, k);
}

double mlir::ascend::numerics::lnF64(double x) {
  if (x != x || x < 0)
    return std::numeric_limits<double>::quiet_NaN();
  if (x == 0)
    return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity())
    return x;
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln x = e ln2 + ln m and
  // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
  int e = 0;
  if (x < 0x1p-1022) { // subnormal: normalise first
    x *= 0x1p54;
    e -= 54;
  }
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  e += static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  bits = (bits & ((uint64_t(1) << 52) - 1)) | (uint64_t(1023) << 52);
  double m;
  std::memcpy(&m, &bits, sizeof(m));
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++e;
  }
  double s = (m - 1.0) / (m + 1.0);
  double s2 = s * s;
  // atanh(s) = s (1 + s^2/3 + s^4/5 + ...), to s^24: error below 2^-62.
  double series = 0.0;
  for (int n = 25; n >= 1; n -= 2)
    series = 1.0 / n + s2 * series;
  return e * kLn2Hi + (e * kLn2Lo + 2.0 * s * series);
}

double mlir::ascend::numerics::sqrtF64(double x) { return std::sqrt(x); }

double mlir::ascend::numerics::reciprocalF64(double x) { return 1.0 / x; }

double mlir::ascend::numerics::rsqrtF64(double x) { return 1.0 / std::sqrt(x); }
