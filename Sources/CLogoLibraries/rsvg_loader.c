// Loads librsvg on first use and calls it through the pointers dlsym finds (see rsvg_loader.h), in the
// order of `names` (the fields of `table`).
#include "rsvg_loader.h"
#include "library_table.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
    RsvgHandle *(*new_from_file)(const gchar *, GError **);
    gboolean (*size_in_pixels)(RsvgHandle *, gdouble *, gdouble *);
    void (*dimensions)(RsvgHandle *, gboolean *, RsvgLength *, gboolean *, RsvgLength *, gboolean *, RsvgRectangle *);
    gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
} table;
static void *library;
static char error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const names[] = {"rsvg_handle_new_from_file", "rsvg_handle_get_intrinsic_size_in_pixels",
                                        "rsvg_handle_get_intrinsic_dimensions", "rsvg_handle_render_document"};
    _Static_assert(sizeof table / sizeof(void *) == sizeof names / sizeof names[0], "a name for each function");
    library = pk_open_library_table("librsvg-2.so.2", "librsvg", names, (void **)&table, sizeof table / sizeof(void *),
                                    error, sizeof error);
}

int pk_rsvg_load(void) { pthread_once(&once, load); return library != NULL; }
const char *pk_rsvg_load_error(void) { pthread_once(&once, load); return library ? NULL : error; }

static void need(void) {
    if (!pk_rsvg_load()) { fprintf(stderr, "presskit: librsvg cannot be loaded: %s\n", error); abort(); }
}

RsvgHandle *pk_rsvg_handle_new_from_file(const gchar *filename, GError **e) { need(); return table.new_from_file(filename, e); }
gboolean pk_rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *h, gdouble *w, gdouble *hh) { need(); return table.size_in_pixels(h, w, hh); }
void pk_rsvg_handle_get_intrinsic_dimensions(RsvgHandle *h, gboolean *hw, RsvgLength *w, gboolean *hh, RsvgLength *hgt, gboolean *hv, RsvgRectangle *v) {
    need(); table.dimensions(h, hw, w, hh, hgt, hv, v);
}
gboolean pk_rsvg_handle_render_document(RsvgHandle *h, cairo_t *cr, const RsvgRectangle *viewport, GError **e) {
    need(); return table.render_document(h, cr, viewport, e);
}
