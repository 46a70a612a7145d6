//===- VecAttrs.td - compare predicates, reduction kinds -*- tablegen -*-===//
#ifndef ASCEND_VEC_ATTRS
#define ASCEND_VEC_ATTRS

include "AscendDialect/Vec/VecDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Vec_CmpPredicate : I32EnumAttr<"CmpPredicate", "vec.compare predicate", [
    I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>,
    I32EnumAttrCase<"lt", 2>, I32EnumAttrCase<"le", 3>,
    I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::vec";
}

def Vec_ReductionKind : I32EnumAttr<"ReductionKind", "vec reduction", [
    I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"max", 1>,
    I32EnumAttrCase<"min", 2>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::vec";
}

class Vec_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<Vec_Dialect, info, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def Vec_CmpPredicateAttr : Vec_EnumAttr<Vec_CmpPredicate, "predicate"> {
  let summary = "comparison of vec.compare: eq, ne, lt, le, gt or ge";
}

def Vec_ReductionKindAttr : Vec_EnumAttr<Vec_ReductionKind, "reduction"> {
  let summary = "combining function of a reduction: sum, max or min";
}

#endif // ASCEND_VEC_ATTRS
