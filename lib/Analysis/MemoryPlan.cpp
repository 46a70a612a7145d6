//===- MemoryPlan.cpp - offsets for on-chip buffers -----------------------===//
//
// Liveness-based placement of aicore.alloc buffers: a linear scan in order of
// live-range start with first fit, per space. ascend-plan-memory writes the
// offsets it finds; the lowering asks it how many bytes a tile's code needs
// at its high-water mark. See the pass description in Passes.td for the
// rules.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Analysis/MemoryPlan.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace mlir::aicore;

namespace {

/// A closed interval of program points.
struct Interval {
  int64_t start, end;
  bool meets(const Interval &other) const {
    return start <= other.end && other.start <= end;
  }
  void extend(const Interval &other) {
    start = std::min(start, other.start);
    end = std::max(end, other.end);
  }
};

/// Program points of a function: an op is entered at `pre` and left at
/// `post`; the ops of its regions lie in between, so an op's interval covers
/// everything nested in it.
class ProgramOrder {
public:
  explicit ProgramOrder(Operation *root) { number(root); }
  Interval span(Operation *op) const { return points.lookup(op); }
  Interval at(Operation *op) const {
    int64_t pre = points.lookup(op).start;
    return {pre, pre};
  }

private:
  void number(Operation *op) {
    int64_t pre = next++;
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (Operation &nested : block)
          number(&nested);
    points[op] = {pre, next++};
  }
  DenseMap<Operation *, Interval> points;
  int64_t next = 0;
};

/// One aicore.alloc and where it goes.
struct Buffer {
  AllocOp alloc;
  Interval live;
  int64_t tileBytes;
  int64_t bytes; ///< tileBytes rounded up to the space's alignment
  int64_t offset = 0;
  bool fixed = false;
  bool placed = false;

  int64_t endOffset() const { return offset + bytes; }
};

} // namespace

/// The outermost loop that holds `user` but not `def`: a buffer defined
/// outside a loop and used in it is live for every iteration.
static Operation *outermostLoopAround(Operation *user, Operation *def) {
  Operation *outermost = nullptr;
  for (Operation *p = user->getParentOp(); p && !p->isAncestor(def);
       p = p->getParentOp())
    if (isa<LoopLikeOpInterface>(p))
      outermost = p;
  return outermost;
}

/// Values that carry `op`'s memref into its results and region arguments:
/// a region op it enters, or the parent of a terminator it leaves by.
static void addCarriedValues(Operation *op, SetVector<Value> &values) {
  auto addIfMemRef = [&](Value v) {
    if (isa<BaseMemRefType>(v.getType()))
      values.insert(v);
  };
  for (Value result : op->getResults())
    addIfMemRef(result);
  for (Region &region : op->getRegions())
    for (Block &block : region)
      for (BlockArgument arg : block.getArguments())
        addIfMemRef(arg);
}

/// The live range of `alloc`: every use of its result and of every value
/// derived from it (view results, values carried through region ops).
static Interval computeLiveRange(AllocOp alloc, const ProgramOrder &order) {
  Operation *def = alloc;
  std::optional<Interval> live;
  auto extend = [&](Interval points) {
    if (live)
      live->extend(points);
    else
      live = points;
  };
  SetVector<Value> values;
  values.insert(alloc.getResult());
  // `values` grows while we walk it: derived values are visited too.
  for (size_t i = 0; i < values.size(); ++i) {
    for (Operation *user : values[i].getUsers()) {
      Operation *loop = outermostLoopAround(user, def);
      extend(loop ? order.span(loop) : order.at(user));
      Operation *carrier = nullptr;
      if (user->getNumRegions() > 0)
        carrier = user;
      else if (user->hasTrait<OpTrait::IsTerminator>() &&
               !isa<func::FuncOp>(user->getParentOp()))
        carrier = user->getParentOp();
      if (carrier) {
        // Carried across iterations: live for the whole loop.
        if (isa<LoopLikeOpInterface>(carrier))
          extend(order.span(carrier));
        addCarriedValues(carrier, values);
        continue;
      }
      // Views and any other op that returns a memref from this one.
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          values.insert(result);
    }
  }
  return live ? *live : order.at(def);
}

/// The bytes of `buffers` that are taken, as a sorted list of disjoint
/// [begin, end) ranges.
static SmallVector<std::pair<int64_t, int64_t>>
takenRanges(ArrayRef<const Buffer *> buffers) {
  SmallVector<std::pair<int64_t, int64_t>> ranges;
  for (const Buffer *b : buffers)
    ranges.push_back({b->offset, b->endOffset()});
  llvm::sort(ranges);
  SmallVector<std::pair<int64_t, int64_t>> merged;
  for (auto range : ranges) {
    if (!merged.empty() && range.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, range.second);
    else
      merged.push_back(range);
  }
  return merged;
}

