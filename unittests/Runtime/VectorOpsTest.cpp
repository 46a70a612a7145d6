//===- VectorOpsTest.cpp - every unary vec op on every f16 and bf16 ------===//
//
// Runs each unary vec op through the interpreter on all 65,536 bit patterns
// of f16 (and, through casts, bf16) and checks every result against an
// independent reference: the host libm in f64 rounded by llvm::APFloat for
// the transcendentals, bit manipulation for abs and relu.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Support/Registration.h"
#include "AscendDialect/Runtime/Interpreter.h"
#include "AscendDialect/Runtime/Numerics.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::ascend::runtime;
namespace nm = mlir::ascend::numerics;

namespace {

/// Runs `vec.<op>` over all 65536 patterns of `type` (f16 or bf16: for
/// bf16 the op runs in f32 between exact widening and a rint narrowing,
/// which is how bf16 reaches the vector unit).
std::vector<uint16_t> runOnAllPatterns(StringRef op, StringRef type) {
  bool viaF32 = type == "bf16";
  StringRef compute = viaF32 ? "f32" : type;
  // Four tiles of 16384 values: input, output and the f32 copies fit UB.
  std::string body = llvm::formatv(R"(
    func.func @k(%x: memref<65536x{0}, #aicore.space<gm>>, %y: memref<65536x{0}, #aicore.space<gm>>)
        attributes {{aicore.kernel = #aicore.kernel<block_dim = 4>} {
      %c16384 = arith.constant 16384 : index
      %b = aicore.block_idx
      %o = arith.muli %b, %c16384 : index
      %xs = memref.subview %x[%o] [16384] [1] : memref<65536x{0}, #aicore.space<gm>> to memref<16384x{0}, strided<[1], offset: ?>, #aicore.space<gm>>
      %ys = memref.subview %y[%o] [16384] [1] : memref<65536x{0}, #aicore.space<gm>> to memref<16384x{0}, strided<[1], offset: ?>, #aicore.space<gm>>
      %u = aicore.alloc : memref<16384x{0}, #aicore.space<ub>>
      %w = aicore.alloc : memref<16384x{0}, #aicore.space<ub>>
      mte.copy %xs, %u : memref<16384x{0}, strided<[1], offset: ?>, #aicore.space<gm>>, memref<16384x{0}, #aicore.space<ub>>
      {2}
      mte.copy %w, %ys : memref<16384x{0}, #aicore.space<ub>>, memref<16384x{0}, strided<[1], offset: ?>, #aicore.space<gm>>
      return
    })",
      type, compute,
      viaF32 ? llvm::formatv(R"(
      %uw = aicore.alloc : memref<8192xf32, #aicore.space<ub>>
      %ww = aicore.alloc : memref<8192xf32, #aicore.space<ub>>
      %c0 = arith.constant 0 : index
      %c8192 = arith.constant 8192 : index
      scf.for %i = %c0 to %c16384 step %c8192 {{
        %ui = memref.subview %u[%i] [8192] [1] : memref<16384xbf16, #aicore.space<ub>> to memref<8192xbf16, strided<[1], offset: ?>, #aicore.space<ub>>
        %wi = memref.subview %w[%i] [8192] [1] : memref<16384xbf16, #aicore.space<ub>> to memref<8192xbf16, strided<[1], offset: ?>, #aicore.space<ub>>
        vec.cast %ui, %uw round <rint> : memref<8192xbf16, strided<[1], offset: ?>, #aicore.space<ub>>, memref<8192xf32, #aicore.space<ub>>
        vec.{0} %uw, %ww : memref<8192xf32, #aicore.space<ub>>
        vec.cast %ww, %wi round <rint> : memref<8192xf32, #aicore.space<ub>>, memref<8192xbf16, strided<[1], offset: ?>, #aicore.space<ub>>
      })", op).str()
             : llvm::formatv("vec.{0} %u, %w : memref<16384x{1}, #aicore.space<ub>>",
                             op, type).str()).str();
  DialectRegistry registry;
  ascend::registerAllDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(body, &context);
  EXPECT_TRUE(module) << body;
  if (!module)
    return {};
  std::vector<GlobalBuffer> args(2);
  args[0].bytes.resize(2 * 65536);
  for (uint32_t i = 0; i < 65536; ++i)
    std::memcpy(&args[0].bytes[2 * i], &i, 2);
  args[1].bytes.resize(2 * 65536);
  RunOptions options;
  // The kernel has no flags: values follow program order, which is all
  // this test is about.
  options.checkHazards = false;
  EXPECT_TRUE(succeeded(runKernel(*module->getOps<func::FuncOp>().begin(),
                                  args, options)));
  std::vector<uint16_t> out(65536);
  std::memcpy(out.data(), args[1].bytes.data(), 2 * 65536);
  return out;
}

uint16_t referenceRound(double v, const llvm::fltSemantics &semantics) {
  llvm::APFloat f(v);
  bool losesInfo;
  f.convert(semantics, llvm::RoundingMode::NearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(f.bitcastToAPInt().getZExtValue());
}

struct Case {
  const char *op;
  double (*reference)(double);
};

const Case kTranscendentals[] = {
    {"exp", [](double x) { return std::exp(x); }},
    {"ln", [](double x) { return std::log(x); }},
    {"sqrt", [](double x) { return std::sqrt(x); }},
    {"rsqrt", [](double x) { return 1.0 / std::sqrt(x); }},
    {"reciprocal", [](double x) { return 1.0 / x; }},
};

void checkAll(StringRef type) {
  bool bf16 = type == "bf16";
  const llvm::fltSemantics &sem =
      bf16 ? llvm::APFloat::BFloat() : llvm::APFloat::IEEEhalf();
  auto widen = [&](uint16_t h) -> double {
    return bf16 ? nm::bf16ToF32(h) : nm::f16ToF32(h);
  };
  uint16_t expMask = bf16 ? 0x7F80 : 0x7C00;
  auto isNaN = [&](uint16_t h) {
    return (h & expMask) == expMask && (h & ~expMask & 0x7FFF);
  };
  for (const Case &c : kTranscendentals) {
    std::vector<uint16_t> got = runOnAllPatterns(c.op, type);
    ASSERT_EQ(got.size(), 65536u);
    for (uint32_t h = 0; h < 65536; ++h) {
      double want = c.reference(widen(h));
      if (std::isnan(want))
        ASSERT_TRUE(isNaN(got[h])) << c.op << " " << type.str() << " 0x" << std::hex << h;
      else
        ASSERT_EQ(got[h], referenceRound(want, sem))
            << c.op << " " << type.str() << " 0x" << std::hex << h;
    }
  }
  // abs clears the sign; relu keeps positives and NaN, and gives +0 else.
  std::vector<uint16_t> abs = runOnAllPatterns("abs", type);
  std::vector<uint16_t> relu = runOnAllPatterns("relu", type);
  // Casts turn NaNs into the canonical quiet NaN (docs/Numerics.md), so
  // through f32 only NaN-ness survives, not the payload.
  for (uint32_t h = 0; h < 65536; ++h) {
    if (bf16 && isNaN(h))
      ASSERT_TRUE(isNaN(abs[h])) << "abs 0x" << std::hex << h;
    else
      ASSERT_EQ(abs[h], h & 0x7FFF) << "abs 0x" << std::hex << h;
    double x = widen(h);
    uint16_t want = x > 0 || isNaN(h) ? h : 0;
    if (isNaN(h))
      ASSERT_TRUE(isNaN(relu[h])) << "relu 0x" << std::hex << h;
    else
      ASSERT_EQ(relu[h], want) << "relu 0x" << std::hex << h;
  }
}

TEST(VectorOps, UnaryOpsOnAllF16Patterns) { checkAll("f16"); }
TEST(VectorOps, UnaryOpsOnAllBF16PatternsThroughF32) { checkAll("bf16"); }

} // namespace
