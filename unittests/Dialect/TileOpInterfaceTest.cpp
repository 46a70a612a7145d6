//===- TileOpInterfaceTest.cpp - which pipe and core run each tile op ----===//
//
// The cycle model, sync insertion and the hazard checker all ask ops the same
// question through TileOpInterface; these tests pin the answers.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Support/Registration.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::aicore;

namespace {

/// Parses `body` as the body of a function taking the tiles every test uses,
/// in a module for `target`, and returns each tile op's "pipe/core" answer in
/// program order.
std::vector<std::string> answers(StringRef body,
                                 StringRef target = "Ascend910B2") {
  DialectRegistry registry;
  ascend::registerAllDialects(registry);
  MLIRContext context(registry);
  std::string source =
      ("module attributes {aicore.target = #aicore.target<\"" + target +
       "\">} {\n"
       "func.func @f(%gm: memref<32x32xf16, #aicore.space<gm>>,\n"
       "  %l1: memref<32x32xf16, #aicore.space<l1>>,\n"
       "  %l0a: memref<32x32xf16, #aicore.space<l0a>>,\n"
       "  %l0b: memref<32x32xf16, #aicore.space<l0b>>,\n"
       "  %l0c: memref<32x32xf32, #aicore.space<l0c>>,\n"
       "  %gm32: memref<32x32xf32, #aicore.space<gm>>,\n"
       "  %ub: memref<32x32xf16, #aicore.space<ub>>,\n"
       "  %ub2: memref<32x32xf16, #aicore.space<ub>>,\n"
       "  %ub32: memref<32x32xf32, #aicore.space<ub>>) {\n" +
       body + "\n  return\n}\n}")
          .str();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  EXPECT_TRUE(module) << source;
  std::vector<std::string> result;
  if (!module)
    return result;
  module->walk([&](TileOpInterface op) {
    result.push_back((stringifyPipe(op.getPipe()) + "/" +
                      stringifyCoreType(op.getCoreType()))
                         .str());
  });
  return result;
}

using Answers = std::vector<std::string>;

TEST(TileOpInterface, CopyPipeFollowsThePair) {
  EXPECT_EQ(answers(R"(
    mte.copy %gm, %l1 : memref<32x32xf16, #aicore.space<gm>>, memref<32x32xf16, #aicore.space<l1>>
    mte.copy %gm, %ub : memref<32x32xf16, #aicore.space<gm>>, memref<32x32xf16, #aicore.space<ub>>
    mte.copy %l1, %l0a : memref<32x32xf16, #aicore.space<l1>>, memref<32x32xf16, #aicore.space<l0a>>
    mte.copy %l1, %l0b : memref<32x32xf16, #aicore.space<l1>>, memref<32x32xf16, #aicore.space<l0b>>
    mte.copy %ub, %gm : memref<32x32xf16, #aicore.space<ub>>, memref<32x32xf16, #aicore.space<gm>>
    mte.copy %l1, %gm : memref<32x32xf16, #aicore.space<l1>>, memref<32x32xf16, #aicore.space<gm>>
    mte.copy %ub, %ub2 : memref<32x32xf16, #aicore.space<ub>>, memref<32x32xf16, #aicore.space<ub>>)"),
            (Answers{"mte2/cube", "mte2/vector", "mte1/cube", "mte1/cube",
                     "mte3/vector", "mte3/cube", "v/vector"}));
}

TEST(TileOpInterface, CubeAndFixpipe) {
  EXPECT_EQ(answers(R"(
    cube.mmad %l0a, %l0b, %l0c : memref<32x32xf16, #aicore.space<l0a>>, memref<32x32xf16, #aicore.space<l0b>>, memref<32x32xf32, #aicore.space<l0c>>
    mte.fixpipe %l0c, %gm32 : memref<32x32xf32, #aicore.space<l0c>>, memref<32x32xf32, #aicore.space<gm>>)"),
            (Answers{"m/cube", "fix/cube"}));
}

TEST(TileOpInterface, VectorOpsRunOnV) {
  EXPECT_EQ(answers(R"(
    vec.add %ub, %ub2, %ub : memref<32x32xf16, #aicore.space<ub>>
    vec.exp %ub, %ub2 : memref<32x32xf16, #aicore.space<ub>>
    vec.cast %ub, %ub32 round <rint> : memref<32x32xf16, #aicore.space<ub>>, memref<32x32xf32, #aicore.space<ub>>)"),
            (Answers{"v/vector", "v/vector", "v/vector"}));
}

TEST(TileOpInterface, CoupledTargetPaths) {
  // On 310P L1 -> UB exists (MTE1) and L0C results reach UB on V.
  EXPECT_EQ(answers(R"(
    mte.copy %l1, %ub : memref<32x32xf16, #aicore.space<l1>>, memref<32x32xf16, #aicore.space<ub>>
    mte.copy %ub, %l1 : memref<32x32xf16, #aicore.space<ub>>, memref<32x32xf16, #aicore.space<l1>>
    mte.fixpipe %l0c, %ub32 : memref<32x32xf32, #aicore.space<l0c>>, memref<32x32xf32, #aicore.space<ub>>)",
                    "Ascend310P"),
            (Answers{"mte1/cube", "mte3/vector", "v/cube"}));
}

} // namespace
