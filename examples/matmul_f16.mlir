// C = A x B for A: 128x512, B: 512x256 in f16 on one cube core, f32
// accumulation in L0C, converted to f16 by the fixpipe on the way out.
// Per K step of 64: GM -> L1 (MTE2, ND -> NZ), L1 -> L0A/L0B (MTE1),
// mmad (M). Flags hand each buffer from the pipe that fills it to the pipe
// that reads it and back; the two flags set before the loop let the first
// iteration's waits pass, the two waits after it drain the last sets.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @matmul_f16(%a: memref<128x512xf16, #aicore.space<gm>>,
                        %b: memref<512x256xf16, #aicore.space<gm>>,
                        %c: memref<128x256xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c512 = arith.constant 512 : index
    %l1a = aicore.alloc : memref<128x64xf16, #aicore.space<l1>>
    %l1b = aicore.alloc : memref<64x256xf16, #aicore.space<l1>>
    %l0a = aicore.alloc : memref<128x64xf16, #aicore.space<l0a>>
    %l0b = aicore.alloc : memref<64x256xf16, #aicore.space<l0b>>
    %l0c = aicore.alloc : memref<128x256xf32, #aicore.space<l0c>>

    aicore.set_flag <mte1> -> <mte2> event 0
    aicore.set_flag <m> -> <mte1> event 0
    scf.for %k = %c0 to %c512 step %c64 {
      %first = arith.cmpi eq, %k, %c0 : index
      %as = memref.subview %a[0, %k] [128, 64] [1, 1] : memref<128x512xf16, #aicore.space<gm>> to memref<128x64xf16, strided<[512, 1], offset: ?>, #aicore.space<gm>>
      %bs = memref.subview %b[%k, 0] [64, 256] [1, 1] : memref<512x256xf16, #aicore.space<gm>> to memref<64x256xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
      // L1 is free once MTE1 has read the previous step's tiles.
      aicore.wait_flag <mte1> -> <mte2> event 0
      mte.copy %as, %l1a dst_layout <nz> : memref<128x64xf16, strided<[512, 1], offset: ?>, #aicore.space<gm>>, memref<128x64xf16, #aicore.space<l1>>
      mte.copy %bs, %l1b dst_layout <nz> : memref<64x256xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>, memref<64x256xf16, #aicore.space<l1>>
      aicore.set_flag <mte2> -> <mte1> event 0
      aicore.wait_flag <mte2> -> <mte1> event 0
      // L0A/L0B are free once the previous mmad has read them.
      aicore.wait_flag <m> -> <mte1> event 0
      mte.copy %l1a, %l0a src_layout <nz> : memref<128x64xf16, #aicore.space<l1>>, memref<128x64xf16, #aicore.space<l0a>>
      mte.copy %l1b, %l0b src_layout <nz> : memref<64x256xf16, #aicore.space<l1>>, memref<64x256xf16, #aicore.space<l0b>>
      aicore.set_flag <mte1> -> <mte2> event 0
      aicore.set_flag <mte1> -> <m> event 0
      aicore.wait_flag <mte1> -> <m> event 0
      cube.mmad %l0a, %l0b, %l0c init(%first) : memref<128x64xf16, #aicore.space<l0a>>, memref<64x256xf16, #aicore.space<l0b>>, memref<128x256xf32, #aicore.space<l0c>>
      aicore.set_flag <m> -> <mte1> event 0
    }
    aicore.wait_flag <mte1> -> <mte2> event 0
    aicore.wait_flag <m> -> <mte1> event 0

    // The fixpipe reads L0C once the last mmad has finished.
    aicore.set_flag <m> -> <fix> event 0
    aicore.wait_flag <m> -> <fix> event 0
    mte.fixpipe %l0c, %c quant <f32_to_f16> : memref<128x256xf32, #aicore.space<l0c>>, memref<128x256xf16, #aicore.space<gm>>
    return
  }
}
