//===- Matmul.cpp - matmul and batch_matmul on the cube core --------------===//
//
// Output tiles over blocks; K chunks staged GM -> L1 (ND -> NZ), L0 steps
// accumulated by cube.mmad in L0C, one fixpipe to GM per output tile.
//
// Any M, N, K: a tile that is not whole fractals (the last tile row or
// column, a K tail, M = 1 decode) is loaded with `mte.copy pad`, computed on
// whole fractals and written back from the valid corner of L0C, as the
// hardware does it: the ND -> NZ engine pads rows to 32 bytes with zeros
// (CANN copy_gm_to_cbuf_multi_nd2nz), a K tail that lies along rows is
// zeroed with an L1 fill (InitConstValue, as catlass-style block mmads
// do), and the fixpipe writes only mSize x nSize (FixpipeParamsV220). K
// padding must be zero in both operands, since cube.mmad multiplies whole
// fractals; padded M rows / N columns only produce results nobody reads.
//
//===----------------------------------------------------------------------===//

#include "MatmulEmitter.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

/// What the tiling needs of a matmul or batch_matmul: the operand and
/// result types and the transpose flags.
struct MatmulShape {
  RankedTensorType a, c;
  bool ta, tb;
};

MatmulShape shapeOf(Operation *op) {
  if (auto m = dyn_cast<ascend::MatmulOp>(op))
    return {cast<RankedTensorType>(m.getA().getType()),
            cast<RankedTensorType>(m.getType()), m.getTransposeA(),
            m.getTransposeB()};
  auto m = cast<ascend::BatchMatmulOp>(op);
  return {cast<RankedTensorType>(m.getA().getType()),
          cast<RankedTensorType>(m.getType()), m.getTransposeA(),
          m.getTransposeB()};
}

} // namespace

/// The matrix dims are the last two; batch_matmul's leading dim is the
/// batch.
std::string
mlir::ascend::lowering::matmulBlocker(Operation *op,
                                      const AscendTilingOptions &options) {
  Type element = shapeOf(op).a.getElementType();
  if (!element.isF16() && !element.isBF16() && !element.isF32())
    return "matmul is lowered for f16, bf16 and f32 operands";
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.findPath(AddressSpace::l0c, AddressSpace::gm))
    return ("on " + target.name +
            " cube results leave through UB, which is not lowered yet")
        .str();
  // L0 K steps are whole fractals at fractal offsets of the L1 chunk;
  // output tiles of any size are padded.
  int64_t k0 = aicore::getCubeRate(target, element)->k0;
  // (The pass checked that the tiles are positive.)
  if (options.tileK % k0 == 0)
    return "";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "tile-k must be a multiple of the cube's k0 (" << k0 << " for "
     << element << "), got " << options.tileK;
  return text;
}

MatmulPlan
mlir::ascend::lowering::planMatmul(Operation *op,
                                   const AscendTilingOptions &options) {
  MatmulShape shape = shapeOf(op);
  RankedTensorType aType = shape.a, cType = shape.c;
  Type element = aType.getElementType();
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  const aicore::CubeRate *rate = aicore::getCubeRate(target, element);
  MatmulPlan p;
  p.ta = shape.ta;
  p.tb = shape.tb;
  int64_t d = cType.getRank() - 2;
  p.batch = d ? cType.getDimSize(0) : 1;
  p.m = cType.getDimSize(d);
  p.n = cType.getDimSize(d + 1);
  p.k = aType.getDimSize(p.ta ? d : d + 1);
  p.m0 = rate->m0;
  p.n0 = rate->n0;
  p.k0 = rate->k0;
  int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  p.c0 = 32 / elementBytes;
  p.tm = std::min(options.tileM, p.m);
  p.tn = std::min(options.tileN, p.n);
  p.tk = std::min(options.tileK, roundUp(p.k, p.k0));
  p.tilesM = ceilDiv(p.m, p.tm);
  p.tilesN = ceilDiv(p.n, p.tn);
  p.lastM = p.m - (p.tilesM - 1) * p.tm;
  p.lastN = p.n - (p.tilesN - 1) * p.tn;
  p.kFull = p.k / p.tk * p.tk;
  p.kTail = p.k - p.kFull;
  // L1 stages a longer K chunk than L0 takes, so each GM transfer is
  // large: the biggest multiple of tile-k dividing the whole steps whose A
  // and B chunks fill at most half of L1 (the other half is for double
  // buffering).
  int64_t l1Budget =
      static_cast<int64_t>(target.buffer(AddressSpace::l1).bytes) / 2;
  int64_t rowsAndCols = roundUp(p.tm, p.m0) + roundUp(p.tn, p.n0);
  p.kl1 = p.tk;
  for (int64_t c = p.kFull; c >= p.tk; c -= p.tk)
    if (p.kFull % c == 0 && rowsAndCols * c * elementBytes <= l1Budget) {
      p.kl1 = c;
      break;
    }
  return p;
}

