//===- Hazards.cpp - races between pipes, by happens-before ---------------===//

#include "Hazards.h"
#include "AscendDialect/AICore/TileAccess.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::ascend::runtime;
using aicore::Pipe;

static constexpr unsigned kPipes = 8;

static aicore::StridedRegion regionOf(const TileRef &t) {
  return {t.offset, t.shape, t.strides, t.bits};
}

static aicore::ByteRange boundingBytes(const TileRef &t) {
  return aicore::getBoundingBytes(regionOf(t));
}

static SmallVector<aicore::ByteRange> rowRanges(const TileRef &t) {
  return aicore::getRowByteRanges(regionOf(t));
}

bool mlir::ascend::runtime::tilesOverlap(const TileRef &a, const TileRef &b) {
  if (a.storage != b.storage || a.numElements() == 0 || b.numElements() == 0)
    return false;
  auto [alo, ahi] = boundingBytes(a);
  auto [blo, bhi] = boundingBytes(b);
  if (ahi <= blo || bhi <= alo)
    return false;
  return aicore::rangesOverlap(rowRanges(a), rowRanges(b));
}

HazardTracker::HazardTracker(unsigned numCores)
    : numCores(numCores),
      clocks(numCores * kPipes, VectorClock(numCores * kPipes, 0)),
      issue(numCores, VectorClock(numCores * kPipes, 0)) {}

unsigned HazardTracker::agent(unsigned core, Pipe pipe) const {
  return core * kPipes + static_cast<unsigned>(pipe);
}

VectorClock &HazardTracker::clockOf(unsigned core, Pipe pipe) {
  return clocks[agent(core, pipe)];
}

static void join(VectorClock &into, const VectorClock &from) {
  for (size_t i = 0; i < into.size(); ++i)
    into[i] = std::max(into[i], from[i]);
}

VectorClock HazardTracker::flagClock(unsigned core, Pipe pipe) {
  VectorClock c = clockOf(core, pipe);
  join(c, issue[core]);
  return c;
}

void HazardTracker::receive(unsigned core, Pipe pipe, const VectorClock &clock) {
  join(clockOf(core, pipe), clock);
}

void HazardTracker::barrier(unsigned core, Pipe pipe) {
  for (unsigned p = 0; p < kPipes; ++p)
    if (pipe == Pipe::all || p == static_cast<unsigned>(pipe))
      join(issue[core], clocks[agent(core, static_cast<Pipe>(p))]);
  // The scalar pipe stalls at a barrier too, so its own accesses follow.
  join(clockOf(core, Pipe::s), issue[core]);
}

static const char *pipeName(unsigned agentIndex) {
  static const char *names[] = {"S", "MTE1", "MTE2", "MTE3", "M", "V", "FIX", "ALL"};
  return names[agentIndex % kPipes];
}

bool HazardTracker::access(unsigned core, Pipe pipe, Operation *op,
                           ArrayRef<const TileRef *> reads,
                           ArrayRef<const TileRef *> writes) {
  unsigned self = agent(core, pipe);
  VectorClock &clock = clocks[self];
  join(clock, issue[core]);
  uint32_t seq = ++clock[self];

  auto check = [&](const TileRef &tile, bool write) -> bool {
    std::vector<Record> &list = records[tile.storage];
    auto [lo, hi] = boundingBytes(tile);
    for (const Record &r : list) {
      if (r.agent == self || (!write && !r.write) || r.hi <= lo || hi <= r.lo)
        continue;
      if (clock[r.agent] >= r.seq || !tilesOverlap(tile, r.tile))
        continue;
      InFlightDiagnostic diag = op->emitError()
          << "race: this " << (write ? "write" : "read") << " on "
          << pipeName(self) << (numCores > 1 ? " of core " + std::to_string(core) : "")
          << " overlaps a " << (r.write ? "write" : "read") << " on "
          << pipeName(r.agent)
          << (numCores > 1 ? " of core " + std::to_string(r.agent / kPipes) : "")
          << " that no flag or barrier orders before it";
      diag.attachNote(r.op->getLoc()) << "the other access";
      return false;
    }
    // Records this access supersedes: older, ordered before it, covered.
    llvm::erase_if(list, [&](const Record &r) {
      return clock[r.agent] >= r.seq && (write || !r.write) && lo <= r.lo &&
             r.hi <= hi && r.tile.strides == tile.strides &&
             r.tile.shape == tile.shape && r.tile.offset == tile.offset;
    });
    list.push_back({lo, hi, tile, self, seq, write, op});
    return true;
  };
  for (const TileRef *t : reads)
    if (!check(*t, false))
      return false;
  for (const TileRef *t : writes)
    if (!check(*t, true))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Between blocks
//===----------------------------------------------------------------------===//

bool GlobalMemoryTracker::conflicts(const SpanMap &spans, int64_t lo,
                                    int64_t hi, int64_t block, bool write,
                                    bool otherIsWrite, Operation *op) {
  auto it = spans.upper_bound(lo);
  if (it != spans.begin())
    --it;
  for (; it != spans.end() && it->first < hi; ++it) {
    if (it->second.hi <= lo || it->second.block == block)
      continue;
    InFlightDiagnostic diag = op->emitError()
        << "race between blocks: block " << block << " "
        << (write ? "writes" : "reads") << " GM bytes [" << std::max(lo, it->first)
        << ", " << std::min(hi, it->second.hi) << ") that block "
        << it->second.block << " " << (otherIsWrite ? "writes" : "reads")
        << "; blocks run in parallel with no ordering between them";
    diag.attachNote(it->second.op->getLoc()) << "the other block's access";
    return true;
  }
  return false;
}

void GlobalMemoryTracker::insert(SpanMap &spans, int64_t lo, int64_t hi,
                                 int64_t block, Operation *op) {
  // Merge with an adjacent or overlapping span of the same block so the map
  // stays as small as the block's footprint.
  auto it = spans.upper_bound(lo);
  if (it != spans.begin()) {
    auto prev = std::prev(it);
    if (prev->second.block == block && prev->second.hi >= lo) {
      lo = prev->first;
      hi = std::max(hi, prev->second.hi);
      it = spans.erase(prev);
    }
  }
  while (it != spans.end() && it->first <= hi && it->second.block == block) {
    hi = std::max(hi, it->second.hi);
    it = spans.erase(it);
  }
  spans[lo] = {hi, block, op};
}

bool GlobalMemoryTracker::access(int64_t block, const TileRef &tile, bool write,
                                 Operation *op) {
  SpanMap &myKind = (write ? writes : reads)[tile.storage];
  const SpanMap &theirWrites = writes[tile.storage];
  const SpanMap &theirReads = reads[tile.storage];
  for (auto [lo, hi] : rowRanges(tile)) {
    if (conflicts(theirWrites, lo, hi, block, write, true, op) ||
        (write && conflicts(theirReads, lo, hi, block, write, false, op)))
      return false;
    insert(myKind, lo, hi, block, op);
  }
  return true;
}
