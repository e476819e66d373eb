/* connection-row.h: one connection in the sidebar list. */
#pragma once
#include <adwaita.h>
#include "connection-item.h"

G_BEGIN_DECLS

#define HL_TYPE_CONNECTION_ROW (hl_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (HlConnectionRow, hl_connection_row, HL, CONNECTION_ROW, AdwBin)

GtkWidget *hl_connection_row_new      (void);
void       hl_connection_row_set_item (HlConnectionRow *self, HlConnectionItem *item);

G_END_DECLS
