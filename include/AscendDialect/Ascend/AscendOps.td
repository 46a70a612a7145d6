//===- AscendOps.td - ascend ops ------------------------------*- tablegen -*-===//
//
// The basic tensor-level ops. Every op is pure, returns a new tensor and
// spells its types as `: <operand types> -> <result type>`; mode attributes
// come right after the mnemonic (`ascend.cast <rint> %x`).
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_ASCEND_OPS
#define ASCEND_ASCEND_OPS

include "AscendDialect/Ascend/AscendDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

class Ascend_MatmulLikeOp<string mnemonic> : Ascend_Op<mnemonic, [Pure]> {
  let arguments = (ins Ascend_FloatTensor:$a, Ascend_FloatTensor:$b,
                       UnitAttr:$transpose_a, UnitAttr:$transpose_b);
  let results = (outs Ascend_Tensor<"a's element type or f32">:$result);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` type($a) `,` type($b) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ascend_MatmulOp : Ascend_MatmulLikeOp<"matmul"> {
  let summary = "matrix product of two 2-D tensors with f32 accumulation";
  let description = [{
    Computes `result[m, n] = sum_k A[m, k] * B[k, n]` for `m < M`, `n < N`,
    `k < K`, where `A` is `a` (`[M, K]`) or, with `transpose_a`, the
    transpose of `a` (`a` is then `[K, M]`), and `B` is `b` (`[K, N]`) or,
    with `transpose_b`, the transpose of `b` (`[N, K]`).

    `a` and `b` share one element type: f16, bf16 or f32 (int8 operands use
    `ascend.quant_matmul`). Products and their sum are computed in f32 (f16
    and bf16 products are exact in f32); docs/Numerics.md fixes the order of
    the additions. The sum is rounded once, to nearest even, to the result
    element type, which is the operands' type or f32.

    ```mlir
    %c = ascend.matmul %a, %b {transpose_b}
        : tensor<64x128xf16>, tensor<256x128xf16> -> tensor<64x256xf16>
    ```
  }];
}

def Ascend_BatchMatmulOp : Ascend_MatmulLikeOp<"batch_matmul"> {
  let summary = "batched matrix product of two 3-D tensors with f32 accumulation";
  let description = [{
    `ascend.matmul` applied to each of `Bt` pairs of matrices:
    `result[t, m, n] = sum_k A[t, m, k] * B[t, k, n]`, where `a` is
    `[Bt, M, K]` (`[Bt, K, M]` with `transpose_a`) and `b` is `[Bt, K, N]`
    (`[Bt, N, K]` with `transpose_b`); the transposes swap the last two dims.
    Both operands have the same batch size (no broadcasting). Element types,
    f32 accumulation and the single rounding are those of `ascend.matmul`.

    ```mlir
    %c = ascend.batch_matmul %a, %b
        : tensor<8x64x128xbf16>, tensor<8x128x32xbf16> -> tensor<8x64x32xf32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// Marks the ops `ascend.fused_vector` may hold: each result element depends
// only on the operand elements at its (broadcast) position.
def Ascend_ElementwiseTrait : NativeOpTrait<"ElementwiseOp"> {
  let cppNamespace = "::mlir::ascend";
}

// `formula` is written in terms of `lhs`, `rhs` and `result`; `numerics`
// says when rounding happens.
class Ascend_BinaryOp<string mnemonic, string what, string formula,
                      string numerics>
    : Ascend_Op<mnemonic, [Pure, Ascend_ElementwiseTrait]> {
  let summary = "elementwise " # what # " with NumPy broadcasting";
  let description = [{
    Computes `}] # formula # [{` for every element of the broadcast shape.
    `lhs` and `rhs` broadcast as in NumPy: shapes are aligned at their last
    dims, missing leading dims count as 1, and each pair of dims must be
    equal or contain a 1; the result has the broadcast shape. `lhs`, `rhs`
    and the result share one element type: f16, bf16 or f32.
    }] # numerics # [{

    ```mlir
    %c = ascend.}] # mnemonic # [{ %a, %b
        : tensor<64x128xf16>, tensor<128xf16> -> tensor<64x128xf16>
    ```
  }];
  let arguments = (ins Ascend_FloatTensor:$lhs, Ascend_FloatTensor:$rhs);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

defvar Ascend_RoundedOnce =
  "The exact result is rounded once, to nearest even, to the element type.";
