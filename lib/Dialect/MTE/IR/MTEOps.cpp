//===- MTEOps.cpp - mte op verifiers ---------------------------------===//
//
// Transfers are legal when the module's target has the path; everything
// else checked here is what the engines require of the tiles on either end.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/MTE/MTEDialect.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mte;
using aicore::AddressSpace;
using aicore::CoreType;
using aicore::Layout;
using aicore::PathInfo;
using aicore::Pipe;
using aicore::QuantMode;
using aicore::TargetInfo;

#define GET_OP_CLASSES
#include "AscendDialect/MTE/MTEOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

static std::optional<AddressSpace> spaceOf(Value value) {
  return aicore::getAddressSpace(value.getType());
}

static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string out;
  for (auto [i, dim] : llvm::enumerate(shape))
    out += (i ? "x" : "") + std::to_string(dim);
  return out;
}

static std::string formatPair(AddressSpace src, AddressSpace dst) {
  return (aicore::stringifyAddressSpace(src) + " -> " +
          aicore::stringifyAddressSpace(dst))
      .str();
}

/// A tile stored as 16-row x 32-byte fractals must be a 2-D matrix made of
/// whole fractals of `rows0 x cols0` elements. L0A/L0B tiles may hold their
/// fractals in either orientation (`eitherOrientation`): which one is decided
/// by the consumer (cube.mmad's transpose flags).
static LogicalResult verifyFractalTile(Operation *op, StringRef name,
                                       MemRefType type, StringRef why,
                                       int64_t rows0, int64_t cols0,
                                       bool eitherOrientation) {
  if (type.getRank() != 2)
    return op->emitOpError()
           << name << " " << why << ", so it must be a 2-D tile, got rank "
           << type.getRank();
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  auto fits = [&](int64_t r0, int64_t c0) {
    return rows % r0 == 0 && cols % c0 == 0;
  };
  if (fits(rows0, cols0) || (eitherOrientation && fits(cols0, rows0)))
    return success();
  InFlightDiagnostic diag = op->emitOpError();
  diag << name << " " << why << ", but its shape " << rows << "x" << cols
       << " is not a whole number of " << rows0 << "x" << cols0 << " "
       << type.getElementType() << " fractals";
  if (eitherOrientation)
    diag << " (in either orientation)";
  return diag;
}

/// An NZ tile is made of 16-row x 32-byte fractals.
static LogicalResult verifyNZTile(Operation *op, StringRef name, Value value) {
  auto type = cast<MemRefType>(value.getType());
  // i4 packs two elements per byte, so a 32-byte row holds 64 of them.
  int64_t cols0 = 256 / type.getElementTypeBitWidth();
  return verifyFractalTile(op, name, type, "has layout nz", 16, cols0,
                           /*eitherOrientation=*/false);
}

//===----------------------------------------------------------------------===//
// CopyOp
//===----------------------------------------------------------------------===//

/// The path a copy takes; null if the IR is not (yet) verified.
static const PathInfo *getCopyPath(CopyOp op) {
  std::optional<AddressSpace> src = spaceOf(op.getSrc());
  std::optional<AddressSpace> dst = spaceOf(op.getDst());
  if (!src || !dst)
    return nullptr;
  return aicore::getTargetInfo(op).findPath(*src, *dst);
}

// Only meaningful on verified IR; before that (aicore.core walks its body
// before the ops in it are verified) any answer is as good as another.
Pipe CopyOp::getPipe() {
  const PathInfo *path = getCopyPath(*this);
  return path ? path->pipe : Pipe::s;
}

CoreType CopyOp::getCoreType() {
  std::optional<AddressSpace> space = spaceOf(getSrc());
  if (!space || *space == AddressSpace::gm)
    space = spaceOf(getDst());
  std::optional<CoreType> owner;
  if (space)
    owner = aicore::getOwningCoreType(*space);
  return owner.value_or(CoreType::vector);
}

/// "gm -> l1, gm -> ub, ...": the copies the target allows, for diagnostics.
static std::string formatCopyPaths(const TargetInfo &target) {
  std::string out;
  for (const PathInfo &path : target.paths) {
    if (path.src == AddressSpace::l0c)
      continue;
    if (!out.empty())
      out += ", ";
    out += formatPair(path.src, path.dst);
  }
  return out;
}

static bool isL0(AddressSpace space) {
  return space == AddressSpace::l0a || space == AddressSpace::l0b;
}

