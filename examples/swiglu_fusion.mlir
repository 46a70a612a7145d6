// LLaMA-3-8B's SwiGLU at 16 tokens (intermediate size 14336), bf16, as
// torch-mlir writes it: silu(gate) as gate * sigmoid(gate) (one sigmoid
// generic: neg, exp, add 1, divide), then the gating product with up.
// ascend-raise-linalg makes it six ascend ops; ascend-fuse-vector makes them
// one ascend.fused_vector, lowered to one vector kernel whose intermediates
// stay in UB, bit-identical to six launches (test/ascend-run/vector-fusion.test).
//
//   build/bin/ascend-run examples/swiglu_fusion.mlir --seed 1
//   build/bin/ascend-opt examples/swiglu_fusion.mlir --ascend-raise-linalg --ascend-fuse-vector
func.func @swiglu_bf16(%g: tensor<16x14336xbf16>, %u: tensor<16x14336xbf16>) -> tensor<16x14336xbf16> {
  %one = arith.constant 1.0 : bf16
  %s_e = tensor.empty() : tensor<16x14336xbf16>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<16x14336xbf16>) outs(%s_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %out: bf16):
    %n = arith.negf %a0 : bf16
    %e = math.exp %n : bf16
    %d = arith.addf %e, %one : bf16
    %r = arith.divf %one, %d : bf16
    linalg.yield %r : bf16
  } -> tensor<16x14336xbf16>
  %silu_e = tensor.empty() : tensor<16x14336xbf16>
  %silu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g, %s : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%silu_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  %h_e = tensor.empty() : tensor<16x14336xbf16>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%silu, %u : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%h_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  return %h : tensor<16x14336xbf16>
}
