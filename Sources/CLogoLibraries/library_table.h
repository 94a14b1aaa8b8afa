// What the two loaders of this folder share: a library opened on first use and its functions found by name.
#ifndef PK_LIBRARY_TABLE_H
#define PK_LIBRARY_TABLE_H
#include <stddef.h>

/// Opens `soname` and finds each of `names` (`count` of them) into `slots`, in order; the library's handle,
/// or NULL with `error` (`error_size` bytes) saying why: dlerror's message, or which function `label` lacks.
__attribute__((visibility("hidden")))
void *pk_open_library_table(const char *soname, const char *label, const char *const names[], void *slots[], size_t count,
                            char *error, size_t error_size);

#endif