/// ND <-> NZ conversion happens on the way into (out of) the buffers that
/// stage fractals for the cube and the vector unit: L1 and UB.
static LogicalResult verifyLayoutConversion(CopyOp op, AddressSpace src,
                                            AddressSpace dst) {
  static constexpr AddressSpace kOuter[] = {AddressSpace::gm, AddressSpace::ub};
  static constexpr AddressSpace kStaging[] = {AddressSpace::l1,
                                              AddressSpace::ub};
  bool toNZ = op.getDstLayout() == Layout::nz;
  ArrayRef<AddressSpace> srcs = toNZ ? kOuter : kStaging;
  ArrayRef<AddressSpace> dsts = toNZ ? kStaging : kOuter;
  if (llvm::is_contained(srcs, src) && llvm::is_contained(dsts, dst))
    return success();
  return op.emitOpError() << (toNZ ? "nd -> nz conversion writes l1 or ub "
                                     "from gm or ub, got "
                                   : "nz -> nd conversion reads l1 or ub "
                                     "into gm or ub, got ")
                          << formatPair(src, dst);
}

static LogicalResult verifyCopyLayouts(CopyOp op, AddressSpace src,
                                       AddressSpace dst) {
  Layout srcLayout = op.getSrcLayout(), dstLayout = op.getDstLayout();
  // L0A/L0B always hold the cube's own fractal formats; only the layout the
  // L1 source is read in can vary.
  if (isL0(dst) && dstLayout != Layout::nd)
    return op.emitOpError() << "dst_layout does not apply to an "
                            << aicore::stringifyAddressSpace(dst)
                            << " destination, whose fractal format is fixed";
  if (!isL0(dst) && srcLayout != dstLayout &&
      failed(verifyLayoutConversion(op, src, dst)))
    return failure();
  if (srcLayout == Layout::nz && failed(verifyNZTile(op, "src", op.getSrc())))
    return failure();
  // A padded dst may stop short of whole fractal rows (verifyPadding).
  if (dstLayout == Layout::nz && !op.getPad())
    return verifyNZTile(op, "dst", op.getDst());
  return success();
}

static int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

/// `pad` is the nd -> nz engine loading a partial block: columns rounded up
/// to whole 32-byte fractal rows, rows kept or rounded up to 16.
static LogicalResult verifyPadding(CopyOp op, AddressSpace src,
                                   AddressSpace dst) {
  if (src != AddressSpace::gm || dst != AddressSpace::l1)
    return op.emitOpError() << "pad is only for gm -> l1, got "
                            << formatPair(src, dst);
  if (op.getSrcLayout() != Layout::nd || op.getDstLayout() != Layout::nz)
    return op.emitOpError() << "pad needs src_layout <nd> and dst_layout <nz> "
                               "(the nd -> nz engine pads)";
  auto srcType = cast<MemRefType>(op.getSrc().getType());
  auto dstType = cast<MemRefType>(op.getDst().getType());
  if (srcType.getRank() != 2 || dstType.getRank() != 2)
    return op.emitOpError() << "pad needs 2-D tiles, got ranks "
                            << srcType.getRank() << " and "
                            << dstType.getRank();
  int64_t rows = srcType.getDimSize(0);
  int64_t cols = roundUp(srcType.getDimSize(1),
                         256 / srcType.getElementTypeBitWidth());
  int64_t dstRows = dstType.getDimSize(0);
  if ((dstRows == rows || dstRows == roundUp(rows, 16)) &&
      dstType.getDimSize(1) == cols)
    return success();
  InFlightDiagnostic diag = op.emitOpError();
  diag << "dst has shape " << formatShape(dstType.getShape()) << ", expected "
       << formatShape({rows, cols});
  if (rows % 16)
    diag << " or " << formatShape({roundUp(rows, 16), cols});
  return diag << " (the src shape " << formatShape(srcType.getShape())
              << " with columns padded to whole 32-byte fractal rows and "
                 "rows kept or padded to whole 16-row fractals)";
}

static LogicalResult verifyL0Destination(CopyOp op, AddressSpace dst) {
  auto type = cast<MemRefType>(op.getDst().getType());
  const aicore::CubeRate *rate =
      aicore::getCubeRate(aicore::getTargetInfo(op), type.getElementType());
  std::string name = ("dst in " + aicore::stringifyAddressSpace(dst)).str();
  if (!rate) {
    Builder b(op.getContext());
    return aicore::verifyElementType(op, type.getElementType(), name,
                                     {b.getF16Type(), b.getBF16Type(),
                                      b.getF32Type(), b.getI8Type(),
                                      b.getIntegerType(4)});
  }
  // L0A holds M x K operands, L0B K x N ones (or either transposed).
  unsigned outer = dst == AddressSpace::l0a ? rate->m0 : rate->n0;
  return verifyFractalTile(op, name, type, "feeds the cube", outer, rate->k0,
                           /*eitherOrientation=*/true);
}

