//===- Interpreter.h - run kernel-level IR on the CPU -----------*- C++ -*-===//
//
// The values part of ascend-run: executes a kernel (aicore/mte/cube/vec with
// func, scf, arith, memref) on every block of its block_dim, each block with
// its cube core and vector cores and their own on-chip buffers, GM shared.
// Results follow docs/Numerics.md bit for bit.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_RUNTIME_INTERPRETER_H
#define ASCENDDIALECT_RUNTIME_INTERPRETER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LogicalResult.h"
#include <cstdint>
#include <vector>

namespace mlir::ascend::runtime {

/// The contents of one GM buffer (a kernel argument): elements in C order as
/// they sit in memory - f16/bf16 as 16-bit patterns, i1 one bit each and i4
/// one nibble each, packed from the lowest bit of each byte.
struct GlobalBuffer {
  std::vector<uint8_t> bytes;
};

struct RunStatistics {
  uint64_t operations = 0;     ///< every op executed, scalar ones included
  uint64_t tileOperations = 0; ///< ops with a TileOpInterface
  uint64_t blocks = 0;
};

/// Bytes a GM buffer of `type` (statically shaped) occupies.
int64_t getBufferBytes(MemRefType type);

/// Runs `kernel` on all its blocks. `arguments` holds one buffer per kernel
/// argument, sized by getBufferBytes; on success they hold GM after the run.
/// Errors (unsupported ops, out-of-bounds accesses, buffer overflow,
/// deadlocks) are emitted as diagnostics at the op responsible.
LogicalResult runKernel(func::FuncOp kernel,
                        std::vector<GlobalBuffer> &arguments,
                        RunStatistics *statistics = nullptr);

} // namespace mlir::ascend::runtime

#endif
