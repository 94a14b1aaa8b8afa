// librsvg, loaded when an SVG is first read (dlopen), not at start-up: a build without SVG logos, a check
// or a build with nothing to rebuild never maps librsvg and what it needs (about 3 ms and 6 MB).
// The four functions presskit calls, declared as librsvg 2.52+ declares them (rsvg.h), with a pk_ prefix.
#ifndef PK_RSVG_LOADER_H
#define PK_RSVG_LOADER_H
#include <glib.h>
#include <cairo.h>

typedef struct _RsvgHandle RsvgHandle;
/// A rectangle in user units (librsvg's RsvgRectangle).
typedef struct { double x, y, width, height; } RsvgRectangle;
/// A length and its unit (librsvg's RsvgLength; the unit is an RsvgUnit).
typedef struct { double length; int unit; } RsvgLength;

/// Loads librsvg if it is not loaded yet; 0 when it cannot be (no function below may then be called).
int pk_rsvg_load(void);
/// Why librsvg could not be loaded (dlerror's message), or NULL.
const char *pk_rsvg_load_error(void);

RsvgHandle *pk_rsvg_handle_new_from_file(const gchar *filename, GError **error);
gboolean pk_rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *handle, gdouble *out_width, gdouble *out_height);
void pk_rsvg_handle_get_intrinsic_dimensions(RsvgHandle *handle, gboolean *out_has_width, RsvgLength *out_width,
                                             gboolean *out_has_height, RsvgLength *out_height,
                                             gboolean *out_has_viewbox, RsvgRectangle *out_viewbox);
gboolean pk_rsvg_handle_render_document(RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error);

#endif
