/* field.h: a node of a message's field tree.
 *
 * Offsets are relative to the bytes of the event that owns the tree
 * (HlEvent.bytes), so the hex view can highlight them.  `value` is a
 * human-readable rendering ("TLS 1.2 (0x0303)"); names are untranslated
 * protocol field names (like Wireshark's), shown as-is in the Fields tab.
 */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct _HlField HlField;
struct _HlField {
  char      *name;     /* interned (g_intern_string): never freed or modified */
  char      *value;    /* may be NULL for pure containers */
  guint32    offset;
  guint32    length;
  HlField   *parent;
  GPtrArray *children; /* HlField*, NULL when leaf */
};

HlField *hl_field_new        (const char *name, const char *value, guint32 offset, guint32 length);
/* Appends a new child and returns it (owned by parent). */
HlField *hl_field_add        (HlField *parent, const char *name, const char *value,
                              guint32 offset, guint32 length);
HlField *hl_field_add_printf (HlField *parent, guint32 offset, guint32 length,
                              const char *name, const char *fmt, ...) G_GNUC_PRINTF (5, 6);
void     hl_field_free       (HlField *field);
guint    hl_field_n_children (const HlField *field);
HlField *hl_field_child      (const HlField *field, guint i);
/* Depth-first search by name; NULL if absent. */
HlField *hl_field_find       (HlField *field, const char *name);
/* Innermost field whose range contains offset. */
HlField *hl_field_at_offset  (HlField *field, guint32 offset);

/* Discard mode for the calling thread: hl_field_new/add return one reused
 * scratch node and build no tree (headless reports). hl_field_free ignores
 * the scratch node; hl_field_is_scratch tells it apart. */
void     hl_field_set_discard (gboolean discard);
gboolean hl_field_is_scratch  (const HlField *field);
/* TRUE in discard mode: code that only formats values for fields skips it. */
gboolean hl_field_discarding  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlField, hl_field_free)

G_END_DECLS
