//===- Report.cpp - print what the cycle model measured -------------------===//

#include "AscendDialect/Runtime/Report.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <set>

using namespace mlir;
using namespace mlir::ascend::runtime;
using aicore::CoreType;
using aicore::Pipe;

namespace {

/// The pipes each core type has on the hardware, in report order.
struct PipeRow {
  CoreType core;
  Pipe pipe;
  const char *name;    ///< for tables
  const char *msprof;  ///< msprof PipeUtilization column
};
constexpr PipeRow kRows[] = {
    {CoreType::cube, Pipe::m, "M (cube)", "aic_cube_ratio"},
    {CoreType::cube, Pipe::mte1, "MTE1", "aic_mte1_ratio"},
    {CoreType::cube, Pipe::mte2, "MTE2", "aic_mte2_ratio"},
    {CoreType::cube, Pipe::fix, "FIX", "aic_fixpipe_ratio"},
    {CoreType::cube, Pipe::mte3, "MTE3", "aic_mte3_ratio"},
    {CoreType::cube, Pipe::s, "S (scalar)", "aic_scalar_ratio"},
    {CoreType::vector, Pipe::v, "V (vector)", "aiv_vec_ratio"},
    {CoreType::vector, Pipe::mte2, "MTE2", "aiv_mte2_ratio"},
    {CoreType::vector, Pipe::mte3, "MTE3", "aiv_mte3_ratio"},
    {CoreType::vector, Pipe::s, "S (scalar)", "aiv_scalar_ratio"},
};

const char *coreName(CoreType t) { return t == CoreType::cube ? "cube" : "vector"; }

double busyOf(const TimingReport &r, const PipeRow &row) {
  return r.busy[static_cast<unsigned>(row.core)][static_cast<unsigned>(row.pipe)];
}

bool coreUsed(const TimingReport &r, CoreType t) {
  return (t == CoreType::cube ? r.cubeCores : r.vectorCores) > 0;
}

/// The pipe with the highest utilization, the one that bounds the kernel.
const PipeRow *boundPipe(const TimingReport &r) {
  const PipeRow *best = nullptr;
  for (const PipeRow &row : kRows)
    if (coreUsed(r, row.core) &&
        (!best || r.utilization(row.core, row.pipe) >
                      r.utilization(best->core, best->pipe)))
      best = &row;
  return best;
}

double seconds(const TimingReport &r) { return r.microseconds() * 1e-6; }
double perSecond(const TimingReport &r, double amount) {
  return seconds(r) > 0 ? amount / seconds(r) : 0;
}
double peakFlops(const TimingReport &r) {
  return r.peakCubeFlopsPerCycle * r.clockMHz * 1e6;
}
double peakBytes(const TimingReport &r) {
  return r.peakGmBytesPerCycle * r.clockMHz * 1e6;
}
double ratio(double a, double b) { return b > 0 ? a / b : 0; }

} // namespace

void mlir::ascend::runtime::printTimingTable(llvm::raw_ostream &os,
                                             const ReportHeader &h,
                                             const TimingReport &r) {
  os << llvm::formatv("timing: @{0} on {1} ({2} MHz), block_dim {3} on {4} "
                      "cube + {5} vector cores\n",
                      h.kernel, r.target, llvm::format("%g", r.clockMHz),
                      h.blockDim, r.cubeCores,
                      r.vectorCores);
  os << llvm::formatv("total: {0} cycles = {1} us\n",
                      llvm::format("%.0f", r.totalCycles),
                      llvm::format("%.3f", r.microseconds()));
  os << llvm::formatv("{0,-8} {1,-12} {2,14} {3,12}\n", "core", "pipe",
                      "busy cycles", "utilization");
  for (const PipeRow &row : kRows) {
    if (!coreUsed(r, row.core))
      continue;
    os << llvm::formatv("{0,-8} {1,-12} {2,14} {3,11}%\n", coreName(row.core),
                        row.name, llvm::format("%.0f", busyOf(r, row)),
                        llvm::format("%.1f", 100 * r.utilization(row.core, row.pipe)));
  }
  if (const PipeRow *b = boundPipe(r))
    os << llvm::formatv("bound by: {0} {1} ({2}% busy)\n", coreName(b->core),
                        b->name, llvm::format("%.1f", 100 * r.utilization(b->core, b->pipe)));
  os << llvm::formatv("cube:   {0} FLOP, {1} TFLOP/s of {2} peak ({3}%)\n",
                      llvm::format("%.4g", r.cubeFlops),
                      llvm::format("%.2f", perSecond(r, r.cubeFlops) / 1e12),
                      llvm::format("%.1f", peakFlops(r) / 1e12),
                      llvm::format("%.1f", 100 * ratio(perSecond(r, r.cubeFlops), peakFlops(r))));
  os << llvm::formatv("vector: {0} FLOP\n", llvm::format("%.4g", r.vectorFlops));
  os << llvm::formatv("GM:     {0} bytes, {1} GB/s of {2} peak ({3}%)\n",
                      llvm::format("%.4g", r.gmBytes),
                      llvm::format("%.1f", perSecond(r, r.gmBytes) / 1e9),
                      llvm::format("%.0f", peakBytes(r) / 1e9),
                      llvm::format("%.1f", 100 * ratio(perSecond(r, r.gmBytes), peakBytes(r))));
  if (!r.unsupported.empty()) {
    os << "unsupported (no cost in " << r.target
       << "'s data; left out of the estimate):";
    for (auto &[name, count] : r.unsupported)
      os << " " << name << " x" << count;
    os << "\n";
  }
}

