// libhyphen (no pkg-config file on Debian): TeX hyphenation patterns.
#include <hyphen.h>