defvar Ascend_Exact =
  "The result is one of the operands' values, so nothing is rounded.";

def Ascend_AddOp : Ascend_BinaryOp<"add", "addition", "result = lhs + rhs",
                                   Ascend_RoundedOnce>;
def Ascend_SubOp : Ascend_BinaryOp<"sub", "subtraction", "result = lhs - rhs",
                                   Ascend_RoundedOnce>;
def Ascend_MulOp : Ascend_BinaryOp<"mul", "multiplication",
                                   "result = lhs * rhs", Ascend_RoundedOnce>;
def Ascend_DivOp : Ascend_BinaryOp<"div", "division", "result = lhs / rhs",
                                   Ascend_RoundedOnce>;
def Ascend_MaxOp : Ascend_BinaryOp<"max", "maximum",
                                   "result = max(lhs, rhs)", Ascend_Exact>;
def Ascend_MinOp : Ascend_BinaryOp<"min", "minimum",
                                   "result = min(lhs, rhs)", Ascend_Exact>;

// `formula` is written in terms of `x`; `numerics` says when rounding
// happens.
class Ascend_UnaryOp<string mnemonic, string what, string formula,
                     string numerics>
    : Ascend_Op<mnemonic, [Pure, Ascend_ElementwiseTrait]> {
  let summary = "elementwise " # what;
  let description = [{
    Computes `}] # formula # [{` for every element of `x`. `x` and the
    result have the same shape and element type: f16, bf16 or f32.
    }] # numerics # [{

    ```mlir
    %y = ascend.}] # mnemonic # [{ %x : tensor<64x128xf16> -> tensor<64x128xf16>
    ```
  }];
  let arguments = (ins Ascend_FloatTensor:$x);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

defvar Ascend_InF32 =
  "It is evaluated in f32 (transcendental functions by the algorithm of "
  "docs/Numerics.md) and rounded once, to nearest even, to the element type.";

def Ascend_ExpOp : Ascend_UnaryOp<"exp", "natural exponential", "e^x",
                                  Ascend_InF32>;
def Ascend_LogOp : Ascend_UnaryOp<"log", "natural logarithm", "ln(x)",
                                  Ascend_InF32>;
def Ascend_SqrtOp : Ascend_UnaryOp<"sqrt", "square root", "sqrt(x)",
                                   Ascend_InF32>;
def Ascend_RsqrtOp : Ascend_UnaryOp<"rsqrt", "reciprocal square root",
                                    "1 / sqrt(x)", Ascend_InF32>;
def Ascend_ReciprocalOp : Ascend_UnaryOp<"reciprocal", "reciprocal", "1 / x",
                                         Ascend_InF32>;
def Ascend_AbsOp : Ascend_UnaryOp<"abs", "absolute value", "|x|",
                                  "It is exact.">;
def Ascend_NegOp : Ascend_UnaryOp<"neg", "negation", "-x", "It is exact.">;
def Ascend_ReluOp : Ascend_UnaryOp<"relu", "rectified linear unit",
                                   "max(x, 0)", "It is exact.">;
def Ascend_SiluOp : Ascend_UnaryOp<"silu", "SiLU (swish)",
                                   "x / (1 + e^-x)", Ascend_InF32>;
def Ascend_GeluOp : Ascend_UnaryOp<"gelu", "GELU, tanh approximation",
    "0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))",
    // `#` would paste the defvar's name, not its value.
    !strconcat("This is the tanh form of GELU (PyTorch `approximate=\"tanh\"`), "
               "not the erf form. ", Ascend_InF32)>;

def Ascend_TanhOp : Ascend_UnaryOp<"tanh", "hyperbolic tangent", "tanh(x)",
    "It is evaluated in f32 as Ascend C's `Tanh` does: x is clamped to "
    "[-8.8, 8.8], then `(e^2x - 1) / (e^2x + 1)` with every step rounded to "
    "f32 (docs/Numerics.md, \"Composite ops\"), and the result is rounded "
    "once, to nearest even, to the element type. Near 0 the subtraction "
    "cancels: results of magnitude below about 1e-3 carry the absolute error "
    "of e^2x in f32 (docs/Numerics.md gives the measured error).">;
