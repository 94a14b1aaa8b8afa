// Loads Cairo's script interpreter on first use and calls it through the pointers dlsym finds (see
// cairo_script_loader.h).
#include "cairo_script_loader.h"
#include <dlfcn.h>
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

static void *find(const char *name) {
    void *f = dlsym(library, name);
    if (!f) snprintf(error, sizeof error, "libcairo-script-interpreter has no %s", name);
    return f;
}

static void load(void) {
    library = dlopen("libcairo-script-interpreter.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!library) { snprintf(error, sizeof error, "%s", dlerror()); return; }
    *(void **)&table.create = find("cairo_script_interpreter_create");
    *(void **)&table.install_hooks = find("cairo_script_interpreter_install_hooks");
    *(void **)&table.feed_string = find("cairo_script_interpreter_feed_string");
    *(void **)&table.finish = find("cairo_script_interpreter_finish");
    *(void **)&table.destroy = find("cairo_script_interpreter_destroy");
    if (!table.create || !table.install_hooks || !table.feed_string || !table.finish || !table.destroy) library = NULL;
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
