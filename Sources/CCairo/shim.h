// Cairo alone, for backends that draw frames: PDF and image surfaces, and FreeType faces loaded from font
// files through fontconfig patterns, and script surfaces (an SVG logo recorded). No Pango: text arrives as
// glyph runs.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <cairo-script.h>
#include <fontconfig/fontconfig.h>
