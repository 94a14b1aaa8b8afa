// The text and graphics libraries, loaded when first called: see generate.py.
#ifndef PK_LAZY_LIBRARIES_H
#define PK_LAZY_LIBRARIES_H

/// Loads the libraries if they are not loaded yet (any thread; the others wait); 0 when they cannot be.
int pk_lazy_libraries_load(void);
/// Why the libraries could not be loaded, or NULL.
const char *pk_lazy_libraries_error(void);

#endif