int64_t mlir::ascend::lowering::matmulBlocks(
    Operation *op, const MatmulPlan &p, const AscendTilingOptions &options) {
  if (options.blockDim > 0)
    return options.blockDim;
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  return std::min<int64_t>(p.outputTiles(), target.numBlocks);
}

void mlir::ascend::lowering::branchOnLast(OpBuilder &b, Location loc,
                                          Value offset, int64_t tiles,
                                          int64_t size, int64_t last,
                                          function_ref<void(int64_t)> emit) {
  if (last == size) {
    emit(size);
    return;
  }
  Value isLast =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, offset,
                              constantIndex(b, loc, (tiles - 1) * size));
  auto branch = b.create<scf::IfOp>(loc, isLast, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  emit(last);
  b.setInsertionPointToStart(&branch.getElseRegion().front());
  emit(size);
}

void mlir::ascend::lowering::forEachOutputTile(OpBuilder &b, Location loc,
                                               const MatmulPlan &p,
                                               int64_t blocks,
                                               OutputTileEmitter emit) {
  Value block = b.create<aicore::BlockIdxOp>(loc, b.getIndexType());
  auto outer = b.create<scf::ForOp>(loc, block,
                                    constantIndex(b, loc, p.outputTiles()),
                                    constantIndex(b, loc, blocks));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(outer.getBody());
  Value t = outer.getInductionVar();
  Value perMatrix = constantIndex(b, loc, p.tilesM * p.tilesN);
  Value matrix = b.create<arith::DivUIOp>(loc, t, perMatrix);
  Value within = b.create<arith::RemUIOp>(loc, t, perMatrix);
  Value tilesN = constantIndex(b, loc, p.tilesN);
  Value row = b.create<arith::MulIOp>(
      loc, b.create<arith::DivUIOp>(loc, within, tilesN),
      constantIndex(b, loc, p.tm));
  Value col = b.create<arith::MulIOp>(
      loc, b.create<arith::RemUIOp>(loc, within, tilesN),
      constantIndex(b, loc, p.tn));
  branchOnLast(b, loc, row, p.tilesM, p.tm, p.lastM, [&](int64_t rows) {
    branchOnLast(b, loc, col, p.tilesN, p.tn, p.lastN, [&](int64_t cols) {
      emit(b, matrix, row, col, rows, cols);
    });
  });
}


void MatmulEmitter::allocate(Type element, Value accumulator) {
  this->element = element;
  l0c = accumulator ? accumulator : allocAccumulator();
}

Value MatmulEmitter::allocAccumulator() {
  return alloc({roundUp(p.tm, p.m0), roundUp(p.tn, p.n0)}, b.getF32Type(),
               AddressSpace::l0c);
}

Value MatmulEmitter::alloc(ArrayRef<int64_t> shape, Type t, AddressSpace s) {
  return b.create<aicore::AllocOp>(loc, tileType(shape, t, s));
}

