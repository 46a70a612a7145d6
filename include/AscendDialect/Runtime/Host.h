//===- Host.h - run host functions that launch kernels ----------*- C++ -*-===//
//
// A host function (convert-ascend-to-aicore's output for a program of
// several ops) allocates GM workspaces, makes views of whole GM buffers and
// launches kernels with func.call, one after another. ascend-run executes it
// as the device would: each launch runs, is timed and is hazard-checked like
// a kernel run alone, and starts when the previous one finished.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_RUNTIME_HOST_H
#define ASCENDDIALECT_RUNTIME_HOST_H

#include "AscendDialect/Runtime/Interpreter.h"

namespace mlir::ascend::runtime {

/// One step of a host on the device timeline.
struct LaunchReport {
  std::string name;    ///< the kernel, or "memref.copy"
  bool isCopy = false; ///< a GM -> GM copy, not a kernel
  int64_t blockDim = 0;
  double startCycle = 0; ///< when the previous step finished
  RunStatistics stats;
  TimingReport timing; ///< the step's own report, in cycles from its start
};

struct HostReport {
  std::string host;
  std::string target;
  double clockMHz = 0;
  double totalCycles = 0;
  std::vector<LaunchReport> launches;

  double microseconds() const { return totalCycles / clockMHz; }
};

/// Runs host function `host` with its arguments in `arguments` (one buffer
/// each, as runKernel takes them). Workspaces start undefined (every byte
/// 0xff, so a read of one shows up as NaN even without the hazard check);
/// with hazards checked, a launch reading workspace bytes nothing wrote is
/// an error. Errors are emitted at the op responsible.
LogicalResult runHost(func::FuncOp host, std::vector<GlobalBuffer> &arguments,
                      const RunOptions &options, HostReport &report);

} // namespace mlir::ascend::runtime

#endif
