//===- ElementwiseBody.cpp - the vec ops of each elementwise op -----------===//
//
// What one tile of an elementwise ascend op computes: the vec ops on UB
// tiles in the op's compute type, the composite ones (silu, gelu, tanh,
// erf) step by step as docs/Numerics.md fixes them. Elementwise.cpp cuts
// the result into tiles and rounds each op's tile to its element type.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Vec/VecDialect.h"
#include "ElementwiseEmitter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;

/// silu, gelu, tanh, erf and the row-wise ops are evaluated in f32 (their
/// definitions say so), cast goes through f32 because every vec.cast between
/// floats starts or ends there, and bf16 has no vector arithmetic.
Type mlir::ascend::lowering::computeType(Operation *op) {
  Type element = getElementTypeOrSelf(op->getResult(0).getType());
  if (isa<ascend::SiluOp, ascend::GeluOp, ascend::TanhOp, ascend::ErfOp,
          ascend::CastOp>(op) ||
      isLoweredRowwise(op) || element.isBF16())
    return Float32Type::get(op->getContext());
  return element;
}

/// f32 tiles a composite op needs besides its operands and result.
int64_t mlir::ascend::lowering::scratchTiles(Operation *op) {
  if (isa<ascend::ErfOp>(op))
    return 3;
  return isa<ascend::SiluOp, ascend::GeluOp, ascend::TanhOp>(op) ? 2 : 0;
}

namespace {

Value scalar(OpBuilder &b, Location loc, double v) {
  return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v));
}

/// silu(x) = x / (1 + e^-x).
void emitSilu(OpBuilder &b, Location loc, Value x, Value t, Value u,
              Value out) {
  b.create<vec::MulsOp>(loc, x, scalar(b, loc, -1.0), t);
  b.create<vec::ExpOp>(loc, t, u);
  b.create<vec::AddsOp>(loc, u, scalar(b, loc, 1.0), t);
  b.create<vec::DivOp>(loc, x, t, out);
}

/// gelu(x) = 0.5 x (1 + tanh(z)) with z = sqrt(2/pi) (x + 0.044715 x^3)
/// is x / (1 + e^-2z), and -2z = x (c0 + c1 x^2): no tanh needed, and
/// exp overflowing to inf still gives the right limits (x or -0).
void emitGelu(OpBuilder &b, Location loc, Value x, Value t, Value u,
              Value out) {
  double c0 = -2.0 * std::sqrt(2.0 / llvm::numbers::pi), c1 = c0 * 0.044715;
  b.create<vec::MulOp>(loc, x, x, t);
  b.create<vec::MulsOp>(loc, t, scalar(b, loc, c1), u);
  b.create<vec::AddsOp>(loc, u, scalar(b, loc, c0), t);
  b.create<vec::MulOp>(loc, t, x, u);
  b.create<vec::ExpOp>(loc, u, t);
  b.create<vec::AddsOp>(loc, t, scalar(b, loc, 1.0), u);
  b.create<vec::DivOp>(loc, x, u, out);
}

/// tanh(x) as Ascend C's `Tanh` computes it (CANN 8.1 highlevel_api
/// tanh_common_impl.h): x clamped to [-8.8, 8.8], where tanh is 1 in f32
/// and e^2x stays finite, then (e^2x - 1) / (e^2x + 1). Returns the tile
/// holding the result (one of the three given).
Value emitTanh(OpBuilder &b, Location loc, Value x, Value t, Value u, Value v) {
  b.create<vec::MinsOp>(loc, x, scalar(b, loc, 8.8), t);
  b.create<vec::MaxsOp>(loc, t, scalar(b, loc, -8.8), u);
  b.create<vec::MulsOp>(loc, u, scalar(b, loc, 2.0), t);
  b.create<vec::ExpOp>(loc, t, u);
  b.create<vec::AddsOp>(loc, u, scalar(b, loc, -1.0), t);
  b.create<vec::AddsOp>(loc, u, scalar(b, loc, 1.0), v);
  b.create<vec::DivOp>(loc, t, v, u);
  return u;
}

