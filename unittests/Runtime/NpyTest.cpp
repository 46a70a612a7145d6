//===- NpyTest.cpp - .npy reader and writer against real NumPy output -----===//
//
// The kNumpy* fixtures are the exact bytes NumPy 1.24 wrote, generated once
// with `/usr/bin/python3` (f = io.BytesIO(); <statement>; f.getvalue()) and
// embedded so that the tests need no Python at run time.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Npy.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <cstring>

using namespace mlir::ascend::runtime;
using llvm::StringRef;

namespace {

//===----------------------------------------------------------------------===//
// NumPy fixtures
//===----------------------------------------------------------------------===//

// np.save(f, (np.arange(6, dtype=np.float16).reshape(2, 3) - 2) / 2)
constexpr char kNumpyF16x2x3[] =
    "\223NUMPY\001\000v\000{'descr': '<f2', 'fortran_order': False, 'sh"
    "ape': (2, 3), }                                                   "
    "       \012\000\274\000\270\000\000\0008\000<\000>";
// np.save(f, np.array([-128, -1, 0, 1, 127], np.int8))
constexpr char kNumpyI8x5[] =
    "\223NUMPY\001\000v\000{'descr': '|i1', 'fortran_order': False, 'sh"
    "ape': (5,), }                                                     "
    "       \012\200\377\000\001\177";
// np.save(f, np.float32(1.5))
constexpr char kNumpyF32Scalar[] =
    "\223NUMPY\001\000v\000{'descr': '<f4', 'fortran_order': False, 'sh"
    "ape': (), }                                                       "
    "       \012\000\000\300\077";
// np.save(f, np.array([True, False, True]))
constexpr char kNumpyBool[] =
    "\223NUMPY\001\000v\000{'descr': '|b1', 'fortran_order': False, 'sh"
    "ape': (3,), }                                                     "
    "       \012\001\000\001";
// np.save(f, np.zeros((3, 0, 2), np.uint32))
constexpr char kNumpyU32ZeroSize[] =
    "\223NUMPY\001\000v\000{'descr': '<u4', 'fortran_order': False, 'sh"
    "ape': (3, 0, 2), }                                                "
    "       \012";
// np.save(f, np.array([[1, 2], [3, -4]], '>i4'))
constexpr char kNumpyBigEndianI32[] =
    "\223NUMPY\001\000v\000{'descr': '>i4', 'fortran_order': False, 'sh"
    "ape': (2, 2), }                                                   "
    "       \012\000\000\000\001\000\000\000\002\000\000\000\003\377"
    "\377\377\374";
// np.lib.format.write_array(
//     f, np.arange(12, dtype='<u2').reshape(2, 3, 2), version=(2, 0))
constexpr char kNumpyV2U16[] =
    "\223NUMPY\002\000t\000\000\000{'descr': '<u2', 'fortran_order': Fa"
    "lse, 'shape': (2, 3, 2), }                                        "
    "             \012\000\000\001\000\002\000\003\000\004\000\005\000"
    "\006\000\007\000\010\000\011\000\012\000\013\000";
// np.lib.format.write_array(f, np.array([0.1, -2.5]), version=(3, 0))
constexpr char kNumpyV3F64[] =
    "\223NUMPY\003\000t\000\000\000{'descr': '<f8', 'fortran_order': Fa"
    "lse, 'shape': (2,), }                                             "
    "             \012\232\231\231\231\231\231\271\077\000\000\000\000"
    "\000\000\004\300";
// np.save(f, np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
constexpr char kNumpyFortran[] =
    "\223NUMPY\001\000v\000{'descr': '<f4', 'fortran_order': True, 'sha"
    "pe': (2, 3), }                                                    "
    "       \012\000\000\000\000\000\000@@\000\000\200\077\000\000\200@"
    "\000\000\000@\000\000\240@";
// np.save(f, np.arange(100, dtype=np.uint8).reshape((1,) * 12 + (10, 10)))
// The header would end exactly on a 64-byte boundary, so NumPy pads 64 bytes.
constexpr char kNumpyFullPadding[] =
    "\223NUMPY\001\000\266\000{'descr': '|u1', 'fortran_order': False, "
    "'shape': (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10, 10), }          "
    "                                                                  "
    "        \012\000\001\002\003\004\005\006\007\010\011\012\013\014"
    "\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034"
    "\035\036\037 !\"#$%&'()*+,-./0123456789:;<=>\077@ABCDEFGHIJKLMNOPQ"
    "RSTUVWXYZ[\\]^_`abc";

// np.save(f, np.array([0x3f80, 0xc000, 0x7fc0, 1], '<u2').view('V2'))
// Plain 2-byte void: NumPy writes '|V2'. (np.save of an ml_dtypes bfloat16
// array writes '<V2' with the same data: its dtype has kind 'V' and native
// byte order, and np.lib.format writes dtype.str.)
constexpr char kNumpyVoid2[] =
    "\223NUMPY\001\000v\000{'descr': '|V2', 'fortran_order': False, 'sh"
    "ape': (4,), }                                                     "
    "       \012\200\077\000\300\300\177\001\000";

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

constexpr NpyDType kAllDTypes[] = {NpyDType::F16, NpyDType::F32,  NpyDType::F64,
                                   NpyDType::I8,  NpyDType::I16,  NpyDType::I32,
                                   NpyDType::I64, NpyDType::U8,   NpyDType::U16,
                                   NpyDType::U32, NpyDType::Bool, NpyDType::V2};

/// The literal's bytes, including embedded NULs.
template <size_t N> std::string bytesOf(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

std::vector<uint8_t> toBytes(StringRef text) {
  return std::vector<uint8_t>(text.bytes_begin(), text.bytes_end());
}

/// An array whose bytes differ from element to element and within elements,
/// so that reordering or byte swapping shows.
NpyArray makeArray(NpyDType dtype, std::vector<int64_t> shape) {
  NpyArray array;
  array.dtype = dtype;
  array.shape = std::move(shape);
  array.data.resize(array.numElements() * array.elementBytes());
  for (size_t i = 0; i < array.data.size(); ++i)
    array.data[i] = dtype == NpyDType::Bool ? i % 2 : i * 7 + 1;
  return array;
}

/// A version-`major` file with a hand-written header, unpadded.
std::string npyWithHeader(StringRef header, StringRef data = "",
                          char major = 1) {
  std::string out = "\x93NUMPY";
  out += major;
  out += '\0';
  size_t length = header.size();
  out += static_cast<char>(length & 0xff);
  out += static_cast<char>(length >> 8);
  if (major != 1)
    out += std::string(2, '\0');
  return out + header.str() + data.str();
}

/// A file whose header is np.save's dict with the given fields' text.
std::string npyWithFields(StringRef descr, StringRef fortranOrder,
                          StringRef shape, StringRef data = "") {
  return npyWithHeader(("{'descr': " + descr + ", 'fortran_order': " +
                        fortranOrder + ", 'shape': " + shape + ", }\n")
                           .str(),
                       data);
}

llvm::Expected<NpyArray> parse(StringRef bytes) {
  return parseNpy(bytes, "x.npy");
}

std::string messageOf(llvm::Error error) {
  if (!error) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  return llvm::toString(std::move(error));
}

std::string messageOf(llvm::Expected<NpyArray> result) {
  return messageOf(result.takeError());
}

NpyArray parseOrDie(StringRef bytes) {
  llvm::Expected<NpyArray> result = parse(bytes);
  if (!result) {
    ADD_FAILURE() << llvm::toString(result.takeError());
    return NpyArray();
  }
  return std::move(*result);
}

void expectSameArray(const NpyArray &actual, const NpyArray &expected) {
  EXPECT_EQ(actual.dtype, expected.dtype);
  EXPECT_EQ(actual.shape, expected.shape);
  EXPECT_EQ(actual.data, expected.data);
}

/// A fresh directory, removed with its contents at the end of the test.
class NpyFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("npy-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string pathOf(StringRef file) const {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, file);
    return std::string(path);
  }

  llvm::SmallString<128> dir;
};

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST(Npy, DTypeNamesAndSizes) {
  const char *names[] = {"float16", "float32", "float64", "int8",
                         "int16",   "int32",   "int64",   "uint8",
                         "uint16",  "uint32",  "bool",    "void16"};
  unsigned sizes[] = {2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 1, 2};
  for (size_t i = 0; i < std::size(kAllDTypes); ++i) {
    EXPECT_EQ(dtypeName(kAllDTypes[i]), names[i]);
    NpyArray array;
    array.dtype = kAllDTypes[i];
    EXPECT_EQ(array.elementBytes(), sizes[i]) << names[i];
  }
}

TEST(Npy, RoundTripEveryDType) {
  for (NpyDType dtype : kAllDTypes) {
    SCOPED_TRACE(dtypeName(dtype).str());
    NpyArray array = makeArray(dtype, {2, 3});
    expectSameArray(parseOrDie(serializeNpy(array)), array);
  }
}

TEST(Npy, RoundTripShapes) {
  std::vector<int64_t> shapes[] = {{}, {5}, {2, 3, 4}, {3, 0, 2}, {0}};
  for (const std::vector<int64_t> &shape : shapes) {
    NpyArray array = makeArray(NpyDType::I16, shape);
    std::string bytes = serializeNpy(array);
    SCOPED_TRACE(bytes.substr(10, 60));
    // np.save aligns the data for memory mapping.
    EXPECT_EQ((bytes.size() - array.data.size()) % 64, 0u);
    EXPECT_EQ(bytes[bytes.size() - array.data.size() - 1], '\n');
    expectSameArray(parseOrDie(bytes), array);
  }
}

TEST(Npy, LongHeaderUsesVersion2) {
  // NumPy itself caps arrays at 32 dimensions; the fallback only matters for
  // headers over 64 KiB.
  NpyArray array = makeArray(NpyDType::U8, std::vector<int64_t>(30000, 1));
  std::string bytes = serializeNpy(array);
  EXPECT_EQ(bytes[6], 2);
  EXPECT_EQ((bytes.size() - 1) % 64, 0u);
  expectSameArray(parseOrDie(bytes), array);
}

TEST_F(NpyFileTest, WriteThenRead) {
  NpyArray array = makeArray(NpyDType::F32, {4, 5});
  std::string path = pathOf("a.npy");
  ASSERT_FALSE(llvm::errorToBool(writeNpy(path, array)));
  llvm::Expected<NpyArray> read = readNpy(path);
  ASSERT_TRUE(bool(read)) << llvm::toString(read.takeError());
  expectSameArray(*read, array);
}

//===----------------------------------------------------------------------===//
// Compatibility with NumPy
//===----------------------------------------------------------------------===//

TEST(Npy, SerializeMatchesNumPy) {
  struct Case {
    std::string numpy;
    NpyArray array;
  } cases[] = {
      {bytesOf(kNumpyF16x2x3), makeArray(NpyDType::F16, {2, 3})},
      {bytesOf(kNumpyI8x5), makeArray(NpyDType::I8, {5})},
      {bytesOf(kNumpyF32Scalar), makeArray(NpyDType::F32, {})},
      {bytesOf(kNumpyBool), makeArray(NpyDType::Bool, {3})},
      {bytesOf(kNumpyU32ZeroSize), makeArray(NpyDType::U32, {3, 0, 2})},
      {bytesOf(kNumpyVoid2), makeArray(NpyDType::V2, {4})},
      {bytesOf(kNumpyFullPadding),
       makeArray(NpyDType::U8, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10, 10})},
  };
  for (Case &c : cases) {
    SCOPED_TRACE(c.numpy.substr(10, 60));
    // Take the data from NumPy so that only the preamble is under test.
    size_t dataSize = c.array.data.size();
    c.array.data = toBytes(StringRef(c.numpy).take_back(dataSize));
    EXPECT_EQ(serializeNpy(c.array), c.numpy);
    expectSameArray(parseOrDie(c.numpy), c.array);
  }
}

