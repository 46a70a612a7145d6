// RUN: ascend-opt %s -convert-ascend-to-aicore -canonicalize -split-input-file | FileCheck %s

// Sequence tails (Sq = 100: a last query tile of 36 rows, 32 on vector
// core 0 and 4 on core 1; Skv = 269: KV tiles of 256 keys, the last one
// of 13). The cube
// reads only rows and keys that exist, padded to whole fractals on the way
// into L1 (the K rows of P V zero-filled), and writes only the valid
// corner of each slot; the vector cores read only what the cube wrote
// (the rest of the tile 0), give the missing keys -inf before the row max
// and store only the rows that exist.

// CHECK-LABEL: func.func private @tail_0_flash_attention(
// CHECK: aicore.core <cube>
// S of a last query tile: Q rows 36 of 64.
// CHECK: scf.if
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<36x64xf16, {{.*}}#aicore.space<gm>>, memref<36x64xf16, {{.*}}#aicore.space<l1>>
// CHECK: mte.fixpipe %{{.*}}, %{{.*}} : memref<36x256xf32, {{.*}}>, memref<36x256xf32, {{.*}}#aicore.space<gm>>
// CHECK: aicore.cross_core_set_flag <fix> flag 0
// S of the last KV tile: 13 keys.
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<13x64xf16, {{.*}}#aicore.space<gm>>, memref<13x64xf16, {{.*}}#aicore.space<l1>>
// CHECK: mte.fixpipe %{{.*}}, %{{.*}} : memref<36x13xf32, {{.*}}>, memref<36x13xf32, {{.*}}#aicore.space<gm>>
// P V of the last KV tile: K = 13 keys padded with zeros to 16 (V loaded
// before the wait for P).
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<13x64xf16, {{.*}}#aicore.space<gm>>, memref<16x64xf16, {{.*}}#aicore.space<l1>>
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<36x13xf16, {{.*}}#aicore.space<gm>>, memref<36x16xf16, {{.*}}#aicore.space<l1>>
// CHECK: cube.mmad %{{.*}}, %{{.*}}, %{{.*}} init(%true) : memref<48x16xf16, #aicore.space<l0a>>, memref<16x64xf16, #aicore.space<l0b>>
// CHECK: aicore.core <vector>
// The last KV tile's mask, built once: a row of -inf, 0 on its 13 keys,
// replicated over the vector core's rows.
// CHECK: vec.fill %cst{{.*}}, %[[ROW:.*]] : f32, memref<1x256xf32, #aicore.space<ub>>
// CHECK-NEXT: %[[KEYS:.*]] = memref.subview %[[ROW]][0, 0] [1, 13] [1, 1]
// CHECK-NEXT: vec.fill %cst{{.*}}, %[[KEYS]] : f32, memref<1x13xf32, strided<[256, 1]>, #aicore.space<ub>>
// CHECK-NEXT: %[[TAIL:.*]] = aicore.alloc : memref<32x256xf32, #aicore.space<ub>>
// CHECK-NEXT: vec.broadcast %[[ROW]], %[[TAIL]]
// Vector core 1 of the last query tile reads its 4 rows of S of the last
// KV tile (13 keys), the rest of the tile 0.
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: vec.fill %{{.*}} : f32, memref<32x256xf32, #aicore.space<ub>>
// CHECK: mte.copy %{{.*}}, %{{.*}} : memref<4x13xf32, {{.*}}#aicore.space<gm>>, memref<4x13xf32, {{.*}}#aicore.space<ub>>
// CHECK: vec.muls
// On the last KV tile the key mask is added in place before the row max.
// CHECK-NEXT: vec.add %[[X:.*]], %[[TAIL]], %[[X]] :
// CHECK: vec.reduce_rows <max>
// Stores: 32 rows, or 32 / 4 rows of the last query tile.
// CHECK: vec.div
// CHECK: mte.copy %{{.*}}, %{{.*}} : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, {{.*}}#aicore.space<gm>>
// CHECK: mte.copy %{{.*}}, %{{.*}} : memref<4x64xf16, #aicore.space<ub>>, memref<4x64xf16, {{.*}}#aicore.space<gm>>
func.func @tail(%q: tensor<1x1x100x64xf16>, %k: tensor<1x1x269x64xf16>,
                %v: tensor<1x1x269x64xf16>) -> tensor<1x1x100x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x1x100x64xf16>, tensor<1x1x269x64xf16>,
        tensor<1x1x269x64xf16> -> tensor<1x1x100x64xf16>
  return %o : tensor<1x1x100x64xf16>
}

// -----

