//===- fuzz-run.cpp - fuzz the interpreter, cycle model and hazard checker ===//
//
// Parses and verifies the input; if it holds kernel-level IR, runs each
// entry point (a func with aicore.kernel, or a host function, that no other
// function launches) as `ascend-run --timing-only` would: the interpreter's
// control flow, address and bounds checks, the cycle model and the hazard
// checker (races, never-satisfied waits, flag misuse), without tile values.
// GM arguments start as zeros. Tensor-level input is fuzz-lower's business.
// RunOptions::maxOps and maxMemoryBytes bound runaway kernels.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Runtime/Host.h"
#include "AscendDialect/Runtime/Interpreter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::ascend::runtime;

namespace {

constexpr uint64_t kMaxOps = 200000;
constexpr uint64_t kMaxMemoryBytes = 256 << 20;

/// Whether the module holds ascend or linalg ops, which ascend-run lowers
/// before it runs anything.
bool isTensorLevel(ModuleOp module) {
  return module
      .walk([](Operation *op) {
        return isa_and_present<ascend::AscendDialect, linalg::LinalgDialect>(
                   op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Kernels and host functions no func.call launches (ascend-run's entry
/// points; it takes the only one or --kernel, this runs them all).
SmallVector<func::FuncOp> findEntryPoints(ModuleOp module) {
  DenseSet<StringRef> launched;
  module.walk([&](func::CallOp call) { launched.insert(call.getCallee()); });
  SmallVector<func::FuncOp> entries;
  module.walk([&](func::FuncOp f) {
    if ((aicore::isHostFunction(f) ||
         f->hasAttr(aicore::AICoreDialect::getKernelAttrName())) &&
        !launched.contains(f.getName()))
      entries.push_back(f);
  });
  return entries;
}

/// Runs `f` with zeroed GM arguments, as `ascend-run --timing-only --zeros`
/// for every argument would; skips functions ascend-run refuses to bind
/// (an argument not a statically shaped memref) and arguments beyond
/// kMaxMemoryBytes in all.
void runEntryPoint(func::FuncOp f) {
  std::vector<GlobalBuffer> buffers(f.getNumArguments());
  uint64_t total = 0;
  for (auto [i, arg] : llvm::enumerate(f.getArguments())) {
    auto type = dyn_cast<MemRefType>(arg.getType());
    if (!type || !type.hasStaticShape())
      return;
    // A result tied to an earlier argument is that argument's buffer.
    if (f.getArgAttr(i, aicore::AICoreDialect::getAliasesAttrName()))
      continue;
    int64_t bytes = getBufferBytes(type);
    if (bytes < 0 || (total += bytes) > kMaxMemoryBytes)
      return;
    buffers[i].bytes.assign(bytes, 0);
  }
  RunOptions options;
  options.computeValues = false;
  options.checkHazards = true;
  options.maxOps = kMaxOps;
  options.maxMemoryBytes = kMaxMemoryBytes;
  if (aicore::isHostFunction(f)) {
    HostReport report;
    (void)runHost(f, buffers, options, report);
  } else {
    RunStatistics statistics;
    TimingReport timing;
    (void)runKernel(f, buffers, options, &statistics, &timing);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::unique_ptr<MLIRContext> context = ascend::fuzz::createContext();
  // As ascend-run: the interpreter may build attributes of any of them.
  context->loadAllAvailableDialects();
  ascend::fuzz::CapturedDiagnostics diagnostics(context.get());
  OwningOpRef<ModuleOp> module =
      ascend::fuzz::parseAndVerify(*context, data, size);
  if (!module || isTensorLevel(*module))
    return 0;
  for (func::FuncOp f : findEntryPoints(*module))
    runEntryPoint(f);
  return 0;
}
