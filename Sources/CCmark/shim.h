// cmark, the CommonMark reference library.
#include <cmark.h>
