//===- Host.cpp - run host functions that launch kernels -----------------===//
//
// The host walks its body once. Its SSA values are whole GM buffers (its
// arguments and memref.alloc workspaces) or reshaping views of them, so each
// maps to one buffer; a launch binds each kernel argument to the buffer its
// operand views. Launches run one after another and nothing overlaps: each
// starts at the cycle the previous one ended, and no launch overhead is
// added (the target tables have no sourced figure for it). Every launch
// gets fresh hazard trackers: the launch boundary orders all GM accesses.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Host.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Target/TargetInfo.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"

#include <cstring>
#include <numeric>

using namespace mlir;
using namespace mlir::ascend::runtime;

namespace {

class HostExecutor {
public:
  HostExecutor(std::vector<GlobalBuffer> &buffers, const RunOptions &options,
               HostReport &report, const aicore::TargetInfo &target)
      : buffers(buffers), options(options), report(report), target(target) {
    for (const GlobalBuffer &buffer : buffers)
      bytesHeld += buffer.bytes.size();
  }

  /// Runs `host` with argument i viewing `buffers[arguments[i]]`.
  LogicalResult run(func::FuncOp host, ArrayRef<unsigned> arguments);

private:
  LogicalResult execute(Operation &op, DenseMap<Value, unsigned> &views);
  LogicalResult allocate(memref::AllocOp alloc, DenseMap<Value, unsigned> &views);
  LogicalResult readGlobal(memref::GetGlobalOp get,
                           DenseMap<Value, unsigned> &views);
  LogicalResult launch(func::CallOp call, ArrayRef<unsigned> operands);
  LogicalResult copy(memref::CopyOp copy, unsigned from, unsigned to);
  /// The buffer `v` views, or an error at `user` if it was freed.
  FailureOr<unsigned> bufferOf(Operation *user, Value v,
                               const DenseMap<Value, unsigned> &views);

  std::vector<GlobalBuffer> &buffers;
  const RunOptions &options;
  HostReport &report;
  const aicore::TargetInfo &target;
  DenseMap<unsigned, Operation *> freedBy;
  /// The buffers memref.alloc made: the only ones a host may free.
  DenseSet<unsigned> allocated;
  SmallVector<func::FuncOp> running; ///< the host call stack
  /// GM bytes of all buffers so far, against RunOptions::maxMemoryBytes.
  uint64_t bytesHeld = 0;
  /// Ops the launches so far executed, against RunOptions::maxOps.
  uint64_t opsUsed = 0;
};

LogicalResult HostExecutor::run(func::FuncOp host,
                                ArrayRef<unsigned> arguments) {
  running.push_back(host);
  DenseMap<Value, unsigned> views;
  for (auto [arg, buffer] : llvm::zip(host.getArguments(), arguments))
    views[arg] = buffer;
  for (Operation &op : host.getBody().front())
    if (failed(execute(op, views)))
      return failure();
  running.pop_back();
  return success();
}

FailureOr<unsigned>
HostExecutor::bufferOf(Operation *user, Value v,
                       const DenseMap<Value, unsigned> &views) {
  auto it = views.find(v);
  if (it == views.end())
    return user->emitError() << "operand " << v.getType()
                             << " is not a GM buffer of this host (an "
                                "argument, a memref.alloc or a view of one)";
  unsigned buffer = it->second;
  if (Operation *dealloc = freedBy.lookup(buffer)) {
    InFlightDiagnostic diag = user->emitError()
                              << "uses a GM workspace after its memref.dealloc";
    diag.attachNote(dealloc->getLoc()) << "freed here";
    return failure();
  }
  return buffer;
}

LogicalResult HostExecutor::execute(Operation &op,
                                    DenseMap<Value, unsigned> &views) {
  auto operandBuffers = [&]() -> FailureOr<SmallVector<unsigned>> {
    SmallVector<unsigned> result;
    for (Value v : op.getOperands()) {
      FailureOr<unsigned> b = bufferOf(&op, v, views);
      if (failed(b))
        return failure();
      result.push_back(*b);
    }
    return result;
  };
  if (isa<func::ReturnOp>(op)) {
    if (op.getNumOperands())
      return op.emitError() << "a host function returns nothing: results go "
                               "to GM arguments";
    return success();
  }
  if (auto alloc = dyn_cast<memref::AllocOp>(op))
    return allocate(alloc, views);
  if (auto get = dyn_cast<memref::GetGlobalOp>(op))
    return readGlobal(get, views);
  // Views of whole buffers: the bytes stay where they are.
  if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(op)) {
    auto type = dyn_cast<MemRefType>(op.getResult(0).getType());
    if (!type || !type.hasStaticShape())
      return op.emitError() << "a host views GM buffers with static shapes "
                               "only, got "
                            << op.getResult(0).getType();
    FailureOr<unsigned> b = bufferOf(&op, op.getOperand(0), views);
    if (failed(b))
      return failure();
    views[op.getResult(0)] = *b;
    return success();
  }
  FailureOr<SmallVector<unsigned>> operands = operandBuffers();
  if (failed(operands))
    return failure();
  if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
    if (!allocated.contains(operands->front()))
      return op.emitError() << "a host frees only the workspaces it "
                               "allocated, not its arguments";
    freedBy[operands->front()] = &op;
    buffers[operands->front()].bytes = {};
    return success();
  }
  if (auto c = dyn_cast<memref::CopyOp>(op))
    return copy(c, (*operands)[0], (*operands)[1]);
  if (auto call = dyn_cast<func::CallOp>(op))
    return launch(call, *operands);
  return op.emitError()
         << "ascend-run cannot run '" << op.getName()
         << "' in a host function; a host allocates GM (memref.alloc, "
            "memref.dealloc), reads constants (memref.get_global), views whole buffers (memref.collapse_shape, "
            "expand_shape, cast), copies them (memref.copy) and launches "
            "kernels (func.call)";
}

