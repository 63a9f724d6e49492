import CLibFuzzer
import Glibc

// libFuzzer runs LLVMFuzzerTestOneInput (the @_cdecl function beside this file); see CLibFuzzer/shim.h.
exit(attache_fuzzer_main(CommandLine.argc, CommandLine.unsafeArgv))