/// [rows, k] in GM order: [k, rows] when `kFirst`.
static SmallVector<int64_t> oriented(bool kFirst, int64_t rows, int64_t k) {
  return kFirst ? SmallVector<int64_t>{k, rows}
                : SmallVector<int64_t>{rows, k};
}

/// A 2-D view at (r, c); of a 3-D GM operand, the rank-reduced view of
/// the current matrix.
Value MatmulEmitter::view(Value source, OpFoldResult r, OpFoldResult c,
                          ArrayRef<int64_t> shape) {
  auto sourceType = cast<MemRefType>(source.getType());
  SmallVector<OpFoldResult> offsets{r, c};
  SmallVector<OpFoldResult> sizes{b.getIndexAttr(shape[0]),
                                  b.getIndexAttr(shape[1])};
  if (sourceType.getRank() == 3) {
    offsets.insert(offsets.begin(), matrix);
    sizes.insert(sizes.begin(), b.getIndexAttr(1));
  }
  SmallVector<OpFoldResult> strides(sourceType.getRank(), b.getIndexAttr(1));
  auto type = cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
      shape, sourceType, offsets, sizes, strides));
  return b.create<memref::SubViewOp>(loc, type, source, offsets, sizes,
                                     strides);
}

/// GM block -> L1 in NZ. A block that is not whole fractals is padded:
/// columns to 32 bytes, and rows to 16 when they run along K (`kRows`),
/// where the padding must be zero.
void MatmulEmitter::load(Value gmBlock, Value l1, bool kRows) {
  ArrayRef<int64_t> shape = cast<MemRefType>(gmBlock.getType()).getShape();
  auto nd = aicore::Layout::nd, nz = aicore::Layout::nz;
  if (shape[0] % 16 == 0 && shape[1] % p.c0 == 0) {
    b.create<mte::CopyOp>(loc, gmBlock, corner(b, loc, l1, shape[0], shape[1]),
                          nd, nz,
                          /*transpose=*/false);
    return;
  }
  int64_t rows = kRows ? roundUp(shape[0], 16) : shape[0];
  b.create<mte::CopyOp>(
      loc, gmBlock, corner(b, loc, l1, rows, roundUp(shape[1], p.c0)), nd, nz,
      /*transpose=*/false, /*pad=*/true);
}

/// An L1 tile for `size` rows of A (columns of B) and `chunk` K elements,
/// in the operand's GM orientation (transposed when the flag says so); the
/// L1 -> L0 load transposes.
Value MatmulEmitter::allocChunk(Operand which, int64_t size, int64_t chunk,
                                Type t) {
  return which == A ? alloc(oriented(p.ta, roundUp(size, p.m0), chunk), t,
                            AddressSpace::l1)
                    : alloc(oriented(!p.tb, roundUp(size, p.n0), chunk), t,
                            AddressSpace::l1);
}

/// The GM block of `k` K elements from `kc` of `size` A rows at `at` (B
/// columns), as it sits in GM.
Value MatmulEmitter::block(Operand which, Value at, Value kc, int64_t size,
                           int64_t k) {
  if (which == A)
    return p.ta ? view(gmA, kc, at, oriented(true, size, k))
                : view(gmA, at, kc, oriented(false, size, k));
  return p.tb ? view(gmB, at, kc, oriented(false, size, k))
              : view(gmB, kc, at, oriented(true, size, k));
}

/// Whether an operand's GM rows run along K (they are padded with zeros).
bool MatmulEmitter::kRows(Operand which) const {
  return which == A ? p.ta : !p.tb;
}

Value MatmulEmitter::allocOperand(Operand which, int64_t size) {
  assert(p.kl1 == p.kFull && "operands loaded ahead need K in one chunk");
  Value gm = which == A ? gmA : gmB;
  return allocChunk(which, size, roundUp(p.k, p.k0),
                    cast<MemRefType>(gm.getType()).getElementType());
}

