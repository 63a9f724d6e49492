#ifndef ATTACHE_CCRYPTO_SHIM_H
#define ATTACHE_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for its message digests only (the EVP interface: the SHA256_Init family is deprecated in
   OpenSSL 3). The binary already loads libcrypto through libcurl and libpq. */
#include <openssl/evp.h>
#endif