LogicalResult HostExecutor::allocate(memref::AllocOp alloc,
                                     DenseMap<Value, unsigned> &views) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      aicore::getAddressSpace(type) != aicore::AddressSpace::gm)
    return alloc.emitError()
           << "a host allocates statically shaped GM buffers with the "
              "identity layout (memref<...xT, #aicore.space<gm>>), got "
           << type;
  uint64_t bytes = getBufferBytes(type);
  // Both are below 2^63 (getTileBytes saturates there): no wrap-around.
  if (options.maxMemoryBytes && bytesHeld + bytes > options.maxMemoryBytes)
    return alloc.emitError()
           << "this GM workspace takes " << bytes << " bytes; with the "
           << bytesHeld << " bytes already allocated that is more than the "
           << options.maxMemoryBytes << " bytes --max-memory allows";
  bytesHeld += bytes;
  GlobalBuffer workspace;
  // Undefined contents: all-ones bytes read as NaN (or -1), so a launch
  // that reads them gives visibly wrong values even unchecked.
  if (options.computeValues)
    workspace.bytes.assign(bytes, 0xff);
  else
    workspace.bytes.resize(bytes);
  workspace.stale = !options.computeValues;
  if (options.checkHazards)
    workspace.defined.emplace(alloc);
  views[alloc.getResult()] = buffers.size();
  allocated.insert(buffers.size());
  buffers.push_back(std::move(workspace));
  return success();
}

/// The bytes of a constant global's elements as GM holds them (splats
/// repeated), or nothing if they are not byte-sized ints or floats or do
/// not fill the buffer exactly.
static std::optional<std::vector<uint8_t>> elementBytes(ElementsAttr value,
                                                        int64_t size) {
  Type element = value.getElementType();
  // GM packs sub-byte elements; MLIR stores one per byte.
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8)
    return std::nullopt;
  ArrayRef<char> raw;
  bool splat = false;
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value)) {
    raw = dense.getRawData();
    splat = dense.isSplat();
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      raw = blob->getData();
  }
  if (raw.empty() || (splat ? size % raw.size() : size != static_cast<int64_t>(raw.size())))
    return std::nullopt;
  std::vector<uint8_t> bytes(size);
  for (int64_t at = 0; at < size; at += raw.size())
    std::memcpy(bytes.data() + at, raw.data(), raw.size());
  return bytes;
}

LogicalResult HostExecutor::readGlobal(memref::GetGlobalOp get,
                                       DenseMap<Value, unsigned> &views) {
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  MemRefType type = get.getType();
  std::optional<std::vector<uint8_t>> bytes;
  if (global && global.getConstant() && global.getInitialValue() &&
      type.hasStaticShape())
    if (auto value = dyn_cast<ElementsAttr>(*global.getInitialValue()))
      bytes = elementBytes(value, getBufferBytes(type));
  if (!bytes)
    return get.emitError()
           << "a host reads constant memref.globals with dense elements "
              "(written out or as a resource blob holding exactly the "
              "buffer's bytes) of a static shape and byte-sized ints or "
              "floats";
  GlobalBuffer constant;
  constant.bytes = std::move(*bytes);
  views[get.getResult()] = buffers.size();
  buffers.push_back(std::move(constant));
  return success();
}

