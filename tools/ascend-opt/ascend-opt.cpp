//===- ascend-opt.cpp - mlir-opt for the Ascend dialects ------------------===//

#include "AscendDialect/Support/Registration.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::ascend::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::ascend::registerAllDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv,
      "ascend-opt: parse, verify, transform and print IR of the ascend, "
      "aicore, mte, cube and vec dialects\n",
      registry));
}
