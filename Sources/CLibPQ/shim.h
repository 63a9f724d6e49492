#ifndef ATTACHE_CLIBPQ_SHIM_H
#define ATTACHE_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
