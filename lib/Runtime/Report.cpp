//===- Report.cpp - print what the cycle model measured -------------------===//

#include "AscendDialect/Runtime/Report.h"
#include "AscendDialect/Runtime/Host.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <numeric>
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

/// "cube MTE2 (68.8% busy)".
std::string boundText(const TimingReport &r) {
  const PipeRow *b = boundPipe(r);
  if (!b)
    return "";
  return llvm::formatv("{0} {1} ({2}% busy)", coreName(b->core), b->name,
                       llvm::format("%.1f", 100 * r.utilization(b->core, b->pipe)))
      .str();
}

/// When the first and the last block slot finished, and on average: how
/// evenly the blocks' work (and their share of HBM) came out.
void printSlotSpread(llvm::raw_ostream &os, StringRef label,
                     const TimingReport &r) {
  if (r.slotEnds.size() < 2)
    return;
  auto us = [&](double cycles) {
    return llvm::format("%.3f", cycles / r.clockMHz);
  };
  auto [first, last] =
      std::minmax_element(r.slotEnds.begin(), r.slotEnds.end());
  os << label << r.slotEnds.size() << " used, ";
  if (*first == *last) {
    os << "all done at " << us(*last) << " us\n";
    return;
  }
  double mean = std::accumulate(r.slotEnds.begin(), r.slotEnds.end(), 0.0) /
                r.slotEnds.size();
  os << llvm::formatv("done between {0} and {1} us (slot {2} first, slot {3} "
                      "last); mean {4} us, {5}% of the last\n",
                      us(*first), us(*last), first - r.slotEnds.begin(),
                      last - r.slotEnds.begin(), us(mean),
                      llvm::format("%.1f", 100 * ratio(mean, *last)));
}

/// Achieved vs peak FLOP/s and GM bytes/s, and what was left uncosted.
void printThroughput(llvm::raw_ostream &os, const TimingReport &r) {
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
  os << llvm::formatv("HBM:    {0} bytes, {1} GB/s ({2}% of GM bytes; the "
                      "other reads hit L2)\n",
                      llvm::format("%.4g", r.hbmBytes),
                      llvm::format("%.1f", perSecond(r, r.hbmBytes) / 1e9),
                      llvm::format("%.1f", 100 * ratio(r.hbmBytes, r.gmBytes)));
  if (!r.unsupported.empty()) {
    os << "unsupported (no cost in " << r.target
       << "'s data; left out of the estimate):";
    for (auto &[name, count] : r.unsupported)
      os << " " << name << " x" << count;
    os << "\n";
  }
}

llvm::json::Object timingJson(const ReportHeader &h, const TimingReport &r) {
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
      {"hbm_bytes", r.hbmBytes},
      {"slot_end_cycles", llvm::json::Array(r.slotEnds)},
      {"peak_gm_bytes_per_second", peakBytes(r)},
      {"unsupported", std::move(unsupported)},
  };
  if (const PipeRow *b = boundPipe(r))
    out["bound_pipe"] = llvm::json::Object{
        {"core", coreName(b->core)}, {"pipe", aicore::stringifyPipe(b->pipe)}};
  return out;
}

/// The whole host as one report: the launches' work over the host's time.
TimingReport combine(const HostReport &h) {
  TimingReport total;
  total.target = h.target;
  total.clockMHz = h.clockMHz;
  total.totalCycles = h.totalCycles;
  for (const LaunchReport &l : h.launches) {
    total.cubeFlops += l.timing.cubeFlops;
    total.vectorFlops += l.timing.vectorFlops;
    total.gmBytes += l.timing.gmBytes;
    total.hbmBytes += l.timing.hbmBytes;
    total.peakCubeFlopsPerCycle =
        std::max(total.peakCubeFlopsPerCycle, l.timing.peakCubeFlopsPerCycle);
    total.peakGmBytesPerCycle =
        std::max(total.peakGmBytesPerCycle, l.timing.peakGmBytesPerCycle);
    for (auto &[name, count] : l.timing.unsupported)
      total.unsupported[name] += count;
  }
  return total;
}

std::string launchName(const LaunchReport &l) {
  return l.isCopy ? l.name : "@" + l.name;
}

std::string launchBound(const LaunchReport &l) {
  return l.isCopy ? "HBM (GM -> GM copy)" : boundText(l.timing);
}

/// "file:line:col" of `op`, for the trace's flag arrows.
std::string locationText(Operation *op) {
  if (auto loc = dyn_cast<FileLineColLoc>(op->getLoc()))
    return llvm::formatv("{0}:{1}:{2}", loc.getFilename(), loc.getLine(),
                         loc.getColumn());
  std::string text;
  llvm::raw_string_ostream os(text);
  op->getLoc().print(os);
  return text;
}

