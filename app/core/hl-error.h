#pragma once
#include <glib.h>

G_BEGIN_DECLS

#define HL_ERROR (hl_error_quark ())
GQuark hl_error_quark (void);

typedef enum {
  HL_ERROR_FAILED,
  HL_ERROR_IO,           /* file cannot be opened or read */
  HL_ERROR_FORMAT,       /* not a capture file we know (bad magic) */
  HL_ERROR_TRUNCATED,    /* the file ends inside a block/record */
  HL_ERROR_CORRUPT,      /* a structure has an impossible value */
  HL_ERROR_UNSUPPORTED,  /* valid but not handled (link type, ...) */
  HL_ERROR_LIMIT,        /* an input exceeded a safety limit */
  HL_ERROR_CRYPTO,       /* decryption or authentication failed */
  HL_ERROR_PERMISSION,   /* privileges missing (live capture) */
  HL_ERROR_NETWORK,      /* probe: DNS, connect */
} HlErrorCode;

G_END_DECLS
