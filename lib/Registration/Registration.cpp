//===- Registration.cpp - what our tools register -------------------------===//

#include "AscendDialect/Support/Registration.h"
#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Conversion/Passes.h"
#include "AscendDialect/Cube/CubeDialect.h"
#include "AscendDialect/MTE/MTEDialect.h"
#include "AscendDialect/Transforms/Pipelines.h"
#include "AscendDialect/Transforms/Passes.h"
#include "AscendDialect/Vec/VecDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void mlir::ascend::registerAllDialects(DialectRegistry &registry) {
  registry.insert<aicore::AICoreDialect, ascend::AscendDialect,
                  cube::CubeDialect, mte::MTEDialect, vec::VecDialect>();
  registry.insert<arith::ArithDialect, bufferization::BufferizationDialect,
                  func::FuncDialect, linalg::LinalgDialect, math::MathDialect,
                  memref::MemRefDialect, scf::SCFDialect,
                  tensor::TensorDialect>();
}

void mlir::ascend::registerAllPasses() {
  registerAscendConversionPasses();
  registerAscendTransformsPasses();
  registerPipelines();
  // Upstream's generic transforms: canonicalize, cse, inline, sccp,
  // symbol-dce, loop-invariant-code-motion, ...
  registerTransformsPasses();
}
