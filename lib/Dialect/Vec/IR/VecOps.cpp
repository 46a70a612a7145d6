//===- VecOps.cpp - vec op verifiers ---------------------------------===//
//
// What the vector unit checks: the element types of each instruction, the
// conversions it has (per target) and their rounding modes, matching shapes,
// and the 32-byte block structure of UB rows. Element types and casts are
// from the Ascend C API pages (asc-devkit docs/zh/api/SIMD-API/基础API/
// Memory矢量计算: Add, Div, Relu, Compare, Select, ReduceSum, Transpose,
// Gather, Duplicate, Cast).
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace mlir::vec;
using aicore::RoundMode;

//===----------------------------------------------------------------------===//
// Element types as data
//===----------------------------------------------------------------------===//

namespace {
/// The element types the vector unit knows. Tables below use these rather
/// than mlir::Type so they can be constexpr.
enum class Elem : uint8_t { i4, i8, i16, i32, f16, bf16, f32 };
} // namespace

static Type toType(MLIRContext *ctx, Elem elem) {
  switch (elem) {
  case Elem::i4:
    return IntegerType::get(ctx, 4);
  case Elem::i8:
    return IntegerType::get(ctx, 8);
  case Elem::i16:
    return IntegerType::get(ctx, 16);
  case Elem::i32:
    return IntegerType::get(ctx, 32);
  case Elem::f16:
    return Float16Type::get(ctx);
  case Elem::bf16:
    return BFloat16Type::get(ctx);
  case Elem::f32:
    return Float32Type::get(ctx);
  }
  llvm_unreachable("unknown element type");
}

static SmallVector<Type> toTypes(MLIRContext *ctx, ArrayRef<Elem> elems) {
  return llvm::map_to_vector(elems, [&](Elem e) { return toType(ctx, e); });
}

static std::optional<Elem> toElem(Type type) {
  for (Elem e : {Elem::i4, Elem::i8, Elem::i16, Elem::i32, Elem::f16,
                 Elem::bf16, Elem::f32})
    if (toType(type.getContext(), e) == type)
      return e;
  return std::nullopt;
}

// Element types per instruction family on Atlas A2 (910B).
// Add, Sub, Mul, Max, Min and their scalar forms: int16_t, half, int32_t,
// float.
constexpr Elem kArithTypes[] = {Elem::f16, Elem::f32, Elem::i16, Elem::i32};
// Div, Exp, Ln, Sqrt, Rsqrt, Reciprocal, Abs, Select, ReduceSum/Max/Min.
constexpr Elem kFloatTypes[] = {Elem::f16, Elem::f32};
// Relu: half, int32_t, float.
constexpr Elem kReluTypes[] = {Elem::f16, Elem::f32, Elem::i32};
// Compare: half and float with every predicate, int32_t with eq only.
constexpr Elem kCompareTypes[] = {Elem::f16, Elem::f32, Elem::i32};
// Duplicate, Gather, Brcb move 16- and 32-bit data; nothing is computed, so
// bf16 is as good as f16.
constexpr Elem kDataTypes[] = {Elem::f16, Elem::bf16, Elem::f32, Elem::i16,
                               Elem::i32};
// Transpose works on 16x16 blocks of 16-bit elements.
constexpr Elem kTransposeTypes[] = {Elem::f16, Elem::bf16, Elem::i16};

//===----------------------------------------------------------------------===//
// Cast tables
//===----------------------------------------------------------------------===//

