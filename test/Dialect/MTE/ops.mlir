// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// Every mte.copy path of the split 910B targets (the default is Ascend910B2).

// CHECK-LABEL: func.func @copy_paths_910b
func.func @copy_paths_910b(%gm: memref<64x128xf16, #aicore.space<gm>>,
                           %l1: memref<64x128xf16, #aicore.space<l1>>,
                           %l0a: memref<64x128xf16, #aicore.space<l0a>>,
                           %l0b: memref<64x128xf16, #aicore.space<l0b>>,
                           %ub: memref<64x128xf16, #aicore.space<ub>>,
                           %ub2: memref<64x128xf16, #aicore.space<ub>>) {
  // CHECK: mte.copy %arg0, %arg1 : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<l1>>
  mte.copy %gm, %l1 : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<l1>>
  // CHECK: mte.copy %arg0, %arg4 : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
  mte.copy %gm, %ub : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
  // CHECK: mte.copy %arg1, %arg0 : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<gm>>
  mte.copy %l1, %gm : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<gm>>
  // CHECK: mte.copy %arg4, %arg0 : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<gm>>
  mte.copy %ub, %gm : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<gm>>
  // CHECK: mte.copy %arg1, %arg2 : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0a>>
  mte.copy %l1, %l0a : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0a>>
  // CHECK: mte.copy %arg1, %arg3 : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0b>>
  mte.copy %l1, %l0b : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0b>>
  // CHECK: mte.copy %arg4, %arg5 : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  mte.copy %ub, %ub2 : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// A GM window of a larger tensor (strided, dynamic offset) is a legal source.
// CHECK-LABEL: func.func @copy_from_subview
func.func @copy_from_subview(%gm: memref<1024x1024xf16, #aicore.space<gm>>, %i: index,
                             %ub: memref<64x128xf16, #aicore.space<ub>>) {
  %w = memref.subview %gm[%i, 0] [64, 128] [1, 1] : memref<1024x1024xf16, #aicore.space<gm>> to memref<64x128xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>
  // CHECK: mte.copy %{{.*}}, %arg2 : memref<64x128xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
  mte.copy %w, %ub : memref<64x128xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// load2d with transpose: the L0 tile is the transpose of the L1 tile.
// CHECK-LABEL: func.func @copy_transpose
func.func @copy_transpose(%l1: memref<32x64xf16, #aicore.space<l1>>,
                          %l0a: memref<64x32xf16, #aicore.space<l0a>>,
                          %l0b: memref<64x32xf16, #aicore.space<l0b>>) {
  // CHECK: mte.copy %arg0, %arg1 transpose : memref<32x64xf16, #aicore.space<l1>>, memref<64x32xf16, #aicore.space<l0a>>
  mte.copy %l1, %l0a transpose : memref<32x64xf16, #aicore.space<l1>>, memref<64x32xf16, #aicore.space<l0a>>
  // CHECK: mte.copy %arg0, %arg2 transpose : memref<32x64xf16, #aicore.space<l1>>, memref<64x32xf16, #aicore.space<l0b>>
  mte.copy %l1, %l0b transpose : memref<32x64xf16, #aicore.space<l1>>, memref<64x32xf16, #aicore.space<l0b>>
  return
}

// L0 tiles of every cube operand type are whole fractals: 16 x k0 with
// k0 = 16 (f16, bf16), 8 (f32), 32 (i8), 64 (i4), in either orientation.
// CHECK-LABEL: func.func @copy_l0_dtypes
func.func @copy_l0_dtypes(%l1bf: memref<16x16xbf16, #aicore.space<l1>>, %l0bf: memref<16x16xbf16, #aicore.space<l0a>>,
                          %l1f: memref<16x8xf32, #aicore.space<l1>>, %l0f: memref<16x8xf32, #aicore.space<l0a>>,
                          %l1i: memref<16x32xi8, #aicore.space<l1>>, %l0i: memref<16x32xi8, #aicore.space<l0a>>,
                          %l1k: memref<32x16xi8, #aicore.space<l1>>, %l0k: memref<32x16xi8, #aicore.space<l0b>>,
                          %l1q: memref<16x64xi4, #aicore.space<l1>>, %l0q: memref<16x64xi4, #aicore.space<l0b>>) {
  // CHECK: mte.copy %arg0, %arg1 : memref<16x16xbf16, #aicore.space<l1>>, memref<16x16xbf16, #aicore.space<l0a>>
  mte.copy %l1bf, %l0bf : memref<16x16xbf16, #aicore.space<l1>>, memref<16x16xbf16, #aicore.space<l0a>>
  // CHECK: mte.copy %arg2, %arg3 : memref<16x8xf32, #aicore.space<l1>>, memref<16x8xf32, #aicore.space<l0a>>
  mte.copy %l1f, %l0f : memref<16x8xf32, #aicore.space<l1>>, memref<16x8xf32, #aicore.space<l0a>>
  // CHECK: mte.copy %arg4, %arg5 : memref<16x32xi8, #aicore.space<l1>>, memref<16x32xi8, #aicore.space<l0a>>
  mte.copy %l1i, %l0i : memref<16x32xi8, #aicore.space<l1>>, memref<16x32xi8, #aicore.space<l0a>>
  // CHECK: mte.copy %arg6, %arg7 : memref<32x16xi8, #aicore.space<l1>>, memref<32x16xi8, #aicore.space<l0b>>
  mte.copy %l1k, %l0k : memref<32x16xi8, #aicore.space<l1>>, memref<32x16xi8, #aicore.space<l0b>>
  // CHECK: mte.copy %arg8, %arg9 : memref<16x64xi4, #aicore.space<l1>>, memref<16x64xi4, #aicore.space<l0b>>
  mte.copy %l1q, %l0q : memref<16x64xi4, #aicore.space<l1>>, memref<16x64xi4, #aicore.space<l0b>>
  return
}

// ND <-> NZ conversions on the way into and out of L1 / UB.
// CHECK-LABEL: func.func @copy_layouts
func.func @copy_layouts(%gm: memref<32x64xf16, #aicore.space<gm>>,
                        %l1: memref<32x64xf16, #aicore.space<l1>>,
                        %ub: memref<32x64xf16, #aicore.space<ub>>,
                        %ub2: memref<32x64xf16, #aicore.space<ub>>,
                        %gm8: memref<16x32xi8, #aicore.space<gm>>,
                        %ub8: memref<16x32xi8, #aicore.space<ub>>) {
  // CHECK: mte.copy %arg0, %arg1 dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<l1>>
  mte.copy %gm, %l1 dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<l1>>
  // CHECK: mte.copy %arg0, %arg2 dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<ub>>
  mte.copy %gm, %ub dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<ub>>
  // CHECK: mte.copy %arg2, %arg3 dst_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<ub>>
  mte.copy %ub, %ub2 dst_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<ub>>
  // CHECK: mte.copy %arg1, %arg0 src_layout <nz> : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<gm>>
  mte.copy %l1, %gm src_layout <nz> : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<gm>>
  // CHECK: mte.copy %arg2, %arg0 src_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<gm>>
  mte.copy %ub, %gm src_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<gm>>
  // CHECK: mte.copy %arg2, %arg3 src_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<ub>>
  mte.copy %ub, %ub2 src_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<ub>>
  // Weights already stored NZ in GM are staged unchanged.
  // CHECK: mte.copy %arg0, %arg1 src_layout <nz> dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<l1>>
  mte.copy %gm, %l1 src_layout <nz> dst_layout <nz> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<l1>>
  // An i8 fractal row holds 32 elements.
  // CHECK: mte.copy %arg4, %arg5 dst_layout <nz> : memref<16x32xi8, #aicore.space<gm>>, memref<16x32xi8, #aicore.space<ub>>
  mte.copy %gm8, %ub8 dst_layout <nz> : memref<16x32xi8, #aicore.space<gm>>, memref<16x32xi8, #aicore.space<ub>>
  // Stating the default layouts prints nothing.
  // CHECK: mte.copy %arg0, %arg2 : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<ub>>
  mte.copy %gm, %ub src_layout <nd> dst_layout <nd> : memref<32x64xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<ub>>
  return
}

// Every fixpipe conversion (L0C -> GM or L1 on 910B, on the FIX pipe).
// CHECK-LABEL: func.func @fixpipe_modes
func.func @fixpipe_modes(%cf: memref<64x32xf32, #aicore.space<l0c>>,
                         %ci: memref<64x32xi32, #aicore.space<l0c>>,
                         %of32: memref<64x32xf32, #aicore.space<gm>>,
                         %oi32: memref<64x32xi32, #aicore.space<gm>>,
                         %of16: memref<64x32xf16, #aicore.space<gm>>,
                         %obf16: memref<64x32xbf16, #aicore.space<l1>>,
                         %oi8: memref<64x32xi8, #aicore.space<gm>>,
                         %s: f32,
                         %per_ch: memref<32xf32, #aicore.space<l1>>,
                         %l1: memref<64x32xf16, #aicore.space<l1>>) {
  // CHECK: mte.fixpipe %arg0, %arg2 : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf32, #aicore.space<gm>>
  mte.fixpipe %cf, %of32 : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf32, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg1, %arg3 relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi32, #aicore.space<gm>>
  mte.fixpipe %ci, %oi32 quant <none> relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi32, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg0, %arg4 quant <f32_to_f16> relu : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  mte.fixpipe %cf, %of16 quant <f32_to_f16> relu : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg0, %arg5 quant <f32_to_bf16> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xbf16, #aicore.space<l1>>
  mte.fixpipe %cf, %obf16 quant <f32_to_bf16> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xbf16, #aicore.space<l1>>
  // CHECK: mte.fixpipe %arg1, %arg6 quant <requant> scale(%arg7 : f32) : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  mte.fixpipe %ci, %oi8 quant <requant> scale(%s : f32) : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg1, %arg6 quant <requant> scale(%arg7 : f32) offset -256 relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  mte.fixpipe %ci, %oi8 quant <requant> scale(%s : f32) offset -256 relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg1, %arg6 quant <requant> scale(%arg8 : memref<32xf32, #aicore.space<l1>>) offset 255 : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  mte.fixpipe %ci, %oi8 quant <requant> scale(%per_ch : memref<32xf32, #aicore.space<l1>>) offset 255 : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xi8, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg1, %arg4 quant <dequant> scale(%arg7 : f32) : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  mte.fixpipe %ci, %of16 quant <dequant> scale(%s : f32) : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  // CHECK: mte.fixpipe %arg1, %arg4 quant <dequant> scale(%arg8 : memref<32xf32, #aicore.space<l1>>) relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  mte.fixpipe %ci, %of16 quant <dequant> scale(%per_ch : memref<32xf32, #aicore.space<l1>>) relu : memref<64x32xi32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  // Results staged in L1 for the next mmad may stay NZ.
  // CHECK: mte.fixpipe %arg0, %arg9 quant <f32_to_f16> dst_layout <nz> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<l1>>
  mte.fixpipe %cf, %l1 quant <f32_to_f16> dst_layout <nz> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<l1>>
  return
}

// A whole f16 matmul tile on the cube core of a split block.
// CHECK-LABEL: func.func @matmul_tile
func.func @matmul_tile(%a: memref<64x128xf16, #aicore.space<gm>>,
                       %b: memref<128x32xf16, #aicore.space<gm>>,
                       %c: memref<64x32xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  // CHECK: aicore.core <cube>
  aicore.core <cube> {
    %true = arith.constant true
    %a1 = aicore.alloc : memref<64x128xf16, #aicore.space<l1>>
    %b1 = aicore.alloc {offset = 16384 : i64} : memref<128x32xf16, #aicore.space<l1>>
    %a0 = aicore.alloc : memref<64x128xf16, #aicore.space<l0a>>
    %b0 = aicore.alloc : memref<32x128xf16, #aicore.space<l0b>>
    %acc = aicore.alloc : memref<64x32xf32, #aicore.space<l0c>>
    // CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<l1>>
    mte.copy %a, %a1 dst_layout <nz> : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<l1>>
    mte.copy %b, %b1 dst_layout <nz> : memref<128x32xf16, #aicore.space<gm>>, memref<128x32xf16, #aicore.space<l1>>
    aicore.set_flag <mte2> -> <mte1> event 0
    aicore.wait_flag <mte2> -> <mte1> event 0
    // CHECK: mte.copy %{{.*}}, %{{.*}} src_layout <nz> : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0a>>
    mte.copy %a1, %a0 src_layout <nz> : memref<64x128xf16, #aicore.space<l1>>, memref<64x128xf16, #aicore.space<l0a>>
    // CHECK: mte.copy %{{.*}}, %{{.*}} src_layout <nz> transpose : memref<128x32xf16, #aicore.space<l1>>, memref<32x128xf16, #aicore.space<l0b>>
    mte.copy %b1, %b0 src_layout <nz> transpose : memref<128x32xf16, #aicore.space<l1>>, memref<32x128xf16, #aicore.space<l0b>>
    aicore.set_flag <mte1> -> <m> event 0
    aicore.wait_flag <mte1> -> <m> event 0
    // CHECK: cube.mmad %{{.*}}, %{{.*}}, %{{.*}} init(%{{.*}}) transpose_b : memref<64x128xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
    cube.mmad %a0, %b0, %acc init(%true) transpose_b : memref<64x128xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
    aicore.set_flag <m> -> <fix> event 0
    aicore.wait_flag <m> -> <fix> event 0
    // CHECK: mte.fixpipe %{{.*}}, %{{.*}} quant <f32_to_f16> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
    mte.fixpipe %acc, %c quant <f32_to_f16> : memref<64x32xf32, #aicore.space<l0c>>, memref<64x32xf16, #aicore.space<gm>>
  }
  return
}

// Ascend910B4 has the same paths as 910B2.
// CHECK: module attributes {aicore.target = #aicore.target<"Ascend910B4">}
module attributes {aicore.target = #aicore.target<"Ascend910B4">} {
  // CHECK-LABEL: func.func @copy_910b4
  func.func @copy_910b4(%gm: memref<64x128xf16, #aicore.space<gm>>,
                        %ub: memref<64x128xf16, #aicore.space<ub>>) {
    // CHECK: mte.copy %arg0, %arg1 : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
    mte.copy %gm, %ub : memref<64x128xf16, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
    return
  }
}

// The coupled 310P has L1 <-> UB paths, and L0C results go to UB.
// CHECK: module attributes {aicore.target = #aicore.target<"Ascend310P">}
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  // CHECK-LABEL: func.func @coupled_310p
  func.func @coupled_310p(%l1: memref<32x64xf16, #aicore.space<l1>>,
                          %ub: memref<32x64xf16, #aicore.space<ub>>,
                          %c: memref<32x64xf32, #aicore.space<l0c>>,
                          %ci: memref<32x64xi32, #aicore.space<l0c>>,
                          %ubf: memref<32x64xf32, #aicore.space<ub>>,
                          %ub8: memref<32x64xi8, #aicore.space<ub>>,
                          %s: f32) {
    // CHECK: mte.copy %arg0, %arg1 : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<ub>>
    mte.copy %l1, %ub : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<ub>>
    // CHECK: mte.copy %arg1, %arg0 : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<l1>>
    mte.copy %ub, %l1 : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<l1>>
    // CHECK: mte.copy %arg1, %arg0 dst_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<l1>>
    mte.copy %ub, %l1 dst_layout <nz> : memref<32x64xf16, #aicore.space<ub>>, memref<32x64xf16, #aicore.space<l1>>
    // CHECK: mte.copy %arg0, %arg1 src_layout <nz> : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<ub>>
    mte.copy %l1, %ub src_layout <nz> : memref<32x64xf16, #aicore.space<l1>>, memref<32x64xf16, #aicore.space<ub>>
    // CHECK: mte.fixpipe %arg2, %arg4 relu : memref<32x64xf32, #aicore.space<l0c>>, memref<32x64xf32, #aicore.space<ub>>
    mte.fixpipe %c, %ubf relu : memref<32x64xf32, #aicore.space<l0c>>, memref<32x64xf32, #aicore.space<ub>>
    // CHECK: mte.fixpipe %arg3, %arg5 quant <requant> scale(%arg6 : f32) offset 7 : memref<32x64xi32, #aicore.space<l0c>>, memref<32x64xi8, #aicore.space<ub>>
    mte.fixpipe %ci, %ub8 quant <requant> scale(%s : f32) offset 7 : memref<32x64xi32, #aicore.space<l0c>>, memref<32x64xi8, #aicore.space<ub>>
    return
  }
}