/// erf(x) as Ascend C's `Erf` computes it (CANN 8.1 highlevel_api
/// erf_common_impl.h): x clamped to [-3.92, 3.92] (erf is 1 in f32 beyond),
/// then x P(x^2) / Q(x^2) with both polynomials in Horner form. Returns the
/// tile holding the result (one of the four given).
Value emitErf(OpBuilder &b, Location loc, Value x, Value c, Value x2, Value p,
              Value q) {
  static constexpr double kP[] = {0.053443748819,  0.75517016694e1,
                                  0.10162808918e3, 0.13938061484e4,
                                  0.50637915060e4, 0.29639384698e5};
  static constexpr double kQ[] = {0.31212858877e2, 0.39856963806e3,
                                  0.30231248150e4, 0.13243365831e5,
                                  0.26267224157e5};
  b.create<vec::MinsOp>(loc, x, scalar(b, loc, 3.92), p);
  b.create<vec::MaxsOp>(loc, p, scalar(b, loc, -3.92), c);
  b.create<vec::MulOp>(loc, c, c, x2);
  // Horner steps alternate between two tiles: vec ops do not work in place.
  b.create<vec::MulsOp>(loc, x2, scalar(b, loc, kP[0]), q);
  for (double coefficient : ArrayRef<double>(kP).slice(1, 4)) {
    b.create<vec::AddsOp>(loc, q, scalar(b, loc, coefficient), p);
    b.create<vec::MulOp>(loc, x2, p, q);
  }
  b.create<vec::AddsOp>(loc, q, scalar(b, loc, kP[5]), p);
  b.create<vec::MulOp>(loc, c, p, q); // x P(x^2)
  b.create<vec::AddsOp>(loc, x2, scalar(b, loc, kQ[0]), p);
  for (double coefficient : ArrayRef<double>(kQ).drop_front()) {
    b.create<vec::MulOp>(loc, x2, p, c);
    b.create<vec::AddsOp>(loc, c, scalar(b, loc, coefficient), p);
  }
  b.create<vec::DivOp>(loc, q, p, c);
  return c;
}

} // namespace

Value mlir::ascend::lowering::emitBody(OpBuilder &b, Location loc,
                                       Operation *op, ArrayRef<Value> in,
                                       ArrayRef<int64_t> shape) {
  if (isa<ascend::CastOp>(op))
    return in[0];
  Type compute = cast<MemRefType>(in[0].getType()).getElementType();
  auto tile = [&] { return allocUB(b, loc, shape, compute); };
  if (isa<ascend::TanhOp>(op))
    return emitTanh(b, loc, in[0], tile(), tile(), tile());
  if (isa<ascend::ErfOp>(op))
    return emitErf(b, loc, in[0], tile(), tile(), tile(), tile());
  Value out = tile();
  TypeSwitch<Operation *>(op)
      .Case(
          [&](ascend::AddOp) { b.create<vec::AddOp>(loc, in[0], in[1], out); })
      .Case(
          [&](ascend::SubOp) { b.create<vec::SubOp>(loc, in[0], in[1], out); })
      .Case(
          [&](ascend::MulOp) { b.create<vec::MulOp>(loc, in[0], in[1], out); })
      .Case(
          [&](ascend::DivOp) { b.create<vec::DivOp>(loc, in[0], in[1], out); })
      .Case(
          [&](ascend::MaxOp) { b.create<vec::MaxOp>(loc, in[0], in[1], out); })
      .Case(
          [&](ascend::MinOp) { b.create<vec::MinOp>(loc, in[0], in[1], out); })
      .Case([&](ascend::ExpOp) { b.create<vec::ExpOp>(loc, in[0], out); })
      .Case([&](ascend::LogOp) { b.create<vec::LnOp>(loc, in[0], out); })
      .Case([&](ascend::SqrtOp) { b.create<vec::SqrtOp>(loc, in[0], out); })
      .Case([&](ascend::RsqrtOp) { b.create<vec::RsqrtOp>(loc, in[0], out); })
      .Case([&](ascend::ReciprocalOp) {
        b.create<vec::ReciprocalOp>(loc, in[0], out);
      })
      .Case([&](ascend::AbsOp) { b.create<vec::AbsOp>(loc, in[0], out); })
      .Case([&](ascend::ReluOp) { b.create<vec::ReluOp>(loc, in[0], out); })
      .Case([&](ascend::NegOp) {
        // -x is exact as x * -1.
        Value minusOne = b.create<arith::ConstantOp>(
            loc, compute, b.getFloatAttr(compute, -1.0));
        b.create<vec::MulsOp>(loc, in[0], minusOne, out);
      })
      .Case(
          [&](ascend::SiluOp) { emitSilu(b, loc, in[0], tile(), tile(), out); })
      .Case([&](ascend::GeluOp) {
        emitGelu(b, loc, in[0], tile(), tile(), out);
      });
  return out;
}
