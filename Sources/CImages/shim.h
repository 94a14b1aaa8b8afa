// gdk-pixbuf (JPEG size and decoding). librsvg is loaded when first needed: see CLogoLibraries.
#include <gdk-pixbuf/gdk-pixbuf.h>
