/* reader.h: the one bounded reader every parser uses.
 *
 * An HlReader is a cursor over [start, end).  Every accessor checks the
 * remaining length first; on a short read it marks the reader failed,
 * records where (offset) and what (a short static description), and returns
 * 0 / an empty sub-reader.  Once failed, all further reads fail, so parsers can
 * read a whole structure and check hl_reader_ok() once at the end.
 *
 * The small accessors are static inline: every parser calls them per field
 * (several times per packet and per handshake message), and as out-of-line
 * calls they cost more than the check they make unless the build uses LTO.
 * Only the failure paths stay out of line (reader.c).
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct {
  const guint8 *base;   /* start of the outermost buffer (offsets are relative to it) */
  const guint8 *pos;
  const guint8 *end;
  const char   *error;  /* static string: what could not be read, NULL if ok */
  gsize         error_offset;
} HlReader;

gboolean      hl_reader_fail        (HlReader *r, const char *what);

/* Propagate a child's failure into its parent (keeps the first error). */
void          hl_reader_take_error  (HlReader *parent, const HlReader *child);

/* Internal: the empty, failed sub-reader hl_reader_sub returns on a short
 * read (out of line: it is the cold path). */
HlReader      hl_reader_failed_sub_ (HlReader *r);

static inline void
hl_reader_init (HlReader *r, const guint8 *data, gsize len)
{
  r->base = data;
  r->pos = data;
  r->end = data + len;
  r->error = NULL;
  r->error_offset = 0;
}

static inline gboolean
hl_reader_ok (const HlReader *r)
{
  return r->error == NULL;
}

static inline gsize
hl_reader_remaining (const HlReader *r)
{
  return r->error ? 0 : (gsize) (r->end - r->pos);
}

/* pos - base */
static inline gsize
hl_reader_offset (const HlReader *r)
{
  return (gsize) (r->pos - r->base);
}

static inline const guint8 *
hl_reader_peek (const HlReader *r)
{
  return r->pos;
}

/* Internal: can n more bytes be read?  Fails the reader (sticky) if not. */
static inline gboolean
hl_reader_need_ (HlReader *r, gsize n, const char *what)
{
  if (G_UNLIKELY (r->error != NULL))
    return FALSE;
  if (G_UNLIKELY ((gsize) (r->end - r->pos) < n))
    return hl_reader_fail (r, what);
  return TRUE;
}

static inline guint8
hl_reader_u8 (HlReader *r)
{
  if (!hl_reader_need_ (r, 1, "truncated: expected 1 byte"))
    return 0;
  return *r->pos++;
}

/* big endian */
static inline guint16
hl_reader_u16 (HlReader *r)
{
  guint16 v;
  if (!hl_reader_need_ (r, 2, "truncated: expected 2 bytes"))
    return 0;
  v = (guint16) ((r->pos[0] << 8) | r->pos[1]);
  r->pos += 2;
  return v;
}

static inline guint32
hl_reader_u24 (HlReader *r)
{
  guint32 v;
  if (!hl_reader_need_ (r, 3, "truncated: expected 3 bytes"))
    return 0;
  v = ((guint32) r->pos[0] << 16) | ((guint32) r->pos[1] << 8) | r->pos[2];
  r->pos += 3;
  return v;
}

static inline guint32
hl_reader_u32 (HlReader *r)
{
  guint32 v;
  if (!hl_reader_need_ (r, 4, "truncated: expected 4 bytes"))
    return 0;
  v = ((guint32) r->pos[0] << 24) | ((guint32) r->pos[1] << 16) |
      ((guint32) r->pos[2] << 8) | r->pos[3];
  r->pos += 4;
  return v;
}

static inline guint64
hl_reader_u64 (HlReader *r)
{
  guint64 hi = hl_reader_u32 (r);
  guint64 lo = hl_reader_u32 (r);
  return (hi << 32) | lo;
}

static inline guint16
hl_reader_u16le (HlReader *r)
{
  guint16 v;
  if (!hl_reader_need_ (r, 2, "truncated: expected 2 bytes"))
    return 0;
  v = (guint16) (r->pos[0] | (r->pos[1] << 8));
  r->pos += 2;
  return v;
}

static inline guint32
hl_reader_u32le (HlReader *r)
{
  guint32 v;
  if (!hl_reader_need_ (r, 4, "truncated: expected 4 bytes"))
    return 0;
  v = (guint32) r->pos[0] | ((guint32) r->pos[1] << 8) |
      ((guint32) r->pos[2] << 16) | ((guint32) r->pos[3] << 24);
  r->pos += 4;
  return v;
}

static inline gboolean
hl_reader_skip (HlReader *r, gsize n)
{
  if (!hl_reader_need_ (r, n, "truncated: skipped past the end"))
    return FALSE;
  r->pos += n;
  return TRUE;
}

/* Returns a pointer to n bytes and advances, or NULL (and fails). */
static inline const guint8 *
hl_reader_bytes (HlReader *r, gsize n)
{
  const guint8 *p;
  if (!hl_reader_need_ (r, n, "truncated: field longer than the data left"))
    return NULL;
  p = r->pos;
  r->pos += n;
  return p;
}

static inline gboolean
hl_reader_copy (HlReader *r, void *dst, gsize n)
{
  const guint8 *p = hl_reader_bytes (r, n);
  if (p == NULL)
    return FALSE;
  memcpy (dst, p, n);
  return TRUE;
}

/* Sub-readers share base (so offsets stay absolute) and cover exactly n bytes;
 * the parent advances past them. vecN reads an N-byte length prefix first and
 * checks it against [min, max]. */
static inline HlReader
hl_reader_sub (HlReader *r, gsize n)
{
  HlReader sub;
  if (!hl_reader_need_ (r, n, "truncated: length runs past the end"))
    return hl_reader_failed_sub_ (r);
  sub.base = r->base;
  sub.pos = r->pos;
  sub.end = r->pos + n;
  sub.error = NULL;
  sub.error_offset = 0;
  r->pos += n;
  return sub;
}

/* Internal: the sub-reader of a vector whose length prefix was just read. */
static inline HlReader
hl_reader_vec_ (HlReader *r, gsize len, gsize min, gsize max)
{
  if (G_UNLIKELY (!hl_reader_ok (r)))
    return hl_reader_failed_sub_ (r);
  if (G_UNLIKELY (len < min || len > max))
    {
      hl_reader_fail (r, "vector length out of its allowed range");
      return hl_reader_failed_sub_ (r);
    }
  return hl_reader_sub (r, len);
}

static inline HlReader
hl_reader_vec8 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u8 (r);
  return hl_reader_vec_ (r, len, min, max);
}

static inline HlReader
hl_reader_vec16 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u16 (r);
  return hl_reader_vec_ (r, len, min, max);
}

static inline HlReader
hl_reader_vec24 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u24 (r);
  return hl_reader_vec_ (r, len, min, max);
}

G_END_DECLS
