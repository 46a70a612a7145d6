//===- fuzz-lower.cpp - fuzz the ascend-lower-to-kernel pipeline ----------===//
//
// Parses and verifies the input; if it is valid, runs --ascend-lower-to-kernel
// with its default options on it (raising of linalg, attention and vector
// fusion, convert-ascend-to-aicore, canonicalize, cse, software pipelining,
// multi-buffering, memory planning, sync insertion). A pass may fail on its
// input with an error, but must neither crash nor succeed with invalid IR:
// the IR is verified after every pass that succeeded and at the end, and
// invalid IR aborts, naming the pass.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "AscendDialect/Transforms/Pipelines.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"

#include <cstdlib>

using namespace mlir;

namespace {

/// Verifies the IR a pass leaves when it succeeds: the check the pass
/// manager's own verifier makes, but aborting instead of failing the run.
class AbortOnInvalidIR : public PassInstrumentation {
public:
  explicit AbortOnInvalidIR(
      const ascend::fuzz::CapturedDiagnostics &diagnostics)
      : diagnostics(diagnostics) {}

  void runAfterPass(Pass *pass, Operation *op) override {
    if (succeeded(verify(op)))
      return;
    llvm::errs() << "fuzz-lower: " << pass->getName() << " ("
                 << pass->getArgument() << ") succeeded on '" << op->getName()
                 << "' with invalid IR:\n";
    diagnostics.print(llvm::errs());
    abort();
  }

private:
  const ascend::fuzz::CapturedDiagnostics &diagnostics;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::unique_ptr<MLIRContext> context = ascend::fuzz::createContext();
  ascend::fuzz::CapturedDiagnostics diagnostics(context.get());
  OwningOpRef<ModuleOp> module =
      ascend::fuzz::parseAndVerify(*context, data, size);
  if (!module)
    return 0;

  ascend::LowerToKernelOptions options;
  PassManager pm(context.get());
  ascend::buildLowerToKernelPipeline(pm, options);
  pm.enableVerifier(false);
  pm.addInstrumentation(std::make_unique<AbortOnInvalidIR>(diagnostics));
  if (failed(pm.run(*module)))
    return 0;
  if (failed(verify(*module))) {
    llvm::errs() << "fuzz-lower: --ascend-lower-to-kernel succeeded with "
                    "invalid IR:\n";
    diagnostics.print(llvm::errs());
    abort();
  }
  return 0;
}
