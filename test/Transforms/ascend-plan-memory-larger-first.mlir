// RUN: ascend-opt %s -ascend-plan-memory | FileCheck %s

// Placed in order of live-range start, %c would take %a's bytes once %a is
// dead and split the rest so that %d (96 KB of the 96 KB free) fits
// nowhere; the planner then places larger buffers first, which fits.
// CHECK-LABEL: func.func @larger_first
// CHECK:         aicore.alloc {offset = 0 : i64} : memref<49152xf16
// CHECK-NEXT:    aicore.alloc {offset = 98304 : i64} : memref<32768xf16
// CHECK:         aicore.alloc {offset = 163840 : i64} : memref<16384xf16
// CHECK:         aicore.alloc {offset = 0 : i64} : memref<49152xf16
func.func @larger_first(%x: memref<49152xf16, #aicore.space<gm>>,
                        %y: memref<32768xf16, #aicore.space<gm>>,
                        %w: memref<16384xf16, #aicore.space<gm>>) {
  %a = aicore.alloc : memref<49152xf16, #aicore.space<ub>>
  %b = aicore.alloc : memref<32768xf16, #aicore.space<ub>>
  mte.copy %x, %a : memref<49152xf16, #aicore.space<gm>>, memref<49152xf16, #aicore.space<ub>>
  mte.copy %y, %b : memref<32768xf16, #aicore.space<gm>>, memref<32768xf16, #aicore.space<ub>>
  mte.copy %a, %x : memref<49152xf16, #aicore.space<ub>>, memref<49152xf16, #aicore.space<gm>>
  %c = aicore.alloc : memref<16384xf16, #aicore.space<ub>>
  mte.copy %w, %c : memref<16384xf16, #aicore.space<gm>>, memref<16384xf16, #aicore.space<ub>>
  %d = aicore.alloc : memref<49152xf16, #aicore.space<ub>>
  mte.copy %x, %d : memref<49152xf16, #aicore.space<gm>>, memref<49152xf16, #aicore.space<ub>>
  mte.copy %b, %y : memref<32768xf16, #aicore.space<ub>>, memref<32768xf16, #aicore.space<gm>>
  mte.copy %c, %w : memref<16384xf16, #aicore.space<ub>>, memref<16384xf16, #aicore.space<gm>>
  mte.copy %d, %x : memref<49152xf16, #aicore.space<ub>>, memref<49152xf16, #aicore.space<gm>>
  return
}
