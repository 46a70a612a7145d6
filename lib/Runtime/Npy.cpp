//===- Npy.cpp - NumPy .npy file reader and writer ------------------------===//
//
// Reading is done in three steps so that each error has one obvious home:
// split the fixed preamble from the header, parse the header as a Python
// literal (syntax only), then interpret the parsed dict (keys, dtype, shape,
// data size). The parser covers the subset of Python literals np.save can
// emit, so anything outside it is reported at its offset instead of being
// half-matched.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/Runtime/Npy.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

using namespace mlir::ascend::runtime;
using llvm::ArrayRef;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;
using llvm::Twine;

static constexpr llvm::StringLiteral kMagic("\x93NUMPY");
/// Magic string plus the two version bytes.
static constexpr size_t kVersionedMagicSize = 8;
/// np.save aligns the data so that it can be memory-mapped.
static constexpr size_t kDataAlignment = 64;
/// np.save leaves room for the first dimension to grow to this many digits so
/// that appending to a file can rewrite its header in place.
static constexpr size_t kGrowthDigits = 21;
/// Bounds the parser's recursion on hostile headers such as "((((...".
static constexpr unsigned kMaxNesting = 16;

static Error fileError(const Twine &name, const Twine &message) {
  return llvm::createStringError(name + ": " + message);
}

//===----------------------------------------------------------------------===//
// Dtypes and shapes
//===----------------------------------------------------------------------===//

namespace {
struct DTypeInfo {
  NpyDType dtype;
  char kind; // NumPy's kind character, as in descr
  unsigned bytes;
  const char *name;
};
} // namespace

/// Indexed by NpyDType.
static constexpr DTypeInfo kDTypes[] = {
    {NpyDType::F16, 'f', 2, "float16"}, {NpyDType::F32, 'f', 4, "float32"},
    {NpyDType::F64, 'f', 8, "float64"}, {NpyDType::I8, 'i', 1, "int8"},
    {NpyDType::I16, 'i', 2, "int16"},   {NpyDType::I32, 'i', 4, "int32"},
    {NpyDType::I64, 'i', 8, "int64"},   {NpyDType::U8, 'u', 1, "uint8"},
    {NpyDType::U16, 'u', 2, "uint16"},  {NpyDType::U32, 'u', 4, "uint32"},
    {NpyDType::Bool, 'b', 1, "bool"},   {NpyDType::V2, 'V', 2, "void16"},
};

static constexpr bool tableIsIndexedByDType() {
  for (size_t i = 0; i < std::size(kDTypes); ++i)
    if (kDTypes[i].dtype != static_cast<NpyDType>(i))
      return false;
  return true;
}
static_assert(tableIsIndexedByDType(), "kDTypes must follow NpyDType");

static const DTypeInfo &info(NpyDType dtype) {
  return kDTypes[static_cast<size_t>(dtype)];
}

/// descr without its byte-order character, e.g. "f2".
static std::string kindAndSize(const DTypeInfo &dtype) {
  return (Twine(dtype.kind) + Twine(dtype.bytes)).str();
}

/// Whether '|' ("byte order not applicable") is right for `dtype`: NumPy
/// says so of 1-byte types and of void, whose bytes it never swaps.
static bool hasNoByteOrder(const DTypeInfo &dtype) {
  return dtype.bytes == 1 || dtype.kind == 'V';
}

/// The descr np.save writes.
static std::string descrFor(NpyDType dtype) {
  const DTypeInfo &i = info(dtype);
  return (hasNoByteOrder(i) ? "|" : "<") + kindAndSize(i);
}

/// The shape as Python prints the tuple: "()", "(5,)", "(2, 3)".
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "(";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  if (shape.size() == 1)
    os << ',';
  os << ')';
  return text;
}

/// The bytes a C-order array of `shape` occupies, or nullopt if a dimension
/// is negative or the count does not fit in int64_t.
static std::optional<int64_t> checkedByteCount(ArrayRef<int64_t> shape,
                                               unsigned elementBytes) {
  if (llvm::any_of(shape, [](int64_t dim) { return dim < 0; }))
    return std::nullopt;
  // An empty array needs no storage however large its other dimensions are.
  if (llvm::is_contained(shape, 0))
    return 0;
  int64_t count = elementBytes;
  for (int64_t dim : shape)
    if (llvm::MulOverflow(count, dim, count))
      return std::nullopt;
  return count;
}

