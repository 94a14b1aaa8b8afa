// zlib, to check that a PNG's compressed image data is whole.
#include <zlib.h>
