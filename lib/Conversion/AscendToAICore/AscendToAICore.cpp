//===- AscendToAICore.cpp - tiling ascend ops onto the AI Core -----------===//
//
// The pass gives each function a kernel signature (GM memrefs in, GM memrefs
// out) and brackets the tensor body with bufferization.to_tensor and
// materialize_in_destination; each pattern then replaces one ascend op
// between such brackets with its tiled kernel. Synchronisation and buffer
// offsets are left to ascend-insert-sync and ascend-plan-memory.
//
// A function of several ops becomes a host: each ascend op is outlined into
// a kernel of its own, bracketed the same way, and the host launches the
// kernels in program order on GM buffers (its arguments, workspaces, views).
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Conversion/AscendToAICore.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/LinalgToAscend.h"
#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Support/OptionChecks.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ascend {
#define GEN_PASS_DEF_CONVERTASCENDTOAICOREPASS
#include "AscendDialect/Conversion/Passes.h.inc"
} // namespace mlir::ascend

using namespace mlir;
using namespace mlir::ascend;
using namespace mlir::ascend::lowering;
using aicore::AddressSpace;

namespace {

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// The GM memref a statically shaped tensor of type `t` lives in.
FailureOr<MemRefType> gmType(Type t, Location loc) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  if (!tensor || !tensor.hasStaticShape())
    return emitError(loc) << "kernel arguments and results must be statically "
                             "shaped tensors, got "
                          << t;
  return tileType(tensor.getShape(), tensor.getElementType(), AddressSpace::gm);
}

/// Gives `func` a kernel signature: tensors become GM memrefs, results
/// become trailing GM arguments; the body keeps working on tensors through
/// to_tensor / materialize_in_destination until the patterns replace it.
LogicalResult makeKernelSignature(func::FuncOp func) {
  MLIRContext *ctx = func.getContext();
  Block &entry = func.getBody().front();
  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&entry);
  SmallVector<Type> inputs;
  for (BlockArgument arg : entry.getArguments()) {
    FailureOr<MemRefType> type = gmType(arg.getType(), func.getLoc());
    if (failed(type))
      return failure();
    arg.setType(*type);
    auto tensor = b.create<bufferization::ToTensorOp>(
        func.getLoc(), arg, /*restrict=*/true, /*writable=*/false);
    arg.replaceAllUsesExcept(tensor, tensor);
    inputs.push_back(*type);
  }
  b.setInsertionPoint(ret);
  for (Value result : ret.getOperands()) {
    FailureOr<MemRefType> type = gmType(result.getType(), ret.getLoc());
    if (failed(type))
      return failure();
    Value out = entry.addArgument(*type, func.getLoc());
    auto materialize = b.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), result, out);
    materialize.setRestrict(true);
    materialize.setWritable(true);
    inputs.push_back(*type);
  }
  ret->setOperands({});
  func.setFunctionType(FunctionType::get(ctx, inputs, {}));
  return success();
}

bool isAscendOp(Operation *op) {
  return op && isa<ascend::AscendDialect>(op->getDialect());
}

/// Whether `op` becomes a kernel of its own in a host: an ascend op, or a
/// slice or concatenation between them (copy kernels).
bool isKernelOp(Operation *op) {
  return isAscendOp(op) || (op && isLoweredDataMovement(op));
}

/// Whether `func` is one kernel as it stands: one ascend op on its
/// arguments, whose results are what it returns, needing no workspace.
bool isSingleKernel(func::FuncOp func, const AscendTilingOptions &tiling) {
  Block &body = func.getBody().front();
  Operation &op = body.front();
  // reshape_and_cache writes only the new rows: its host puts the old
  // caches into the results first (or ties them to the cache arguments).
  if (body.getOperations().size() != 2 || !isKernelOp(&op) ||
      isa<ascend::ReshapeAndCacheOp>(op) ||
      !kernelWorkspaces(&op, tiling).empty())
    return false;
  return llvm::all_of(op.getOperands(),
                      [](Value v) { return isa<BlockArgument>(v); }) &&
         body.getTerminator()->getOperands() == op.getResults();
}

//===----------------------------------------------------------------------===//
// Host functions: one kernel per ascend op, launched in program order
//===----------------------------------------------------------------------===//

bool isReshape(Operation *op) {
  return op &&
         isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp, tensor::ReshapeOp>(op);
}

