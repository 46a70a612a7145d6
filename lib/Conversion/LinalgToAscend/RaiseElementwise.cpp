//===- RaiseElementwise.cpp - elementwise linalg ops to ascend ops --------===//
//
// An elementwise linalg op (all loops parallel: linalg.generic, linalg.map
// and the named elementwise ops) is raised by translating its body, an
// expression over the inputs' elements, into a tree of ascend ops over whole
// tensors. Indexing maps become NumPy broadcasting: an input whose map drops
// loop dims reads the same element along them, which is what NumPy does with
// a size-1 (or missing leading) dim; unit dims are inserted where NumPy's
// alignment at the trailing dims needs them.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "Raising.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::raising;

namespace {

/// The ascend ops a body translates to.
enum class Fn {
  Add,
  Sub,
  Mul,
  Div,
  Max,
  Min,
  Exp,
  Log,
  Sqrt,
  Rsqrt,
  Reciprocal,
  Abs,
  Neg,
  Relu,
  Tanh,
  Erf,
  Cast
};

/// One value of the raised computation: a leaf the ascend ops read (a tensor
/// operand of the linalg op or a scalar) or a node (an ascend op).
struct Term {
  // Leaf: a tensor operand, and for each of its dims the loop dim it
  // follows or -1 (a unit dim).
  Value tensor;
  SmallVector<int64_t> loopDims;
  bool expand = false; // insert unit dims to line up with the loop dims
  // Leaf: a scalar (a constant or a value from outside the body), read as a
  // rank-0 tensor.
  Value scalar;
  // Node.
  std::optional<Fn> fn;
  SmallVector<unsigned, 2> args;
  aicore::RoundMode roundMode = aicore::RoundMode::rint;

  Type element;
  /// NumPy rank: the term's dims line up with the trailing `rank` loop dims.
  unsigned rank = 0;
  /// The loop dims along which the term varies (has the loop's size).
  llvm::SmallBitVector covers;
};

std::string printMap(AffineMap map) {
  std::string text;
  llvm::raw_string_ostream os(text);
  map.print(os);
  return text;
}

/// Whether `map` selects some of its dims in their order (a broadcast).
bool isBroadcastMap(AffineMap map) {
  return map.isProjectedPermutation() &&
         llvm::is_sorted(llvm::map_range(map.getResults(), [](AffineExpr e) {
           return cast<AffineDimExpr>(e).getPosition();
         }));
}

/// Translates the body of `op` into terms, or says why it cannot.
class BodyTranslator {
public:
  explicit BodyTranslator(linalg::LinalgOp op)
      : op(op), numLoops(op.getNumLoops()) {}

  /// The index of the term computing `value`.
  FailureOr<unsigned> translate(Value value);

  SmallVector<Term> terms;
  std::string whyNot;

private:
  FailureOr<unsigned> translateOperand(OpOperand &operand);
  FailureOr<unsigned> translateOp(Operation *def);
  FailureOr<unsigned> addNode(Fn fn, Operation *def, ValueRange args);
  FailureOr<unsigned> addRelu(arith::SelectOp select);
  unsigned addScalar(Value scalar, Type element);
  LogicalResult fail(const Twine &why) {
    whyNot = why.str();
    return failure();
  }
  std::string operandName(OpOperand &operand) {
    if (op.isDpsInit(&operand))
      return "its init";
    return "input " + std::to_string(operand.getOperandNumber());
  }

