//===- FuzzSupport.h - what the fuzz targets share --------------*- C++ -*-===//
//
// Parses a fuzzer input as ascend-opt parses a file: our dialects and the
// upstream ones we use registered (AscendDialect/Support/Registration.h), a
// fresh context per input, so that no input depends on the ones before it.
// Diagnostics are captured and dropped: most inputs are invalid, and
// printing them would cost more than parsing. A target that aborts prints
// the last ones to say why.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_FUZZ_FUZZSUPPORT_H
#define ASCEND_FUZZ_FUZZSUPPORT_H

#include "AscendDialect/Support/Registration.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace mlir::ascend::fuzz {

/// A context with ascend-opt's dialects, single-threaded: nested passes and
/// the interpreter then run in the fuzzer's thread, deterministically.
inline std::unique_ptr<MLIRContext> createContext() {
  static const DialectRegistry *registry = [] {
    auto *r = new DialectRegistry;
    registerAllDialects(*r);
    return r;
  }();
  return std::make_unique<MLIRContext>(*registry,
                                       MLIRContext::Threading::DISABLED);
}

/// Captures every diagnostic while in scope; keeps the last few.
class CapturedDiagnostics {
public:
  explicit CapturedDiagnostics(MLIRContext *context)
      : handler(context, [this](Diagnostic &diagnostic) {
          if (messages.size() == kKept)
            messages.pop_front();
          std::string text;
          llvm::raw_string_ostream os(text);
          os << diagnostic.getLocation() << ": " << diagnostic;
          messages.push_back(std::move(text));
          return success();
        }) {}

  void print(llvm::raw_ostream &os) const {
    for (const std::string &message : messages)
      os << message << "\n";
  }

private:
  static constexpr size_t kKept = 16;
  std::deque<std::string> messages;
  ScopedDiagnosticHandler handler;
};

/// Whether `text` may hit one of MLIR 19's own crashes that the fuzzer
/// finds within minutes (docs/Robustness.md lists them; mlir-opt-19 crashes
/// alike). They are not our bugs, but each would stop every run, so such
/// inputs are skipped:
/// - linalg.transpose, linalg.broadcast and linalg.reduce store whatever
///   DenseI64ArrayAttr::parse returns after `permutation =` / `dimensions =`
///   without checking it: a malformed list ([1 ,, 0], an integer beyond
///   int64) is a null attribute that NamedAttrList::set dereferences. After
///   either word and `=`, anything but a list of small integers is skipped;
/// - linalg.transpose's verifier builds a null AffineMap from a permutation
///   with an entry out of [0, size): such `permutation` lists are skipped;
/// - SparseElementsAttr::verify dereferences a null attribute for an index
///   beyond int64: every `sparse<` literal is skipped (our IR has none).
inline bool mayCrashMLIR(StringRef text) {
  if (text.contains("sparse<"))
    return true;
  auto skipSpace = [](StringRef &s) {
    while (true) {
      s = s.ltrim();
      if (!s.starts_with("//"))
        return;
      s = s.drop_until([](char c) { return c == '\n'; });
    }
  };
  // The list at the start of `s` if it is one of small integers.
  auto parseIntegerList =
      [&](StringRef s) -> std::optional<SmallVector<int64_t>> {
    SmallVector<int64_t> values;
    skipSpace(s);
    if (!s.consume_front("["))
      return std::nullopt;
    skipSpace(s);
    if (s.consume_front("]"))
      return values;
    while (true) {
      bool negative = s.consume_front("-");
      if (negative)
        skipSpace(s);
      bool hex = s.consume_front("0x");
      size_t digits =
          hex ? s.find_if_not(llvm::isHexDigit) : s.find_if_not(llvm::isDigit);
      int64_t value;
      if (digits == 0 || digits == StringRef::npos ||
          digits > (hex ? 15 : 18) ||
          s.take_front(digits).getAsInteger(hex ? 16 : 10, value))
        return std::nullopt;
      values.push_back(negative ? -value : value);
      s = s.drop_front(digits);
      skipSpace(s);
      if (s.consume_front("]"))
        return values;
      if (!s.consume_front(","))
        return std::nullopt;
      skipSpace(s);
    }
  };
  for (StringRef word : {"permutation", "dimensions"}) {
    for (size_t at = text.find(word); at != StringRef::npos;
         at = text.find(word, at + 1)) {
      StringRef rest = text.drop_front(at + word.size());
      skipSpace(rest);
      if (!rest.consume_front("="))
        continue;
      std::optional<SmallVector<int64_t>> list = parseIntegerList(rest);
      if (!list)
        return true;
      int64_t size = list->size();
      if (word == "permutation" &&
          llvm::any_of(*list, [&](int64_t v) { return v < 0 || v >= size; }))
        return true;
    }
  }
  return false;
}

/// Parses `data` (top-level ops are wrapped in a module, as ascend-opt does)
/// and verifies it; null if either fails, or if the input may hit a known
/// crash of MLIR 19 (mayCrashMLIR).
inline OwningOpRef<ModuleOp> parseAndVerify(MLIRContext &context,
                                            const uint8_t *data, size_t size) {
  StringRef text(reinterpret_cast<const char *>(data), size);
  if (mayCrashMLIR(text))
    return nullptr;
  llvm::SourceMgr sourceMgr;
  // A copy: the lexer needs the NUL after the buffer that fuzzer data lacks.
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "input"), llvm::SMLoc());
  ParserConfig config(&context, /*verifyAfterParse=*/false);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, config);
  if (!module || failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace mlir::ascend::fuzz

#endif
