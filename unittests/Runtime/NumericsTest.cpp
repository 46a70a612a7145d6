//===- NumericsTest.cpp - the numerics contract against llvm::APFloat ----===//
//
// Exhaustive over all 65,536 f16 and all 65,536 bf16 bit patterns for every
// conversion from them and every unary transcendental; dense around every
// rounding boundary for conversions into them. The reference is llvm::APFloat
// (IEEE rounding in five modes; round-to-odd = truncate, then set the last
// bit if anything was dropped) and, for transcendentals, the host's f64 libm
// rounded by APFloat: an algorithm independent of ours.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Numerics.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"
#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace mlir::ascend::numerics;
using llvm::APFloat;

namespace {

constexpr RoundMode kModes[] = {RoundMode::rint,  RoundMode::round,
                                RoundMode::floor, RoundMode::ceil,
                                RoundMode::trunc, RoundMode::odd};

const char *name(RoundMode m) { return mlir::aicore::stringifyRoundMode(m).data(); }

llvm::RoundingMode toLLVM(RoundMode m) {
  switch (m) {
  case RoundMode::rint:
    return llvm::RoundingMode::NearestTiesToEven;
  case RoundMode::round:
    return llvm::RoundingMode::NearestTiesToAway;
  case RoundMode::floor:
    return llvm::RoundingMode::TowardNegative;
  case RoundMode::ceil:
    return llvm::RoundingMode::TowardPositive;
  default: // trunc, and the first step of odd
    return llvm::RoundingMode::TowardZero;
  }
}

/// Converts `value` to `semantics` with `mode` and returns the bit pattern.
uint64_t referenceConvert(APFloat value, const llvm::fltSemantics &semantics,
                          RoundMode mode) {
  bool losesInfo;
  APFloat::opStatus status = value.convert(semantics, toLLVM(mode), &losesInfo);
  uint64_t bits = value.bitcastToAPInt().getZExtValue();
  if (mode == RoundMode::odd && (status & APFloat::opInexact))
    bits |= 1;
  return bits;
}

APFloat fromF32(float v) { return APFloat(v); }
APFloat fromHalfBits(uint16_t h) {
  return APFloat(APFloat::IEEEhalf(), llvm::APInt(16, h));
}
APFloat fromBF16Bits(uint16_t b) {
  return APFloat(APFloat::BFloat(), llvm::APInt(16, b));
}
bool isNaNF16(uint16_t h) { return (h & 0x7C00) == 0x7C00 && (h & 0x3FF); }
bool isNaNBF16(uint16_t b) { return (b & 0x7F80) == 0x7F80 && (b & 0x7F); }

//===----------------------------------------------------------------------===//
// Widening: exact, exhaustive
//===----------------------------------------------------------------------===//

TEST(Numerics, F16ToF32IsExactForAllInputs) {
  for (uint32_t h = 0; h < 65536; ++h) {
    float ours = f16ToF32(h);
    APFloat ref = fromHalfBits(h);
    bool losesInfo;
    ref.convert(APFloat::IEEEsingle(), llvm::RoundingMode::NearestTiesToEven,
                &losesInfo);
    if (ref.isNaN()) {
      ASSERT_TRUE(std::isnan(ours)) << h;
      continue;
    }
    ASSERT_EQ(f32ToBits(ours), ref.bitcastToAPInt().getZExtValue()) << h;
  }
}

TEST(Numerics, BF16ToF32IsExactForAllInputs) {
  for (uint32_t b = 0; b < 65536; ++b) {
    APFloat ref = fromBF16Bits(b);
    bool losesInfo;
    ref.convert(APFloat::IEEEsingle(), llvm::RoundingMode::NearestTiesToEven,
                &losesInfo);
    float ours = bf16ToF32(b);
    if (ref.isNaN())
      ASSERT_TRUE(std::isnan(ours)) << b;
    else
      ASSERT_EQ(f32ToBits(ours), ref.bitcastToAPInt().getZExtValue()) << b;
  }
}

//===----------------------------------------------------------------------===//
// Narrowing: every mode, dense around every boundary, plus random inputs
//===----------------------------------------------------------------------===//

/// f32 inputs around every f16 value and every midpoint between neighbours,
/// both signs, plus random bit patterns (all exponents, NaN and infinity).
std::vector<uint32_t> f32InputsAroundF16() {
  std::vector<uint32_t> inputs;
  for (uint32_t h = 0; h < 0x7C00; ++h) {
    uint32_t at = f32ToBits(f16ToF32(h));
    uint32_t mid = f32ToBits((f16ToF32(h) + f16ToF32(h + 1)) / 2); // exact
    for (uint32_t base : {at, mid})
      for (int d = -2; d <= 2; ++d)
        for (uint32_t sign : {0u, 0x80000000u})
          inputs.push_back((base + d) ^ sign);
  }
  std::mt19937 rng(42);
  for (int i = 0; i < 200000; ++i)
    inputs.push_back(rng());
  return inputs;
}

TEST(Numerics, F32ToF16MatchesAPFloatInEveryMode) {
  std::vector<uint32_t> inputs = f32InputsAroundF16();
  for (RoundMode mode : kModes) {
    for (uint32_t bits : inputs) {
      float x = bitsToF32(bits);
      uint16_t ours = f32ToF16(x, mode);
      if (std::isnan(x)) {
        ASSERT_EQ(ours, (bits >> 31) ? 0xFE00 : 0x7E00) << "quiet NaN, sign kept";
        continue;
      }
      ASSERT_EQ(ours, referenceConvert(fromF32(x), APFloat::IEEEhalf(), mode))
          << name(mode) << " " << std::hex << bits;
    }
  }
}

TEST(Numerics, F32ToBF16MatchesAPFloatInEveryMode) {
  std::vector<uint32_t> inputs;
  for (uint32_t b = 0; b < 65536; ++b)
    for (uint32_t low : {0x0u, 0x1u, 0x7FFFu, 0x8000u, 0x8001u, 0xFFFFu})
      inputs.push_back((b << 16) | low);
  for (RoundMode mode : kModes) {
    for (uint32_t bits : inputs) {
      float x = bitsToF32(bits);
      uint16_t ours = f32ToBF16(x, mode);
      if (std::isnan(x)) {
        ASSERT_TRUE(isNaNBF16(ours));
        ASSERT_EQ(ours & 0x8000, (bits >> 16) & 0x8000);
        continue;
      }
      ASSERT_EQ(ours, referenceConvert(fromF32(x), APFloat::BFloat(), mode))
          << name(mode) << " " << std::hex << bits;
    }
  }
}

TEST(Numerics, F16ConversionMatchesF16CStyleRoundToNearestEven) {
  // Spot values whose rounding is easy to get wrong.
  EXPECT_EQ(f32ToF16(65504.0f), 0x7BFF);            // largest finite
  EXPECT_EQ(f32ToF16(65520.0f), 0x7C00);            // halfway to 2^16: inf
  EXPECT_EQ(f32ToF16(65520.0f, RoundMode::trunc), 0x7BFF);
  EXPECT_EQ(f32ToF16(0x1p-24f), 0x0001);            // smallest subnormal
  EXPECT_EQ(f32ToF16(0x1p-25f), 0x0000);            // tie to even: zero
  EXPECT_EQ(f32ToF16(0x1p-25f, RoundMode::round), 0x0001);
  EXPECT_EQ(f32ToF16(0x1p-25f, RoundMode::odd), 0x0001);
  EXPECT_EQ(f32ToF16(-0.0f), 0x8000);
  EXPECT_EQ(f32ToF16(1.0f + 0x1p-11f), 0x3C00);     // tie: down to even
  EXPECT_EQ(f32ToF16(1.0f + 3 * 0x1p-11f), 0x3C02); // tie: up to even
}

//===----------------------------------------------------------------------===//
// Float -> integer: saturating, NaN -> 0; exhaustive over f16 and bf16
//===----------------------------------------------------------------------===//

int64_t referenceToInt(APFloat value, RoundMode mode, int64_t min, int64_t max) {
  if (value.isNaN())
    return 0;
  APFloat integral = value;
  APFloat::opStatus status = integral.roundToIntegral(toLLVM(mode));
  if (mode == RoundMode::odd && (status & APFloat::opInexact)) {
    // Truncated towards zero; if even, step to the odd neighbour away from 0.
    llvm::APSInt probe(64, /*isUnsigned=*/false);
    bool exact;
    integral.convertToInteger(probe, llvm::RoundingMode::TowardZero, &exact);
    if ((probe.getExtValue() & 1) == 0)
      integral.add(APFloat(value.isNegative() ? -1.0 : 1.0),
                   llvm::RoundingMode::NearestTiesToEven);
  }
  if (integral.compare(APFloat(static_cast<double>(max))) == APFloat::cmpGreaterThan)
    return max;
  if (integral.compare(APFloat(static_cast<double>(min))) == APFloat::cmpLessThan)
    return min;
  llvm::APSInt result(64, /*isUnsigned=*/false);
  bool exact;
  integral.convertToInteger(result, llvm::RoundingMode::TowardZero, &exact);
  return result.getExtValue();
}

TEST(Numerics, F16ToIntegersSaturateInEveryMode) {
  struct Range {
    int64_t min, max;
  } ranges[] = {{INT8_MIN, INT8_MAX}, {INT16_MIN, INT16_MAX},
                {INT32_MIN, INT32_MAX}, {-8, 7}};
  for (RoundMode mode : kModes)
    for (Range r : ranges)
      for (uint32_t h = 0; h < 65536; ++h) {
        APFloat ref = fromHalfBits(h);
        bool losesInfo;
        ref.convert(APFloat::IEEEdouble(), llvm::RoundingMode::TowardZero, &losesInfo);
        ASSERT_EQ(f32ToInt(f16ToF32(h), mode, r.min, r.max),
                  referenceToInt(ref, mode, r.min, r.max))
            << name(mode) << " h=" << std::hex << h << " max=" << std::dec << r.max;
      }
}

TEST(Numerics, BF16ToI32SaturatesInEveryMode) {
  for (RoundMode mode : kModes)
    for (uint32_t b = 0; b < 65536; ++b) {
      APFloat ref = fromBF16Bits(b);
      bool losesInfo;
      ref.convert(APFloat::IEEEdouble(), llvm::RoundingMode::TowardZero, &losesInfo);
      ASSERT_EQ(f32ToInt(bf16ToF32(b), mode, INT32_MIN, INT32_MAX),
                referenceToInt(ref, mode, INT32_MIN, INT32_MAX))
          << name(mode) << " " << std::hex << b;
    }
}

TEST(Numerics, F32RoundToIntegralMatchesAPFloat) {
  std::mt19937 rng(7);
  for (RoundMode mode : kModes) {
    if (mode == RoundMode::odd)
      continue; // no APFloat counterpart; covered through f32ToInt above
    for (int i = 0; i < 300000; ++i) {
      float x = bitsToF32(rng());
      APFloat ref(x);
      ref.roundToIntegral(toLLVM(mode));
      float ours = roundF32ToIntegral(x, mode);
      if (std::isnan(x))
        ASSERT_TRUE(std::isnan(ours));
      else
        ASSERT_EQ(f32ToBits(ours), ref.bitcastToAPInt().getZExtValue())
            << name(mode) << " " << x;
    }
  }
}

TEST(Numerics, IntegersToFloatsRoundOnce) {
  std::mt19937_64 rng(3);
  for (RoundMode mode : kModes) {
    for (int i = 0; i < 100000; ++i) {
      int64_t v = static_cast<int32_t>(rng()) >> (rng() % 32);
      APFloat ref32(APFloat::IEEEsingle()), ref16(APFloat::IEEEhalf());
      llvm::APSInt a(llvm::APInt(64, v), /*isUnsigned=*/false);
      auto s32 = ref32.convertFromAPInt(a, true, toLLVM(mode));
      auto s16 = ref16.convertFromAPInt(a, true, toLLVM(mode));
      uint64_t r32 = ref32.bitcastToAPInt().getZExtValue();
      uint64_t r16 = ref16.bitcastToAPInt().getZExtValue();
      if (mode == RoundMode::odd) {
        r32 |= (s32 & APFloat::opInexact) ? 1 : 0;
        r16 |= (s16 & APFloat::opInexact) ? 1 : 0;
      }
      ASSERT_EQ(f32ToBits(intToF32(v, mode)), r32) << name(mode) << " " << v;
      ASSERT_EQ(intToF16(v, mode), r16) << name(mode) << " " << v;
    }
  }
  EXPECT_EQ(saturate(300, INT8_MIN, INT8_MAX), 127);
  EXPECT_EQ(saturate(-300, INT8_MIN, INT8_MAX), -128);
}

//===----------------------------------------------------------------------===//
// Transcendentals: exhaustive over f16 and bf16 against libm + APFloat
//===----------------------------------------------------------------------===//

struct Unary {
  const char *name;
  double (*ours)(double);
  double (*reference)(double);
};

const Unary kUnaryOps[] = {
    {"exp", expF64, [](double x) { return std::exp(x); }},
    {"ln", lnF64, [](double x) { return std::log(x); }},
    {"sqrt", sqrtF64, [](double x) { return std::sqrt(x); }},
    {"rsqrt", rsqrtF64, [](double x) { return 1.0 / std::sqrt(x); }},
    {"reciprocal", reciprocalF64, [](double x) { return 1.0 / x; }},
};

uint16_t roundReference(double v, const llvm::fltSemantics &semantics) {
  return referenceConvert(APFloat(v), semantics, RoundMode::rint);
}

TEST(Numerics, UnaryOpsOnAllF16Inputs) {
  for (const Unary &op : kUnaryOps)
    for (uint32_t h = 0; h < 65536; ++h) {
      double x = f16ToF32(h);
      uint16_t ours = f64ToF16(op.ours(x));
      double ref = op.reference(x);
      if (std::isnan(ref)) {
        ASSERT_TRUE(isNaNF16(ours)) << op.name << " " << std::hex << h;
        continue;
      }
      ASSERT_EQ(ours, roundReference(ref, APFloat::IEEEhalf()))
          << op.name << " h=0x" << std::hex << h;
    }
}

TEST(Numerics, UnaryOpsOnAllBF16Inputs) {
  for (const Unary &op : kUnaryOps)
    for (uint32_t b = 0; b < 65536; ++b) {
      double x = bf16ToF32(b);
      uint16_t ours = f64ToBF16(op.ours(x));
      double ref = op.reference(x);
      if (std::isnan(ref)) {
        ASSERT_TRUE(isNaNBF16(ours)) << op.name << " " << std::hex << b;
        continue;
      }
      ASSERT_EQ(ours, roundReference(ref, APFloat::BFloat()))
          << op.name << " b=0x" << std::hex << b;
    }
}

TEST(Numerics, UnaryOpsOnRandomF32Inputs) {
  std::mt19937 rng(11);
  for (const Unary &op : kUnaryOps)
    for (int i = 0; i < 500000; ++i) {
      double x = bitsToF32(rng());
      float ours = f64ToF32(op.ours(x));
      double ref = op.reference(x);
      if (std::isnan(ref)) {
        ASSERT_TRUE(std::isnan(ours)) << op.name << " " << x;
        continue;
      }
      ASSERT_EQ(f32ToBits(ours),
                referenceConvert(APFloat(ref), APFloat::IEEEsingle(), RoundMode::rint))
          << op.name << " x=" << x;
    }
}

} // namespace