/// `memref` (contiguous, static) viewed with `shape`, through one dimension.
Value reshapeView(OpBuilder &b, Location loc, Value memref,
                  ArrayRef<int64_t> shape) {
  Value flat = flatten(b, loc, memref);
  if (shape.size() == 1)
    return flat;
  if (shape.empty())
    return b.create<memref::CollapseShapeOp>(loc, flat,
                                             ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d)
    all.push_back(d);
  return b.create<memref::ExpandShapeOp>(loc, shape, flat,
                                         ArrayRef<ReassociationIndices>{all});
}

/// The view of `buffer` that tensor reshape `op` gives: `buffer` holds the
/// reshape's source, or its result when `inverse` (a result written in
/// place through a reshape that is returned).
Value viewThrough(OpBuilder &b, Operation *op, Value buffer, bool inverse) {
  Location loc = op->getLoc();
  auto shapeOf = [](Value v) { return cast<ShapedType>(v.getType()).getShape(); };
  ArrayRef<int64_t> target =
      shapeOf(inverse ? op->getOperand(0) : op->getResult(0));
  bool collapse = isa<tensor::CollapseShapeOp>(op) != inverse;
  SmallVector<ReassociationIndices> groups;
  if (auto c = dyn_cast<tensor::CollapseShapeOp>(op))
    groups = c.getReassociationIndices();
  else if (auto e = dyn_cast<tensor::ExpandShapeOp>(op))
    groups = e.getReassociationIndices();
  else
    return reshapeView(b, loc, buffer, target);
  if (collapse)
    return b.create<memref::CollapseShapeOp>(loc, buffer, groups);
  return b.create<memref::ExpandShapeOp>(loc, target, buffer, groups);
}

/// A constant only tensor.reshape ops read as their shape operand.
bool isShapeOnlyConstant(Operation *op) {
  return isa<arith::ConstantOp>(op) &&
         llvm::all_of(op->getUses(), [](OpOperand &use) {
           auto reshape = dyn_cast<tensor::ReshapeOp>(use.getOwner());
           return reshape && use.get() == reshape.getShape();
         });
}

/// A read-only GM buffer holding the constant tensor `constant`: a private
/// memref.global next to the host, read with memref.get_global.
FailureOr<Value> constantBuffer(OpBuilder &b, arith::ConstantOp constant,
                                func::FuncOp host, SymbolTable &symbols) {
  FailureOr<MemRefType> type = gmType(constant.getType(), constant.getLoc());
  if (failed(type))
    return failure();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(host);
  auto global = b.create<memref::GlobalOp>(
      constant.getLoc(), (host.getName() + "_constant").str(),
      b.getStringAttr("private"), *type,
      cast<ElementsAttr>(constant.getValue()), /*constant=*/true,
      /*alignment=*/IntegerAttr());
  symbols.insert(global); // renames it if the name is taken
  b.setInsertionPoint(constant);
  return b
      .create<memref::GetGlobalOp>(constant.getLoc(), *type,
                                   global.getSymName())
      .getResult();
}

/// Why `op` cannot sit between the ascend ops of a host ("" if it can).
std::string hostBlocker(Operation *op) {
  auto isStatic = [](Type t) {
    auto shaped = dyn_cast<RankedTensorType>(t);
    return shaped && shaped.hasStaticShape();
  };
  if (isKernelOp(op) || isa<bufferization::ToTensorOp,
                            bufferization::MaterializeInDestinationOp>(op))
    return "";
  if (isReshape(op))
    return isStatic(op->getOperand(0).getType()) &&
                   isStatic(op->getResult(0).getType())
               ? ""
               : "reshapes between ascend ops are lowered for static shapes only";
  // tensor.reshape takes its shape as a tensor; the view needs no data.
  if (isShapeOnlyConstant(op))
    return "";
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    // Dense elements written out or as a resource blob (torch-mlir's
    // weights), whose bytes are the buffer's.
    auto elements = dyn_cast<ElementsAttr>(constant.getValue());
    if (elements &&
        isa<DenseIntOrFPElementsAttr, DenseResourceElementsAttr>(elements) &&
        isStatic(elements.getType()) &&
        elements.getElementType().isIntOrFloat() &&
        elements.getElementType().getIntOrFloatBitWidth() % 8 == 0)
      return "";
    std::string text;
    llvm::raw_string_ostream(text)
        << "a constant between ascend ops becomes a GM buffer from its dense "
           "elements, which needs a statically shaped tensor of byte-sized "
           "ints or floats; got "
        << constant.getValue();
    return text;
  }
  return ("'" + op->getName().getStringRef() +
          "' cannot be lowered in a function of several ascend ops: between "
          "them only tensor.collapse_shape, tensor.expand_shape and "
          "tensor.reshape (static shapes) are lowered, as views of GM "
          "buffers, and tensor.extract_slice, tensor.insert_slice and "
          "tensor.concat, as copies")
      .str();
}

