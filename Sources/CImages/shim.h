// gdk-pixbuf (JPEG size and decoding). librsvg is loaded when first needed: see CRsvgLoader.
#include <gdk-pixbuf/gdk-pixbuf.h>