/// Checks that `actualBytes` is exactly what `shape` of `dtype` needs.
static Error checkDataSize(NpyDType dtype, ArrayRef<int64_t> shape,
                           uint64_t actualBytes, const Twine &context) {
  std::string shapeText = formatShape(shape);
  if (llvm::any_of(shape, [](int64_t dim) { return dim < 0; }))
    return fileError(context,
                     "shape " + shapeText + " has a negative dimension");
  StringRef name = info(dtype).name;
  std::optional<int64_t> needed = checkedByteCount(shape, info(dtype).bytes);
  if (!needed)
    return fileError(context, "shape " + shapeText + " is too large: its " +
                                  name + " data would exceed 2^63 bytes");
  if (actualBytes != static_cast<uint64_t>(*needed))
    return fileError(context, "expected " + Twine(*needed) + " bytes of " +
                                  name + " data for shape " + shapeText +
                                  ", found " + Twine(actualBytes));
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Header parsing (syntax)
//===----------------------------------------------------------------------===//

namespace {
/// A parsed Python literal.
struct PyValue {
  enum class Kind { String, Bool, None, Number, Tuple, List };
  Kind kind = Kind::None;
  /// The literal as written, for diagnostics.
  StringRef source;
  /// String: the characters between the quotes. Number: the number as
  /// written, which `source` is not for a parenthesized one like "(4)".
  StringRef string;
  bool boolean = false;
  /// Tuple and List.
  std::vector<PyValue> elements;
};

using HeaderDict = std::vector<std::pair<StringRef, PyValue>>;

/// A recursive descent parser for a dict literal of Python literals. Numbers
/// are kept as text: only shape dimensions are numbers, and their checks
/// belong to the interpretation step, which can name the shape.
class HeaderParser {
public:
  HeaderParser(StringRef header, StringRef fileName)
      : header(header), fileName(fileName) {}

  Expected<HeaderDict> parseDict();

private:
  Expected<PyValue> parseValue(unsigned depth);
  Expected<PyValue> parseString();
  Expected<PyValue> parseSequence(char close, unsigned depth);
  Expected<PyValue> parseWord();

  char peek() const { return pos < header.size() ? header[pos] : '\0'; }
  bool consume(char c);
  void skipSpace();
  Error fail(const Twine &problem) const;
  Error expected(const Twine &what) const;

  StringRef header;
  StringRef fileName;
  size_t pos = 0;
};
} // namespace

bool HeaderParser::consume(char c) {
  if (pos >= header.size() || header[pos] != c)
    return false;
  ++pos;
  return true;
}

void HeaderParser::skipSpace() {
  while (pos < header.size() && llvm::isSpace(header[pos]))
    ++pos;
}

Error HeaderParser::fail(const Twine &problem) const {
  return fileError(fileName, "header is not a Python dict literal: " + problem +
                                 " (header offset " + Twine(pos) + ")");
}

Error HeaderParser::expected(const Twine &what) const {
  std::string found;
  if (pos >= header.size())
    found = "end of header";
  else if (llvm::isPrint(header[pos]))
    found = ("'" + Twine(header[pos]) + "'").str();
  else
    found = "byte 0x" + llvm::utohexstr(static_cast<uint8_t>(header[pos]),
                                        /*LowerCase=*/false, /*Width=*/2);
  return fail("expected " + what + ", found " + found);
}

Expected<HeaderDict> HeaderParser::parseDict() {
  skipSpace();
  if (!consume('{'))
    return expected("'{'");
  HeaderDict dict;
  while (true) {
    skipSpace();
    if (consume('}'))
      break;
    if (peek() != '\'' && peek() != '"')
      return expected("a string key or '}'");
    Expected<PyValue> key = parseString();
    if (!key)
      return key.takeError();
    skipSpace();
    if (!consume(':'))
      return expected("':' after key " + key->source);
    skipSpace();
    Expected<PyValue> value = parseValue(/*depth=*/1);
    if (!value)
      return value.takeError();
    dict.emplace_back(key->string, std::move(*value));
    skipSpace();
    if (consume(','))
      continue;
    if (consume('}'))
      break;
    return expected("',' or '}'");
  }
  skipSpace();
  if (pos != header.size())
    return expected("end of header after the dict");
  return dict;
}

Expected<PyValue> HeaderParser::parseValue(unsigned depth) {
  if (depth > kMaxNesting)
    return fail("literals nested more than " + Twine(kMaxNesting) +
                " levels deep");
  char c = peek();
  if (c == '\'' || c == '"')
    return parseString();
  if (c == '(')
    return parseSequence(')', depth);
  if (c == '[')
    return parseSequence(']', depth);
  if (llvm::isAlnum(c) || StringRef("_+-.").contains(c))
    return parseWord();
  return expected("a value");
}

Expected<PyValue> HeaderParser::parseString() {
  size_t start = pos;
  char quote = header[pos++];
  for (; pos < header.size() && header[pos] != '\n'; ++pos) {
    if (header[pos] == '\\')
      return fail("escape sequences in strings are not supported");
    if (header[pos] != quote)
      continue;
    PyValue value;
    value.kind = PyValue::Kind::String;
    value.string = header.slice(start + 1, pos);
    value.source = header.slice(start, ++pos);
    return value;
  }
  pos = start;
  return fail("unterminated string");
}

Expected<PyValue> HeaderParser::parseSequence(char close, unsigned depth) {
  size_t start = pos++;
  PyValue value;
  value.kind = close == ')' ? PyValue::Kind::Tuple : PyValue::Kind::List;
  bool sawComma = false;
  while (true) {
    skipSpace();
    if (consume(close))
      break;
    Expected<PyValue> element = parseValue(depth + 1);
    if (!element)
      return element.takeError();
    value.elements.push_back(std::move(*element));
    skipSpace();
    if (consume(',')) {
      sawComma = true;
      continue;
    }
    if (consume(close))
      break;
    return expected("',' or '" + Twine(close) + "'");
  }
  // Python reads "(5)" as the number 5; only "(5,)" is a 1-tuple.
  if (value.kind == PyValue::Kind::Tuple && value.elements.size() == 1 &&
      !sawComma) {
    PyValue inner = std::move(value.elements.front());
    value = std::move(inner);
  }
  value.source = header.slice(start, pos);
  return value;
}

Expected<PyValue> HeaderParser::parseWord() {
  size_t start = pos;
  // Wide enough for any number ("-3", "2.5e-3", "0x1F", "3L"); names are a
  // subset.
  while (pos < header.size() && (llvm::isAlnum(header[pos]) ||
                                 StringRef("_+-.").contains(header[pos])))
    ++pos;
  PyValue value;
  value.source = header.slice(start, pos);
  if (value.source == "True" || value.source == "False") {
    value.kind = PyValue::Kind::Bool;
    value.boolean = value.source == "True";
  } else if (value.source == "None") {
    value.kind = PyValue::Kind::None;
  } else if (!llvm::isAlpha(value.source.front()) &&
             value.source.front() != '_') {
    value.kind = PyValue::Kind::Number;
    value.string = value.source;
  } else {
    pos = start;
    return fail("unknown name '" + value.source + "'");
  }
  return value;
}

//===----------------------------------------------------------------------===//
// Header interpretation
//===----------------------------------------------------------------------===//

namespace {
struct Descr {
  NpyDType dtype;
  bool swapBytes;
};
} // namespace

static std::string supportedDescrs() {
  std::string list;
  for (const DTypeInfo &dtype : kDTypes)
    list += (list.empty() ? "'" : ", '") + descrFor(dtype.dtype) + "'";
  // What np.save writes for ml_dtypes' bfloat16 (kind 'V', native order).
  return list + ", '<V2'";
}

static Expected<Descr> parseDescr(const PyValue &value, StringRef fileName) {
  if (value.kind != PyValue::Kind::String)
    return fileError(fileName, "unsupported dtype descr " + value.source +
                                   ": structured dtypes are not supported");
  StringRef text = value.string;
  // No byte-order character means native order, as for '='.
  char order = '=';
  if (!text.empty() && StringRef("<>=|").contains(text.front())) {
    order = text.front();
    text = text.drop_front();
  }
  for (const DTypeInfo &dtype : kDTypes) {
    if (text != kindAndSize(dtype))
      continue;
    // '|' means "byte order not applicable", which is only true of 1 byte
    // and of raw bytes (void).
    if (order == '|' && !hasNoByteOrder(dtype))
      break;
    // Void has no byte order in NumPy, but '<V2' / '>V2' come from ml_dtypes'
    // bfloat16, whose elements are 2-byte numbers in that order: swap '>V2'
    // like any other big-endian type.
    bool bigEndian =
        order == '>' || (order == '=' && llvm::sys::IsBigEndianHost);
    return Descr{dtype.dtype, bigEndian && dtype.bytes > 1};
  }
  return fileError(fileName, "unsupported dtype descr " + value.source +
                                 " (supported: " + supportedDescrs() + ")");
}

static Error checkCOrder(const PyValue &value, StringRef fileName) {
  if (value.kind != PyValue::Kind::Bool)
    return fileError(fileName, "'fortran_order' must be True or False, found " +
                                   value.source);
  if (value.boolean)
    return fileError(fileName, "Fortran-order arrays are not supported; save "
                               "with np.ascontiguousarray");
  return Error::success();
}

static Expected<int64_t> parseDim(const PyValue &dim, StringRef shapeSource,
                                  StringRef fileName) {
  StringRef digits = dim.string;
  // NumPy on Python 2 wrote dimensions as longs ("3L").
  digits.consume_back("L");
  bool negative = digits.consume_front("-");
  if (!negative)
    digits.consume_front("+");
  if (dim.kind != PyValue::Kind::Number || digits.empty() ||
      !llvm::all_of(digits, llvm::isDigit))
    return fileError(fileName, "dimension " + dim.source + " in shape " +
                                   shapeSource + " is not an integer");
  uint64_t magnitude;
  bool tooLarge = digits.getAsInteger(10, magnitude) ||
                  magnitude > static_cast<uint64_t>(INT64_MAX);
  if (negative && (tooLarge || magnitude != 0))
    return fileError(fileName, "negative dimension " + dim.source +
                                   " in shape " + shapeSource);
  if (tooLarge)
    return fileError(fileName, "dimension " + dim.source + " in shape " +
                                   shapeSource + " is too large");
  return static_cast<int64_t>(magnitude);
}

static Expected<std::vector<int64_t>> parseShape(const PyValue &value,
                                                 StringRef fileName) {
  if (value.kind != PyValue::Kind::Tuple)
    return fileError(fileName, "'shape' must be a tuple of integers, found " +
                                   value.source);
  std::vector<int64_t> shape;
  for (const PyValue &dim : value.elements) {
    Expected<int64_t> size = parseDim(dim, value.source, fileName);
    if (!size)
      return size.takeError();
    shape.push_back(*size);
  }
  return shape;
}

namespace {
struct Header {
  Descr descr;
  std::vector<int64_t> shape;
};
} // namespace

/// Checks that the dict has exactly the keys np.save writes, as np.load does.
static Expected<Header> interpretHeader(const HeaderDict &dict,
                                        StringRef fileName) {
  const PyValue *descr = nullptr, *fortranOrder = nullptr, *shape = nullptr;
  for (const auto &[key, value] : dict) {
    const PyValue **slot = llvm::StringSwitch<const PyValue **>(key)
                               .Case("descr", &descr)
                               .Case("fortran_order", &fortranOrder)
                               .Case("shape", &shape)
                               .Default(nullptr);
    if (!slot)
      return fileError(fileName, "header has unexpected key '" + key + "'");
    if (*slot)
      return fileError(fileName, "header has duplicate key '" + key + "'");
    *slot = &value;
  }
  std::pair<const char *, const PyValue *> required[] = {
      {"descr", descr}, {"fortran_order", fortranOrder}, {"shape", shape}};
  for (auto [key, slot] : required)
    if (!slot)
      return fileError(fileName, Twine("header has no '") + key + "' key");

  Expected<Descr> parsedDescr = parseDescr(*descr, fileName);
  if (!parsedDescr)
    return parsedDescr.takeError();
  if (Error error = checkCOrder(*fortranOrder, fileName))
    return std::move(error);
  Expected<std::vector<int64_t>> parsedShape = parseShape(*shape, fileName);
  if (!parsedShape)
    return parsedShape.takeError();
  return Header{*parsedDescr, std::move(*parsedShape)};
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

namespace {
struct Sections {
  StringRef header;
  StringRef data;
};
} // namespace

static Expected<Sections> splitSections(StringRef bytes, StringRef fileName) {
  if (!bytes.starts_with(kMagic))
    return fileError(fileName, "not a .npy file: bad magic string");
  if (bytes.size() < kVersionedMagicSize)
    return fileError(fileName, "truncated header: file ends inside the "
                               "format version");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  unsigned minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0)
    return fileError(fileName, "unsupported .npy format version " +
                                   Twine(major) + "." + Twine(minor));
  // Version 1.0 stores the header length in 16 bits, later ones in 32.
  size_t lengthBytes = major == 1 ? 2 : 4;
  size_t headerStart = kVersionedMagicSize + lengthBytes;
  if (bytes.size() < headerStart)
    return fileError(fileName, "truncated header: file ends inside the "
                               "header length");
  const char *lengthField = bytes.data() + kVersionedMagicSize;
  uint64_t headerLength = major == 1
                              ? llvm::support::endian::read16le(lengthField)
                              : llvm::support::endian::read32le(lengthField);
  uint64_t available = bytes.size() - headerStart;
  if (available < headerLength)
    return fileError(fileName, "truncated header: expected " +
                                   Twine(headerLength) +
                                   " header bytes, found " + Twine(available));
  return Sections{bytes.substr(headerStart, headerLength),
                  bytes.substr(headerStart + headerLength)};
}

Expected<NpyArray> mlir::ascend::runtime::parseNpy(StringRef bytes,
                                                   StringRef nameForErrors) {
  Expected<Sections> sections = splitSections(bytes, nameForErrors);
  if (!sections)
    return sections.takeError();
  Expected<HeaderDict> dict =
      HeaderParser(sections->header, nameForErrors).parseDict();
  if (!dict)
    return dict.takeError();
  Expected<Header> header = interpretHeader(*dict, nameForErrors);
  if (!header)
    return header.takeError();
  NpyDType dtype = header->descr.dtype;
  if (Error error = checkDataSize(dtype, header->shape, sections->data.size(),
                                  nameForErrors))
    return std::move(error);

  NpyArray array;
  array.dtype = dtype;
  array.shape = std::move(header->shape);
  array.data.assign(sections->data.bytes_begin(), sections->data.bytes_end());
  if (header->descr.swapBytes) {
    unsigned size = array.elementBytes();
    for (auto it = array.data.begin(); it != array.data.end(); it += size)
      std::reverse(it, it + size);
  }
  return array;
}

Expected<NpyArray> mlir::ascend::runtime::readNpy(StringRef path) {
  // A FIFO or a device would block or never end; a directory reads as junk.
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status) &&
      !llvm::sys::fs::is_regular_file(status))
    return fileError(path, "not a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fileError(path, "cannot read file: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

/// The header length np.save picks: the dict, spaces, and a final newline,
/// so that the data starts at a multiple of kDataAlignment. Like NumPy, adds
/// a full kDataAlignment of spaces when the dict alone would end aligned.
static size_t paddedHeaderLength(size_t dictLength, size_t headerStart) {
  size_t unpadded = dictLength + 1;
  return unpadded + kDataAlignment - (headerStart + unpadded) % kDataAlignment;
}

/// Everything np.save writes before the data.
static std::string serializePreamble(const NpyArray &array) {
  std::string dict =
      "{'descr': '" + descrFor(array.dtype) +
      "', 'fortran_order': False, 'shape': " + formatShape(array.shape) + ", }";
  if (!array.shape.empty())
    dict.append(kGrowthDigits - std::to_string(array.shape.front()).size(),
                ' ');

  // Like np.save, use version 2.0's 32-bit header length only when needed.
  uint8_t major = 1;
  size_t lengthBytes = 2;
  size_t headerLength =
      paddedHeaderLength(dict.size(), kVersionedMagicSize + lengthBytes);
  if (headerLength > UINT16_MAX) {
    major = 2;
    lengthBytes = 4;
    headerLength =
        paddedHeaderLength(dict.size(), kVersionedMagicSize + lengthBytes);
  }

  std::string out(kMagic);
  out += static_cast<char>(major);
  out += '\0';
  char lengthField[4];
  if (major == 1)
    llvm::support::endian::write16le(lengthField, headerLength);
  else
    llvm::support::endian::write32le(lengthField, headerLength);
  out.append(lengthField, lengthBytes);
  out += dict;
  out.append(headerLength - dict.size() - 1, ' ');
  out += '\n';
  return out;
}

std::string mlir::ascend::runtime::serializeNpy(const NpyArray &array) {
  std::string out = serializePreamble(array);
  out.append(array.data.begin(), array.data.end());
  return out;
}

Error mlir::ascend::runtime::writeNpy(StringRef path, const NpyArray &array) {
  if (Error error = checkDataSize(array.dtype, array.shape, array.data.size(),
                                  path + ": cannot write array"))
    return error;
  Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
    os << serializePreamble(array);
    os.write(reinterpret_cast<const char *>(array.data.data()),
             array.data.size());
    return Error::success();
  });
  if (!error)
    return Error::success();
  // writeToOutput names the file in its own format; restate it in ours.
  std::string reason;
  llvm::handleAllErrors(
      std::move(error),
      [&](const llvm::FileError &withFile) {
        reason = withFile.messageWithoutFileInfo();
      },
      [&](const llvm::ErrorInfoBase &other) { reason = other.message(); });
  return fileError(path, "cannot write file: " + reason);
}

//===----------------------------------------------------------------------===//
// NpyArray
//===----------------------------------------------------------------------===//

int64_t NpyArray::numElements() const {
  return checkedByteCount(shape, 1).value_or(-1);
}

unsigned NpyArray::elementBytes() const { return info(dtype).bytes; }

StringRef mlir::ascend::runtime::dtypeName(NpyDType dtype) {
  return info(dtype).name;
}
