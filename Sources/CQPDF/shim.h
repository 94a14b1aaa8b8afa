// libqpdf's C API: reads a PDF into objects, changes them, writes the whole file again.
#include <qpdf/qpdf-c.h>
