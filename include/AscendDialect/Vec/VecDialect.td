//===- VecDialect.td - the vec dialect -----------------*- tablegen -*-===//
#ifndef ASCEND_VEC_DIALECT
#define ASCEND_VEC_DIALECT

include "mlir/IR/OpBase.td"

def Vec_Dialect : Dialect {
  let name = "vec";
  let summary = "The vector unit of the vector core, on UB tiles.";
  let description = [{
    `vec` ops read and write tiles in the unified buffer (UB) and run on the
    V pipe: elementwise arithmetic and its scalar forms, transcendental
    functions, casts with a rounding mode, compare and select, row and column
    reductions, broadcast, transpose, gather, fill and copy.

    Every operand is a statically shaped memref in `#aicore.space<ub>`. The
    vector unit addresses UB in 32-byte blocks, so a data tile's elements are
    consecutive within a row and every row of a multi-dimensional tile starts
    on a 32-byte boundary. Results are exact where the description says so;
    everything else rounds as documented in docs/Numerics.md.
  }];
  let cppNamespace = "::mlir::vec";
  let dependentDialects = ["::mlir::aicore::AICoreDialect"];
  let useDefaultAttributePrinterParser = 1;
}

class Vec_Op<string mnemonic, list<Trait> traits = []>
    : Op<Vec_Dialect, mnemonic, traits>;

#endif // ASCEND_VEC_DIALECT
