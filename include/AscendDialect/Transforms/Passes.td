//===- Passes.td - passes over ascend IR and kernels ------*- tablegen -*-===//
//
// Kept in alphabetical order of the def names.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_TRANSFORMS_PASSES
#define ASCEND_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FuseAttentionPass : Pass<"ascend-fuse-attention", "func::FuncOp"> {
  let summary = "Fuse softmax(scale * Q.K^T + mask) . V into ascend.flash_attention or ascend.paged_attention";
  let description = [{
    Finds unfused scaled dot-product attention in tensor-level `ascend` IR
    (what `ascend-raise-linalg` makes of torch-mlir's or StableHLO's
    attention) and replaces it with one `ascend.flash_attention`, or, for
    decode over a paged KV cache (below), one `ascend.paged_attention`.
    Anything that is not exactly attention is left as it is;
    `report-unmatched` attaches a remark saying why to each softmax that
    sits between matmuls but was left alone, and to each attention
    over a gathered cache that became flash_attention instead of
    paged_attention.

    Rules (every size static; the match starts at an `ascend.softmax`):
    - Q.K^T: an `ascend.batch_matmul` of `Q3` `[B*Nq, Sq, D]` (no
      `transpose_a`) and K, with `transpose_b` (`K3` `[B*Nq, Skv, D]`) or
      without it when K is a `linalg.transpose` (or copying `linalg.generic`)
      of the last two dims, seen through `tensor.collapse_shape`s of the
      batch dims. Its result has Q's element type, f16 or bf16, optionally
      viewed as `[B, Nq, Sq, Skv]` by a `tensor.expand_shape` (torch-mlir's
      4-D matmul).
    - Scale: that product multiplied by a splat constant (either side;
      `scale` = the constant) or divided by one (`scale` = 1 / constant,
      e.g. `sqrt(D)`); the constant's value as stored (e.g. rounded to f16)
      is what the attribute gets, converted to f32. An unscaled
      softmax(Q.K^T).V is not fused: every attention frontends emit is
      scaled, so a softmax over raw products is taken to be something else.
    - Mask (optional): `ascend.add` of the scaled scores and a tensor that
      does not enlarge them. A constant whose leading dims are 1 and whose
      last two are `[Sq, Skv]`, -inf exactly where `j > i + Skv - Sq` and
      (either signed) zero elsewhere, becomes `causal` (bottom-right
      aligned; only for `Sq <= Skv`). Any other tensor becomes the `mask`
      operand: kept as it is when its batch dims broadcast (are 1) or are
      `[B, Nq]`, reshaped when it spells all the batch dims another way. A
      mask added before the scale, multiplied in, or of another kind is not
      attention's additive mask.
    - Softmax: over the last (key) dim only.
    - One head written without a batch dim (2-D `ascend.matmul`s, the
      scale and mask ops and a softmax over dim 1 of `[Sq, Skv]`) is
      matched as a copy with a unit batch dim (`B = Nq = 1`); fused, the
      copy's result viewed back as `[Sq, Dv]` replaces the chain's,
      otherwise the copy is taken back.
    - P.V: the softmax result (viewed as `[B*Nq, Sq, Skv]` by a
      `tensor.collapse_shape` when 4-D) is the left operand of an
      `ascend.batch_matmul` without transpose flags whose right operand is V
      `[B*Nq, Skv, Dv]` and whose result has Q's element type. Its result,
      or the `tensor.expand_shape` to `[B, Nq, Sq, Dv]` that is its only
      user, is replaced.
    - Heads: K and V traced back through batch-dim collapses to a
      `[B, Nkv, rep, S, D]` tensor that repeats `[B, Nkv, S, D]` along dim 2
      (`linalg.broadcast`, or a broadcasting `linalg.generic` of a unit dim
      after `tensor.expand_shape`: HuggingFace's `repeat_kv`) are
      grouped-query attention: the fused op reads the `Nkv` heads directly.
      K and V must both repeat, the same way. Otherwise every head is its
      own KV head and the batch dim is split into `[B, Nq]` as the scores,
      Q, K, V or result spell it (any split computes the same), or `[1,
      B*Nq]` when all are 3-D; operands are reshaped to 4-D with
      `tensor.collapse_shape` / `tensor.expand_shape`.
    - No work is duplicated: Q.K^T, its 4-D view, the scaled and masked
      scores, the softmax and its 3-D view must each have one user. The
      ops of the chain, and producers left without users (collapses,
      transposes, repeats, the causal constant), are erased.

    Numerics: the fused op keeps the scores in f32 and rounds once where the
    unfused chain rounds Q.K^T, the scaled and the masked scores to f16 or
    bf16, so the result is the same attention up to that rounding, not bit
    for bit (see ascend.flash_attention).

    Not recognised: scores computed in f32 and cast, the scale applied to Q
    or K before the product, dynamic shapes.

    Paged decode (becomes `ascend.paged_attention`): when K or V of a
    matched attention is read from a `tensor.gather`, the chain is checked
    against the unfused paged form; what fails becomes `flash_attention` as
    above (gathers and all), with a `report-unmatched` remark saying why it
    is not `paged_attention`. The form:
    - Cache reads: K and V, before any GQA repeat, are each the `[0, 2, 1,
      3]` transpose (`linalg.transpose` or a copying `linalg.generic`) of a
      `tensor.collapse_shape` to `[B, T, Nkv, D]` of
      `tensor.gather %cache[%idx] gather_dims([0])`: `%cache`
      `[num_blocks, block_size, Nkv, D]`, `%idx` `[B, max_blocks, 1]` i32,
      result `[B, max_blocks, block_size, Nkv, D]` (or with the unit
      gathered dim kept, `[B, max_blocks, 1, block_size, Nkv, D]`), so
      `T = max_blocks * block_size`. Both gathers use one table: the same
      `%idx`, or `tensor.expand_shape`s of the same `[B, max_blocks]`
      tensor. `B` and `Nkv` are the attention's; `Sq = 1`.
    - Mask: the additive mask is a `linalg.generic`, seen through
      `tensor.expand_shape` / `tensor.collapse_shape` and copying linalg ops
      (`linalg.broadcast`, transposes) that keep the last (key) dim. It has
      one input, `context_lens` `[B]` i32, read at one loop dim (`b`), and
      an identity-mapped result with `T` entries in its last dim, and yields
      `arith.select(arith.cmpi slt (t, len), 0, -inf)` with
      `t = linalg.index` of the last dim: `ult` works too, as do `sge` /
      `uge` with the select's arms swapped, the operands in either order and
      `arith.index_cast(ui)` on either; 0 of either sign, -inf exactly. The
      score of query head `h` of sequence `b` must read the mask element
      computed for `b` (checked for every `b` and `h`).
    - Rewrite: `ascend.paged_attention` of Q as `[B, Nq, D]`, the two
      caches, the `[B, max_blocks]` table (the tensor `%idx` expands, else
      `%idx` collapsed), `context_lens` and the scale, expanded to
      `[B, Nq, 1, Dv]` and reshaped as the chain's result was. Gathers,
      transposes, repeats and the mask generic (with the constants only its
      body reads) are erased when nothing else uses them.

    What the form computes: for every `b`, `h` and `t < T`, the key
    `key_cache[idx[b, t / block_size], t % block_size, g]` (likewise the
    value) gets the score `scale * q . k + (t < len[b] ? 0 : -inf)`; the
    masked keys get weight `exp(-inf) = 0`. For `1 <= len[b] <= T`, every
    table entry in `[0, num_blocks)` and finite cache rows past `len[b]`,
    that is paged_attention's definition (which reads only `t < len[b]`),
    up to the rounding of the scores noted above. Outside that they differ:
    the gather reads every table entry (an out-of-range one is undefined
    for `tensor.gather`), while paged_attention ignores entries past
    `ceil(len[b] / block_size)`; `len[b] <= 0` gives NaN rows unfused (a
    softmax of all -inf), `len[b] > T` attends all `T` keys unfused, both
    undefined for paged_attention; a NaN or infinity in a padding row makes
    the unfused row NaN (`NaN + -inf`, `inf + -inf`) and is not read by
    paged_attention. HuggingFace's `finfo.min` instead of -inf hides keys
    only approximately and is not matched. Other spellings that are not
    recognised: a K^T transpose `[0, 2, 3, 1]` folded into one op, block
    tables of another integer type, a mask that is not one generic.

    ```mlir
    %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 4, 1]
        : tensor<2x4xi32> into tensor<2x4x1xi32>
    %kg = tensor.gather %key_cache[%idx] gather_dims([0])
        : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x4x16xf16>
    %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]]
        : tensor<2x4x16x4x16xf16> into tensor<2x64x4x16xf16>
    %k = linalg.transpose ins(%kf : tensor<2x64x4x16xf16>)
        outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
    // ... %v likewise from %value_cache and %idx
    %m = linalg.generic {indexing_maps = [affine_map<(b, h, i, t) -> (b)>,
                                          affine_map<(b, h, i, t) -> (b, h, i, t)>],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x64xf16>) {
    ^bb0(%len: i32, %out: f16):
      %t = linalg.index 3 : index
      %l = arith.index_cast %len : i32 to index
      %keep = arith.cmpi slt, %t, %l : index
      %r = arith.select %keep, %zero, %neg_inf : f16
      linalg.yield %r : f16
    } -> tensor<2x1x1x64xf16>
    // ... then the attention above with Q [2, 4, 1, 16], K %k, V %v, the
    // scale 0.25 and `ascend.add %scores, %m`, ending in %o [2, 4, 1, 16]
    ```

    becomes

    ```mlir
    %q3 = tensor.collapse_shape %q [[0], [1], [2, 3]]
        : tensor<2x4x1x16xf16> into tensor<2x4x16xf16>
    %o3 = ascend.paged_attention %q3, %key_cache, %value_cache
        block_tables %tables context_lens %lens scale 2.500000e-01
        : tensor<2x4x16xf16>, tensor<16x16x4x16xf16>, tensor<16x16x4x16xf16>,
          tensor<2x4xi32>, tensor<2xi32> -> tensor<2x4x16xf16>
    %o = tensor.expand_shape %o3 [[0], [1], [2, 3]] output_shape [2, 4, 1, 16]
        : tensor<2x4x16xf16> into tensor<2x4x1x16xf16>
    ```

    Example:

    ```mlir
    %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]]
        : tensor<1x8x128x64xf16> into tensor<8x128x64xf16>
    %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]]
        : tensor<1x8x128x64xf16> into tensor<8x128x64xf16>
    %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]]
        : tensor<1x8x128x64xf16> into tensor<8x128x64xf16>
    %s = ascend.batch_matmul %q3, %k3 {transpose_b}
        : tensor<8x128x64xf16>, tensor<8x128x64xf16> -> tensor<8x128x128xf16>
    %t = ascend.div %s, %sqrt_d
        : tensor<8x128x128xf16>, tensor<f16> -> tensor<8x128x128xf16>
    %p = ascend.softmax %t dim 2 : tensor<8x128x128xf16> -> tensor<8x128x128xf16>
    %o3 = ascend.batch_matmul %p, %v3
        : tensor<8x128x128xf16>, tensor<8x128x64xf16> -> tensor<8x128x64xf16>
    %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 8, 128, 64]
        : tensor<8x128x64xf16> into tensor<1x8x128x64xf16>
    ```

    becomes (`%sqrt_d` = 8.0)

    ```mlir
    %o = ascend.flash_attention %q, %k, %v scale 1.250000e-01
        : tensor<1x8x128x64xf16>, tensor<1x8x128x64xf16>,
          tensor<1x8x128x64xf16> -> tensor<1x8x128x64xf16>
    ```
  }];
  let options = [
    Option<"reportUnmatched", "report-unmatched", "bool", /*default=*/"false",
           "Emit a remark at each softmax that sits between matmuls "
           "but is not fused, or that reads a gathered KV cache but is not "
           "paged_attention, saying why">,
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def FuseVectorPass : Pass<"ascend-fuse-vector", "func::FuncOp"> {
  let summary = "Fuse chains of elementwise and row-wise ascend ops into ascend.fused_vector";
  let description = [{
    Vector-vector fusion: groups elementwise ascend ops (`add` ... `cast`)
    and row-wise ones (`softmax` over the last dim, `rms_norm`) into one
    `ascend.fused_vector`, which lowers to one vector kernel with its
    intermediates in UB instead of one launch per op with every
    intermediate through GM.

    Rules, walking each block from its end:
    - An op joins the chain of its users when those of its users that are
      in chains are all in one chain and its result has that chain's shape
      (a value that broadcasts inside the chain, e.g. a bias row computed by
      another op, stays an input, computed by its own kernel). Users outside
      every chain must come after the chain's last op: the value is then one
      more result of the fused op (the residual sum before an RMSNorm).
    - An op that convert-ascend-to-aicore could not lower on its own (a cast
      mode the target lacks, bf16 on 310P), or a row-wise op whose rows do
      not fit UB whole, is not fused, so its error or its chunked kernel
      stays its own.
    - The lowering is asked whether it can make each chain one kernel
      (`explainUnfusable`); a chain with a row-wise op whose rows do not fit
      UB with every tile of the chain is fused again without its row-wise
      ops.
    - A chain of one op is left as it is.
    The fused op stands where the chain's last op stood; the chain's inputs
    are its operands, deduplicated, in the order the body first reads them.

    Numerics: unchanged, bit for bit. Every intermediate keeps its element
    type and is rounded as the unfused program rounds it (see
    `ascend.fused_vector`).

    `report-skipped` attaches a remark to each elementwise op that reads or
    feeds another elementwise op but was left out of its chain, saying why.

    Example: a sigmoid as torch-mlir's one `linalg.generic` raises to four
    ops and becomes

    ```mlir
    %s = ascend.fused_vector ins(%x, %one : tensor<16x4096xf16>, tensor<f16>)
        -> tensor<16x4096xf16> {
    ^bb0(%a: tensor<16x4096xf16>, %c: tensor<f16>):
      %n = ascend.neg %a : tensor<16x4096xf16> -> tensor<16x4096xf16>
      %e = ascend.exp %n : tensor<16x4096xf16> -> tensor<16x4096xf16>
      %d = ascend.add %e, %c : tensor<16x4096xf16>, tensor<f16> -> tensor<16x4096xf16>
      %r = ascend.reciprocal %d : tensor<16x4096xf16> -> tensor<16x4096xf16>
      ascend.yield %r : tensor<16x4096xf16>
    }
    ```
  }];
  let options = [
    Option<"reportSkipped", "report-skipped", "bool", /*default=*/"false",
           "Emit a remark at each elementwise op next to a chain but left "
           "out of it, saying why">,
  ];
  // Asking the lowering whether a chain fits builds a probe tile of kernel
  // ops.
  let dependentDialects = ["mlir::aicore::AICoreDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::mte::MTEDialect",
                           "mlir::vec::VecDialect"];
}

def InsertSyncPass : Pass<"ascend-insert-sync", "func::FuncOp"> {
  let summary = "Order the tile ops of a kernel with flags, barriers and cross-core flags";
  let description = [{
    Inserts `aicore.set_flag` / `aicore.wait_flag` pairs (and, only when event
    ids run out, `aicore.pipe_barrier`) so that every two ops of one core
    that run on different pipes and touch overlapping bytes, at least one of
    them writing (RAW, WAR, WAW), are ordered; and `aicore.cross_core_set_flag`
    / `aicore.cross_core_wait_flag` between the cube and vector regions of a
    split kernel. Ops on one pipe need nothing: pipes are in order. Existing
    flags and barriers are kept and followed, so the pass adds nothing to a
    kernel they already order, and only what is missing to a partly
    synchronised one. Run it after `ascend-plan-memory`: buffers that share
    bytes depend on each other through memory.

    Rules:
    - Accesses: a tile op (`aicore::TileOpInterface`) reads and writes what
      its `MemoryEffectOpInterface` effects name, on the pipe the interface
      answers; `memref.load` / `memref.store` access memory on the scalar
      pipe S (as ascend-run runs them). Another op with memory effects on a
      memref, or a region op other than `scf.for`, `scf.if` and
      `aicore.core` (directly in the function), is an error.
    - Aliasing: each memref is traced back through `memref.subview`,
      `memref.collapse_shape`, `memref.expand_shape` and `memref.cast` to
      its `aicore.alloc` or function argument. Two views of one root overlap
      unless their static offsets, sizes and strides prove them disjoint
      (row by row, as the hazard checker compares tiles). Two allocs share
      bytes only if both have an `offset` and their byte ranges meet; an
      alloc without an offset has bytes of its own but may overlap any alloc
      of its space that has one. Assumption: different GM arguments never
      alias (a kernel's GM arguments are distinct buffers); views of one
      argument with dynamic offsets may overlap. A view whose root cannot be
      traced (e.g. an `scf.for` iteration argument) overlaps everything in
      its space.
    - Placement: for a dependency from `a` (pipe P) to `b` (pipe Q) the set
      goes right after the op holding `a` and the wait right before the op
      holding `b`, in the innermost block holding both; so an op after an
      `scf.if` or `scf.for` waits for the whole of it, and flags inside a
      branch order only that branch's ops. A dependency an `scf.for`
      carries into its next iteration (e.g. the next iteration's MTE2 load
      overwrites what this iteration's V op reads) gets its set and wait in
      the loop body, one more set right before the loop (the first
      iteration's wait passes) and one more wait right after it (the last
      set is consumed): every set has exactly one wait. When two loops in a
      row carry flags between the same pipes, the wait after the first and
      the set before the second are dropped if everything stays ordered, so
      the second loop's first wait takes the first loop's last set (as in
      examples/softmax_online.mlir).
    - Redundancy: the pass replays the kernel's happens-before relation the
      way ascend-run's hazard checker builds it (a vector clock per pipe;
      flags, barriers; loops replayed for two iterations, and also for none
      when the trip count is not a known constant; both branches of an
      `scf.if`, keeping what holds on both) and inserts a flag only for a
      dependency nothing orders yet, transitively: a P -> Q flag followed on
      Q by a Q -> R flag orders P before R. Dependencies are taken in trace
      order of their later op and, for one op, latest earlier op first, so
      one flag after the last of several loads covers them all. Afterwards
      every inserted flag without which everything stays ordered is removed.
    - Event ids: per ordered pipe pair, from `[0, max-event-ids)` (default:
      the target's limit, 8 on Ascend910B2) minus ids the function's own
      flags use. Flags that are never pending together (set to wait, around
      the back edge for loop-carried ones, in program order) share an id. A
      flag that finds no free id becomes an `aicore.pipe_barrier` on its
      source pipe (`<all>` when that is S, which no other barrier drains)
      at those of its waits the replay finds needed, each with a remark. No
      `<all>` barrier is used otherwise.
    - Cross-core (kernels with an `aicore.core <cube>` and an `aicore.core
      <vector>` region): when one region writes GM bytes the other reads,
      the writing region goes first (the kernel's sequential meaning). The
      set goes on the writing op's pipe right after the top-level op of its
      region that holds it, the wait on the reading op's pipe right before
      the top-level op holding the read, so whole loops are ordered (correct,
      not pipelined); cross-core flags already at the regions' top level are
      followed. A write in a tile loop body that sets a cross-core flag
      after it, read in a tile loop body that waits for that flag before
      it, is taken as ordered tile by tile (what
      `ascend-software-pipeline` produces; the pairing of tile i's set
      with tile i's wait is the kernel's promise, which ascend-run's hazard
      checker verifies at run time). Ids are the target's cross-core flags (16 on 910B) minus
      those the function uses; pairs in one direction between the same two
      pipes whose sets and waits come in the same order share one. Errors:
      GM bytes written by both regions without flags ordering them (the
      order is ambiguous), dependencies in both directions that would make
      each region wait for the other (deadlock), and running out of ids.
      The two vector cores of a block are not ordered with each other: a
      kernel must give them disjoint GM bytes to write (`aicore.sub_block_idx`).

    Example (Ascend910B2): the next iteration's load overwrites what this
    iteration's add reads, and the next add overwrites what this store reads.

    ```mlir
    scf.for %i = %c0 to %c4096 step %c1024 {
      mte.copy %xs, %ub : ...
      vec.add %ub, %ub, %res : ...
      mte.copy %res, %zs : ...
    }
    ```

    becomes

    ```mlir
    aicore.set_flag <v> -> <mte2> event 0
    aicore.set_flag <mte3> -> <v> event 0
    scf.for %i = %c0 to %c4096 step %c1024 {
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
    aicore.wait_flag <mte3> -> <v> event 0
    aicore.wait_flag <v> -> <mte2> event 0
    ```
  }];
  let options = [
    Option<"maxEventIds", "max-event-ids", "unsigned", /*default=*/"0",
           "Event ids per ordered pipe pair the pass may use (0: the "
           "target's limit; larger values are capped to it). Smaller values "
           "exercise the barrier fallback">,
  ];
  let dependentDialects = ["aicore::AICoreDialect"];
}

def MultiBufferPass : Pass<"ascend-multi-buffer", "func::FuncOp"> {
  let summary = "Give the on-chip buffers of tile loops N-deep rings";
  let description = [{
    A tile loop that allocates its on-chip buffers in its body uses the same
    bytes every iteration, so the load of iteration i+1 must wait until
    iteration i's last reader is done: the pipes take turns. This pass gives
    every such buffer a ring of `depth` buffers and unrolls the loop by
    `depth`, so consecutive iterations use different buffers and
    `ascend-insert-sync` only orders iteration i with iteration i + depth:
    the MTE2 load of the next tile runs while V (or M) computes this one.

    Rules:
    - A loop is multi-buffered when its body (directly, not in a nested
      loop) holds `aicore.alloc`s of on-chip spaces without an `offset`
      (run it before `ascend-plan-memory`) and its trip count is not known
      to be below `depth`. Innermost loops first.
    - The loop is unrolled by `depth` (upstream `scf` unrolling; a trip
      count not known to be a multiple of `depth` gets an epilogue loop that
      uses the first buffer of each ring). Copy j of the body uses buffer j
      of each ring; the rings are allocated right before the loop, where
      they stay live for all its iterations, so `ascend-plan-memory` gives
      every buffer of a ring its own bytes. An outer loop that allocates
      buffers of its own is unrolled with its inner loops and their rings.
    - Capacity: a loop whose rings might not fit is left as it is (with
      `report-skipped`, a remark names the space and the bytes). Counted, as if all were live at
      once: everything the unrolled body allocates and the buffers
      allocated in the blocks around the loop (not those of sibling
      branches or loops, which cannot be live at the same time).
    - `depth` = 1 leaves the function unchanged.

    Example (`depth` = 2):

    ```mlir
    scf.for %i = %c0 to %c8 step %c1 {
      %t = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
      mte.copy ..., %t ...
      vec.exp %t, ...
    }
    ```

    becomes

    ```mlir
    %t0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %t1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    scf.for %i = %c0 to %c8 step %c2 {
      mte.copy ..., %t0 ...
      vec.exp %t0, ...
      %i1 = arith.addi %i, %c1 : index
      mte.copy ..., %t1 ...
      vec.exp %t1, ...
    }
    ```
  }];
  let options = [
    Option<"depth", "depth", "unsigned", /*default=*/"2",
           "Buffers in each ring (1: no multi-buffering)">,
    Option<"reportSkipped", "report-skipped", "bool", /*default=*/"false",
           "Emit a remark for each tile loop left single-buffered, saying "
           "which space its rings would overflow">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect"];
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
      own. If some buffer then fits nowhere, the scan is retried in order
      of size (the larger first), which packs mixed sizes tighter.
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

def SoftwarePipelinePass : Pass<"ascend-software-pipeline", "func::FuncOp"> {
  let summary = "Hand cube tiles to the vector cores one at a time";
  let description = [{
    In a split kernel whose cube region computes tiles into a GM buffer that
    its vector region then reads (a matmul with an elementwise epilogue, as
    `convert-ascend-to-aicore` fuses them), `ascend-insert-sync` alone
    orders the regions as wholes: the vector cores wait until the cube core
    has finished every tile. This pass puts the hand-over into the tile
    loops, so the vector cores work on tile i while the cube core computes
    tile i + 1 (cube-vector pipelining across cores).

    Rules:
    - The kernel has an `aicore.core <cube>` and an `aicore.core <vector>`
      region, each with exactly one top-level `scf.for` tile loop; the two
      loops walk the same tiles (bounds and step computed the same way) and
      the vector loop reads a GM argument the cube loop writes, and neither
      loop holds cross-core flags already (a kernel that hands data over
      inside its loops, such as the FlashAttention ping-pong, orders
      itself). Otherwise the function is left alone (`report-skipped` says
      why).
    - Two free cross-core flag ids are used: `ready` (cube -> vector) is
      set on FIX at the end of each cube iteration and waited for on MTE2 at
      the start of each vector iteration; `consumed` (vector -> cube) is set
      on MTE2 at the end of each vector iteration, once the tile's loads are
      done, and waited for on FIX at the start of each cube iteration. The
      vector region gives `depth` credits before its loop and the cube
      region takes the unused ones after its loop, so every set has its
      wait and the cube core runs at most `depth` tiles ahead (cross-core
      flags are counters; the hardware's are 4 bits deep).
    - Run it after `convert-ascend-to-aicore` and before
      `ascend-multi-buffer` (unrolled loops keep one flag pair per tile) and
      `ascend-insert-sync`, which takes such in-loop cross-core flags as
      ordering the cube's writes before the vector's reads tile by tile and
      adds no region-wide flag (ascend-run's hazard checker verifies the
      pairing at run time).
    - Preload of the single-core pipes (issuing tile i + 1's loads before
      tile i's compute) is not done: in the cycle model the scalar pipe
      issues into unbounded per-pipe queues, so `ascend-multi-buffer`'s
      rings already let each pipe run ahead (docs/CycleModel.md).

    Example (`depth` = 2):

    ```mlir
    aicore.core <cube> {
      scf.for %t = %b to %n step %s {
        ...
        mte.fixpipe %acc, %ws_t : ...
      }
    }
    aicore.core <vector> {
      scf.for %t = %b to %n step %s {
        mte.copy %ws_t, %ub : ...
        vec.relu %ub, %ub : ...
        mte.copy %ub, %out_t : ...
      }
    }
    ```

    becomes

    ```mlir
    aicore.core <cube> {
      scf.for %t = %b to %n step %s {
        aicore.cross_core_wait_flag <fix> flag 1
        ...
        mte.fixpipe %acc, %ws_t : ...
        aicore.cross_core_set_flag <fix> flag 0
      }
      aicore.cross_core_wait_flag <fix> flag 1
      aicore.cross_core_wait_flag <fix> flag 1
    }
    aicore.core <vector> {
      aicore.cross_core_set_flag <mte2> flag 1
      aicore.cross_core_set_flag <mte2> flag 1
      scf.for %t = %b to %n step %s {
        aicore.cross_core_wait_flag <mte2> flag 0
        mte.copy %ws_t, %ub : ...
        vec.relu %ub, %ub : ...
        mte.copy %ub, %out_t : ...
        aicore.cross_core_set_flag <mte2> flag 1
      }
    }
    ```
  }];
  let options = [
    Option<"depth", "depth", "unsigned", /*default=*/"2",
           "Tiles the cube core may run ahead of the vector cores">,
    Option<"reportSkipped", "report-skipped", "bool", /*default=*/"false",
           "Emit a remark saying why a split kernel was not pipelined">,
  ];
  let dependentDialects = ["aicore::AICoreDialect"];
}

#endif // ASCEND_TRANSFORMS_PASSES
