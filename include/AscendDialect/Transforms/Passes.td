//===- Passes.td - passes over ascend IR and kernels ------*- tablegen -*-===//
//
// Kept in alphabetical order of the def names.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_TRANSFORMS_PASSES
#define ASCEND_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def PlanMemoryPass : Pass<"ascend-plan-memory", "func::FuncOp"> {
  let summary = "Give every on-chip buffer an offset, reusing bytes between buffers that are not live together";
  let description = [{
    Places every `aicore.alloc` without an `offset` attribute at a byte offset
    in its space, so that no two buffers that are live at the same time share
    a byte, every offset is a multiple of the space's alignment on the
    module's target (32 B in UB and L1, 512 B in L0A/L0B/L0C) and every buffer
    ends inside the space's capacity. Run it before `ascend-insert-sync`.

    Rules:
    - Each function is planned on its own, each space separately. On a split
      target a space belongs to one core type (L1/L0* to the cube core, UB to
      the vector cores; the verifier keeps them in their `aicore.core`
      regions), so the cube region's and the vector region's buffers are never
      planned into one another; allocs outside the regions run on the core
      that owns their space and share its buffer with that core's region.
    - Live range of a buffer: from its first use to its last use, a use being
      any use of the alloc's result or of a value derived from it (results of
      view ops such as `memref.subview`, `memref.collapse_shape`,
      `memref.expand_shape`, `memref.cast`, recursively, and values a region
      op or its terminator carries it into). A use inside a loop
      (`scf.for`, `scf.while`, ...) that does not contain the alloc makes the
      buffer live over the whole loop; a buffer carried through a loop's
      iteration arguments or results is live over the whole loop. An alloc
      that is never used is live at its own position.
    - Allocs that have an `offset` are fixed: they are kept, and no other
      buffer overlaps them while both are live.
    - Algorithm (deterministic): a linear scan over the buffers in order of
      the start of their live ranges (ties: the larger first, then program
      order); each goes at the lowest aligned offset (first fit) where it
      overlaps no fixed or already placed buffer whose live range meets its
      own.
    - When a buffer does not fit, the pass fails with an error at its alloc
      that names the space, the bytes it needs (rounded up to the alignment),
      the bytes free while it is live out of the target's capacity, and the
      live buffers that take the space, each with a note at its alloc.

    Buffers that share bytes now depend on each other through memory: a pipe
    that writes the later buffer must wait until the pipes using the earlier
    one are done. `ascend-insert-sync` orders that. A kernel whose sync was
    written by hand should be planned with `reuse=false`.

    Example (Ascend910B2): `%a` is dead before `%c` is first used, so `%c`
    reuses its bytes; `%b` is live across both.

    ```mlir
    %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %c = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %a : ...
    vec.exp %a, %b : ...
    mte.copy %y, %c : ...
    vec.add %c, %b, %c : ...
    ```

    becomes

    ```mlir
    %a = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc {offset = 2048 : i64} : memref<1024xf16, #aicore.space<ub>>
    %c = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
    ```
  }];
  let options = [
    Option<"reuse", "reuse", "bool", /*default=*/"true",
           "Let buffers whose live ranges do not overlap share bytes; false "
           "gives every buffer of a function its own bytes (for kernels "
           "synchronised by hand, and for debugging)">,
  ];
  let dependentDialects = ["aicore::AICoreDialect"];
}

#endif // ASCEND_TRANSFORMS_PASSES