LogicalResult CopyOp::verify() {
  if (spaceOf(getSrc()) == AddressSpace::l0c)
    return emitOpError() << "src is in l0c; cube results leave l0c through "
                            "mte.fixpipe";
  if (failed(aicore::verifyTile(
          *this, getSrc(), "src",
          {AddressSpace::gm, AddressSpace::l1, AddressSpace::ub})) ||
      failed(aicore::verifyTile(*this, getDst(), "dst",
                                {AddressSpace::gm, AddressSpace::l1,
                                 AddressSpace::l0a, AddressSpace::l0b,
                                 AddressSpace::ub})))
    return failure();

  AddressSpace src = *spaceOf(getSrc()), dst = *spaceOf(getDst());
  const TargetInfo &target = aicore::getTargetInfo(*this);
  if (!target.findPath(src, dst))
    return emitOpError() << "has no " << formatPair(src, dst) << " path on "
                         << target.name << "; legal copies are "
                         << formatCopyPaths(target);

  auto srcType = cast<MemRefType>(getSrc().getType());
  auto dstType = cast<MemRefType>(getDst().getType());
  if (srcType.getElementType() != dstType.getElementType())
    return emitOpError() << "dst has element type " << dstType.getElementType()
                         << ", expected " << srcType.getElementType()
                         << " (the src element type); mte.copy does not "
                            "convert";

  SmallVector<int64_t> expectedShape(srcType.getShape());
  if (getTranspose()) {
    if (src != AddressSpace::l1 || !isL0(dst))
      return emitOpError() << "transpose is only for l1 -> l0a or l1 -> l0b, "
                              "got "
                           << formatPair(src, dst);
    if (srcType.getRank() != 2)
      return emitOpError() << "transpose needs a 2-D src, got rank "
                           << srcType.getRank();
    std::swap(expectedShape[0], expectedShape[1]);
  }
  if (getPad()) {
    if (failed(verifyPadding(*this, src, dst)))
      return failure();
  } else if (dstType.getShape() != ArrayRef(expectedShape))
    return emitOpError() << "dst has shape " << formatShape(dstType.getShape())
                         << ", expected " << formatShape(expectedShape)
                         << (getTranspose() ? " (the src shape transposed)"
                                            : " (the src shape)");

  if (failed(verifyCopyLayouts(*this, src, dst)))
    return failure();
  if (isL0(dst))
    return verifyL0Destination(*this, dst);
  return success();
}

//===----------------------------------------------------------------------===//
// FixpipeOp
//===----------------------------------------------------------------------===//

Pipe FixpipeOp::getPipe() {
  std::optional<AddressSpace> dst = spaceOf(getDst());
  const PathInfo *path =
      dst ? aicore::getTargetInfo(*this).findPath(AddressSpace::l0c, *dst)
          : nullptr;
  // Unverified IR only (see CopyOp::getPipe); FIX is the usual answer.
  return path ? path->pipe : Pipe::fix;
}

CoreType FixpipeOp::getCoreType() { return CoreType::cube; }

void FixpipeOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  effects.emplace_back(MemoryEffects::Read::get(), &getSrcMutable());
  effects.emplace_back(MemoryEffects::Write::get(), &getDstMutable());
  // A scalar scale is a value, not memory.
  MutableOperandRange scale = getScaleMutable();
  if (!scale.empty() && isa<MemRefType>(scale[0].get().getType()))
    effects.emplace_back(MemoryEffects::Read::get(), &scale[0]);
}

/// "gm or l1": where L0C results may go on the target, for diagnostics.
static std::string formatFixpipeDestinations(const TargetInfo &target) {
  SmallVector<StringRef> names;
  for (const PathInfo &path : target.paths)
    if (path.src == AddressSpace::l0c)
      names.push_back(aicore::stringifyAddressSpace(path.dst));
  std::string out;
  for (auto [i, name] : llvm::enumerate(names))
    out += (i ? (i + 1 == names.size() ? " or " : ", ") : "") + name.str();
  return out;
}

/// The element type `mode` produces from `src`; null if `mode` does not take
/// `src` results.
static Type getQuantResultType(QuantMode mode, Type src) {
  Builder b(src.getContext());
  bool isF32 = src.isF32(), isI32 = src.isSignlessInteger(32);
  switch (mode) {
  case QuantMode::none:
    return isF32 || isI32 ? src : Type();
  case QuantMode::f32_to_f16:
    return isF32 ? b.getF16Type() : Type();
  case QuantMode::f32_to_bf16:
    return isF32 ? b.getBF16Type() : Type();
  case QuantMode::requant:
    return isI32 ? b.getI8Type() : Type();
  case QuantMode::dequant:
    return isI32 ? b.getF16Type() : Type();
  }
  llvm_unreachable("unknown quant mode");
}

static bool needsScale(QuantMode mode) {
  return mode == QuantMode::requant || mode == QuantMode::dequant;
}

