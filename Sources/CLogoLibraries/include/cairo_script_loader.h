// Cairo's script interpreter (libcairo-script-interpreter), loaded when an SVG logo's drawing is first
// replayed (dlopen), not at start-up: most builds draw no SVG. It replays the CairoScript an SVG was
// recorded into (`SVGDrawing`), so a build whose logos are already recorded never loads librsvg.
// The five functions presskit calls, declared as cairo-script-interpreter.h declares them, with a pk_ prefix.
#ifndef PK_CAIRO_SCRIPT_LOADER_H
#define PK_CAIRO_SCRIPT_LOADER_H
#include <cairo.h>
#include <cairo-script-interpreter.h>

/// Loads the interpreter if it is not loaded yet; 0 when it cannot be (no function below may then be called).
int pk_csi_load(void);
/// Why the interpreter could not be loaded (dlerror's message), or NULL.
const char *pk_csi_load_error(void);

cairo_script_interpreter_t *pk_csi_create(void);
void pk_csi_install_hooks(cairo_script_interpreter_t *ctx, const cairo_script_interpreter_hooks_t *hooks);
cairo_status_t pk_csi_feed_string(cairo_script_interpreter_t *ctx, const char *line, int len);
cairo_status_t pk_csi_finish(cairo_script_interpreter_t *ctx);
cairo_status_t pk_csi_destroy(cairo_script_interpreter_t *ctx);

#endif
