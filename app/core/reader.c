/* reader.c: the out-of-line parts of HlReader, its failure paths; the
 * accessors themselves are inline in reader.h. */
#include "reader.h"

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

HlReader
hl_reader_failed_sub_ (HlReader *r)
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

void
hl_reader_take_error (HlReader *parent, const HlReader *child)
{
  if (child->error != NULL && parent->error == NULL)
    {
      parent->error = child->error;
      parent->error_offset = child->error_offset;
    }
}
