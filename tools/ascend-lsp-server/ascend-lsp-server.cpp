//===- ascend-lsp-server.cpp - mlir-lsp-server for the Ascend dialects ----===//
//
// MLIR's language server (diagnostics, hover, go-to-definition, ...) with
// exactly the dialects ascend-opt registers, so editors understand .mlir files
// that use the ascend, aicore, mte, cube and vec dialects.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Support/Registration.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::ascend::registerAllDialects(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