namespace {
constexpr unsigned modeBit(RoundMode mode) {
  return 1u << static_cast<unsigned>(mode);
}
constexpr unsigned kRint = modeBit(RoundMode::rint);
constexpr unsigned kDirected =
    kRint | modeBit(RoundMode::round) | modeBit(RoundMode::floor) |
    modeBit(RoundMode::ceil) | modeBit(RoundMode::trunc);
constexpr unsigned kOdd = modeBit(RoundMode::odd);

/// One conversion of the vector unit and the rounding modes it takes.
/// `exact` conversions never round; Ascend C's CAST_NONE is `rint` for the
/// others.
struct CastRule {
  Elem src, dst;
  unsigned modes;
  bool exact;
};

// Ascend C Cast, table for Atlas A2 training / inference (910B). u8 and i64
// are left out: vec tiles are signless and have no 64-bit arithmetic.
constexpr CastRule k910BCasts[] = {
    {Elem::f32, Elem::f16, kDirected | kOdd, false},
    {Elem::f32, Elem::bf16, kDirected, false},
    {Elem::f32, Elem::i32, kDirected, false},
    {Elem::f32, Elem::i16, kDirected, false},
    {Elem::f32, Elem::f32, kDirected, false},
    {Elem::f16, Elem::f32, kRint, true},
    {Elem::f16, Elem::i32, kDirected, false},
    {Elem::f16, Elem::i16, kDirected, false},
    {Elem::f16, Elem::i8, kDirected, false},
    {Elem::f16, Elem::i4, kDirected, false},
    {Elem::bf16, Elem::f32, kRint, true},
    {Elem::bf16, Elem::i32, kDirected, false},
    {Elem::i32, Elem::f32, kDirected, false},
    // Goes through the dequantisation path, which ignores the mode.
    {Elem::i32, Elem::f16, kRint, false},
    // Saturates; there is nothing to round.
    {Elem::i32, Elem::i16, kRint, false},
    {Elem::i16, Elem::f32, kRint, true},
    {Elem::i16, Elem::f16, kDirected, false},
    {Elem::i8, Elem::f16, kRint, true},
    {Elem::i4, Elem::f16, kRint, true},
};

// The same page's table for the Atlas inference series AI Core (310P): an
// older vector unit without bf16 and with fewer modes.
constexpr CastRule k310PCasts[] = {
    {Elem::f32, Elem::f16, kRint | kOdd, false},
    {Elem::f16, Elem::f32, kRint, true},
    {Elem::f16, Elem::i32, kDirected, false},
    {Elem::f16, Elem::i16, kRint, false},
    {Elem::f16, Elem::i8, kDirected, false},
    {Elem::f16, Elem::i4, kRint, false},
    {Elem::i32, Elem::f32, kRint, false},
    {Elem::i32, Elem::f16, kRint, false},
    {Elem::i32, Elem::i16, kRint, false},
    {Elem::i16, Elem::f16, kRint, false},
    {Elem::i8, Elem::f16, kRint, true},
};
} // namespace

/// The cast table of the target's vector unit generation.
static ArrayRef<CastRule> getCastRules(const aicore::TargetInfo &target) {
  switch (target.arch) {
  case aicore::CoreArch::davM200:
    return k310PCasts;
  case aicore::CoreArch::davC220:
    return k910BCasts;
  }
  return k910BCasts;
}

//===----------------------------------------------------------------------===//
// Shared verifier helpers
//===----------------------------------------------------------------------===//

namespace {
/// A tile operand and the name diagnostics give it.
struct Tile {
  Value value;
  StringRef name;

  MemRefType getType() const { return cast<MemRefType>(value.getType()); }
  Type getElementType() const { return getType().getElementType(); }
  ArrayRef<int64_t> getShape() const { return getType().getShape(); }
};
} // namespace

/// Types print unquoted in our messages ("expected f16, got f32").
static std::string str(Type type) {
  std::string out;
  llvm::raw_string_ostream(out) << type;
  return out;
}

static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string out = "[";
  llvm::raw_string_ostream os(out);
  llvm::interleaveComma(shape, os);
  os << "]";
  return out;
}

static LogicalResult verifyUbTiles(Operation *op, ArrayRef<Tile> tiles) {
  for (const Tile &tile : tiles)
    if (failed(aicore::verifyTile(op, tile.value, tile.name,
                                  {aicore::AddressSpace::ub})))
      return failure();
  return success();
}

/// bf16 gets a hint of its own: it is the usual mistake, and the fix is
/// always the same.
static LogicalResult verifyElements(Operation *op, const Tile &tile,
                                    ArrayRef<Elem> allowed) {
  Type type = tile.getElementType();
  SmallVector<Type> types = toTypes(op->getContext(), allowed);
  if (llvm::is_contained(types, type) || !type.isBF16())
    return aicore::verifyElementType(op, type, tile.name, types);
  return op->emitOpError()
         << tile.name << " has element type bf16, expected "
         << aicore::formatTypeList(types)
         << "; the vector unit does not compute in bf16, cast to f32 first";
}

