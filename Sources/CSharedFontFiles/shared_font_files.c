// One mapping of each font file for the whole process.
//
// Pango gives each of its font maps (one per thread's text context) a HarfBuzz face of its own, made by
// `hb_blob_create_from_file`, which maps the font file; Cairo, drawing the PDF, opens the same file again
// with `FT_New_Face`, which maps it once more. Each mapping counts in the process's memory: with two
// threads, each font file three times (six documents of the example: 4 files, 2.1 MiB of 47). The program
// defines both functions, exported (Package.swift), so the libraries, loaded later, find these first (the
// program comes first in the dynamic linker's global scope): a font file's HarfBuzz blob is made once and
// shared (blobs are immutable and counted atomically), and FreeType reads a file HarfBuzz has mapped from
// that memory (`FT_New_Memory_Face`), the same bytes. Anything else goes to the libraries' own functions,
// found in them with dlsym. At most `LIMIT` files are kept (each for the rest of the process).
#define _GNU_SOURCE
#include "shared_font_files.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#define LIMIT 64

static struct { char *path; hb_blob_t *blob; } files[LIMIT];
static int count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    hb_blob_t *(*blob_from_file)(const char *);
    hb_blob_t *(*blob_reference)(hb_blob_t *);
    const char *(*blob_get_data)(hb_blob_t *, unsigned int *);
    FT_Error (*new_face)(FT_Library, const char *, FT_Long, FT_Face *);
    FT_Error (*new_memory_face)(FT_Library, const FT_Byte *, FT_Long, FT_Long, FT_Face *);
} real;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/// `name` in `library` (mapped by now: its caller needs it), not the program's definition.
static void *find(const char *library, const char *name) {
    void *handle = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
    void *f = handle ? dlsym(handle, name) : NULL;
    if (!f) { fprintf(stderr, "presskit: %s has no %s\n", library, name); abort(); }
    return f;
}

static void resolve(void) {
    *(void **)&real.blob_from_file = find("libharfbuzz.so.0", "hb_blob_create_from_file");
    *(void **)&real.blob_reference = find("libharfbuzz.so.0", "hb_blob_reference");
    *(void **)&real.blob_get_data = find("libharfbuzz.so.0", "hb_blob_get_data");
    *(void **)&real.new_face = find("libfreetype.so.6", "FT_New_Face");
    *(void **)&real.new_memory_face = find("libfreetype.so.6", "FT_New_Memory_Face");
}

/// The blob kept for `path`, or NULL; called with the lock held.
static hb_blob_t *kept(const char *path) {
    for (int i = 0; i < count; i++) if (strcmp(files[i].path, path) == 0) return files[i].blob;
    return NULL;
}

hb_blob_t *hb_blob_create_from_file(const char *file_name) {
    pthread_once(&once, resolve);
    if (!file_name) return real.blob_from_file(file_name);
    pthread_mutex_lock(&lock);
    hb_blob_t *blob = kept(file_name);
    if (blob) {
        blob = real.blob_reference(blob);
    } else {
        blob = real.blob_from_file(file_name);
        unsigned int length = 0;
        char *path = count < LIMIT ? strdup(file_name) : NULL;
        if (path && real.blob_get_data(blob, &length) && length > 0) {
            files[count].path = path;
            files[count].blob = real.blob_reference(blob);
            count++;
        } else {
            free(path);
        }
    }
    pthread_mutex_unlock(&lock);
    return blob;
}

FT_Error FT_New_Face(FT_Library library, const char *filepathname, FT_Long face_index, FT_Face *aface) {
    pthread_once(&once, resolve);
    if (filepathname) {
        pthread_mutex_lock(&lock);
        hb_blob_t *blob = kept(filepathname);
        pthread_mutex_unlock(&lock);
        unsigned int length = 0;
        const char *data = blob ? real.blob_get_data(blob, &length) : NULL;
        if (data && length > 0) return real.new_memory_face(library, (const FT_Byte *)data, (FT_Long)length, face_index, aface);
    }
    return real.new_face(library, filepathname, face_index, aface);
}

int pk_shared_font_files_count(void) {
    pthread_mutex_lock(&lock);
    int n = count;
    pthread_mutex_unlock(&lock);
    return n;
}
