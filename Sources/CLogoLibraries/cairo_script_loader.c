// Loads Cairo's script interpreter on first use and calls it through the pointers dlsym finds (see
// cairo_script_loader.h), in the order of `names` (the fields of `table`).
#include "cairo_script_loader.h"
#include "library_table.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
    cairo_script_interpreter_t *(*create)(void);
    void (*install_hooks)(cairo_script_interpreter_t *, const cairo_script_interpreter_hooks_t *);
    cairo_status_t (*feed_string)(cairo_script_interpreter_t *, const char *, int);
    cairo_status_t (*finish)(cairo_script_interpreter_t *);
    cairo_status_t (*destroy)(cairo_script_interpreter_t *);
} table;
static void *library;
static char error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const names[] = {"cairo_script_interpreter_create", "cairo_script_interpreter_install_hooks",
                                        "cairo_script_interpreter_feed_string", "cairo_script_interpreter_finish",
                                        "cairo_script_interpreter_destroy"};
    _Static_assert(sizeof table / sizeof(void *) == sizeof names / sizeof names[0], "a name for each function");
    library = pk_open_library_table("libcairo-script-interpreter.so.2", "libcairo-script-interpreter", names, (void **)&table,
                                    sizeof table / sizeof(void *), error, sizeof error);
}

int pk_csi_load(void) { pthread_once(&once, load); return library != NULL; }
const char *pk_csi_load_error(void) { pthread_once(&once, load); return library ? NULL : error; }

static void need(void) {
    if (!pk_csi_load()) { fprintf(stderr, "presskit: libcairo-script-interpreter cannot be loaded: %s\n", error); abort(); }
}

cairo_script_interpreter_t *pk_csi_create(void) { need(); return table.create(); }
void pk_csi_install_hooks(cairo_script_interpreter_t *ctx, const cairo_script_interpreter_hooks_t *hooks) { need(); table.install_hooks(ctx, hooks); }
cairo_status_t pk_csi_feed_string(cairo_script_interpreter_t *ctx, const char *line, int len) { need(); return table.feed_string(ctx, line, len); }
cairo_status_t pk_csi_finish(cairo_script_interpreter_t *ctx) { need(); return table.finish(ctx); }
cairo_status_t pk_csi_destroy(cairo_script_interpreter_t *ctx) { need(); return table.destroy(ctx); }