static LogicalResult verifySameElementType(Operation *op, const Tile &tile,
                                           const Tile &ref) {
  if (tile.getElementType() == ref.getElementType())
    return success();
  return op->emitOpError() << tile.name << " has element type "
                           << str(tile.getElementType()) << ", expected "
                           << str(ref.getElementType())
                           << " (the element type of " << ref.name << ")";
}

static LogicalResult verifyShape(Operation *op, const Tile &tile,
                                 ArrayRef<int64_t> expected, StringRef why) {
  if (tile.getShape() == expected)
    return success();
  return op->emitOpError() << tile.name << " has shape "
                           << formatShape(tile.getShape()) << ", expected "
                           << formatShape(expected) << " (" << why << ")";
}

static LogicalResult verifySameShape(Operation *op, const Tile &tile,
                                     const Tile &ref) {
  return verifyShape(op, tile, ref.getShape(),
                     ("the shape of " + ref.name).str());
}

static std::string formatStride(int64_t stride) {
  return ShapedType::isDynamic(stride) ? "?" : std::to_string(stride);
}

static std::string formatBytes(int64_t bits) {
  std::string out;
  llvm::raw_string_ostream(out) << llvm::format("%g", bits / 8.0);
  return out;
}

/// Masks (i1 tiles) are bit-packed and read and written as one bit stream,
/// so they have no rows of their own but must be contiguous, row-major.
static LogicalResult verifyBitStream(Operation *op, const Tile &mask) {
  MemRefType type = mask.getType();
  auto [strides, offset] = getStridesAndOffset(type);
  int64_t expected = 1;
  for (int64_t dim = type.getRank() - 1; dim >= 0; --dim) {
    if (type.getDimSize(dim) != 1 && strides[dim] != expected)
      return op->emitOpError()
             << mask.name << " must be contiguous (an i1 mask is one bit "
             << "stream), got stride " << formatStride(strides[dim])
             << " in dimension " << dim << ", expected " << expected;
    expected *= type.getDimSize(dim);
  }
  return success();
}

/// The vector unit reads and writes UB in 32-byte blocks and a block never
/// spans two rows: elements of a row are consecutive and every row starts on
/// a block boundary. Dimensions of size 1 make no rows, so [R, 1] and [1, C]
/// tiles are vectors.
static LogicalResult verifyRowLayout(Operation *op, const Tile &tile) {
  MemRefType type = tile.getType();
  if (type.getElementType().isInteger(1))
    return verifyBitStream(op, tile);
  auto [strides, offset] = getStridesAndOffset(type);
  ArrayRef<int64_t> shape = type.getShape();
  auto isRow = [&](unsigned dim) { return shape[dim] != 1; };
  auto dims = llvm::reverse(llvm::seq<unsigned>(0, shape.size()));
  auto inner = llvm::find_if(dims, isRow);
  if (inner == dims.end())
    return success();
  if (strides[*inner] != 1)
    return op->emitOpError()
           << tile.name << " must be contiguous in its innermost dimension, "
           << "got stride " << formatStride(strides[*inner]) << " in dimension "
           << *inner;
  int64_t bits = type.getElementTypeBitWidth();
  for (unsigned dim : llvm::seq(0u, *inner)) {
    if (!isRow(dim) || ShapedType::isDynamic(strides[dim]) ||
        strides[dim] * bits % 256 == 0)
      continue;
    return op->emitOpError()
           << tile.name << " has rows " << formatBytes(strides[dim] * bits)
           << " bytes apart in dimension " << dim
           << ", expected a multiple of 32 bytes (the vector unit addresses "
           << "UB in 32-byte blocks)";
  }
  return success();
}

static LogicalResult verifyRows(Operation *op, ArrayRef<Tile> tiles) {
  for (const Tile &tile : tiles)
    if (failed(verifyRowLayout(op, tile)))
      return failure();
  return success();
}

static LogicalResult verifyMask(Operation *op, const Tile &mask,
                                const Tile &data) {
  if (failed(
          aicore::verifyElementType(op, mask.getElementType(), mask.name,
                                    {IntegerType::get(op->getContext(), 1)})) ||
      failed(verifySameShape(op, mask, data)))
    return failure();
  return verifyBitStream(op, mask);
}

