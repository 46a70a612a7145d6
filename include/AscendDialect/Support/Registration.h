//===- Registration.h - what our tools register ----------------*- C++ -*-===//
//
// The single list of dialects and passes ascend-opt (and later ascend-run)
// make available: our five dialects plus only the upstream dialects and passes
// the toolchain uses. Registering all of upstream would cost a 2.5 GB link.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_SUPPORT_REGISTRATION_H
#define ASCENDDIALECT_SUPPORT_REGISTRATION_H

namespace mlir {
class DialectRegistry;
namespace ascend {

/// Adds the ascend, aicore, mte, cube and vec dialects and the upstream
/// dialects (func, arith, math, scf, memref, tensor, linalg, bufferization)
/// our IR mixes with.
void registerAllDialects(DialectRegistry &registry);

/// Registers our passes and pipelines and the upstream passes we use
/// (canonicalize, cse, inline, symbol-dce, loop-invariant-code-motion, ...).
void registerAllPasses();

} // namespace ascend
} // namespace mlir

#endif