/// The lowest offset (multiple of `alignment`) where `bytes` fit beside the
/// `taken` ranges within `capacity`; nullopt if there is none.
static std::optional<int64_t>
firstFit(ArrayRef<std::pair<int64_t, int64_t>> taken, int64_t bytes,
         int64_t alignment, int64_t capacity) {
  int64_t candidate = 0;
  for (auto [begin, end] : taken) {
    if (candidate + bytes <= begin)
      break;
    candidate = std::max(candidate,
                         static_cast<int64_t>(llvm::alignTo(end, alignment)));
  }
  if (candidate + bytes > capacity)
    return std::nullopt;
  return candidate;
}

/// The error for a buffer that fits nowhere while `live` hold their bytes.
static void emitDoesNotFit(const Buffer &buffer, ArrayRef<const Buffer *> live,
                           AddressSpace space, const TargetInfo &target) {
  StringRef spaceName = stringifyAddressSpace(space);
  int64_t capacity = target.buffer(space).bytes;
  SmallVector<std::pair<int64_t, int64_t>> taken = takenRanges(live);
  int64_t free = capacity, largestHole = 0, cursor = 0;
  for (auto [begin, end] : taken) {
    free -= end - begin;
    largestHole = std::max(largestHole, begin - cursor);
    cursor = end;
  }
  largestHole = std::max(largestHole, capacity - cursor);

  InFlightDiagnostic diag = buffer.alloc->emitOpError()
                            << "needs " << buffer.bytes << " bytes of "
                            << spaceName;
  if (buffer.bytes != buffer.tileBytes)
    diag << " (" << buffer.tileBytes << " rounded up to its "
         << target.buffer(space).alignment << "-byte alignment)";
  if (free < buffer.bytes)
    diag << " but only " << free << " of " << target.name << "'s " << capacity
         << " are free while it is live";
  else
    diag << "; " << free << " of " << target.name << "'s " << capacity
         << " are free while it is live, but the largest free range is "
         << largestHole << " bytes";
  if (!live.empty()) {
    diag << "; live buffers: ";
    llvm::interleaveComma(live, diag, [&](const Buffer *b) {
      diag << b->bytes << " bytes at " << b->offset;
    });
  }
  for (const Buffer *b : live)
    diag.attachNote(b->alloc->getLoc())
        << "live buffer: " << b->bytes << " bytes of " << spaceName
        << " at offset " << b->offset
        << (b->fixed ? " (fixed by its offset attribute)" : "");
}

/// The buffers placed or fixed whose live ranges meet `buffer`'s, by offset.
static SmallVector<const Buffer *> liveBeside(ArrayRef<Buffer> buffers,
                                              const Buffer &buffer) {
  SmallVector<const Buffer *> live;
  for (const Buffer &other : buffers)
    if ((other.fixed || other.placed) && other.live.meets(buffer.live))
      live.push_back(&other);
  llvm::stable_sort(live, [](const Buffer *a, const Buffer *b) {
    return a->offset < b->offset;
  });
  return live;
}

/// Places the buffers in `order`, each at the first aligned offset free of
/// the buffers placed or fixed whose ranges meet its. Returns the first
/// buffer that fits nowhere (nothing placed then), or null.
static Buffer *placeInOrder(MutableArrayRef<Buffer> buffers,
                            ArrayRef<Buffer *> order, int64_t alignment,
                            int64_t capacity) {
  for (Buffer *buffer : order) {
    std::optional<int64_t> offset =
        firstFit(takenRanges(liveBeside(buffers, *buffer)), buffer->bytes,
                 alignment, capacity);
    if (!offset) {
      for (Buffer *placed : order)
        placed->placed = false;
      return buffer;
    }
    buffer->offset = *offset;
    buffer->placed = true;
  }
  return nullptr;
}

/// Places the unfixed `buffers` of one space by a linear scan in order of
/// live-range start (larger first, then program order). When that leaves
/// a buffer no free range large enough (the free bytes fragmented by
/// smaller buffers placed first), the scan is retried larger buffers first,
/// which packs mixed sizes tighter; the error reports the first scan.
/// The program-order scan: unfixed buffers in order of live-range start
/// (larger first at equal starts; the index breaks the remaining ties).
static SmallVector<Buffer *> scanOrder(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &b : buffers)
    if (!b.fixed)
      order.push_back(&b);
  llvm::stable_sort(order, [](const Buffer *a, const Buffer *b) {
    if (a->live.start != b->live.start)
      return a->live.start < b->live.start;
    return a->bytes > b->bytes;
  });
  return order;
}