static LogicalResult verifyQuant(FixpipeOp op, MemRefType srcType,
                                 MemRefType dstType) {
  QuantMode mode = op.getQuant();
  StringRef modeName = aicore::stringifyQuantMode(mode);
  Type src = srcType.getElementType(), dst = dstType.getElementType();
  Builder b(op.getContext());
  if (failed(aicore::verifyElementType(op, src, "src",
                                       {b.getF32Type(), b.getI32Type()})))
    return failure();
  Type expected = getQuantResultType(mode, src);
  if (!expected)
    return op.emitOpError() << "quant <" << modeName << "> does not convert "
                            << src << " results";
  if (dst != expected)
    return op.emitOpError()
           << "dst has element type " << dst << ", expected " << expected
           << " for quant <" << modeName << "> of " << src;

  Value scale = op.getScale();
  if (needsScale(mode) && !scale)
    return op.emitOpError() << "quant <" << modeName << "> needs a scale";
  if (!needsScale(mode) && scale)
    return op.emitOpError() << "quant <" << modeName << "> takes no scale";
  if (auto scaleType =
          dyn_cast_if_present<MemRefType>(scale ? scale.getType() : Type())) {
    if (failed(aicore::verifyTile(op, scale, "scale", {AddressSpace::l1})))
      return failure();
    if (scaleType.getRank() != 1)
      return op.emitOpError() << "scale must be a 1-D per-channel vector, got "
                                 "rank "
                              << scaleType.getRank();
    int64_t channels = dstType.getDimSize(1);
    if (scaleType.getDimSize(0) != channels)
      return op.emitOpError()
             << "scale has " << scaleType.getDimSize(0)
             << " channels, expected " << channels << " (the dst columns)";
  }

  if (std::optional<int64_t> offset = op.getOffset()) {
    if (mode != QuantMode::requant)
      return op.emitOpError()
             << "offset is only for quant <requant>, got <" << modeName << ">";
    if (*offset < -256 || *offset > 255)
      return op.emitOpError() << "offset " << *offset
                              << " does not fit the 9-bit range [-256, 255]";
  }
  return success();
}

/// L0C holds 16x16 fractals. A src that is not whole fractals is the valid
/// [m, n] corner of a whole-fractal tile, which the fixpipe reads with its
/// mSize / nSize (Ascend C FixpipeParamsV220; the source stride stays a
/// whole number of fractals): a view whose row stride is a multiple of 16.
static LogicalResult verifyFixpipeSource(FixpipeOp op, MemRefType type) {
  if (type.getDimSize(0) % 16 == 0 && type.getDimSize(1) % 16 == 0)
    return success();
  SmallVector<int64_t> strides;
  int64_t offset;
  if (succeeded(getStridesAndOffset(type, strides, offset)) &&
      strides[1] == 1 && !ShapedType::isDynamic(strides[0]) &&
      strides[0] % 16 == 0)
    return success();
  return op.emitOpError()
         << "src has shape " << formatShape(type.getShape())
         << ", expected rows and columns multiples of 16 (l0c holds 16x16 "
            "fractals), or a view of a whole-fractal l0c tile with a row "
            "stride that is a multiple of 16";
}

LogicalResult FixpipeOp::verify() {
  if (failed(aicore::verifyTile(*this, getSrc(), "src", {AddressSpace::l0c})) ||
      failed(aicore::verifyTile(
          *this, getDst(), "dst",
          {AddressSpace::gm, AddressSpace::l1, AddressSpace::ub})))
    return failure();

  AddressSpace dst = *spaceOf(getDst());
  const TargetInfo &target = aicore::getTargetInfo(*this);
  if (!target.findPath(AddressSpace::l0c, dst))
    return emitOpError() << "has no l0c -> "
                         << aicore::stringifyAddressSpace(dst) << " path on "
                         << target.name << "; dst must be in "
                         << formatFixpipeDestinations(target);

  auto srcType = cast<MemRefType>(getSrc().getType());
  auto dstType = cast<MemRefType>(getDst().getType());
  if (srcType.getRank() != 2)
    return emitOpError() << "src must be a 2-D tile, got rank "
                         << srcType.getRank();
  if (failed(verifyFixpipeSource(*this, srcType)))
    return failure();
  if (dstType.getShape() != srcType.getShape())
    return emitOpError() << "dst has shape " << formatShape(dstType.getShape())
                         << ", expected " << formatShape(srcType.getShape())
                         << " (the src shape)";

  if (failed(verifyQuant(*this, srcType, dstType)))
    return failure();
  if (getDstLayout() == Layout::nd)
    return success();
  if (dst != AddressSpace::l1)
    return emitOpError()
           << "dst_layout <nz> keeps the fractal layout only when "
              "writing l1, got dst in "
           << aicore::stringifyAddressSpace(dst);
  // L0C fractals are 16x16 elements; narrower dst types need wider fractals.
  return verifyNZTile(*this, "dst", getDst());
}
