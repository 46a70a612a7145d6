//===- LinalgToAscend.cpp ---------------------------------------------------===//

#include "AscendDialect/Conversion/Passes.h"