static LogicalResult planSpace(MutableArrayRef<Buffer> buffers,
                               AddressSpace space, const TargetInfo &target) {
  const BufferInfo &info = target.buffer(space);
  int64_t capacity = info.bytes;
  SmallVector<Buffer *> order = scanOrder(buffers);
  Buffer *failed = placeInOrder(buffers, order, info.alignment, capacity);
  if (!failed)
    return success();
  SmallVector<Buffer *> bySize(order);
  llvm::stable_sort(bySize, [](const Buffer *a, const Buffer *b) {
    return a->bytes > b->bytes;
  });
  if (!placeInOrder(buffers, bySize, info.alignment, capacity))
    return success();
  // Report the first scan's failure with what it had placed.
  placeInOrder(buffers, ArrayRef<Buffer *>(order).take_until([&](Buffer *b) {
    return b == failed;
  }),
               info.alignment, capacity);
  emitDoesNotFit(*failed, liveBeside(buffers, *failed), space, target);
  return failure();
}

/// The buffers under `root`, by space. Without `reuse` every buffer is live
/// for the whole of `root`.
static void collectBuffers(Operation *root, const TargetInfo &target,
                           bool reuse,
                           SmallVector<Buffer> (&bySpace)[kNumAddressSpaces]) {
  ProgramOrder order(root);
  root->walk([&](AllocOp alloc) {
    AddressSpace space = *getAddressSpace(alloc.getType());
    Buffer buffer;
    buffer.alloc = alloc;
    buffer.live = reuse ? computeLiveRange(alloc, order) : order.span(root);
    buffer.tileBytes = getTileBytes(alloc.getType());
    buffer.bytes =
        llvm::alignTo(buffer.tileBytes, target.buffer(space).alignment);
    if (std::optional<uint64_t> offset = alloc.getOffset()) {
      buffer.offset = *offset;
      buffer.fixed = true;
    }
    bySpace[static_cast<unsigned>(space)].push_back(buffer);
  });
  // The buffers of a ring take turns across iterations: live together.
  for (SmallVector<Buffer> &buffers : bySpace) {
    DenseMap<uint64_t, Interval> rings;
    for (Buffer &buffer : buffers)
      if (std::optional<uint64_t> ring = buffer.alloc.getRing()) {
        auto [it, inserted] = rings.try_emplace(*ring, buffer.live);
        it->second.extend(buffer.live);
      }
    for (Buffer &buffer : buffers)
      if (std::optional<uint64_t> ring = buffer.alloc.getRing())
        buffer.live = rings.lookup(*ring);
  }
}

LogicalResult mlir::aicore::planMemory(Operation *root,
                                       const TargetInfo &target, bool reuse) {
  // A space belongs to one core type on split targets (the verifier keeps
  // L1/L0* out of vector regions and UB out of cube regions), so planning
  // per space never mixes the cube core's buffers with the vector cores',
  // and buffers outside the regions share their space with the region of
  // the core that runs them.
  SmallVector<Buffer> bySpace[kNumAddressSpaces];
  collectBuffers(root, target, reuse, bySpace);
  for (unsigned s = 0; s < kNumAddressSpaces; ++s)
    if (failed(planSpace(bySpace[s], static_cast<AddressSpace>(s), target)))
      return failure();
  // Offsets are written only once every space fits, so a failed plan
  // leaves the IR as it was.
  Builder builder(root->getContext());
  for (MutableArrayRef<Buffer> buffers : bySpace)
    for (Buffer &b : buffers)
      if (b.placed)
        b.alloc.setOffsetAttr(builder.getI64IntegerAttr(b.offset));
  return success();
}

int64_t mlir::aicore::plannedPeakBytes(Operation *root, AddressSpace space,
                                       const TargetInfo &target, bool reuse) {
  SmallVector<Buffer> bySpace[kNumAddressSpaces];
  collectBuffers(root, target, reuse, bySpace);
  MutableArrayRef<Buffer> buffers = bySpace[static_cast<unsigned>(space)];
  placeInOrder(buffers, scanOrder(buffers), target.buffer(space).alignment,
               std::numeric_limits<int64_t>::max());
  int64_t peak = 0;
  for (const Buffer &b : buffers)
    peak = std::max(peak, b.endOffset());
  return peak;
}