void MatmulEmitter::loadOperand(Operand which, Value l1, Value at,
                                int64_t size) {
  load(block(which, at, constantIndex(b, loc, 0), size, p.k), l1,
       kRows(which));
}

/// Loads the `size` K elements from `kc` of the tile's A rows and B
/// columns into L1, unless loaded ahead; an operand loaded ahead holds all
/// of K, so the chunk is its part from `loadedAt` on.
void MatmulEmitter::loadChunk(Value row, Value col, Value kc, int64_t size,
                              int64_t rows, int64_t cols, int64_t loadedAt) {
  int64_t chunk = roundUp(size, p.k0);
  l1a = loadedA ? fromK(A, loadedA, loadedAt)
                : allocChunk(A, rows, chunk, element);
  l1b = loadedB ? fromK(B, loadedB, loadedAt)
                : allocChunk(B, cols, chunk, element);
  Value aBlock = loadedA ? Value() : block(A, row, kc, rows, size);
  Value bBlock = loadedB ? Value() : block(B, col, kc, cols, size);
  if (aBlock)
    load(aBlock, l1a, kRows(A));
  if (bBlock)
    load(bBlock, l1b, kRows(B));
}

/// The part of an L1 operand tile from K offset `at` on.
Value MatmulEmitter::fromK(Operand which, Value l1, int64_t at) {
  if (at == 0)
    return l1;
  ArrayRef<int64_t> shape = cast<MemRefType>(l1.getType()).getShape();
  OpFoldResult zero = b.getIndexAttr(0), kAt = b.getIndexAttr(at);
  return kRows(which) ? view(l1, kAt, zero, {shape[0] - at, shape[1]})
                      : view(l1, zero, kAt, {shape[0], shape[1] - at});
}

/// One L0 step of `size` (whole fractals) at `kk` of the L1 chunk.
/// Static offsets stay attributes, so a fully static view keeps its
/// static type through canonicalization.
void MatmulEmitter::step(OpFoldResult kk, int64_t size, Value first, int64_t rowsP,
          int64_t colsP) {
  OpFoldResult zero = b.getIndexAttr(0);
  auto nz = aicore::Layout::nz, nd = aicore::Layout::nd;
  Value aL1 = p.ta ? view(l1a, kk, zero, oriented(true, rowsP, size))
                   : view(l1a, zero, kk, oriented(false, rowsP, size));
  Value bL1 = p.tb ? view(l1b, zero, kk, oriented(false, colsP, size))
                   : view(l1b, kk, zero, oriented(true, colsP, size));
  Value a = alloc({rowsP, size}, element, AddressSpace::l0a);
  Value bTile = alloc({size, colsP}, element, AddressSpace::l0b);
  b.create<mte::CopyOp>(loc, aL1, a, nz, nd, /*transpose=*/p.ta);
  b.create<mte::CopyOp>(loc, bL1, bTile, nz, nd, /*transpose=*/p.tb);
  b.create<cube::MmadOp>(loc, a, bTile, corner(b, loc, l0c, rowsP, colsP),
                         first,
                         /*transpose_a=*/false, /*transpose_b=*/false);
}

/// A rows x cols output tile at (row, col): whole K chunks, the K tail,
/// then the valid corner of L0C to GM.
void MatmulEmitter::emitTile(Value matrixIndex, Value row, Value col,
                             int64_t rows, int64_t cols) {
  emitProduct(matrixIndex, row, col, rows, cols);
  writeBack(row, col, rows, cols);
}

