// librsvg (SVG logos drawn with Cairo) and gdk-pixbuf (JPEG decoding).
#include <librsvg/rsvg.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
