//===- ascend-run.cpp - run Ascend kernels on the CPU ---------------------===//
//
// Parses a module, binds .npy files (or seeded random data) to the kernel's
// GM arguments, runs every block bit-accurately, writes outputs and compares
// them with references.
//
//===----------------------------------------------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "AscendDialect/Ascend/AscendDialect.h"
#include "AscendDialect/Transforms/Pipelines.h"
#include "AscendDialect/Support/Registration.h"
#include "AscendDialect/Runtime/Binding.h"
#include "AscendDialect/Runtime/Host.h"
#include "AscendDialect/Runtime/Interpreter.h"
#include "AscendDialect/Runtime/Report.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/AsmParser/AsmParserState.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cmath>
#include <functional>
#include <memory>
#include <unistd.h>

using namespace mlir;
using namespace mlir::ascend::runtime;
namespace cl = llvm::cl;

static cl::OptionCategory category("ascend-run options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::Required, cl::cat(category));
static cl::opt<std::string> kernelName(
    "kernel", cl::desc("Kernel or host function to run (default: the "
                       "module's only one that no other function launches)"),
    cl::value_desc("name"), cl::cat(category));
static cl::list<std::string> inputs(
    "input",
    cl::desc("Bind a .npy file to a kernel argument, by its name in the "
             "source or its position: --input x=x.npy or --input 0=x.npy. "
             "A bf16 argument takes uint16 bit patterns (the bf16 bits, "
             "rounded to nearest even from f32: see README.md) or an "
             "ml_dtypes bfloat16 array (saved as '<V2')"),
    cl::value_desc("arg=file.npy"), cl::cat(category));
static cl::list<std::string> outputs(
    "output",
    cl::desc("Write an argument's GM contents after the run (bf16 as uint16 "
             "bit patterns: x.view(ml_dtypes.bfloat16) or "
             "(x.astype(np.uint32) << 16).view(np.float32) reads them)"),
    cl::value_desc("arg=file.npy"), cl::cat(category));
static cl::list<std::string> compares(
    "compare",
    cl::desc("Compare an argument after the run with a reference .npy "
             "(dtypes as for --input); exit with 1 on a mismatch"),
    cl::value_desc("arg=reference.npy"), cl::cat(category));
static cl::list<std::string> zeros(
    "zeros",
    cl::desc("Start an argument as zeros (a workspace, an output, or a big "
             "input whose values do not matter, even with --seed); arguments "
             "named by --output or --compare start as zeros too"),
    cl::value_desc("arg"), cl::cat(category));
static cl::opt<uint64_t> seed(
    "seed",
    cl::desc("Fill arguments without --input with pseudo-random data from "
             "this seed (floats in [-1, 1), small integers)"),
    cl::cat(category));
static cl::opt<bool> timingOnly(
    "timing-only",
    cl::desc("Skip tile values and only time the kernel, for production "
             "shapes. Scalar code may still read (memref.load) integer GM "
             "arguments as bound by --input, --seed or --zeros (block "
             "tables, lengths) that the run has not written; a kernel whose "
             "scalar code reads anything else (float data, on-chip buffers, "
             "GM the run wrote, host workspaces) is an error"),
    cl::cat(category));
static cl::opt<bool> noHazardCheck(
    "no-hazard-check",
    cl::desc("Do not report races between pipes, never-satisfied waits and "
             "flag misuse (on by default)"),
    cl::cat(category));
static cl::opt<bool> jsonReport(
    "json", cl::desc("Print the timing report as JSON on stdout (other "
                     "messages go to stderr)"),
    cl::cat(category));
static cl::opt<bool> csvReport(
    "csv", cl::desc("Print the timing report as CSV with msprof-like "
                    "columns on stdout (other messages go to stderr)"),
    cl::cat(category));
static cl::opt<std::string> traceFile(
    "trace",
    cl::desc("Write a Chrome trace-event JSON of every pipe of every core "
             "(open it in Perfetto or chrome://tracing)"),
    cl::value_desc("file.json"), cl::cat(category));
static cl::opt<std::string> lowerOptions(
    "lower-options",
    cl::desc("Options of --ascend-lower-to-kernel for tensor-level input, "
             "as ascend-opt takes them: --lower-options=\"multi-buffer=1 "
             "fuse-attention=false\" (see ascend-opt --help)"),
    cl::value_desc("options"), cl::cat(category));
static cl::opt<bool> exact("exact",
                           cl::desc("Compare bit for bit (the default)"),
                           cl::cat(category));
static cl::opt<double> absTolerance("atol",
                            cl::desc("Absolute tolerance of --compare"),
                            cl::init(0), cl::cat(category));
static cl::opt<double> relTolerance("rtol",
                            cl::desc("Relative tolerance of --compare"),
                            cl::init(0), cl::cat(category));

static cl::opt<uint64_t> maxOps(
    "max-ops",
    cl::desc("Stop with an error naming the op reached after this many "
             "executed ops over all cores and launches (0: no limit; the "
             "default is about 25 minutes of interpretation)"),
    cl::init(1000000000), cl::cat(category));
static cl::opt<std::string> maxMemory(
    "max-memory",
    cl::desc("Refuse to allocate more GM (arguments and workspaces) than "
             "this many bytes; K, M, G and T suffixes are powers of 1024 "
             "(0: no limit; default: half of this host's memory)"),
    cl::value_desc("bytes"), cl::cat(category));

namespace {

/// --max-memory in bytes, or nullopt (an error printed) if malformed.
std::optional<uint64_t> parseMaxMemory() {
  if (!maxMemory.getNumOccurrences()) {
    uint64_t pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    return pages * page / 2;
  }
  StringRef text = StringRef(maxMemory).trim();
  uint64_t value;
  if (!text.consumeInteger(10, value)) {
    unsigned shift = llvm::StringSwitch<unsigned>(text.upper())
                         .Case("", 0)
                         .Case("K", 10)
                         .Case("M", 20)
                         .Case("G", 30)
                         .Case("T", 40)
                         .Default(64);
    if (shift < 64 && value <= (UINT64_MAX >> shift))
      return value << shift;
  }
  llvm::errs() << "error: --max-memory " << maxMemory
               << ": expected a number of bytes with an optional K, M, G or "
                  "T suffix\n";
  return std::nullopt;
}

struct KernelArgument {
  std::string name; ///< "%x" as written in the source, or "#3"
  MemRefType type;
};

/// Resolves `arg`, a name as written in the source ("x" or "%x") or a
/// position ("0"), to an argument index. Errors name `flag` and its `value`.
FailureOr<unsigned> resolveArgument(StringRef flag, StringRef value,
                                    StringRef arg,
                                    ArrayRef<KernelArgument> arguments) {
  unsigned index;
  if (!arg.getAsInteger(10, index)) {
    if (index < arguments.size())
      return index;
  } else {
    for (auto [i, a] : llvm::enumerate(arguments))
      if (a.name == ("%" + arg).str() || a.name == arg)
        return static_cast<unsigned>(i);
  }
  llvm::errs() << "error: --" << flag << " " << value
               << ": the kernel has no argument '" << arg << "'; its arguments are";
  for (auto [i, a] : llvm::enumerate(arguments))
    llvm::errs() << (i ? ", " : " ") << a.name << " (" << i << ")";
  llvm::errs() << "\n";
  return failure();
}

struct Binding {
  unsigned index;
  std::string path;
};

/// Splits "arg=file" and resolves arg to an argument index.
FailureOr<Binding> resolveBinding(StringRef flag, StringRef value,
                                  ArrayRef<KernelArgument> arguments) {
  auto [arg, file] = value.split('=');
  if (arg.empty() || file.empty()) {
    llvm::errs() << "error: --" << flag << " expects arg=file.npy, got '"
                 << value << "'\n";
    return failure();
  }
  FailureOr<unsigned> index = resolveArgument(flag, value, arg, arguments);
  if (failed(index))
    return failure();
  return Binding{*index, file.str()};
}

/// Checks that `path` can likely be written, so that a bad --output or
/// --trace path fails before a run that may take minutes, not after it.
/// The write itself still reports what this misses (e.g. a read-only file).
LogicalResult checkWritable(StringRef flag, StringRef value, StringRef path) {
  if (path == "-") // stdout
    return success();
  if (path.empty()) {
    llvm::errs() << "error: --" << flag << " expects a file name, got '"
                 << value << "'\n";
    return failure();
  }
  namespace fs = llvm::sys::fs;
  StringRef dir = llvm::sys::path::parent_path(path);
  if (dir.empty())
    dir = ".";
  fs::file_status status;
  std::error_code error = fs::status(dir, status);
  if (!error && !fs::is_directory(status))
    error = std::make_error_code(std::errc::not_a_directory);
  if (!error && fs::is_directory(path))
    error = std::make_error_code(std::errc::is_a_directory);
  if (!error)
    error = fs::access(dir, fs::AccessMode::Write);
  if (!error)
    return success();
  llvm::errs() << "error: --" << flag << " " << value << ": cannot write '"
               << path << "': " << error.message() << "\n";
  return failure();
}

/// An .npy file checked against a kernel argument's type, as an array and
/// as the GM buffer it packs into; errors are printed. `role` says what the
/// file is for ("argument", "reference for").
struct CheckedArray {
  NpyArray array;
  GlobalBuffer buffer;
};
FailureOr<CheckedArray> readForArgument(StringRef path,
                                        const KernelArgument &argument,
                                        StringRef role) {
  llvm::Expected<NpyArray> array = readNpy(path);
  if (!array) {
    llvm::errs() << "error: " << llvm::toString(array.takeError()) << "\n";
    return failure();
  }
  std::string what = llvm::formatv("{0}: {1} {2}", path, role, argument.name);
  llvm::Expected<GlobalBuffer> buffer = bufferFromNpy(*array, argument.type, what);
  if (!buffer) {
    llvm::errs() << "error: " << llvm::toString(buffer.takeError()) << "\n";
    return failure();
  }
  return CheckedArray{std::move(*array), std::move(*buffer)};
}

/// The function to run: --kernel, or the only kernel or host function that
/// no other function launches (a host's kernels are not entry points).
func::FuncOp findKernel(ModuleOp module) {
  DenseSet<StringRef> launched;
  module.walk([&](func::CallOp call) { launched.insert(call.getCallee()); });
  SmallVector<func::FuncOp> kernels;
  bool anyHost = false;
  module.walk([&](func::FuncOp f) {
    bool host = aicore::isHostFunction(f);
    if ((host || f->hasAttr(aicore::AICoreDialect::getKernelAttrName())) &&
        !launched.contains(f.getName()))
      kernels.push_back(f);
    anyHost |= host;
  });
  if (kernelName.getNumOccurrences()) {
    if (kernelName.empty()) {
      llvm::errs() << "error: --kernel expects a function name, got ''\n";
      return nullptr;
    }
    auto f = module.lookupSymbol<func::FuncOp>(kernelName);
    if (!f)
      llvm::errs() << "error: no function @" << kernelName << " in "
                   << inputFile << "\n";
    return f;
  }
  if (kernels.size() == 1)
    return kernels.front();
  if (kernels.empty()) {
    llvm::errs() << "error: " << inputFile
                 << " has no function marked aicore.kernel; name one with "
                    "--kernel\n";
  } else {
    llvm::errs() << "error: " << inputFile << " has " << kernels.size()
                 << (anyHost ? " kernels and host functions" : " kernels")
                 << "; choose one with --kernel:";
    for (func::FuncOp f : kernels)
      llvm::errs() << " " << f.getName();
    llvm::errs() << "\n";
  }
  return nullptr;
}

/// Whether the module holds ascend or linalg ops, which the lowering
/// pipeline turns into kernels first.
bool isTensorLevel(ModuleOp module) {
  bool tensorLevel = false;
  module.walk([&](Operation *op) {
    if (isa<ascend::AscendDialect, linalg::LinalgDialect>(op->getDialect()))
      tensorLevel = true;
  });
  return tensorLevel;
}

std::string formatNumber(double value) {
  return llvm::formatv("{0}", llvm::format("%.6g", value)).str();
}

void printComparison(llvm::raw_ostream &os, StringRef arg, StringRef file,
                     const Comparison &c, const Tolerance &tolerance) {
  std::string mode = tolerance.exact
                         ? std::string("exact")
                         : "atol " + formatNumber(tolerance.atol) + ", rtol " +
                               formatNumber(tolerance.rtol);
  os << "compare " << arg << " with " << file << ": " << c.elements
               << " elements, max abs error " << formatNumber(c.maxAbsError)
               << ", max rel error " << formatNumber(c.maxRelError) << ", "
               << c.mismatches << " mismatches (" << mode << ") -> "
               << (c.mismatches ? "FAIL" : "OK") << "\n";
  for (const std::string &m : c.firstMismatches)
    os << "  " << m << "\n";
}

int run() {
  DialectRegistry registry;
  ascend::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics point at the source; the generic form of the op adds noise.
  context.printOpOnDiagnostic(false);

  // A FIFO with no writer would block forever, a directory read as junk.
  llvm::sys::fs::file_status inputStatus;
  if (inputFile != "-" && !llvm::sys::fs::status(inputFile, inputStatus) &&
      !llvm::sys::fs::is_regular_file(inputStatus)) {
    llvm::errs() << "error: " << inputFile << " is not a regular file\n";
    return 2;
  }
  std::optional<uint64_t> memoryLimit = parseMaxMemory();
  if (!memoryLimit)
    return 2;
  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(inputFile, &error);
  if (!file) {
    llvm::errs() << "error: " << error << "\n";
    return 2;
  }
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  // Parse keeping the source ranges, so arguments can be named as written.
  // MLIR 19's parser, given an AsmParserState, corrupts the heap after some
  // errors (a redefined SSA value inside a region): parse without one first,
  // so only valid input is parsed with it.
  ParserConfig config(&context);
  {
    Block probe;
    if (failed(parseAsmSourceFile(sourceMgr, &probe, config)))
      return 2;
  }
  Block parsed;
  AsmParserState asmState;
  if (failed(parseAsmSourceFile(sourceMgr, &parsed, config, &asmState)))
    return 2;
  OwningOpRef<ModuleOp> module;
  if (llvm::hasSingleElement(parsed) && isa<ModuleOp>(parsed.front())) {
    module = cast<ModuleOp>(parsed.front());
    module.get()->remove();
  } else {
    module = ModuleOp::create(UnknownLoc::get(&context));
    module->getBody()->getOperations().splice(
        module->getBody()->begin(), parsed.getOperations());
  }
  if (failed(verify(*module)))
    return 2;
  // Tensor-level input goes through the pipeline ascend-opt registers as
  // --ascend-lower-to-kernel, with --lower-options.
  bool lowered = isTensorLevel(*module);
  if (!lowered && lowerOptions.getNumOccurrences()) {
    llvm::errs() << "error: --lower-options applies to tensor-level input; "
                 << inputFile << " is already kernel-level\n";
    return 2;
  }
  if (lowered) {
    auto options = ascend::LowerToKernelOptions::createFromString(lowerOptions);
    if (!options) {
      llvm::errs() << "error: --lower-options=\"" << lowerOptions
                   << "\" are not options of --ascend-lower-to-kernel (see "
                      "above)\n";
      return 2;
    }
    // Kept for the report below: lowering changes the module as it goes.
    OwningOpRef<ModuleOp> input = module->clone();
    PassManager pm(&context);
    ascend::buildLowerToKernelPipeline(pm, *options);
    if (failed(pm.run(*module))) {
      // Why raising and fusion left ops as they are, with their remarks.
      options->reportUnmatched = true;
      PassManager report(&context);
      ascend::buildTensorFusionPipeline(report, *options);
      (void)report.run(*input);
      llvm::errs() << "error: " << inputFile
                   << " is tensor-level and --ascend-lower-to-kernel could "
                      "not lower it (see above); --lower-options passes the "
                      "pipeline's options\n";
      return 2;
    }
  }
  func::FuncOp kernel = findKernel(*module);
  if (!kernel)
    return 2;

  SmallVector<KernelArgument> arguments;
  const AsmParserState::BlockDefinition *entry =
      asmState.getBlockDef(&kernel.getBody().front());
  for (auto [i, arg] : llvm::enumerate(kernel.getArguments())) {
    std::string name = "#" + std::to_string(i);
    // Lowering appends one GM argument per function result.
    if (lowered && entry && i >= entry->arguments.size())
      name = "%result" + std::to_string(i - entry->arguments.size());
    else if (entry && i < entry->arguments.size()) {
      llvm::SMRange range = entry->arguments[i].loc;
      name = StringRef(range.Start.getPointer(),
                       range.End.getPointer() - range.Start.getPointer())
                 .str();
    }
    auto type = dyn_cast<MemRefType>(arg.getType());
    if (!type || !type.hasStaticShape()) {
      kernel.emitError() << "argument " << name << " has type " << arg.getType()
                         << "; ascend-run binds statically shaped memrefs only";
      return 2;
    }
    arguments.push_back({name, type});
  }

  Tolerance tolerance;
  tolerance.exact = exact || (!absTolerance.getNumOccurrences() &&
                              !relTolerance.getNumOccurrences());
  if (exact &&
      (absTolerance.getNumOccurrences() || relTolerance.getNumOccurrences())) {
    llvm::errs() << "error: --exact and --atol/--rtol contradict each other\n";
    return 2;
  }
  for (const cl::opt<double> *t : {&absTolerance, &relTolerance}) {
    // A negative tolerance would fail every element, an infinite one pass
    // every element (a check that cannot fail); NaN fails here too.
    if (!(*t >= 0) || std::isinf(*t)) {
      llvm::errs() << "error: --" << t->ArgStr << " " << formatNumber(*t)
                   << ": a tolerance must be a finite non-negative number\n";
      return 2;
    }
  }
  tolerance.atol = absTolerance;
  tolerance.rtol = relTolerance;
  if (timingOnly && (!outputs.empty() || !compares.empty())) {
    llvm::errs() << "error: --timing-only computes no values, so --output and "
                    "--compare have nothing to write or compare\n";
    return 2;
  }

  // Before any buffer is allocated: do the arguments fit --max-memory?
  if (*memoryLimit) {
    uint64_t total = 0, largestBytes = 0;
    const KernelArgument *largest = nullptr;
    for (auto [i, arg] : llvm::enumerate(arguments)) {
      if (kernel.getArgAttr(i, aicore::AICoreDialect::getAliasesAttrName()))
        continue;
      uint64_t bytes = getBufferBytes(arg.type);
      total = llvm::SaturatingAdd(total, bytes);
      if (!largest || bytes > largestBytes) {
        largest = &arg;
        largestBytes = bytes;
      }
    }
    if (total > *memoryLimit) {
      llvm::errs() << "error: the arguments of @" << kernel.getName()
                   << " take " << total << " bytes of GM, more than the "
                   << *memoryLimit << " bytes --max-memory allows; the "
                   << "largest is " << largest->name << " (" << largest->type
                   << ", " << largestBytes << " bytes)\n";
      return 2;
    }
  }

  // Resolve every binding and read every file before the run, which may
  // take minutes: a typo must not cost a run, nor crash after it.
  std::vector<GlobalBuffer> buffers(arguments.size());
  std::vector<bool> bound(arguments.size(), false);
  for (const std::string &value : inputs) {
    FailureOr<Binding> input = resolveBinding("input", value, arguments);
    if (failed(input))
      return 2;
    // A tied result starts as the argument it is tied to: bind that one.
    if (auto tied = kernel.getArgAttrOfType<IntegerAttr>(
            input->index, aicore::AICoreDialect::getAliasesAttrName())) {
      llvm::errs() << "error: --input " << value << ": "
                   << arguments[input->index].name
                   << " is updated in place in argument "
                   << arguments[tied.getInt()].name
                   << " (aicore.aliases = " << tied.getInt()
                   << "); bind that argument instead\n";
      return 2;
    }
    if (bound[input->index]) {
      llvm::errs() << "error: --input " << value << ": "
                   << arguments[input->index].name
                   << " is already bound by another --input\n";
      return 2;
    }
    FailureOr<CheckedArray> array =
        readForArgument(input->path, arguments[input->index], "argument");
    if (failed(array))
      return 2;
    buffers[input->index] = std::move(array->buffer);
    bound[input->index] = true;
  }
  // Outputs and workspaces may start as zeros, but the user must say so
  // (--zeros, --output or --compare): an unbound input is almost always a
  // mistake.
  std::vector<bool> mayStartAsZeros(arguments.size(), false);
  // --zeros NAME wins over --seed: a big cache or workspace need not be
  // filled with random numbers.
  std::vector<bool> zeroed(arguments.size(), false);
  for (const std::string &name : zeros) {
    if (name.empty()) {
      llvm::errs() << "error: --zeros expects an argument name, got ''\n";
      return 2;
    }
    FailureOr<unsigned> index = resolveArgument("zeros", name, name, arguments);
    if (failed(index))
      return 2;
    if (bound[*index]) {
      llvm::errs() << "error: --zeros " << name << ": "
                   << arguments[*index].name
                   << " is bound by --input; it cannot also start as zeros\n";
      return 2;
    }
    mayStartAsZeros[*index] = true;
    zeroed[*index] = true;
  }
  SmallVector<Binding> outputBindings;
  for (const std::string &value : outputs) {
    FailureOr<Binding> output = resolveBinding("output", value, arguments);
    if (failed(output) || failed(checkWritable("output", value, output->path)))
      return 2;
    mayStartAsZeros[output->index] = true;
    outputBindings.push_back(*output);
  }
  struct Reference {
    Binding binding;
    NpyArray array;
  };
  SmallVector<Reference> references;
  for (const std::string &value : compares) {
    FailureOr<Binding> compare = resolveBinding("compare", value, arguments);
    if (failed(compare))
      return 2;
    FailureOr<CheckedArray> want = readForArgument(
        compare->path, arguments[compare->index], "reference for");
    if (failed(want))
      return 2;
    mayStartAsZeros[compare->index] = true;
    references.push_back({*compare, std::move(want->array)});
  }
  if (traceFile.getNumOccurrences() &&
      failed(checkWritable("trace", traceFile, traceFile)))
    return 2;
  for (auto [i, arg] : llvm::enumerate(arguments)) {
    // A result tied to an earlier argument (aicore.aliases) is that
    // argument's buffer: nothing to bind.
    if (bound[i] ||
        kernel.getArgAttr(i, aicore::AICoreDialect::getAliasesAttrName()))
      continue;
    if (seed.getNumOccurrences() && !zeroed[i]) {
      buffers[i] = randomBuffer(arg.type, seed + i);
      continue;
    }
    if (!mayStartAsZeros[i]) {
      llvm::errs() << "error: argument " << arg.name << " (#" << i
                   << ") is not bound: pass --input " << arg.name.substr(1)
                   << "=file.npy, --zeros " << arg.name.substr(1)
                   << ", or --seed N for random data\n";
      return 2;
    }
    buffers[i].bytes.assign(getBufferBytes(arg.type), 0);
  }

  RunStatistics stats;
  RunOptions options;
  options.computeValues = !timingOnly;
  options.checkHazards = !noHazardCheck;
  options.collectTrace = !traceFile.empty();
  options.maxOps = maxOps;
  options.maxMemoryBytes = *memoryLimit;
  // With a machine-readable report on stdout, everything else goes to stderr.
  llvm::raw_ostream &log = jsonReport || csvReport ? llvm::errs() : llvm::outs();
  std::function<void(llvm::raw_ostream &)> writeTrace;
  if (aicore::isHostFunction(kernel)) {
    auto report = std::make_shared<HostReport>();
    if (failed(runHost(kernel, buffers, options, *report)))
      return 1;
    for (const LaunchReport &l : report->launches) {
      stats.blocks += l.stats.blocks;
      stats.operations += l.stats.operations;
      stats.tileOperations += l.stats.tileOperations;
    }
    log << llvm::formatv("ran @{0} on {1}: {2}, {3} blocks, {4} "
                         "ops executed ({5} tile ops){6}\n",
                         kernel.getName(), report->target,
                         describeLaunches(*report), stats.blocks,
                         stats.operations, stats.tileOperations,
                         timingOnly ? ", timing only" : "");
    if (jsonReport)
      printHostJson(llvm::outs(), *report);
    else if (csvReport)
      printHostCsv(llvm::outs(), *report);
    else
      printHostTable(llvm::outs(), *report);
    writeTrace = [report](llvm::raw_ostream &os) {
      printHostChromeTrace(os, *report);
    };
  } else {
    auto timing = std::make_shared<TimingReport>();
    if (failed(runKernel(kernel, buffers, options, &stats, timing.get())))
      return 1;
    log << llvm::formatv(
        "ran @{0} on {1}: {2} blocks, {3} ops executed ({4} tile ops){5}\n",
        kernel.getName(), timing->target, stats.blocks, stats.operations,
        stats.tileOperations, timingOnly ? ", timing only" : "");
    ReportHeader header{kernel.getName().str(),
                        static_cast<int64_t>(stats.blocks)};
    if (jsonReport)
      printTimingJson(llvm::outs(), header, *timing);
    else if (csvReport)
      printTimingCsv(llvm::outs(), header, *timing);
    else
      printTimingTable(llvm::outs(), header, *timing);
    writeTrace = [timing](llvm::raw_ostream &os) {
      printChromeTrace(os, *timing);
    };
  }
  if (!traceFile.empty()) {
    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> trace =
        openOutputFile(traceFile, &error);
    if (!trace) {
      llvm::errs() << "error: " << error << "\n";
      return 2;
    }
    writeTrace(trace->os());
    trace->keep();
  }

  int status = 0;
  for (const auto &[index, path] : outputBindings) {
    if (llvm::Error e = writeNpy(path, npyFromBuffer(buffers[index],
                                                     arguments[index].type))) {
      llvm::errs() << "error: " << llvm::toString(std::move(e)) << "\n";
      return 2;
    }
  }
  for (const Reference &reference : references) {
    const auto &[index, path] = reference.binding;
    NpyArray got = npyFromBuffer(buffers[index], arguments[index].type);
    Comparison c =
        compareArrays(got, reference.array,
                      arguments[index].type.getElementType(), tolerance);
    printComparison(log, arguments[index].name, path, c, tolerance);
    if (c.mismatches)
      status = 1;
  }
  return status;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  // With an error stream, a bad flag value returns false instead of exiting
  // with 1, so that it exits with 2 like all other bad input.
  bool parsed = cl::ParseCommandLineOptions(
      argc, argv,
      "ascend-run: run an Ascend kernel on the CPU, bit-accurately\n\n"
      "Binds .npy files to the kernel's GM arguments, runs every block of\n"
      "its block_dim (on 910B each block is a cube core and two vector\n"
      "cores), writes outputs and compares them with references. Numerics\n"
      "follow docs/Numerics.md. It prints a per-pipe cycle estimate for the\n"
      "module's target (docs/CycleModel.md) and reports races, deadlocks and\n"
      "flag misuse. Tensor-level input (ascend or linalg ops) is lowered\n"
      "first with --ascend-lower-to-kernel (its options: --lower-options);\n"
      "results become arguments %result0, %result1, ...; a function of\n"
      "several ops becomes a host function that launches one kernel per op,\n"
      "one after another, reported per launch.\n"
      "Exit codes: 0 ok; 1 the kernel failed (error, hazard, mismatch); 2 bad\n"
      "input.\n\n"
      "  ascend-run examples/vector_add.mlir --input x=x.npy --input y=y.npy \\\n"
      "      --output z=z.npy --compare z=expected.npy\n",
      &llvm::errs());
  return parsed ? run() : 2;
}