/// UB tiles, all of the first one's shape and element type, which is one of
/// `types`.
static LogicalResult verifyElementwise(Operation *op, ArrayRef<Tile> tiles,
                                       ArrayRef<Elem> types) {
  if (failed(verifyUbTiles(op, tiles)))
    return failure();
  const Tile &ref = tiles.front();
  if (failed(verifyElements(op, ref, types)))
    return failure();
  for (const Tile &tile : tiles.drop_front())
    if (failed(verifySameElementType(op, tile, ref)) ||
        failed(verifySameShape(op, tile, ref)))
      return failure();
  return verifyRows(op, tiles);
}

static LogicalResult verifyScalar(Operation *op, Value scalar,
                                  const Tile &ref) {
  if (scalar.getType() == ref.getElementType())
    return success();
  return op->emitOpError() << "scalar has type " << str(scalar.getType())
                           << ", expected " << str(ref.getElementType())
                           << " (the element type of " << ref.name << ")";
}

static LogicalResult verifyScalarOp(Operation *op, Tile src, Value scalar,
                                    Tile dst, ArrayRef<Elem> types) {
  if (failed(verifyElementwise(op, {src, dst}, types)))
    return failure();
  return verifyScalar(op, scalar, src);
}

/// `dim` of the 2-D `src` collapses to 1 in `dst`.
static LogicalResult verifyReduction(Operation *op, Tile src, Tile dst,
                                     unsigned dim) {
  if (failed(verifyUbTiles(op, {src, dst})) ||
      failed(verifyElements(op, src, kFloatTypes)) ||
      failed(verifySameElementType(op, dst, src)))
    return failure();
  if (src.getType().getRank() != 2)
    return op->emitOpError()
           << "src must be a 2-D tile, got rank " << src.getType().getRank();
  SmallVector<int64_t> expected(src.getShape());
  expected[dim] = 1;
  if (failed(verifyShape(op, dst, expected,
                         dim == 1 ? "one value per row of src"
                                  : "one value per column of src")))
    return failure();
  return verifyRows(op, {src, dst});
}

//===----------------------------------------------------------------------===//
// Type lists in the assembly
//===----------------------------------------------------------------------===//

// Tiles that must agree in shape and element type usually have one type; the
// assembly then names it once (`: memref<...>`) and otherwise lists one type
// per tile. `same` are such tiles, `leading` and `trailing` other operands.
static ParseResult parseTypes(OpAsmParser &parser, ArrayRef<Type *> leading,
                              ArrayRef<Type *> same,
                              ArrayRef<Type *> trailing) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<Type> types;
  if (parser.parseTypeList(types))
    return failure();
  size_t others = leading.size() + trailing.size();
  bool shared = types.size() == others + 1;
  if (!shared && types.size() != others + same.size())
    return parser.emitError(loc)
           << "expected " << others + 1 << " or " << others + same.size()
           << " types, got " << types.size();
  auto *it = types.begin();
  for (Type *type : leading)
    *type = *it++;
  for (Type *type : same)
    *type = shared ? *it : *it++;
  if (shared)
    ++it;
  for (Type *type : trailing)
    *type = *it++;
  return success();
}

static void printTypes(OpAsmPrinter &printer, ArrayRef<Type> leading,
                       ArrayRef<Type> same, ArrayRef<Type> trailing) {
  SmallVector<Type> types(leading);
  if (llvm::all_equal(same))
    types.push_back(same.front());
  else
    llvm::append_range(types, same);
  llvm::append_range(types, trailing);
  llvm::interleaveComma(types, printer);
}

static ParseResult parseSameTypes(OpAsmParser &parser, Type &a, Type &b) {
  return parseTypes(parser, {}, {&a, &b}, {});
}
static ParseResult parseSameTypes(OpAsmParser &parser, Type &a, Type &b,
                                  Type &c) {
  return parseTypes(parser, {}, {&a, &b, &c}, {});
}
static void printSameTypes(OpAsmPrinter &printer, Operation *, Type a, Type b) {
  printTypes(printer, {}, {a, b}, {});
}
static void printSameTypes(OpAsmPrinter &printer, Operation *, Type a, Type b,
                           Type c) {
  printTypes(printer, {}, {a, b, c}, {});
}