LogicalResult HostExecutor::copy(memref::CopyOp op, unsigned from,
                                 unsigned to) {
  auto type = cast<MemRefType>(op.getSource().getType());
  for (Value v : op.getOperands())
    if (aicore::getAddressSpace(cast<MemRefType>(v.getType())) !=
        aicore::AddressSpace::gm)
      return op.emitError() << "a host copies between GM buffers only";
  int64_t bytes = getBufferBytes(type);
  GlobalBuffer &source = buffers[from], &dest = buffers[to];
  if (source.defined && options.checkHazards)
    if (std::optional<int64_t> first = source.defined->firstUndefined(0, bytes)) {
      InFlightDiagnostic diag = op.emitError()
          << "copies GM byte " << *first
          << " of a workspace that no earlier launch wrote: a new "
             "workspace's contents are undefined";
      diag.attachNote(source.defined->getOrigin()->getLoc()) << "the workspace";
      return failure();
    }
  if (options.computeValues && from != to)
    dest.bytes = source.bytes;
  if (!options.computeValues && from != to)
    dest.stale = true;
  if (dest.defined)
    dest.defined->define(0, bytes);
  // A device-to-device copy reads and writes every byte through HBM.
  LaunchReport step;
  step.name = "memref.copy";
  step.isCopy = true;
  step.startCycle = report.totalCycles;
  step.timing.target = target.name.str();
  step.timing.clockMHz = target.clockMHz;
  step.timing.gmBytes = 2.0 * bytes;
  step.timing.hbmBytes = step.timing.gmBytes;
  step.timing.peakGmBytesPerCycle = target.gmBytesPerCycle;
  step.timing.totalCycles = step.timing.gmBytes / target.gmBytesPerCycle;
  step.stats.operations = 1;
  report.totalCycles += step.timing.totalCycles;
  report.launches.push_back(std::move(step));
  return success();
}

LogicalResult HostExecutor::launch(func::CallOp call,
                                   ArrayRef<unsigned> operands) {
  auto callee =
      SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(call, call.getCalleeAttr());
  if (!callee || callee.isExternal())
    return call.emitError() << "cannot launch @" << call.getCallee()
                            << ": it has no body in this module";
  if (llvm::is_contained(running, callee))
    return call.emitError() << "recursion: @" << callee.getName()
                            << " is already running; a host launches kernels "
                               "and other host functions, never itself";
  if (aicore::isHostFunction(callee))
    return run(callee, operands);
  if (!callee->hasAttr(aicore::AICoreDialect::getKernelAttrName())) {
    InFlightDiagnostic diag =
        call.emitError() << "@" << callee.getName()
                         << " is not a kernel: a host launches functions "
                            "marked aicore.kernel (or runs other host "
                            "functions)";
    diag.attachNote(callee.getLoc()) << "@" << callee.getName();
    return failure();
  }
  if (call.getNumResults())
    return call.emitError() << "a kernel launch has no results: kernels "
                               "write GM arguments";
  LaunchReport step;
  step.name = callee.getName().str();
  step.startCycle = report.totalCycles;
  // The op budget is for the whole run: each launch gets what is left.
  RunOptions launchOptions = options;
  if (options.maxOps) {
    if (opsUsed >= options.maxOps)
      return call.emitError()
             << "the launches before this one used up the " << options.maxOps
             << " operations --max-ops allows";
    launchOptions.maxOps = options.maxOps - opsUsed;
  }
  LogicalResult launched = runKernel(callee, buffers, operands, launchOptions,
                                     &step.stats, &step.timing);
  opsUsed += step.stats.operations;
  if (failed(launched)) {
    call.emitError() << "launch " << report.launches.size() << " (@"
                     << callee.getName() << ") failed";
    return failure();
  }
  step.blockDim = static_cast<int64_t>(step.stats.blocks);
  report.totalCycles += step.timing.totalCycles;
  report.launches.push_back(std::move(step));
  return success();
}

} // namespace

LogicalResult mlir::ascend::runtime::runHost(func::FuncOp host,
                                             std::vector<GlobalBuffer> &arguments,
                                             const RunOptions &options,
                                             HostReport &report) {
  const aicore::TargetInfo &target = aicore::getTargetInfo(host);
  report.host = host.getName().str();
  report.target = target.name.str();
  report.clockMHz = target.clockMHz;
  std::vector<GlobalBuffer> buffers = std::move(arguments);
  size_t numArguments = buffers.size();
  if (host.getNumArguments() != numArguments)
    return host.emitError() << "host takes " << host.getNumArguments()
                            << " arguments, " << numArguments << " given";
  SmallVector<unsigned> own(numArguments);
  std::iota(own.begin(), own.end(), 0u);
  // A result argument tied to an earlier argument is that buffer, updated
  // in place; it is copied out for --output / --compare afterwards.
  SmallVector<std::pair<unsigned, unsigned>> tied;
  for (unsigned i = 0; i < numArguments; ++i)
    if (auto other = host.getArgAttrOfType<IntegerAttr>(
            i, aicore::AICoreDialect::getAliasesAttrName())) {
      own[i] = other.getInt();
      tied.push_back({i, own[i]});
    }
  HostExecutor executor(buffers, options, report, target);
  LogicalResult result = executor.run(host, own);
  if (options.computeValues)
    for (auto [i, other] : tied)
      buffers[i] = buffers[other];
  buffers.resize(numArguments);
  arguments = std::move(buffers);
  return result;
}