def Ascend_ErfOp : Ascend_UnaryOp<"erf", "Gauss error function", "erf(x)",
    "It is evaluated in f32 as Ascend C's `Erf` does: x is clamped to "
    "[-3.92, 3.92] and erf(x) = x P(x^2) / Q(x^2), a rational approximation "
    "with a degree-5 P and a monic degree-5 Q in Horner form, every step "
    "rounded to f32 (coefficients in docs/Numerics.md). The result is "
    "rounded once to the element type: to nearest even for bf16 and f32, "
    "and to nearest with ties away from zero for f16, as the 910B's `Erf` "
    "casts its f16 results (`CAST_ROUND`).">;

def Ascend_CastOp : Ascend_Op<"cast", [Pure, Ascend_ElementwiseTrait]> {
  let summary = "elementwise conversion to another floating-point type";
  let description = [{
    Converts every element of `x` to the result element type, rounding with
    `round_mode` (`#aicore.round`: rint = nearest even, round = nearest with
    ties away from zero, floor, ceil, trunc, odd = round to odd). `x` and the
    result are f16, bf16 or f32 and differ in element type; their shapes are
    equal. Conversions to f32 are exact, so the mode only matters for
    f32 -> f16/bf16 and between f16 and bf16. Values beyond the result's range
    round to infinity or to the largest finite value as the mode directs.

    ```mlir
    %y = ascend.cast <rint> %x : tensor<64x128xf32> -> tensor<64x128xbf16>
    ```
  }];
  let arguments = (ins Ascend_FloatTensor:$x,
                       DefaultValuedAttr<AICore_RoundModeAttr,
                           "::mlir::aicore::RoundMode::rint">:$round_mode);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = [{
    $round_mode $x attr-dict `:` type($x) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization, positional encoding, softmax
//===----------------------------------------------------------------------===//

def Ascend_RmsNormOp : Ascend_Op<"rms_norm", [Pure]> {
  let summary = "RMS normalization over the last dim, scaled by gamma";
  let description = [{
    For `x` of shape `[..., H]` and `gamma` of shape `[H]`:

    `result[..., h] = x[..., h] / sqrt(mean_j(x[..., j]^2) + epsilon) * gamma[h]`

    computed in f32 (inputs converted to f32 exactly, the mean over the last
    dim accumulated in f32 in the order docs/Numerics.md fixes) and rounded
    once, to nearest even, to `x`'s element type. `x` is f16, bf16 or f32;
    `gamma` has `x`'s element type or f32; the result has `x`'s type.
    `epsilon` is an f32, non-negative, default 1e-6 (DeepSeek-V3, LLaMA).

    ```mlir
    %y = ascend.rms_norm %x, %gamma {epsilon = 9.99999974E-6 : f32}
        : tensor<16x7168xbf16>, tensor<7168xbf16> -> tensor<16x7168xbf16>
    ```
  }];
  let arguments = (ins Ascend_FloatTensor:$x,
                       Ascend_Tensor<"x's element type or f32">:$gamma,
                       DefaultValuedAttr<F32Attr, "1.0e-6">:$epsilon);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $gamma attr-dict `:` type($x) `,` type($gamma) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ascend_RopeOp : Ascend_Op<"rope", [Pure]> {
  let summary = "rotary position embedding of query or key heads";
  let description = [{
    `x` is `[T, Nh, D]` (tokens, heads, head dim) or `[B, S, Nh, D]` (batch,
    sequence, heads, head dim) with `D` even; `cos` and `sin` are
    `[P, D/2]` where `P` is `T` (rank 3) or `S` (rank 4, shared by every
    batch). Each head is split into `D/2` pairs `(x1, x2)` of elements
    `(2i, 2i+1)` with `mode = interleaved` (DeepSeek, GPT-J) or `(i, i + D/2)`
    with `mode = half` (LLaMA, GPT-NeoX), and pair `i` at position `p` is
    rotated by `c = cos[p, i]`, `s = sin[p, i]`:

    `y1 = x1 * c - x2 * s`, `y2 = x2 * c + x1 * s`

    computed in f32 and rounded once, to nearest even, to `x`'s element type.
    `x` is f16, bf16 or f32; `cos` and `sin` have `x`'s element type or f32;
    the result has `x`'s type.

    ```mlir
    %q = ascend.rope <interleaved> %x, %cos, %sin
        : tensor<16x128x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32>
        -> tensor<16x128x64xbf16>
    ```
  }];
  let arguments = (ins Ascend_RopeModeAttr:$mode, Ascend_FloatTensor:$x,
                       Ascend_Tensor<"x's element type or f32">:$cos,
                       Ascend_Tensor<"x's element type or f32">:$sin);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = [{
    $mode $x `,` $cos `,` $sin attr-dict `:` type($x) `,` type($cos) `,`
    type($sin) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ascend_SoftmaxOp : Ascend_Op<"softmax", [Pure]> {
  let summary = "softmax along one dim";
  let description = [{
    `result = exp(x - max) / sum(exp(x - max))`, with `max` and `sum` taken
    along dim `dim` (in `[0, rank)`), computed in f32 (the sum accumulated in
    the order docs/Numerics.md fixes) and rounded once, to nearest even, to
    `x`'s element type. `x` is f16, bf16 or f32; the result has `x`'s type.

    ```mlir
    %p = ascend.softmax %s dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
    ```
  }];
  let arguments = (ins Ascend_FloatTensor:$x, I64Attr:$dim);
  let results = (outs Ascend_FloatTensor:$result);
  let assemblyFormat = "$x `dim` $dim attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

def Ascend_RepeatOp : Ascend_Op<"repeat", [Pure]> {
  let summary = "repeat every slice along one dim (repeat_interleave)";
  let description = [{
    Repeats every slice of `x` along dim `dim` `times` times in place:
    `result[..., i, ...] = x[..., i floordiv times, ...]` along `dim`, so the
    result's dim `dim` is `times` times `x`'s and every other dim is equal.
    This is PyTorch's `repeat_interleave(times, dim)`, and grouped-query
    attention's `repeat_kv` on `[B, Nkv, S, D]` along dim 1 (KV head `j`
    serves query heads `j * times ... j * times + times - 1`). The copy is
    exact; `x` and the result have one element type (any).
    `ascend-raise-linalg` makes it from a copy whose map reads dim `d` as
    `d floordiv times`, and from a broadcast along a new dim that a
    reshape merges into the dim before it.

    ```mlir
    %k = ascend.repeat %kv dim 1 times 4
        : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
    ```
  }];
  let arguments = (ins Ascend_Tensor<"any element type">:$x, I64Attr:$dim,
                       I64Attr:$times);
  let results = (outs Ascend_Tensor<"any element type">:$result);
  let assemblyFormat = [{
    $x `dim` $dim `times` $times attr-dict `:` type($x) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

defvar Ascend_GranularityDoc = [{
    `granularity` says which elements share a scale (and offset): for `x` of
    shape `[d0, ..., dn-1, C]`, `scale` and `offset` have shape `[1]`
    (per_tensor), `[C]` (per_channel), `[d0, ..., dn-1]` (per_token: one per
    row; `x` needs rank 2 or more) or `[d0, ..., dn-1, C / group_size]`
    (per_group, where `group_size` is required and divides `C`; element `c`
    of a row uses group `c / group_size`). Both have }];

defvar Ascend_Int4Doc = [{
    An i4 tensor is stored two elements per byte along its last dim: elements
    `2j` and `2j+1` share byte `j`, element `i` of the pair in bits
    `4i..4i+3` (the even element in the low nibble). Its last dim must
    therefore be even.
}];

class Ascend_QuantizeLikeOp<string mnemonic, string xElements,
                            string resultElements, string paramElements>
    : Ascend_Op<mnemonic, [Pure]> {
  let arguments = (ins Ascend_QuantGranularityAttr:$granularity,
                       Ascend_Tensor<xElements>:$x,
                       Ascend_Tensor<paramElements>:$scale,
                       Optional<Ascend_Tensor<paramElements>>:$offset,
                       OptionalAttr<I64Attr>:$group_size);
  let results = (outs Ascend_Tensor<resultElements>:$result);
  let assemblyFormat = [{
    $granularity $x `scale` $scale (`offset` $offset^)?
    (`group_size` $group_size^)? attr-dict `:` type(operands) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Ascend_QuantizeOp : Ascend_QuantizeLikeOp<"quantize", "f16, bf16 or f32",
    "i8 or i4", "x's element type or f32"> {
  let summary = "quantize a floating-point tensor to int8 or int4 (AscendQuant)";
  let description = !strconcat([{
    `result = saturate(round_half_even(x * scale + offset))` (offset 0 when
    absent), as AscendQuant computes it: `x`, `scale` and `offset` are
    converted to f32, the product and then the sum are each rounded to f32
    (no fused multiply-add), the sum is rounded to an integer with ties to
    even and saturated to [-128, 127] (i8) or [-8, 7] (i4); NaN becomes 0.
    `scale` is the reciprocal of the quantization step.

    `x` is f16, bf16 or f32; the result is i8 or i4 with `x`'s shape.
  }], Ascend_GranularityDoc, [{`x`'s element type or f32.
  }], Ascend_Int4Doc, [{

    ```mlir
    %q = ascend.quantize <per_token> %x scale %s
        : tensor<16x7168xbf16>, tensor<16xf32> -> tensor<16x7168xi8>
    %w = ascend.quantize <per_group> %y scale %gs offset %go group_size 128
        : tensor<512x1024xf16>, tensor<512x8xf16>, tensor<512x8xf16>
        -> tensor<512x1024xi4>
    ```
  }]);
}

def Ascend_DequantizeOp : Ascend_QuantizeLikeOp<"dequantize", "i8, i4 or i32",
    "f16, bf16 or f32", "the result's element type or f32"> {
  let summary = "dequantize an int8, int4 or int32 tensor to floating point";
  let description = !strconcat([{
    `result = (x - offset) * scale` (offset 0 when absent), computed in f32:
    `x` is converted to f32 (exact for i8 and i4; i32 values beyond 2^24
    round to nearest even), the difference and then the product are each
    rounded to f32, and the product is rounded once, to nearest even, to the
    result element type.

    `x` is i8, i4 or i32; the result is f16, bf16 or f32 with `x`'s shape.
  }], Ascend_GranularityDoc, [{the result's element type or f32.
  }], Ascend_Int4Doc, [{

    ```mlir
    %y = ascend.dequantize <per_channel> %acc scale %s
        : tensor<16x2112xi32>, tensor<2112xf32> -> tensor<16x2112xbf16>
    ```
  }]);
}

def Ascend_QuantMatmulOp : Ascend_Op<"quant_matmul",
                                     [Pure, AttrSizedOperandSegments]> {
  let summary = "int8 matrix product with i32 accumulation and dequantization";
  let description = [{
    `a` is i8 `[M, K]`; `b` is i8 `[K, N]`, or `[N, K]` with `transpose_b`.
    The products are summed exactly in i32,
    `acc[m, n] = sum_k a[m, k] * b[k, n]`, the optional i32 `bias` `[N]` is
    added to the accumulator, and the result is

    `result[m, n] = round((acc[m, n] + bias[n]) * scale[n] * per_token_scale[m])`

    where `acc + bias` is converted to f32 (nearest even), each product is
    rounded to f32 in that order, and the last product is rounded once, to
    nearest even, to the result element type, f16 or bf16. `scale` is f32
    `[1]` (per-tensor, used for every `n`) or `[N]` (per-channel); the
    optional `per_token_scale` is f32 `[M]` (1 when absent). i32 arithmetic
    wraps, which needs K > 131072 to happen.

    A lowering that applies `scale` in the fixpipe, which keeps only the top
    19 bits of an f32 scale, must account for that truncation.

    ```mlir
    %y = ascend.quant_matmul %a, %b scale %s per_token_scale %t bias %bias
        {transpose_b}
        : tensor<16x7168xi8>, tensor<2112x7168xi8>, tensor<2112xf32>,
          tensor<16xf32>, tensor<2112xi32> -> tensor<16x2112xbf16>
    ```
  }];
  let arguments = (ins Ascend_Tensor<"i8">:$a, Ascend_Tensor<"i8">:$b,
                       Ascend_Tensor<"f32">:$scale,
                       Optional<Ascend_Tensor<"f32">>:$per_token_scale,
                       Optional<Ascend_Tensor<"i32">>:$bias,
                       UnitAttr:$transpose_b);
  let results = (outs Ascend_Tensor<"f16 or bf16">:$result);
  let assemblyFormat = [{
    $a `,` $b `scale` $scale (`per_token_scale` $per_token_scale^)?
    (`bias` $bias^)? attr-dict `:` type(operands) `->` type($result)
  }];
  let hasVerifier = 1;
}

// The fused LLM ops (attention, MLA preprocess, KV-cache update) live in their
// own file; they share this dialect and its helpers.
include "AscendDialect/Ascend/AscendFusedOps.td"

#endif // ASCEND_ASCEND_OPS
