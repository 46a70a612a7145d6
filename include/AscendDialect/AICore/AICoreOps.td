//===- AICoreOps.td - kernel structure, sync, allocation --*- tablegen -*-===//
#ifndef ASCEND_AICORE_OPS
#define ASCEND_AICORE_OPS

include "AscendDialect/AICore/AICoreDialect.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Kernel structure
//===----------------------------------------------------------------------===//

def AICore_BlockIdxOp : AICore_Op<"block_idx", [Pure]> {
  let summary = "index of the block running this kernel instance";
  let description = [{
    Returns the logical block index in `[0, block_dim)`. On split targets the
    cube core and both vector cores of a block see the same value.

    ```mlir
    %b = aicore.block_idx
    ```
  }];
  let results = (outs Index:$result);
  let assemblyFormat = "attr-dict";
}

def AICore_BlockDimOp : AICore_Op<"block_dim", [Pure]> {
  let summary = "number of logical blocks the kernel was launched on";
  let description = [{
    Returns the `block_dim` of the enclosing kernel's `#aicore.kernel`.

    ```mlir
    %n = aicore.block_dim
    ```
  }];
  let results = (outs Index:$result);
  let assemblyFormat = "attr-dict";
}

def AICore_SubBlockIdxOp : AICore_Op<"sub_block_idx", [Pure]> {
  let summary = "index of the vector core within its block (0 or 1 on 910B)";
  let description = [{
    On split targets each block has two vector cores running the vector
    region; this returns which one is running (0 or 1). It is 0 on the cube
    core and on coupled targets.

    ```mlir
    %v = aicore.sub_block_idx
    ```
  }];
  let results = (outs Index:$result);
  let assemblyFormat = "attr-dict";
}

def AICore_CoreOp : AICore_Op<"core", [SingleBlock, NoTerminator]> {
  let summary = "the part of a kernel that runs on one core type";
  let description = [{
    On split targets (910B) a block is one cube core and two vector cores
    with separate buffers. A kernel that uses both holds one `aicore.core`
    region per core type; the cube region may only use cube-core buffers
    (L1, L0A, L0B, L0C) and pipes, the vector region only UB and vector
    pipes. Data moves between them through GM, ordered by cross-core flags.

    ```mlir
    aicore.core <cube> {
      aicore.cross_core_set_flag <fix> flag 0
    }
    aicore.core <vector> {
      aicore.cross_core_wait_flag <mte2> flag 0
    }
    ```
  }];
  let arguments = (ins AICore_CoreTypeAttr:$core_type);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$core_type attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Synchronisation
//===----------------------------------------------------------------------===//

class AICore_FlagOp<string mnemonic> : AICore_Op<mnemonic> {
  let arguments = (ins AICore_PipeAttr:$src_pipe, AICore_PipeAttr:$dst_pipe,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$event_id);
  let assemblyFormat = "$src_pipe `->` $dst_pipe `event` $event_id attr-dict";
  let hasVerifier = 1;
}

def AICore_SetFlagOp : AICore_FlagOp<"set_flag"> {
  let summary = "signal an event from one pipe to another of the same core";
  let description = [{
    Issued on `src_pipe`: once every earlier instruction of `src_pipe` has
    finished, event `event_id` of the pipe pair becomes set. A matching
    `aicore.wait_flag` on `dst_pipe` blocks that pipe until then and clears
    the event. Event ids are limited per pipe pair by the target (8 on 910B).

    ```mlir
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    ```
  }];
}

def AICore_WaitFlagOp : AICore_FlagOp<"wait_flag"> {
  let summary = "block a pipe until an event from another pipe is set";
  let description = [{
    Issued on `dst_pipe`: later instructions of `dst_pipe` do not start until
    the `aicore.set_flag` with the same pipes and event id has fired; the
    event is then cleared.

    ```mlir
    aicore.wait_flag <mte2> -> <v> event 0
    ```
  }];
}

def AICore_PipeBarrierOp : AICore_Op<"pipe_barrier"> {
  let summary = "wait until every earlier instruction of a pipe has finished";
  let description = [{
    Later instructions (on any pipe) do not issue until all earlier
    instructions of `pipe` have finished; `<all>` waits for every pipe. It is
    the bluntest tool: a flag pair orders two pipes without stalling the rest.

    ```mlir
    aicore.pipe_barrier <v>
    aicore.pipe_barrier <all>
    ```
  }];
  let arguments = (ins AICore_PipeAttr:$pipe);
  let assemblyFormat = "$pipe attr-dict";
  let hasVerifier = 1;
}

def AICore_CrossCoreSetFlagOp : AICore_Op<"cross_core_set_flag"> {
  let summary = "signal a flag from the cube core to the vector cores of its block or back";
  let description = [{
    Split targets only. Issued on `pipe` once its earlier instructions have
    finished. Set on the cube core, it raises flag `flag_id` for both vector
    cores of the block; set on a vector core, it counts towards the cube
    core's wait, which completes once both vector cores have set it.

    ```mlir
    aicore.cross_core_set_flag <fix> flag 3
    ```
  }];
  let arguments = (ins AICore_PipeAttr:$pipe,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$flag_id);
  let assemblyFormat = "$pipe `flag` $flag_id attr-dict";
  let hasVerifier = 1;
}

def AICore_CrossCoreWaitFlagOp : AICore_Op<"cross_core_wait_flag"> {
  let summary = "block a pipe until a cross-core flag is set";
  let description = [{
    Split targets only. Later instructions of `pipe` wait until flag
    `flag_id` has been set by the other core type of the block.

    ```mlir
    aicore.cross_core_wait_flag <mte2> flag 3
    ```
  }];
  let arguments = (ins AICore_PipeAttr:$pipe,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$flag_id);
  let assemblyFormat = "$pipe `flag` $flag_id attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

def AICore_AllocOp : AICore_Op<"alloc", [
    MemoryEffects<[MemAlloc<DefaultResource>]>]> {
  let summary = "allocate a tile in an on-chip buffer";
  let description = [{
    Returns a statically shaped tile in the on-chip space named by the
    memref's memory space. `offset`, when present, is the byte offset inside
    the space (set by memory planning or by hand); it must respect the
    space's alignment (32 B in UB and L1, 512 B in L0A/L0B/L0C) and the tile
    must fit the space's capacity on the module's target. Tiles with the
    same `ring` id (set by `ascend-multi-buffer`) are the buffers of one
    ring, used in turn by consecutive iterations: memory planning keeps
    them live together, so they never share bytes, even where unrolling
    left no loop around them.

    ```mlir
    %x = aicore.alloc : memref<128x128xf16, #aicore.space<ub>>
    %w = aicore.alloc {offset = 32768 : i64} : memref<64x64xf16, #aicore.space<l0a>>
    %r0 = aicore.alloc {ring = 0 : i64} : memref<64x64xf16, #aicore.space<ub>>
    %r1 = aicore.alloc {ring = 0 : i64} : memref<64x64xf16, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$offset,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$ring);
  let results = (outs AnyStaticShapeMemRef:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let builders = [
    // An unplaced tile outside any ring: what lowering creates.
    OpBuilder<(ins "Type":$type), [{
      build($_builder, $_state, type, IntegerAttr(), IntegerAttr());
    }]>
  ];
  let hasVerifier = 1;
}

#endif // ASCEND_AICORE_OPS