static ParseResult parseScalarOpTypes(OpAsmParser &parser, Type &src,
                                      Type &scalar, Type &dst) {
  return parseTypes(parser, {}, {&src, &dst}, {&scalar});
}
static void printScalarOpTypes(OpAsmPrinter &printer, Operation *, Type src,
                               Type scalar, Type dst) {
  printTypes(printer, {}, {src, dst}, {scalar});
}

static ParseResult parseCompareTypes(OpAsmParser &parser, Type &lhs, Type &rhs,
                                     Type &mask) {
  return parseTypes(parser, {}, {&lhs, &rhs}, {&mask});
}
static void printCompareTypes(OpAsmPrinter &printer, Operation *, Type lhs,
                              Type rhs, Type mask) {
  printTypes(printer, {}, {lhs, rhs}, {mask});
}

static ParseResult parseSelectTypes(OpAsmParser &parser, Type &mask,
                                    Type &trueValue, Type &falseValue,
                                    Type &dst) {
  return parseTypes(parser, {&mask}, {&trueValue, &falseValue, &dst}, {});
}
static void printSelectTypes(OpAsmPrinter &printer, Operation *, Type mask,
                             Type trueValue, Type falseValue, Type dst) {
  printTypes(printer, {mask}, {trueValue, falseValue, dst}, {});
}

#define GET_OP_CLASSES
#include "AscendDialect/Vec/VecOps.cpp.inc"

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

static std::string formatModes(unsigned modes) {
  std::string out;
  llvm::raw_string_ostream os(out);
  SmallVector<RoundMode> list;
  for (unsigned i = 0; i <= static_cast<unsigned>(RoundMode::odd); ++i)
    if (modes & (1u << i))
      list.push_back(static_cast<RoundMode>(i));
  for (auto [i, mode] : llvm::enumerate(list))
    os << (i == 0                 ? ""
           : i + 1 == list.size() ? " or "
                                  : ", ")
       << "<" << aicore::stringifyRoundMode(mode) << ">";
  return out;
}

LogicalResult CastOp::verify() {
  Tile src{getSrc(), "src"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {src, dst})) ||
      failed(verifySameShape(*this, dst, src)))
    return failure();

  const aicore::TargetInfo &target = aicore::getTargetInfo(*this);
  Type from = src.getElementType(), to = dst.getElementType();
  std::string fromName = str(from), toName = str(to);
  std::optional<Elem> srcElem = toElem(from), dstElem = toElem(to);
  ArrayRef<CastRule> rules = getCastRules(target);
  const CastRule *rule = llvm::find_if(rules, [&](const CastRule &r) {
    return r.src == srcElem && r.dst == dstElem;
  });
  if (rule == rules.end()) {
    SmallVector<Type> targets;
    for (const CastRule &r : rules)
      if (r.src == srcElem)
        targets.push_back(toType(getContext(), r.dst));
    InFlightDiagnostic diag = emitOpError()
                              << "cannot cast " << fromName << " to " << toName
                              << " on " << target.name;
    if (targets.empty())
      return diag << "; it has no casts from " << fromName;
    return diag << "; from " << fromName << " it casts to "
                << aicore::formatTypeList(targets);
  }

  RoundMode mode = getRound();
  if (rule->modes & modeBit(mode))
    return verifyRows(*this, {src, dst});
  if (rule->exact)
    return emitOpError() << "cast from " << fromName << " to " << toName
                         << " is exact, so the round mode must be <rint>, got <"
                         << aicore::stringifyRoundMode(mode) << ">";
  return emitOpError() << "round mode <" << aicore::stringifyRoundMode(mode)
                       << "> is not supported for a cast from " << fromName
                       << " to " << toName << " on " << target.name
                       << ", expected " << formatModes(rule->modes);
}

//===----------------------------------------------------------------------===//
// CompareOp, SelectOp
//===----------------------------------------------------------------------===//

