// cmark-gfm, GitHub's CommonMark library, with its core extensions (tables, strikethrough, autolinks).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
