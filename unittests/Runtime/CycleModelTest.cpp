//===- CycleModelTest.cpp - the cycle model against hand-computed times --===//
//
// Each expected number below is worked out by hand from docs/CycleModel.md
// and the Ascend910B2 table (lib/Target/Targets.cpp), so a change to either
// shows up here.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Support/Registration.h"
#include "AscendDialect/Runtime/Interpreter.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::ascend::runtime;
using aicore::CoreType;
using aicore::Pipe;

namespace {

struct Timed {
  LogicalResult result = failure();
  TimingReport report;
};

/// Runs the only kernel of `source` on zero-filled arguments, timing only.
Timed time(const std::string &source) {
  DialectRegistry registry;
  ascend::registerAllDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  EXPECT_TRUE(module);
  Timed timed;
  if (!module)
    return timed;
  func::FuncOp kernel = *module->getOps<func::FuncOp>().begin();
  std::vector<GlobalBuffer> args;
  for (Type t : kernel.getArgumentTypes())
    args.push_back({std::vector<uint8_t>(getBufferBytes(cast<MemRefType>(t)))});
  RunOptions options;
  options.computeValues = false;
  timed.result = runKernel(kernel, args, options, nullptr, &timed.report);
  return timed;
}

constexpr double kSync = 20;         // syncLatencyCycles
constexpr double kGmHalfPeak = 30643; // pto-isa fit K

TEST(CycleModel, LoadComputeStore) {
  Timed t = time(R"(
    func.func @k(%g: memref<4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
      %u = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      %w = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      mte.copy %g, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      aicore.set_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte2> -> <v> event 0
      vec.exp %u, %w : memref<4096xf16, #aicore.space<ub>>
      aicore.set_flag <v> -> <mte3> event 0
      aicore.wait_flag <v> -> <mte3> event 0
      mte.copy %w, %g : memref<4096xf16, #aicore.space<ub>>, memref<4096xf16, #aicore.space<gm>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  const TimingReport &r = t.report;
  // GM -> UB: (K + 8192 B) / 58.6 B/cycle, issued at cycle 3 (two allocs
  // and its own issue on S).
  double load = (kGmHalfPeak + 8192) / 58.6;
  // vexp: head 13 + 32 repeats of 256 B x 2 + tail 18.
  double exp = 13 + 32 * 2 + 18;
  double store = (kGmHalfPeak + 8192) / 109.4;
  double loadEnd = 3 + load;
  double expEnd = loadEnd + kSync + exp;
  double storeEnd = expEnd + kSync + store;
  EXPECT_NEAR(r.totalCycles, storeEnd, 1e-6);
  EXPECT_NEAR(r.busy[1][static_cast<unsigned>(Pipe::mte2)], load, 1e-6);
  EXPECT_NEAR(r.busy[1][static_cast<unsigned>(Pipe::v)], exp, 1e-6);
  EXPECT_NEAR(r.busy[1][static_cast<unsigned>(Pipe::mte3)], store, 1e-6);
  EXPECT_EQ(r.busy[1][static_cast<unsigned>(Pipe::s)], 9); // 2 allocs, 3 issues, 4 flags
  EXPECT_EQ(r.vectorCores, 1u);
  EXPECT_EQ(r.cubeCores, 0u);
  EXPECT_EQ(r.gmBytes, 2 * 8192);
  EXPECT_EQ(r.vectorFlops, 4096);
  EXPECT_NEAR(r.microseconds(), storeEnd / 1800, 1e-9);
}

TEST(CycleModel, PipesOverlapWithoutFlags) {
  // Two independent copies on different pipes run in parallel: the total is
  // the longer one, not the sum.
  Timed t = time(R"(
    func.func @k(%a: memref<4096xf16, #aicore.space<gm>>, %b: memref<4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
      %u = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      %w = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      mte.copy %a, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      mte.copy %w, %b : memref<4096xf16, #aicore.space<ub>>, memref<4096xf16, #aicore.space<gm>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  EXPECT_NEAR(t.report.totalCycles, 3 + (kGmHalfPeak + 8192) / 58.6, 1e-6);
}

TEST(CycleModel, BarrierSerialises) {
  Timed t = time(R"(
    func.func @k(%a: memref<4096xf16, #aicore.space<gm>>, %b: memref<4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
      %u = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      %w = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      mte.copy %a, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      aicore.pipe_barrier <all>
      mte.copy %w, %b : memref<4096xf16, #aicore.space<ub>>, memref<4096xf16, #aicore.space<gm>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  double load = (kGmHalfPeak + 8192) / 58.6;
  double store = (kGmHalfPeak + 8192) / 109.4;
  // The barrier costs its issue cycle; the store issues after the load ends.
  EXPECT_NEAR(t.report.totalCycles, 3 + load + 1 + store, 1e-6);
}

/// A cube-only kernel: one 64x64x64 f16 mmad per block.
std::string mmadKernel(int blockDim) {
  return R"(
    func.func @k(%g: memref<64x64xf32, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = )" +
         std::to_string(blockDim) + R"(>} {
      %a = aicore.alloc : memref<64x64xf16, #aicore.space<l0a>>
      %b = aicore.alloc : memref<64x64xf16, #aicore.space<l0b>>
      %c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      cube.mmad %a, %b, %c : memref<64x64xf16, #aicore.space<l0a>>, memref<64x64xf16, #aicore.space<l0b>>, memref<64x64xf32, #aicore.space<l0c>>
      return
    })";
}

TEST(CycleModel, MmadCostsFractals) {
  Timed t = time(mmadKernel(1));
  ASSERT_TRUE(succeeded(t.result));
  // 6 cycles head + (64/16)^3 = 64 fractals, one cycle each.
  EXPECT_EQ(t.report.busy[0][static_cast<unsigned>(Pipe::m)], 70);
  EXPECT_EQ(t.report.cubeFlops, 2.0 * 64 * 64 * 64);
  EXPECT_EQ(t.report.cubeCores, 1u);
  // 24 cubes x 4096 MAC x 2 FLOP per cycle.
  EXPECT_EQ(t.report.peakCubeFlopsPerCycle, 24.0 * 4096 * 2);
}

TEST(CycleModel, CoresShareHBM) {
  // 48 vector cores load their own 8 KB at once: together they ask for
  // 48 x 58.6 B/cycle, more than HBM's 1.6 TB/s / 1.8 GHz = 888.9 B/cycle.
  // Bookings are first come, first served (block 0 first), so the last
  // transfers wait for room and then run at their own rate: the kernel ends
  // after all 48 x 8 KB went through HBM, and at most one transfer's time
  // at 58.6 B/cycle later.
  Timed t = time(R"(
    func.func @k(%g: memref<48x4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 48>} {
      %b = aicore.block_idx
      %u = aicore.alloc : memref<1x4096xf16, #aicore.space<ub>>
      %s = memref.subview %g[%b, 0] [1, 4096] [1, 1] : memref<48x4096xf16, #aicore.space<gm>> to memref<1x4096xf16, strided<[4096, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %s, %u : memref<1x4096xf16, strided<[4096, 1], offset: ?>, #aicore.space<gm>>, memref<1x4096xf16, #aicore.space<ub>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  double hbm = 1.6e12 / 1.8e9;
  EXPECT_EQ(t.report.vectorCores, 48u);
  // block_idx, alloc, subview, issue on S; then the start-up, then HBM.
  double lone = 4 + (kGmHalfPeak + 8192) / 58.6;
  double shared = 4 + kGmHalfPeak / 58.6 + 48 * 8192 / hbm;
  EXPECT_GT(t.report.totalCycles, lone);
  EXPECT_GE(t.report.totalCycles, shared);
  EXPECT_LE(t.report.totalCycles, shared + 8192 / 58.6);
  EXPECT_EQ(t.report.hbmBytes, 48 * 8192);
}

TEST(CycleModel, L2ServesRereads) {
  // Every block loads the same 8 KB twice. Only block 0's first load
  // misses L2 and uses HBM (alone, at the path's 58.6 B/cycle); every
  // other load is served by L2 at the path's rate too (below L2's 110 per
  // core), so no block waits for HBM bandwidth.
  Timed t = time(R"(
    func.func @k(%g: memref<4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 48>} {
      %u = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      %w = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      mte.copy %g, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      mte.copy %g, %w : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  double load = (kGmHalfPeak + 8192) / 58.6;
  EXPECT_NEAR(t.report.totalCycles, 3 + 2 * load, 1e-6);
  EXPECT_EQ(t.report.gmBytes, 48 * 2 * 8192);
  EXPECT_EQ(t.report.hbmBytes, 8192);
}

TEST(CycleModel, L2EvictsLeastRecentlyUsed) {
  // Ascend310P's L2 holds 16 MB: after 8 KB of %x and 16 MB of %y, %x is
  // the least recently used and is read from HBM again.
  Timed t = time(R"(
    module attributes {aicore.target = #aicore.target<"Ascend310P">} {
    func.func @k(%x: memref<4096xf16, #aicore.space<gm>>, %y: memref<8388608xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
      %c0 = arith.constant 0 : index
      %c4096 = arith.constant 4096 : index
      %c8388608 = arith.constant 8388608 : index
      %u = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
      mte.copy %x, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      scf.for %i = %c0 to %c8388608 step %c4096 {
        %s = memref.subview %y[%i] [4096] [1] : memref<8388608xf16, #aicore.space<gm>> to memref<4096xf16, strided<[1], offset: ?>, #aicore.space<gm>>
        mte.copy %s, %u : memref<4096xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      }
      mte.copy %x, %u : memref<4096xf16, #aicore.space<gm>>, memref<4096xf16, #aicore.space<ub>>
      return
    }
    })");
  ASSERT_TRUE(succeeded(t.result));
  EXPECT_EQ(t.report.hbmBytes, 2 * 8192 + 16 * 1024 * 1024);
}

TEST(CycleModel, BlocksBeyondTheCoresRunInWaves) {
  // 24 blocks fill the 24 cube cores once; 48 take two waves.
  Timed one = time(mmadKernel(24));
  Timed two = time(mmadKernel(48));
  ASSERT_TRUE(succeeded(one.result) && succeeded(two.result));
  EXPECT_EQ(one.report.totalCycles, 4 + 70);
  EXPECT_EQ(two.report.totalCycles, 2 * (4 + 70));
}

TEST(CycleModel, UncostedOpsAreReportedNotZero) {
  Timed t = time(R"(
    func.func @k(%g: memref<16xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
      %a = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
      %b = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
      vec.transpose %a, %b : memref<16x16xf16, #aicore.space<ub>>, memref<16x16xf16, #aicore.space<ub>>
      return
    })");
  ASSERT_TRUE(succeeded(t.result));
  ASSERT_EQ(t.report.unsupported.size(), 1u);
  EXPECT_EQ(t.report.unsupported.at("vec.transpose"), 1u);
  EXPECT_EQ(t.report.busy[1][static_cast<unsigned>(Pipe::v)], 0);
}

} // namespace
