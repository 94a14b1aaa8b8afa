// Loads librsvg on first use and calls it through the pointers dlsym finds (see rsvg_loader.h).
#include "rsvg_loader.h"
#include <dlfcn.h>
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

static void *find(const char *name) {
    void *f = dlsym(library, name);
    if (!f) snprintf(error, sizeof error, "librsvg has no %s", name);
    return f;
}

static void load(void) {
    library = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!library) { snprintf(error, sizeof error, "%s", dlerror()); return; }
    *(void **)&table.new_from_file = find("rsvg_handle_new_from_file");
    *(void **)&table.size_in_pixels = find("rsvg_handle_get_intrinsic_size_in_pixels");
    *(void **)&table.dimensions = find("rsvg_handle_get_intrinsic_dimensions");
    *(void **)&table.render_document = find("rsvg_handle_render_document");
    if (!table.new_from_file || !table.size_in_pixels || !table.dimensions || !table.render_document) library = NULL;
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
