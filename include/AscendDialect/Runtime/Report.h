//===- Report.h - print what the cycle model measured -----------*- C++ -*-===//
#ifndef ASCENDDIALECT_RUNTIME_REPORT_H
#define ASCENDDIALECT_RUNTIME_REPORT_H

#include "AscendDialect/Runtime/Host.h"
#include "AscendDialect/Runtime/Interpreter.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::ascend::runtime {

/// What the report is about, beyond the measurements.
struct ReportHeader {
  std::string kernel;
  int64_t blockDim;
};

/// A table: total time, per-pipe busy cycles and utilization, the bound
/// pipe, achieved vs peak FLOP/s and GM bytes/s, unsupported instructions.
void printTimingTable(llvm::raw_ostream &os, const ReportHeader &header,
                      const TimingReport &report);
/// The same as one JSON object.
void printTimingJson(llvm::raw_ostream &os, const ReportHeader &header,
                     const TimingReport &report);
/// One header line and one row with msprof PipeUtilization-style columns
/// (aic_cube_ratio, aiv_vec_ratio, aic_mte2_ratio, ...).
void printTimingCsv(llvm::raw_ostream &os, const ReportHeader &header,
                    const TimingReport &report);
/// Chrome trace-event JSON (Perfetto, chrome://tracing): a process per block
/// slot, a thread per core and pipe, flags as flow arrows.
void printChromeTrace(llvm::raw_ostream &os, const TimingReport &report);

/// A host function's launches: per launch the kernel, block_dim, start,
/// cycles and bound pipe, then the total and the work over the host's time.
void printHostTable(llvm::raw_ostream &os, const HostReport &report);

/// "3 launches", "1 launch and 2 copies": what a host ran, in words.
std::string describeLaunches(const HostReport &report);
/// The same as one JSON object; each launch holds its kernel's full report.
void printHostJson(llvm::raw_ostream &os, const HostReport &report);
/// A row per launch (the kernel report's columns after `launch` and
/// `start_cycles`) and a `total` row.
void printHostCsv(llvm::raw_ostream &os, const HostReport &report);
/// The launches one after another: a `launches` track, then the block slots
/// of every launch, their instructions offset by the launch's start.
void printHostChromeTrace(llvm::raw_ostream &os, const HostReport &report);

} // namespace mlir::ascend::runtime

#endif
