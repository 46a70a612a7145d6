//===- AICoreOps.cpp - aicore op verifiers --------------------------------===//

#include "AscendDialect/AICore/AICoreDialect.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::aicore;

#define GET_OP_CLASSES
#include "AscendDialect/AICore/AICoreOps.cpp.inc"

/// On split targets, an op inside an `aicore.core` region must belong to the
/// region's core type. `owner` is the core type the op needs (nullopt: any).
static LogicalResult verifyCoreOwnership(Operation *op,
                                         std::optional<CoreType> owner,
                                         StringRef what) {
  auto region = op->getParentOfType<CoreOp>();
  if (!region || !owner || *owner == region.getCoreType())
    return success();
  return op->emitOpError() << what << " belongs to the "
                           << stringifyCoreType(*owner)
                           << " core but is inside an aicore.core <"
                           << stringifyCoreType(region.getCoreType())
                           << "> region";
}

static LogicalResult verifyPipeOwnership(Operation *op, Pipe pipe) {
  return verifyCoreOwnership(op, getOwningCoreType(pipe),
                             ("pipe " + stringifyPipe(pipe)).str());
}

//===----------------------------------------------------------------------===//
// CoreOp
//===----------------------------------------------------------------------===//

LogicalResult CoreOp::verify() {
  const TargetInfo &target = getTargetInfo(*this);
  if (!target.split)
    return emitOpError() << "needs a split target; " << target.name
                         << " has cube and vector units in one core";
  if ((*this)->getParentOfType<CoreOp>())
    return emitOpError() << "cannot be nested in another aicore.core";
  // Tile ops of other dialects answer their core type through the interface;
  // aicore's own ops check their pipes and spaces in their verifiers.
  WalkResult result = getBody().walk([&](TileOpInterface tileOp) {
    if (tileOp.getCoreType() == getCoreType())
      return WalkResult::advance();
    tileOp->emitOpError() << "runs on the "
                          << stringifyCoreType(tileOp.getCoreType())
                          << " core but is inside an aicore.core <"
                          << stringifyCoreType(getCoreType()) << "> region";
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

//===----------------------------------------------------------------------===//
// Flags and barriers
//===----------------------------------------------------------------------===//

static LogicalResult verifyFlag(Operation *op, Pipe src, Pipe dst,
                                int64_t eventId) {
  if (src == Pipe::all || dst == Pipe::all)
    return op->emitOpError()
           << "flags connect two pipes; <all> is only for aicore.pipe_barrier";
  if (src == dst)
    return op->emitOpError() << "source and destination pipe are both <"
                             << stringifyPipe(src)
                             << ">; a pipe is already in order with itself";
  const TargetInfo &target = getTargetInfo(op);
  if (eventId >= target.numEventIds)
    return op->emitOpError() << "event id " << eventId << " is out of range: "
                             << target.name << " has " << target.numEventIds
                             << " event ids per pipe pair";
  if (target.split) {
    std::optional<CoreType> a = getOwningCoreType(src);
    std::optional<CoreType> b = getOwningCoreType(dst);
    if (a && b && *a != *b)
      return op->emitOpError()
             << "pipes <" << stringifyPipe(src) << "> and <"
             << stringifyPipe(dst) << "> are on different cores of "
             << target.name << "; use aicore.cross_core_set_flag / "
             << "aicore.cross_core_wait_flag";
  }
  if (failed(verifyPipeOwnership(op, src)))
    return failure();
  return verifyPipeOwnership(op, dst);
}

LogicalResult SetFlagOp::verify() {
  return verifyFlag(*this, getSrcPipe(), getDstPipe(), getEventId());
}

LogicalResult WaitFlagOp::verify() {
  return verifyFlag(*this, getSrcPipe(), getDstPipe(), getEventId());
}

LogicalResult PipeBarrierOp::verify() {
  if (getPipe() == Pipe::s)
    return emitOpError() << "<s> cannot be a barrier pipe: the scalar pipe "
                            "already issues in order";
  return verifyPipeOwnership(*this, getPipe());
}

static LogicalResult verifyCrossCoreFlag(Operation *op, Pipe pipe,
                                         int64_t flagId) {
  const TargetInfo &target = getTargetInfo(op);
  if (!target.split)
    return op->emitOpError() << "needs a split target; " << target.name
                             << " has cube and vector units in one core";
  if (pipe == Pipe::all)
    return op->emitOpError() << "needs a single pipe, not <all>";
  if (flagId >= target.numCrossCoreFlags)
    return op->emitOpError()
           << "flag id " << flagId << " is out of range: " << target.name
           << " has " << target.numCrossCoreFlags << " cross-core flags";
  return verifyPipeOwnership(op, pipe);
}

LogicalResult CrossCoreSetFlagOp::verify() {
  return verifyCrossCoreFlag(*this, getPipe(), getFlagId());
}

LogicalResult CrossCoreWaitFlagOp::verify() {
  return verifyCrossCoreFlag(*this, getPipe(), getFlagId());
}

//===----------------------------------------------------------------------===//
// AllocOp
//===----------------------------------------------------------------------===//

LogicalResult AllocOp::verify() {
  MemRefType type = getType();
  if (!type.getLayout().isIdentity())
    return emitOpError() << "allocates a whole buffer, so its layout must be "
                            "the identity, got "
                         << type;
  std::optional<AddressSpace> space = getAddressSpace(type);
  if (space == AddressSpace::gm)
    return emitOpError() << "cannot allocate in gm; GM buffers are kernel "
                            "arguments";
  if (failed(verifyTile(*this, getResult(), "result",
                        {AddressSpace::l1, AddressSpace::l0a, AddressSpace::l0b,
                         AddressSpace::l0c, AddressSpace::ub})))
    return failure();
  const BufferInfo &buffer = getTargetInfo(*this).buffer(*space);
  if (std::optional<int64_t> offset = getOffset()) {
    if (*offset % buffer.alignment != 0)
      return emitOpError() << "offset " << *offset
                           << " is not a multiple of the " << buffer.alignment
                           << "-byte alignment of "
                           << stringifyAddressSpace(*space);
    uint64_t end = llvm::SaturatingAdd<uint64_t>(*offset, getTileBytes(type));
    if (end > buffer.bytes)
      return emitOpError() << "ends at byte " << end << " but "
                           << stringifyAddressSpace(*space) << " holds "
                           << buffer.bytes << " bytes on "
                           << getTargetInfo(*this).name;
  }
  return verifyCoreOwnership(
      *this, getOwningCoreType(*space),
      ("a " + stringifyAddressSpace(*space) + " buffer").str());
}
