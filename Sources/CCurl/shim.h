#ifndef ATTACHE_CCURL_SHIM_H
#define ATTACHE_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt is variadic, which Swift cannot call: typed wrappers. */
static inline CURLcode attache_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode attache_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode attache_curl_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode attache_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode attache_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
/* Write and header callbacks (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION): a typed function pointer. */
typedef size_t (*attache_curl_data_cb)(char *data, size_t size, size_t nmemb, void *userdata);
static inline CURLcode attache_curl_setopt_callback(CURL *h, CURLoption o, attache_curl_data_cb cb) { return curl_easy_setopt(h, o, cb); }
/* CURL_GLOBAL_DEFAULT is a macro expression Swift does not import. */
static inline CURLcode attache_curl_global_init_default(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
#endif
