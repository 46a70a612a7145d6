//===- CostModel.cpp - cycles of one tile instruction ---------------------===//
//
// Formulas and constants: docs/CycleModel.md; numbers: lib/Target/Targets.cpp.
//
//===----------------------------------------------------------------------===//

#include "CostModel.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ascend::runtime;
using aicore::AddressSpace;
using aicore::TargetInfo;

StringRef mlir::ascend::runtime::getVectorInstruction(Operation *op) {
  // The pto-isa table has vadd, vadds, vmul, vexp, vdiv, vconv and vcadd.
  // Ops of the same ALU class borrow their cost (e.g. sub/max/min from vadd,
  // the other transcendentals from vexp); transpose and gather have no
  // measured cost and stay unsupported.
  return llvm::TypeSwitch<Operation *, StringRef>(op)
      .Case<vec::AddOp, vec::SubOp, vec::MaxOp, vec::MinOp, vec::AbsOp,
            vec::ReluOp, vec::CompareOp, vec::SelectOp>(
          [](auto) { return "vadd"; })
      .Case<vec::MulOp>([](auto) { return "vmul"; })
      .Case<vec::DivOp>([](auto) { return "vdiv"; })
      .Case<vec::AddsOp, vec::SubsOp, vec::MulsOp, vec::DivsOp, vec::MaxsOp,
            vec::MinsOp, vec::FillOp, vec::CopyOp, vec::BroadcastOp>(
          [](auto) { return "vadds"; })
      .Case<vec::ExpOp, vec::LnOp, vec::SqrtOp, vec::RsqrtOp,
            vec::ReciprocalOp>([](auto) { return "vexp"; })
      .Case<vec::CastOp>([](auto) { return "vconv"; })
      .Case<vec::ReduceRowsOp, vec::ReduceColsOp>([](auto) { return "vcadd"; })
      .Default([](Operation *) { return ""; });
}

static int64_t bytesOf(const TileRef &t) {
  return (t.numElements() * t.bits + 7) / 8;
}

/// The cost of moving `bytes` over `path`, `fromHBM` of them to or from
/// HBM. GM paths follow pto-isa's fit bw(B) = peak * B / (K + B), read as a
/// start-up of K / peak cycles plus B / peak, with the peak scaled by GM
/// alignment; bytes served by L2 run at most at the core's L2 read rate,
/// HBM bytes at the path's rate when HBM has room (HbmTimeline).
static OpCost transferCost(const aicore::PathInfo &path, int64_t bytes,
                           int64_t fromHBM, int64_t gmByteOffset,
                           const TargetInfo &target) {
  OpCost cost;
  bool touchesGM = path.src == AddressSpace::gm || path.dst == AddressSpace::gm;
  if (!touchesGM) {
    cost.cycles =
        (path.halfPeakBytes + static_cast<double>(bytes)) / path.bytesPerCycle;
    return cost;
  }
  double efficiency = 1;
  if (gmByteOffset % 512 != 0)
    efficiency = gmByteOffset % 32 == 0 ? target.gmAlign32Efficiency
                                        : target.gmUnalignedEfficiency;
  double peak = efficiency * path.bytesPerCycle;
  double l2Peak =
      efficiency * std::min(path.bytesPerCycle, target.l2ReadBytesPerCycle);
  int64_t fromL2 = bytes - fromHBM;
  // The start-up cost goes with the slower part of the transfer.
  double startPeak = fromHBM > 0 ? peak : l2Peak;
  cost.cycles = path.halfPeakBytes / startPeak + fromL2 / l2Peak;
  cost.hbmTimedBytes = fromHBM;
  cost.hbmPeak = peak;
  return cost;
}

static int64_t gmOffsetBytes(const TileRef &t) { return t.offset * t.bits / 8; }

// pto-isa arch_config.hpp L1_FILL (create_cbuf_matrix, i.e. InitConstValue
// into L1): 32 GiB/s at 1.85 GHz. Target-independent until a target table
// carries it.
constexpr double kL1FillBytesPerCycle = 32.0 * (1 << 30) / 1.85e9;

/// Cycles to zero the padding rows of an `mte.copy pad`. The nd -> nz engine
/// writes whole 32-byte blocks, so padded columns of the src rows cost
/// nothing beyond the src bytes (pto-isa costs nd2nz by nValue x dValue);
/// the padding rows below them are an L1 fill.
static double padFillCycles(const TileRef &src, const TileRef &dst) {
  int64_t rows = dst.shape[0] - src.shape[0];
  return static_cast<double>(rows * dst.shape[1] * dst.bits / 8) /
         kL1FillBytesPerCycle;
}

