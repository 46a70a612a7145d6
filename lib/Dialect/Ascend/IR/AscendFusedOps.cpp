//===- AscendFusedOps.cpp - verifiers of the fused LLM ops ----------------===//

#include "AscendDialect/Ascend/AscendDialect.h"

using namespace mlir;
using namespace mlir::ascend;
