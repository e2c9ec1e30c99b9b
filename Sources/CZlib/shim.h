// zlib from the system (Debian: zlib1g-dev): raw deflate for zip archives and their CRC-32.
#include <zlib.h>
