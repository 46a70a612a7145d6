//===- LoweringUtils.cpp - pieces the ascend-to-aicore patterns share ----===//

#include "LoweringUtils.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using aicore::AddressSpace;

namespace mlir::ascend::lowering {

MemRefType tileType(ArrayRef<int64_t> shape, Type element, AddressSpace space) {
  MLIRContext *ctx = element.getContext();
  return MemRefType::get(shape, element, MemRefLayoutAttrInterface(),
                         aicore::AddressSpaceAttr::get(ctx, space));
}

Value constantIndex(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

Value mul(OpBuilder &b, Location loc, Value x, int64_t c) {
  return b.create<arith::MulIOp>(loc, x, constantIndex(b, loc, c));
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddIOp>(loc, x, y);
}

/// The GM memref a tensor operand was read from, if it was.
static Value sourceMemRef(Value tensor) {
  if (auto toTensor = tensor.getDefiningOp<bufferization::ToTensorOp>())
    return toTensor.getMemref();
  return {};
}

/// Where `result` is written in GM, if it only is.
static bufferization::MaterializeInDestinationOp destinationOf(Value result) {
  if (!result.hasOneUse())
    return {};
  return dyn_cast<bufferization::MaterializeInDestinationOp>(
      *result.getUsers().begin());
}

FailureOr<GMOperands> matchGMOperands(Operation *op,
                                      PatternRewriter &rewriter) {
  GMOperands gm;
  for (Value result : op->getResults()) {
    gm.destinations.push_back(destinationOf(result));
    if (!gm.destinations.back())
      return rewriter.notifyMatchFailure(op, "result is not written to GM");
  }
  for (Value operand : op->getOperands()) {
    gm.inputs.push_back(sourceMemRef(operand));
    if (!gm.inputs.back())
      return rewriter.notifyMatchFailure(op, "operand is not a GM argument");
  }
  return gm;
}

void emitChunks(OpBuilder &b, Location loc, Value start, int64_t count,
                int64_t chunk, function_ref<void(Value, int64_t)> emit) {
  auto at = [&](Value offset) {
    return start ? add(b, loc, start, offset) : offset;
  };
  int64_t whole = count / chunk, tail = count % chunk;
  if (whole == 1) {
    emit(start ? start : constantIndex(b, loc, 0), chunk);
  } else if (whole > 1) {
    auto loop = b.create<scf::ForOp>(loc, constantIndex(b, loc, 0),
                                     constantIndex(b, loc, whole * chunk),
                                     constantIndex(b, loc, chunk));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    emit(at(loop.getInductionVar()), chunk);
  }
  if (tail > 0)
    emit(at(constantIndex(b, loc, whole * chunk)), tail);
}

void requireBlocks(Operation *op, int64_t blockDim) {
  auto func = op->getParentOfType<func::FuncOp>();
  StringRef name = aicore::AICoreDialect::getKernelAttrName();
  auto current = func->getAttrOfType<aicore::KernelAttr>(name);
  int64_t now = current ? current.getBlockDim() : 1;
  func->setAttr(name, aicore::KernelAttr::get(op->getContext(),
                                              std::max(now, blockDim)));
}

int64_t vectorBlocks(Operation *op, const AscendTilingOptions &options,
                     int64_t tiles) {
  if (options.blockDim > 0)
    return options.blockDim;
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  int64_t vectorCores = target.numBlocks * target.vectorCoresPerBlock;
  return std::max<int64_t>(1, std::min(tiles, vectorCores));
}

Value flatten(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  if (type.getRank() == 1)
    return memref;
  if (type.getRank() == 0)
    return b.create<memref::ExpandShapeOp>(loc, ArrayRef<int64_t>{1}, memref,
                                           ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return b.create<memref::CollapseShapeOp>(loc, memref,
                                           ArrayRef<ReassociationIndices>{all});
}

Value slice1D(OpBuilder &b, Location loc, Value memref, Value offset,
              int64_t size) {
  SmallVector<OpFoldResult> offsets{offset}, sizes{b.getIndexAttr(size)},
      strides{b.getIndexAttr(1)};
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

LogicalResult emitRoundRobin(PatternRewriter &rewriter, Location loc,
                             Value block, int64_t full, int64_t tail,
                             int64_t tile, int64_t blocks, TileEmitter emit) {
  if (full > 0) {
    auto loop = rewriter.create<scf::ForOp>(
        loc, block, constantIndex(rewriter, loc, full),
        constantIndex(rewriter, loc, blocks));
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(loop.getBody());
    Value offset = rewriter.create<arith::MulIOp>(
        loc, loop.getInductionVar(), constantIndex(rewriter, loc, tile));
    if (failed(emit(rewriter, offset, tile)))
      return failure();
  }
  if (tail > 0) {
    Value owner = rewriter.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::eq, block,
        constantIndex(rewriter, loc, full % blocks));
    auto branch = rewriter.create<scf::IfOp>(loc, owner, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(&branch.getThenRegion().front());
    if (failed(emit(rewriter, constantIndex(rewriter, loc, full * tile), tail)))
      return failure();
  }
  return success();
}

std::string shapeBlocker(Operation *op) {
  auto isUnsized = [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    return shaped && (!shaped.hasStaticShape() || shaped.getNumElements() == 0);
  };
  std::string text;
  llvm::raw_string_ostream os(text);
  for (TypeRange types :
       {TypeRange(op->getOperandTypes()), TypeRange(op->getResultTypes())})
    for (Type type : types)
      if (isUnsized(type)) {
        os << op->getName() << " is lowered for statically shaped, non-empty "
           << "operands and results, got '" << type << "'";
        return text;
      }
  return text;
}

std::string bf16Blocker(Operation *op, Type element) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(op);
  if (element.isBF16() && target.arch != aicore::CoreArch::davC220)
    return ("bf16 is computed through f32 casts, which " + target.name +
            " does not have")
        .str();
  return "";
}
Value asRows(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  int64_t rank = type.getRank();
  if (rank == 2)
    return memref;
  if (rank == 1)
    return b.create<memref::ExpandShapeOp>(
        loc, tileType({1, type.getDimSize(0)}, type.getElementType(), AddressSpace::gm),
        memref, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leading;
  for (int64_t d = 0; d + 1 < rank; ++d)
    leading.push_back(d);
  return b.create<memref::CollapseShapeOp>(
      loc, memref, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

Value sliceRows(OpBuilder &b, Location loc, Value memref, Value offset,
                int64_t size) {
  int64_t cols = cast<MemRefType>(memref.getType()).getDimSize(1);
  SmallVector<OpFoldResult> offsets{offset, b.getIndexAttr(0)},
      sizes{b.getIndexAttr(size), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

Value allocUB(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type t) {
  return b.create<aicore::AllocOp>(loc, tileType(shape, t, AddressSpace::ub));
}

Value loadF32(OpBuilder &b, Location loc, Value gmRows) {
  auto type = cast<MemRefType>(gmRows.getType());
  Value tile = allocUB(b, loc, type.getShape(), type.getElementType());
  b.create<mte::CopyOp>(loc, gmRows, tile);
  if (type.getElementType().isF32())
    return tile;
  Value wide = allocUB(b, loc, type.getShape(), b.getF32Type());
  b.create<vec::CastOp>(loc, tile, wide, aicore::RoundMode::rint);
  return wide;
}

void storeRounded(OpBuilder &b, Location loc, Value tile, Value gmRows) {
  auto type = cast<MemRefType>(gmRows.getType());
  if (!type.getElementType().isF32()) {
    Value narrow = allocUB(b, loc, type.getShape(), type.getElementType());
    b.create<vec::CastOp>(loc, tile, narrow, aicore::RoundMode::rint);
    tile = narrow;
  }
  b.create<mte::CopyOp>(loc, tile, gmRows);
}
Value columns(OpBuilder &b, Location loc, Value tile, int64_t col,
              int64_t cols) {
  int64_t rows = cast<MemRefType>(tile.getType()).getDimSize(0);
  SmallVector<OpFoldResult> offsets{b.getIndexAttr(0), b.getIndexAttr(col)},
      sizes{b.getIndexAttr(rows), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, tile, offsets, sizes, strides);
}

Value broadcastRows(OpBuilder &b, Location loc, Value row, int64_t rows) {
  if (rows == 1)
    return row;
  auto type = cast<MemRefType>(row.getType());
  Value wide = allocUB(b, loc, {rows, type.getDimSize(1)}, type.getElementType());
  b.create<vec::BroadcastOp>(loc, row, wide);
  return wide;
}

aicore::CoreOp openCoreRegion(OpBuilder &b, Location loc,
                              aicore::CoreType type) {
  auto core = b.create<aicore::CoreOp>(loc, type);
  core.getBody().emplaceBlock();
  b.setInsertionPointToStart(&core.getBody().front());
  return core;
}

Value block2D(OpBuilder &b, Location loc, Value memref, Value row, Value col,
              int64_t rows, int64_t cols) {
  SmallVector<OpFoldResult> offsets{row, col},
      sizes{b.getIndexAttr(rows), b.getIndexAttr(cols)},
      strides(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, memref, offsets, sizes, strides);
}

Value corner(OpBuilder &b, Location loc, Value tile, int64_t rows,
             int64_t cols) {
  if (cast<MemRefType>(tile.getType()).getShape() ==
      ArrayRef<int64_t>{rows, cols})
    return tile;
  SmallVector<OpFoldResult> zeros(2, b.getIndexAttr(0)),
      sizes{b.getIndexAttr(rows), b.getIndexAttr(cols)},
      ones(2, b.getIndexAttr(1));
  return b.create<memref::SubViewOp>(loc, tile, zeros, sizes, ones);
}

SmallVector<MemRefType> kernelWorkspaces(Operation *op,
                                         const AscendTilingOptions &options) {
  for (auto hook : {flashAttentionWorkspaces, pagedAttentionWorkspaces})
    if (SmallVector<MemRefType> types = hook(op, options); !types.empty())
      return types;
  return {};
}

FailureOr<SmallVector<Value>> workspaceArguments(Value output,
                                                 ArrayRef<MemRefType> types) {
  auto result = dyn_cast<BlockArgument>(output);
  if (!result || result.getArgNumber() < types.size())
    return failure();
  SmallVector<Value> workspaces;
  for (auto [i, type] : llvm::enumerate(types)) {
    workspaces.push_back(result.getOwner()->getArgument(
        result.getArgNumber() - types.size() + i));
    if (workspaces.back().getType() != type)
      return failure();
  }
  return workspaces;
}

} // namespace mlir::ascend::lowering
