//===- ScalarOps.cpp - arith on the scalar pipe ---------------------------===//
//
// Integers are held sign-extended from their width and wrap like the
// hardware's; floats are exact f64 values rounded to their type after every
// op (docs/Numerics.md).
//
//===----------------------------------------------------------------------===//

#include "ScalarOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <functional>

using namespace mlir;
using namespace mlir::ascend::runtime;

static unsigned widthOf(Type type) { return getStorageBits(type); }

static uint64_t unsignedOf(int64_t v, unsigned bits) {
  return bits >= 64 ? static_cast<uint64_t>(v)
                    : static_cast<uint64_t>(v) & ((uint64_t(1) << bits) - 1);
}

static bool compareInts(arith::CmpIPredicate p, int64_t a, int64_t b,
                        unsigned bits) {
  uint64_t ua = unsignedOf(a, bits), ub = unsignedOf(b, bits);
  switch (p) {
  case arith::CmpIPredicate::eq: return a == b;
  case arith::CmpIPredicate::ne: return a != b;
  case arith::CmpIPredicate::slt: return a < b;
  case arith::CmpIPredicate::sle: return a <= b;
  case arith::CmpIPredicate::sgt: return a > b;
  case arith::CmpIPredicate::sge: return a >= b;
  case arith::CmpIPredicate::ult: return ua < ub;
  case arith::CmpIPredicate::ule: return ua <= ub;
  case arith::CmpIPredicate::ugt: return ua > ub;
  case arith::CmpIPredicate::uge: return ua >= ub;
  }
  return false;
}

static bool compareFloats(arith::CmpFPredicate p, double a, double b) {
  bool unordered = a != a || b != b;
  using P = arith::CmpFPredicate;
  switch (p) {
  case P::AlwaysFalse: return false;
  case P::AlwaysTrue: return true;
  case P::OEQ: return !unordered && a == b;
  case P::OGT: return !unordered && a > b;
  case P::OGE: return !unordered && a >= b;
  case P::OLT: return !unordered && a < b;
  case P::OLE: return !unordered && a <= b;
  case P::ONE: return !unordered && a != b;
  case P::ORD: return !unordered;
  case P::UEQ: return unordered || a == b;
  case P::UGT: return unordered || a > b;
  case P::UGE: return unordered || a >= b;
  case P::ULT: return unordered || a < b;
  case P::ULE: return unordered || a <= b;
  case P::UNE: return unordered || a != b;
  case P::UNO: return unordered;
  }
  return false;
}

