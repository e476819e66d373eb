/* hex-view.h: a message's bytes as hex and ASCII, with a highlighted range.
 *
 * Drawn in snapshot() from one cached PangoLayout.  Clicking a byte (or
 * moving the cursor with the arrow keys) emits "byte-activated" with its
 * offset; the owner maps it to a field and calls set_highlight().
 */
#pragma once
#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HL_TYPE_HEX_VIEW (hl_hex_view_get_type ())
G_DECLARE_FINAL_TYPE (HlHexView, hl_hex_view, HL, HEX_VIEW, GtkWidget)

/* Bytes beyond this are not shown (messages are small; this bounds work). */
#define HL_HEX_VIEW_MAX_BYTES (64 * 1024)

GtkWidget *hl_hex_view_new           (void);
void       hl_hex_view_set_bytes     (HlHexView *self, GBytes *bytes);
GBytes    *hl_hex_view_get_bytes     (HlHexView *self);
/* Highlights [offset, offset + length) and scrolls it into view; length 0 clears. */
void       hl_hex_view_set_highlight (HlHexView *self, guint offset, guint length);
void       hl_hex_view_get_highlight (HlHexView *self, guint *offset, guint *length);

G_END_DECLS