// A key-padding mask [B, 1, 1, Skv]: per KV tile, the item's batch row of
// the tile's keys (here 64 of the 256-key tile, the rest 0), read once and
// broadcast over the vector core's rows, added to the scaled scores before
// the row max.

// CHECK-LABEL: func.func private @key_padding_0_flash_attention(
// CHECK: aicore.core <vector>
// CHECK: vec.muls
// CHECK: memref.subview %{{.*}}[%{{.*}}, 0] [1, 64] [1, 1] : memref<2x64xf16, #aicore.space<gm>>
// CHECK: mte.copy %{{.*}}, %{{.*}} : memref<1x64xf16, {{.*}}#aicore.space<gm>>, memref<1x64xf16, strided<[256, 1]>, #aicore.space<ub>>
// CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<1x256xf16, #aicore.space<ub>>, memref<1x256xf32, #aicore.space<ub>>
// CHECK: vec.broadcast %{{.*}}, %{{.*}} : memref<1x256xf32, #aicore.space<ub>>, memref<32x256xf32, #aicore.space<ub>>
// CHECK: vec.add
// CHECK: vec.reduce_rows <max>
func.func @key_padding(%q: tensor<2x1x64x64xf16>, %k: tensor<2x1x64x64xf16>,
                       %v: tensor<2x1x64x64xf16>, %m: tensor<2x1x1x64xf16>)
    -> tensor<2x1x64x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<2x1x64x64xf16>, tensor<2x1x64x64xf16>, tensor<2x1x64x64xf16>,
        tensor<2x1x1x64xf16> -> tensor<2x1x64x64xf16>
  return %o : tensor<2x1x64x64xf16>
}

// -----

// Causal with Skv - Sq = 205 = 3 * 64 + 13: the diagonal of query tile 0
// enters the last 64-key part of the first 256-key KV tile 13 keys in, so
// its band (row r sees band column c <= r + 13) is 128 keys wide and runs
// on into the second tile. The 32 x 128 band is built once from
// row-aligned fills. On the diagonal tile one branch per part (static
// views) adds the band from that part on and fills -inf past it (part 3
// adds the band's first half to the tile's last 64 keys); the next tile
// adds the band's second half to its first 64 keys and -inf to the rest.

// CHECK-LABEL: func.func private @causal_shift_0_flash_attention(
// CHECK: aicore.core <vector>
// CHECK: vec.fill %{{.*}} : f32, memref<32x128xf32, #aicore.space<ub>>
// CHECK: scf.if
// CHECK: memref.subview %{{.*}}[0, 0] [1, 14] [1, 1]
// CHECK: } else {
// CHECK: memref.subview %{{.*}}[0, 0] [1, 46] [1, 1]
// CHECK: scf.for
// CHECK: vec.muls
// CHECK: scf.if
// CHECK: scf.if
// CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<32x128xf32, strided<[256, 1]>, #aicore.space<ub>>, memref<32x128xf32, strided<[128, 1]>, #aicore.space<ub>>
// CHECK: vec.fill %{{.*}} : f32, memref<32x128xf32, strided<[256, 1], offset: 128>, #aicore.space<ub>>
// CHECK: scf.if
// CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<32x128xf32, strided<[256, 1], offset: 64>, #aicore.space<ub>>, memref<32x128xf32, strided<[128, 1]>, #aicore.space<ub>>
// CHECK: vec.fill %{{.*}} : f32, memref<32x64xf32, strided<[256, 1], offset: 192>, #aicore.space<ub>>
// CHECK: scf.if
// CHECK: vec.add %[[XS:.*]], %{{.*}}, %[[XS]] : memref<32x128xf32, strided<[256, 1], offset: 128>, #aicore.space<ub>>, memref<32x128xf32, strided<[128, 1]>, #aicore.space<ub>>
// CHECK-NEXT: }
// CHECK: scf.if
// CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<32x64xf32, strided<[256, 1], offset: 192>, #aicore.space<ub>>, memref<32x64xf32, strided<[128, 1]>, #aicore.space<ub>>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK: scf.if
// CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<32x64xf32, strided<[256, 1]>, #aicore.space<ub>>, memref<32x64xf32, strided<[128, 1], offset: 64>, #aicore.space<ub>>
// CHECK-NEXT: memref.subview
// CHECK-NEXT: vec.fill %{{.*}} : f32, memref<32x192xf32, strided<[256, 1], offset: 64>, #aicore.space<ub>>
// CHECK: vec.reduce_rows <max>
func.func @causal_shift(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x269x64xf16>,
                        %v: tensor<1x1x269x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x1x64x64xf16>, tensor<1x1x269x64xf16>, tensor<1x1x269x64xf16>
        -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}
