// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

!f16t = memref<64x128xf16, #aicore.space<ub>>
!f32t = memref<64x128xf32, #aicore.space<ub>>
!i16t = memref<64x128xi16, #aicore.space<ub>>
!i32t = memref<64x128xi32, #aicore.space<ub>>

// CHECK-LABEL: func.func @binary
func.func @binary(%a: !f16t, %b: !f16t, %c: !f16t, %x: !f32t, %y: !f32t,
                  %i: !i16t, %j: !i32t) {
  // CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>
  vec.add %a, %b, %c : !f16t
  // CHECK: vec.sub %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.sub %x, %y, %x : !f32t
  // CHECK: vec.mul %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi16, #aicore.space<ub>>
  vec.mul %i, %i, %i : !i16t
  // CHECK: vec.div %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.div %x, %y, %y : !f32t
  // CHECK: vec.max %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi32, #aicore.space<ub>>
  vec.max %j, %j, %j : !i32t
  // CHECK: vec.min %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>
  vec.min %a, %b, %c : !f16t
  return
}

// Tiles of one shape and element type but different layouts list one type
// per operand.
// CHECK-LABEL: func.func @binary_strided
func.func @binary_strided(%buf: memref<2x64x128xf16, #aicore.space<ub>>,
                          %b: !f16t) {
  %a = memref.subview %buf[1, 0, 0] [1, 64, 128] [1, 1, 1]
      : memref<2x64x128xf16, #aicore.space<ub>>
        to memref<64x128xf16, strided<[128, 1], offset: 8192>, #aicore.space<ub>>
  // CHECK: vec.add %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, strided<[128, 1], offset: 8192>, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.add %a, %b, %b
      : memref<64x128xf16, strided<[128, 1], offset: 8192>, #aicore.space<ub>>,
        !f16t, !f16t
  return
}

// CHECK-LABEL: func.func @scalar
func.func @scalar(%a: !f16t, %b: !f16t, %x: !f32t, %i: !i16t, %j: !i32t,
                  %h: f16, %f: f32, %s: i16, %t: i32) {
  // CHECK: vec.adds %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>, f16
  vec.adds %a, %h, %b : !f16t, f16
  // CHECK: vec.subs %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>, f32
  vec.subs %x, %f, %x : !f32t, f32
  // CHECK: vec.muls %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi16, #aicore.space<ub>>, i16
  vec.muls %i, %s, %i : !i16t, i16
  // CHECK: vec.divs %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>, f32
  vec.divs %x, %f, %x : !f32t, f32
  // CHECK: vec.maxs %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi32, #aicore.space<ub>>, i32
  vec.maxs %j, %t, %j : !i32t, i32
  // CHECK: vec.mins %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>, f16
  vec.mins %a, %h, %b : !f16t, f16
  return
}

// CHECK-LABEL: func.func @scalar_strided
func.func @scalar_strided(%buf: memref<64x256xf32, #aicore.space<ub>>,
                          %d: !f32t, %f: f32) {
  %a = memref.subview %buf[0, 128] [64, 128] [1, 1]
      : memref<64x256xf32, #aicore.space<ub>>
        to memref<64x128xf32, strided<[256, 1], offset: 128>, #aicore.space<ub>>
  // CHECK: vec.muls %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf32, strided<[256, 1], offset: 128>, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>, f32
  vec.muls %a, %f, %d
      : memref<64x128xf32, strided<[256, 1], offset: 128>, #aicore.space<ub>>,
        !f32t, f32
  return
}

// CHECK-LABEL: func.func @unary
func.func @unary(%a: !f16t, %x: !f32t, %y: !f32t, %j: !i32t) {
  // CHECK: vec.exp %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.exp %x, %y : !f32t
  // CHECK: vec.ln %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.ln %x, %y : !f32t
  // CHECK: vec.sqrt %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>
  vec.sqrt %a, %a : !f16t
  // CHECK: vec.rsqrt %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.rsqrt %x, %y : !f32t
  // CHECK: vec.reciprocal %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.reciprocal %x, %y : !f32t
  // CHECK: vec.abs %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>
  vec.abs %a, %a : !f16t
  // CHECK: vec.relu %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>
  vec.relu %a, %a : !f16t
  // CHECK: vec.relu %{{.*}}, %{{.*}} : memref<64x128xi32, #aicore.space<ub>>
  vec.relu %j, %j : !i32t
  return
}

