//===- TileOps.cpp - values of mte, cube and vec ops ----------------------===//
//
// Each op reads and writes tiles element by element in row-major order of
// its logical shape, computing as docs/Numerics.md prescribes: float values
// are exact f64 numbers rounded once to the destination type.
//
//===----------------------------------------------------------------------===//

#include "TileOps.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ascend::runtime;
namespace nm = mlir::ascend::numerics;
using aicore::QuantMode;

namespace {


/// Integer range of a signless integer type of `bits` bits.
std::pair<int64_t, int64_t> intRange(unsigned bits) {
  if (bits >= 64)
    return {INT64_MIN, INT64_MAX};
  return {-(int64_t(1) << (bits - 1)), (int64_t(1) << (bits - 1)) - 1};
}

/// Copies raw elements; `transpose` swaps the two indices of 2-D tiles.
void copyElements(const TileRef &src, const TileRef &dst, bool transpose) {
  if (!transpose) {
    for (int64_t i = 0, n = src.numElements(); i < n; ++i)
      dst.storeRaw(dst.linearOfOrdinal(i), src.loadRaw(src.linearOfOrdinal(i)));
    return;
  }
  for (int64_t r = 0; r < src.shape[0]; ++r)
    for (int64_t c = 0; c < src.shape[1]; ++c)
      dst.storeRaw(dst.linear({c, r}), src.loadRaw(src.linear({r, c})));
}

/// `src` into the top-left corner of the larger 2-D `dst`, zero elsewhere
/// (mte.copy pad).
void copyPadded(const TileRef &src, const TileRef &dst) {
  for (int64_t r = 0; r < dst.shape[0]; ++r)
    for (int64_t c = 0; c < dst.shape[1]; ++c) {
      bool inside = r < src.shape[0] && c < src.shape[1];
      uint64_t raw = inside ? src.loadRaw(src.linear({r, c})) : 0;
      dst.storeRaw(dst.linear({r, c}), raw);
    }
}

/// dst[i] = fn(operands[i]...) over same-shaped tiles; floats computed in
/// f64 and rounded once to dst, integers wrapped to dst's width.
template <typename FloatFn, typename IntFn>
void elementwise(ArrayRef<const TileRef *> in, const TileRef &dst,
                 FloatFn floatFn, IntFn intFn) {
  double f[3];
  int64_t v[3];
  for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
    int64_t at = dst.linearOfOrdinal(i);
    if (dst.isFloat()) {
      for (size_t k = 0; k < in.size(); ++k)
        f[k] = in[k]->loadFloat(in[k]->linearOfOrdinal(i));
      dst.storeFloat(at, floatFn(f));
    } else {
      for (size_t k = 0; k < in.size(); ++k)
        v[k] = in[k]->loadInt(in[k]->linearOfOrdinal(i));
      dst.storeInt(at, wrapToWidth(intFn(v), dst.bits));
    }
  }
}

int64_t wrapAdd(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }
int64_t wrapSub(int64_t a, int64_t b) { return int64_t(uint64_t(a) - uint64_t(b)); }
int64_t wrapMul(int64_t a, int64_t b) { return int64_t(uint64_t(a) * uint64_t(b)); }

/// The binary operation of a vec binary or scalar op, on floats and ints.
struct BinaryFn {
  double (*f)(double, double);
  int64_t (*i)(int64_t, int64_t);
};

