# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ASCEND"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mlir_obj_dir, "test")
config.excludes = ["CMakeLists.txt", "README.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%ascend_src_root", config.ascend_src_root))
# NumPy reference checks use Debian's python3-numpy.
config.substitutions.append(("%python", "/usr/bin/python3"))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
# Sanitizer builds (ASCEND_SANITIZE, docs/Robustness.md) need their options in
# the tests' environment: ctest sets them, lit must not drop them.
llvm_config.with_system_environment(
    ["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "ASAN_SYMBOLIZER_PATH"])
llvm_config.use_default_substitutions()

tool_dirs = [config.ascend_tools_dir, config.llvm_tools_dir]
tools = ["ascend-lsp-server", "ascend-opt", "ascend-run", "not", "split-file"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