// CHECK-LABEL: func.func @cast
func.func @cast(%h: !f16t, %x: !f32t, %b: memref<64x128xbf16, #aicore.space<ub>>,
                %i8: memref<64x128xi8, #aicore.space<ub>>,
                %i4: memref<64x128xi4, #aicore.space<ub>>,
                %i16: !i16t, %i32: !i32t) {
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.cast %x, %h round <rint> : !f32t, !f16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <odd> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.cast %x, %h round <odd> : !f32t, !f16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.cast %h, %x round <rint> : !f16t, !f32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <round> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xbf16, #aicore.space<ub>>
  vec.cast %x, %b round <round> : !f32t, memref<64x128xbf16, #aicore.space<ub>>
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xbf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.cast %b, %x round <rint> : memref<64x128xbf16, #aicore.space<ub>>, !f32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <trunc> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi8, #aicore.space<ub>>
  vec.cast %h, %i8 round <trunc> : !f16t, memref<64x128xi8, #aicore.space<ub>>
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xi8, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.cast %i8, %h round <rint> : memref<64x128xi8, #aicore.space<ub>>, !f16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <floor> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xi32, #aicore.space<ub>>
  vec.cast %x, %i32 round <floor> : !f32t, !i32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <ceil> : memref<64x128xi32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.cast %i32, %x round <ceil> : !i32t, !f32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <round> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi32, #aicore.space<ub>>
  vec.cast %h, %i32 round <round> : !f16t, !i32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xi32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.cast %i32, %h round <rint> : !i32t, !f16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <floor> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi4, #aicore.space<ub>>
  vec.cast %h, %i4 round <floor> : !f16t, memref<64x128xi4, #aicore.space<ub>>
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xi4, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.cast %i4, %h round <rint> : memref<64x128xi4, #aicore.space<ub>>, !f16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <trunc> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.cast %x, %x round <trunc> : !f32t, !f32t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xi32, #aicore.space<ub>>, memref<64x128xi16, #aicore.space<ub>>
  vec.cast %i32, %i16 round <rint> : !i32t, !i16t
  // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xi16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.cast %i16, %x round <rint> : !i16t, !f32t
  return
}

// CHECK-LABEL: func.func @compare_select
func.func @compare_select(%a: !f16t, %b: !f16t, %j: !i32t,
                          %m: memref<64x128xi1, #aicore.space<ub>>,
                          %flat: memref<8192xi1, #aicore.space<ub>>,
                          %x: memref<8192xf32, #aicore.space<ub>>) {
  // CHECK: vec.compare <lt> %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi1, #aicore.space<ub>>
  vec.compare <lt> %a, %b, %m : !f16t, memref<64x128xi1, #aicore.space<ub>>
  // CHECK: vec.compare <eq> %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi32, #aicore.space<ub>>, memref<64x128xi1, #aicore.space<ub>>
  vec.compare <eq> %j, %j, %m : !i32t, memref<64x128xi1, #aicore.space<ub>>
  // CHECK: vec.compare <ge> %{{.*}}, %{{.*}}, %{{.*}} : memref<8192xf32, #aicore.space<ub>>, memref<8192xi1, #aicore.space<ub>>
  vec.compare <ge> %x, %x, %flat : memref<8192xf32, #aicore.space<ub>>, memref<8192xi1, #aicore.space<ub>>
  // CHECK: vec.compare <ne>
  vec.compare <ne> %a, %b, %m : !f16t, memref<64x128xi1, #aicore.space<ub>>
  // CHECK: vec.compare <le>
  vec.compare <le> %a, %b, %m : !f16t, memref<64x128xi1, #aicore.space<ub>>
  // CHECK: vec.compare <gt>
  vec.compare <gt> %a, %b, %m : !f16t, memref<64x128xi1, #aicore.space<ub>>
  // CHECK: vec.select %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : memref<64x128xi1, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.select %m, %a, %b, %a : memref<64x128xi1, #aicore.space<ub>>, !f16t
  // CHECK: vec.select %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : memref<8192xi1, #aicore.space<ub>>, memref<8192xf32, #aicore.space<ub>>
  vec.select %flat, %x, %x, %x : memref<8192xi1, #aicore.space<ub>>, memref<8192xf32, #aicore.space<ub>>
  return
}

// CHECK-LABEL: func.func @reduce
func.func @reduce(%x: !f32t, %rows: memref<64x1xf32, #aicore.space<ub>>,
                  %h: !f16t, %cols: memref<1x128xf16, #aicore.space<ub>>) {
  // CHECK: vec.reduce_rows <sum> %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>, memref<64x1xf32, #aicore.space<ub>>
  vec.reduce_rows <sum> %x, %rows : !f32t, memref<64x1xf32, #aicore.space<ub>>
  // CHECK: vec.reduce_rows <max> %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>, memref<64x1xf32, #aicore.space<ub>>
  vec.reduce_rows <max> %x, %rows : !f32t, memref<64x1xf32, #aicore.space<ub>>
  // CHECK: vec.reduce_cols <min> %{{.*}}, %{{.*}} : memref<64x128xf16, #aicore.space<ub>>, memref<1x128xf16, #aicore.space<ub>>
  vec.reduce_cols <min> %h, %cols : !f16t, memref<1x128xf16, #aicore.space<ub>>
  // CHECK: vec.reduce_cols <sum>
  vec.reduce_cols <sum> %h, %cols : !f16t, memref<1x128xf16, #aicore.space<ub>>
  return
}