TEST(Npy, ParsesNumPyValues) {
  NpyArray f16 = parseOrDie(bytesOf(kNumpyF16x2x3));
  EXPECT_EQ(f16.dtype, NpyDType::F16);
  EXPECT_EQ(f16.shape, (std::vector<int64_t>{2, 3}));
  // -1, -0.5, 0, 0.5, 1, 1.5 as little-endian binary16.
  EXPECT_EQ(f16.data,
            (std::vector<uint8_t>{0x00, 0xbc, 0x00, 0xb8, 0x00, 0x00, 0x00,
                                  0x38, 0x00, 0x3c, 0x00, 0x3e}));

  NpyArray i8 = parseOrDie(bytesOf(kNumpyI8x5));
  EXPECT_EQ(i8.dtype, NpyDType::I8);
  EXPECT_EQ(i8.data, (std::vector<uint8_t>{0x80, 0xff, 0, 1, 0x7f}));

  NpyArray scalar = parseOrDie(bytesOf(kNumpyF32Scalar));
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_EQ(scalar.numElements(), 1);
  float value;
  ASSERT_EQ(scalar.data.size(), sizeof(value));
  std::memcpy(&value, scalar.data.data(), sizeof(value));
  EXPECT_EQ(value, 1.5f);

  NpyArray empty = parseOrDie(bytesOf(kNumpyU32ZeroSize));
  EXPECT_EQ(empty.shape, (std::vector<int64_t>{3, 0, 2}));
  EXPECT_EQ(empty.numElements(), 0);
  EXPECT_TRUE(empty.data.empty());
}

