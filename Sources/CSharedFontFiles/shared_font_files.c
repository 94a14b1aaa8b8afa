// One mapping of each font file for the whole process.
//
// Pango gives each of its font maps (one per thread's text context) a HarfBuzz face of its own, made by
// `hb_blob_create_from_file`, which maps the font file; Cairo, drawing the PDF, opens the same file again
// with `FT_New_Face`, which maps it once more. Each mapping counts in the process's memory: with two
// threads, each font file three times (six documents of the example: 4 files, 2.1 MiB of 47). The program
// defines both functions, exported (Package.swift), so the libraries, loaded later, find them first (the
// program comes first in the dynamic linker's global scope): a font file's HarfBuzz blob is made once and
// shared (blobs are immutable and counted atomically), and FreeType reads a file HarfBuzz has mapped from
// that memory (`FT_New_Memory_Face`), the same bytes. (Sharing Pango's HarfBuzz faces as well changed
// nothing measurable: 44.7 / 44.6 MiB.) Anything else goes to
// the libraries' own functions, found in them with dlsym. A file is known by its stamp (device, inode,
// size, time of change): one replaced or rewritten (a designer's new font during `watch`) gets a new blob,
// and a file changed in the last two seconds is not shared at all (a later change in the same tick of the
// file clock could not be told). At most `LIMIT` files are kept.
#define _GNU_SOURCE
#include "shared_font_files.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#define LIMIT 64

/// What tells one content of a file from another: a file replaced or rewritten gets a new blob.
typedef struct { dev_t device; ino_t inode; off_t size; struct timespec modified; } stamp_t;
/// A file's blob as it was when mapped.
static struct { char *path; stamp_t stamp; hb_blob_t *blob; } files[LIMIT];
static int count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    hb_blob_t *(*blob_from_file)(const char *);
    hb_blob_t *(*blob_reference)(hb_blob_t *);
    const char *(*blob_get_data)(hb_blob_t *, unsigned int *);
    void (*blob_destroy)(hb_blob_t *);
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
    *(void **)&real.blob_destroy = find("libharfbuzz.so.0", "hb_blob_destroy");
    *(void **)&real.new_face = find("libfreetype.so.6", "FT_New_Face");
    *(void **)&real.new_memory_face = find("libfreetype.so.6", "FT_New_Memory_Face");
}

/// The file's stamp; 0 when it cannot be read or was changed too recently (within two seconds) for a later
/// change in the same tick of the file clock to be told apart: such a file is not shared.
static int stamp_of(const char *path, stamp_t *stamp) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (now.tv_sec - st.st_mtim.tv_sec < 2) return 0;
    *stamp = (stamp_t){st.st_dev, st.st_ino, st.st_size, st.st_mtim};
    return 1;
}

static int same(const stamp_t *a, const stamp_t *b) {
    return a->device == b->device && a->inode == b->inode && a->size == b->size
        && a->modified.tv_sec == b->modified.tv_sec && a->modified.tv_nsec == b->modified.tv_nsec;
}

/// The entry kept for `path`, or -1; called with the lock held. An entry for another content of the file
/// is let go (those who hold its blob keep it).
static int kept(const char *path, const stamp_t *stamp) {
    for (int i = 0; i < count; i++) {
        if (strcmp(files[i].path, path) != 0) continue;
        if (same(&files[i].stamp, stamp)) return i;
        real.blob_destroy(files[i].blob);
        free(files[i].path);
        files[i] = files[--count];
        return -1;
    }
    return -1;
}

hb_blob_t *hb_blob_create_from_file(const char *file_name) {
    pthread_once(&once, resolve);
    stamp_t stamp;
    if (!file_name || !stamp_of(file_name, &stamp)) return real.blob_from_file(file_name);
    pthread_mutex_lock(&lock);
    hb_blob_t *blob;
    int i = kept(file_name, &stamp);
    if (i >= 0) {
        blob = real.blob_reference(files[i].blob);
    } else {
        blob = real.blob_from_file(file_name);
        unsigned int length = 0;
        char *path = count < LIMIT ? strdup(file_name) : NULL;
        if (path && real.blob_get_data(blob, &length) && length > 0) {
            files[count].path = path;
            files[count].stamp = stamp;
            files[count].blob = real.blob_reference(blob);
            count++;
        } else {
            free(path);
        }
    }
    pthread_mutex_unlock(&lock);
    return blob;
}

/// Lets go of the blob a face made by `FT_New_Face` below read (FreeType calls it as the face is done).
static void release_blob(void *object) {
    FT_Face face = object;
    real.blob_destroy(face->generic.data);
}

FT_Error FT_New_Face(FT_Library library, const char *filepathname, FT_Long face_index, FT_Face *aface) {
    pthread_once(&once, resolve);
    stamp_t stamp;
    if (filepathname && aface && stamp_of(filepathname, &stamp)) {
        pthread_mutex_lock(&lock);
        int i = kept(filepathname, &stamp);
        // The face holds the blob for as long as it reads it, even if the file changes meanwhile.
        hb_blob_t *blob = i >= 0 ? real.blob_reference(files[i].blob) : NULL;
        pthread_mutex_unlock(&lock);
        unsigned int length = 0;
        const char *data = blob ? real.blob_get_data(blob, &length) : NULL;
        if (data && length > 0) {
            FT_Error error = real.new_memory_face(library, (const FT_Byte *)data, (FT_Long)length, face_index, aface);
            if (error == 0) {
                (*aface)->generic.data = blob;
                (*aface)->generic.finalizer = release_blob;
                return 0;
            }
        }
        if (blob) real.blob_destroy(blob);
    }
    return real.new_face(library, filepathname, face_index, aface);
}

int pk_shared_font_files_count(void) {
    pthread_mutex_lock(&lock);
    int n = count;
    pthread_mutex_unlock(&lock);
    return n;
}