  linalg::LinalgOp op;
  unsigned numLoops;
  DenseMap<Value, unsigned> memo;
};

/// `value` without multiplications by 1 (torch-mlir multiplies the second
/// operand of add and sub by `alpha`, which is 1 unless the user says so).
Value skipMultiplyByOne(Value value) {
  while (auto mul = value.getDefiningOp<arith::MulFOp>()) {
    if (isConstantFloat(mul.getRhs(), 1.0))
      value = mul.getLhs();
    else if (isConstantFloat(mul.getLhs(), 1.0))
      value = mul.getRhs();
    else
      break;
  }
  return value;
}

bool isPositiveZero(Value value) {
  std::optional<APFloat> constant = getConstantFloat(value);
  return constant && constant->isPosZero();
}

/// The ascend rounding mode of `trunc`'s (round to nearest even by default).
aicore::RoundMode getRoundMode(arith::TruncFOp trunc) {
  switch (
      trunc.getRoundingmode().value_or(arith::RoundingMode::to_nearest_even)) {
  case arith::RoundingMode::to_nearest_even:
    return aicore::RoundMode::rint;
  case arith::RoundingMode::to_nearest_away:
    return aicore::RoundMode::round;
  case arith::RoundingMode::downward:
    return aicore::RoundMode::floor;
  case arith::RoundingMode::upward:
    return aicore::RoundMode::ceil;
  case arith::RoundingMode::toward_zero:
    return aicore::RoundMode::trunc;
  }
  llvm_unreachable("every rounding mode is handled");
}

FailureOr<unsigned> BodyTranslator::translate(Value value) {
  value = skipMultiplyByOne(value);
  if (auto it = memo.find(value); it != memo.end())
    return it->second;

  FailureOr<unsigned> index = failure();
  auto arg = dyn_cast<BlockArgument>(value);
  if (arg && arg.getOwner() == op.getBlock()) {
    index = translateOperand(*op.getMatchingOpOperand(arg));
  } else if (getConstantFloat(value) ||
             !op->getRegion(0).isAncestor(value.getParentRegion())) {
    // A constant, or a scalar computed outside the body: the same value for
    // every element.
    if (!isAscendFloat(value.getType()))
      return fail("its body reads a scalar of type " +
                  describe(value.getType()) +
                  "; ascend ops take f16, bf16 or f32");
    index = addScalar(value, value.getType());
  } else {
    index = translateOp(value.getDefiningOp());
  }
  if (succeeded(index))
    memo[value] = *index;
  return index;
}

unsigned BodyTranslator::addScalar(Value scalar, Type element) {
  Term term;
  term.scalar = scalar;
  term.element = element;
  term.covers.resize(numLoops);
  terms.push_back(std::move(term));
  return terms.size() - 1;
}

FailureOr<unsigned> BodyTranslator::translateOperand(OpOperand &operand) {
  Value value = operand.get();
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type) {
    if (!isAscendFloat(value.getType()))
      return fail(operandName(operand) + " is a scalar of type " +
                  describe(value.getType()) +
                  "; ascend ops take f16, bf16 or f32");
    return addScalar(value, value.getType());
  }
  Type element = type.getElementType();

  // Broadcasts of the tensor the op reads fold into its indexing map.
  AffineMap map = op.getMatchingIndexingMap(&operand);
  while (auto producer = value.getDefiningOp<linalg::LinalgOp>()) {
    AffineMap copy = getCopyMap(producer);
    if (!copy || !isBroadcastMap(copy))
      break;
    value = producer.getDpsInputOperand(0)->get();
    map = copy.compose(map);
  }

  if (Value fill = getFillValue(value)) {
    if (fill.getType() != element && !getConstantFloat(fill))
      return fail(operandName(operand) + " is a fill with a " +
                  describe(fill.getType()) + " value, not " +
                  describe(element));
    return addScalar(fill, element);
  }
  if (getConstantFloat(value))
    return addScalar(value, element);
  if (op.isDpsInit(&operand) && value.getDefiningOp<tensor::EmptyOp>())
    return fail("its body reads its init, a tensor.empty whose contents are "
                "undefined");

