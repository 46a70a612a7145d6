// RUN: ascend-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unknown target 'Ascend910'; known targets: Ascend910B2, Ascend910B4, Ascend310P}}
module attributes {aicore.target = #aicore.target<"Ascend910">} {}

// -----

// expected-error @+1 {{'aicore.target' belongs on a builtin.module}}
func.func @target_on_func() attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  return
}

// -----

// expected-error @+1 {{'aicore.target' must be an #aicore.target attribute}}
module attributes {aicore.target = "Ascend910B2"} {}

// -----

// expected-error @+1 {{'aicore.kernel' belongs on a func.func}}
module attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {}

// -----

// expected-error @+1 {{'aicore.kernel' must be an #aicore.kernel attribute}}
func.func @kernel_not_attr() attributes {aicore.kernel = 8 : i64} {
  return
}

// -----

// expected-error @+1 {{block_dim must be in [1, 65535], got 0}}
func.func @block_dim_zero() attributes {aicore.kernel = #aicore.kernel<block_dim = 0>} {
  return
}

// -----

// expected-error @+1 {{unknown aicore attribute 'aicore.kernal'}}
func.func @typo() attributes {aicore.kernal = #aicore.kernel<block_dim = 1>} {
  return
}

// -----

func.func @flag_all() {
  // expected-error @+1 {{flags connect two pipes; <all> is only for aicore.pipe_barrier}}
  aicore.set_flag <all> -> <v> event 0
  return
}

// -----

func.func @flag_same_pipe() {
  // expected-error @+1 {{source and destination pipe are both <v>; a pipe is already in order with itself}}
  aicore.wait_flag <v> -> <v> event 0
  return
}

// -----

func.func @event_out_of_range() {
  // expected-error @+1 {{event id 8 is out of range: Ascend910B2 has 8 event ids per pipe pair}}
  aicore.set_flag <mte2> -> <v> event 8
  return
}

// -----

func.func @flag_across_cores() {
  // expected-error @+1 {{pipes <fix> and <v> are on different cores of Ascend910B2; use aicore.cross_core_set_flag / aicore.cross_core_wait_flag}}
  aicore.set_flag <fix> -> <v> event 0
  return
}

// -----

func.func @flag_wrong_region() {
  aicore.core <vector> {
    // expected-error @+1 {{pipe mte1 belongs to the cube core but is inside an aicore.core <vector> region}}
    aicore.set_flag <mte1> -> <m> event 0
  }
  return
}

// -----

func.func @barrier_scalar() {
  // expected-error @+1 {{<s> cannot be a barrier pipe: the scalar pipe already issues in order}}
  aicore.pipe_barrier <s>
  return
}

// -----

func.func @barrier_wrong_region() {
  aicore.core <cube> {
    // expected-error @+1 {{pipe v belongs to the vector core but is inside an aicore.core <cube> region}}
    aicore.pipe_barrier <v>
  }
  return
}

// -----

func.func @negative_event() {
  // expected-error @+1 {{attribute 'event_id' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  "aicore.set_flag"() {src_pipe = #aicore.pipe<mte2>, dst_pipe = #aicore.pipe<v>, event_id = -1 : i64} : () -> ()
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @cross_core_on_coupled() {
    // expected-error @+1 {{needs a split target; Ascend310P has cube and vector units in one core}}
    aicore.cross_core_set_flag <fix> flag 0
    return
  }
}

// -----

func.func @cross_core_all() {
  // expected-error @+1 {{needs a single pipe, not <all>}}
  aicore.cross_core_wait_flag <all> flag 0
  return
}

// -----

func.func @cross_core_flag_range() {
  // expected-error @+1 {{flag id 16 is out of range: Ascend910B2 has 16 cross-core flags}}
  aicore.cross_core_set_flag <mte3> flag 16
  return
}

// -----

func.func @cross_core_wrong_region() {
  aicore.core <vector> {
    // expected-error @+1 {{pipe fix belongs to the cube core but is inside an aicore.core <vector> region}}
    aicore.cross_core_set_flag <fix> flag 0
  }
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @core_on_coupled() {
    // expected-error @+1 {{needs a split target; Ascend310P has cube and vector units in one core}}
    aicore.core <cube> {
    }
    return
  }
}

// -----

func.func @nested_core() {
  aicore.core <cube> {
    // expected-error @+1 {{cannot be nested in another aicore.core}}
    aicore.core <cube> {
    }
  }
  return
}

// -----

