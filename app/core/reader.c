#include "reader.h"
#include <string.h>

void
hl_reader_init (HlReader *r, const guint8 *data, gsize len)
{
  r->base = data;
  r->pos = data;
  r->end = data + len;
  r->error = NULL;
  r->error_offset = 0;
}

gboolean
hl_reader_ok (const HlReader *r)
{
  return r->error == NULL;
}

gsize
hl_reader_remaining (const HlReader *r)
{
  return r->error ? 0 : (gsize) (r->end - r->pos);
}

gsize
hl_reader_offset (const HlReader *r)
{
  return (gsize) (r->pos - r->base);
}

const guint8 *
hl_reader_peek (const HlReader *r)
{
  return r->pos;
}

gboolean
hl_reader_fail (HlReader *r, const char *what)
{
  if (r->error == NULL)
    {
      r->error = what;
      r->error_offset = (gsize) (r->pos - r->base);
    }
  return FALSE;
}

static inline gboolean
need (HlReader *r, gsize n, const char *what)
{
  if (G_UNLIKELY (r->error != NULL))
    return FALSE;
  if (G_UNLIKELY ((gsize) (r->end - r->pos) < n))
    return hl_reader_fail (r, what);
  return TRUE;
}

guint8
hl_reader_u8 (HlReader *r)
{
  if (!need (r, 1, "truncated: expected 1 byte"))
    return 0;
  return *r->pos++;
}

guint16
hl_reader_u16 (HlReader *r)
{
  guint16 v;
  if (!need (r, 2, "truncated: expected 2 bytes"))
    return 0;
  v = (guint16) ((r->pos[0] << 8) | r->pos[1]);
  r->pos += 2;
  return v;
}

guint32
hl_reader_u24 (HlReader *r)
{
  guint32 v;
  if (!need (r, 3, "truncated: expected 3 bytes"))
    return 0;
  v = ((guint32) r->pos[0] << 16) | ((guint32) r->pos[1] << 8) | r->pos[2];
  r->pos += 3;
  return v;
}

guint32
hl_reader_u32 (HlReader *r)
{
  guint32 v;
  if (!need (r, 4, "truncated: expected 4 bytes"))
    return 0;
  v = ((guint32) r->pos[0] << 24) | ((guint32) r->pos[1] << 16) |
      ((guint32) r->pos[2] << 8) | r->pos[3];
  r->pos += 4;
  return v;
}

guint64
hl_reader_u64 (HlReader *r)
{
  guint64 hi = hl_reader_u32 (r);
  guint64 lo = hl_reader_u32 (r);
  return (hi << 32) | lo;
}

guint16
hl_reader_u16le (HlReader *r)
{
  guint16 v;
  if (!need (r, 2, "truncated: expected 2 bytes"))
    return 0;
  v = (guint16) (r->pos[0] | (r->pos[1] << 8));
  r->pos += 2;
  return v;
}

guint32
hl_reader_u32le (HlReader *r)
{
  guint32 v;
  if (!need (r, 4, "truncated: expected 4 bytes"))
    return 0;
  v = (guint32) r->pos[0] | ((guint32) r->pos[1] << 8) |
      ((guint32) r->pos[2] << 16) | ((guint32) r->pos[3] << 24);
  r->pos += 4;
  return v;
}

gboolean
hl_reader_skip (HlReader *r, gsize n)
{
  if (!need (r, n, "truncated: skipped past the end"))
    return FALSE;
  r->pos += n;
  return TRUE;
}

const guint8 *
hl_reader_bytes (HlReader *r, gsize n)
{
  const guint8 *p;
  if (!need (r, n, "truncated: field longer than the data left"))
    return NULL;
  p = r->pos;
  r->pos += n;
  return p;
}

gboolean
hl_reader_copy (HlReader *r, void *dst, gsize n)
{
  const guint8 *p = hl_reader_bytes (r, n);
  if (p == NULL)
    return FALSE;
  memcpy (dst, p, n);
  return TRUE;
}

static HlReader
failed_sub (HlReader *r)
{
  HlReader sub = *r;
  sub.pos = sub.end = r->pos;
  if (sub.error == NULL)
    {
      sub.error = r->error ? r->error : "truncated";
      sub.error_offset = hl_reader_offset (r);
    }
  return sub;
}

HlReader
hl_reader_sub (HlReader *r, gsize n)
{
  HlReader sub;
  if (!need (r, n, "truncated: length runs past the end"))
    return failed_sub (r);
  sub.base = r->base;
  sub.pos = r->pos;
  sub.end = r->pos + n;
  sub.error = NULL;
  sub.error_offset = 0;
  r->pos += n;
  return sub;
}

static HlReader
vec_checked (HlReader *r, gsize len, gsize min, gsize max)
{
  if (!hl_reader_ok (r))
    return failed_sub (r);
  if (len < min || len > max)
    {
      hl_reader_fail (r, "vector length out of its allowed range");
      return failed_sub (r);
    }
  return hl_reader_sub (r, len);
}

HlReader
hl_reader_vec8 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u8 (r);
  return vec_checked (r, len, min, max);
}

HlReader
hl_reader_vec16 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u16 (r);
  return vec_checked (r, len, min, max);
}

HlReader
hl_reader_vec24 (HlReader *r, gsize min, gsize max)
{
  gsize len = hl_reader_u24 (r);
  return vec_checked (r, len, min, max);
}

void
hl_reader_take_error (HlReader *parent, const HlReader *child)
{
  if (child->error != NULL && parent->error == NULL)
    {
      parent->error = child->error;
      parent->error_offset = child->error_offset;
    }
}