LogicalResult mlir::ascend::runtime::evaluateScalarOp(Operation &op, Lookup lookup,
                                                     SmallVectorImpl<RtValue> &results,
                                                     bool &handled) {
  handled = true;
  auto getInt = [&](Value v) { return std::get<int64_t>(lookup(v)); };
  auto getFloat = [&](Value v) { return std::get<double>(lookup(v)); };
  auto setInt = [&](int64_t v) {
    results.push_back(wrapToWidth(v, widthOf(op.getResult(0).getType())));
    return success();
  };
  auto setFloat = [&](double v) {
    results.push_back(roundToType(v, getElementKind(op.getResult(0).getType())));
    return success();
  };
  auto intBinary = [&](auto fn) {
    unsigned bits = widthOf(op.getResult(0).getType());
    return setInt(fn(getInt(op.getOperand(0)), getInt(op.getOperand(1)), bits));
  };
  auto floatBinary = [&](auto fn) {
    return setFloat(fn(getFloat(op.getOperand(0)), getFloat(op.getOperand(1))));
  };
  auto divisor = [&]() -> LogicalResult {
    if (getInt(op.getOperand(1)) == 0)
      return op.emitError() << "division by zero";
    return success();
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(&op)
      .Case([&](arith::ConstantOp c) -> LogicalResult {
        if (auto i = dyn_cast<IntegerAttr>(c.getValue()))
          return setInt(i.getValue().getSExtValue());
        if (auto f = dyn_cast<FloatAttr>(c.getValue()))
          return setFloat(f.getValueAsDouble());
        return op.emitError() << "ascend-run supports scalar constants only";
      })
      .Case([&](arith::AddIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) {
          return static_cast<int64_t>(uint64_t(a) + uint64_t(b));
        });
      })
      .Case([&](arith::SubIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) {
          return static_cast<int64_t>(uint64_t(a) - uint64_t(b));
        });
      })
      .Case([&](arith::MulIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) {
          return static_cast<int64_t>(uint64_t(a) * uint64_t(b));
        });
      })
      .Case<arith::DivSIOp, arith::RemSIOp, arith::CeilDivSIOp,
            arith::FloorDivSIOp, arith::DivUIOp, arith::RemUIOp>(
          [&](Operation *o) -> LogicalResult {
            if (failed(divisor()))
              return failure();
            return intBinary([&](int64_t a, int64_t b, unsigned bits) -> int64_t {
              if (isa<arith::DivUIOp, arith::RemUIOp>(o)) {
                uint64_t ua = unsignedOf(a, bits), ub = unsignedOf(b, bits);
                return static_cast<int64_t>(isa<arith::DivUIOp>(o) ? ua / ub
                                                                   : ua % ub);
              }
              if (b == -1) // avoids INT64_MIN / -1; the quotient wraps
                return isa<arith::RemSIOp>(o) ? 0 : static_cast<int64_t>(0 - uint64_t(a));
              int64_t q = a / b, r = a % b;
              if (isa<arith::RemSIOp>(o))
                return r;
              if (isa<arith::CeilDivSIOp>(o) && r != 0 && ((r > 0) == (b > 0)))
                return q + 1;
              if (isa<arith::FloorDivSIOp>(o) && r != 0 && ((r > 0) != (b > 0)))
                return q - 1;
              return q;
            });
          })
      .Case([&](arith::MinSIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) { return std::min(a, b); });
      })
      .Case([&](arith::MaxSIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) { return std::max(a, b); });
      })
      .Case([&](arith::MinUIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned bits) {
          return unsignedOf(a, bits) < unsignedOf(b, bits) ? a : b;
        });
      })
      .Case([&](arith::MaxUIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned bits) {
          return unsignedOf(a, bits) > unsignedOf(b, bits) ? a : b;
        });
      })
      .Case([&](arith::AndIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) { return a & b; });
      })
      .Case([&](arith::OrIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) { return a | b; });
      })
      .Case([&](arith::XOrIOp) {
        return intBinary([](int64_t a, int64_t b, unsigned) { return a ^ b; });
      })
      .Case<arith::ShLIOp, arith::ShRSIOp, arith::ShRUIOp>(
          [&](Operation *o) {
            return intBinary([&](int64_t a, int64_t b, unsigned bits) -> int64_t {
              uint64_t amount = unsignedOf(b, bits);
              if (amount >= bits) // poison in MLIR; we define it as 0 / sign
                return isa<arith::ShRSIOp>(o) && a < 0 ? -1 : 0;
              if (isa<arith::ShLIOp>(o))
                return static_cast<int64_t>(uint64_t(a) << amount);
              if (isa<arith::ShRSIOp>(o))
                return a >> amount;
              return static_cast<int64_t>(unsignedOf(a, bits) >> amount);
            });
          })
      .Case([&](arith::CmpIOp c) {
        unsigned bits = widthOf(c.getLhs().getType());
        return setInt(compareInts(c.getPredicate(), getInt(c.getLhs()),
                                  getInt(c.getRhs()), bits));
      })
      .Case([&](arith::CmpFOp c) {
        return setInt(compareFloats(c.getPredicate(), getFloat(c.getLhs()),
                                    getFloat(c.getRhs())));
      })
      .Case([&](arith::SelectOp s) {
        results.push_back(getInt(s.getCondition()) != 0
                              ? lookup(s.getTrueValue())
                              : lookup(s.getFalseValue()));
        return success();
      })
      .Case<arith::IndexCastOp, arith::ExtSIOp, arith::TruncIOp>(
          [&](Operation *o) { return setInt(getInt(o->getOperand(0))); })
      .Case<arith::IndexCastUIOp, arith::ExtUIOp>([&](Operation *o) {
        unsigned bits = widthOf(o->getOperand(0).getType());
        return setInt(static_cast<int64_t>(unsignedOf(getInt(o->getOperand(0)), bits)));
      })
      .Case([&](arith::AddFOp) { return floatBinary(std::plus<double>()); })
      .Case([&](arith::SubFOp) { return floatBinary(std::minus<double>()); })
      .Case([&](arith::MulFOp) { return floatBinary(std::multiplies<double>()); })
      .Case([&](arith::DivFOp) { return floatBinary(std::divides<double>()); })
      .Case([&](arith::MaximumFOp) {
        return floatBinary([](double a, double b) { return selectExtreme(a, b, true, true); });
      })
      .Case([&](arith::MinimumFOp) {
        return floatBinary([](double a, double b) { return selectExtreme(a, b, false, true); });
      })
      .Case([&](arith::MaxNumFOp) {
        return floatBinary([](double a, double b) { return selectExtreme(a, b, true, false); });
      })
      .Case([&](arith::MinNumFOp) {
        return floatBinary([](double a, double b) { return selectExtreme(a, b, false, false); });
      })
      .Case([&](arith::NegFOp n) { return setFloat(-getFloat(n.getOperand())); })
      .Case<arith::ExtFOp, arith::TruncFOp>(
          [&](Operation *o) { return setFloat(getFloat(o->getOperand(0))); })
      .Case([&](arith::SIToFPOp c) {
        return setFloat(static_cast<double>(getInt(c.getIn())));
      })
      .Case([&](arith::UIToFPOp c) {
        unsigned bits = widthOf(c.getIn().getType());
        return setFloat(static_cast<double>(unsignedOf(getInt(c.getIn()), bits)));
      })
      .Case([&](arith::FPToSIOp c) -> LogicalResult {
        double v = getFloat(c.getIn());
        if (!(v > -9.3e18 && v < 9.3e18))
          return op.emitError() << "arith.fptosi of " << v
                                << " does not fit the result type";
        return setInt(static_cast<int64_t>(v));
      })
      .Default([&](Operation *) {
        handled = false;
        return success();
      });
}