std::optional<BinaryFn> binaryFnOf(Operation *op) {
  auto fmax = [](double a, double b) { return selectExtreme(a, b, true, true); };
  auto fmin = [](double a, double b) { return selectExtreme(a, b, false, true); };
  auto imax = [](int64_t a, int64_t b) { return std::max(a, b); };
  auto imin = [](int64_t a, int64_t b) { return std::min(a, b); };
  auto noInt = [](int64_t, int64_t) -> int64_t { return 0; }; // verifier: floats only
  return llvm::TypeSwitch<Operation *, std::optional<BinaryFn>>(op)
      .Case<vec::AddOp, vec::AddsOp>([](auto) {
        return BinaryFn{[](double a, double b) { return a + b; }, wrapAdd};
      })
      .Case<vec::SubOp, vec::SubsOp>([](auto) {
        return BinaryFn{[](double a, double b) { return a - b; }, wrapSub};
      })
      .Case<vec::MulOp, vec::MulsOp>([](auto) {
        return BinaryFn{[](double a, double b) { return a * b; }, wrapMul};
      })
      .Case<vec::DivOp, vec::DivsOp>([&](auto) {
        return BinaryFn{[](double a, double b) { return a / b; }, noInt};
      })
      .Case<vec::MaxOp, vec::MaxsOp>([&](auto) { return BinaryFn{fmax, imax}; })
      .Case<vec::MinOp, vec::MinsOp>([&](auto) { return BinaryFn{fmin, imin}; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The f64 function of a vec unary op (docs/Numerics.md).
std::optional<double (*)(double)> unaryFnOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<double (*)(double)>>(op)
      .Case([](vec::ExpOp) { return nm::expF64; })
      .Case([](vec::LnOp) { return nm::lnF64; })
      .Case([](vec::SqrtOp) { return nm::sqrtF64; })
      .Case([](vec::RsqrtOp) { return nm::rsqrtF64; })
      .Case([](vec::ReciprocalOp) { return nm::reciprocalF64; })
      // abs and relu: integer forms here; floats are bit operations above.
      .Case<vec::AbsOp, vec::ReluOp>(
          [](auto) { return +[](double x) { return x; }; })
      .Default([](Operation *) { return std::nullopt; });
}

void executeCast(vec::CastOp op, const TileRef &src, const TileRef &dst) {
  nm::RoundMode mode = op.getRound();
  for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
    int64_t from = src.linearOfOrdinal(i), to = dst.linearOfOrdinal(i);
    if (src.isFloat() && dst.isFloat()) {
      double v = src.loadFloat(from);
      if (src.kind == ElementKind::F32 && dst.kind == ElementKind::F32)
        v = nm::roundF32ToIntegral(static_cast<float>(v), mode);
      dst.storeFloat(to, v, mode);
    } else if (src.isFloat()) {
      auto [lo, hi] = intRange(dst.bits);
      dst.storeInt(to, nm::f32ToInt(static_cast<float>(src.loadFloat(from)),
                                    mode, lo, hi));
    } else if (dst.isFloat()) {
      // Integers up to 32 bits are exact in f64; storeFloat rounds once.
      dst.storeFloat(to, static_cast<double>(src.loadInt(from)), mode);
    } else {
      auto [lo, hi] = intRange(dst.bits);
      dst.storeInt(to, nm::saturate(src.loadInt(from), lo, hi));
    }
  }
}

bool compareValues(vec::CmpPredicate p, double a, double b) {
  switch (p) {
  case vec::CmpPredicate::eq: return a == b;
  case vec::CmpPredicate::ne: return a != b; // true for NaN, as IEEE says
  case vec::CmpPredicate::lt: return a < b;
  case vec::CmpPredicate::le: return a <= b;
  case vec::CmpPredicate::gt: return a > b;
  case vec::CmpPredicate::ge: return a >= b;
  }
  return false;
}

/// The sum of `row` (overwritten) in the vector unit's order (docs/Numerics.md,
/// "Vector arithmetic"), every addition rounded to `kind`. The row is cut into
/// repeats of 256 bytes (64 f32 or 128 f16 elements); each repeat is summed
/// by vcadd's binary tree of adjacent pairs, (x0+x1), (x2+x3), ..., then the
/// pairs' sums pairwise again (asc-devkit WholeReduceSum.md), a lane
/// past the row's end passing its partner through unchanged; the repeats'
/// sums are then added in order, as Ascend C's ReduceSum over a count does
/// on Atlas A2 (atlasascendc_api_07_0078, "method 2").
double vcaddSum(MutableArrayRef<double> row, ElementKind kind, unsigned bits) {
  int64_t lanes = 256 * 8 / bits;
  double acc = 0;
  for (int64_t start = 0, size = row.size(); start < size; start += lanes) {
    // The tree in place: level values overwrite the front of the repeat.
    double *v = row.data() + start;
    for (int64_t n = std::min(lanes, size - start); n > 1; n = (n + 1) / 2) {
      for (int64_t i = 0; i < n / 2; ++i)
        v[i] = roundToType(v[2 * i] + v[2 * i + 1], kind);
      if (n % 2)
        v[n / 2] = v[n - 1];
    }
    acc = start == 0 ? v[0] : roundToType(acc + v[0], kind);
  }
  return acc;
}

/// Reduction in the operand type along `dim` of a 2-D tile. Rows (`dim`
/// 1) sum in vcadd's order (vcaddSum); columns (`dim` 0) add row after row
/// from row 0, as a vadd per row does (our choice). max and min are exact
/// in any order.
void reduce(vec::ReductionKind kind, const TileRef &src, const TileRef &dst,
            int dim) {
  int64_t outer = src.shape[1 - dim], inner = src.shape[dim];
  SmallVector<double> row; // one row's values, reused across rows
  for (int64_t o = 0; o < outer; ++o) {
    auto at = [&](const TileRef &t, int64_t k) {
      return dim == 1 ? t.linear({o, k}) : t.linear({k, o});
    };
    if (kind == vec::ReductionKind::sum && dim == 1) {
      row.clear();
      for (int64_t k = 0; k < inner; ++k)
        row.push_back(src.loadFloat(at(src, k)));
      dst.storeFloat(at(dst, 0), vcaddSum(row, src.kind, src.bits));
      continue;
    }
    double acc = src.loadFloat(at(src, 0));
    for (int64_t k = 1; k < inner; ++k) {
      double x = src.loadFloat(at(src, k));
      switch (kind) {
      case vec::ReductionKind::sum:
        acc = roundToType(acc + x, src.kind);
        break;
      case vec::ReductionKind::max:
        acc = selectExtreme(acc, x, true, true);
        break;
      case vec::ReductionKind::min:
        acc = selectExtreme(acc, x, false, true);
        break;
      }
    }
    dst.storeFloat(at(dst, 0), acc);
  }
}

/// Fixpipe scales keep only the top 19 bits of the f32 pattern
/// (hicann/ops-nn aclnnTransQuantParam.md).
double truncateScale(double scale) {
  uint32_t bits = nm::f32ToBits(static_cast<float>(scale)) & 0xFFFFE000u;
  return nm::bitsToF32(bits);
}

LogicalResult executeFixpipe(mte::FixpipeOp op, Lookup lookup) {
  const TileRef &src = std::get<TileRef>(lookup(op.getSrc()));
  const TileRef &dst = std::get<TileRef>(lookup(op.getDst()));
  const RtValue *scale = op.getScale() ? &lookup(op.getScale()) : nullptr;
  auto scaleAt = [&](int64_t column) {
    if (const auto *tile = std::get_if<TileRef>(scale))
      return truncateScale(tile->loadFloat(tile->linear({column})));
    return truncateScale(std::get<double>(*scale));
  };
  // ODS returns I64Attr values as uint64_t: go through int64_t so negative
  // offsets stay negative.
  double offset =
      static_cast<double>(static_cast<int64_t>(op.getOffset().value_or(0)));
  QuantMode mode = op.getQuant();
  for (int64_t r = 0; r < src.shape[0]; ++r) {
    for (int64_t c = 0; c < src.shape[1]; ++c) {
      int64_t from = src.linear({r, c}), to = dst.linear({r, c});
      switch (mode) {
      case QuantMode::none:
      case QuantMode::f32_to_f16:
      case QuantMode::f32_to_bf16:
        if (dst.isFloat()) {
          double v = roundToType(src.loadFloat(from), dst.kind);
          dst.storeFloat(to, op.getRelu() && v < 0 ? 0.0 : v);
        } else {
          int64_t v = src.loadInt(from);
          dst.storeInt(to, op.getRelu() && v < 0 ? 0 : v);
        }
        break;
      case QuantMode::requant: {
        // In f32: acc -> f32, times the scale, plus the offset, each rounded.
        double acc = nm::intToF32(src.loadInt(from));
        double scaled = roundToType(acc * scaleAt(c), ElementKind::F32);
        double shifted = roundToType(scaled + offset, ElementKind::F32);
        int64_t q = nm::f32ToI8(static_cast<float>(shifted), nm::RoundMode::rint);
        dst.storeInt(to, op.getRelu() && q < 0 ? 0 : q);
        break;
      }
      case QuantMode::dequant: {
        double acc = nm::intToF32(src.loadInt(from));
        double v = roundToType(roundToType(acc * scaleAt(c), ElementKind::F32),
                               dst.kind);
        dst.storeFloat(to, op.getRelu() && v < 0 ? 0.0 : v);
        break;
      }
      }
    }
  }
  return success();
}

/// C (+)= A x B with f32 (i32) accumulation sequential in k
/// (docs/Numerics.md, "Cube").
LogicalResult executeMmad(cube::MmadOp op, Lookup lookup) {
  const TileRef &a = std::get<TileRef>(lookup(op.getA()));
  const TileRef &b = std::get<TileRef>(lookup(op.getB()));
  const TileRef &c = std::get<TileRef>(lookup(op.getC()));
  bool init = op.getInit() && std::get<int64_t>(lookup(op.getInit())) != 0;
  int64_t m = c.shape[0], n = c.shape[1];
  int64_t k = op.getTransposeA() ? a.shape[0] : a.shape[1];
  auto aAt = [&](int64_t i, int64_t kk) {
    return op.getTransposeA() ? a.linear({kk, i}) : a.linear({i, kk});
  };
  auto bAt = [&](int64_t kk, int64_t j) {
    return op.getTransposeB() ? b.linear({j, kk}) : b.linear({kk, j});
  };
  // Operands are unpacked once into row-major [m][k] and [k][n] arrays so
  // the m*n*k loop touches plain numbers.
  auto unpack = [&](auto load, auto &into, bool isA) {
    int64_t rows = isA ? m : k, cols = isA ? k : n;
    into.resize(rows * cols);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t q = 0; q < cols; ++q)
        into[r * cols + q] = load(isA ? aAt(r, q) : bAt(r, q), isA);
  };
  if (c.isFloat()) {
    // Products of f16/bf16 are exact in f32; f32 products round to f32.
    // Float arithmetic is IEEE round-to-nearest-even and this file is built
    // with -ffp-contract=off, so no fused multiply-add sneaks in.
    std::vector<float> av, bv;
    auto load = [&](int64_t at, bool isA) {
      return static_cast<float>((isA ? a : b).loadFloat(at));
    };
    unpack(load, av, true);
    unpack(load, bv, false);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int64_t out = c.linear({i, j});
        float acc = init ? 0.0f : static_cast<float>(c.loadFloat(out));
        for (int64_t kk = 0; kk < k; ++kk)
          acc = acc + av[i * k + kk] * bv[kk * n + j];
        c.storeFloat(out, acc);
      }
  } else {
    std::vector<int32_t> av, bv;
    auto load = [&](int64_t at, bool isA) {
      return static_cast<int32_t>((isA ? a : b).loadInt(at));
    };
    unpack(load, av, true);
    unpack(load, bv, false);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int64_t out = c.linear({i, j});
        // i32 accumulation wraps (docs/Numerics.md).
        uint32_t acc = init ? 0 : static_cast<uint32_t>(c.loadInt(out));
        for (int64_t kk = 0; kk < k; ++kk)
          acc += static_cast<uint32_t>(av[i * k + kk] * bv[kk * n + j]);
        c.storeInt(out, static_cast<int32_t>(acc));
      }
  }
  return success();
}

} // namespace

