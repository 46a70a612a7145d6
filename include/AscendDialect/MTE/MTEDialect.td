//===- MTEDialect.td - the mte dialect -----------------*- tablegen -*-===//
#ifndef ASCEND_MTE_DIALECT
#define ASCEND_MTE_DIALECT

include "mlir/IR/OpBase.td"

def MTE_Dialect : Dialect {
  let name = "mte";
  let summary = "The memory transfer engines (MTE1/2/3) and the fixpipe.";
  let description = [{
    `mte` moves tiles between address spaces. `mte.copy` covers every legal
    source/destination pair of the module's target; the pair decides the pipe
    (GM->L1/UB: MTE2, L1->L0A/L0B: MTE1, UB->GM: MTE3, ...). `mte.fixpipe`
    moves cube results out of L0C with an on-the-fly conversion.
  }];
  let cppNamespace = "::mlir::mte";
  let dependentDialects = ["::mlir::aicore::AICoreDialect"];
}

class MTE_Op<string mnemonic, list<Trait> traits = []>
    : Op<MTE_Dialect, mnemonic, traits>;

#endif // ASCEND_MTE_DIALECT