TEST(Npy, BigEndianIsConvertedToLittleEndian) {
  NpyArray array = parseOrDie(bytesOf(kNumpyBigEndianI32));
  EXPECT_EQ(array.dtype, NpyDType::I32);
  EXPECT_EQ(array.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(array.data, (std::vector<uint8_t>{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0,
                                              0, 0xfc, 0xff, 0xff, 0xff}));
}

TEST(Npy, ReadsVersions2And3) {
  NpyArray u16 = parseOrDie(bytesOf(kNumpyV2U16));
  EXPECT_EQ(u16.dtype, NpyDType::U16);
  EXPECT_EQ(u16.shape, (std::vector<int64_t>{2, 3, 2}));
  ASSERT_EQ(u16.data.size(), 24u);
  EXPECT_EQ(u16.data[22], 11);

  NpyArray f64 = parseOrDie(bytesOf(kNumpyV3F64));
  EXPECT_EQ(f64.dtype, NpyDType::F64);
  double values[2];
  ASSERT_EQ(f64.data.size(), sizeof(values));
  std::memcpy(values, f64.data.data(), sizeof(values));
  EXPECT_EQ(values[0], 0.1);
  EXPECT_EQ(values[1], -2.5);
}

// bf16 data as np.save writes it for ml_dtypes' bfloat16 ('<V2') and for
// raw 2-byte void ('|V2'): the bytes as they are.
TEST(Npy, ReadsTwoByteVoid) {
  std::vector<uint8_t> bits = {0x80, 0x3f, 0x00, 0xc0, 0xc0, 0x7f, 0x01, 0x00};
  NpyArray numpy = parseOrDie(bytesOf(kNumpyVoid2));
  EXPECT_EQ(numpy.dtype, NpyDType::V2);
  EXPECT_EQ(numpy.shape, (std::vector<int64_t>{4}));
  EXPECT_EQ(numpy.data, bits);

  std::string data(bits.begin(), bits.end());
  NpyArray mlDtypes =
      parseOrDie(npyWithFields("'<V2'", "False", "(2, 2)", data));
  EXPECT_EQ(mlDtypes.dtype, NpyDType::V2);
  EXPECT_EQ(mlDtypes.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(mlDtypes.data, bits);
  EXPECT_EQ(mlDtypes.elementBytes(), 2u);

  // ml_dtypes on a big-endian host: 2-byte numbers, swapped like '>u2'.
  NpyArray bigEndian =
      parseOrDie(npyWithFields("'>V2'", "False", "(4,)", data));
  EXPECT_EQ(bigEndian.dtype, NpyDType::V2);
  EXPECT_EQ(bigEndian.data, (std::vector<uint8_t>{0x3f, 0x80, 0xc0, 0x00, 0x7f,
                                                  0xc0, 0x00, 0x01}));

  // Written as NumPy writes 2-byte void.
  EXPECT_EQ(serializeNpy(mlDtypes).substr(10, 16), "{'descr': '|V2',");
}

TEST(Npy, HeaderSyntaxIsTolerant) {
  std::string data(4, '\x01');
  const char *headers[] = {
      // Keys in any order, double quotes, no trailing comma.
      "{\"shape\": (2, 2), \"fortran_order\": False, \"descr\": \"<i1\"}",
      // Whitespace everywhere, including newlines and tabs.
      " {\n\t'descr' :'|u1' ,'fortran_order':False,\n'shape':( 2 ,2 , ) ,}\n",
      // Python 2 longs, '=' and absent byte orders.
      "{'descr': '=b1', 'fortran_order': False, 'shape': (2L, 2L), }",
      "{'descr': 'i1', 'fortran_order': False, 'shape': ((4),), }",
      "{'descr': '>u1', 'fortran_order': False, 'shape': (+2, 2), }",
  };
  for (const char *header : headers) {
    SCOPED_TRACE(header);
    NpyArray array = parseOrDie(npyWithHeader(header, data));
    EXPECT_EQ(array.numElements(), 4);
    EXPECT_EQ(array.data, toBytes(data));
  }
  // A multi-byte type in native order ('=') on this little-endian host.
  NpyArray i16 = parseOrDie(npyWithFields("'=i2'", "False", "(2,)", data));
  EXPECT_EQ(i16.dtype, NpyDType::I16);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(NpyError, BadMagic) {
  EXPECT_EQ(messageOf(parse("PK\x03\x04 not npy")),
            "x.npy: not a .npy file: bad magic string");
  EXPECT_EQ(messageOf(parse("")), "x.npy: not a .npy file: bad magic string");
}

TEST(NpyError, TruncatedHeader) {
  std::string numpy = bytesOf(kNumpyF16x2x3);
  EXPECT_EQ(messageOf(parse(StringRef(numpy).take_front(7))),
            "x.npy: truncated header: file ends inside the format version");
  EXPECT_EQ(messageOf(parse(StringRef(numpy).take_front(9))),
            "x.npy: truncated header: file ends inside the header length");
  EXPECT_EQ(messageOf(parse(StringRef(numpy).take_front(50))),
            "x.npy: truncated header: expected 118 header bytes, found 40");
}

TEST(NpyError, UnsupportedVersion) {
  std::string numpy = bytesOf(kNumpyF16x2x3);
  numpy[6] = 4;
  EXPECT_EQ(messageOf(parse(numpy)),
            "x.npy: unsupported .npy format version 4.0");
}

TEST(NpyError, HeaderIsNotADictLiteral) {
  struct Case {
    const char *header;
    const char *problem;
  } cases[] = {
      {"['descr', '<f4']", "expected '{', found '[' (header offset 0)"},
      {"{'descr' '<f4'}",
       "expected ':' after key 'descr', found ''' (header offset 9)"},
      {"{descr: '<f4'}",
       "expected a string key or '}', found 'd' (header offset 1)"},
      {"{'descr': '<f4}", "unterminated string (header offset 10)"},
      {"{'descr': '<f4' 'shape': ()}",
       "expected ',' or '}', found ''' (header offset 16)"},
      {"{'shape': (1, 2}", "expected ',' or ')', found '}' (header offset 15)"},
      {"{'shape': (,)}", "expected a value, found ',' (header offset 11)"},
      {"{'descr': float32}", "unknown name 'float32' (header offset 10)"},
      {"{'descr': '\\x3cf4'}",
       "escape sequences in strings are not supported (header offset 11)"},
      {"{'shape': ()} x",
       "expected end of header after the dict, found 'x' (header offset 14)"},
      {"{'shape': ()", "expected ',' or '}', found end of header (header "
                       "offset 12)"},
      {"{'shape': \x01}",
       "expected a value, found byte 0x01 (header offset 10)"},
  };
  for (const Case &c : cases)
    EXPECT_EQ(messageOf(parse(npyWithHeader(c.header))),
              std::string("x.npy: header is not a Python dict literal: ") +
                  c.problem);
}

TEST(NpyError, DeeplyNestedHeader) {
  std::string header = "{'shape': " + std::string(100000, '(') + "}";
  EXPECT_EQ(messageOf(parse(npyWithHeader(header))),
            "x.npy: header is not a Python dict literal: literals nested "
            "more than 16 levels deep (header offset 26)");
}

TEST(NpyError, WrongKeys) {
  EXPECT_EQ(messageOf(parse(
                npyWithHeader("{'descr': '<f4', 'fortran_order': False}"))),
            "x.npy: header has no 'shape' key");
  EXPECT_EQ(messageOf(parse(npyWithHeader(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (), "
                "'order': 'C'}"))),
            "x.npy: header has unexpected key 'order'");
  EXPECT_EQ(messageOf(parse(npyWithHeader("{'descr': '<f4', 'descr': '<f2'}"))),
            "x.npy: header has duplicate key 'descr'");
}

TEST(NpyError, UnsupportedDescr) {
  EXPECT_EQ(messageOf(parse(npyWithFields("'<c8'", "False", "()"))),
            "x.npy: unsupported dtype descr '<c8' (supported: '<f2', '<f4', "
            "'<f8', '|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '|b1', "
            "'|V2', '<V2')");
  // '|' claims the type has no byte order, which is false for 4 bytes.
  EXPECT_TRUE(StringRef(messageOf(parse(npyWithFields("'|f4'", "False", "()"))))
                  .starts_with("x.npy: unsupported dtype descr '|f4' ("));
  EXPECT_TRUE(StringRef(messageOf(parse(npyWithFields("'<u8'", "False", "()"))))
                  .starts_with("x.npy: unsupported dtype descr '<u8' ("));
  // Only 2-byte void is read (as bf16 bits).
  EXPECT_TRUE(StringRef(messageOf(parse(npyWithFields("'|V4'", "False", "()"))))
                  .starts_with("x.npy: unsupported dtype descr '|V4' ("));
  EXPECT_EQ(messageOf(parse(
                npyWithFields("[('a', '<f4'), ('b', '<i4')]", "False", "()"))),
            "x.npy: unsupported dtype descr [('a', '<f4'), ('b', '<i4')]: "
            "structured dtypes are not supported");
}

TEST(NpyError, FortranOrder) {
  EXPECT_EQ(messageOf(parse(bytesOf(kNumpyFortran))),
            "x.npy: Fortran-order arrays are not supported; save with "
            "np.ascontiguousarray");
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "0", "()"))),
            "x.npy: 'fortran_order' must be True or False, found 0");
}

