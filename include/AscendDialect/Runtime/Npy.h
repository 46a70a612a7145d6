//===- Npy.h - NumPy .npy file reader and writer ----------------*- C++ -*-===//
//
// Kernel inputs and reference outputs are exchanged with NumPy as .npy files.
// The reader accepts format versions 1.0, 2.0 and 3.0 and every malformed
// file yields an llvm::Error naming the file and the defect, because these
// files come from users' scripts, not from us. The writer produces the same
// bytes as NumPy 1.24's np.save, so files diff cleanly against NumPy's.
//
// Arrays always hold little-endian element bytes in C order: big-endian
// files are byte-swapped on read, Fortran-order files are rejected.
//
// Besides NumPy's numeric types the reader accepts 2-byte void ('|V2', or
// '<V2' as np.save writes ml_dtypes' bfloat16, whose name the descr does not
// keep): raw 2-byte elements that ascend-run binds to bf16 arguments.
//
//===----------------------------------------------------------------------===//
#ifndef ASCENDDIALECT_RUNTIME_NPY_H
#define ASCENDDIALECT_RUNTIME_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::ascend::runtime {

/// V2 is 2-byte void: raw little-endian 2-byte elements, NumPy's 'void16'
/// (e.g. ml_dtypes bfloat16 bits; read from '|V2' and '<V2', written '|V2').
enum class NpyDType {
  F16,
  F32,
  F64,
  I8,
  I16,
  I32,
  I64,
  U8,
  U16,
  U32,
  Bool,
  V2
};

struct NpyArray {
  NpyDType dtype = NpyDType::F32;
  /// Empty for a scalar (0-d) array.
  std::vector<int64_t> shape;
  /// C order, little-endian element bytes.
  std::vector<uint8_t> data;

  /// The product of the dimensions, or -1 if a dimension is negative or the
  /// product does not fit in int64_t (never the case for parsed arrays).
  int64_t numElements() const;
  unsigned elementBytes() const;
};

/// The NumPy name of `dtype` ("float16", "int8", "bool", "void16", ...).
llvm::StringRef dtypeName(NpyDType dtype);

/// Reads and parses the .npy file at `path`.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Parses the contents of a .npy file; `nameForErrors` starts every error.
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes,
                                  llvm::StringRef nameForErrors);

/// Writes `array` to `path` via a temporary file, so that a failed write
/// never leaves a truncated .npy behind. Fails if `array.data` does not have
/// the size its shape and dtype need.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

/// The bytes np.save writes for `array` (format 1.0, or 2.0 when the header
/// does not fit in 1.0). `array.data` must have the size its shape needs.
std::string serializeNpy(const NpyArray &array);

} // namespace mlir::ascend::runtime

#endif // ASCENDDIALECT_RUNTIME_NPY_H
