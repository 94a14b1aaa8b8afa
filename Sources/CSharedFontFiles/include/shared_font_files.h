// One mapping of each font file for the whole process: see shared_font_files.c.
#ifndef PK_SHARED_FONT_FILES_H
#define PK_SHARED_FONT_FILES_H

/// How many font files are mapped and shared now (for tests).
int pk_shared_font_files_count(void);

#endif
