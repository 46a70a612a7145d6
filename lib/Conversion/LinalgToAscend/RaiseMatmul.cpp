//===- RaiseMatmul.cpp - linalg matmuls to ascend.matmul/batch_matmul -----===//
//
// The named matmuls, and linalg.generic ops with their maps and body (what
// -linalg-generalize-named-ops makes of them), are raised.
// linalg's matmuls accumulate into their init (C += A x B); ascend.matmul
// computes A x B. A zero fill or a tensor.empty init (undefined contents, so
// any value is a valid choice) adds nothing; any other init is added to the
// product with ascend.add. A transpose of the last two dims feeding A or B
// becomes the op's transpose flag.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "Raising.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

namespace {

/// The shape of a linalg matmul: batched or not, which operand is stored
/// transposed.
struct MatmulKind {
  bool batched;
  bool transposeA;
  bool transposeB;
};

std::optional<MatmulKind> getGenericMatmulKind(linalg::GenericOp op);

/// The matmul `op` computes: a named one, or a linalg.generic with a
/// matmul's maps and body.
std::optional<MatmulKind> getMatmulKind(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<MatmulKind>>(op)
      .Case([](linalg::MatmulOp) {
        return MatmulKind{false, false, false};
      })
      .Case([](linalg::MatmulTransposeAOp) {
        return MatmulKind{false, true, false};
      })
      .Case([](linalg::MatmulTransposeBOp) {
        return MatmulKind{false, false, true};
      })
      .Case([](linalg::BatchMatmulOp) {
        return MatmulKind{true, false, false};
      })
      .Case([](linalg::BatchMatmulTransposeAOp) {
        return MatmulKind{true, true, false};
      })
      .Case([](linalg::BatchMatmulTransposeBOp) {
        return MatmulKind{true, false, true};
      })
      .Case([](linalg::GenericOp op) { return getGenericMatmulKind(op); })
      .Default([](Operation *) { return std::nullopt; });
}

/// `value` without an arith.extf (exact, so a widened operand multiplies as
/// the original does in f32).
Value skipExtF(Value value) {
  if (auto ext = value.getDefiningOp<arith::ExtFOp>())
    return ext.getIn();
  return value;
}

/// Whether the body of `op` is `acc + a * b` over inputs 0 and 1 and the
/// init, with a and b optionally widened: what a float matmul computes.
bool hasMatmulBody(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  auto add = cast<linalg::YieldOp>(body->getTerminator())
                 .getOperand(0)
                 .getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value acc = body->getArgument(2);
  Value product = add.getLhs() == acc ? add.getRhs() : add.getLhs();
  auto mul = product.getDefiningOp<arith::MulFOp>();
  if (!mul || (add.getLhs() != acc && add.getRhs() != acc))
    return false;
  Value a = skipExtF(mul.getLhs()), b = skipExtF(mul.getRhs());
  Value in0 = body->getArgument(0), in1 = body->getArgument(1);
  return (a == in0 && b == in1) || (a == in1 && b == in0);
}

/// The matmul a linalg.generic computes: maps of a matmul or batch matmul
/// with either operand possibly transposed, and a multiply-add body.
std::optional<MatmulKind> getGenericMatmulKind(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !hasMatmulBody(op))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->batch.size() > 1 || dims->m.size() != 1 ||
      dims->n.size() != 1 || dims->k.size() != 1)
    return std::nullopt;
  // The map that reads the batch dim (if any), then `rows`, then `cols`.
  auto mapOf = [&](unsigned rows, unsigned cols) {
    SmallVector<AffineExpr> exprs;
    for (unsigned dim : dims->batch)
      exprs.push_back(getAffineDimExpr(dim, op.getContext()));
    exprs.push_back(getAffineDimExpr(rows, op.getContext()));
    exprs.push_back(getAffineDimExpr(cols, op.getContext()));
    return AffineMap::get(op.getNumLoops(), 0, exprs, op.getContext());
  };
  unsigned m = dims->m.front(), n = dims->n.front(), k = dims->k.front();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[2] != mapOf(m, n) ||
      (maps[0] != mapOf(m, k) && maps[0] != mapOf(k, m)) ||
      (maps[1] != mapOf(k, n) && maps[1] != mapOf(n, k)))
    return std::nullopt;
  return MatmulKind{!dims->batch.empty(), maps[0] == mapOf(k, m),
                    maps[1] == mapOf(n, k)};
}

/// Whether the init contributes nothing to the result.
bool isNeutralInit(Value init) {
  if (init.getDefiningOp<tensor::EmptyOp>())
    return true;
  Value fill = getFillValue(init);
  std::optional<APFloat> constant =
      fill ? getConstantFloat(fill) : std::nullopt;
  return constant && constant->isZero();
}

/// What to add to the product: null, a fill's scalar, or the init tensor.
Value getAddend(Value init) {
  if (isNeutralInit(init))
    return {};
  if (Value fill = getFillValue(init))
    return fill;
  return init;
}

} // namespace

bool raising::isMatmul(Operation *op) { return getMatmulKind(op).has_value(); }

Decision raising::decideMatmul(linalg::LinalgOp op) {
  MatmulKind kind = *getMatmulKind(op);
  Value a = op.getDpsInputOperand(0)->get();
  Value b = op.getDpsInputOperand(1)->get();
  Value init = op.getDpsInitOperand(0)->get();
  Type aType = cast<ShapedType>(a.getType()).getElementType();
  Type bType = cast<ShapedType>(b.getType()).getElementType();
  Type resultType = cast<ShapedType>(init.getType()).getElementType();
  if (!isAscendFloat(aType))
    return Decision::keep(
        "its operands are " + describe(aType) +
        "; ascend matmuls take f16, bf16 or f32 (int8 is ascend.quant_matmul)");
  if (aType != bType)
    return Decision::keep("its operands are " + describe(aType) + " and " +
                          describe(bType) +
                          "; ascend matmuls take one operand type");
  if (resultType != aType && !resultType.isF32())
    return Decision::keep("its result is " + describe(resultType) +
                          "; ascend matmuls return the operand type (" +
                          describe(aType) + ") or f32");
  if (Value fill = getFillValue(init);
      fill && fill.getType() != resultType && !getConstantFloat(fill))
    return Decision::keep("its init is a fill with a " +
                          describe(fill.getType()) + " value, not " +
                          describe(resultType));

  bool transposeA = kind.transposeA, transposeB = kind.transposeB;
  if (Value source = getLastTwoDimsTransposeSource(a)) {
    a = source;
    transposeA = !transposeA;
  }
  if (Value source = getLastTwoDimsTransposeSource(b)) {
    b = source;
    transposeB = !transposeB;
  }

  return Decision::raise([=](PatternRewriter &rewriter) {
    rewriter.setInsertionPoint(op);
    Location loc = op->getLoc();
    Type type = op->getResult(0).getType();
    Value product =
        kind.batched
            ? rewriter
                  .create<BatchMatmulOp>(loc, type, a, b, transposeA,
                                         transposeB)
                  .getResult()
            : rewriter.create<MatmulOp>(loc, type, a, b, transposeA, transposeB)
                  .getResult();
    if (Value addend = getAddend(init)) {
      if (!isa<RankedTensorType>(addend.getType()))
        addend = scalarToTensor(rewriter, loc, addend, resultType);
      product = rewriter.create<AddOp>(loc, type, addend, product);
    }
    rewriter.replaceOp(op, product);
  });
}