// CHECK-LABEL: func.func @movement
func.func @movement(%x: !f32t, %rows: memref<64x1xf32, #aicore.space<ub>>,
                    %cols: memref<1x128xf32, #aicore.space<ub>>,
                    %a: memref<32x64xbf16, #aicore.space<ub>>,
                    %at: memref<64x32xbf16, #aicore.space<ub>>,
                    %table: memref<1024xf32, #aicore.space<ub>>,
                    %idx: memref<8x16xi32, #aicore.space<ub>>,
                    %out: memref<8x16xf32, #aicore.space<ub>>, %f: f32,
                    %m: memref<64x128xi1, #aicore.space<ub>>,
                    %m2: memref<64x128xi1, #aicore.space<ub>>) {
  // CHECK: vec.broadcast %{{.*}}, %{{.*}} : memref<64x1xf32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.broadcast %rows, %x : memref<64x1xf32, #aicore.space<ub>>, !f32t
  // CHECK: vec.broadcast %{{.*}}, %{{.*}} : memref<1x128xf32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  vec.broadcast %cols, %x : memref<1x128xf32, #aicore.space<ub>>, !f32t
  // CHECK: vec.transpose %{{.*}}, %{{.*}} : memref<32x64xbf16, #aicore.space<ub>>, memref<64x32xbf16, #aicore.space<ub>>
  vec.transpose %a, %at : memref<32x64xbf16, #aicore.space<ub>>, memref<64x32xbf16, #aicore.space<ub>>
  // CHECK: vec.gather %{{.*}}[%{{.*}}], %{{.*}} : memref<1024xf32, #aicore.space<ub>>, memref<8x16xi32, #aicore.space<ub>>, memref<8x16xf32, #aicore.space<ub>>
  vec.gather %table[%idx], %out : memref<1024xf32, #aicore.space<ub>>, memref<8x16xi32, #aicore.space<ub>>, memref<8x16xf32, #aicore.space<ub>>
  // CHECK: vec.fill %{{.*}}, %{{.*}} : f32, memref<64x128xf32, #aicore.space<ub>>
  vec.fill %f, %x : f32, !f32t
  // CHECK: vec.copy %{{.*}}, %{{.*}} : memref<64x128xf32, #aicore.space<ub>>
  vec.copy %x, %x : !f32t
  // CHECK: vec.copy %{{.*}}, %{{.*}} : memref<64x128xi1, #aicore.space<ub>>
  vec.copy %m, %m2 : memref<64x128xi1, #aicore.space<ub>>
  return
}

// CHECK-LABEL: func.func @copy_strided
func.func @copy_strided(%buf: memref<64x256xf16, #aicore.space<ub>>, %b: !f16t) {
  %a = memref.subview %buf[0, 0] [64, 128] [1, 1]
      : memref<64x256xf16, #aicore.space<ub>>
        to memref<64x128xf16, strided<[256, 1]>, #aicore.space<ub>>
  // CHECK: vec.copy %{{.*}}, %{{.*}} : memref<64x128xf16, strided<[256, 1]>, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  vec.copy %a, %b : memref<64x128xf16, strided<[256, 1]>, #aicore.space<ub>>, !f16t
  return
}

// The 310P has its own cast table and a larger UB.
// CHECK-LABEL: func.func @cast_310p
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @cast_310p(%x: !f32t, %h: !f16t, %i: !i16t, %s: f16,
                       %big: memref<100x1024xf16, #aicore.space<ub>>) {
    // CHECK: vec.cast %{{.*}}, %{{.*}} round <odd> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
    vec.cast %x, %h round <odd> : !f32t, !f16t
    // CHECK: vec.cast %{{.*}}, %{{.*}} round <rint> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi16, #aicore.space<ub>>
    vec.cast %h, %i round <rint> : !f16t, !i16t
    // 200 KB fits the 310P's 256 KB UB (not the 910B's 192 KB).
    // CHECK: vec.fill %{{.*}}, %{{.*}} : f16, memref<100x1024xf16, #aicore.space<ub>>
    vec.fill %s, %big : f16, memref<100x1024xf16, #aicore.space<ub>>
    return
  }
}
