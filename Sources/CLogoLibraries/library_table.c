// Opens a library on first use and finds its functions (see library_table.h).
#include "library_table.h"
#include <dlfcn.h>
#include <stdio.h>

void *pk_open_library_table(const char *soname, const char *label, const char *const names[], void *slots[], size_t count,
                            char *error, size_t error_size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) { snprintf(error, error_size, "%s", dlerror()); return NULL; }
    for (size_t k = 0; k < count; k++) {
        slots[k] = dlsym(library, names[k]);
        if (!slots[k]) { snprintf(error, error_size, "%s has no %s", label, names[k]); return NULL; }
    }
    return library;
}
