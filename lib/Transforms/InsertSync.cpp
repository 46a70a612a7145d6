//===- InsertSync.cpp -------------------------------------------------------------===//

#include "AscendDialect/Transforms/Passes.h"
