// A bf16 add for npy-bf16.test, which binds its arguments from uint16 bit
// patterns and from 2-byte void ('<V2', '|V2') files.
func.func @add_bf16(%x: tensor<16x128xbf16>, %y: tensor<16x128xbf16>) -> tensor<16x128xbf16> {
  %z = ascend.add %x, %y : tensor<16x128xbf16>, tensor<16x128xbf16> -> tensor<16x128xbf16>
  return %z : tensor<16x128xbf16>
}