void MatmulEmitter::emitProduct(Value matrixIndex, Value row, Value col,
                                int64_t rows, int64_t cols, bool accumulate) {
  matrix = matrixIndex;
  int64_t rowsP = roundUp(rows, p.m0), colsP = roundUp(cols, p.n0);
  Value zero = constantIndex(b, loc, 0);
  if (p.kFull > 0) {
    auto chunkLoop = b.create<scf::ForOp>(loc, zero,
                                          constantIndex(b, loc, p.kFull),
                                          constantIndex(b, loc, p.kl1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(chunkLoop.getBody());
    Value kc = chunkLoop.getInductionVar();
    loadChunk(row, col, kc, p.kl1, rows, cols);
    auto kLoop = b.create<scf::ForOp>(loc, zero,
                                      constantIndex(b, loc, p.kl1),
                                      constantIndex(b, loc, p.tk));
    b.setInsertionPointToStart(kLoop.getBody());
    Value kk = kLoop.getInductionVar();
    Value first =
        accumulate ? b.create<arith::ConstantIntOp>(loc, 0, 1).getResult()
                   : b.create<arith::CmpIOp>(
                         loc, arith::CmpIPredicate::eq,
                         b.create<arith::AddIOp>(loc, kc, kk), zero);
    step(kk, p.tk, first, rowsP, colsP);
  }
  if (p.kTail > 0) {
    loadChunk(row, col, constantIndex(b, loc, p.kFull), p.kTail, rows, cols,
              /*loadedAt=*/p.kFull);
    Value first = b.create<arith::ConstantIntOp>(
        loc, p.kFull == 0 && !accumulate, 1);
    step(b.getIndexAttr(0), roundUp(p.kTail, p.k0), first, rowsP, colsP);
  }
}

void MatmulEmitter::writeBack(Value row, Value col, int64_t rows,
                              int64_t cols) {
  Value cView = view(gmC, row, col, {rows, cols});
  Type out = cast<MemRefType>(gmC.getType()).getElementType();
  aicore::QuantMode mode = out.isF16()    ? aicore::QuantMode::f32_to_f16
                           : out.isBF16() ? aicore::QuantMode::f32_to_bf16
                                          : aicore::QuantMode::none;
  b.create<mte::FixpipeOp>(loc, corner(b, loc, l0c, rows, cols), cView,
                           /*scale=*/Value(), mode, /*offset=*/IntegerAttr(),
                           /*relu=*/false, aicore::Layout::nd);
}


namespace {

/// matmul and batch_matmul: batch_matmul walks its batch as one more
/// dimension of output tiles.
template <typename MatmulLikeOp>
struct MatmulPattern : OpRewritePattern<MatmulLikeOp> {
  MatmulPattern(MLIRContext *ctx, const AscendTilingOptions &options)
      : OpRewritePattern<MatmulLikeOp>(ctx), options(options) {}

  LogicalResult matchAndRewrite(MatmulLikeOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<GMOperands> gm = matchGMOperands(op, rewriter);
    if (failed(gm))
      return failure();
    if (std::string why = matmulBlocker(op, options); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    MatmulPlan p = planMatmul(op, options);
    int64_t blocks = matmulBlocks(op, p, options);
    requireBlocks(op, blocks);

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    MatmulEmitter emitter(rewriter, loc, p, gm->inputs[0], gm->inputs[1],
                          gm->output());
    emitter.allocate(
        cast<RankedTensorType>(op.getA().getType()).getElementType());
    forEachOutputTile(rewriter, loc, p, blocks,
                      [&](OpBuilder &, Value matrix, Value row, Value col,
                          int64_t rows, int64_t cols) {
                        emitter.emitTile(matrix, row, col, rows, cols);
                      });
    gm->erase(rewriter, op);
    return success();
  }

  AscendTilingOptions options;
};

} // namespace

void mlir::ascend::lowering::populateMatmulPatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  patterns.add<MatmulPattern<ascend::MatmulOp>,
               MatmulPattern<ascend::BatchMatmulOp>>(patterns.getContext(),
                                                     options);
}

std::string
mlir::ascend::lowering::explainMatmul(Operation *op,
                                      const AscendTilingOptions &options) {
  if (isa<ascend::MatmulOp, ascend::BatchMatmulOp>(op))
    return matmulBlocker(op, options);
  return "";
}
