//===- AICoreDialect.td - the AI Core: spaces, pipes, sync -*- tablegen -*-===//
#ifndef ASCEND_AICORE_DIALECT
#define ASCEND_AICORE_DIALECT

include "mlir/IR/OpBase.td"

def AICore_Dialect : Dialect {
  let name = "aicore";
  let summary = "The Ascend AI Core: address spaces, pipes, events, cores, sync and targets.";
  let description = [{
    `aicore` models the parts of an Ascend AI Core that every kernel-level op
    refers to: the on-chip address spaces (`#aicore.space<ub>`), the in-order
    hardware pipes (`#aicore.pipe<mte2>`), event ids used by `set_flag` /
    `wait_flag`, the two core types of a split (910B) block, and the target SoC
    a module is compiled for (`#aicore.target<"Ascend910B2">`).

    Tiles are builtin memrefs whose memory space is an `#aicore.space`
    attribute. Ops of the `mte`, `cube` and `vec` dialects act on such tiles and
    answer, through `TileOpInterface`, which pipe and which core type runs them.
  }];
  let cppNamespace = "::mlir::aicore";
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
  let extraClassDeclaration = [{
    /// Name of the module attribute that selects the target SoC.
    static constexpr ::llvm::StringLiteral getTargetAttrName() { return "aicore.target"; }
    /// Name of the function attribute that marks a kernel entry.
    static constexpr ::llvm::StringLiteral getKernelAttrName() { return "aicore.kernel"; }
    /// Name of the argument attribute that ties a host's result argument to
    /// an earlier argument: the caller passes one buffer for both, and the
    /// host updates it in place (reshape_and_cache's KV caches).
    static constexpr ::llvm::StringLiteral getAliasesAttrName() { return "aicore.aliases"; }
  private:
    void registerAttributes();
  public:
  }];
}

class AICore_Op<string mnemonic, list<Trait> traits = []>
    : Op<AICore_Dialect, mnemonic, traits>;

#endif // ASCEND_AICORE_DIALECT
