#ifndef ATTACHE_CSQLITE_SHIM_H
#define ATTACHE_CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a macro over a function-pointer cast that Swift does not import. */
static inline void (*attache_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
#endif