/// Chrome trace events of one kernel run, `offset` cycles into the
/// timeline, its block slots as processes from `pidBase`.
struct TraceWriter {
  llvm::json::Array events;
  std::set<std::pair<int64_t, unsigned>> named;
  int64_t nextFlow = 0;
  size_t kernelEvents = 0;
  bool truncated = false;

  void nameProcess(int64_t pid, const std::string &name) {
    if (named.insert({pid, ~0u}).second)
      events.push_back(llvm::json::Object{
          {"ph", "M"}, {"name", "process_name"}, {"pid", pid},
          {"args", llvm::json::Object{{"name", name}}}});
  }

  void add(const TimingReport &r, double offset, int64_t pidBase);
};

void TraceWriter::add(const TimingReport &r, double offset, int64_t pidBase) {
  auto us = [&](double cycles) { return (cycles + offset) / r.clockMHz; };
  // One thread per core and pipe, numbered by core type (cube, then vector
  // 0, 1, ...) so that launches of different block shapes share tracks.
  auto canonical = [&](unsigned core) {
    CoreType type = r.blockCores[core];
    unsigned ordinal =
        llvm::count(llvm::ArrayRef(r.blockCores).take_front(core), type);
    return type == CoreType::cube ? 0u : 1u + ordinal;
  };
  auto tid = [&](unsigned core, Pipe pipe) {
    return canonical(core) * kNumPipes + static_cast<unsigned>(pipe);
  };
  // "cube MTE2", "vector 1 V": vector cores are numbered within the block.
  auto coreLabel = [&](unsigned core) {
    CoreType type = r.blockCores[core];
    unsigned sameType = llvm::count(r.blockCores, type);
    std::string label = coreName(type);
    return sameType > 1 ? label + " " + std::to_string(canonical(core) - 1)
                        : label;
  };
  auto nameTrack = [&](unsigned slot, unsigned core, Pipe pipe) {
    int64_t pid = pidBase + slot;
    nameProcess(pid, "block slot " + std::to_string(slot));
    if (!named.insert({pid, tid(core, pipe)}).second)
      return;
    events.push_back(llvm::json::Object{
        {"ph", "M"}, {"name", "thread_name"}, {"pid", pid},
        {"tid", tid(core, pipe)},
        {"args", llvm::json::Object{
                     {"name", coreLabel(core) + " " +
                                  aicore::stringifyPipe(pipe).upper()}}}});
  };
  truncated |= r.traceTruncated;
  for (const TraceEvent &e : r.events) {
    if (kernelEvents++ >= kMaxTraceEvents) {
      truncated = true;
      break;
    }
    nameTrack(e.slot, e.core, e.pipe);
    events.push_back(llvm::json::Object{
        {"ph", "X"}, {"name", e.name}, {"pid", pidBase + e.slot},
        {"tid", tid(e.core, e.pipe)}, {"ts", us(e.start)},
        {"dur", us(e.end) - us(e.start)}});
  }
  for (const TraceFlow &f : r.flows) {
    nameTrack(f.slot, f.fromCore, f.fromPipe);
    nameTrack(f.slot, f.toCore, f.toPipe);
    for (bool start : {true, false})
      events.push_back(llvm::json::Object{
          {"ph", start ? "s" : "f"},
          {"name", "flag"},
          {"cat", "flag"},
          {"id", nextFlow},
          {"pid", pidBase + f.slot},
          {"tid",
           start ? tid(f.fromCore, f.fromPipe) : tid(f.toCore, f.toPipe)},
          {"ts", us(start ? f.fromTime : f.toTime)},
          {"bp", "e"},
          {"args", llvm::json::Object{{"set", locationText(f.setOp)},
                                      {"wait", locationText(f.waitOp)}}}});
    ++nextFlow;
  }
}

void printTrace(llvm::raw_ostream &os, TraceWriter &w) {
  llvm::json::Object trace{{"traceEvents", std::move(w.events)},
                           {"displayTimeUnit", "ns"}};
  if (w.truncated)
    trace["otherData"] = llvm::json::Object{
        {"note", "truncated: the kernel has more events than one trace holds"}};
  os << llvm::json::Value(std::move(trace)) << "\n";
}

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
  if (boundPipe(r))
    os << "bound by: " << boundText(r) << "\n";
  printThroughput(os, r);
  printSlotSpread(os, "slots:  ", r);
}

void mlir::ascend::runtime::printTimingJson(llvm::raw_ostream &os,
                                            const ReportHeader &h,
                                            const TimingReport &r) {
  os << llvm::formatv("{0:2}", llvm::json::Value(timingJson(h, r))) << "\n";
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
  TraceWriter w;
  w.add(r, 0, 0);
  printTrace(os, w);
}

//===----------------------------------------------------------------------===//
// Host functions
//===----------------------------------------------------------------------===//