TEST(NpyError, ShapeIsNotATuple) {
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "[2, 3]"))),
            "x.npy: 'shape' must be a tuple of integers, found [2, 3]");
  // Python reads "(5)" as 5, not as a 1-tuple.
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "(5)"))),
            "x.npy: 'shape' must be a tuple of integers, found (5)");
}

TEST(NpyError, NegativeDim) {
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "(-1, 3)"))),
            "x.npy: negative dimension -1 in shape (-1, 3)");
}

TEST(NpyError, NonIntegerDim) {
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "(2.5, 3)"))),
            "x.npy: dimension 2.5 in shape (2.5, 3) is not an integer");
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "(3, '4')"))),
            "x.npy: dimension '4' in shape (3, '4') is not an integer");
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f4'", "False", "(True,)"))),
            "x.npy: dimension True in shape (True,) is not an integer");
}

TEST(NpyError, HugeDims) {
  EXPECT_EQ(messageOf(parse(
                npyWithFields("'<f4'", "False", "(4611686018427387904, 4)"))),
            "x.npy: shape (4611686018427387904, 4) is too large: its float32 "
            "data would exceed 2^63 bytes");
  EXPECT_EQ(messageOf(parse(npyWithFields(
                "'|u1'", "False", "(4294967296, 4294967296, 4294967296)"))),
            "x.npy: shape (4294967296, 4294967296, 4294967296) is too large: "
            "its uint8 data would exceed 2^63 bytes");
  EXPECT_EQ(messageOf(parse(
                npyWithFields("'<f4'", "False", "(99999999999999999999,)"))),
            "x.npy: dimension 99999999999999999999 in shape "
            "(99999999999999999999,) is too large");
  // A zero dimension makes the others irrelevant, as in NumPy.
  NpyArray empty = parseOrDie(npyWithFields(
      "'<f8'", "False", "(0, 9223372036854775807, 9223372036854775807)"));
  EXPECT_EQ(empty.numElements(), 0);

  NpyArray overflowing;
  overflowing.shape = {INT64_MAX, 2};
  EXPECT_EQ(overflowing.numElements(), -1);
}

