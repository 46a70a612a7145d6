//===- Passes.td - passes over ascend IR and kernels ------*- tablegen -*-===//
//
// Kept in alphabetical order of the def names.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_TRANSFORMS_PASSES
#define ASCEND_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def InsertSyncPass : Pass<"ascend-insert-sync", "func::FuncOp"> {
  let summary = "Order the tile ops of a kernel with flags, barriers and cross-core flags";
  let description = [{
    Inserts `aicore.set_flag` / `aicore.wait_flag` pairs (and, only when event
    ids run out, `aicore.pipe_barrier`) so that every two tile ops of one core
    that run on different pipes and touch overlapping bytes, at least one of
    them writing (RAW, WAR, WAW), are ordered; and `aicore.cross_core_set_flag`
    / `aicore.cross_core_wait_flag` between the cube and vector regions of a
    split kernel. Pipes are in order, so ops on one pipe need nothing.
    Existing flags and barriers are kept and followed: what they already
    order gets nothing new, so running the pass on a synchronised kernel adds
    nothing (or only what was missing). Run it after `ascend-plan-memory`:
    buffers that share bytes depend on each other through memory.

    Rules:
    - Accesses: a tile op (`aicore::TileOpInterface`) accesses what its
      `MemoryEffectOpInterface` effects name, on the pipe the interface
      answers; `memref.load` / `memref.store` access on the scalar pipe S. An
      op with other memory effects on a memref, or a region op other than
      `scf.for`, `scf.if` and `aicore.core`, is an error.
    - Aliasing: every memref is traced back through `memref.subview`,
      `memref.collapse_shape`, `memref.expand_shape` and `memref.cast` to its
      `aicore.alloc` or function argument. Two views of one root overlap
      unless their static offsets, sizes and strides prove them disjoint
      (row by row, as the hazard checker does). Two allocs share bytes only
      when both have an `offset` and their byte ranges meet; an alloc without
      an offset gets bytes of its own (the interpreter's placement), except
      that it may overlap any alloc of its space that has an offset. GM
      arguments are assumed not to alias each other: two different
      arguments never overlap. A view whose root cannot be traced (e.g. an
      iteration argument) overlaps everything in its space.
    - Placement: for a dependency from `a` (pipe P) to `b` (pipe Q) the set
      goes right after the op holding `a` and the wait right before the op
      holding `b`, in the innermost block containing both. A dependency an
      `scf.for` carries from one iteration to the next (e.g. the next
      iteration's MTE2 load overwrites what this iteration's V op reads) gets
      its set and wait in the loop body, one more set right before the loop
      (the first iteration's wait passes) and one more wait right after it
      (the last set is consumed), so every set has exactly one wait. Ops
      inside an `scf.if` are ordered at the `scf.if` when the other op is
      outside it; flags inside a branch only count for ops in that branch.
    - Redundancy: before inserting anything the pass replays the kernel's
      happens-before relation the way ascend-run's hazard checker builds it
      (vector clocks per pipe, flags, barriers; loops replayed for two
      iterations, and also for none when the trip count may be zero) and
      inserts a flag only for a dependency nothing orders yet, transitively:
      a P -> Q flag followed on Q by a Q -> R flag orders P before R.
      Dependencies are taken in program order of their later op, the latest
      earlier op first, so one flag after the last of several loads covers
      them all. Afterwards every inserted flag that later flags made
      redundant is removed again.
    - Event ids: per ordered pipe pair, ids in `[0, max-event-ids)` (default:
      the target's limit, 8 on Ascend910B2) not used by flags already in the
      function; flags whose live ranges (set to wait, around the back edge
      for loop-carried ones) do not meet share an id. A flag that finds no
      free id becomes an `aicore.pipe_barrier` on its source pipe (`<all>`
      when that is S) at its wait, with a remark. No `<all>` barrier is used
      otherwise.
    - Cross-core (split targets, kernels with `aicore.core` regions): for a
      GM argument written by one region and read by the other, the writing
      region's accesses come first (the sequential meaning of the kernel).
      The set goes on the writing op's pipe right after the top-level op of
      its region that holds it, the wait on the reading op's pipe right
      before the top-level op holding the read, so whole loops are ordered
      (correct, not pipelined). Flag ids come from the target's
      cross-core flags not used in the function; pairs whose sets and waits
      are in the same order share one. Errors: overlapping GM bytes written
      by both regions (the order is ambiguous), cross-core dependencies in
      both directions that would wait for each other (deadlock), and more
      flag ids than the target has.

    Example (Ascend910B2, vector core): the loop-carried WAR on `%ub`
    (the next load overwrites what this iteration's add reads) gets the
    V -> MTE2 flag around the back edge.

    ```mlir
    scf.for %i = %c0 to %c4 step %c1 {
      mte.copy %xs, %ub : ...
      vec.add %ub, %ub, %res : ...
      mte.copy %res, %zs : ...
    }
    ```

    becomes

    ```mlir
    aicore.set_flag <v> -> <mte2> event 0
    aicore.set_flag <mte3> -> <v> event 0
    scf.for %i = %c0 to %c4 step %c1 {
      aicore.wait_flag <v> -> <mte2> event 0
      mte.copy %xs, %ub : ...
      aicore.set_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte3> -> <v> event 0
      vec.add %ub, %ub, %res : ...
      aicore.set_flag <v> -> <mte2> event 0
      aicore.set_flag <v> -> <mte3> event 0
      aicore.wait_flag <v> -> <mte3> event 0
      mte.copy %res, %zs : ...
      aicore.set_flag <mte3> -> <v> event 0
    }
    aicore.wait_flag <v> -> <mte2> event 0
    aicore.wait_flag <mte3> -> <v> event 0
    ```
  }];
  let options = [
    Option<"maxEventIds", "max-event-ids", "unsigned", /*default=*/"0",
           "Event ids per ordered pipe pair the pass may use; 0 means the "
           "target's limit. Smaller values exercise the barrier fallback">,
  ];
  let dependentDialects = ["aicore::AICoreDialect"];
}

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