func.func @alloc_gm() {
  // expected-error @+1 {{cannot allocate in gm; GM buffers are kernel arguments}}
  %0 = aicore.alloc : memref<16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @alloc_no_space() {
  // expected-error @+1 {{result must be a memref in an #aicore.space, got 'memref<16xf16>'}}
  %0 = aicore.alloc : memref<16xf16>
  return
}

// -----

func.func @alloc_dynamic() {
  // expected-error @+1 {{must be statically shaped memref of any type values, but got 'memref<?xf16, #aicore.space<ub>>'}}
  %0 = aicore.alloc : memref<?xf16, #aicore.space<ub>>
  return
}

// -----

func.func @alloc_layout() {
  // expected-error @+1 {{allocates a whole buffer, so its layout must be the identity}}
  %0 = aicore.alloc : memref<16x16xf16, strided<[32, 1]>, #aicore.space<ub>>
  return
}

// -----

func.func @alloc_too_big_ub() {
  // expected-error @+1 {{result needs 262144 bytes but ub holds 196608 bytes on Ascend910B2}}
  %0 = aicore.alloc : memref<256x512xf16, #aicore.space<ub>>
  return
}

// -----

func.func @alloc_too_big_l0a() {
  // expected-error @+1 {{result needs 131072 bytes but l0a holds 65536 bytes on Ascend910B2}}
  %0 = aicore.alloc : memref<256x256xf16, #aicore.space<l0a>>
  return
}

// -----

func.func @alloc_misaligned_offset_ub() {
  // expected-error @+1 {{offset 16 is not a multiple of the 32-byte alignment of ub}}
  %0 = aicore.alloc {offset = 16 : i64} : memref<16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @alloc_misaligned_offset_l0c() {
  // expected-error @+1 {{offset 256 is not a multiple of the 512-byte alignment of l0c}}
  %0 = aicore.alloc {offset = 256 : i64} : memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @alloc_past_end() {
  // expected-error @+1 {{ends at byte 196640 but ub holds 196608 bytes on Ascend910B2}}
  %0 = aicore.alloc {offset = 196608 : i64} : memref<16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @alloc_wrong_core() {
  aicore.core <vector> {
    // expected-error @+1 {{a l1 buffer belongs to the cube core but is inside an aicore.core <vector> region}}
    %0 = aicore.alloc : memref<16x16xf16, #aicore.space<l1>>
  }
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend910B4">} {
  func.func @ub_310p_size_on_910b4() {
    // expected-error @+1 {{result needs 262144 bytes but ub holds 196608 bytes on Ascend910B4}}
    %0 = aicore.alloc : memref<262144xi8, #aicore.space<ub>>
    return
  }
}

// -----

func.func @negative_ring() {
  // expected-error @+1 {{attribute 'ring' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = aicore.alloc {ring = -1 : i64} : memref<16xf16, #aicore.space<ub>>
  return
}

// -----

// expected-error @+1 {{argument 1's 'aicore.aliases' names argument 1; it must name an earlier argument}}
func.func @aliases_later(%a: memref<16xf16, #aicore.space<gm>>, %b: memref<16xf16, #aicore.space<gm>> {aicore.aliases = 1 : i64}) {
  return
}

// -----

// expected-error @+1 {{argument 1 ('memref<32xf16, #aicore.space<gm>>') aliases argument 0 ('memref<16xf16, #aicore.space<gm>>'): one buffer cannot be both}}
func.func @aliases_type(%a: memref<16xf16, #aicore.space<gm>>, %b: memref<32xf16, #aicore.space<gm>> {aicore.aliases = 0 : i64}) {
  return
}

// -----

// expected-error @+1 {{'aicore.aliases' is an integer attribute of a func.func argument}}
func.func @aliases_not_int(%a: memref<16xf16, #aicore.space<gm>>, %b: memref<16xf16, #aicore.space<gm>> {aicore.aliases = "a"}) {
  return
}

// -----

// expected-error @+1 {{unknown aicore argument attribute 'aicore.tied'}}
func.func @unknown_arg_attr(%a: memref<16xf16, #aicore.space<gm>> {aicore.tied = 0 : i64}) {
  return
}

// -----

// i0 and widths other than 1, 4, 8, 16, 32 and 64 have no layout in memory
// (an i0 GM argument used to crash ascend-run when it filled it).
// expected-error @+1 {{kernel argument 1 has element type 'i0', which no buffer stores (i1, i4, i8, i16, i32, i64, f16, bf16, f32 or f64)}}
func.func @i0_argument(%a: memref<16xf16, #aicore.space<gm>>, %b: memref<16xi0, #aicore.space<gm>>) attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  return
}

// -----

func.func @i7_tile() {
  // expected-error @+1 {{'aicore.alloc' op result has element type 'i7', which no buffer stores (i1, i4, i8, i16, i32, i64, f16, bf16, f32 or f64)}}
  %t = aicore.alloc : memref<64xi7, #aicore.space<ub>>
  return
}
