//===- TargetInfoTest.cpp - the SoC tables --------------------------------===//
//
// Checks the target tables against the sources they cite
// (../shared/reference/ascend-hardware.md) and against each other.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Target/TargetInfo.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::aicore;

namespace {

TEST(TargetInfo, LookupByName) {
  for (const char *name : {"Ascend910B2", "Ascend910B4", "Ascend310P"}) {
    const TargetInfo *t = lookupTarget(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_EQ(t->name, name);
  }
  EXPECT_EQ(lookupTarget("Ascend910"), nullptr);
  EXPECT_EQ(lookupTarget(""), nullptr);
  EXPECT_EQ(&getDefaultTarget(), lookupTarget("Ascend910B2"));
  EXPECT_EQ(getKnownTargetNames(), "Ascend910B2, Ascend910B4, Ascend310P");
}

TEST(TargetInfo, Ascend910B2Table) {
  const TargetInfo &t = *lookupTarget("Ascend910B2");
  EXPECT_TRUE(t.split);
  EXPECT_EQ(t.numBlocks, 24u);
  EXPECT_EQ(t.vectorCoresPerBlock, 2u);
  EXPECT_DOUBLE_EQ(t.clockMHz, 1800);
  EXPECT_EQ(t.buffer(AddressSpace::ub).bytes, 196608u);
  EXPECT_EQ(t.buffer(AddressSpace::l1).bytes, 512u * 1024);
  EXPECT_EQ(t.buffer(AddressSpace::l0a).bytes, 64u * 1024);
  EXPECT_EQ(t.buffer(AddressSpace::l0b).bytes, 64u * 1024);
  EXPECT_EQ(t.buffer(AddressSpace::l0c).bytes, 128u * 1024);
  EXPECT_EQ(t.buffer(AddressSpace::gm).bytes, 0u) << "GM is unbounded";
  EXPECT_EQ(t.numEventIds, 8u);
  // Peak f16 = blocks x MACs per cycle x 2 x clock = 353.9 TFLOP/s.
  double macs = t.cubeF16.m0 * t.cubeF16.k0 * t.cubeF16.n0;
  EXPECT_NEAR(t.numBlocks * macs * 2 * t.clockMHz * 1e6 / 1e12, 353.9, 0.1);
}

TEST(TargetInfo, AlignmentsFollowTheSpaces) {
  for (const TargetInfo *t : getKnownTargets()) {
    for (AddressSpace s : {AddressSpace::ub, AddressSpace::l1})
      EXPECT_EQ(t->buffer(s).alignment, 32u) << t->name.str();
    for (AddressSpace s : {AddressSpace::l0a, AddressSpace::l0b, AddressSpace::l0c})
      EXPECT_EQ(t->buffer(s).alignment, 512u) << t->name.str();
  }
}

TEST(TargetInfo, PathsDependOnTopology) {
  const TargetInfo &split = *lookupTarget("Ascend910B2");
  const TargetInfo &coupled = *lookupTarget("Ascend310P");
  EXPECT_FALSE(coupled.split);
  // Split: L1 and UB are in different cores, cube results reach UB via GM.
  EXPECT_EQ(split.findPath(AddressSpace::l1, AddressSpace::ub), nullptr);
  EXPECT_EQ(split.findPath(AddressSpace::ub, AddressSpace::l1), nullptr);
  EXPECT_EQ(split.findPath(AddressSpace::l0c, AddressSpace::ub), nullptr);
  EXPECT_NE(coupled.findPath(AddressSpace::l1, AddressSpace::ub), nullptr);
  EXPECT_NE(coupled.findPath(AddressSpace::l0c, AddressSpace::ub), nullptr);

  const PathInfo *gmToUb = split.findPath(AddressSpace::gm, AddressSpace::ub);
  ASSERT_NE(gmToUb, nullptr);
  EXPECT_EQ(gmToUb->pipe, Pipe::mte2);
  EXPECT_EQ(split.findPath(AddressSpace::l1, AddressSpace::l0a)->pipe, Pipe::mte1);
  EXPECT_EQ(split.findPath(AddressSpace::ub, AddressSpace::gm)->pipe, Pipe::mte3);
  EXPECT_EQ(split.findPath(AddressSpace::l0c, AddressSpace::gm)->pipe, Pipe::fix);
}

TEST(TargetInfo, EveryPathHasABandwidth) {
  for (const TargetInfo *t : getKnownTargets())
    for (const PathInfo &p : t->paths)
      EXPECT_GT(p.bytesPerCycle, 0) << t->name.str();
}

TEST(TargetAttr, UnknownTargetListsKnownOnes) {
  MLIRContext context;
  context.loadDialect<AICoreDialect>();
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnostic = d.str();
    return success();
  });
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      "module attributes {aicore.target = #aicore.target<\"Ascend999\">} {}",
      &context);
  EXPECT_FALSE(module);
  EXPECT_EQ(diagnostic, "unknown target 'Ascend999'; known targets: "
                        "Ascend910B2, Ascend910B4, Ascend310P");
}

TEST(TargetAttr, ModuleSelectsTheTarget) {
  MLIRContext context;
  context.loadDialect<AICoreDialect>();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      "module attributes {aicore.target = #aicore.target<\"Ascend310P\">} {}",
      &context);
  ASSERT_TRUE(module);
  EXPECT_EQ(getTargetInfo(*module).name, "Ascend310P");
  OwningOpRef<ModuleOp> bare = parseSourceString<ModuleOp>("module {}", &context);
  EXPECT_EQ(getTargetInfo(*bare).name, "Ascend910B2");
}

} // namespace