LogicalResult CompareOp::verify() {
  Tile lhs{getLhs(), "lhs"}, rhs{getRhs(), "rhs"}, mask{getMask(), "mask"};
  if (failed(verifyUbTiles(*this, {lhs, rhs, mask})) ||
      failed(verifyElements(*this, lhs, kCompareTypes)) ||
      failed(verifySameElementType(*this, rhs, lhs)) ||
      failed(verifySameShape(*this, rhs, lhs)) ||
      failed(verifyMask(*this, mask, lhs)))
    return failure();
  if (lhs.getElementType().isInteger(32) && getPredicate() != CmpPredicate::eq)
    return emitOpError() << "predicate <"
                         << stringifyCmpPredicate(getPredicate())
                         << "> is not supported for i32 operands, only <eq>";
  int64_t bytes = aicore::getTileBytes(lhs.getType());
  if (bytes % 256 != 0)
    return emitOpError() << "lhs holds " << bytes
                         << " bytes, expected a multiple of 256 bytes (vcmp "
                         << "compares whole 256-byte repeats)";
  return verifyRows(*this, {lhs, rhs});
}

LogicalResult SelectOp::verify() {
  Tile mask{getMask(), "mask"}, onTrue{getTrueValue(), "true_value"},
      onFalse{getFalseValue(), "false_value"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {mask})) ||
      failed(verifyElementwise(*this, {onTrue, onFalse, dst}, kFloatTypes)))
    return failure();
  return verifyMask(*this, mask, onTrue);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult BroadcastOp::verify() {
  Tile src{getSrc(), "src"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {src, dst})) ||
      failed(verifyElements(*this, src, kDataTypes)) ||
      failed(verifySameElementType(*this, dst, src)))
    return failure();
  ArrayRef<int64_t> from = src.getShape(), to = dst.getShape();
  if (from.size() != to.size())
    return emitOpError() << "src has rank " << from.size() << ", expected rank "
                         << to.size()
                         << " (the rank of dst); broadcast dimensions have "
                         << "size 1 in src";
  for (auto [dim, sizes] : llvm::enumerate(llvm::zip_equal(from, to))) {
    auto [srcSize, dstSize] = sizes;
    if (srcSize != 1 && srcSize != dstSize)
      return emitOpError() << "src has size " << srcSize << " in dimension "
                           << dim << ", expected 1 or " << dstSize
                           << " (the size of dst)";
  }
  return verifyRows(*this, {src, dst});
}

LogicalResult TransposeOp::verify() {
  Tile src{getSrc(), "src"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {src, dst})) ||
      failed(verifyElements(*this, src, kTransposeTypes)) ||
      failed(verifySameElementType(*this, dst, src)))
    return failure();
  ArrayRef<int64_t> shape = src.getShape();
  if (shape.size() != 2)
    return emitOpError() << "src must be a 2-D tile, got rank " << shape.size();
  if (failed(verifyShape(*this, dst, {shape[1], shape[0]},
                         "src with its dimensions swapped")))
    return failure();
  if (shape[0] % 16 != 0 || shape[1] % 16 != 0)
    return emitOpError() << "src has shape " << formatShape(shape)
                         << ", expected both dimensions to be multiples of 16 "
                         << "(the vector unit transposes 16x16 blocks)";
  return verifyRows(*this, {src, dst});
}

LogicalResult GatherOp::verify() {
  Tile src{getSrc(), "src"}, index{getIndex(), "index"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {src, index, dst})) ||
      failed(verifyElements(*this, src, kDataTypes)) ||
      failed(verifyElements(*this, index, {Elem::i32})) ||
      failed(verifySameElementType(*this, dst, src)) ||
      failed(verifySameShape(*this, dst, index)))
    return failure();
  return verifyRows(*this, {src, index, dst});
}

LogicalResult FillOp::verify() {
  Tile dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {dst})) ||
      failed(verifyElements(*this, dst, kDataTypes)) ||
      failed(verifyScalar(*this, getScalar(), dst)))
    return failure();
  return verifyRowLayout(*this, dst);
}

LogicalResult CopyOp::verify() {
  Tile src{getSrc(), "src"}, dst{getDst(), "dst"};
  if (failed(verifyUbTiles(*this, {src, dst})) ||
      failed(verifySameElementType(*this, dst, src)) ||
      failed(verifySameShape(*this, dst, src)))
    return failure();
  return verifyRows(*this, {src, dst});
}