  auto notBroadcast = [&](StringRef what) {
    return fail(operandName(operand) + " is indexed by " + printMap(map) +
                ", which " + what +
                "; ascend ops only broadcast their operands, like NumPy");
  };
  Term term;
  term.tensor = value;
  term.element = element;
  term.covers.resize(numLoops);
  auto shape = cast<RankedTensorType>(value.getType()).getShape();
  int64_t previous = -1;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      if (static_cast<int64_t>(dim.getPosition()) <= previous)
        return notBroadcast("transposes or repeats loop dims");
      previous = dim.getPosition();
      term.loopDims.push_back(previous);
      term.covers.set(previous);
      continue;
    }
    auto constant = dyn_cast<AffineConstantExpr>(expr);
    if (!constant)
      return notBroadcast("computes indices (a window, stride or gather)");
    if (constant.getValue() != 0 || shape[i] != 1)
      return notBroadcast("reads part of a dim");
    term.loopDims.push_back(-1);
  }

  // NumPy lines dims up at the end: dim i of a rank-r operand meets loop dim
  // numLoops - r + i.
  int64_t rank = term.loopDims.size();
  bool lined = llvm::all_of(llvm::enumerate(term.loopDims), [&](auto pair) {
    auto [i, loop] = pair;
    return loop < 0 || loop == static_cast<int64_t>(numLoops - rank + i);
  });
  if (!lined && llvm::is_contained(term.loopDims, -1))
    return notBroadcast("mixes unit dims with dropped dims that NumPy "
                        "broadcasting cannot line up");
  term.expand = !lined;
  term.rank = lined ? rank : numLoops;
  terms.push_back(std::move(term));
  return terms.size() - 1;
}

FailureOr<unsigned> BodyTranslator::addNode(Fn fn, Operation *def,
                                            ValueRange args) {
  Term term;
  term.fn = fn;
  term.element = def->getResult(0).getType();
  term.covers.resize(numLoops);
  for (Value arg : args) {
    FailureOr<unsigned> index = translate(arg);
    if (failed(index))
      return failure();
    term.args.push_back(*index);
  }
  if (auto trunc = dyn_cast<arith::TruncFOp>(def))
    term.roundMode = getRoundMode(trunc);
  terms.push_back(std::move(term));
  return terms.size() - 1;
}

/// torch-mlir's relu: `select(cmpf(ugt, x, +0), x, +0)`. ugt keeps NaN (the
/// comparison is true) and maps -0 to +0, exactly like maximumf(x, +0).
FailureOr<unsigned> BodyTranslator::addRelu(arith::SelectOp select) {
  auto cmp = select.getCondition().getDefiningOp<arith::CmpFOp>();
  if (!cmp || cmp.getPredicate() != arith::CmpFPredicate::UGT ||
      !isPositiveZero(cmp.getRhs()) ||
      !isPositiveZero(select.getFalseValue()) ||
      skipMultiplyByOne(select.getTrueValue()) !=
          skipMultiplyByOne(cmp.getLhs()))
    return fail("its body computes arith.select, which is raised only as "
                "relu: select(cmpf(ugt, x, +0.0), x, +0.0)");
  return addNode(Fn::Relu, select, cmp.getLhs());
}

