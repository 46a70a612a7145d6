//===- AscendToAICore.cpp ---------------------------------------------------===//

#include "AscendDialect/Conversion/Passes.h"
