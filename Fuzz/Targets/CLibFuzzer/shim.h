// libFuzzer's entry points, for the fuzz targets (Fuzz/Targets/Fuzz*/main.swift).
//
// SwiftPM gives every executable target a Swift `main` (it renames it and points the linker's `main` at
// it), so libFuzzer's own `main` is never linked. A target's main.swift therefore hands control to libFuzzer
// through LLVMFuzzerRunDriver, libFuzzer's documented entry for programs with their own `main`; the
// library comes with `-sanitize=fuzzer` (scripts/ci/fuzz.sh).
#include <stddef.h>
#include <stdint.h>

// Defined by each target in Swift: @_cdecl("LLVMFuzzerTestOneInput").
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// libFuzzer: parses the libFuzzer flags in argv and fuzzes `callback`; returns the exit status.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// The fuzzer over this target's LLVMFuzzerTestOneInput, with the process's arguments.
static inline int attache_fuzzer_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
