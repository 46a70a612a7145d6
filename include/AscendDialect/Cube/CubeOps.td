//===- CubeOps.td - cube ops ------------------------------*- tablegen -*-===//
#ifndef ASCEND_CUBE_OPS
#define ASCEND_CUBE_OPS

include "AscendDialect/Cube/CubeDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Cube_Tile : MemRefOf<[AnySignlessInteger, AnyFloat]>;

//===----------------------------------------------------------------------===//
// MmadOp
//===----------------------------------------------------------------------===//

def Cube_MmadOp : Cube_Op<"mmad", [
    DeclareOpInterfaceMethods<AICore_TileOpInterface>]> {
  let summary = "matrix multiply-accumulate: C (+)= A x B on L0 tiles";
  let description = [{
    Multiplies the L0A tile `a` by the L0B tile `b` and writes the product
    into the L0C tile `c` when `init` is given and true, or adds it to `c`
    otherwise (`init` is usually "first iteration of the K loop"). Runs on
    the M pipe of the cube core.

    Shapes are logical 2-D matrices: `a` is M x K (K x M with `transpose_a`,
    computing A^T x B), `b` is K x N (N x K with `transpose_b`), `c` is
    M x N. Operand types:

    | a, b        | c   | fractal m0 x k0 x n0 (910B2, 910B4, 310P) |
    |-------------|-----|--------------------------------------------|
    | f16, f16    | f32 | 16 x 16 x 16                               |
    | bf16, bf16  | f32 | 16 x 16 x 16                               |
    | f32, f32    | f32 | 16 x 8 x 16                                |
    | i8, i8      | i32 | 16 x 32 x 16                               |
    | i4, i4      | i32 | 16 x 64 x 16                               |

    The cube retires one fractal step at a time, so M, K and N must be
    multiples of the target's m0, k0 and n0 for the operand type.
    Accumulation is in f32 (float operands) or i32 (integer operands); the
    summation order is fixed by docs/Numerics.md.

    ```mlir
    cube.mmad %a, %b, %c init(%first) : memref<64x128xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
    cube.mmad %a, %bt, %c transpose_b : memref<32x64xi8, #aicore.space<l0a>>, memref<16x64xi8, #aicore.space<l0b>>, memref<32x16xi32, #aicore.space<l0c>>
    ```
  }];
  let arguments = (ins
    Arg<Cube_Tile, "left operand", [MemRead]>:$a,
    Arg<Cube_Tile, "right operand", [MemRead]>:$b,
    Arg<Cube_Tile, "accumulator", [MemRead, MemWrite]>:$c,
    Optional<I1>:$init,
    UnitAttr:$transpose_a,
    UnitAttr:$transpose_b);
  let assemblyFormat = [{
    $a `,` $b `,` $c (`init` `(` $init^ `)`)? (`transpose_a` $transpose_a^)?
    (`transpose_b` $transpose_b^)? attr-dict `:` type($a) `,` type($b) `,`
    type($c)
  }];
  let hasVerifier = 1;
}

#endif // ASCEND_CUBE_OPS
