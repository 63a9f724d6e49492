#ifndef ATTACHE_CMALLOC_SHIM_H
#define ATTACHE_CMALLOC_SHIM_H
/* glibc's allocator tuning (mallopt), which the Glibc module does not export. Part of libc: nothing to link. */
#include <malloc.h>
#endif
