//===- Raising.h - decisions of ascend-raise-linalg -------------*- C++ -*-===//
//
// Each kind of linalg op has a `decide...` function that either returns the
// rewrite raising the op or the reason it stays. The patterns run the
// rewrite; `report-unmatched` prints the reason. One function answers both,
// so the report can never disagree with what the patterns did.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_LIB_CONVERSION_LINALGTOASCEND_RAISING_H
#define ASCENDDIALECT_LIB_CONVERSION_LINALGTOASCEND_RAISING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/Twine.h"
#include <functional>
#include <optional>
#include <string>

namespace mlir::ascend::raising {

/// What the pass does with one op: a rewrite that raises it, or the reason it
/// is left alone.
class Decision {
public:
  using Rewrite = std::function<void(PatternRewriter &)>;

  static Decision raise(Rewrite rewrite) {
    Decision d;
    d.rewrite = std::move(rewrite);
    return d;
  }
  static Decision keep(const Twine &reason) {
    Decision d;
    d.reason = reason.str();
    return d;
  }

  bool raises() const { return static_cast<bool>(rewrite); }
  /// Prefixes the reason with context (`what: reason`).
  Decision &prefix(const Twine &what) {
    reason = (what + ": " + reason).str();
    return *this;
  }

  Rewrite rewrite;
  std::string reason;
};

/// Whether the pass considers `op` at all: a linalg op, not nested in a
/// linalg op's body (linalg.yield, linalg.index).
bool isCandidate(Operation *op);

/// Dispatches a candidate to the decision for its kind.
Decision decide(Operation *op);

/// Whether `op` is one of the linalg matmuls decideMatmul handles: a named
/// one, or a linalg.generic with a matmul's maps and body.
bool isMatmul(Operation *op);

Decision decideMatmul(linalg::LinalgOp op);
Decision decideElementwise(linalg::LinalgOp op);
Decision decideReduction(linalg::LinalgOp op);
Decision decideSoftmax(linalg::SoftmaxOp op);
/// A copy that repeats slices along one dim (GQA's repeat_kv, as a
/// `floordiv` map or a broadcast merged into the dim before it) raised to
/// ascend.repeat; nullopt if `op` is no such copy.
std::optional<Decision> decideRepeat(linalg::LinalgOp op);

//===----------------------------------------------------------------------===//
// Helpers shared by the decisions
//===----------------------------------------------------------------------===//

/// f16, bf16 or f32: what ascend's floating-point ops take.
bool isAscendFloat(Type type);

/// The float constant `value` evaluates to. Folds the scalar arith that
/// frontends wrap literals in (torch-mlir truncates f64 literals and
/// multiplies by `alpha` inside payloads); splat tensor constants count.
std::optional<APFloat> getConstantFloat(Value value);

/// The integer constant `value` evaluates to (exponents of math.fpowi).
std::optional<int64_t> getConstantInt(Value value);

/// Whether `value` is a constant equal to `expected` (either zero sign
/// matches 0.0; use getConstantFloat to tell them apart).
bool isConstantFloat(Value value, double expected);

/// `expected` rounded to nearest even in `type`'s semantics, compared with
/// the constant `value` holds.
bool isConstantInType(Value value, double expected, Type type);

/// The scalar a fill on tensors (linalg.fill or a generic yielding one
/// scalar) writes into `tensor`, or null.
Value getFillValue(Value tensor);

/// If `op` only copies its single tensor input (a copy, broadcast or
/// transpose, named or generic), the map from its loop dims to the input's
/// dims composed with the inverse of its output map, i.e. the map from the
/// result's dims to the input's; otherwise null.
AffineMap getCopyMap(linalg::LinalgOp op);

/// The source of `value` when `value` is `source` with its last two dims
/// swapped (and nothing else moved); null otherwise.
Value getLastTwoDimsTransposeSource(Value value);

/// `value` with unit dims inserted so that its dim `i` lands at result dim
/// `positions[i]` of a tensor of `resultShape` (every other result dim is 1).
Value insertUnitDims(OpBuilder &builder, Location loc, Value value,
                     ArrayRef<int64_t> positions,
                     ArrayRef<int64_t> resultShape);

/// A rank-0 tensor of `element` holding `scalar`: a constant is converted to
/// `element` (nearest even), a runtime scalar must already be `element`.
Value scalarToTensor(OpBuilder &builder, Location loc, Value scalar,
                     Type element);

/// Erases the ops of `chain` (producers first) that no longer have users,
/// consumers first.
void eraseDeadOps(PatternRewriter &rewriter, ArrayRef<Operation *> chain);

/// "linalg.generic", "ascend.mul": how messages name an op.
std::string describe(Operation *op);
/// "f64", "tensor<4xf32>": how messages name a type.
std::string describe(Type type);

} // namespace mlir::ascend::raising

#endif // ASCENDDIALECT_LIB_CONVERSION_LINALGTOASCEND_RAISING_H
