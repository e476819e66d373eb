/* connection-row.h: one connection in the sidebar list. */
#pragma once
#include <adwaita.h>
#include "connection-item.h"

G_BEGIN_DECLS

#define HL_TYPE_CONNECTION_ROW (hl_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (HlConnectionRow, hl_connection_row, HL, CONNECTION_ROW, AdwBin)

GtkWidget *hl_connection_row_new      (void);
void       hl_connection_row_set_item (HlConnectionRow *self, HlConnectionItem *item);
/* The tooltip of the status icon, or (endpoints) of the address line:
 * given when GTK asks (query-tooltip), so binding a row sets no tooltip. */
const char *hl_connection_row_get_tooltip (HlConnectionRow *self, gboolean endpoints);

G_END_DECLS
