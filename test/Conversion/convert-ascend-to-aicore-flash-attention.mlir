// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics | FileCheck %s

// One split kernel: the host allocates the S, PV and P slots (of 64 query
// rows and KV tiles of 256 keys; per block three S slots, tile kv in slot
// kv mod 3, and two of the others, tile kv in slot kv mod 2) and passes them after
// the operands; both regions walk the block's work items and, per item,
// its KV tiles, handing each tile over with cross-core flags inside the KV
// loops (S ready, P ready, PV ready). Both regions run one tile ahead: the
// cube computes S of the first tile before its loop, then per tile S of
// the next one before P V of this one; the vector cores run the softmax
// of the first tile before theirs, then per tile the softmax of the next
// one before rescaling O with this one's P V. The last tile is peeled.

// CHECK-LABEL: func.func @causal(
// CHECK-DAG: %[[S:.*]] = memref.alloc() : memref<384x256xf32, #aicore.space<gm>>
// CHECK-DAG: %[[PV:.*]] = memref.alloc() : memref<256x64xf32, #aicore.space<gm>>
// CHECK-DAG: %[[P:.*]] = memref.alloc() : memref<256x256xf16, #aicore.space<gm>>
// CHECK: call @causal_0_flash_attention(%{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[PV]], %[[P]], %{{.*}})
// CHECK: func.func private @causal_0_flash_attention({{.*}}) attributes {aicore.kernel = #aicore.kernel<block_dim = 2>}
// CHECK: aicore.core <cube>
// The item's Q tile is loaded into L1 once, before its KV walk.
// CHECK: %[[Q:.*]] = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
// CHECK: scf.for
// CHECK: mte.copy %{{.*}}, %[[Q]] dst_layout <nz> : memref<64x64xf16, {{.*}}#aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
// The cube computes S two tiles ahead: S of KV tiles 0 and 1 before the
// loop (only K is loaded), each handed over.
// CHECK-NOT: %[[Q]] dst_layout
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> : memref<256x64xf16, {{.*}}#aicore.space<gm>>, memref<256x64xf16, #aicore.space<l1>>
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// Then per KV tile kv up to the diagonal one (at least 2: an item that
// sees one tile walks the next, wholly masked): S of tile kv + 2 into slot
// kv + 2 mod 3, then P V of tile kv, V loaded before the wait for P; the
// last two P V peeled.
// CHECK: scf.for %[[KV:.*]] = %c0 to %{{.*}} step %c1
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[KV]], %c2
// CHECK-NEXT: arith.remui %[[NEXT]], %c3
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> : memref<256x64xf16, {{.*}}#aicore.space<gm>>, memref<256x64xf16, #aicore.space<l1>>
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK-NEXT: }
// CHECK: mte.copy
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK: mte.copy
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK: aicore.core <vector>
// CHECK: aicore.sub_block_idx
// The diagonal tile's triangle, built once.
// CHECK: vec.fill
// CHECK: scf.for
// The softmax of the first KV tile, ahead of the loop.
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: vec.muls
// CHECK: vec.reduce_rows <max>
// CHECK: vec.exp
// CHECK: vec.reduce_rows <sum>
// CHECK: vec.cast
// CHECK: mte.copy
// CHECK-NEXT: aicore.cross_core_set_flag <mte3> flag 1
// Its alpha waits for P V.
// CHECK-NEXT: vec.copy
// Per tile: the softmax of the next one (S in slot kv + 1 mod 3, P in kv + 1 mod 2), then
// the rescale of this one; the last rescale peeled.
// CHECK: scf.for %[[VKV:.*]] = %c0 to %{{.*}} step %c1
// CHECK-NEXT: %[[VNEXT:.*]] = arith.addi %[[VKV]], %c1
// CHECK-NEXT: arith.remui %[[VNEXT]], %c3
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: vec.muls
// CHECK: scf.if
// CHECK: vec.add
// CHECK: vec.reduce_rows <max>
// CHECK: vec.exp
// CHECK: vec.reduce_rows <sum>
// CHECK: vec.cast
// CHECK: mte.copy
// CHECK-NEXT: aicore.cross_core_set_flag <mte3> flag 1
// CHECK: arith.remui %[[VKV]], %c2
// CHECK: aicore.cross_core_wait_flag <mte2> flag 2
// CHECK: vec.mul
// CHECK: vec.add
// CHECK: vec.copy
// CHECK-NEXT: }
// CHECK: aicore.cross_core_wait_flag <mte2> flag 2
// CHECK: vec.mul
// CHECK: vec.add
// CHECK: vec.div
// CHECK: vec.cast
// CHECK: mte.copy
func.func @causal(%q: tensor<1x2x64x64xf16>, %k: tensor<1x1x512x64xf16>,
                  %v: tensor<1x1x512x64xf16>) -> tensor<1x2x64x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x64x64xf16>, tensor<1x1x512x64xf16>,
        tensor<1x1x512x64xf16> -> tensor<1x2x64x64xf16>
  return %o : tensor<1x2x64x64xf16>
}

// -----

// Not causal, every item has all 3 KV tiles: the cube computes S two tiles
// ahead (S_0 and S_1 first, then per tile S of tile kv + 2 before P V of
// tile kv; the last two P V peeled).

// CHECK-LABEL: func.func private @ahead_0_flash_attention(
// CHECK: aicore.core <cube>
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: scf.for %[[KV:.*]] = %c0 to %c1 step %c1
// CHECK-NEXT: arith.addi %[[KV]], %c2
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK-NEXT: }
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: aicore.cross_core_set_flag <fix> flag 2
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: aicore.cross_core_set_flag <fix> flag 2
// CHECK-NEXT: }
// CHECK: aicore.core <vector>
func.func @ahead(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x768x64xf16>,
                 %v: tensor<1x1x768x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x1x64x64xf16>, tensor<1x1x768x64xf16>,
        tensor<1x1x768x64xf16> -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

func.func @head_dim(%q: tensor<1x1x64x72xf16>, %k: tensor<1x1x64x72xf16>,
                    %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{flash_attention head dims must be multiples of 16 up to 256 (whole cube fractals), got D = 72, Dv = 64}}
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x1x64x72xf16>, tensor<1x1x64x72xf16>, tensor<1x1x64x64xf16>
        -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @coupled(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
                     %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
    // expected-error @+1 {{flash_attention is lowered for split targets (cube results reach the vector cores through GM); Ascend310P is not one}}
    %o = ascend.flash_attention %q, %k, %v scale 0.125
        : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
          -> tensor<1x1x64x64xf16>
    return %o : tensor<1x1x64x64xf16>
  }
}
