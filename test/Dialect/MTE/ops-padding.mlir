// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// mte.copy pad: partial blocks into NZ fractals, and fixpipe from the valid
// corner of a whole-fractal L0C tile.

// CHECK-LABEL: func.func @pad_columns
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<7x33xf16, strided<[100, 1], offset: ?>, #aicore.space<gm>>, memref<7x48xf16, strided<[48, 1]>, #aicore.space<l1>>
func.func @pad_columns(%gm: memref<7x33xf16, strided<[100, 1], offset: ?>, #aicore.space<gm>>, %l1: memref<16x48xf16, #aicore.space<l1>>) {
  %rows = memref.subview %l1[0, 0] [7, 48] [1, 1] : memref<16x48xf16, #aicore.space<l1>> to memref<7x48xf16, strided<[48, 1]>, #aicore.space<l1>>
  mte.copy %gm, %rows dst_layout <nz> pad : memref<7x33xf16, strided<[100, 1], offset: ?>, #aicore.space<gm>>, memref<7x48xf16, strided<[48, 1]>, #aicore.space<l1>>
  return
}

// A K tail along rows: rows padded to 16 with zeros as well.
// CHECK-LABEL: func.func @pad_rows
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<13x130xbf16, #aicore.space<gm>>, memref<16x144xbf16, #aicore.space<l1>>
func.func @pad_rows(%gm: memref<13x130xbf16, #aicore.space<gm>>, %l1: memref<16x144xbf16, #aicore.space<l1>>) {
  mte.copy %gm, %l1 dst_layout <nz> pad : memref<13x130xbf16, #aicore.space<gm>>, memref<16x144xbf16, #aicore.space<l1>>
  return
}

// Whole fractals need no padding, but pad accepts them.
// CHECK-LABEL: func.func @pad_whole
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad
func.func @pad_whole(%gm: memref<16x32xf16, #aicore.space<gm>>, %l1: memref<16x32xf16, #aicore.space<l1>>) {
  mte.copy %gm, %l1 dst_layout <nz> pad : memref<16x32xf16, #aicore.space<gm>>, memref<16x32xf16, #aicore.space<l1>>
  return
}

// CHECK-LABEL: func.func @fixpipe_corner
// CHECK: mte.fixpipe %{{.*}}, %{{.*}} quant <f32_to_f16> : memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>, memref<7x20xf16, strided<[130, 1], offset: ?>, #aicore.space<gm>>
func.func @fixpipe_corner(%c: memref<16x32xf32, #aicore.space<l0c>>, %out: memref<7x20xf16, strided<[130, 1], offset: ?>, #aicore.space<gm>>) {
  %valid = memref.subview %c[0, 0] [7, 20] [1, 1] : memref<16x32xf32, #aicore.space<l0c>> to memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>
  mte.fixpipe %valid, %out quant <f32_to_f16> : memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>, memref<7x20xf16, strided<[130, 1], offset: ?>, #aicore.space<gm>>
  return
}
