//===- CubeDialect.td - the cube dialect -----------------*- tablegen -*-===//
#ifndef ASCEND_CUBE_DIALECT
#define ASCEND_CUBE_DIALECT

include "mlir/IR/OpBase.td"

def Cube_Dialect : Dialect {
  let name = "cube";
  let summary = "The matrix unit of the cube core.";
  let description = [{
    `cube.mmad` multiplies an L0A tile by an L0B tile and writes or
    accumulates into an L0C tile, in fractal steps of 16x16x16 (f16/bf16),
    16x32x16 (i8), 16x64x16 (i4) or 16x8x16 (f32).
  }];
  let cppNamespace = "::mlir::cube";
  let dependentDialects = ["::mlir::aicore::AICoreDialect"];
}

class Cube_Op<string mnemonic, list<Trait> traits = []>
    : Op<Cube_Dialect, mnemonic, traits>;

#endif // ASCEND_CUBE_DIALECT
