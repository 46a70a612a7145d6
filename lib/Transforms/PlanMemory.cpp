//===- PlanMemory.cpp -------------------------------------------------------------===//

#include "AscendDialect/Transforms/Passes.h"