std::optional<OpCost> mlir::ascend::runtime::estimateCost(
    Operation *op, Lookup lookup, const TargetInfo &target, L2Cache *l2) {
  // HBM bytes an access of GM view `t` causes: the L2 lines a read misses;
  // writes pass through L2 too (later reads of them hit) and reach HBM.
  auto hbmBytes = [&](const TileRef &t, bool read) -> int64_t {
    int64_t missed = l2 ? l2->touch(t) : bytesOf(t);
    return read ? missed : bytesOf(t);
  };
  auto tile = [&](Value v) -> const TileRef & {
    return std::get<TileRef>(lookup(v));
  };
  OpCost cost;
  if (auto copy = dyn_cast<mte::CopyOp>(op)) {
    const TileRef &src = tile(copy.getSrc()), &dst = tile(copy.getDst());
    auto srcSpace = *aicore::getAddressSpace(copy.getSrc().getType());
    auto dstSpace = *aicore::getAddressSpace(copy.getDst().getType());
    const aicore::PathInfo *path = target.findPath(srcSpace, dstSpace);
    if (!path)
      return std::nullopt;
    int64_t bytes = bytesOf(src);
    bool fromGM = srcSpace == AddressSpace::gm, toGM = dstSpace == AddressSpace::gm;
    int64_t gmOffset = fromGM ? gmOffsetBytes(src) : toGM ? gmOffsetBytes(dst) : 0;
    int64_t hbm = fromGM ? hbmBytes(src, /*read=*/true)
                  : toGM ? hbmBytes(dst, /*read=*/false)
                         : 0;
    // The transfer waits for its missed lines at HBM speed (at most its
    // own bytes; the rest of a line is traffic the model counts, not time).
    cost = transferCost(*path, bytes,
                        fromGM ? std::min<int64_t>(hbm, bytes) : bytes,
                        gmOffset, target);
    if (copy.getPad())
      cost.cycles += padFillCycles(src, dst);
    cost.gmBytes = fromGM || toGM ? bytes : 0;
    cost.hbmBytes = hbm;
    return cost;
  }
  if (auto fixpipe = dyn_cast<mte::FixpipeOp>(op)) {
    const TileRef &dst = tile(fixpipe.getDst());
    auto dstSpace = *aicore::getAddressSpace(fixpipe.getDst().getType());
    const aicore::PathInfo *path = target.findPath(AddressSpace::l0c, dstSpace);
    if (!path)
      return std::nullopt;
    bool toGM = dstSpace == AddressSpace::gm;
    int64_t bytes = bytesOf(dst);
    cost = transferCost(*path, bytes, bytes, toGM ? gmOffsetBytes(dst) : 0,
                        target);
    cost.gmBytes = toGM ? bytes : 0;
    cost.hbmBytes = toGM ? hbmBytes(dst, /*read=*/false) : 0;
    return cost;
  }
  if (auto mmad = dyn_cast<cube::MmadOp>(op)) {
    const TileRef &a = tile(mmad.getA()), &c = tile(mmad.getC());
    const aicore::CubeRate *rate = aicore::getCubeRate(target, a.elementType);
    if (!rate)
      return std::nullopt;
    int64_t m = c.shape[0], n = c.shape[1];
    int64_t k = mmad.getTransposeA() ? a.shape[0] : a.shape[1];
    auto ceilDiv = [](int64_t x, int64_t y) { return (x + y - 1) / y; };
    double fractals = static_cast<double>(ceilDiv(m, rate->m0)) *
                      ceilDiv(k, rate->k0) * ceilDiv(n, rate->n0);
    cost.cycles = target.mmadHeadCycles + fractals * rate->cyclesPerFractal;
    cost.cubeFlops = 2.0 * m * n * k;
    return cost;
  }
  StringRef instruction = getVectorInstruction(op);
  const aicore::VectorCost *vc =
      instruction.empty() ? nullptr : target.findVectorCost(instruction);
  if (!vc)
    return std::nullopt;
  // A repeat processes vectorBytesPerRepeat bytes of the widest operand.
  int64_t widest = 0, elements = 0;
  for (Value v : op->getOperands())
    if (const auto *t = std::get_if<TileRef>(&lookup(v))) {
      widest = std::max(widest, bytesOf(*t));
      elements = std::max(elements, t->numElements());
    }
  double repeats = std::ceil(static_cast<double>(widest) /
                             target.vectorBytesPerRepeat);
  cost.cycles = vc->head + repeats * vc->perRepeat + vc->tail;
  bool arithmetic = !isa<vec::FillOp, vec::CopyOp, vec::BroadcastOp,
                         vec::SelectOp, vec::CastOp>(op);
  cost.vectorFlops = arithmetic ? static_cast<double>(elements) : 0;
  return cost;
}