void mlir::ascend::runtime::printTimingJson(llvm::raw_ostream &os,
                                            const ReportHeader &h,
                                            const TimingReport &r) {
  llvm::json::Array pipes;
  for (const PipeRow &row : kRows)
    if (coreUsed(r, row.core))
      pipes.push_back(llvm::json::Object{
          {"core", coreName(row.core)},
          {"pipe", aicore::stringifyPipe(row.pipe)},
          {"busy_cycles", busyOf(r, row)},
          {"utilization", r.utilization(row.core, row.pipe)}});
  llvm::json::Object unsupported;
  for (auto &[name, count] : r.unsupported)
    unsupported[name] = static_cast<int64_t>(count);
  llvm::json::Object out{
      {"kernel", h.kernel},
      {"target", r.target},
      {"clock_mhz", r.clockMHz},
      {"block_dim", h.blockDim},
      {"cube_cores", r.cubeCores},
      {"vector_cores", r.vectorCores},
      {"total_cycles", r.totalCycles},
      {"total_us", r.microseconds()},
      {"pipes", std::move(pipes)},
      {"cube_flops", r.cubeFlops},
      {"vector_flops", r.vectorFlops},
      {"cube_flops_per_second", perSecond(r, r.cubeFlops)},
      {"peak_cube_flops_per_second", peakFlops(r)},
      {"gm_bytes", r.gmBytes},
      {"gm_bytes_per_second", perSecond(r, r.gmBytes)},
      {"peak_gm_bytes_per_second", peakBytes(r)},
      {"unsupported", std::move(unsupported)},
  };
  if (const PipeRow *b = boundPipe(r))
    out["bound_pipe"] = llvm::json::Object{
        {"core", coreName(b->core)}, {"pipe", aicore::stringifyPipe(b->pipe)}};
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(out))) << "\n";
}

void mlir::ascend::runtime::printTimingCsv(llvm::raw_ostream &os,
                                           const ReportHeader &h,
                                           const TimingReport &r) {
  os << "kernel,target,block_dim,total_cycles,total_time_us";
  for (const PipeRow &row : kRows)
    os << "," << row.msprof;
  os << "\n"
     << h.kernel << "," << r.target << "," << h.blockDim << ","
     << llvm::format("%.0f", r.totalCycles) << ","
     << llvm::format("%.3f", r.microseconds());
  for (const PipeRow &row : kRows)
    os << "," << llvm::format("%.4f", r.utilization(row.core, row.pipe));
  os << "\n";
}

void mlir::ascend::runtime::printChromeTrace(llvm::raw_ostream &os,
                                             const TimingReport &r) {
  auto us = [&](double cycles) { return cycles / r.clockMHz; };
  // One thread id per (core, pipe) of a slot.
  auto tid = [](unsigned core, Pipe pipe) {
    return core * kNumPipes + static_cast<unsigned>(pipe);
  };
  llvm::json::Array events;
  std::set<std::pair<unsigned, unsigned>> named;
  // "cube MTE2", "vector 1 V": vector cores are numbered within the block.
  auto coreLabel = [&](unsigned core) {
    CoreType type = r.blockCores[core];
    unsigned ordinal = llvm::count(llvm::ArrayRef(r.blockCores).take_front(core), type);
    unsigned sameType = llvm::count(r.blockCores, type);
    std::string label = coreName(type);
    return sameType > 1 ? label + " " + std::to_string(ordinal) : label;
  };
  auto nameTrack = [&](unsigned slot, unsigned core, Pipe pipe) {
    if (named.insert({slot, ~0u}).second)
      events.push_back(llvm::json::Object{
          {"ph", "M"}, {"name", "process_name"}, {"pid", slot},
          {"args", llvm::json::Object{
                       {"name", "block slot " + std::to_string(slot)}}}});
    if (!named.insert({slot, tid(core, pipe)}).second)
      return;
    events.push_back(llvm::json::Object{
        {"ph", "M"}, {"name", "thread_name"}, {"pid", slot},
        {"tid", tid(core, pipe)},
        {"args", llvm::json::Object{
                     {"name", coreLabel(core) + " " +
                                  aicore::stringifyPipe(pipe).upper()}}}});
  };
  for (const TraceEvent &e : r.events) {
    nameTrack(e.slot, e.core, e.pipe);
    events.push_back(llvm::json::Object{
        {"ph", "X"}, {"name", e.name}, {"pid", e.slot},
        {"tid", tid(e.core, e.pipe)}, {"ts", us(e.start)},
        {"dur", us(e.end - e.start)}});
  }
  for (auto [i, f] : llvm::enumerate(r.flows)) {
    nameTrack(f.slot, f.fromCore, f.fromPipe);
    nameTrack(f.slot, f.toCore, f.toPipe);
    for (bool start : {true, false})
      events.push_back(llvm::json::Object{
          {"ph", start ? "s" : "f"}, {"name", "flag"}, {"cat", "flag"},
          {"id", static_cast<int64_t>(i)}, {"pid", f.slot},
          {"tid", start ? tid(f.fromCore, f.fromPipe) : tid(f.toCore, f.toPipe)},
          {"ts", us(start ? f.fromTime : f.toTime)}, {"bp", "e"}});
  }
  llvm::json::Object trace{{"traceEvents", std::move(events)},
                           {"displayTimeUnit", "ns"}};
  if (r.traceTruncated)
    trace["otherData"] = llvm::json::Object{
        {"note", "truncated: the kernel has more events than one trace holds"}};
  os << llvm::json::Value(std::move(trace)) << "\n";
}
