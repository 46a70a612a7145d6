//===- AICoreInterfaces.td - which pipe runs an op --------*- tablegen -*-===//
#ifndef ASCEND_AICORE_INTERFACES
#define ASCEND_AICORE_INTERFACES

include "mlir/IR/OpBase.td"

def AICore_TileOpInterface : OpInterface<"TileOpInterface"> {
  let cppNamespace = "::mlir::aicore";
  let description = [{
    Implemented by every op that runs on one AI Core pipe. The cycle model,
    sync insertion and the hazard checker all ask an op the same two
    questions through this interface: which pipe runs it, and on which core
    type of a split block.
  }];
  let methods = [
    InterfaceMethod<"The pipe that executes this op.",
      "::mlir::aicore::Pipe", "getPipe">,
    InterfaceMethod<"The core type (cube or vector) that executes this op.",
      "::mlir::aicore::CoreType", "getCoreType">,
  ];
}

#endif // ASCEND_AICORE_INTERFACES
