// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// CHECK: module attributes {aicore.target = #aicore.target<"Ascend910B2">}
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {

// CHECK-LABEL: func.func @indices
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 8>}
func.func @indices() -> (index, index, index) attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} {
  // CHECK: aicore.block_idx
  // CHECK: aicore.block_dim
  // CHECK: aicore.sub_block_idx
  %0 = aicore.block_idx
  %1 = aicore.block_dim
  %2 = aicore.sub_block_idx
  return %0, %1, %2 : index, index, index
}

// CHECK-LABEL: func.func @flags
func.func @flags() {
  // CHECK: aicore.set_flag <mte2> -> <v> event 0
  // CHECK: aicore.wait_flag <mte2> -> <v> event 0
  // CHECK: aicore.set_flag <v> -> <mte3> event 7
  // CHECK: aicore.wait_flag <v> -> <mte3> event 7
  // CHECK: aicore.set_flag <mte1> -> <m> event 1
  // CHECK: aicore.set_flag <m> -> <fix> event 2
  // CHECK: aicore.set_flag <mte2> -> <s> event 3
  aicore.set_flag <mte2> -> <v> event 0
  aicore.wait_flag <mte2> -> <v> event 0
  aicore.set_flag <v> -> <mte3> event 7
  aicore.wait_flag <v> -> <mte3> event 7
  aicore.set_flag <mte1> -> <m> event 1
  aicore.set_flag <m> -> <fix> event 2
  aicore.set_flag <mte2> -> <s> event 3
  // CHECK: aicore.pipe_barrier <v>
  // CHECK: aicore.pipe_barrier <all>
  aicore.pipe_barrier <v>
  aicore.pipe_barrier <all>
  return
}

// CHECK-LABEL: func.func @buffers
func.func @buffers() {
  // CHECK: aicore.alloc : memref<128x128xf16, #aicore.space<ub>>
  // CHECK: aicore.alloc {offset = 32768 : i64} : memref<128x128xf16, #aicore.space<ub>>
  // CHECK: aicore.alloc : memref<256x256xf16, #aicore.space<l1>>
  // CHECK: aicore.alloc {offset = 512 : i64} : memref<64x64xf16, #aicore.space<l0a>>
  // CHECK: aicore.alloc : memref<64x64xf16, #aicore.space<l0b>>
  // CHECK: aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
  // CHECK: aicore.alloc : memref<196608xi8, #aicore.space<ub>>
  // CHECK: aicore.alloc {offset = 0 : i64, ring = 3 : i64} : memref<16xf16, #aicore.space<ub>>
  %0 = aicore.alloc : memref<128x128xf16, #aicore.space<ub>>
  %1 = aicore.alloc {offset = 32768 : i64} : memref<128x128xf16, #aicore.space<ub>>
  %2 = aicore.alloc : memref<256x256xf16, #aicore.space<l1>>
  %3 = aicore.alloc {offset = 512 : i64} : memref<64x64xf16, #aicore.space<l0a>>
  %4 = aicore.alloc : memref<64x64xf16, #aicore.space<l0b>>
  %5 = aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
  %6 = aicore.alloc : memref<196608xi8, #aicore.space<ub>>
  %7 = aicore.alloc {offset = 0 : i64, ring = 3 : i64} : memref<16xf16, #aicore.space<ub>>
  return
}

// A split kernel: the cube core produces, the vector cores consume via GM.
// CHECK-LABEL: func.func @split
func.func @split(%ws: memref<128x128xf32, #aicore.space<gm>>) attributes {aicore.kernel = #aicore.kernel<block_dim = 24>} {
  // CHECK: aicore.core <cube> {
  // CHECK-NEXT: aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
  // CHECK-NEXT: aicore.set_flag <m> -> <fix> event 0
  // CHECK-NEXT: aicore.wait_flag <m> -> <fix> event 0
  // CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 3
  // CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 4
  // CHECK-NEXT: }
  aicore.core <cube> {
    %c = aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
    aicore.set_flag <m> -> <fix> event 0
    aicore.wait_flag <m> -> <fix> event 0
    aicore.cross_core_set_flag <fix> flag 3
    aicore.cross_core_wait_flag <mte2> flag 4
  }
  // CHECK: aicore.core <vector> {
  // CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 3
  // CHECK-NEXT: aicore.alloc : memref<128x128xf32, #aicore.space<ub>>
  // CHECK-NEXT: aicore.pipe_barrier <v>
  // CHECK-NEXT: aicore.cross_core_set_flag <mte3> flag 4
  // CHECK-NEXT: }
  aicore.core <vector> {
    aicore.cross_core_wait_flag <mte2> flag 3
    %u = aicore.alloc : memref<128x128xf32, #aicore.space<ub>>
    aicore.pipe_barrier <v>
    aicore.cross_core_set_flag <mte3> flag 4
  }
  return
}

// Every attribute parses and prints in its full form too.
// CHECK-LABEL: func.func @attributes
// CHECK-SAME: #aicore.space<gm>, #aicore.space<l1>, #aicore.space<l0a>, #aicore.space<l0b>, #aicore.space<l0c>, #aicore.space<ub>
// CHECK-SAME: #aicore.pipe<s>, #aicore.pipe<mte1>, #aicore.pipe<mte2>, #aicore.pipe<mte3>, #aicore.pipe<m>, #aicore.pipe<v>, #aicore.pipe<fix>, #aicore.pipe<all>
// CHECK-SAME: #aicore.core<cube>, #aicore.core<vector>
// CHECK-SAME: #aicore.round<rint>, #aicore.round<round>, #aicore.round<floor>, #aicore.round<ceil>, #aicore.round<trunc>, #aicore.round<odd>
// CHECK-SAME: #aicore.quant<none>, #aicore.quant<f32_to_f16>, #aicore.quant<f32_to_bf16>, #aicore.quant<requant>, #aicore.quant<dequant>
// CHECK-SAME: #aicore.layout<nd>, #aicore.layout<nz>
func.func @attributes() attributes {all = [
    #aicore.space<gm>, #aicore.space<l1>, #aicore.space<l0a>, #aicore.space<l0b>, #aicore.space<l0c>, #aicore.space<ub>,
    #aicore.pipe<s>, #aicore.pipe<mte1>, #aicore.pipe<mte2>, #aicore.pipe<mte3>, #aicore.pipe<m>, #aicore.pipe<v>, #aicore.pipe<fix>, #aicore.pipe<all>,
    #aicore.core<cube>, #aicore.core<vector>,
    #aicore.round<rint>, #aicore.round<round>, #aicore.round<floor>, #aicore.round<ceil>, #aicore.round<trunc>, #aicore.round<odd>,
    #aicore.quant<none>, #aicore.quant<f32_to_f16>, #aicore.quant<f32_to_bf16>, #aicore.quant<requant>, #aicore.quant<dequant>,
    #aicore.layout<nd>, #aicore.layout<nz>]} {
  return
}

}
