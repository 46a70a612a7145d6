//===- Matmul.cpp - matmul and batch_matmul on the cube core --------------===//
//
// Output tiles over blocks; K chunks staged GM -> L1 (ND -> NZ), L0 steps
// accumulated by cube.mmad in L0C, one fixpipe to GM per output tile.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
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

//===----------------------------------------------------------------------===//

/// Why `op` (matmul or batch_matmul) cannot be lowered ("" if it can). The
/// matrix dims are the last two; batch_matmul's leading dim is the batch.
template <typename MatmulLikeOp>
std::string matmulBlocker(MatmulLikeOp op, const AscendTilingOptions &options) {
  auto aType = cast<RankedTensorType>(op.getA().getType());
  auto cType = cast<RankedTensorType>(op.getType());
  int64_t d = cType.getRank() - 2;
  Type element = aType.getElementType();
  if (!element.isF16() && !element.isBF16())
    return "matmul is lowered for f16 and bf16 operands";
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (!target.findPath(AddressSpace::l0c, AddressSpace::gm))
    return ("on " + target.name +
            " cube results leave through UB, which is not lowered yet")
        .str();
  int64_t m = cType.getDimSize(d), n = cType.getDimSize(d + 1);
  int64_t k = aType.getDimSize(op.getTransposeA() ? d : d + 1);
  const aicore::CubeRate *rate = aicore::getCubeRate(target, element);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (m % rate->m0 || n % rate->n0 || k % rate->k0) {
    os << "matmul " << m << "x" << k << "x" << n << " is not made of whole "
       << rate->m0 << "x" << rate->k0 << "x" << rate->n0
       << " fractals; tail tiles are not lowered yet";
    return text;
  }
  int64_t tm = std::min(options.tileM, m), tn = std::min(options.tileN, n),
          tk = std::min(options.tileK, k);
  if (m % tm || n % tn || k % tk)
    os << "tile " << tm << "x" << tn << "x" << tk << " does not divide matmul "
       << m << "x" << n << "x" << k << "; choose tile-m/n/k that do";
  return text;
}

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
    Value gmA = gm->inputs[0], gmB = gm->inputs[1];
    if (std::string why = matmulBlocker(op, options); !why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto aType = cast<RankedTensorType>(op.getA().getType());
    auto cType = cast<RankedTensorType>(op.getType());
    Type element = aType.getElementType();
    bool ta = op.getTransposeA(), tb = op.getTransposeB();
    int64_t d = cType.getRank() - 2;
    int64_t batch = d ? cType.getDimSize(0) : 1;
    int64_t m = cType.getDimSize(d), n = cType.getDimSize(d + 1);
    int64_t k = aType.getDimSize(ta ? d : d + 1);
    const aicore::TargetInfo &target = aicore::getTargetInfo(op);
    int64_t tm = std::min(options.tileM, m), tn = std::min(options.tileN, n),
            tk = std::min(options.tileK, k);
    // L1 stages a longer K chunk than L0 takes, so each GM transfer is
    // large: the biggest multiple of tile-k dividing K whose A and B chunks
    // fill at most half of L1 (the other half is for double buffering).
    int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
    int64_t l1Budget = static_cast<int64_t>(target.buffer(AddressSpace::l1).bytes) / 2;
    int64_t kl1 = tk;
    for (int64_t c = k; c >= tk; c -= tk)
      if (k % c == 0 && c % tk == 0 && (tm + tn) * c * elementBytes <= l1Budget) {
        kl1 = c;
        break;
      }
    int64_t tilesM = m / tm, tilesN = n / tn;
    int64_t outputTiles = batch * tilesM * tilesN;
    int64_t blocks = options.blockDim > 0
                         ? options.blockDim
                         : std::min<int64_t>(outputTiles, target.numBlocks);
    requireBlocks(op, blocks);

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value cGM = gm->output();
    Type f32 = rewriter.getF32Type();
    auto alloc = [&](ArrayRef<int64_t> shape, Type t, AddressSpace s) -> Value {
      return rewriter.create<aicore::AllocOp>(loc, tileType(shape, t, s),
                                              IntegerAttr());
    };
    // Operand chunks as they sit in GM (transposed when the flag says so);
    // L1 keeps that orientation and the L1 -> L0 load transposes.
    SmallVector<int64_t> aTile = ta ? SmallVector<int64_t>{kl1, tm}
                                    : SmallVector<int64_t>{tm, kl1};
    SmallVector<int64_t> bTile = tb ? SmallVector<int64_t>{tn, kl1}
                                    : SmallVector<int64_t>{kl1, tn};
    Value l1a = alloc(aTile, element, AddressSpace::l1);
    Value l1b = alloc(bTile, element, AddressSpace::l1);
    Value l0a = alloc({tm, tk}, element, AddressSpace::l0a);
    Value l0b = alloc({tk, tn}, element, AddressSpace::l0b);
    Value l0c = alloc({tm, tn}, f32, AddressSpace::l0c);

    Value block = rewriter.create<aicore::BlockIdxOp>(loc, rewriter.getIndexType());
    auto outer = rewriter.create<scf::ForOp>(
        loc, block, constantIndex(rewriter, loc, outputTiles),
        constantIndex(rewriter, loc, blocks));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(outer.getBody());
    // Tile t is (batch index, tile row, tile column), row-major.
    Value t = outer.getInductionVar();
    Value perMatrix = constantIndex(rewriter, loc, tilesM * tilesN);
    Value matrix = rewriter.create<arith::DivUIOp>(loc, t, perMatrix);
    Value within = rewriter.create<arith::RemUIOp>(loc, t, perMatrix);
    Value tilesNValue = constantIndex(rewriter, loc, tilesN);
    Value row = rewriter.create<arith::MulIOp>(
        loc, rewriter.create<arith::DivUIOp>(loc, within, tilesNValue),
        constantIndex(rewriter, loc, tm));
    Value col = rewriter.create<arith::MulIOp>(
        loc, rewriter.create<arith::RemUIOp>(loc, within, tilesNValue),
        constantIndex(rewriter, loc, tn));
    // A 2-D view; of a 3-D GM operand, the rank-reduced view of one matrix.
    auto view = [&](Value source, Value r, Value c,
                    ArrayRef<int64_t> shape) -> Value {
      auto sourceType = cast<MemRefType>(source.getType());
      SmallVector<OpFoldResult> offsets{r, c};
      SmallVector<OpFoldResult> sizes{rewriter.getIndexAttr(shape[0]),
                                      rewriter.getIndexAttr(shape[1])};
      if (sourceType.getRank() == 3) {
        offsets.insert(offsets.begin(), matrix);
        sizes.insert(sizes.begin(), rewriter.getIndexAttr(1));
      }
      SmallVector<OpFoldResult> strides(sourceType.getRank(),
                                        rewriter.getIndexAttr(1));
      auto type = cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
          shape, sourceType, offsets, sizes, strides));
      return rewriter.create<memref::SubViewOp>(loc, type, source, offsets,
                                                sizes, strides);
    };

    Value zero = constantIndex(rewriter, loc, 0);
    auto nz = aicore::Layout::nz, nd = aicore::Layout::nd;
    auto chunkLoop = rewriter.create<scf::ForOp>(
        loc, zero, constantIndex(rewriter, loc, k),
        constantIndex(rewriter, loc, kl1));
    {
      OpBuilder::InsertionGuard chunkGuard(rewriter);
      rewriter.setInsertionPointToStart(chunkLoop.getBody());
      Value kc = chunkLoop.getInductionVar();
      Value aView = ta ? view(gmA, kc, row, aTile) : view(gmA, row, kc, aTile);
      Value bView = tb ? view(gmB, col, kc, bTile) : view(gmB, kc, col, bTile);
      rewriter.create<mte::CopyOp>(loc, aView, l1a, nd, nz, /*transpose=*/false);
      rewriter.create<mte::CopyOp>(loc, bView, l1b, nd, nz, /*transpose=*/false);
      auto kLoop = rewriter.create<scf::ForOp>(loc, zero,
                                               constantIndex(rewriter, loc, kl1),
                                               constantIndex(rewriter, loc, tk));
      OpBuilder::InsertionGuard kGuard(rewriter);
      rewriter.setInsertionPointToStart(kLoop.getBody());
      Value kk = kLoop.getInductionVar();
      Value first = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq,
          rewriter.create<arith::AddIOp>(loc, kc, kk), zero);
      SmallVector<int64_t> aStep = ta ? SmallVector<int64_t>{tk, tm}
                                      : SmallVector<int64_t>{tm, tk};
      SmallVector<int64_t> bStep = tb ? SmallVector<int64_t>{tn, tk}
                                      : SmallVector<int64_t>{tk, tn};
      Value aL1 = ta ? view(l1a, kk, zero, aStep) : view(l1a, zero, kk, aStep);
      Value bL1 = tb ? view(l1b, zero, kk, bStep) : view(l1b, kk, zero, bStep);
      rewriter.create<mte::CopyOp>(loc, aL1, l0a, nz, nd, /*transpose=*/ta);
      rewriter.create<mte::CopyOp>(loc, bL1, l0b, nz, nd, /*transpose=*/tb);
      rewriter.create<cube::MmadOp>(loc, l0a, l0b, l0c, first,
                                    /*transpose_a=*/false, /*transpose_b=*/false);
    }
    Value cView = view(cGM, row, col, {tm, tn});
    Type out = cType.getElementType();
    aicore::QuantMode mode = out.isF16()    ? aicore::QuantMode::f32_to_f16
                             : out.isBF16() ? aicore::QuantMode::f32_to_bf16
                                            : aicore::QuantMode::none;
    rewriter.create<mte::FixpipeOp>(loc, l0c, cView, /*scale=*/Value(), mode,
                                    /*offset=*/IntegerAttr(), /*relu=*/false,
                                    aicore::Layout::nd);
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
  if (auto matmul = dyn_cast<ascend::MatmulOp>(op))
    return matmulBlocker(matmul, options);
  if (auto batched = dyn_cast<ascend::BatchMatmulOp>(op))
    return matmulBlocker(batched, options);
  return "";
}