std::string mlir::ascend::runtime::describeLaunches(const HostReport &h) {
  size_t copies = llvm::count_if(h.launches,
                                 [](const LaunchReport &l) { return l.isCopy; });
  size_t launches = h.launches.size() - copies;
  std::string text =
      std::to_string(launches) + (launches == 1 ? " launch" : " launches");
  if (copies)
    text +=
        " and " + std::to_string(copies) + (copies == 1 ? " copy" : " copies");
  return text;
}

void mlir::ascend::runtime::printHostTable(llvm::raw_ostream &os,
                                           const HostReport &h) {
  os << llvm::formatv("timing: @{0} on {1} ({2} MHz), {3} one after another "
                      "(no launch overhead modelled)\n",
                      h.host, h.target, llvm::format("%g", h.clockMHz),
                      describeLaunches(h));
  os << llvm::formatv("{0,-6} {1,-30} {2,9} {3,12} {4,12} {5,10}  {6}\n",
                      "launch", "kernel", "block_dim", "start", "cycles", "us",
                      "bound by");
  for (auto [i, l] : llvm::enumerate(h.launches))
    os << llvm::formatv("{0,-6} {1,-30} {2,9} {3,12} {4,12} {5,10}  {6}\n", i,
                        launchName(l),
                        l.isCopy ? std::string("-") : std::to_string(l.blockDim),
                        llvm::format("%.0f", l.startCycle),
                        llvm::format("%.0f", l.timing.totalCycles),
                        llvm::format("%.3f", l.timing.microseconds()),
                        launchBound(l));
  os << llvm::formatv("total: {0} cycles = {1} us\n",
                      llvm::format("%.0f", h.totalCycles),
                      llvm::format("%.3f", h.microseconds()));
  printThroughput(os, combine(h));
  for (auto [i, l] : llvm::enumerate(h.launches))
    printSlotSpread(
        os, ("slots of launch " + Twine(i) + " (from its start): ").str(),
        l.timing);
}

void mlir::ascend::runtime::printHostJson(llvm::raw_ostream &os,
                                          const HostReport &h) {
  llvm::json::Array launches;
  for (const LaunchReport &l : h.launches) {
    llvm::json::Object launch = timingJson({l.name, l.blockDim}, l.timing);
    launch["copy"] = l.isCopy;
    launch["start_cycles"] = l.startCycle;
    launches.push_back(std::move(launch));
  }
  TimingReport total = combine(h);
  llvm::json::Object out = timingJson({h.host, 0}, total);
  out.erase("kernel");
  out.erase("block_dim");
  out.erase("cube_cores");
  out.erase("vector_cores");
  out.erase("pipes");
  out.erase("slot_end_cycles");
  out["host"] = h.host;
  out["launches"] = std::move(launches);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(out))) << "\n";
}

void mlir::ascend::runtime::printHostCsv(llvm::raw_ostream &os,
                                         const HostReport &h) {
  os << "launch,start_cycles,kernel,target,block_dim,total_cycles,total_time_us";
  for (const PipeRow &row : kRows)
    os << "," << row.msprof;
  os << "\n";
  for (auto [i, l] : llvm::enumerate(h.launches)) {
    os << i << "," << llvm::format("%.0f", l.startCycle) << "," << l.name
       << "," << h.target << "," << (l.isCopy ? 0 : l.blockDim) << ","
       << llvm::format("%.0f", l.timing.totalCycles) << ","
       << llvm::format("%.3f", l.timing.microseconds());
    for (const PipeRow &row : kRows)
      os << "," << llvm::format("%.4f", l.timing.utilization(row.core, row.pipe));
    os << "\n";
  }
  os << "total,0," << h.host << "," << h.target << ",,"
     << llvm::format("%.0f", h.totalCycles) << ","
     << llvm::format("%.3f", h.microseconds());
  for (size_t i = 0; i < std::size(kRows); ++i)
    os << ",";
  os << "\n";
}

void mlir::ascend::runtime::printHostChromeTrace(llvm::raw_ostream &os,
                                                 const HostReport &h) {
  TraceWriter w;
  // Process 0 shows the launches; the block slots follow from 1.
  w.nameProcess(0, "host @" + h.host + ": launches");
  w.events.push_back(llvm::json::Object{
      {"ph", "M"}, {"name", "thread_name"}, {"pid", 0}, {"tid", 0},
      {"args", llvm::json::Object{{"name", "launches"}}}});
  for (const LaunchReport &l : h.launches) {
    w.events.push_back(llvm::json::Object{
        {"ph", "X"}, {"name", launchName(l)}, {"pid", 0}, {"tid", 0},
        {"ts", l.startCycle / h.clockMHz},
        {"dur", l.timing.totalCycles / h.clockMHz},
        {"args", llvm::json::Object{{"block_dim", l.blockDim},
                                    {"cycles", l.timing.totalCycles}}}});
    if (!l.isCopy)
      w.add(l.timing, l.startCycle, 1);
  }
  printTrace(os, w);
}
