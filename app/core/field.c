#include "field.h"

/* Discard mode (per thread): a headless report never shows field trees, and
 * building then freeing them was over 40% of the time on a capture of many
 * handshakes.  In discard mode every node a parser asks for is one reused
 * scratch node: parsers keep their simple "add, then set value" code, no
 * tree is built, and nothing is kept. */
static __thread gboolean discard_mode;
static __thread HlField scratch;

void
hl_field_set_discard (gboolean discard)
{
  discard_mode = discard;
}

gboolean
hl_field_discarding (void)
{
  return discard_mode;
}

gboolean
hl_field_is_scratch (const HlField *field)
{
  return field == &scratch;
}

static HlField *
scratch_node (void)
{
  g_clear_pointer (&scratch.value, g_free);
  scratch.name = (char *) "";
  scratch.offset = scratch.length = 0;
  return &scratch;
}

HlField *
hl_field_new (const char *name, const char *value, guint32 offset, guint32 length)
{
  HlField *f;

  if (discard_mode)
    return scratch_node ();
  f = g_new0 (HlField, 1);
  /* Names are protocol field names from a fixed vocabulary: interned, so a
   * tree of hundreds of fields costs no allocation for them. */
  f->name = (char *) g_intern_string (name);
  f->value = g_strdup (value);
  f->offset = offset;
  f->length = length;
  return f;
}

HlField *
hl_field_add (HlField *parent, const char *name, const char *value,
              guint32 offset, guint32 length)
{
  HlField *f;

  if (discard_mode || parent == &scratch)
    return scratch_node ();
  f = hl_field_new (name, value, offset, length);
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_field_free);
  f->parent = parent;
  g_ptr_array_add (parent->children, f);
  return f;
}

HlField *
hl_field_add_printf (HlField *parent, guint32 offset, guint32 length,
                     const char *name, const char *fmt, ...)
{
  va_list ap;
  HlField *f;
  char *value;

  if (discard_mode || parent == &scratch)
    return scratch_node ();
  va_start (ap, fmt);
  value = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  f = hl_field_add (parent, name, NULL, offset, length);
  f->value = value;
  return f;
}

void
hl_field_free (HlField *field)
{
  if (field == NULL || field == &scratch)
    return;
  g_free (field->value);
  if (field->children)
    g_ptr_array_unref (field->children);
  g_free (field);
}

guint
hl_field_n_children (const HlField *field)
{
  return field->children ? field->children->len : 0;
}

HlField *
hl_field_child (const HlField *field, guint i)
{
  g_return_val_if_fail (field->children && i < field->children->len, NULL);
  return g_ptr_array_index (field->children, i);
}

HlField *
hl_field_find (HlField *field, const char *name)
{
  if (field == NULL)
    return NULL;
  if (g_strcmp0 (field->name, name) == 0)
    return field;
  for (guint i = 0; i < hl_field_n_children (field); i++)
    {
      HlField *hit = hl_field_find (hl_field_child (field, i), name);
      if (hit)
        return hit;
    }
  return NULL;
}

HlField *
hl_field_at_offset (HlField *field, guint32 offset)
{
  if (field == NULL || offset < field->offset || offset >= field->offset + field->length)
    return NULL;
  for (guint i = 0; i < hl_field_n_children (field); i++)
    {
      HlField *hit = hl_field_at_offset (hl_field_child (field, i), offset);
      if (hit)
        return hit;
    }
  return field;
}
