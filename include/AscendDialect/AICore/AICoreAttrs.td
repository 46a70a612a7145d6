//===- AICoreAttrs.td - spaces, pipes, modes, targets -----*- tablegen -*-===//
#ifndef ASCEND_AICORE_ATTRS
#define ASCEND_AICORE_ATTRS

include "AscendDialect/AICore/AICoreDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def AICore_AddressSpace : I32EnumAttr<"AddressSpace", "AI Core address space", [
    I32EnumAttrCase<"gm", 0>, I32EnumAttrCase<"l1", 1>,
    I32EnumAttrCase<"l0a", 2>, I32EnumAttrCase<"l0b", 3>,
    I32EnumAttrCase<"l0c", 4>, I32EnumAttrCase<"ub", 5>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

def AICore_Pipe : I32EnumAttr<"Pipe", "AI Core hardware pipe", [
    I32EnumAttrCase<"s", 0>, I32EnumAttrCase<"mte1", 1>,
    I32EnumAttrCase<"mte2", 2>, I32EnumAttrCase<"mte3", 3>,
    I32EnumAttrCase<"m", 4>, I32EnumAttrCase<"v", 5>,
    I32EnumAttrCase<"fix", 6>, I32EnumAttrCase<"all", 7>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

def AICore_CoreType : I32EnumAttr<"CoreType", "AI Core type", [
    I32EnumAttrCase<"cube", 0>, I32EnumAttrCase<"vector", 1>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

def AICore_RoundMode : I32EnumAttr<"RoundMode", "rounding mode of a conversion", [
    I32EnumAttrCase<"rint", 0>,   // nearest, ties to even (CAST_RINT / CAST_NONE)
    I32EnumAttrCase<"round", 1>,  // nearest, ties away from zero (CAST_ROUND)
    I32EnumAttrCase<"floor", 2>, I32EnumAttrCase<"ceil", 3>,
    I32EnumAttrCase<"trunc", 4>,
    I32EnumAttrCase<"odd", 5>]> { // round to odd (CAST_ODD)
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

def AICore_QuantMode : I32EnumAttr<"QuantMode", "fixpipe conversion of L0C results", [
    I32EnumAttrCase<"none", 0>,         // f32 -> f32, i32 -> i32
    I32EnumAttrCase<"f32_to_f16", 1>,
    I32EnumAttrCase<"f32_to_bf16", 2>,
    I32EnumAttrCase<"requant", 3>,      // i32 -> i8 with a scale
    I32EnumAttrCase<"dequant", 4>]> {   // i32 -> f16 with a scale
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

def AICore_Layout : I32EnumAttr<"Layout", "data layout of a tile", [
    I32EnumAttrCase<"nd", 0>,   // row-major
    I32EnumAttrCase<"nz", 1>]> { // fractal: 16 x (32 B) blocks, blocks column-major
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::aicore";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class AICore_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<AICore_Dialect, info, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def AICore_AddressSpaceAttr : AICore_EnumAttr<AICore_AddressSpace, "space"> {
  let summary = "an AI Core address space, used as a memref memory space";
  let description = [{
    `gm` is global memory (HBM, shared by all cores); `l1`, `l0a`, `l0b`, `l0c`
    belong to the cube core and `ub` (unified buffer) to a vector core. Example:
    `memref<128x128xf16, #aicore.space<ub>>`.
  }];
}
def AICore_PipeAttr : AICore_EnumAttr<AICore_Pipe, "pipe"> {
  let summary = "a hardware pipe (S, MTE1, MTE2, MTE3, M, V, FIX, or ALL for barriers)";
}
def AICore_CoreTypeAttr : AICore_EnumAttr<AICore_CoreType, "core"> {
  let summary = "the core type of a split block: the cube core or a vector core";
}
def AICore_RoundModeAttr : AICore_EnumAttr<AICore_RoundMode, "round"> {
  let summary = "rounding mode: rint (ties to even), round (ties away), floor, ceil, trunc, odd";
}
def AICore_QuantModeAttr : AICore_EnumAttr<AICore_QuantMode, "quant"> {
  let summary = "fixpipe conversion applied to L0C results on their way out";
}
def AICore_LayoutAttr : AICore_EnumAttr<AICore_Layout, "layout"> {
  let summary = "data layout: nd (row-major) or nz (16 x 32 B fractals)";
}

def AICore_TargetAttr : AttrDef<AICore_Dialect, "Target"> {
  let mnemonic = "target";
  let summary = "the Ascend SoC a module is compiled for";
  let description = [{
    Selects the target description (buffer sizes, core topology, bandwidths,
    latencies) that verifiers and the cycle model read. Set it on the module:

    ```mlir
    module attributes {aicore.target = #aicore.target<"Ascend910B2">} {}
    ```

    Known targets: Ascend910B2, Ascend910B4, Ascend310P. A module without the
    attribute is verified against Ascend910B2, the primary target.
  }];
  let parameters = (ins StringRefParameter<"SoC name">:$name);
  let assemblyFormat = "`<` $name `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The target description; never null for a verified attribute.
    const ::mlir::aicore::TargetInfo &getInfo() const;
  }];
}

def AICore_KernelAttr : AttrDef<AICore_Dialect, "Kernel"> {
  let mnemonic = "kernel";
  let summary = "marks a func.func as a kernel entry launched on block_dim blocks";
  let description = [{
    ```mlir
    func.func @add(%x: memref<4096xf16, #aicore.space<gm>>)
        attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} { ... }
    ```
    `block_dim` is the number of logical blocks; each runs the body with its
    own `aicore.block_idx`. It may exceed the number of physical cores, in
    which case blocks run in waves.
  }];
  let parameters = (ins "int64_t":$block_dim);
  let assemblyFormat = "`<` `block_dim` `=` $block_dim `>`";
  let genVerifyDecl = 1;
}

#endif // ASCEND_AICORE_ATTRS