TEST(NpyError, DataSizeMismatch) {
  EXPECT_EQ(messageOf(parse(npyWithFields("'<f2'", "False", "(3, 4)",
                                          std::string(20, '\0')))),
            "x.npy: expected 24 bytes of float16 data for shape (3, 4), "
            "found 20");
  EXPECT_EQ(messageOf(parse(
                npyWithFields("'<i4'", "False", "()", std::string(5, '\0')))),
            "x.npy: expected 4 bytes of int32 data for shape (), found 5");
  EXPECT_EQ(messageOf(parse(
                npyWithFields("'<V2'", "False", "(3,)", std::string(5, '\0')))),
            "x.npy: expected 6 bytes of void16 data for shape (3,), found 5");
}

TEST_F(NpyFileTest, UnreadableFile) {
  std::string path = pathOf("missing.npy");
  EXPECT_EQ(messageOf(readNpy(path)),
            path + ": cannot read file: No such file or directory");
}

TEST_F(NpyFileTest, UnwritableFile) {
  std::string path = pathOf("no-such-dir/a.npy");
  EXPECT_EQ(messageOf(writeNpy(path, makeArray(NpyDType::F32, {2}))),
            path + ": cannot write file: No such file or directory");
}

TEST_F(NpyFileTest, WriteRejectsInconsistentArrays) {
  std::string path = pathOf("a.npy");
  NpyArray array = makeArray(NpyDType::F32, {2, 3});
  array.data.pop_back();
  EXPECT_EQ(messageOf(writeNpy(path, array)),
            path + ": cannot write array: expected 24 bytes of float32 data "
                   "for shape (2, 3), found 23");
  array.shape = {-2, 3};
  EXPECT_EQ(messageOf(writeNpy(path, array)),
            path + ": cannot write array: shape (-2, 3) has a negative "
                   "dimension");
  EXPECT_FALSE(llvm::sys::fs::exists(path));
}

} // namespace
