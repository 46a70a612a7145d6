//===- DataMovement.cpp - slices and concatenations between ops -----------===//
//
// tensor.extract_slice and tensor.concat between the ops of a host (QKV
// splits, head splits, concatenated projections) and ascend.repeat (GQA's
// repeat_kv) become copy kernels on the vector cores: GM -> UB -> GM, rows
// spread round-robin over the blocks. A slice or concatenation along one
// dim d of a row-major tensor is a column window of the tensor seen as
// [outer, size(d) * inner] (outer: the dims before d, inner: those after),
// so every copy is a 2-D window copy; a repeat writes each window `times`
// times side by side. The values are copied exactly.
//
// ascend.reshape_and_cache is a copy kernel too: each new token's key and
// value rows go from GM through UB to the cache row its slot names. The
// kernel writes only those rows of its results; the host has put the old
// caches there first (a copy, or nothing when the result is tied to the
// cache argument: AscendToAICore.cpp).
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "LoweringUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/FormatVariadic.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

constexpr const char *kDynamicConcat =
    "concatenations between ascend ops are lowered for static shapes only";
constexpr const char *kDynamicRepeat =
    "ascend.repeat is lowered for static shapes only";

int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

/// The one dim a slice of `whole` (extract_slice's source, insert_slice's
/// destination) cuts (or 0 if it takes the whole tensor), or why it is not
/// a slice the copy kernel takes.
FailureOr<unsigned> slicedDim(OffsetSizeAndStrideOpInterface op,
                              RankedTensorType whole, RankedTensorType part,
                              std::string &why) {
  if (!whole.hasStaticShape() || !part.hasStaticShape() ||
      ShapedType::isDynamicShape(op.getStaticOffsets()) ||
      ShapedType::isDynamicShape(op.getStaticSizes())) {
    why = "slices between ascend ops are lowered for static offsets and "
          "sizes only";
    return failure();
  }
  if (llvm::any_of(op.getStaticStrides(), [](int64_t s) { return s != 1; })) {
    why = "slices between ascend ops are lowered for unit strides only";
    return failure();
  }
  std::optional<unsigned> dim;
  for (auto [d, size] : llvm::enumerate(op.getStaticSizes())) {
    if (size == whole.getDimSize(d))
      continue;
    if (dim) {
      why = "slices along more than one dim are not lowered yet; slice one "
            "dim at a time";
      return failure();
    }
    dim = d;
  }
  return dim.value_or(0);
}

FailureOr<unsigned> slicedDim(tensor::ExtractSliceOp op, std::string &why) {
  return slicedDim(op, op.getSourceType(), op.getType(), why);
}

FailureOr<unsigned> slicedDim(tensor::InsertSliceOp op, std::string &why) {
  return slicedDim(op, op.getType(), op.getSourceType(), why);
}

/// Copies every row's `width` elements from column `srcCol` of the 2-D GM
/// view `src` to each column of `dstCols` of `dst` (both `rows` rows; each
/// window read once, written once per column), rows spread round-robin over
/// the blocks.
LogicalResult emitWindowCopy(PatternRewriter &rewriter, Location loc,
                             Operation *op, Value src, int64_t srcCol,
                             Value dst, ArrayRef<int64_t> dstCols, int64_t rows,
                             int64_t width, const AscendTilingOptions &options,
                             Value block) {
  Type element = cast<MemRefType>(src.getType()).getElementType();
  int64_t bytes = element.getIntOrFloatBitWidth() / 8;
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  // A quarter of UB per tile leaves room for double buffering; long rows go
  // in chunks of whole 32-byte blocks.
  int64_t budget = static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes) /
                   4 / bytes;
  if (options.vectorTile > 0)
    budget = options.vectorTile;
  int64_t chunk = std::min(width, std::max<int64_t>(
                                      32 / bytes, budget - budget % (32 / bytes)));
  // Several rows per tile need each row to start on a 32-byte block.
  int64_t tileRows =
      chunk == width && width * bytes % 32 == 0 ? std::max<int64_t>(1, budget / width)
                                                 : 1;
  // No more rows per tile than spreads the rows over every vector core.
  int64_t cores = vectorBlocks(op, options, rows);
  tileRows = std::min<int64_t>(tileRows, llvm::divideCeil(rows, cores));
  int64_t blocks = vectorBlocks(op, options, llvm::divideCeil(rows, tileRows));
  requireBlocks(op, blocks);
  auto copyBlock = [&](OpBuilder &b, Value row, Value col, int64_t n,
                       int64_t w) {
    Value tile = allocUB(b, loc, {n, w}, element);
    Value from = add(b, loc, col, constantIndex(b, loc, srcCol));
    b.create<mte::CopyOp>(loc, block2D(b, loc, src, row, from, n, w), tile);
    for (int64_t dstCol : dstCols) {
      Value to = add(b, loc, col, constantIndex(b, loc, dstCol));
      b.create<mte::CopyOp>(loc, tile, block2D(b, loc, dst, row, to, n, w));
    }
  };
  return emitRoundRobin(
      rewriter, loc, block, rows / tileRows, rows % tileRows, tileRows, blocks,
      [&](OpBuilder &b, Value row, int64_t n) -> LogicalResult {
        emitChunks(b, loc, Value(), width, chunk,
                   [&](Value col, int64_t w) { copyBlock(b, row, col, n, w); });
        return success();
      });
}

