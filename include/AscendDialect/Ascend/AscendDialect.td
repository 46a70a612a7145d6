//===- AscendDialect.td - the ascend dialect -----------------*- tablegen -*-===//
#ifndef ASCEND_ASCEND_DIALECT
#define ASCEND_ASCEND_DIALECT

include "mlir/IR/OpBase.td"

def Ascend_Dialect : Dialect {
  let name = "ascend";
  let summary = "Tensor-level LLM ops and fused ops with value semantics.";
  let description = [{
    `ascend` is the entry level of the toolchain: named LLM operators on
    builtin tensors (matmul, rms_norm, rope, softmax, quantize, attention, MLA
    preprocess, KV-cache updates). Each op states its semantics exactly; the
    lowering to kernels (tiling and placement on the cube and vector units)
    happens in later passes.
  }];
  let cppNamespace = "::mlir::ascend";
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

class Ascend_Op<string mnemonic, list<Trait> traits = []>
    : Op<Ascend_Dialect, mnemonic, traits>;

#endif // ASCEND_ASCEND_DIALECT
