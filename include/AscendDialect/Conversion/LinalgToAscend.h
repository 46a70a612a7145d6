//===- LinalgToAscend.h - raising upstream linalg to ascend ops -*- C++ -*-===//
#ifndef ASCENDDIALECT_CONVERSION_LINALGTOASCEND_H
#define ASCENDDIALECT_CONVERSION_LINALGTOASCEND_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::ascend {

/// Patterns that rewrite linalg ops on tensors (matmuls, elementwise ops,
/// linalg.softmax, and the reductions of RMSNorm and decomposed softmax)
/// into ascend ops. A pattern that does not apply reports why through
/// `notifyMatchFailure`. The reduction patterns match chains whose
/// elementwise parts are already ascend ops, so apply the set to a fixpoint
/// (the greedy driver does, and so does `ascend-raise-linalg`).
void populateLinalgToAscendPatterns(RewritePatternSet &patterns);

/// Why ascend-raise-linalg leaves `op` as it is ("" if it raises `op` or
/// does not consider it): what its `report-unmatched` remark says.
std::string explainUnraised(Operation *op);

} // namespace mlir::ascend

#endif