FailureOr<unsigned> BodyTranslator::translateOp(Operation *def) {
  std::string name = describe(def);
  if (def->getNumResults() != 1)
    return fail("its body computes " + name + ", which no ascend op computes");
  // Casts also need an ascend source type; every other float op computes in
  // its result type.
  Type type = def->getResult(0).getType();
  if (isa<arith::ExtFOp, arith::TruncFOp>(def) &&
      !isAscendFloat(def->getOperand(0).getType()))
    type = def->getOperand(0).getType();
  if (isa<FloatType>(type) && !isAscendFloat(type))
    return fail("its body computes " + name + " on " + describe(type) +
                "; ascend ops take f16, bf16 or f32");

  using Result = FailureOr<unsigned>;
  // The ops that map to one ascend op on all their operands.
  auto direct = [&](Fn fn) {
    return [&, fn](Operation *) -> Result {
      return addNode(fn, def, def->getOperands());
    };
  };
  return llvm::TypeSwitch<Operation *, Result>(def)
      .Case<arith::AddFOp>(direct(Fn::Add))
      .Case<arith::SubFOp>(direct(Fn::Sub))
      .Case<arith::MulFOp>(direct(Fn::Mul))
      .Case<arith::MinimumFOp>(direct(Fn::Min))
      .Case<arith::NegFOp>(direct(Fn::Neg))
      .Case<math::AbsFOp>(direct(Fn::Abs))
      .Case<math::ExpOp>(direct(Fn::Exp))
      .Case<math::LogOp>(direct(Fn::Log))
      .Case<math::SqrtOp>(direct(Fn::Sqrt))
      .Case<math::RsqrtOp>(direct(Fn::Rsqrt))
      .Case<math::TanhOp>(direct(Fn::Tanh))
      .Case<math::ErfOp>(direct(Fn::Erf))
      .Case<arith::ExtFOp, arith::TruncFOp>(direct(Fn::Cast))
      .Case([&](arith::DivFOp div) -> Result {
        if (isConstantFloat(div.getLhs(), 1.0))
          return addNode(Fn::Reciprocal, def, div.getRhs());
        return addNode(Fn::Div, def, def->getOperands());
      })
      .Case([&](arith::MaximumFOp max) -> Result {
        if (isPositiveZero(max.getRhs()))
          return addNode(Fn::Relu, def, max.getLhs());
        if (isPositiveZero(max.getLhs()))
          return addNode(Fn::Relu, def, max.getRhs());
        return addNode(Fn::Max, def, def->getOperands());
      })
      .Case<arith::MaxNumFOp, arith::MinNumFOp>([&](Operation *) -> Result {
        return fail("its body computes " + name +
                    ", which returns the other operand when one is NaN; "
                    "ascend.max and ascend.min return NaN");
      })
      .Case([&](math::PowFOp pow) -> Result {
        if (isConstantFloat(pow.getRhs(), 2.0))
          return addNode(Fn::Mul, def, {pow.getLhs(), pow.getLhs()});
        return fail("its body computes math.powf with an exponent other "
                    "than 2, which no ascend op computes");
      })
      .Case([&](math::FPowIOp pow) -> Result {
        if (getConstantInt(pow.getRhs()) == 2)
          return addNode(Fn::Mul, def, {pow.getLhs(), pow.getLhs()});
        return fail("its body computes math.fpowi with an exponent other "
                    "than 2, which no ascend op computes");
      })
      .Case([&](arith::SelectOp select) { return addRelu(select); })
      .Default([&](Operation *) -> Result {
        return fail("its body computes " + name +
                    ", which no ascend op computes");
      });
}

/// The shape of a term: its trailing `rank` loop dims, at the loop's size
/// where it varies and 1 where it is broadcast.
SmallVector<int64_t> getTermShape(const Term &term,
                                  ArrayRef<int64_t> loopSizes) {
  SmallVector<int64_t> shape;
  for (unsigned loop = loopSizes.size() - term.rank; loop < loopSizes.size();
       ++loop)
    shape.push_back(term.covers.test(loop) ? loopSizes[loop] : 1);
  return shape;
}

Value buildLeaf(OpBuilder &builder, Location loc, const Term &term,
                ArrayRef<int64_t> loopSizes) {
  if (term.scalar)
    return scalarToTensor(builder, loc, term.scalar, term.element);
  if (!term.expand)
    return term.tensor;
  auto shape = cast<RankedTensorType>(term.tensor.getType()).getShape();
  SmallVector<int64_t> expanded(loopSizes.size(), 1);
  for (auto [dim, loop] : llvm::enumerate(term.loopDims))
    expanded[loop] = shape[dim];
  return insertUnitDims(builder, loc, term.tensor, term.loopDims, expanded);
}

Value buildNode(OpBuilder &builder, Location loc, const Term &term, Type type,
                ArrayRef<Value> args) {
  switch (*term.fn) {
  case Fn::Add:
    return builder.create<AddOp>(loc, type, args[0], args[1]);
  case Fn::Sub:
    return builder.create<SubOp>(loc, type, args[0], args[1]);
  case Fn::Mul:
    return builder.create<MulOp>(loc, type, args[0], args[1]);
  case Fn::Div:
    return builder.create<DivOp>(loc, type, args[0], args[1]);
  case Fn::Max:
    return builder.create<MaxOp>(loc, type, args[0], args[1]);
  case Fn::Min:
    return builder.create<MinOp>(loc, type, args[0], args[1]);
  case Fn::Exp:
    return builder.create<ExpOp>(loc, type, args[0]);
  case Fn::Log:
    return builder.create<LogOp>(loc, type, args[0]);
  case Fn::Sqrt:
    return builder.create<SqrtOp>(loc, type, args[0]);
  case Fn::Rsqrt:
    return builder.create<RsqrtOp>(loc, type, args[0]);
  case Fn::Reciprocal:
    return builder.create<ReciprocalOp>(loc, type, args[0]);
  case Fn::Abs:
    return builder.create<AbsOp>(loc, type, args[0]);
  case Fn::Neg:
    return builder.create<NegOp>(loc, type, args[0]);
  case Fn::Relu:
    return builder.create<ReluOp>(loc, type, args[0]);
  case Fn::Tanh:
    return builder.create<TanhOp>(loc, type, args[0]);
  case Fn::Erf:
    return builder.create<ErfOp>(loc, type, args[0]);
  case Fn::Cast:
    return builder.create<CastOp>(loc, type, args[0], term.roundMode);
  }
  llvm_unreachable("every Fn is handled");
}

} // namespace

