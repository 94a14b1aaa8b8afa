// One mapping of each font file for the whole process.
//
// Pango gives each of its font maps (one per thread's text context) a HarfBuzz face of its own, made by
// `hb_blob_create_from_file`, which maps the font file; Cairo, drawing the PDF, opens the same file again
// with `FT_New_Face`, which maps it once more. Each mapping counts in the process's memory: with two
// threads, each font file three times (six documents of the example: 4 files, 2.1 MiB of 47). The program
// defines both functions, exported (Package.swift), so the libraries, loaded later, find them first (the
// program comes first in the dynamic linker's global scope). Both map a font file here, once, and share the
// mapping: HarfBuzz gets a blob of its own over it (`hb_blob_create`), FreeType a face read from it
// (`FT_New_Memory_Face`), the same bytes. A mapping counts its users (each blob, each face) and is unmapped
// when the last lets go, so a long process keeps only the fonts in use. Sharing Pango's HarfBuzz faces as
// well changed nothing measurable (44.7 / 44.6 MiB). Anything else goes to the libraries' own functions,
// found in them with dlsym. A file is known by its stamp (device, inode, size, time of change): one
// replaced or rewritten (a designer's new font during `watch`) gets a new mapping, and a file changed in
// the last two seconds is not shared at all (a later change in the same tick of the file clock could not
// be told).
#define _GNU_SOURCE
#include "shared_font_files.h"
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

/// What tells one content of a file from another.
typedef struct { dev_t device; ino_t inode; off_t size; struct timespec modified; } stamp_t;

/// A font file mapped, as it was when mapped, and how many blobs and faces read it.
typedef struct mapping {
    struct mapping *next;
    char *path;
    stamp_t stamp;
    void *data;
    size_t length;
    int users;
} mapping_t;

static mapping_t *mappings;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    hb_blob_t *(*blob_from_file)(const char *);
    hb_blob_t *(*blob_create)(const char *, unsigned int, hb_memory_mode_t, void *, hb_destroy_func_t);
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
    *(void **)&real.blob_create = find("libharfbuzz.so.0", "hb_blob_create");
    *(void **)&real.new_face = find("libfreetype.so.6", "FT_New_Face");
    *(void **)&real.new_memory_face = find("libfreetype.so.6", "FT_New_Memory_Face");
}

/// The stamp of `st`; 0 when the file was changed too recently (within two seconds) for a later change in
/// the same tick of the file clock to be told apart: such a file is not shared.
static int stamp_of(const struct stat *st, stamp_t *stamp) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (!S_ISREG(st->st_mode) || st->st_size <= 0 || now.tv_sec - st->st_mtim.tv_sec < 2) return 0;
    *stamp = (stamp_t){st->st_dev, st->st_ino, st->st_size, st->st_mtim};
    return 1;
}

static int same(const stamp_t *a, const stamp_t *b) {
    return a->device == b->device && a->inode == b->inode && a->size == b->size
        && a->modified.tv_sec == b->modified.tv_sec && a->modified.tv_nsec == b->modified.tv_nsec;
}

/// The mapping of the file at `path` as it is now, with one more user; NULL when it is not to be shared
/// (changed a moment ago, not a regular file) or cannot be mapped.
static mapping_t *acquire(const char *path) {
    struct stat st;
    stamp_t stamp;
    if (stat(path, &st) != 0 || !stamp_of(&st, &stamp)) return NULL;
    pthread_mutex_lock(&lock);
    // A mapping of the file as it was before a change keeps its users, and gets no new one.
    for (mapping_t *m = mappings; m; m = m->next) {
        if (strcmp(m->path, path) == 0 && same(&m->stamp, &stamp)) {
            m->users++;
            pthread_mutex_unlock(&lock);
            return m;
        }
    }
    mapping_t *made = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat opened;
    // The file opened must be the one stamped (not replaced in between).
    if (fd >= 0 && fstat(fd, &opened) == 0 && opened.st_ino == st.st_ino && opened.st_dev == st.st_dev
        && opened.st_size == st.st_size) {
        void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data != MAP_FAILED && (made = calloc(1, sizeof *made)) && (made->path = strdup(path))) {
            made->stamp = stamp;
            made->data = data;
            made->length = (size_t)st.st_size;
            made->users = 1;
            made->next = mappings;
            mappings = made;
        } else {
            if (data != MAP_FAILED) munmap(data, (size_t)st.st_size);
            free(made);
            made = NULL;
        }
    }
    if (fd >= 0) close(fd);
    pthread_mutex_unlock(&lock);
    return made;
}

/// One user fewer of `m`; unmapped when none is left.
static void release(void *user) {
    mapping_t *m = user;
    pthread_mutex_lock(&lock);
    if (--m->users == 0) {
        for (mapping_t **p = &mappings; *p; p = &(*p)->next) {
            if (*p == m) { *p = m->next; break; }
        }
        munmap(m->data, m->length);
        free(m->path);
        free(m);
    }
    pthread_mutex_unlock(&lock);
}

hb_blob_t *hb_blob_create_from_file(const char *file_name) {
    pthread_once(&once, resolve);
    mapping_t *m = file_name ? acquire(file_name) : NULL;
    if (!m) return real.blob_from_file(file_name);
    return real.blob_create(m->data, (unsigned int)m->length, HB_MEMORY_MODE_READONLY, m, release);
}

/// Lets go of the mapping a face made by `FT_New_Face` below read (FreeType calls it as the face is done).
static void release_face(void *object) {
    FT_Face face = object;
    release(face->generic.data);
}

FT_Error FT_New_Face(FT_Library library, const char *filepathname, FT_Long face_index, FT_Face *aface) {
    pthread_once(&once, resolve);
    mapping_t *m = filepathname && aface ? acquire(filepathname) : NULL;
    if (m) {
        FT_Error error = real.new_memory_face(library, (const FT_Byte *)m->data, (FT_Long)m->length, face_index, aface);
        if (error == 0) {
            (*aface)->generic.data = m;
            (*aface)->generic.finalizer = release_face;
            return 0;
        }
        release(m);
    }
    return real.new_face(library, filepathname, face_index, aface);
}

int pk_shared_font_files_count(void) {
    pthread_mutex_lock(&lock);
    int n = 0;
    for (mapping_t *m = mappings; m; m = m->next) n++;
    pthread_mutex_unlock(&lock);
    return n;
}
