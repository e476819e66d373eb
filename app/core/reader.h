/* reader.h: the one bounded reader every parser uses.
 *
 * An HlReader is a cursor over [start, end).  Every accessor checks the
 * remaining length first; on a short read it marks the reader failed,
 * records where (offset) and what (a short static description), and returns
 * 0 / an empty sub-reader.  Once failed, all further reads fail, so parsers can
 * read a whole structure and check hl_reader_ok() once at the end.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const guint8 *base;   /* start of the outermost buffer (offsets are relative to it) */
  const guint8 *pos;
  const guint8 *end;
  const char   *error;  /* static string: what could not be read, NULL if ok */
  gsize         error_offset;
} HlReader;

void          hl_reader_init        (HlReader *r, const guint8 *data, gsize len);
gboolean      hl_reader_ok          (const HlReader *r);
gsize         hl_reader_remaining   (const HlReader *r);
gsize         hl_reader_offset      (const HlReader *r);   /* pos - base */
const guint8 *hl_reader_peek        (const HlReader *r);
gboolean      hl_reader_fail        (HlReader *r, const char *what);

guint8        hl_reader_u8          (HlReader *r);
guint16       hl_reader_u16         (HlReader *r);           /* big endian */
guint32       hl_reader_u24         (HlReader *r);
guint32       hl_reader_u32         (HlReader *r);
guint64       hl_reader_u64         (HlReader *r);
guint16       hl_reader_u16le       (HlReader *r);
guint32       hl_reader_u32le       (HlReader *r);
gboolean      hl_reader_skip        (HlReader *r, gsize n);
/* Returns a pointer to n bytes and advances, or NULL (and fails). */
const guint8 *hl_reader_bytes       (HlReader *r, gsize n);
gboolean      hl_reader_copy        (HlReader *r, void *dst, gsize n);

/* Sub-readers share base (so offsets stay absolute) and cover exactly n bytes;
 * the parent advances past them. vecN reads an N-byte length prefix first and
 * checks it against [min, max]. */
HlReader      hl_reader_sub         (HlReader *r, gsize n);
HlReader      hl_reader_vec8        (HlReader *r, gsize min, gsize max);
HlReader      hl_reader_vec16       (HlReader *r, gsize min, gsize max);
HlReader      hl_reader_vec24       (HlReader *r, gsize min, gsize max);

/* Propagate a child's failure into its parent (keeps the first error). */
void          hl_reader_take_error  (HlReader *parent, const HlReader *child);

G_END_DECLS
