//===- Targets.cpp - the SoC descriptions --------------------------------===//
//
// Sources (see ../shared/reference/ascend-hardware.md for the quotes):
//  [spec]  AscendNPU-IR include/bishengir/Dialect/HACC/Targets/NPUTargetSpec.td
//  [ini]   CANN Ascend910B2.ini as quoted in public notes
//  [pto]   hw-native-sys/pto-isa include/pto/costmodel/arch_config.hpp and
//          a2a3/cce_costmodel (calibrated at 1.85 GHz; B/cycle derived from GiB/s)
//  [hiv]   AscendNPU-IR HIVMAttrs.td (pipes, 8 event ids per pipe pair)
//  [tri]   triton-ascend docs/en/debug_guide/profiling.md (HBM ~1.6 TB/s)
//  [hc19]  HotChips 2019 DaVinci talk (4096 f16 MAC, 8192 i8 MAC, 2048-bit vector)
//  [710]   CANN graph-engine unit-test fixture "Ascend710" (310P, secondary)
// Where sources disagree the choice is explained next to the number.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Target/TargetInfo.h"

using namespace mlir::aicore;

namespace {
using AS = AddressSpace;

// K (bytes) of pto-isa's fit bw(B) = peak * B / (K + B) for GM->UB [pto]; we
// apply the same K to every GM path until a better per-path fit exists.
constexpr double kGmHalfPeak = 30643;

//===----------------------------------------------------------------------===//
// Ascend 910B (split: 1 cube core + 2 vector cores per block)
//===----------------------------------------------------------------------===//

// Per-core path bandwidths from [pto] (calibrated model). [ini] has higher
// L1->L0A/L0B figures (512/256); we keep [pto] because it was fitted to
// measured kernels. UB->UB copies run on the vector pipe.
const PathInfo k910BPaths[] = {
    {AS::gm, AS::l1, Pipe::mte2, 78.4, kGmHalfPeak},
    {AS::gm, AS::ub, Pipe::mte2, 58.6, kGmHalfPeak},
    {AS::ub, AS::gm, Pipe::mte3, 109.4, kGmHalfPeak},
    {AS::l1, AS::gm, Pipe::mte3, 18.6, kGmHalfPeak},
    {AS::l1, AS::l0a, Pipe::mte1, 256, 0},
    {AS::l1, AS::l0b, Pipe::mte1, 128, 0},
    {AS::ub, AS::ub, Pipe::v, 594, 0},
    {AS::l0c, AS::gm, Pipe::fix, 40.6, kGmHalfPeak},
    {AS::l0c, AS::l1, Pipe::fix, 74.3, 0},
};

// [pto] a2a3/cce_costmodel: head, per repeat, tail cycles.
const VectorCost k910BVectorCosts[] = {
    {"vadd", 10, 2, 14}, {"vadds", 13, 1, 18}, {"vmul", 10, 2, 15},
    {"vexp", 13, 2, 18}, {"vdiv", 11, 4, 19},  {"vconv", 14, 2, 18},
    {"vcadd", 14, 7, 32},
};

constexpr BufferInfo k910BBuffers[kNumAddressSpaces] = {
    /*gm*/ {0, 1},
    /*l1*/ {512 * 1024, 32},  // [spec], catlass atlasA2_hardware_info
    /*l0a*/ {64 * 1024, 512}, // [spec]
    /*l0b*/ {64 * 1024, 512}, // [spec]
    /*l0c*/ {128 * 1024, 512}, // [spec]
    // [spec] and [ini] ub_size=196608; one AscendNPU-IR doc says 256 KB, the
    // target spec and the ini agree on 192 KB.
    /*ub*/ {192 * 1024, 32},
};

TargetInfo make910B(llvm::StringLiteral name, unsigned blocks, double mhz) {
  TargetInfo t{name, CoreArch::davC220};
  t.split = true;
  t.numBlocks = blocks;
  t.vectorCoresPerBlock = 2; // Ascend C docs; AscendNPU-IR CVOptimization.md
  t.clockMHz = mhz;
  for (unsigned i = 0; i < kNumAddressSpaces; ++i)
    t.buffers[i] = k910BBuffers[i];
  t.paths = k910BPaths;
  // [tri] ~1.6 TB/s (other docs: 1.5 and 1.8 TB/s); the middle figure.
  t.gmBytesPerCycle = 1.6e12 / (mhz * 1e6);
  // [ini] l2_size 192 MB; L2 read rate 110 B/cycle per core. 910B4 keeps the
  // 910B2 figures (no separate source).
  t.l2Bytes = 192ll * 1024 * 1024;
  t.l2ReadBytesPerCycle = 110;
  t.cubeF16 = {16, 16, 16, 1}; // [ini] DtypeMKN, [hc19] 4096 MAC/cycle
  t.cubeI8 = {16, 32, 16, 1};  // [hc19] 8192 MAC/cycle
  t.cubeI4 = {16, 64, 16, 1};  // [ini] DtypeMKN
  t.cubeF32 = {16, 8, 16, 2};  // [pto] cce_costmodel_cube.hpp
  t.mmadHeadCycles = 6;        // [pto] a2a3 cce_costmodel
  t.vectorBytesPerRepeat = 256; // [pto] formula_params.csv, [hc19]
  t.vectorCosts = k910BVectorCosts;
  // No public figure for flag latency or scalar issue; assumed, to be
  // calibrated against the measured kernels (docs/CycleModel.md).
  t.syncLatencyCycles = 20;
  t.scalarCyclesPerOp = 1;
  // Ascend C best practices: 32 B-aligned GM reaches ~70% of 512 B-aligned;
  // unaligned is assumed to halve the bandwidth.
  t.gmAlign32Efficiency = 0.7;
  t.gmUnalignedEfficiency = 0.5;
  t.numEventIds = 8;            // [hiv] EVENT_ID0..7
  // Ascend C CrossCoreSetFlag: 16 flag ids per core (0..15, a 4-bit field
  // in the FFTS message), each a counter of range 0..15; a set beyond 15
  // pending aborts (CANN 8.5 docs) or freezes the chip (catlass
  // arch/cross_core_sync.hpp). docs/CycleModel.md, "Hazard checker".
  t.numCrossCoreFlags = 16;
  t.maxCrossCoreFlagCount = 15;
  return t;
}

// 910B2: 24 blocks / 48 vector cores [spec]; 1800 MHz [ini] cube_freq.
// (A3 boards run at 1850 MHz [pto]; we model the 910B2 card.)
const TargetInfo k910B2 = make910B("Ascend910B2", 24, 1800);
// 910B4: 20 blocks / 40 vector cores [spec]; 1500 MHz (reference table).
// No separate HBM figure in our sources: the 910B2 figure is kept.
const TargetInfo k910B4 = make910B("Ascend910B4", 20, 1500);

//===----------------------------------------------------------------------===//
// Ascend 310P (coupled: cube and vector in one core) - secondary sources [710]
//===----------------------------------------------------------------------===//

// DDR 17 B/cycle per core [710]. L0C results reach UB through the vector
// pipe (no fixpipe unit on this generation); L0C->UB 128 B/cycle [ini].
// L1<->UB have no public figure: assumed equal to L0C->UB.
const PathInfo k310PPaths[] = {
    {AS::gm, AS::l1, Pipe::mte2, 17, kGmHalfPeak},
    {AS::gm, AS::ub, Pipe::mte2, 17, kGmHalfPeak},
    {AS::ub, AS::gm, Pipe::mte3, 17, kGmHalfPeak},
    {AS::l1, AS::gm, Pipe::mte3, 17, kGmHalfPeak},
    {AS::l1, AS::l0a, Pipe::mte1, 512, 0},
    {AS::l1, AS::l0b, Pipe::mte1, 256, 0},
    {AS::l1, AS::ub, Pipe::mte1, 128, 0},
    {AS::ub, AS::l1, Pipe::mte3, 128, 0},
    {AS::ub, AS::ub, Pipe::v, 256, 0},
    {AS::l0c, AS::ub, Pipe::v, 128, 0},
};

TargetInfo make310P() {
  TargetInfo t{"Ascend310P", CoreArch::davM200};
  t.split = false;
  t.numBlocks = 8; // 8 AI cores [710]
  t.vectorCoresPerBlock = 1;
  // Cube runs at 1060 MHz and vector at 1000 MHz [710]; one clock per target,
  // so we take the vector clock (the slower one bounds mixed kernels).
  t.clockMHz = 1000;
  t.buffers[static_cast<unsigned>(AS::gm)] = {0, 1};
  t.buffers[static_cast<unsigned>(AS::l1)] = {1024 * 1024, 32};
  t.buffers[static_cast<unsigned>(AS::l0a)] = {64 * 1024, 512};
  t.buffers[static_cast<unsigned>(AS::l0b)] = {64 * 1024, 512};
  t.buffers[static_cast<unsigned>(AS::l0c)] = {256 * 1024, 512};
  t.buffers[static_cast<unsigned>(AS::ub)] = {256 * 1024, 32};
  t.paths = k310PPaths;
  t.gmBytesPerCycle = 8 * 17; // derived: 8 cores x DDR 17 B/cycle [710]
  t.l2Bytes = 16ll * 1024 * 1024; // [710] L2 16 MB, 114 B/cycle
  t.l2ReadBytesPerCycle = 114;
  t.cubeF16 = {16, 16, 16, 1};
  t.cubeI8 = {16, 32, 16, 1};
  t.cubeI4 = {16, 64, 16, 1};
  t.cubeF32 = {16, 8, 16, 2};
  t.mmadHeadCycles = 6;
  t.vectorBytesPerRepeat = 256;
  // The 910B latency table, assumed for 310P's vector unit too (no source).
  t.vectorCosts = k910BVectorCosts;
  t.syncLatencyCycles = 20;
  t.scalarCyclesPerOp = 1;
  t.gmAlign32Efficiency = 0.7;
  t.gmUnalignedEfficiency = 0.5;
  t.numEventIds = 8;
  t.numCrossCoreFlags = 0; // coupled: no cross-core flags
  t.maxCrossCoreFlagCount = 0;
  return t;
}
const TargetInfo k310P = make310P();

const TargetInfo *const kTargets[] = {&k910B2, &k910B4, &k310P};
} // namespace

const PathInfo *TargetInfo::findPath(AddressSpace src, AddressSpace dst) const {
  for (const PathInfo &p : paths)
    if (p.src == src && p.dst == dst)
      return &p;
  return nullptr;
}

const VectorCost *TargetInfo::findVectorCost(llvm::StringRef instruction) const {
  for (const VectorCost &c : vectorCosts)
    if (c.instruction == instruction)
      return &c;
  return nullptr;
}

const TargetInfo *mlir::aicore::lookupTarget(llvm::StringRef name) {
  for (const TargetInfo *t : kTargets)
    if (t->name == name)
      return t;
  return nullptr;
}

const TargetInfo &mlir::aicore::getDefaultTarget() { return k910B2; }

llvm::ArrayRef<const TargetInfo *> mlir::aicore::getKnownTargets() {
  return kTargets;
}

std::string mlir::aicore::getKnownTargetNames() {
  std::string names;
  for (const TargetInfo *t : kTargets) {
    if (!names.empty())
      names += ", ";
    names += t->name.str();
  }
  return names;
}
