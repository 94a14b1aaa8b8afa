// floor.c: the libraries' own floor for presskit's work (issue 16), without presskit: fontconfig with
// presskit's fonts, Pango setting N pages of French text (7 justified paragraphs of Inter 9.6pt on A4
// each, with Pango's FreeType back end as presskit sets text, nothing cached), Cairo drawing N pages of
// already-set text into a PDF, and libqpdf rewriting it. Prints each stage's time; `/usr/bin/time -v`
// gives its peak memory. Not part of the package (excluded in Package.swift):
//   gcc -O2 -o /tmp/floor Sources/presskit-bench/floor.c $(pkg-config --cflags --libs pangocairo pangoft2 fontconfig cairo-pdf) -lqpdf
//   /tmp/floor 500          (run from the repository: it reads Assets/fonts; writes /tmp/floor-out*.pdf)
#include <pango/pangocairo.h>
#include <pango/pangoft2.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>
#include <cairo-pdf.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static cairo_status_t sink(void *c, const unsigned char *d, unsigned int n) { FILE *f = c; fwrite(d, 1, n, f); return CAIRO_STATUS_SUCCESS; }

int main(int argc, char **argv) {
    int pages = argc > 1 ? atoi(argv[1]) : 1;
    double t0 = now();
    FcConfig *config = FcConfigCreate();
    FcConfigAppFontAddDir(config, (const FcChar8 *)"Assets/fonts");
    FcConfigSetCurrent(config);
    const char *para = "Les ministres ont débattu de manière très fructueuse des trois thèmes suivants : renforcer la coopération internationale en faveur d’une intelligence artificielle au service de l’humain et utiliser celle-ci pour réduire les inégalités ; comment lutter efficacement contre les violences en ligne ; bâtir ensemble des technologies reposant sur l’exploitation des données et des infrastructures numériques de confiance.";
    // Setting: an FT2 font map, as presskit's layout.
    PangoFontMap *fm = pango_ft2_font_map_new();
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
    pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(fm), 72, 72);
    PangoContext *ctx = pango_font_map_create_context(fm);
    PangoFontDescription *desc = pango_font_description_from_string("Inter 9.6");
    pango_font_description_set_absolute_size(desc, 9.6 * PANGO_SCALE);
    double t1 = now();
    // 7 paragraphs of ~6 lines a page.
    int per = 7 * pages;
    PangoLayout **layouts = malloc(sizeof(PangoLayout *) * per);
    for (int i = 0; i < per; i++) {
        PangoLayout *l = pango_layout_new(ctx);
        pango_layout_set_font_description(l, desc);
        pango_layout_set_width(l, 481 * PANGO_SCALE);
        pango_layout_set_justify(l, TRUE);
        pango_layout_set_text(l, para, -1);
        pango_layout_get_line_count(l);  // lays it out
        layouts[i] = l;
    }
    double t2 = now();
    // Drawing: a Cairo PDF, with pangocairo's own font map (Cairo fonts), the same text.
    FILE *f = fopen("/tmp/floor-out.pdf", "wb");
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, f, 595.3, 841.9);
    cairo_t *cr = cairo_create(s);
    PangoFontMap *cfm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(cfm), config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(cfm), 72);
    PangoContext *cctx = pango_font_map_create_context(cfm);
    // Laid out once: drawing alone is measured (what is left when every paragraph's shaping is cached).
    PangoLayout *ready[7];
    for (int k = 0; k < 7; k++) {
        PangoLayout *l = pango_layout_new(cctx);
        pango_layout_set_font_description(l, desc);
        pango_layout_set_width(l, 481 * PANGO_SCALE);
        pango_layout_set_justify(l, TRUE);
        pango_layout_set_text(l, para, -1);
        pango_layout_get_line_count(l);
        ready[k] = l;
    }
    double t2b = now();
    for (int p = 0; p < pages; p++) {
        double y = 57;
        for (int k = 0; k < 7; k++) {
            cairo_move_to(cr, 57, y);
            pango_cairo_show_layout(cr, ready[k]);
            int h; pango_layout_get_size(ready[k], NULL, &h);
            y += h / (double)PANGO_SCALE + 7;
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    fclose(f);
    double t3 = now();
    t2 = t2b;
    qpdf_data q = qpdf_init();
    qpdf_read(q, "/tmp/floor-out.pdf", NULL);
    qpdf_init_write(q, "/tmp/floor-out2.pdf");
    qpdf_set_object_stream_mode(q, qpdf_o_generate);
    qpdf_write(q);
    qpdf_cleanup(&q);
    double t4 = now();
    fprintf(stderr, "pages %d: fonts %.1f ms, set %.1f ms, draw %.1f ms, qpdf %.1f ms, total %.1f ms\n", pages, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0);
    return 0;
}
