//===- fuzz-parse.cpp - fuzz the parsers and verifiers --------------------===//
//
// Parses the input as MLIR with ascend-opt's dialects registered and
// verifies it: the custom parsers, attribute parsers and verifiers of the
// ascend, aicore, mte, cube and vec dialects (tile checks against the
// target, event ids, fractal shapes, ...). Every input must end in an error
// or a valid module, never in a crash.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::unique_ptr<MLIRContext> context = ascend::fuzz::createContext();
  ascend::fuzz::CapturedDiagnostics diagnostics(context.get());
  (void)ascend::fuzz::parseAndVerify(*context, data, size);
  return 0;
}