/// `@<host>_<index>_<op names>`: a function of `ops` (an op, or a matmul
/// and its fused epilogue) on GM arguments (their distinct operands from
/// outside, a workspace for a fused chain, then the last op's results),
/// bracketed as a single-op function is, so the patterns lower it
/// unchanged. In a fused kernel the matmul's result is materialized into
/// the workspace and the epilogue reads it back from there: the form the
/// cube -> vector pattern recognises. `scratch` are GM workspaces the op's
/// pattern needs, passed after the operands (kernelWorkspaces).
FailureOr<func::FuncOp> outlineKernel(func::FuncOp host,
                                      ArrayRef<Operation *> ops,
                                      unsigned index, ArrayRef<Value> operands,
                                      ArrayRef<MemRefType> scratch,
                                      SymbolTable &symbols,
                                      Block::iterator where) {
  OpBuilder b(host.getContext());
  Operation *last = ops.back();
  bool fused = ops.size() > 1;
  SmallVector<Type> inputs;
  for (Value v : operands)
    inputs.push_back(v.getType());
  std::string name = (host.getName() + "_" + Twine(index)).str();
  for (Operation *op : ops)
    name += "_" + op->getName().stripDialect().str();
  if (fused)
    inputs.push_back(ops.front()->getResult(0).getType());
  auto kernel = func::FuncOp::create(
      last->getLoc(), name, b.getFunctionType(inputs, last->getResultTypes()));
  // Only the host launches it; ascend-run still runs it with --kernel.
  kernel.setPrivate();
  Block *entry = kernel.addEntryBlock();
  IRMapping map;
  map.map(operands, entry->getArguments().take_front(operands.size()));
  b.setInsertionPointToStart(entry);
  Operation *clone = nullptr;
  for (Operation *op : ops)
    clone = b.clone(*op, map);
  b.create<func::ReturnOp>(last->getLoc(), clone->getResults());
  symbols.insert(kernel, where);
  if (failed(makeKernelSignature(kernel)))
    return failure();
  for (auto [i, type] : llvm::enumerate(scratch))
    kernel.insertArgument(operands.size() + i, type, {}, kernel.getLoc());
  if (fused) {
    Operation *matmul = map.lookup(ops.front()->getResult(0)).getDefiningOp();
    Value workspace = entry->getArgument(operands.size());
    Operation *readBack = *workspace.getUsers().begin();
    b.setInsertionPointAfter(matmul);
    auto write = b.create<bufferization::MaterializeInDestinationOp>(
        matmul->getLoc(), matmul->getResult(0), workspace);
    write.setRestrict(true);
    write.setWritable(true);
    readBack->moveAfter(write);
    matmul->getResult(0).replaceUsesWithIf(
        readBack->getResult(0),
        [&](OpOperand &use) { return use.getOwner() == clone; });
  }
  return kernel;
}

/// Where a result is written in place: the result argument it is returned
/// in, and the reshapes between the two (from the returned value back).
struct InPlace {
  Value out;
  SmallVector<Operation *> reshapes;
  Operation *materialize;
};

/// Chooses, for each returned value, whether the ascend op behind it
/// (through reshapes) writes straight into the result argument; the first
/// result that reaches an op gets it, the others are copied.
DenseMap<Value, InPlace> placeResults(Block &body) {
  DenseMap<Value, InPlace> inPlace;
  for (auto m : body.getOps<bufferization::MaterializeInDestinationOp>()) {
    InPlace place{m.getDest(), {}, m};
    Value root = m.getSource();
    while (isReshape(root.getDefiningOp())) {
      place.reshapes.push_back(root.getDefiningOp());
      root = root.getDefiningOp()->getOperand(0);
    }
    if (isKernelOp(root.getDefiningOp()))
      inPlace.try_emplace(root, std::move(place));
  }
  return inPlace;
}