/// `memref` (static, contiguous) as rows of `cols` elements.
Value withColumns(OpBuilder &b, Location loc, Value memref, int64_t cols) {
  auto type = cast<MemRefType>(memref.getType());
  return b.create<memref::ExpandShapeOp>(
      loc,
      tileType({type.getNumElements() / cols, cols}, type.getElementType(),
               AddressSpace::gm),
      flatten(b, loc, memref), ArrayRef<ReassociationIndices>{{0, 1}});
}

/// `memref` (static, contiguous, of `shape`) as [outer, size(dim) * inner].
Value around(OpBuilder &b, Location loc, Value memref, ArrayRef<int64_t> shape,
             unsigned dim) {
  return withColumns(b, loc, memref, product(shape.drop_front(dim)));
}

/// tensor.extract_slice and tensor.insert_slice along one dim d. The whole
/// tensor (extract's source, insert's result) seen as [outer, size(d) *
/// inner] has the slice as the column window [begin, end): extract copies
/// the window out; insert copies the source into it and the destination
/// into the columns on either side, so no two copies write the same bytes.
template <typename OpT> struct SlicePattern : OpRewritePattern<OpT> {
  static constexpr bool kInsert = std::is_same_v<OpT, tensor::InsertSliceOp>;

  SlicePattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern<OpT>(ctx), options(options) {}

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    std::string why;
    FailureOr<unsigned> dim = slicedDim(op, why);
    if (failed(dim))
      return rewriter.notifyMatchFailure(op, why);
    RankedTensorType wholeType;
    if constexpr (kInsert)
      wholeType = op.getType();
    else
      wholeType = op.getSourceType();
    ArrayRef<int64_t> shape = wholeType.getShape();
    int64_t inner = product(shape.drop_front(*dim + 1));
    int64_t rows = product(shape.take_front(*dim));
    int64_t width = shape[*dim] * inner;
    int64_t begin = op.getStaticOffsets()[*dim] * inner;
    int64_t end = begin + op.getStaticSizes()[*dim] * inner;
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value whole = around(rewriter, loc, kInsert ? gm->output() : gm->inputs[0],
                         shape, *dim);
    Value part = withColumns(
        rewriter, loc, kInsert ? gm->inputs[0] : gm->output(), end - begin);
    Value block =
        rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    auto copy = [&](Value src, int64_t from, Value dst, int64_t to,
                    int64_t cols) {
      return emitWindowCopy(rewriter, loc, op, src, from, dst, {to}, rows, cols,
                            options, block);
    };
    if (failed(kInsert ? copy(part, 0, whole, begin, end - begin)
                       : copy(whole, begin, part, 0, end - begin)))
      return failure();
    if (kInsert) {
      Value dest = around(rewriter, loc, gm->inputs[1], shape, *dim);
      if ((begin > 0 && failed(copy(dest, 0, whole, 0, begin))) ||
          (end < width && failed(copy(dest, end, whole, end, width - end))))
        return failure();
    }
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

struct ConcatPattern : OpRewritePattern<tensor::ConcatOp> {
  ConcatPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(tensor::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (!op.getResultType().hasStaticShape())
      return rewriter.notifyMatchFailure(op, kDynamicConcat);
    unsigned dim = op.getDim();
    ArrayRef<int64_t> shape = op.getResultType().getShape();
    int64_t inner = product(shape.drop_front(dim + 1));
    int64_t rows = product(shape.take_front(dim));
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value dst = around(rewriter, loc, gm->output(), shape, dim);
    Value block =
        rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    int64_t at = 0;
    for (auto [input, memref] : llvm::zip(op.getInputs(), gm->inputs)) {
      ArrayRef<int64_t> inShape =
          cast<RankedTensorType>(input.getType()).getShape();
      Value src = around(rewriter, loc, memref, inShape, dim);
      int64_t width = inShape[dim] * inner;
      if (failed(emitWindowCopy(rewriter, loc, op, src, 0, dst, {at * inner},
                                rows, width, options, block)))
        return failure();
      at += inShape[dim];
    }
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

/// ascend.repeat: x as [rows, inner] (rows: the dims up to `dim`, inner:
/// those after it), each row written `times` times side by side into the
/// result as [rows, times * inner].
struct RepeatPattern : OpRewritePattern<ascend::RepeatOp> {
  RepeatPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::RepeatOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    auto type = cast<RankedTensorType>(op.getX().getType());
    if (!type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, kDynamicRepeat);
    int64_t dim = op.getDim(), times = op.getTimes();
    int64_t rows = product(type.getShape().take_front(dim + 1));
    int64_t inner = product(type.getShape().drop_front(dim + 1));
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    SmallVector<int64_t> columns;
    for (int64_t i = 0; i < times; ++i)
      columns.push_back(i * inner);
    Value block =
        rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    if (failed(emitWindowCopy(
            rewriter, loc, op, withColumns(rewriter, loc, gm->inputs[0], inner),
            0, withColumns(rewriter, loc, gm->output(), times * inner), columns,
            rows, inner, options, block)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

/// Why `op`'s cache rows cannot be copied ("" if they can): every copy
/// moves whole 32-byte blocks.
std::string cacheRowBlocker(ascend::ReshapeAndCacheOp op) {
  for (Value cache : {op.getKeyCache(), op.getValueCache()}) {
    auto type = cast<RankedTensorType>(cache.getType());
    if (!type.hasStaticShape() || !op.getKey().getType().hasStaticShape() ||
        !op.getValue().getType().hasStaticShape())
      return "reshape_and_cache is lowered for static shapes only";
    int64_t bytes = product(type.getShape().drop_front(2)) *
                    type.getElementTypeBitWidth() / 8;
    if (bytes % 32 != 0)
      return llvm::formatv("a token's cache row (Nkv * D) is {0} bytes, not a "
                           "multiple of 32 bytes, which the copy moves",
                           bytes)
          .str();
  }
  return "";
}

struct ReshapeAndCachePattern : OpRewritePattern<ascend::ReshapeAndCacheOp> {
  ReshapeAndCachePattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern(ctx), options(options) {}

  LogicalResult matchAndRewrite(ascend::ReshapeAndCacheOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (std::string why = cacheRowBlocker(op); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    int64_t tokens = op.getKey().getType().getShape()[0];
    int64_t blocks = vectorBlocks(op, options, tokens);
    requireBlocks(op, blocks);
    // [T, Nkv, D] and [num_blocks, block_size, Nkv, D] as rows of Nkv * D:
    // slot s is row s of the cache.
    auto rows = [&](Value memref) {
      auto shape = cast<MemRefType>(memref.getType()).getShape();
      return withColumns(rewriter, loc, memref, product(shape.take_back(2)));
    };
    SmallVector<std::pair<Value, Value>> copies = {
        {rows(gm->inputs[0]), rows(gm->outputs()[0])},
        {rows(gm->inputs[1]), rows(gm->outputs()[1])}};
    Value slots = gm->inputs[4];
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    Value block =
        rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    auto copyToken = [&](OpBuilder &b, Value token, int64_t) -> LogicalResult {
      Value slot = b.create<memref::LoadOp>(loc, slots, token);
      Value valid =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, slot,
                                  b.create<arith::ConstantIntOp>(loc, 0, 32));
      auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifValid.getThenRegion().front());
      Value row = b.create<arith::IndexCastOp>(loc, b.getIndexType(), slot);
      for (auto [src, dst] : copies) {
        auto type = cast<MemRefType>(src.getType());
        int64_t width = type.getShape()[1];
        int64_t bytes = type.getElementTypeBitWidth() / 8;
        // A quarter of UB per chunk leaves room for double buffering.
        int64_t budget =
            static_cast<int64_t>(target.buffer(AddressSpace::ub).bytes) / 4 /
            bytes;
        int64_t chunk = std::min(width, budget - budget % (32 / bytes));
        emitChunks(b, loc, Value(), width, chunk, [&](Value col, int64_t w) {
          Value tile = allocUB(b, loc, {1, w}, type.getElementType());
          b.create<mte::CopyOp>(loc, block2D(b, loc, src, token, col, 1, w),
                                tile);
          b.create<mte::CopyOp>(loc, tile,
                                block2D(b, loc, dst, row, col, 1, w));
        });
      }
      return success();
    };
    if (failed(emitRoundRobin(rewriter, loc, block, tokens, 0, 1, blocks,
                              copyToken)))
      return failure();
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

} // namespace

bool mlir::ascend::lowering::isLoweredDataMovement(Operation *op) {
  return isa<tensor::ExtractSliceOp, tensor::InsertSliceOp, tensor::ConcatOp>(
      op);
}

void mlir::ascend::lowering::populateDataMovementPatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<SlicePattern<tensor::ExtractSliceOp>,
               SlicePattern<tensor::InsertSliceOp>, ConcatPattern,
               RepeatPattern, ReshapeAndCachePattern>(patterns.getContext(),
                                                      options);
}

std::string
mlir::ascend::lowering::explainDataMovement(Operation *op,
                                            const AscendTilingOptions &) {
  std::string why;
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op))
    (void)slicedDim(slice, why);
  if (auto slice = dyn_cast<tensor::InsertSliceOp>(op))
    (void)slicedDim(slice, why);
  if (auto concat = dyn_cast<tensor::ConcatOp>(op);
      concat && !concat.getResultType().hasStaticShape())
    why = kDynamicConcat;
  if (auto cache = dyn_cast<ascend::ReshapeAndCacheOp>(op))
    why = cacheRowBlocker(cache);
  if (auto repeat = dyn_cast<ascend::RepeatOp>(op);
      repeat && !repeat.getX().getType().hasStaticShape())
    why = kDynamicRepeat;
  return why;
}
