//===- AscendDialect.td - the ascend dialect -----------------*- tablegen -*-===//
#ifndef ASCEND_ASCEND_DIALECT
#define ASCEND_ASCEND_DIALECT

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
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

    Ops are pure and return new tensors. Dimensions may be dynamic (`?`);
    verifiers check every size that is known. Floating-point ops take f16,
    bf16 or f32; where an op says "computed in f32" it evaluates in f32 and
    rounds once, to nearest even, to its result type. NaN/Inf handling and the
    algorithms of the transcendental functions are fixed by docs/Numerics.md.
  }];
  let cppNamespace = "::mlir::ascend";
  let useDefaultAttributePrinterParser = 1;
  // aicore: `ascend.cast` reuses `#aicore.round`, which must parse even when
  // no aicore op appears in the module.
  let dependentDialects = ["::mlir::tensor::TensorDialect",
                           "::mlir::aicore::AICoreDialect"];
  let extraClassDeclaration = [{
  private:
    void registerAttributes();
  public:
  }];
}

class Ascend_Op<string mnemonic, list<Trait> traits = []>
    : Op<Ascend_Dialect, mnemonic, traits>;

// A ranked tensor whose element types the op's C++ verifier checks, so that
// its diagnostic can name the operand and the rule; `elements` documents them.
class Ascend_Tensor<string elements>
    : Type<AnyRankedTensor.predicate, "ranked tensor of " # elements,
           "::mlir::RankedTensorType">;

def Ascend_FloatTensor : Ascend_Tensor<"f16, bf16 or f32">;

//===----------------------------------------------------------------------===//
// Enums and attributes
//
// Defined here rather than in AscendOps.td so that the enum generator, which
// emits every enum of the file it reads, does not also emit the aicore enums
// AscendOps.td includes.
//===----------------------------------------------------------------------===//

class Ascend_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<Ascend_Dialect, info, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def Ascend_QuantGranularity : I32EnumAttr<"QuantGranularity",
    "which elements share a quantization scale and offset", [
    I32EnumAttrCase<"per_tensor", 0>,   // scale [1]
    I32EnumAttrCase<"per_channel", 1>,  // scale [C], C = last dim
    I32EnumAttrCase<"per_token", 2>,    // scale [leading dims]: one per row
    I32EnumAttrCase<"per_group", 3>]> { // scale [leading dims, C / group_size]
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::ascend";
}

def Ascend_QuantGranularityAttr
    : Ascend_EnumAttr<Ascend_QuantGranularity, "granularity"> {
  let summary = "quantization granularity: per_tensor, per_channel, per_token or per_group";
  let description = [{
    For `x` of shape `[d0, ..., dn-1, C]` the scale (and offset) tensor has
    shape `[1]` (per_tensor), `[C]` (per_channel: one per element of the last
    dim), `[d0, ..., dn-1]` (per_token: one per row) or
    `[d0, ..., dn-1, C / group_size]` (per_group: one per `group_size`
    consecutive elements of a row). Example: `#ascend.granularity<per_token>`.
  }];
}

def Ascend_RopeMode : I32EnumAttr<"RopeMode",
    "which elements of a head a rotary embedding rotates together", [
    I32EnumAttrCase<"interleaved", 0>, // pairs (2i, 2i+1): DeepSeek, GPT-J
    I32EnumAttrCase<"half", 1>]> {     // pairs (i, i + D/2): LLaMA, GPT-NeoX
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::ascend";
}

def Ascend_RopeModeAttr : Ascend_EnumAttr<Ascend_RopeMode, "rope_mode"> {
  let summary = "rotary embedding pairing: interleaved (2i, 2i+1) or half (i, i + D/2)";
  let description = [{
    Example: `#ascend.rope_mode<interleaved>`.
  }];
}

#endif // ASCEND_ASCEND_DIALECT