/// Gives reshape_and_cache's results (`outs`) the old caches before its
/// kernel writes the new rows. A cache that is an argument read by nothing
/// else, updated into a result argument, is updated in place as vLLM does:
/// the result argument gets `aicore.aliases = <the cache argument>`, which
/// asks the caller to pass one buffer for both (ascend-run does). Any other
/// cache is copied (memref.copy).
void prepareCaches(OpBuilder &b, func::FuncOp func,
                   ascend::ReshapeAndCacheOp op, ArrayRef<Value> outs,
                   const DenseMap<Value, Value> &buffers) {
  // Named: a ValueRange over a braced list inside the range-for would
  // point into an array that dies before the loop runs (clang -O2 reuses
  // its stack slot: fuzz-lower found the copy going to the wrong cache).
  Value caches[] = {op.getKeyCache(), op.getValueCache()};
  for (auto [cache, out] : llvm::zip(caches, outs)) {
    auto toTensor = cache.getDefiningOp<bufferization::ToTensorOp>();
    auto arg = toTensor ? dyn_cast<BlockArgument>(toTensor.getMemref())
                        : BlockArgument();
    auto outArg = dyn_cast<BlockArgument>(out);
    if (arg && outArg && cache.hasOneUse() &&
        !func.getArgAttr(outArg.getArgNumber(),
                         aicore::AICoreDialect::getAliasesAttrName())) {
      func.setArgAttr(outArg.getArgNumber(),
                      aicore::AICoreDialect::getAliasesAttrName(),
                      b.getI64IntegerAttr(arg.getArgNumber()));
      continue;
    }
    b.create<memref::CopyOp>(op.getLoc(), buffers.lookup(cache), out);
  }
}

/// Whether `op` only serves the ops around it (an init or a literal), so
/// that an error about a function is better placed on another op.
bool isHelper(Operation *op) {
  return isa<tensor::EmptyOp, arith::ConstantOp, linalg::FillOp>(op);
}

/// Reports the linalg op that ascend-raise-linalg left in `func`, with the
/// reason it gave: no lowering takes linalg. The first one that is not a
/// fill (fills and their inits serve a matmul or generic left with them).
LogicalResult checkRaised(func::FuncOp func) {
  Operation *left = nullptr;
  func.walk([&](Operation *op) {
    if (!isa<linalg::LinalgDialect>(op->getDialect()) ||
        op->getParentOfType<linalg::LinalgOp>())
      return WalkResult::advance();
    if (!left || isHelper(left))
      left = op;
    return isHelper(left) ? WalkResult::advance() : WalkResult::interrupt();
  });
  if (!left)
    return success();
  InFlightDiagnostic diag = left->emitError()
                            << "'" << left->getName()
                            << "' was not raised to an ascend op, so it cannot "
                               "be lowered";
  if (std::string why = explainUnraised(left); !why.empty())
    diag << ": ascend-raise-linalg left it because " << why;
  return failure();
}