LogicalResult mlir::ascend::runtime::executeTileOp(Operation *op, Lookup lookup,
                                                   bool &handled) {
  handled = true;
  auto tile = [&](Value v) -> const TileRef & {
    return std::get<TileRef>(lookup(v));
  };
  if (auto copy = dyn_cast<mte::CopyOp>(op)) {
    if (copy.getPad())
      copyPadded(tile(copy.getSrc()), tile(copy.getDst()));
    else
      copyElements(tile(copy.getSrc()), tile(copy.getDst()), copy.getTranspose());
    return success();
  }
  if (auto fixpipe = dyn_cast<mte::FixpipeOp>(op))
    return executeFixpipe(fixpipe, lookup);
  if (auto mmad = dyn_cast<cube::MmadOp>(op))
    return executeMmad(mmad, lookup);

  if (std::optional<BinaryFn> fn = binaryFnOf(op)) {
    const TileRef &lhs = tile(op->getOperand(0));
    const TileRef &dst = tile(op->getOperand(2));
    const RtValue &rhs = lookup(op->getOperand(1));
    if (const TileRef *rhsTile = std::get_if<TileRef>(&rhs)) {
      elementwise({&lhs, rhsTile}, dst, [&](double *x) { return fn->f(x[0], x[1]); },
                  [&](int64_t *x) { return fn->i(x[0], x[1]); });
    } else { // scalar form
      double fs = dst.isFloat() ? std::get<double>(rhs) : 0;
      int64_t is = dst.isFloat() ? 0 : std::get<int64_t>(rhs);
      elementwise({&lhs}, dst, [&](double *x) { return fn->f(x[0], fs); },
                  [&](int64_t *x) { return fn->i(x[0], is); });
    }
    return success();
  }
  // abs and relu on floats are bit operations: NaN payloads pass through.
  if (isa<vec::AbsOp, vec::ReluOp>(op) && tile(op->getOperand(0)).isFloat()) {
    const TileRef &src = tile(op->getOperand(0)), &dst = tile(op->getOperand(1));
    uint64_t sign = uint64_t(1) << (src.bits - 1);
    bool relu = isa<vec::ReluOp>(op);
    for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
      int64_t from = src.linearOfOrdinal(i);
      uint64_t raw = src.loadRaw(from);
      double x = src.loadFloat(from);
      if (!relu)
        raw &= ~sign;
      else if (!(x > 0) && x == x) // negative, zero: +0
        raw = 0;
      dst.storeRaw(dst.linearOfOrdinal(i), raw);
    }
    return success();
  }
  if (std::optional<double (*)(double)> fn = unaryFnOf(op)) {
    elementwise({&tile(op->getOperand(0))}, tile(op->getOperand(1)),
                [&](double *x) { return (*fn)(x[0]); },
                [&](int64_t *x) {
                  // Integer relu and abs; abs wraps at the minimum value.
                  return isa<vec::ReluOp>(op) ? std::max<int64_t>(x[0], 0)
                                              : (x[0] < 0 ? -x[0] : x[0]);
                });
    return success();
  }
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](vec::CastOp cast) {
        executeCast(cast, tile(cast.getSrc()), tile(cast.getDst()));
        return success();
      })
      .Case([&](vec::CompareOp cmp) {
        const TileRef &a = tile(cmp.getLhs()), &b = tile(cmp.getRhs());
        const TileRef &mask = tile(cmp.getMask());
        for (int64_t i = 0, n = mask.numElements(); i < n; ++i)
          mask.storeRaw(mask.linearOfOrdinal(i),
                        compareValues(cmp.getPredicate(),
                                      a.loadFloat(a.linearOfOrdinal(i)),
                                      b.loadFloat(b.linearOfOrdinal(i))));
        return success();
      })
      .Case([&](vec::SelectOp sel) {
        const TileRef &mask = tile(sel.getMask()), &dst = tile(sel.getDst());
        const TileRef &t = tile(sel.getTrueValue()), &f = tile(sel.getFalseValue());
        for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
          const TileRef &from = mask.loadRaw(mask.linearOfOrdinal(i)) ? t : f;
          dst.storeRaw(dst.linearOfOrdinal(i), from.loadRaw(from.linearOfOrdinal(i)));
        }
        return success();
      })
      .Case([&](vec::ReduceRowsOp r) {
        reduce(r.getKind(), tile(r.getSrc()), tile(r.getDst()), 1);
        return success();
      })
      .Case([&](vec::ReduceColsOp r) {
        reduce(r.getKind(), tile(r.getSrc()), tile(r.getDst()), 0);
        return success();
      })
      .Case([&](vec::BroadcastOp b) {
        const TileRef &src = tile(b.getSrc()), &dst = tile(b.getDst());
        SmallVector<int64_t> index(dst.rank());
        for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
          int64_t rest = i;
          for (int64_t d = dst.rank() - 1; d >= 0; --d) {
            index[d] = src.shape[d] == 1 ? 0 : rest % dst.shape[d];
            rest /= dst.shape[d];
          }
          dst.storeRaw(dst.linearOfOrdinal(i), src.loadRaw(src.linear(index)));
        }
        return success();
      })
      .Case([&](vec::TransposeOp t) {
        copyElements(tile(t.getSrc()), tile(t.getDst()), /*transpose=*/true);
        return success();
      })
      .Case([&](vec::GatherOp g) -> LogicalResult {
        const TileRef &src = tile(g.getSrc()), &index = tile(g.getIndex());
        const TileRef &dst = tile(g.getDst());
        int64_t size = src.numElements();
        for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
          int64_t at = index.loadInt(index.linearOfOrdinal(i));
          if (at < 0 || at >= size)
            return g.emitError() << "gather index " << at << " (element " << i
                                 << " of the index tile) is outside the "
                                 << size << "-element source";
          dst.storeRaw(dst.linearOfOrdinal(i), src.loadRaw(src.linearOfOrdinal(at)));
        }
        return success();
      })
      .Case([&](vec::FillOp f) {
        const TileRef &dst = tile(f.getDst());
        const RtValue &v = lookup(f.getScalar());
        for (int64_t i = 0, n = dst.numElements(); i < n; ++i) {
          if (dst.isFloat())
            dst.storeFloat(dst.linearOfOrdinal(i), std::get<double>(v));
          else
            dst.storeInt(dst.linearOfOrdinal(i), std::get<int64_t>(v));
        }
        return success();
      })
      .Case([&](vec::CopyOp c) {
        copyElements(tile(c.getSrc()), tile(c.getDst()), false);
        return success();
      })
      .Default([&](Operation *) {
        handled = false;
        return success();
      });
}