Decision raising::decideElementwise(linalg::LinalgOp op) {
  if (op->getNumResults() != 1)
    return Decision::keep("it has " + Twine(op->getNumResults()) +
                          " results; only single-result ops are raised");
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isIdentity())
    return Decision::keep("it writes its result through " +
                          printMap(outputMap) + ", not the identity map");

  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  Value root = skipMultiplyByOne(yield.getOperand(0));
  if (auto arg = dyn_cast<BlockArgument>(root);
      arg && arg.getOwner() == op.getBlock()) {
    if (std::optional<Decision> repeat = decideRepeat(op))
      return std::move(*repeat);
    return Decision::keep("it only copies, broadcasts or transposes a tensor "
                          "other than a repeat of slices along one dim "
                          "(ascend.repeat); the ascend dialect has no such op");
  }

  if (!op.getBlock()->getOps<linalg::IndexOp>().empty())
    return Decision::keep("its body reads the iteration index (linalg.index), "
                          "which ascend ops cannot");
  BodyTranslator translator(op);
  FailureOr<unsigned> rootIndex = translator.translate(root);
  if (failed(rootIndex))
    return Decision::keep(translator.whyNot);
  SmallVector<Term> terms = std::move(translator.terms);
  if (!terms[*rootIndex].fn)
    return Decision::keep("it fills its result with one value; the ascend "
                          "dialect has no fill op");

  // The result needs every loop dim: if no operand has them all, one gets
  // unit dims inserted.
  unsigned numLoops = op.getNumLoops();
  if (llvm::none_of(terms, [&](const Term &t) { return t.rank == numLoops; })) {
    auto *full = llvm::find_if(terms, [](const Term &t) {
      return t.tensor && !llvm::is_contained(t.loopDims, -1);
    });
    if (full == terms.end())
      return Decision::keep("no input can be given all " + Twine(numLoops) +
                            " loop dims");
    full->expand = true;
    full->rank = numLoops;
  }
  for (Term &term : terms)
    for (unsigned arg : term.args) {
      term.rank = std::max(term.rank, terms[arg].rank);
      term.covers |= terms[arg].covers;
    }

  SmallVector<int64_t> loopSizes = op.getStaticLoopRanges();
  const Term &result = terms[*rootIndex];
  for (auto [loop, size] : llvm::enumerate(loopSizes))
    if (size != 1 && !result.covers.test(loop))
      return Decision::keep(
          "loop dim " + Twine(loop) + " (size " +
          (ShapedType::isDynamic(size) ? std::string("?")
                                       : std::to_string(size)) +
          ") comes from no input, so the op broadcasts its result; ascend "
          "ops only broadcast their operands");

  return Decision::raise([op, terms = std::move(terms), rootIndex = *rootIndex,
                          loopSizes](PatternRewriter &rewriter) {
    rewriter.setInsertionPoint(op);
    Location loc = op->getLoc();
    SmallVector<Value> values;
    for (auto [index, term] : llvm::enumerate(terms)) {
      if (!term.fn) {
        values.push_back(buildLeaf(rewriter, loc, term, loopSizes));
        continue;
      }
      Type type = index == rootIndex
                      ? op->getResult(0).getType()
                      : RankedTensorType::get(getTermShape(term, loopSizes),
                                              term.element);
      SmallVector<Value, 2> args = llvm::map_to_vector(
          term.args, [&](unsigned arg) { return values[arg]; });
      values.push_back(buildNode(rewriter, loc, term, type, args));
    }
    rewriter.replaceOp(op, values[rootIndex]);
  });
}