/// Turns `func` into a host: a GM signature as a kernel's, one outlined
/// kernel per ascend op launched with func.call in program order, a GM
/// workspace (memref.alloc) per intermediate, reshapes as memref views,
/// memref.copy for results that no op writes in place.
LogicalResult lowerToHost(func::FuncOp func, SymbolTable &symbols,
                          const AscendTilingOptions &tiling, bool fuse) {
  Block &body = func.getBody().front();
  // The error goes on the op at fault, not on an init or literal before it.
  Operation *blocked = nullptr;
  std::string reason;
  for (Operation &op : body.without_terminator()) {
    std::string why = hostBlocker(&op);
    if (!why.empty() && (!blocked || (isHelper(blocked) && !isHelper(&op)))) {
      blocked = &op;
      reason = why;
    }
  }
  if (blocked)
    return blocked->emitError() << reason;
  if (failed(makeKernelSignature(func)))
    return failure();
  SmallVector<Operation *> tensorOps;
  for (Operation &op : body.without_terminator())
    tensorOps.push_back(&op);
  DenseMap<Value, InPlace> inPlace = placeResults(body);
  DenseSet<Operation *> writtenInPlace;
  for (auto &[root, place] : inPlace)
    writtenInPlace.insert(place.materialize);
  // A fused chain is launched where its epilogue stands: its matmul's
  // operands are ready by then, and nothing else reads the matmul.
  DenseMap<Operation *, Operation *> fusedMatmul; // epilogue -> matmul
  DenseSet<Operation *> fusedAway;
  if (fuse)
    for (Operation *op : tensorOps)
      if (Operation *epilogue = fusableEpilogue(op, tiling);
          epilogue && fusedMatmul.try_emplace(epilogue, op).second)
        fusedAway.insert(op); // an epilogue of two matmuls fuses the first

  OpBuilder b(func.getContext());
  DenseMap<Value, Value> buffers; // tensor -> the GM memref holding it
  SmallVector<Value> workspaces;
  Block::iterator where = std::next(Block::iterator(func));
  unsigned index = 0;
  for (Operation *op : tensorOps) {
    b.setInsertionPoint(op);
    Location loc = op->getLoc();
    if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(op)) {
      buffers[toTensor] = toTensor.getMemref();
    } else if (auto constant = dyn_cast<arith::ConstantOp>(op);
               constant && !isShapeOnlyConstant(op)) {
      FailureOr<Value> buffer = constantBuffer(b, constant, func, symbols);
      if (failed(buffer))
        return failure();
      buffers[constant] = *buffer;
    } else if (isReshape(op)) {
      buffers[op->getResult(0)] =
          viewThrough(b, op, buffers.lookup(op->getOperand(0)), false);
    } else if (auto m = dyn_cast<bufferization::MaterializeInDestinationOp>(op)) {
      if (!writtenInPlace.contains(op))
        b.create<memref::CopyOp>(loc, buffers.lookup(m.getSource()), m.getDest());
    } else if (isKernelOp(op) && !fusedAway.contains(op)) {
      SmallVector<Operation *> chain{op};
      if (Operation *matmul = fusedMatmul.lookup(op))
        chain.insert(chain.begin(), matmul);
      SetVector<Value> operands;
      for (Operation *member : chain)
        for (Value v : member->getOperands())
          if (v.getDefiningOp() != chain.front())
            operands.insert(v);
      SmallVector<MemRefType> scratch = kernelWorkspaces(op, tiling);
      FailureOr<func::FuncOp> kernel =
          outlineKernel(func, chain, index++, operands.getArrayRef(), scratch,
                        symbols, where);
      if (failed(kernel))
        return failure();
      where = std::next(Block::iterator(*kernel));
      SmallVector<Value> args;
      for (Value v : operands)
        args.push_back(buffers.lookup(v));
      if (chain.size() > 1) {
        FailureOr<MemRefType> type =
            gmType(chain.front()->getResult(0).getType(), loc);
        if (failed(type))
          return failure();
        workspaces.push_back(b.create<memref::AllocOp>(loc, *type));
        args.push_back(workspaces.back());
      }
      for (MemRefType type : scratch) {
        workspaces.push_back(b.create<memref::AllocOp>(loc, type));
        args.push_back(workspaces.back());
      }
      for (Value result : op->getResults()) {
        auto it = inPlace.find(result);
        Value buffer;
        if (it != inPlace.end()) {
          buffer = it->second.out;
          for (Operation *reshape : it->second.reshapes)
            buffer = viewThrough(b, reshape, buffer, /*inverse=*/true);
        } else {
          FailureOr<MemRefType> type = gmType(result.getType(), loc);
          if (failed(type))
            return failure();
          buffer = b.create<memref::AllocOp>(loc, *type);
          workspaces.push_back(buffer);
        }
        buffers[result] = buffer;
        args.push_back(buffer);
      }
      if (auto cache = dyn_cast<ascend::ReshapeAndCacheOp>(op))
        prepareCaches(b, func, cache, ArrayRef(args).take_back(2), buffers);
      b.create<func::CallOp>(loc, *kernel, args);
    }
  }
  // Workspaces live until the last launch and copy have read them.
  b.setInsertionPoint(body.getTerminator());
  for (Value w : workspaces)
    b.create<memref::DeallocOp>(func.getLoc(), w);
  for (Operation *op : llvm::reverse(tensorOps))
    op->erase();
  return success();
}

} // namespace

std::string mlir::ascend::explainUnlowerable(Operation *op,
                                             const AscendTilingOptions &tiling) {
  if (std::string why = lowering::shapeBlocker(op); !why.empty())
    return why;
  for (auto explain :
       {explainMatmul, explainElementwise, explainRowwise, explainRope,
        explainFlashAttention, explainPagedAttention, explainDataMovement})
    if (std::string why = explain(op, tiling); !why.empty())
      return why;
  return "";
}

