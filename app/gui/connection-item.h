/* connection-item.h: a GObject row for list models around one HlConnection. */
#pragma once
#include <gio/gio.h>
#include "connection.h"

G_BEGIN_DECLS

/* Whatever keeps the connections alive (an engine, or an array of
 * connections): freed with free_func when the last item goes away. */
typedef struct _HlConnectionOwner HlConnectionOwner;

HlConnectionOwner *hl_connection_owner_new   (gpointer data, GDestroyNotify free_func);
HlConnectionOwner *hl_connection_owner_ref   (HlConnectionOwner *owner);
void               hl_connection_owner_unref (HlConnectionOwner *owner);

#define HL_TYPE_CONNECTION_ITEM (hl_connection_item_get_type ())
G_DECLARE_FINAL_TYPE (HlConnectionItem, hl_connection_item, HL, CONNECTION_ITEM, GObject)

HlConnectionItem   *hl_connection_item_new            (HlConnection *conn, HlConnectionOwner *owner);
const HlConnection *hl_connection_item_get_connection (HlConnectionItem *self);
guint64             hl_connection_item_get_id         (HlConnectionItem *self);

G_END_DECLS