namespace {

struct ConvertAscendToAICorePass
    : mlir::ascend::impl::ConvertAscendToAICorePassBase<
          ConvertAscendToAICorePass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    auto check = [&](StringRef option, int64_t value, int64_t lo, int64_t hi,
                     StringRef why) {
      return checkOptionRange(context, getArgument(), option, value, lo, hi,
                              why);
    };
    constexpr StringLiteral kTileWhy =
        "a 16 x 4096 f16 tile is already twice the 64 KiB of L0A";
    return success(
        succeeded(check("block-dim", blockDim, 0, 65535,
                        "0: from the work and the cores; a launch has at "
                        "most 65535 blocks")) &&
        succeeded(check("vector-tile", vectorTile, 0, 262144,
                        "elements per vector tile, 0: from the UB size; no "
                        "UB holds more than 256 KiB")) &&
        succeeded(check("tile-m", tileM, 1, 4096, kTileWhy)) &&
        succeeded(check("tile-n", tileN, 1, 4096, kTileWhy)) &&
        succeeded(check("tile-k", tileK, 1, 4096, kTileWhy)));
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!target.empty()) {
      if (!aicore::lookupTarget(target)) {
        module.emitError() << "unknown target '" << target
                           << "'; known targets: "
                           << aicore::getKnownTargetNames();
        return signalPassFailure();
      }
      module->setAttr(aicore::AICoreDialect::getTargetAttrName(),
                      aicore::TargetAttr::get(&getContext(), target));
    }
    AscendTilingOptions tiling{blockDim, vectorTile, tileM, tileN, tileK};
    SmallVector<func::FuncOp> tensorFuncs;
    module.walk([&](func::FuncOp f) {
      bool hasAscend = false;
      f.walk([&](Operation *op) {
        hasAscend |= isa<ascend::AscendDialect>(op->getDialect());
      });
      if (hasAscend)
        tensorFuncs.push_back(f);
    });
    for (auto f : module.getOps<func::FuncOp>())
      if (failed(checkRaised(f)))
        return signalPassFailure();
    // Before any pattern or planner computes sizes from a shape.
    WalkResult unsized = module.walk([&](Operation *op) {
      if (!isa<ascend::AscendDialect>(op->getDialect()))
        return WalkResult::advance();
      std::string why = shapeBlocker(op);
      if (why.empty())
        return WalkResult::advance();
      op->emitError() << why;
      return WalkResult::interrupt();
    });
    if (unsized.wasInterrupted())
      return signalPassFailure();
    SymbolTable symbols(module);
    for (func::FuncOp f : tensorFuncs)
      if (failed(isSingleKernel(f, tiling)
                     ? makeKernelSignature(f)
                     : lowerToHost(f, symbols, tiling, fuseEpilogues)))
        return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    populateAscendToAICorePatterns(patterns, tiling);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(module, std::move(patterns), config)))
      return signalPassFailure();

    // What no pattern took is reported, never left half-lowered; a fused
    // chain before the ops in it.
    WalkResult leftover = module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (!isKernelOp(op))
        return WalkResult::advance();
      std::string why = explainUnlowerable(op, tiling);
      if (why.empty())
        why = "convert-ascend-to-aicore cannot lower this op yet (lowered: "
              "matmul, batch_matmul, elementwise ops with row, per-row and "
              "single-element broadcasting, silu, gelu, tanh, erf, cast, "
              "softmax over the last dim, rms_norm, rope, flash_attention, "
              "paged_attention, reshape_and_cache and fused_vector)";
      op->emitError() << why;
      return WalkResult::interrupt();
    });
    if (leftover.wasInterrupted())
      return signalPassFailure();
    module.walk([&](bufferization::ToTensorOp op) {
      if (op.use_empty())
        op.erase();
    });
  }
};

} // namespace

void mlir::ascend::populateAscendToAICorePatterns(
    RewritePatternSet &patterns, const AscendTilingOptions &options) {
  lowering::populateElementwisePatterns(patterns, options);
  lowering::populateRowwisePatterns(patterns, options);
  lowering::populateRopePatterns(patterns, options);
  lowering::populateDataMovementPatterns(patterns, options);
  lowering::populateMatmulPatterns(patterns, options);
  lowering::populateCubeVectorPatterns(patterns, options);
  lowering::populateFlashAttentionPatterns(patterns, options);
  lowering::populatePagedAttentionPatterns(patterns, options);
}
